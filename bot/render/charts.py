"""Answers as chart specs: the rows, titles and currency a band chart shows."""

from __future__ import annotations

from bot.render.band_chart import BandRow
from bot.render.chart_spec import ChartSpec
from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of, place_name
from bot.render.phrases import describe_person
from bot.render.wording import word
from bot.render.words import _
from bot.salary.model import AIJOBS_CREDIT
from bot.salary.query import SalaryQuery
from bot.salary.results import LocationComparison, RoleComparison, SalaryEstimate

CHART_NAME = "band.png"


def _axis(currency: str) -> str:
    return _("Base salary, {currency} per year", currency=currency)


def _place(query: SalaryQuery) -> str:
    return place_name(query.location) if query.location else _("all locations")


def _role(query: SalaryQuery) -> str:
    return name_of("role", query.role) if query.role else _("any role")


def estimate_chart(estimate: SalaryEstimate) -> ChartSpec:
    rows = (
        BandRow(_("Base"), *estimate.base.as_tuple(), highlight=True),
        BandRow(_("Total"), *estimate.total.as_tuple()),
    )
    return ChartSpec(
        rows,
        title=describe_person(estimate.query),
        subtitle=word(estimate.said_cell),  # names the group, its sample size and the source
        axis_label=_(
            "{currency} per year (total adds bonus and equity)", currency=estimate.currency
        ),
        currency=estimate.currency,
        locale=ANSWER_LOCALE.get(),
        median_label=_("Median"),
    )


def roles_chart(comparison: RoleComparison, own_role: str | None) -> ChartSpec:
    rows = tuple(
        BandRow(name_of("role", r.role), *r.base.as_tuple(), highlight=r.role == own_role)
        for r in comparison.rows
    )
    title = _("Roles compared · {place}", place=_place(comparison.query))
    subtitle = _("Source: {source}", source=AIJOBS_CREDIT)
    return _comparison_spec(rows, title, subtitle, comparison.currency)


def locations_chart(comparison: LocationComparison) -> ChartSpec:
    rows = tuple(
        BandRow(place_name(r.location), *r.base.as_tuple(), marker=r.ppp_median)
        for r in comparison.rows
    )
    has_marker = any(r.ppp_median is not None for r in comparison.rows)
    return _comparison_spec(
        rows,
        _("Places compared · {role}", role=_role(comparison.query)),
        _(
            "Source: {source}; price levels: {prices}",
            source=AIJOBS_CREDIT,
            prices="BEA RPP 2023",
        ),
        comparison.currency,
        marker_label=_("Purchasing-power median") if has_marker else None,
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
        median_label=_("Median"),
    )
