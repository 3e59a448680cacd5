"""The first line of an answer built on an earlier one: which answer it starts from, and what
changed, so nobody has to guess which of their questions a what-if changed."""

from __future__ import annotations

from collections.abc import Iterable

from bot.render.phrases import band_experience, field_text
from bot.render.words import N_, _
from bot.salary import fields
from bot.salary.query import SalaryQuery

EXPERIENCE = "experience"
EXPERIENCE_WORD = N_("experience")


def field_word(name: str) -> str:
    """A field's name in the reader's words ("location", "Ort"): its declared label
    (bot/salary/fields.py, marked for the catalogs there), or "experience" for years and
    level together."""
    return _(EXPERIENCE_WORD) if name == EXPERIENCE else _(fields.label(name))


def _value(name: str, query: SalaryQuery) -> str:
    if name == EXPERIENCE:
        return band_experience(query) or _("any level")
    if name == "currency":
        # Unsaid, the currency is the place's own: name the one the answer was in.
        return query.answer_currency
    return field_text(name, getattr(query, name)) or _("any")


def _asked(names: Iterable[str]) -> list[str]:
    """The fields changed, in the declared order, with years and level as one fact."""
    wanted = {EXPERIENCE if name in fields.EXPERIENCE else name for name in names}
    order = [EXPERIENCE if name in fields.EXPERIENCE else name for name in fields.FIELD_NAMES]
    return [name for name in dict.fromkeys(order) if name in wanted]


def change_of(name: str, before: SalaryQuery, after: SalaryQuery) -> str:
    """ "location Seattle, WA → San Jose, CA", or "location stays Seattle, WA"."""
    label = field_word(name)
    was, now = _value(name, before), _value(name, after)
    if was == now:
        return _("{field} stays {value}", field=label, value=now)
    return _("{field} {before} → {after}", field=label, before=was, after=now)


def start_line(shown: str, before: SalaryQuery, after: SalaryQuery, asked: Iterable[str]) -> str:
    """ "From your estimate for MLE · Mid · 4 years · Seattle, WA: location Seattle, WA → …"."""
    changes = "; ".join(change_of(name, before, after) for name in _asked(asked))
    return _("From your estimate for **{shown}**: {changes}.", shown=shown, changes=changes)
