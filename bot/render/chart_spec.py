"""What a chart shows, as plain data, and how to draw it.

A ChartSpec holds everything a chart depends on and nothing about who asked, so it is the
key of the rendered-chart cache, and it pickles, so it can be drawn in another process.
This module imports nothing of discord: the drawing processes load only Pillow and this.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.render.band_chart import BandRow, render_band_chart
from bot.salary.currency import format_money


@dataclass(frozen=True)
class ChartSpec:
    rows: tuple[BandRow, ...]
    title: str
    subtitle: str
    axis_label: str
    currency: str
    marker_label: str | None = None
    # How the money is written (the asker's language): part of what the chart shows.
    locale: str | None = None
    # The legend's word for the median tick, in the asker's language like every other label.
    median_label: str = "Median"


def draw_chart(spec: ChartSpec) -> bytes:
    return render_band_chart(
        spec.rows,
        title=spec.title,
        subtitle=spec.subtitle,
        axis_label=spec.axis_label,
        money=lambda amount: format_money(amount, spec.currency, locale=spec.locale),
        marker_label=spec.marker_label,
        median_label=spec.median_label,
    )
