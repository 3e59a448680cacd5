"""The words of answers to questions typed in plain words (DMs and mentions of the bot).

The questions are read in English words, so the examples of what to type stay English inside
sentences worded in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.render.names import name_of
from bot.render.wording import word
from bot.render.words import N_, _
from bot.salary import fields
from bot.salary import taxonomy as tx
from bot.salary.currency import CURRENCIES, local_currency
from bot.salary.question import Asked, Unread
from bot.salary.said import Name, Said, Value
from bot.salary.typed_words import named_options, one_of

HELP_LINE = N_(
    "Ask me about pay in plain words, e.g. “senior ML engineer in Berlin?” or “is 185k base "
    "fair for a senior MLE in Seattle?” (`/estimate` and `/offer check` do the same with options)."
)
# Said where the server keeps answers private: how to ask privately, and nothing about the person.
ASK_PRIVATELY = N_(
    "Pay answers are private in this channel: use `/estimate` (only you see the answer) "
    "or send me a direct message."
)
NOTHING_TO_CHANGE = N_(
    "There is no earlier answer to change yet: ask first, e.g. “senior ML engineer in Berlin?”."
)
# Where a follow-up started, by what the earlier answer was: "From your estimate for Berlin".
CHANGED_FROM = {
    Asked.BAND: N_("From your estimate for {subject}: {changes}."),
    Asked.OFFER: N_("From your offer check for {subject}: {changes}."),
    Asked.RANGE: N_("From your range check for {subject}: {changes}."),
    Asked.ROLES: N_("From your role comparison for {subject}: {changes}."),
    Asked.PLACES: N_("From your place comparison for {subject}: {changes}."),
}
CHANGED_FROM_OTHER = N_("From your answer for {subject}: {changes}.")


def short_value(name: str, value: Any) -> str:
    """A field's value as a person says it, in their words: Berlin, Senior, 5, PhD, EUR."""
    if value is None or value == () or value == []:
        return "—"
    kind = fields.kind(name)
    if name == "location":
        return name_of("location", str(value)).split(",")[0].split(" (")[0]
    if kind is not None and name not in fields.LIST_FIELDS:
        return name_of(kind, str(value))
    if isinstance(value, list | tuple):
        return ", ".join(name_of(kind or name, str(item)) for item in value)
    return str(value)


def subject(query: dict[str, Any]) -> str:
    """What an earlier answer was about, in a few words: its place, else its role."""
    if query.get("location"):
        return short_value("location", query["location"])
    if query.get("role"):
        return short_value("role", query["role"])
    return _("you")


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
        f"{_(fields.label(name))} {short_value(name, before.get(name))} → "
        f"{short_value(name, after.get(name))}"
        for name in names
    ]
    line = CHANGED_FROM.get(asked, CHANGED_FROM_OTHER)
    said = "; ".join(changes) if changes else _("nothing changed")
    return _(line, subject=subject(before), changes=said)


def _worded(value: Value) -> str:
    if isinstance(value, Name):
        return name_of(value.kind, value.key)
    return word(value) if isinstance(value, Said | str) else str(value)


def unread_lines(unread: Iterable[Unread]) -> list[str]:
    """What could not be read, each with a way to say it and the option that takes it."""
    lines = []
    for item in unread:
        typed = item.text[:40]
        if item.field == "currency":
            line = _(
                "I can't answer in {currency}: say “in EUR” ({codes}), "
                "or use `/estimate currency:`.",
                currency=typed,
                codes=", ".join(CURRENCIES),
            )
        elif item.field != "location":
            line = _(
                "I couldn't read “{typed}” as a {field}: use `/estimate {option}:`.",
                typed=typed,
                field=_(fields.label(item.field)),
                option=item.field,
            )
        elif item.options:
            choices = _worded(one_of(named_options(item.field, item.options)))
            line = _(
                "I couldn't read “{typed}” as a location (did you mean {choices}?): write it "
                "like “senior mle in Berlin”, or use `/estimate location:`.",
                typed=typed,
                choices=choices,
            )
        else:
            line = _(
                "I couldn't read “{typed}” as a location: write it like “senior mle in Berlin”, "
                "or use `/estimate location:`.",
                typed=typed,
            )
        lines.append(line)
    return lines
