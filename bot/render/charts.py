"""Answers as chart specs: the rows, titles and currency a band chart shows."""

from __future__ import annotations

from bot.render.band_chart import BandRow
from bot.render.chart_spec import ChartSpec
from bot.render.locale import ANSWER_LOCALE
from bot.render.phrases import describe_person
from bot.salary import taxonomy
from bot.salary.query import SalaryQuery
from bot.salary.results import LocationComparison, RoleComparison, SalaryEstimate

CHART_NAME = "band.png"


def _axis(currency: str) -> str:
    return f"Base salary, {currency} per year"


def _place(query: SalaryQuery) -> str:
    return taxonomy.label("location", query.location) if query.location else "all locations"


def _role(query: SalaryQuery) -> str:
    return taxonomy.label("role", query.role) if query.role else "any role"


def estimate_chart(estimate: SalaryEstimate) -> ChartSpec:
    rows = (
        BandRow("Base", *estimate.base.as_tuple(), highlight=True),
        BandRow("Total", *estimate.total.as_tuple()),
    )
    return ChartSpec(
        rows,
        title=describe_person(estimate.query),
        subtitle=estimate.cell,  # names the group, its sample size and the source
        axis_label=f"{estimate.currency} per year (total adds bonus and equity)",
        currency=estimate.currency,
        locale=ANSWER_LOCALE.get(),
    )


def roles_chart(comparison: RoleComparison, own_role: str | None) -> ChartSpec:
    rows = tuple(
        BandRow(r.label, *r.base.as_tuple(), highlight=r.role == own_role) for r in comparison.rows
    )
    title = f"Roles compared · {_place(comparison.query)}"
    return _comparison_spec(rows, title, "Source: aijobs.net salary index", comparison.currency)


def locations_chart(comparison: LocationComparison) -> ChartSpec:
    rows = tuple(BandRow(r.label, *r.base.as_tuple(), marker=r.ppp_median) for r in comparison.rows)
    has_marker = any(r.ppp_median is not None for r in comparison.rows)
    return _comparison_spec(
        rows,
        f"Places compared · {_role(comparison.query)}",
        "Source: aijobs.net salary index; price levels: BEA RPP 2023",
        comparison.currency,
        marker_label="Purchasing-power median" if has_marker else None,
    )


def _comparison_spec(
    rows: tuple[BandRow, ...],
    title: str,
    subtitle: str,
    currency: str,
    marker_label: str | None = None,
) -> ChartSpec:
    return ChartSpec(
        rows,
        title=title,
        subtitle=subtitle,
        axis_label=_axis(currency),
        currency=currency,
        marker_label=marker_label,
        locale=ANSWER_LOCALE.get(),
    )
