"""The words an offer's answers share: who the band is for, the terms, the year-by-year table.

Every sentence is a whole message in the reader's language. English puts "a" or "an" before
the person, so the English message is chosen by the first word's sound; a translation words
each of them its own way, with no article where its grammar wants none.
"""

from __future__ import annotations

from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of
from bot.render.phrases import money
from bot.render.wording import word
from bot.render.words import N_, _, has_catalog
from bot.salary import taxonomy
from bot.salary.offer import OfferReview
from bot.salary.offer_terms import OfferTerms
from bot.salary.query import SalaryQuery

# The person, with the English article their first word takes (see `_article`).
LEVEL_ROLE = {"a": N_("a {level} {role}"), "an": N_("an {level} {role}")}
ROLE_ONLY = {"a": N_("a {role}"), "an": N_("an {role}")}
ANY_LEVEL_ROLE = N_("any {level} role")
ANY_ROLE = N_("any role")
IN_PLACE = N_("{person} in {place}")
ANYWHERE = N_("{person} in any location")

# Acronyms are read letter by letter: "an ML engineer", "an AI engineer", "a DS".
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def _article(english_word: str) -> str:
    """ "an" before "entry", "ML" or "AI"; "a" before "senior" or "Data"."""
    acronym = len(english_word) > 1 and english_word[:2].isupper()
    if acronym:
        return "an" if english_word[0] in _VOWEL_SOUND_LETTERS else "a"
    return "an" if english_word[:1].lower() in "aeiou" else "a"


def _short_level(level: str) -> str:
    """ "Senior (6-10 years)" -> "Senior"; English writes it as an adjective, "senior"."""
    short = name_of("level", level).split(" (")[0]
    return short if has_catalog(ANSWER_LOCALE.get()) else short.lower()


def person_in_band(query: SalaryQuery) -> str:
    """ "a senior Machine Learning Engineer in Seattle, WA"; "any senior role in ..." with no
    role: the person whose band the offer is weighed against, in the reader's words."""
    level = query.effective_level
    if query.role:
        role = name_of("role", query.role)
        # The article follows the English words, whatever language is read.
        first = taxonomy.label("level", level) if level else taxonomy.label("role", query.role)
        article = _article(first.split(" ", 1)[0])
        if level:
            person = _(LEVEL_ROLE[article], level=_short_level(level), role=role)
        else:
            person = _(ROLE_ONLY[article], role=role)
    else:
        person = _(ANY_LEVEL_ROLE, level=_short_level(level)) if level else _(ANY_ROLE)
    if query.location:
        return _(IN_PLACE, person=person, place=name_of("location", query.location))
    return _(ANYWHERE, person=person)


def terms_line(terms: OfferTerms, currency: str) -> str:
    bonus = (
        _(
            "{percent}% ({amount})",
            percent=format(terms.bonus_percent, "g"),
            amount=money(terms.bonus, currency),
        )
        if terms.bonus_percent is not None
        else money(terms.bonus, currency)
    )
    equity = (
        _(
            "{amount} vesting {schedule}",
            amount=money(terms.equity, currency),
            schedule=word(terms.vesting.describe()),
        )
        if terms.equity
        else _("none")
    )
    return _(
        "Base {base} · bonus {bonus} · equity {equity} · sign-on {sign_on}",
        base=money(terms.base, currency),
        bonus=bonus,
        equity=equity,
        sign_on=money(terms.sign_on, currency),
    )


# The table's columns and their narrowest widths; a wider word or amount widens its column.
COLUMNS = (
    (N_("Year"), 4),
    (N_("Base"), 6),
    (N_("Bonus"), 6),
    (N_("Equity"), 6),
    (N_("Sign-on"), 7),
    (N_("Total"), 6),
)


def year_lines(review: OfferReview) -> list[str]:
    """The table in a code block, each column right-aligned as wide as its widest cell."""
    cur = review.currency
    rows = [
        [
            str(row.year),
            *(money(v, cur) for v in (row.base, row.bonus, row.equity, row.sign_on, row.total)),
        ]
        for row in review.rows
    ]
    header = [_(name) for name, _width in COLUMNS]
    widths = [
        max(least, len(header[i]), *(len(cells[i]) for cells in rows))
        for i, (_name, least) in enumerate(COLUMNS)
    ]
    return [
        "`" + " ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True)) + "`"
        for cells in (header, *rows)
    ]
