"""The deprecation plugin fails a test that makes a deprecated discord.py call."""

from __future__ import annotations

import pytest

pytest_plugins = ("pytester",)

DEPRECATED_LABEL = """
import discord


def test_reads_a_text_box_label() -> None:
    box = discord.ui.TextInput(label="Old style")
    assert box.label == "Old style"
"""

LABELLED_BOX = """
import discord


def test_builds_a_labelled_box() -> None:
    label = discord.ui.Label(text="New style", component=discord.ui.TextInput())
    assert label.to_component_dict()["label"] == "New style"
"""


def run(pytester: pytest.Pytester, source: str) -> pytest.RunResult:
    pytester.makepyfile(source)
    return pytester.runpytest_inprocess(
        "-p", "no:asyncio", "-p", "tests.support.deprecations", "-q"
    )


def test_a_deprecated_discord_call_fails_the_test(pytester: pytest.Pytester) -> None:
    result = run(pytester, DEPRECATED_LABEL)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*deprecated call during the test:", "*label is deprecated, use discord.ui.Label instead."]
    )


def test_the_current_way_passes(pytester: pytest.Pytester) -> None:
    run(pytester, LABELLED_BOX).assert_outcomes(passed=1)
