"""The band answers as cards: an estimate, roles and places compared, tips.

Headline and band first, then the chart and the buttons that act on it, then what the band is
made of (factors, their sources, notes, sample), then where it comes from.
"""

from __future__ import annotations

from bot.render.card import FACTORS, Card
from bot.render.names import name_of, place_name
from bot.render.phrases import (
    CONFIDENCE,
    NOTICEABLE,
    TOP_FACTORS,
    band_text,
    describe_person,
    details_line,
    figure_range,
    kind_tag,
    lines_within,
    money,
    multiplier,
    readable_source,
    sample_text,
    tagged,
)
from bot.render.wording import word
from bot.render.words import _
from bot.salary.basis import SURVEY_CREDIT
from bot.salary.model import AIJOBS_CREDIT
from bot.salary.results import (
    THIN_SAMPLE,
    LocationComparison,
    RoleComparison,
    SalaryEstimate,
    Tip,
    TipsReport,
)
from bot.salary.said import Said
from bot.salary.tips import ASSOCIATIONS

SURVEY = f"{SURVEY_CREDIT} (ODbL)"
POSTINGS_INDEX = f"{AIJOBS_CREDIT} (CC0)"
SOURCES = f"{POSTINGS_INDEX}; {SURVEY}"


def _range(low: float, high: float, currency: str) -> str:
    return f"{money(low, currency)} – {money(high, currency)}"


def _with_source(figure: str | None, source: Said | None, kind: str) -> list[str]:
    """A figure, and under it in small print where it comes from."""
    lines = [figure] if figure is not None else []
    return [*lines, f"-# {tagged(source, kind)}"] if source is not None else lines


def estimate_card(
    estimate: SalaryEstimate, filled_note: str | None = None, *, start: str | None = None
) -> Card:
    """`start` names the answer this one was built from (a what-if), above the band."""
    cur, base = estimate.currency, estimate.base
    card = Card(describe_person(estimate.query)).head(
        start,
        _(
            "Base salary: **{median}** median, typically **{typical}** (P25–P75).",
            median=money(base.p50, cur),
            typical=_range(base.p25, base.p75, cur),
        ),
        details_line(estimate.query),
    )
    card.section(_("Base band"), [band_text(base, cur)])
    card.chart(_("Base and total pay bands, P10 to P90, for {person}", person=card.title))
    card.rule()
    total = estimate.total
    card.add(
        "\n".join(
            [
                "**" + _("Bonus") + "**",
                *_with_source(
                    _range(estimate.bonus.low, estimate.bonus.high, cur),
                    estimate.bonus_source,
                    "article",
                ),
                "**" + _("Equity") + "**",
                *_with_source(
                    _range(estimate.equity.low, estimate.equity.high, cur),
                    estimate.equity_source,
                    "assumption",
                ),
                "**" + _("Total") + "**",
                f"{money(total.p50, cur)} ({_range(total.p25, total.p75, cur)})",
                *_with_source(None, estimate.total_span, "assumption"),
            ]
        )
    )
    # A factor that rounds to ×1.00 moved nothing a person would notice: leave it out.
    moved = [f for f in estimate.factors if abs(f.multiplier - 1) >= NOTICEABLE]
    factors = sorted(moved, key=lambda f: abs(f.effect), reverse=True)[:TOP_FACTORS]
    if factors:
        card.section(
            _("What moved it"),
            (
                f"{'+' if f.effect >= 0 else '−'}{money(abs(f.effect), cur)} "
                f"{multiplier(f.multiplier)} {word(f.said_name)} — {word(f.said_source)} "
                f"{kind_tag(f.kind)}"
                for f in factors
            ),
            spot=FACTORS,
        )
    article = estimate.article_context
    if article.figures:
        card.section(
            _("Beside the data: {citation}", citation=word(article.citation)),
            (
                f"{word(fig.label)}: {figure_range(fig, cur)} ({fig.original})"
                for fig in article.figures
            ),
        )
    notes = [word(note) for note in estimate.said_notes]
    if filled_note:
        notes.insert(0, filled_note)
    if notes:
        card.section(_("Notes"), notes)
    sample = sample_text(estimate.said_sample, estimate.thin)
    card.section(
        _("Sample"),
        [
            _(
                "{sample} · confidence {confidence}",
                sample=sample,
                confidence=_(CONFIDENCE[estimate.confidence]),
            )
        ],
    )
    card.footer(
        _(
            "Band from {band} · data to {data_year}, projected to {year}",
            band=word(estimate.said_cell),
            data_year=estimate.data_year,
            year=estimate.as_of,
        )
    )
    return card


def role_comparison_card(
    comparison: RoleComparison, own_role: str | None, note: str | None = None
) -> Card:
    cur = comparison.currency
    query = comparison.query
    where = place_name(query.location) if query.location else _("all locations")
    you = " " + _("◀ you")
    few = " · " + _("*few postings*")
    lines = [
        f"`{rank:>2}` **{name_of('role', row.role)}** {money(row.base.p50, cur)} "
        f"({_range(row.base.p25, row.base.p75, cur)}) · "
        f"{word(row.sample)}{few if row.thin else ''}{you if row.role == own_role else ''}"
        for rank, row in enumerate(comparison.rows, 1)
    ]
    if any(row.thin for row in comparison.rows):
        lines.append(
            "-# "
            + _(
                "Roles with fewer than {count} postings come last: their medians are too "
                "unsteady to rank.",
                count=THIN_SAMPLE,
            )
        )
    if comparison.sample_note is not None:
        lines.append(f"-# {word(comparison.sample_note)}")
    card = Card(_("Roles compared · {place}", place=where)).head(lines_within(lines, 2500))
    card.chart(_("Median base and P10 to P90 per role in {place}", place=where))
    if note:
        card.section(_("Notes"), [note])
    survey = _("; pay levels: {survey}", survey=SURVEY) if comparison.level_surveyed else ""
    card.footer(
        _(
            "Median base (P25 – P75) for the same level and place · Source: {source}",
            source=POSTINGS_INDEX,
        )
        + survey
    )
    return card


def location_comparison_card(comparison: LocationComparison, note: str | None = None) -> Card:
    cur = comparison.currency
    query = comparison.query
    role = name_of("role", query.role) if query.role else _("Any role")
    lines = []
    for row in comparison.rows:
        ppp = (
            " · " + _("in purchasing power {median}", median=money(row.ppp_median, cur))
            if row.ppp_median is not None
            else ""
        )
        lines.append(
            f"**{place_name(row.location)}** {money(row.base.p50, cur)} "
            f"({_range(row.base.p25, row.base.p75, cur)}) · "
            f"{sample_text(row.sample, row.thin)}{ppp}"
        )
    card = Card(_("Places compared · {role}", role=role)).head(lines_within(lines, 2500))
    card.chart(_("Median base and P10 to P90 per place for {role}", role=role))
    sources = {str(row.price_source): row.price_source for row in comparison.rows}
    notes = [
        word(comparison.note),
        *(
            _("Price index: {source}", source=readable_source(source))
            for key, source in sorted(sources.items())
            if source is not None
        ),
        note,
    ]
    card.section(_("Notes"), (n for n in notes if n))
    card.footer(
        _(
            "Median base (P25 – P75) · Sources: {sources}",
            sources=SOURCES,
        )
    )
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
