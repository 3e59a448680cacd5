"""The first line of an answer built on an earlier one: which answer it starts from, and what
changed, so nobody has to guess which of their questions a what-if changed."""

from __future__ import annotations

from collections.abc import Iterable

from bot.render.phrases import band_experience, field_text
from bot.salary import fields
from bot.salary.query import SalaryQuery

EXPERIENCE = "experience"


def _value(name: str, query: SalaryQuery) -> str:
    if name == EXPERIENCE:
        return band_experience(query) or "any level"
    if name == "currency":
        # Unsaid, the currency is the place's own: name the one the answer was in.
        return query.answer_currency
    return field_text(name, getattr(query, name)) or "any"


def _asked(names: Iterable[str]) -> list[str]:
    """The fields changed, in the declared order, with years and level as one fact."""
    wanted = {EXPERIENCE if name in fields.EXPERIENCE else name for name in names}
    order = [EXPERIENCE if name in fields.EXPERIENCE else name for name in fields.FIELD_NAMES]
    return [name for name in dict.fromkeys(order) if name in wanted]


def change_of(name: str, before: SalaryQuery, after: SalaryQuery) -> str:
    """ "location Seattle, WA → San Jose, CA", or "location stays Seattle, WA"."""
    label = EXPERIENCE if name == EXPERIENCE else fields.label(name)
    was, now = _value(name, before), _value(name, after)
    return f"{label} stays {now}" if was == now else f"{label} {was} → {now}"


def start_line(shown: str, before: SalaryQuery, after: SalaryQuery, asked: Iterable[str]) -> str:
    """ "From your estimate for MLE · Mid · 4 years · Seattle, WA: location Seattle, WA → …"."""
    changes = "; ".join(change_of(name, before, after) for name in _asked(asked))
    return f"From your estimate for **{shown}**: {changes}."
