"""Every command family once through `python -m bot console`, with piped input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.support import run_console

# (console arguments, lines typed, what must be printed, in order)
SESSIONS = {
    "estimate": (
        (),
        "/estimate role:mle years:4 location:seattle\nWhat if senior?\n/whatif location:london\n",
        [
            # A card: buttons beside what they act on, the chart as its saved file.
            "== Machine Learning Engineer · Mid · 4 years · Seattle, WA ==  [What if senior?]",
            "-- Base band",
            "[chart] ",
            "-- What moved it  [Tips for me]",
            "Buttons: [Compare roles]  [Save as my profile]  [Check an offer]",
            "From your estimate for **Machine Learning Engineer · Mid · 4 years · Seattle, WA**: "
            "experience Mid · 4 years → Senior (6-10 years).",
            "-- What if: level",
            "== Machine Learning Engineer · Senior (6-10 years) · London, United Kingdom ==",
            "-- What if: location",
        ],
    ),
    "compare": (
        (),
        '/compare roles role:"data scientist"\n/compare locations places:"austin, germany"\n',
        ["== Roles compared · United States ==", "◀ you", "== Places compared ·", "purchasing"],
    ),
    "tips": (
        (),
        "/tips role:mle location:seatle\n/tips role:mle education:phd\n",
        ["did you mean Seattle, WA", "-- Moves you can make", "-- Negotiating"],
    ),
    "profile": (
        (),
        # The form: role and experience picked by name, skills by number, certifications kept.
        "/profile set\ndata scientist\n5 years\nberlin\n1 6\n\n/profile show\n"
        "/profile export\n/profile delete\nDelete everything\n/profile show\n",
        [
            "== Your salary profile ==",
            "-- Skills (pick several)",
            "picked: Python; SQL",
            "Profile saved.",
            "-- Experience\n   5 years",
            "-- Location\n   Berlin, Germany",
            "-- Skills\n   Python, SQL",
            "Everything I store about you.",
            "Buttons: [Delete everything]  [Cancel]",
            "Deleted everything stored about you (1 profile",
            "Nothing saved yet.",
        ],
    ),
    "history": (
        (),
        "/estimate role:mle location:austin\n/history\npick 1\n",
        [
            "== Your recent queries ==",
            "Menu 'Run one again'",
            "== Machine Learning Engineer · Austin, TX ==",
        ],
    ),
    "settings": (
        ("console", "--server"),
        "/estimate role:mle\n/settings public_answers:true\n/estimate role:mle\n",
        [
            "(only you can see this)\n== Machine Learning Engineer",
            "Saved.",
            "-- Answers by default\n   public",
        ],
    ),
}


@pytest.mark.parametrize("family", list(SESSIONS))
def test_each_command_family_runs_in_the_console(tmp_path: Path, family: str) -> None:
    args, lines, expected = SESSIONS[family]
    done = run_console(tmp_path, lines, *args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Something went wrong" not in done.stdout
    out = done.stdout
    position = 0
    for text in expected:
        found = out.find(text, position)
        assert found >= 0, f"{text!r} not printed after position {position}:\n{out}"
        position = found + len(text)
    if family == "profile":
        (export,) = (tmp_path / "console-files").glob("*.json")
        assert json.loads(export.read_text())["profiles"]["role"] == "data_scientist"
    if family == "settings":
        # After the server made answers public, the last one is for everyone.
        last_answer = out.rsplit("Community features", 1)[1]
        assert "== Machine Learning Engineer" in last_answer
        assert "(only you can see this)" not in last_answer
