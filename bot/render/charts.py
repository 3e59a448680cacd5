"""Answers as band charts (PNG), rendered off the event loop."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import discord

from bot.render.band_chart import BandRow, render_band_chart
from bot.render.embeds import describe_person
from bot.salary import taxonomy
from bot.salary.currency import format_money
from bot.salary.query import SalaryQuery
from bot.salary.results import LocationComparison, RoleComparison, SalaryEstimate

CHART_NAME = "band.png"


def _axis(currency: str) -> str:
    return f"Base salary, {currency} per year"


def _money(currency: str) -> Callable[[float], str]:
    return lambda amount: format_money(amount, currency)


def _place(query: SalaryQuery) -> str:
    return taxonomy.label("location", query.location) if query.location else "all locations"


def _role(query: SalaryQuery) -> str:
    return taxonomy.label("role", query.role) if query.role else "any role"


def estimate_chart(estimate: SalaryEstimate) -> bytes:
    base = estimate.base
    rows = [
        BandRow("Base", *base.as_tuple(), highlight=True),
        BandRow("Total", *estimate.total.as_tuple()),
    ]
    return render_band_chart(
        rows,
        title=describe_person(estimate.query),
        subtitle=estimate.cell,  # names the group, its sample size and the source
        axis_label=f"{estimate.currency} per year (total adds bonus and equity)",
        money=_money(estimate.currency),
    )


def roles_chart(comparison: RoleComparison, own_role: str | None) -> bytes:
    rows = [
        BandRow(r.label, *r.base.as_tuple(), highlight=r.role == own_role) for r in comparison.rows
    ]
    return render_band_chart(
        rows,
        title=f"Roles compared · {_place(comparison.query)}",
        subtitle="Source: aijobs.net salary index",
        axis_label=_axis(comparison.currency),
        money=_money(comparison.currency),
    )


def locations_chart(comparison: LocationComparison) -> bytes:
    rows = [BandRow(r.label, *r.base.as_tuple(), marker=r.ppp_median) for r in comparison.rows]
    has_marker = any(r.ppp_median is not None for r in comparison.rows)
    return render_band_chart(
        rows,
        title=f"Places compared · {_role(comparison.query)}",
        subtitle="Source: aijobs.net salary index; price levels: BEA RPP 2023",
        axis_label=_axis(comparison.currency),
        money=_money(comparison.currency),
        marker_label="Purchasing-power median" if has_marker else None,
    )


# One drawing thread: under a burst, a thread per chart competes with the event loop for
# the GIL and delays first answers; one thread queues charts behind each other instead.
_DRAWING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart")


async def chart_file(render: Callable[[], bytes]) -> discord.File:
    """Render in a worker thread so the gateway heartbeat never waits on drawing."""
    data = await asyncio.get_running_loop().run_in_executor(_DRAWING, render)
    return discord.File(io.BytesIO(data), filename=CHART_NAME)
