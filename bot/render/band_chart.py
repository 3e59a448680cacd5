"""Salary band chart rendered to PNG with Pillow only.

One chart type covers a single estimate (one row) and comparisons (several
rows): per row a thin P10–P90 whisker, a thick P25–P75 box and a median tick
with its value printed above. Everything is drawn on an opaque dark card so
the image reads the same on Discord's dark and light themes, straight into a fixed palette
(bot/render/palette_png.py) so that encoding is cheap. Where things go is worked out in
bot/render/band_layout.py.

The module holds no shared mutable state, so several renders may run at once in worker
threads (``asyncio.to_thread``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.render.band_layout import (
    AXIS,
    BG,
    BORDER,
    BOX,
    BOX_H,
    GRID,
    HL_ACCENT,
    HL_STRIP,
    HL_WHISKER,
    MARKER,
    MAX_ROWS,
    MEDIAN,
    MUTED,
    PAD,
    TEXT,
    TEXT_SOFT,
    TICK_HALF_H,
    WHISKER,
    WHISKER_W,
    BandRow,
    ChartFonts,
    ChartLayout,
    Color,
    chart_fonts,
    compute_layout,
    fit_text,
    text_length,
)
from bot.render.palette_png import Palette, Pen

__all__ = ["MAX_ROWS", "BandRow", "render_band_chart"]

# Built once at import: every flat colour, and each text colour on each background it sits on.
_PALETTE = Palette(
    [
        BG,
        BORDER,
        TEXT,
        TEXT_SOFT,
        MUTED,
        GRID,
        AXIS,
        WHISKER,
        BOX,
        HL_STRIP,
        HL_ACCENT,
        HL_WHISKER,
        MEDIAN,
        MARKER,
    ],
    ((TEXT, BG), (TEXT, HL_STRIP), (TEXT_SOFT, BG), (MUTED, BG), (MUTED, HL_STRIP)),
)

# --- drawing -----------------------------------------------------------------


def _diamond(draw: Pen, x: int, y: int, r: int, fill: Color) -> None:
    draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=fill, outline=BG)


def _draw_legend(
    draw: Pen,
    lay: ChartLayout,
    f: ChartFonts,
    marker_label: str | None,
    highlights: set[bool],
    median_label: str,
) -> None:
    # The swatches show every colour the bands use: the accent, the plain blue, or both.
    boxes = [colour for lit, colour in ((True, HL_ACCENT), (False, BOX)) if lit in highlights]
    whisker = HL_WHISKER if highlights == {True} else WHISKER
    x = lay.label_left
    cy = lay.legend_y + 8
    gap = 18

    draw.rectangle((x, cy - 1, x + 20, cy), fill=whisker)
    x += 26
    draw.text((x, cy), "P10–P90", font=f.small, fill=MUTED, on=BG, anchor="lm")
    x += int(text_length(f.small, "P10–P90")) + gap

    for box in boxes:
        draw.rectangle((x, cy - 5, x + 20, cy + 5), fill=box)
        x += 24
    x += 2
    draw.text((x, cy), "P25–P75", font=f.small, fill=MUTED, on=BG, anchor="lm")
    x += int(text_length(f.small, "P25–P75")) + gap

    draw.rectangle((x, cy - 7, x + 2, cy + 7), fill=MEDIAN)
    x += 9
    draw.text((x, cy), median_label, font=f.small, fill=MUTED, on=BG, anchor="lm")
    x += int(text_length(f.small, median_label)) + gap

    if marker_label:
        _diamond(draw, x + 6, cy, 6, MARKER)
        x += 18
        room = lay.width - PAD - x
        fitted = fit_text(marker_label, f.small, room)
        draw.text((x, cy), fitted, font=f.small, fill=MUTED, on=BG, anchor="lm")


def _draw_strip(draw: Pen, lay: ChartLayout, index: int) -> None:
    top = lay.row_top(index)
    bottom = top + lay.row_height
    draw.rounded_rectangle(
        (PAD - 12, top + 2, lay.width - PAD + 12, bottom - 2), radius=6, fill=HL_STRIP
    )
    draw.rectangle((PAD - 12, top + 9, PAD - 9, bottom - 9), fill=HL_ACCENT)


def _draw_row(
    draw: Pen,
    lay: ChartLayout,
    f: ChartFonts,
    index: int,
    row: BandRow,
    money: Callable[[float], str],
    detail: bool,
) -> None:
    cy = lay.row_center(index)
    label_font = f.label_bold if row.highlight else f.label
    draw.text(
        (lay.label_left, cy),
        lay.labels[index],
        font=label_font,
        fill=TEXT if row.highlight else TEXT_SOFT,
        on=HL_STRIP if row.highlight else BG,
        anchor="lm",
    )

    x10, x25, x50, x75, x90 = (lay.x(v) for v in (row.p10, row.p25, row.p50, row.p75, row.p90))
    box_fill = HL_ACCENT if row.highlight else BOX
    whisker_fill = HL_WHISKER if row.highlight else WHISKER
    half_w = WHISKER_W // 2
    draw.rectangle((x10, cy - half_w, x90, cy - half_w + WHISKER_W - 1), fill=whisker_fill)
    for xe in (x10, x90):  # End caps make the P10/P90 ends readable.
        draw.rectangle((xe, cy - 4, xe, cy + 4), fill=whisker_fill)
    half_h = BOX_H // 2
    draw.rectangle((x25, cy - half_h, max(x75, x25 + 1), cy + half_h - 1), fill=box_fill)
    draw.rectangle((x50 - 1, cy - TICK_HALF_H, x50 + 1, cy + TICK_HALF_H - 1), fill=MEDIAN)

    if row.marker is not None:
        _diamond(draw, lay.x(row.marker), cy, 6, MARKER)

    # Median value above the band, kept inside the card.
    text = money(row.p50)
    w = text_length(f.value_bold, text)
    tx = min(max(x50 - w / 2, lay.plot_left - 8), lay.width - PAD - w)
    on = HL_STRIP if row.highlight else BG
    draw.text((tx, cy - TICK_HALF_H - 4), text, font=f.value_bold, fill=TEXT, on=on, anchor="ls")

    if detail:
        _draw_detail(draw, lay, f, row, money, cy, on)


def _draw_detail(
    draw: Pen,
    lay: ChartLayout,
    f: ChartFonts,
    row: BandRow,
    money: Callable[[float], str],
    cy: int,
    on: Color,
) -> None:
    """Percentile values under a single band, skipping any that would overlap."""
    placed: list[tuple[float, float]] = []
    y = cy + TICK_HALF_H + 5
    for name, value in (("P10", row.p10), ("P90", row.p90), ("P25", row.p25), ("P75", row.p75)):
        if value == row.p50:
            continue  # Already printed above the band.
        text = f"{name} {money(value)}"
        w = text_length(f.value, text)
        x = min(max(lay.x(value) - w / 2, lay.plot_left - 8), lay.width - PAD - w)
        if any(x < b + 10 and x + w > a - 10 for a, b in placed):
            continue
        placed.append((x, x + w))
        draw.text((x, y), text, font=f.value, fill=MUTED, on=on, anchor="lt")


def render_band_chart(
    rows: Sequence[BandRow],
    *,
    title: str,
    axis_label: str,
    money: Callable[[float], str],
    subtitle: str | None = None,
    marker_label: str | None = None,
    median_label: str = "Median",
) -> bytes:
    """Render salary bands to PNG bytes (about 800 px wide, opaque background).

    The words on it (title, labels, `median_label` in the legend) come in the reader's
    language: charts are drawn where the reader's locale is not known.

    Raises ValueError for no rows, more than MAX_ROWS rows, NaN/infinite or
    negative values, or percentiles out of order.
    """
    lay = compute_layout(rows, title=title, axis_label=axis_label, money=money, subtitle=subtitle)
    f = chart_fonts()
    draw = Pen(_PALETTE, (lay.width, lay.height), BG)
    draw.rectangle((0, 0, lay.width - 1, lay.height - 1), outline=BORDER)

    draw.text((PAD, PAD), lay.title, font=f.title, fill=TEXT, on=BG, anchor="lt")
    if lay.subtitle:
        draw.text((PAD, PAD + 27), lay.subtitle, font=f.subtitle, fill=MUTED, on=BG, anchor="lt")
    has_marker = any(r.marker is not None for r in rows)
    _draw_legend(
        draw,
        lay,
        f,
        marker_label if has_marker else None,
        {r.highlight for r in rows},
        median_label,
    )

    # Strips, then grid, then bands: gridlines stay visible through highlights
    # but never cross a band.
    for i, row in enumerate(rows):
        if row.highlight:
            _draw_strip(draw, lay, i)
    for t in lay.ticks:
        x = lay.x(t)
        draw.line((x, lay.plot_top, x, lay.plot_bottom), fill=GRID)
    for i, row in enumerate(rows):
        _draw_row(draw, lay, f, i, row, money, detail=len(rows) == 1)

    draw.line((lay.plot_left, lay.plot_bottom, lay.plot_right, lay.plot_bottom), fill=AXIS)
    for t, text in zip(lay.ticks, lay.tick_labels, strict=True):
        x = lay.x(t)
        draw.line((x, lay.plot_bottom, x, lay.plot_bottom + 4), fill=AXIS)
        draw.text((x, lay.plot_bottom + 8), text, font=f.tick, fill=MUTED, on=BG, anchor="mt")
    draw.text(
        ((lay.plot_left + lay.plot_right) / 2, lay.axis_label_y),
        lay.axis_label,
        font=f.subtitle,
        fill=MUTED,
        on=BG,
        anchor="mt",
    )
    return draw.png()
