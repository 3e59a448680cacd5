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
    return ChartSpec(
        rows,
        title=f"Roles compared · {_place(comparison.query)}",
        subtitle="Source: aijobs.net salary index",
        axis_label=_axis(comparison.currency),
        currency=comparison.currency,
        locale=ANSWER_LOCALE.get(),
    )


def locations_chart(comparison: LocationComparison) -> ChartSpec:
    rows = tuple(BandRow(r.label, *r.base.as_tuple(), marker=r.ppp_median) for r in comparison.rows)
    has_marker = any(r.ppp_median is not None for r in comparison.rows)
    return ChartSpec(
        rows,
        title=f"Places compared · {_role(comparison.query)}",
        subtitle="Source: aijobs.net salary index; price levels: BEA RPP 2023",
        axis_label=_axis(comparison.currency),
        currency=comparison.currency,
        marker_label="Purchasing-power median" if has_marker else None,
        locale=ANSWER_LOCALE.get(),
    )
