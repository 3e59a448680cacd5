"""The band answers as cards: an estimate, roles and places compared, tips.

Headline and band first, then the chart and the buttons that act on it, then what the band is
made of (factors, their sources, notes, sample), then where it comes from.
"""

from __future__ import annotations

from bot.render.card import FACTORS, Card
from bot.render.phrases import (
    KIND_TAG,
    NOTICEABLE,
    TOP_FACTORS,
    band_text,
    count,
    describe_person,
    details_line,
    figure_range,
    lines_within,
    money,
    readable_source,
    sample_text,
    tagged,
)
from bot.render.wording import word
from bot.render.words import _
from bot.salary import taxonomy
from bot.salary.results import (
    THIN_SAMPLE,
    LocationComparison,
    RoleComparison,
    SalaryEstimate,
    Tip,
    TipsReport,
)
from bot.salary.tips import ASSOCIATIONS

SURVEY = "Stack Overflow Developer Survey 2025 (ODbL)"


def _range(low: float, high: float, currency: str) -> str:
    return f"{money(low, currency)} – {money(high, currency)}"


def _with_source(figure: str, source: str) -> list[str]:
    """A figure, and under it in small print where it comes from."""
    return [figure, f"-# {tagged(source)}"] if source else [figure]


def estimate_card(
    estimate: SalaryEstimate, filled_note: str | None = None, *, start: str | None = None
) -> Card:
    """`start` names the answer this one was built from (a what-if), above the band."""
    cur, base = estimate.currency, estimate.base
    card = Card(describe_person(estimate.query)).head(
        start,
        f"Base salary: **{money(base.p50, cur)}** median, typically "
        f"**{_range(base.p25, base.p75, cur)}** (P25–P75).",
        details_line(estimate.query),
    )
    card.section("Base band", [band_text(base, cur)])
    card.chart(f"Base and total pay bands, P10 to P90, for {card.title}")
    card.rule()
    total_note = f"{estimate.total_span} [assumption]" if estimate.total_span else ""
    card.add(
        "\n".join(
            [
                "**Bonus**",
                *_with_source(
                    _range(estimate.bonus.low, estimate.bonus.high, cur), estimate.bonus_source
                ),
                "**Equity**",
                *_with_source(
                    _range(estimate.equity.low, estimate.equity.high, cur), estimate.equity_source
                ),
                "**Total**",
                f"{money(estimate.total.p50, cur)} ({_range(estimate.total.p25, estimate.total.p75, cur)})",
                *([f"-# {total_note}"] if total_note else []),
            ]
        )
    )
    # A factor that rounds to ×1.00 moved nothing a person would notice: leave it out.
    moved = [f for f in estimate.factors if abs(f.multiplier - 1) >= NOTICEABLE]
    factors = sorted(moved, key=lambda f: abs(f.effect), reverse=True)[:TOP_FACTORS]
    if factors:
        card.section(
            "What moved it",
            (
                f"{'+' if f.effect >= 0 else '−'}{money(abs(f.effect), cur)} ×{f.multiplier:.2f} "
                f"{f.name} — {f.source} [{KIND_TAG[f.kind]}]"
                for f in factors
            ),
            spot=FACTORS,
        )
    article = estimate.article_context
    if article.figures:
        card.section(
            f"Beside the data: {article.citation}",
            (f"{fig.label}: {figure_range(fig, cur)} ({fig.original})" for fig in article.figures),
        )
    notes = list(estimate.notes)
    if filled_note:
        notes.insert(0, filled_note)
    if notes:
        card.section("Notes", notes)
    sample = sample_text(estimate.sample or count(estimate.sample_size, "posting"), estimate.thin)
    card.section("Sample", [f"{sample} · confidence {estimate.confidence}"])
    card.footer(
        f"Band from {estimate.cell} · data to {estimate.data_year}, projected to {estimate.as_of}"
    )
    return card


