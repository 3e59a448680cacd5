"""A form in the console: each question under its label and help text, boxes filled by
typing, lists picked by number (or by an option's name).

Enter keeps what the field shows, as an untouched field in Discord; '-' empties it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TextIO

from bot.emulator.form_answers import Answer
from bot.emulator.records import CHECKBOX, OPTION_LISTS, FormField, modal_fields
from bot.render.words import N_, translate

ReadLine = Callable[[str], Awaitable[str | None]]
EMPTY = "-"
YES = frozenset({"y", "yes", "true", "1", "x"})
NO = frozenset({"n", "no", "false", "0"})
# What the Discord client itself writes around a form's fields, in the member's language.
REQUIRED, PICK_ONE, PICK_SEVERAL = N_("required"), N_("pick one"), N_("pick several")
EXAMPLE, PICKED = N_("e.g. {placeholder}"), N_("picked: {names}")
FORM_HEAD = N_("a form: Enter keeps what is shown, '{empty}' empties it")


def describe(question: FormField, locale: str | None = None) -> list[str]:
    """The lines a person reads before answering one field."""
    notes = [translate(REQUIRED, locale)] if question.required else []
    if question.kind in OPTION_LISTS:
        notes.append(translate(PICK_SEVERAL if question.many else PICK_ONE, locale))
    head = f"-- {question.label}" + (f" ({', '.join(notes)})" if notes else "")
    lines = [head]
    if question.description:
        lines.append(f"   {question.description}")
    placeholder = question.component.get("placeholder")
    if placeholder and question.kind not in OPTION_LISTS:
        lines.append("   " + translate(EXAMPLE, locale, placeholder=placeholder))
    for number, option in enumerate(question.options, start=1):
        mark = "*" if option.get("default") else " "
        about = f" - {option['description']}" if option.get("description") else ""
        lines.append(f"  {mark}{number:>2}) {option['label']}{about}")
    return lines


def prompt_for(question: FormField) -> str:
    shown = question.shown
    if question.kind in OPTION_LISTS:
        numbers = [
            str(number)
            for number, option in enumerate(question.options, start=1)
            if option.get("default")
        ]
        keep = " ".join(numbers) or "none"
        ask = "numbers" if question.many else "number"
        return f"   {ask} [{keep}]: "
    if question.kind == CHECKBOX:
        return f"   y/n [{'y' if shown else 'n'}]: "
    return f"   [{shown}]: " if shown else "   : "


def read_answer(question: FormField, typed: str) -> Answer:
    """What a typed line means for this field; ValueError says why it cannot be read."""
    text = typed.strip()
    if question.kind in OPTION_LISTS:
        if text == EMPTY:
            return []
        return [_option(question, token) for token in _tokens(question, text)]
    if question.kind == CHECKBOX:
        if text.lower() not in YES | NO:
            raise ValueError("answer y or n")
        return text.lower() in YES
    return "" if text == EMPTY else text


def _tokens(question: FormField, text: str) -> list[str]:
    # Numbers may come several to a line; a name is one token, spaces and all.
    if re.fullmatch(r"[\d\s,]+", text):
        return [token for token in re.split(r"[\s,]+", text) if token]
    return [text]


def _option(question: FormField, token: str) -> str:
    options = question.options
    if token.isdigit():
        number = int(token)
        if not 1 <= number <= len(options):
            raise ValueError(f"no option {number}: pick 1 to {len(options)}")
        return str(options[number - 1]["value"])
    for option in options:
        if token.lower() in (str(option["label"]).lower(), str(option["value"]).lower()):
            return str(option["value"])
    raise ValueError(f"no option {token!r}: pick by number")


async def fill_form(
    modal: dict[str, object], read_line: ReadLine, out: TextIO, locale: str | None = None
) -> dict[str, Answer]:
    """Ask each field of `modal` in turn; fields kept as shown are left out of the answers."""
    head = translate(FORM_HEAD, locale, empty=EMPTY)
    print(f"== {modal.get('title')} == ({head})", file=out, flush=True)
    answers: dict[str, Answer] = {}
    for question in modal_fields(modal):
        print("\n".join(describe(question, locale)), file=out, flush=True)
        while True:
            typed = await read_line(prompt_for(question))
            if typed is None:
                break  # end of input: kept as shown; the driver says if that will not do
            if not typed.strip():
                if question.required and not question.shown:
                    print("! this one must be answered", file=out, flush=True)
                    continue
                break
            try:
                answer = read_answer(question, typed)
            except ValueError as error:
                print(f"! {error}", file=out, flush=True)
                continue
            answers[question.custom_id] = answer
            if isinstance(answer, list):
                picked = translate(PICKED, locale, names=_names(question, answer))
                print(f"   {picked}", file=out, flush=True)
            break
    return answers


def _names(question: FormField, values: list[str]) -> str:
    labels = {str(option["value"]): str(option["label"]) for option in question.options}
    return "; ".join(labels[value] for value in values) or "nothing"
