"""The words every answer shares: money, counts, the person asked about, a change, a source.

One copy of each, so a card, an embed and a chart say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord

from bot.render.locale import ANSWER_LOCALE
from bot.salary import fields, taxonomy
from bot.salary.currency import format_money, format_number
from bot.salary.query import SalaryQuery
from bot.salary.results import ArticleFigure, Percentiles, SalaryEstimate

COLOUR = discord.Colour.from_rgb(88, 101, 242)
FIELD_VALUE_LIMIT = 1024
DESCRIPTION_LIMIT = 4096
TOP_FACTORS = 6
NOTICEABLE = 0.005
KIND_TAG = {"data": "data", "article": "article (2023)", "assumption": "assumption"}


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
    """ "1 posting", "1,234 postings", in the reader's locale."""
    plural = noun if number == 1 else f"{noun}s"
    return f"{format_number(number, ANSWER_LOCALE.get())} {plural}"


def band_text(band: Percentiles, currency: str) -> str:
    return " · ".join(
        f"P{q} {money(v, currency)}"
        for q, v in zip((10, 25, 50, 75, 90), band.as_tuple(), strict=True)
    )


def describe_person(query: SalaryQuery) -> str:
    """ "Machine Learning Engineer · Mid · 4 years · Seattle, WA"."""
    parts = [taxonomy.label("role", query.role) if query.role else "Any role"]
    if experience := band_experience(query):
        parts.append(experience)
    if query.location:
        parts.append(taxonomy.label("location", query.location))
    if query.remote:
        parts.append("remote")
    return " · ".join(parts)


def band_experience(query: SalaryQuery) -> str | None:
    """The level whose band is used, and the years when given: "Mid · 4 years",
    "Staff (Senior band) · 4 years", "Senior (6-10 years)"; None when no level is known."""
    level = query.effective_level
    if level is None:
        return None
    label = taxonomy.label("level", level)
    # With years beside it, the level's own span of years ("(6-10 years)") only confuses.
    short = label.split(" (")[0]
    if query.level_said is not None:
        shown = f"{query.level_said.capitalize()} ({short} band)"
    else:
        shown = label if query.years is None else short
    return shown if query.years is None else f"{shown} · {count(query.years, 'year')}"


def details_line(query: SalaryQuery) -> str | None:
    extra = []
    if query.industry:
        extra.append(taxonomy.label("industry", query.industry))
    if query.education:
        extra.append(taxonomy.label("education", query.education))
    if query.company_type:
        extra.append(taxonomy.label("company", query.company_type))
    if query.skills:
        extra.append("skills: " + ", ".join(taxonomy.label("skill", s) for s in query.skills))
    if query.certifications:
        extra.append(
            "certified: "
            + ", ".join(taxonomy.label("certification", c) for c in query.certifications)
        )
    return " · ".join(extra) or None


def field_text(name: str, value: Any) -> str | None:
    """A salary field's value as people read it, or None when nothing was said."""
    if not fields.is_given(value):
        return None
    kind = fields.kind(name)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ", ".join(taxonomy.label(kind, item) if kind else str(item) for item in value)
    return taxonomy.label(kind, value) if kind else str(value)


def experience_text(years: int | None, level: str | None) -> str | None:
    if years is not None:
        return count(years, "year")
    return taxonomy.label("level", level) if level else None


def change_line(before: SalaryEstimate, after: SalaryEstimate) -> str:
    """ "+$21k (+9%) median base: $233k → $254k"."""
    delta = after.base.p50 - before.base.p50
    share = delta / before.base.p50 if before.base.p50 else 0.0
    sign = "+" if delta >= 0 else "−"
    return (
        f"{sign}{money(abs(delta), after.currency)} ({sign}{abs(share):.0%}) median base: "
        f"{money(before.base.p50, after.currency)} → {money(after.base.p50, after.currency)}"
    )


def figure_range(figure: ArticleFigure, currency: str) -> str:
    if figure.high is None:
        return f"{money(figure.low, currency)}+"
    if round(figure.high) == round(figure.low):
        return money(figure.low, currency)
    return f"{money(figure.low, currency)} – {money(figure.high, currency)}"


def tagged(source: str) -> str:
    """ "10-20% of base [article (2023)]": the source of a figure, with its kind as a tag."""
    if not source:
        return ""
    kind, _, detail = source.partition(": ")
    tag = KIND_TAG.get(kind, kind)
    return f"{detail} [{tag}]"


def sample_text(sample: str, thin: bool) -> str:
    """What a band rests on, marked when it is too thin to lean on."""
    return f"{sample} · *thin data*" if thin else sample


def readable_source(source: str) -> str:
    """The publication, without the repository path it was extracted from (kept in the data)."""
    publication, via, _ = source.partition(" via ")
    return f"{publication} (from a public extract)" if via else source