def role_comparison_card(
    comparison: RoleComparison, own_role: str | None, note: str | None = None
) -> Card:
    cur = comparison.currency
    query = comparison.query
    where = taxonomy.label("location", query.location) if query.location else "all locations"
    lines = []
    for rank, row in enumerate(comparison.rows, 1):
        mark = " ◀ you" if row.role == own_role else ""
        few = " · *few postings*" if row.thin else ""
        lines.append(
            f"`{rank:>2}` **{row.label}** {money(row.base.p50, cur)} "
            f"({_range(row.base.p25, row.base.p75, cur)}) · "
            f"{row.sample or count(row.sample_size, 'posting')}{few}{mark}"
        )
    if any(row.thin for row in comparison.rows):
        lines.append(
            f"-# Roles with fewer than {THIN_SAMPLE} postings come last: their medians are too "
            "unsteady to rank."
        )
    if comparison.sample_note:
        lines.append(f"-# {comparison.sample_note}")
    card = Card(f"Roles compared · {where}").head(lines_within(lines, 2500))
    card.chart(f"Median base and P10 to P90 per role in {where}")
    if note:
        card.section("Notes", [note])
    survey = f"; pay levels: {SURVEY}" if "Survey 2025" in comparison.sample_note else ""
    card.footer(
        "Median base (P25 – P75) for the same level and place · Source: aijobs.net salary "
        f"index (CC0){survey}"
    )
    return card


def location_comparison_card(comparison: LocationComparison, note: str | None = None) -> Card:
    cur = comparison.currency
    role = taxonomy.label("role", comparison.query.role) if comparison.query.role else "Any role"
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
            f"**{row.label}** {money(row.base.p50, cur)} "
            f"({_range(row.base.p25, row.base.p75, cur)}) · {postings}{ppp}"
        )
    card = Card(f"Places compared · {role}").head(lines_within(lines, 2500))
    card.chart(f"Median base and P10 to P90 per place for {role}")
    sources = sorted({row.price_source for row in comparison.rows if row.price_source})
    notes = [comparison.note, *(f"Price index: {readable_source(s)}" for s in sources), note]
    card.section("Notes", (n for n in notes if n))
    card.footer(f"Median base (P25 – P75) · Sources: aijobs.net salary index (CC0); {SURVEY}")
    return card


ADVICE_LIMIT = 2000


def tip_line(rank: int, tip: Tip, currency: str) -> str:
    sign = "+" if tip.delta >= 0 else "−"
    return (
        f"`{rank}` **{word(tip.title)}**: {sign}{money(abs(tip.delta), currency)} → "
        f"{money(tip.new_median, currency)} ({word(tip.source)})"
    )


def tips_card(report: TipsReport, note: str | None = None) -> Card:
    cur = report.currency
    card = Card(_("Raising your pay · {person}", person=describe_person(report.query))).head(
        _("Your modelled median base today: **{median}**.", median=money(report.median, cur))
    )
    if note:
        card.section(_("Notes"), [note])
    levers = [tip for tip in report.items if tip.kind not in ASSOCIATIONS]
    linked = [tip for tip in report.items if tip.kind in ASSOCIATIONS]
    card.section(
        _("Moves you can make"),
        (tip_line(rank, tip, cur) for rank, tip in enumerate(levers, 1))
        if levers
        else [_("Nothing in the model would raise it further.")],
    )
    if linked:
        caveats = list(dict.fromkeys(word(tip.detail) for tip in linked))
        card.section(
            _("Linked to higher pay (survey associations)"),
            [
                *(tip_line(rank, tip, cur) for rank, tip in enumerate(linked, 1)),
                *(f"-# {caveat}" for caveat in caveats),
            ],
        )
    if report.sample:
        sample = sample_text(word(report.sample), report.thin)
        card.section(_("Sample"), [_("Your band: {sample}", sample=sample)])
    if report.advice:
        # Room for every pointer in the longer languages too; the card's own limit still holds.
        advice = (f"• {word(line)}" for line in report.advice)
        card.section(_("Negotiating"), advice, limit=ADVICE_LIMIT)
    card.footer(
        _("Effects are the model's, each with its source; assumptions are labelled as such.")
    )
    return card
