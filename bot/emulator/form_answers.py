"""A modal filled in as the Discord client fills it: text typed into boxes and options picked
from lists, each checked against what the form allows, into the MODAL_SUBMIT data.

A field left out of the answers is sent as the person found it: a box with its text, a list
with the options already picked. An answer names its field by label or by custom_id.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from bot.emulator.records import (
    ACTION_ROW,
    CHECKBOX,
    LABEL,
    OPTION_LISTS,
    RADIO_GROUP,
    TEXT_INPUT,
    FormField,
    modal_fields,
)
from bot.emulator.usage import UsageError

Json = dict[str, Any]
# A box's text, one pick or several, a checkbox's tick.
Answer = str | list[str] | bool


def modal_submission(modal: Json, answers: Mapping[str, Answer]) -> Json:
    """The `data` of the MODAL_SUBMIT interaction a person sends after filling `modal`."""
    questions = modal_fields(modal)
    names = {q.label for q in questions} | {q.custom_id for q in questions}
    unknown = [name for name in answers if name not in names]
    if unknown:
        shown = ", ".join(repr(q.label) for q in questions)
        raise UsageError(f"the form has no field {unknown[0]!r} (fields: {shown})")
    ids = itertools.count(1)  # Discord numbers every component it sends back
    components: list[Json] = []
    for question in questions:
        if question.custom_id in answers:
            answer = answers[question.custom_id]
        else:
            answer = answers.get(question.label, question.shown)
        if question.in_row:
            components.append({"type": ACTION_ROW, "components": [answered(question, answer, ids)]})
        else:
            outer = next(ids)
            inner = answered(question, answer, ids)
            components.append({"type": LABEL, "id": outer, "component": inner})
    return {"custom_id": modal["custom_id"], "components": components}


def answered(question: FormField, answer: Answer, ids: Iterator[int]) -> Json:
    """One field's part of the submission, refused where the client would refuse it."""
    base: Json = {
        "type": question.kind,
        "id": question.component.get("id") or next(ids),
        "custom_id": question.custom_id,
    }
    if question.kind == TEXT_INPUT:
        return {**base, "value": _text(question, answer)}
    if question.kind == CHECKBOX:
        if not isinstance(answer, bool):
            raise UsageError(f"the checkbox {question.label!r} takes true or false")
        return {**base, "value": answer}
    if question.kind in OPTION_LISTS:
        values = _picks(question, answer)
        if question.kind == RADIO_GROUP:
            return {**base, "value": values[0] if values else None}
        return {**base, "values": values}
    raise UsageError(f"the field {question.label!r} is of a kind the console cannot fill")


def _text(question: FormField, answer: Answer) -> str:
    if not isinstance(answer, str):
        raise UsageError(f"the box {question.label!r} takes text")
    component = question.component
    if question.required and not answer:
        raise UsageError(f"the field {question.label!r} is required")
    low, high = int(component.get("min_length") or 0), component.get("max_length")
    if answer and len(answer) < low:
        raise UsageError(f"the field {question.label!r} needs at least {low} characters")
    if high is not None and len(answer) > int(high):
        raise UsageError(f"the field {question.label!r} takes at most {high} characters")
    return answer


def _picks(question: FormField, answer: Answer) -> list[str]:
    """Option values from what was answered: values or labels, one or several, or none."""
    if isinstance(answer, bool):
        raise UsageError(f"the list {question.label!r} takes options, not true or false")
    wanted = ([answer] if answer else []) if isinstance(answer, str) else list(answer)
    by_name: dict[str, str] = {}
    for option in question.options:
        by_name.setdefault(str(option["label"]), str(option["value"]))
        by_name[str(option["value"])] = str(option["value"])
    unknown = [name for name in wanted if name not in by_name]
    if unknown:
        offered = ", ".join(str(option["label"]) for option in question.options)
        raise UsageError(f"{question.label!r} has no option {unknown[0]!r} (options: {offered})")
    values = list(dict.fromkeys(by_name[name] for name in wanted))
    if not values:
        if question.required:
            raise UsageError(f"the field {question.label!r} is required: pick an option")
        return values
    component = question.component
    low = max(1, int(component.get("min_values") or 0))
    high = int(component.get("max_values") or (len(question.options) if question.many else 1))
    if question.kind == RADIO_GROUP:
        high = 1
    if not low <= len(values) <= high:
        raise UsageError(f"{question.label!r} takes {low} to {high} options, not {len(values)}")
    return values
