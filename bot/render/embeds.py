"""Answers as Discord embeds, always inside Discord's limits.

One module for every answer's embed, so wording and limits are kept alike; a little over 400
lines, each function small.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord

from bot.render.locale import ANSWER_LOCALE
from bot.salary import fields, taxonomy
from bot.salary.currency import format_money, format_number
from bot.salary.query import SalaryQuery
from bot.salary.results import (
    THIN_SAMPLE,
    ArticleFigure,
    LocationComparison,
    Percentiles,
    RoleComparison,
    SalaryEstimate,
    Tip,
    TipsReport,
)
from bot.salary.tips import ASSOCIATIONS

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
    """ "— 10-20% of base [article (2023)]": the source of a figure, with its kind as a tag."""
    if not source:
        return ""
    kind, _, detail = source.partition(": ")
    tag = KIND_TAG.get(kind, kind)
    return f"\n{detail} [{tag}]"


def estimate_embed(estimate: SalaryEstimate, filled_note: str | None = None) -> discord.Embed:
    cur, base = estimate.currency, estimate.base
    embed = discord.Embed(title=clip(describe_person(estimate.query), 256), colour=COLOUR)
    description = [
        f"Base salary: **{money(base.p50, cur)}** median, typically **{money(base.p25, cur)} – "
        f"{money(base.p75, cur)}** (P25–P75).",
    ]
    if details := details_line(estimate.query):
        description.append(clip(details, 500))
    embed.description = "\n".join(description)
    embed.add_field(name="Base band", value=band_text(base, cur), inline=False)
    embed.add_field(
        name="Bonus",
        value=f"{money(estimate.bonus.low, cur)} – {money(estimate.bonus.high, cur)}"
        + tagged(estimate.bonus_source),
    )
    embed.add_field(
        name="Equity",
        value=f"{money(estimate.equity.low, cur)} – {money(estimate.equity.high, cur)}"
        + tagged(estimate.equity_source),
    )
    embed.add_field(
        name="Total",
        value=f"{money(estimate.total.p50, cur)} ({money(estimate.total.p25, cur)} – "
        f"{money(estimate.total.p75, cur)})"
        + (f"\n{estimate.total_span} [assumption]" if estimate.total_span else ""),
    )
    # A factor that rounds to ×1.00 moved nothing a person would notice: leave it out.
    moved = [f for f in estimate.factors if abs(f.multiplier - 1) >= NOTICEABLE]
    factors = sorted(moved, key=lambda f: abs(f.effect), reverse=True)[:TOP_FACTORS]
    if factors:
        embed.add_field(
            name="What moved it",
            value=lines_within(
                f"{'+' if f.effect >= 0 else '−'}{money(abs(f.effect), cur)} ×{f.multiplier:.2f} {f.name} "
                f"— {f.source} [{KIND_TAG[f.kind]}]"
                for f in factors
            ),
            inline=False,
        )
    article = estimate.article_context
    if article.figures:
        embed.add_field(
            name=f"Beside the data: {article.citation}",
            value=lines_within(
                f"{fig.label}: {figure_range(fig, cur)} ({fig.original})" for fig in article.figures
            ),
            inline=False,
        )
    notes = list(estimate.notes)
    if filled_note:
        notes.insert(0, filled_note)
    if notes:
        embed.add_field(name="Notes", value=lines_within(notes), inline=False)
    sample = sample_text(estimate.sample or count(estimate.sample_size, "posting"), estimate.thin)
    embed.add_field(
        name="Sample",
        value=clip(f"{sample} · confidence {estimate.confidence}", FIELD_VALUE_LIMIT),
        inline=False,
    )
    embed.set_footer(
        text=clip(
            f"Band from {estimate.cell} · data to {estimate.data_year}, projected to {estimate.as_of}",
            2048,
        )
    )
    return embed


def sample_text(sample: str, thin: bool) -> str:
    """What a band rests on, marked when it is too thin to lean on."""
    return f"{sample} · *thin data*" if thin else sample


def readable_source(source: str) -> str:
    """The publication, without the repository path it was extracted from (kept in the data)."""
    publication, via, _ = source.partition(" via ")
    return f"{publication} (from a public extract)" if via else source


def role_comparison_embed(comparison: RoleComparison, own_role: str | None) -> discord.Embed:
    cur = comparison.currency
    query = comparison.query
    where = taxonomy.label("location", query.location) if query.location else "all locations"
    embed = discord.Embed(title=clip(f"Roles compared · {where}", 256), colour=COLOUR)
    lines = []
    for rank, row in enumerate(comparison.rows, 1):
        mark = " ◀ you" if row.role == own_role else ""
        few = " · *few postings*" if row.thin else ""
        lines.append(
            f"`{rank:>2}` **{row.label}** {money(row.base.p50, cur)} "
            f"({money(row.base.p25, cur)} – {money(row.base.p75, cur)}) · "
            f"{row.sample or count(row.sample_size, 'posting')}{few}{mark}"
        )
    if any(row.thin for row in comparison.rows):
        lines.append(
            f"*Roles with fewer than {THIN_SAMPLE} postings come last: their medians are too "
            "unsteady to rank.*"
        )
    if comparison.sample_note:
        lines.append(f"*{comparison.sample_note}*")
    embed.description = lines_within(lines, 4000)
    survey = "; pay levels: Stack Overflow Developer Survey 2025 (ODbL)"
    embed.set_footer(
        text="Median base (P25 – P75) for the same level and place · Source: aijobs.net salary "
        f"index (CC0){survey if 'Survey 2025' in comparison.sample_note else ''}"
    )
    return embed


def location_comparison_embed(comparison: LocationComparison) -> discord.Embed:
    cur = comparison.currency
    role = taxonomy.label("role", comparison.query.role) if comparison.query.role else "Any role"
    embed = discord.Embed(title=clip(f"Places compared · {role}", 256), colour=COLOUR)
    lines = []
    for row in comparison.rows:
        ppp = (
            f" · in purchasing power {money(row.ppp_median, cur)}"
            if row.ppp_median is not None
            else ""
        )
        # Where no city figure exists the band is the country's: say whose postings these are.
        postings = row.sample or count(row.sample_size, "posting")
        if not row.sample and row.sample_place != row.label:
            postings = f"{postings} in {row.sample_place}"
        if row.thin:
            postings += " · *thin data*"
        lines.append(
            f"**{row.label}** {money(row.base.p50, cur)} ({money(row.base.p25, cur)} – "
            f"{money(row.base.p75, cur)}) · {postings}{ppp}"
        )
    embed.description = lines_within(lines, 3000)
    sources = sorted({row.price_source for row in comparison.rows if row.price_source})
    notes = [comparison.note, *(f"Price index: {readable_source(s)}" for s in sources)]
    embed.add_field(name="Notes", value=lines_within(n for n in notes if n), inline=False)
    embed.set_footer(
        text="Median base (P25 – P75) · Sources: aijobs.net salary index (CC0); country pay "
        "levels: Stack Overflow Developer Survey 2025 (ODbL)"
    )
    return embed


def tip_line(rank: int, tip: Tip, currency: str) -> str:
    sign = "+" if tip.delta >= 0 else "−"
    return (
        f"`{rank}` **{tip.title}**: {sign}{money(abs(tip.delta), currency)} → "
        f"{money(tip.new_median, currency)} ({tip.source})"
    )


def tips_embed(report: TipsReport) -> discord.Embed:
    cur = report.currency
    embed = discord.Embed(
        title=clip(f"Raising your pay · {describe_person(report.query)}", 256),
        description=f"Your modelled median base today: **{money(report.median, cur)}**.",
        colour=COLOUR,
    )
    levers = [tip for tip in report.items if tip.kind not in ASSOCIATIONS]
    linked = [tip for tip in report.items if tip.kind in ASSOCIATIONS]
    embed.add_field(
        name="Moves you can make",
        value=lines_within(tip_line(rank, tip, cur) for rank, tip in enumerate(levers, 1))
        if levers
        else "Nothing in the model would raise it further.",
        inline=False,
    )
    if linked:
        caveats = list(dict.fromkeys(tip.detail for tip in linked))
        embed.add_field(
            name="Linked to higher pay (survey associations)",
            value=lines_within(
                [
                    *(tip_line(rank, tip, cur) for rank, tip in enumerate(linked, 1)),
                    *(f"*{caveat}*" for caveat in caveats),
                ]
            ),
            inline=False,
        )
    if report.sample:
        embed.add_field(
            name="Sample",
            value=clip(f"Your band: {sample_text(report.sample, report.thin)}", 1024),
            inline=False,
        )
    if report.advice:
        embed.add_field(
            name="Negotiating",
            value=lines_within(f"• {line}" for line in report.advice),
            inline=False,
        )
    embed.set_footer(
        text="Effects are the model's, each with its source; assumptions are labelled as such."
    )
    return embed
