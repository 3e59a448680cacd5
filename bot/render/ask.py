"""The words of answers to questions typed in plain words (DMs and mentions of the bot)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.salary import fields
from bot.salary import taxonomy as tx
from bot.salary.currency import CURRENCIES, local_currency
from bot.salary.question import Asked, Unread

HELP_LINE = (
    "Ask me about pay in plain words, e.g. “senior ML engineer in Berlin?” or “is 185k base "
    "fair for a senior MLE in Seattle?” (`/estimate` and `/offer check` do the same with options)."
)
# Said where the server keeps answers private: how to ask privately, and nothing about the person.
ASK_PRIVATELY = (
    "Pay answers are private in this channel: use `/estimate` (only you see the answer) "
    "or send me a direct message."
)
NOTHING_TO_CHANGE = (
    "There is no earlier answer to change yet: ask first, e.g. “senior ML engineer in Berlin?”."
)
ANSWER_NAMES = {
    Asked.BAND: "estimate",
    Asked.OFFER: "offer check",
    Asked.RANGE: "range check",
    Asked.ROLES: "role comparison",
    Asked.PLACES: "place comparison",
}
# How to say each field in plain words, and the command option that takes it.
EXAMPLES = {
    "location": ("“senior mle in Berlin”", "`/estimate location:`"),
    "currency": (f"“in EUR” ({', '.join(CURRENCIES)})", "`/estimate currency:`"),
}


def short_value(name: str, value: Any) -> str:
    """A field's value as a person says it: Berlin, Senior, 5, PhD, EUR."""
    if value is None or value == () or value == []:
        return "—"
    kind = fields.kind(name)
    if name == "location":
        return tx.label("location", str(value)).split(",")[0].split(" (")[0]
    if kind is not None and name not in fields.LIST_FIELDS:
        return tx.label(kind, str(value))
    if isinstance(value, list | tuple):
        return ", ".join(tx.label(kind or name, str(item)) for item in value)
    return str(value)


def subject(query: dict[str, Any]) -> str:
    """What an earlier answer was about, in a few words: its place, else its role."""
    if query.get("location"):
        return short_value("location", query["location"])
    if query.get("role"):
        return short_value("role", query["role"])
    return "you"


def answer_currency(query: dict[str, Any]) -> str:
    """The currency a query's answer was in: the one asked for, else its place's."""
    place = tx.LOCATION_BY_KEY.get(str(query.get("location")))
    return str(query.get("currency") or local_currency(place.country if place else None))


def changed_line(asked: Asked, before: dict[str, Any], after: dict[str, Any]) -> str:
    """ "From your estimate for Berlin: location Berlin → Munich." """
    before = {**before, "currency": answer_currency(before)}
    after = {**after, "currency": answer_currency(after)}
    names = [
        name
        for name in (*fields.FIELD_NAMES, "year")
        if before.get(name) != after.get(name) and fields.is_given(after.get(name))
    ]
    changes = [
        f"{fields.label(name)} {short_value(name, before.get(name))} → "
        f"{short_value(name, after.get(name))}"
        for name in names
    ]
    where = f"From your {ANSWER_NAMES.get(asked, 'answer')} for {subject(before)}"
    return f"{where}: {'; '.join(changes)}." if changes else f"{where}: nothing changed."


def unread_lines(unread: Iterable[Unread]) -> list[str]:
    """What could not be read, each with a way to say it and the option that takes it."""
    lines = []
    for item in unread:
        example, option = EXAMPLES.get(item.field, ("", f"`/estimate {item.field}:`"))
        if item.field == "currency":
            lines.append(f"I can't answer in {item.text}: say {example}, or use {option}.")
            continue
        close = f" (did you mean {' or '.join(item.options)}?)" if item.options else ""
        lines.append(
            f"I couldn't read “{item.text[:40]}” as a {fields.label(item.field)}{close}: "
            f"write it like {example}, or use {option}."
        )
    return lines
