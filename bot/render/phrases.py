"""The words every answer shares: money, counts, the person asked about, a change, a source.

One copy of each, so a card, an embed and a chart say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import discord
from babel.numbers import get_decimal_symbol

from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of, place_name
from bot.render.wording import word
from bot.render.words import N_, _, ngettext
from bot.salary import fields
from bot.salary.currency import format_money, format_number, money_locale
from bot.salary.query import SalaryQuery
from bot.salary.results import ArticleFigure, Percentiles, SalaryEstimate
from bot.salary.said import Said

COLOUR = discord.Colour.from_rgb(88, 101, 242)
FIELD_VALUE_LIMIT = 1024
DESCRIPTION_LIMIT = 4096
TOP_FACTORS = 6
NOTICEABLE = 0.005
# What kind of figure a source gives, as a tag after it: "[data]", "[assumption]".
KIND_TAG = {"data": N_("data"), "article": N_("article (2023)"), "assumption": N_("assumption")}
CONFIDENCE = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def lines_within(lines: Iterable[str], limit: int = FIELD_VALUE_LIMIT) -> str:
    """Join whole lines until the limit; only a first line longer than it all is clipped."""
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > limit:
            if not kept:
                kept.append(clip(line, limit))
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept) or "—"


def money(amount: float, currency: str) -> str:
    return format_money(amount, currency, locale=ANSWER_LOCALE.get())


def count(number: int, noun: str) -> str:
    """ "1 posting", "1,234 postings", in the reader's language and number format."""
    shown = format_number(number, ANSWER_LOCALE.get())
    if noun == "posting":
        return ngettext("{count} posting", "{count} postings", number, count=shown)
    if noun == "year":
        return ngettext("{count} year", "{count} years", number, count=shown)
    plural = noun if number == 1 else f"{noun}s"
    return f"{shown} {plural}"


@lru_cache(maxsize=16)
def _decimal_symbol(locale: str | None) -> str:
    return str(get_decimal_symbol(money_locale(locale, "USD")))


def multiplier(value: float) -> str:
    """ "×1.08", with the reader's decimal sign."""
    return "×" + f"{value:.2f}".replace(".", _decimal_symbol(ANSWER_LOCALE.get()))


def kind_tag(kind: str) -> str:
    """ "[data]": what kind of figure a source gives, in the reader's words."""
    return f"[{_(KIND_TAG[kind])}]"


def band_text(band: Percentiles, currency: str) -> str:
    return " · ".join(
        f"P{q} {money(v, currency)}"
        for q, v in zip((10, 25, 50, 75, 90), band.as_tuple(), strict=True)
    )


def describe_person(query: SalaryQuery) -> str:
    """ "Machine Learning Engineer · Mid · 4 years · Seattle, WA"."""
    parts = [name_of("role", query.role) if query.role else _("Any role")]
    if experience := band_experience(query):
        parts.append(experience)
    if query.location:
        parts.append(place_name(query.location))
    if query.remote:
        parts.append(_("remote"))
    return " · ".join(parts)


def band_experience(query: SalaryQuery) -> str | None:
    """The level whose band is used, and the years when given: "Mid · 4 years",
    "Staff (Senior band) · 4 years", "Senior (6-10 years)"; None when no level is known."""
    level = query.effective_level
    if level is None:
        return None
    label = name_of("level", level)
    # With years beside it, the level's own span of years ("(6-10 years)") only confuses.
    short = label.split(" (")[0]
    if query.level_said is not None:
        shown = _("{said} ({level} band)", said=query.level_said.capitalize(), level=short)
    else:
        shown = label if query.years is None else short
    return shown if query.years is None else f"{shown} · {count(query.years, 'year')}"


def details_line(query: SalaryQuery) -> str | None:
    extra = []
    if query.industry:
        extra.append(name_of("industry", query.industry))
    if query.education:
        extra.append(name_of("education", query.education))
    if query.company_type:
        extra.append(name_of("company", query.company_type))
    if query.skills:
        names = ", ".join(name_of("skill", s) for s in query.skills)
        extra.append(_("skills: {names}", names=names))
    if query.certifications:
        names = ", ".join(name_of("certification", c) for c in query.certifications)
        extra.append(_("certified: {names}", names=names))
    return " · ".join(extra) or None


def field_text(name: str, value: Any) -> str | None:
    """A salary field's value as people read it, or None when nothing was said."""
    if not fields.is_given(value):
        return None
    kind = fields.kind(name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, tuple | list):
        return ", ".join(name_of(kind, item) if kind else str(item) for item in value)
    return name_of(kind, value) if kind else str(value)


def experience_text(years: int | None, level: str | None) -> str | None:
    if years is not None:
        return count(years, "year")
    return name_of("level", level) if level else None


def change_line(before: SalaryEstimate, after: SalaryEstimate) -> str:
    """ "+$21k (+9%) median base: $233k → $254k"."""
    delta = after.base.p50 - before.base.p50
    share = delta / before.base.p50 if before.base.p50 else 0.0
    sign = "+" if delta >= 0 else "−"
    return _(
        "{change} ({share}%) median base: {before} → {after}",
        change=sign + money(abs(delta), after.currency),
        share=sign + format(abs(share) * 100, ".0f"),
        before=money(before.base.p50, after.currency),
        after=money(after.base.p50, after.currency),
    )


def figure_range(figure: ArticleFigure, currency: str) -> str:
    if figure.high is None:
        return f"{money(figure.low, currency)}+"
    if round(figure.high) == round(figure.low):
        return money(figure.low, currency)
    return f"{money(figure.low, currency)} – {money(figure.high, currency)}"


def tagged(source: Said | str, kind: str) -> str:
    """ "10-20% of the median base [article (2023)]": where a figure comes from, and its kind."""
    return f"{word(source)} {kind_tag(kind)}"


def sample_text(sample: Said | str, thin: bool) -> str:
    """What a band rests on, marked when it is too thin to lean on."""
    shown = word(sample)
    return _("{sample} · *thin data*", sample=shown) if thin else shown


def readable_source(source: Said | str) -> str:
    """The publication, without the repository path it was extracted from (kept in the data)."""
    if isinstance(source, Said):
        return word(source)
    publication, via, _path = source.partition(" via ")
    return _("{publication} (from a public extract)", publication=publication) if via else source
