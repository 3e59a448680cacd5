"""Abuse: every form filled with anything its boxes take and any picks its lists allow, or
with a list forged to carry text, through the emulator (the machinery is test_fuzz.py's).

Whatever comes in: no crash, no payload Discord would refuse, mentions off.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.emulator.driver import MODAL_SUBMIT
from bot.emulator.form_answers import Answer, modal_submission
from bot.emulator.records import TEXT_INPUT, modal_fields
from tests.e2e.test_fuzz import (
    FUZZ,
    BotThread,
    bot,
    check_answer,
    settle,
    text,
)

# `bot` is the fixture the option fuzzing uses (it checks every message and log line after
# the test); importing it is how pytest finds it here.
__all__ = ["bot"]

# Each form, opened as a person would, with what its command needs before it opens.
FORMS = {
    "offer check": ("guild", {"role": "mle", "location": "seattle"}),
    "profile set": ("dm", {}),
    "share add": ("guild", {"role": "mle", "level": "senior", "location": "seattle"}),
}


def form_answers(modal: dict[str, Any]) -> st.SearchStrategy[dict[str, Answer]]:
    """Anything typed into the boxes, any allowed picks from the lists; fields may be left
    as shown unless they must be answered."""
    required: dict[str, st.SearchStrategy[Answer]] = {}
    optional: dict[str, st.SearchStrategy[Answer]] = {}
    for question in modal_fields(modal):
        fields = required if question.required else optional
        if question.kind == TEXT_INPUT:
            longest = int(question.component.get("max_length") or 4000)
            fields[question.label] = text(1 if question.required else 0, longest)
        else:
            values = [str(option["value"]) for option in question.options]
            most = int(question.component.get("max_values") or 1)
            fields[question.label] = st.lists(st.sampled_from(values), unique=True, max_size=most)
    return st.fixed_dictionaries(required, optional=optional)


@pytest.mark.parametrize("command", list(FORMS))
def test_any_form_answers_never_crash_or_mention(
    bot: BotThread, caplog: pytest.LogCaptureFixture, command: str
) -> None:
    """Every form filled with anything the client allows, or a list forged to hold text."""
    harness = bot.harness
    where, options = FORMS[command]

    @FUZZ
    @given(data=st.data())
    def example(data: st.DataObject) -> None:
        user = harness.server.add_user("filler")
        place = bot.place(user, where)
        opened = bot.call(settle(bot.call(harness.driver.slash(user, place, command, options))))
        modal = opened.modal
        answers = data.draw(form_answers(modal), label="answers")
        submission = modal_submission(modal, answers)
        lists = [i for i, q in enumerate(modal_fields(modal)) if q.kind != TEXT_INPUT]
        if data.draw(st.booleans(), label="forged"):
            index = data.draw(st.sampled_from(lists), label="list")
            component = submission["components"][index]["component"]
            component["values"] = data.draw(st.lists(text(1, 120), max_size=3), label="sent")
        record = bot.call(harness.driver.send_raw(MODAL_SUBMIT, user, place, submission))
        bot.call(settle(record))
        check_answer(bot, record, caplog)

    example()
