"""What every form is built from: a label over a text box or over a list to pick from, and
reading back what a person sent, checked against what the form offered.

Lists are selects: they hold up to 25 options (radio groups and checkbox groups only 10) and
let a person pick nothing, which is how a saved answer is cleared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import discord

from bot.salary.errors import QueryError
from bot.salary.said import said

MAX_OPTIONS = 25  # Discord's limit for a select's options
MAX_OPTION_TEXT = 100  # and for an option's label, value and description


@dataclass(frozen=True)
class Choice:
    """One option of a list: the value the bot reads and the words a person reads."""

    value: str
    label: str
    description: str | None = None


def text_box(
    text: str,
    *,
    custom_id: str,
    max_length: int,
    placeholder: str | None = None,
    default: str | None = None,
    required: bool = False,
    description: str | None = None,
) -> discord.ui.Label[Any]:
    box: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id=custom_id,
        placeholder=placeholder,
        default=default or None,
        required=required,
        max_length=max_length,
    )
    return discord.ui.Label(text=text, description=description, component=box)


def pick_list(
    text: str,
    choices: Sequence[Choice],
    *,
    custom_id: str,
    chosen: Iterable[str] = (),
    many: bool = False,
    placeholder: str | None = None,
    description: str | None = None,
) -> discord.ui.Label[Any]:
    """A list where picking nothing is allowed; `chosen` values show as already picked.

    A chosen value the list lacks (saved before the list changed) is offered first, so
    an untouched form sends back what it showed.
    """
    wanted = list(dict.fromkeys(chosen))
    known = {choice.value for choice in choices}
    extra = [Choice(value, value) for value in wanted if value not in known]
    offered = [*extra, *choices][:MAX_OPTIONS]
    options = [
        discord.SelectOption(
            label=choice.label[:MAX_OPTION_TEXT],
            value=choice.value,
            description=choice.description[:MAX_OPTION_TEXT] if choice.description else None,
            default=choice.value in wanted,
        )
        for choice in offered
    ]
    menu: discord.ui.Select[Any] = discord.ui.Select(
        custom_id=custom_id,
        options=options,
        min_values=0,
        max_values=len(options) if many else 1,
        required=False,
        placeholder=placeholder,
    )
    return discord.ui.Label(text=text, description=description, component=menu)


def custom_id_of(label: discord.ui.Label[Any]) -> str:
    return str(getattr(label.component, "custom_id", ""))


def typed(label: discord.ui.Label[Any]) -> str:
    """The text in a label's box ('' when it came back empty)."""
    box = label.component
    if not isinstance(box, discord.ui.TextInput):
        raise TypeError(f"{label.text!r} holds no text box")
    return box.value


def picked(label: discord.ui.Label[Any], field: str) -> list[str]:
    """The values picked in a label's list; any the list did not offer is refused, naming it.

    A genuine client sends only offered values; anything else was made up on the way.
    """
    menu = label.component
    if not isinstance(menu, discord.ui.Select):
        raise TypeError(f"{label.text!r} holds no list")
    offered = {option.value for option in menu.options}
    values = [str(value) for value in menu.values]
    if len(values) > menu.max_values or any(value not in offered for value in values):
        message = said(
            "{list} came back with a choice the form did not offer: pick from its list.",
            list=label.text,
        )
        raise QueryError(field, message)
    return values


def picked_one(label: discord.ui.Label[Any], field: str) -> str | None:
    values = picked(label, field)
    return values[0] if values else None


def submitted_ids(components: Any) -> Iterator[str]:
    """The custom_id of every answer in a modal submission: boxes and lists, in rows or labels."""
    for component in components or []:
        if not isinstance(component, dict):
            continue
        answered = "value" in component or "values" in component
        if answered and component.get("custom_id"):
            yield str(component["custom_id"])
        yield from submitted_ids(component.get("components"))
        yield from submitted_ids([component["component"]] if "component" in component else [])
