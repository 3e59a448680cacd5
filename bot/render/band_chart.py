"""Salary band chart rendered to PNG with Pillow only.

One chart type covers a single estimate (one row) and comparisons (several
rows): per row a thin P10–P90 whisker, a thick P25–P75 box and a median tick
with its value printed above. Everything is drawn on an opaque dark card so
the image reads the same on Discord's dark and light themes, straight into a fixed palette
(bot/render/palette_png.py) so that encoding is cheap.

The module holds no shared mutable state apart from a per-thread font cache and
caches of text widths and rendered texts keyed by those fonts, so several renders
may run at once in worker threads (``asyncio.to_thread``).

Over 400 lines on purpose: layout and drawing share one set of measurements, and the
layout is tested on its own through compute_layout.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from PIL import ImageFont

from bot.render.palette_png import Palette, Pen

__all__ = [
    "MAX_ROWS",
    "BandRow",
    "ChartLayout",
    "compute_layout",
    "nice_ticks",
    "render_band_chart",
    "value_to_x",
]

MAX_ROWS = 25  # Guards image height and PNG size; comparisons use about 12.

Color = tuple[int, int, int]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Palette: dark card that contrasts with both Discord themes (#313338 / #ffffff).
BG: Color = (22, 27, 34)
BORDER: Color = (61, 68, 77)
TEXT: Color = (230, 237, 243)
TEXT_SOFT: Color = (201, 209, 217)
MUTED: Color = (139, 148, 158)
GRID: Color = (40, 46, 54)
AXIS: Color = (88, 96, 105)
WHISKER: Color = (125, 133, 144)
BOX: Color = (56, 139, 253)
HL_STRIP: Color = (35, 42, 54)
HL_ACCENT: Color = (240, 136, 62)
HL_WHISKER: Color = (214, 150, 104)
MEDIAN: Color = (255, 255, 255)
MARKER: Color = (63, 205, 110)

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

WIDTH = 800
PAD = 24
LABEL_MAX_W = 220
LABEL_GAP = 18
ROW_H = 44
ROW_H_SINGLE = 66  # Room for the P10/P25/P75/P90 values under a lone band.
BAND_OFFSET = 27  # Row top to band centre; leaves room for the median value.
BOX_H = 14
WHISKER_W = 2
TICK_HALF_H = 11
MAX_TICKS = 7

_FONT_DIR = Path(__file__).with_name("fonts")
_SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_ELLIPSIS = "…"


@dataclass(frozen=True)
class BandRow:
    label: str
    p10: float
    p25: float
    p50: float
    p75: float
    p90: float
    highlight: bool = False
    marker: float | None = None


# --- pure helpers ------------------------------------------------------------


def nice_ticks(lo: float, hi: float, n: int = MAX_TICKS) -> list[float]:
    """Round tick values covering ``[lo, hi]`` with at most ``n`` ticks.

    Steps are 1, 2, 2.5 or 5 times a power of ten. The first and last ticks
    bracket the data, so they double as the axis domain. A (near) zero-width
    range is widened by 10% either side (or to ``[0, 1]`` at zero), never below
    zero when ``lo`` is non-negative.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi < lo:
        raise ValueError(f"invalid tick range: {lo!r}..{hi!r}")
    n = max(n, 2)
    # Spans this small (relative, or absolute for money) cannot be split into
    # distinct float ticks, so treat them as a single value.
    if hi - lo <= max(abs(lo), abs(hi)) * 1e-9 or hi - lo < 1e-9:
        spread = abs(hi) * 0.1 if abs(hi) >= 1e-9 else 1.0
        new_lo = lo - spread
        lo, hi = (max(new_lo, 0.0) if lo >= 0 else new_lo), hi + spread
    raw = (hi - lo) / (n - 1)
    exp = math.floor(math.log10(raw))
    for e in (exp, exp + 1, exp + 2):
        for mult in (1.0, 2.0, 2.5, 5.0):
            step = mult * 10.0**e
            first = math.floor(lo / step)
            last = math.ceil(hi / step)
            if last - first + 1 <= n:
                # Rounding keeps e.g. 3 * 0.2 from printing as 0.6000000000000001.
                digits = max(0, 1 - math.floor(math.log10(step)))
                ticks = [round(k * step, digits) for k in range(first, last + 1)]
                # Rounding may land a hair inside the data; the ends must still bracket it.
                ticks[0], ticks[-1] = min(ticks[0], lo), max(ticks[-1], hi)
                return ticks
    raise AssertionError("unreachable: a step of 100x the raw step always fits")


def value_to_x(value: float, lo: float, hi: float, left: float, right: float) -> float:
    """Map ``value`` from the domain ``[lo, hi]`` onto pixels ``[left, right]``."""
    if hi == lo:
        return (left + right) / 2
    return left + (value - lo) / (hi - lo) * (right - left)


def _validate(rows: Sequence[BandRow]) -> None:
    if not rows:
        raise ValueError("rows must not be empty")
    if len(rows) > MAX_ROWS:
        raise ValueError(f"at most {MAX_ROWS} rows are supported, got {len(rows)}")
    for row in rows:
        values = (row.p10, row.p25, row.p50, row.p75, row.p90)
        named = [*values] + ([row.marker] if row.marker is not None else [])
        for v in named:
            if not math.isfinite(v) or v < 0:
                raise ValueError(f"row {row.label!r}: values must be finite and >= 0, got {v!r}")
        if any(a > b for a, b in pairwise(values)):
            raise ValueError(f"row {row.label!r}: percentiles must satisfy p10<=p25<=p50<=p75<=p90")


# --- fonts -------------------------------------------------------------------

# FreeType faces must not be used from two threads at once, so each worker
# thread keeps its own font objects; thread pools reuse threads, so this is cheap.
_tls = threading.local()


def _load_font(size: int, bold: bool) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in (_FONT_DIR, _SYSTEM_FONT_DIR):
        path = folder / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    # Last resort: Pillow's built-in font lacks accented glyphs but never fails.
    return ImageFont.load_default(size=size)


def _font(size: int, bold: bool = False) -> Font:
    cache: dict[tuple[int, bool], Font] | None = getattr(_tls, "fonts", None)
    if cache is None:
        cache = {}
        _tls.fonts = cache
    font = cache.get((size, bold))
    if font is None:
        font = cache[(size, bold)] = _load_font(size, bold)
    return font


# Widths of the same strings are asked for again and again (fitting, ticks, the legend) and
# in every chart. Fonts are per thread, so keying on the font object never shares a face;
# 4096 label-sized strings with their widths take about 1.3 MB.
@functools.lru_cache(maxsize=4096)
def _length(font: Font, text: str) -> float:
    return font.getlength(text)


def _fit(text: str, font: Font, max_w: float) -> str:
    """Truncate ``text`` with an ellipsis so it is at most ``max_w`` pixels wide."""
    text = " ".join(text.split())  # Newlines/tabs would break single-line layout.
    if _length(font, text) <= max_w:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # Longest prefix that still fits alongside the ellipsis.
        mid = (lo + hi + 1) // 2
        if _length(font, text[:mid].rstrip() + _ELLIPSIS) <= max_w:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + _ELLIPSIS


# --- layout ------------------------------------------------------------------


@dataclass(frozen=True)
class _Fonts:
    title: Font
    subtitle: Font
    label: Font
    label_bold: Font
    value: Font
    value_bold: Font
    tick: Font
    small: Font


def _fonts() -> _Fonts:
    return _Fonts(
        title=_font(20, bold=True),
        subtitle=_font(13),
        label=_font(14),
        label_bold=_font(14, bold=True),
        value=_font(12),
        value_bold=_font(12, bold=True),
        tick=_font(12),
        small=_font(12),
    )


@dataclass(frozen=True)
class ChartLayout:
    """Pixel geometry of a chart; exposed so tests can sample drawn pixels."""

    width: int
    height: int
    title: str
    subtitle: str | None
    legend_y: int
    label_left: int
    label_width: int
    labels: tuple[str, ...]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    row_height: int
    domain: tuple[float, float]
    ticks: tuple[float, ...]
    tick_labels: tuple[str, ...]
    axis_label: str
    axis_label_y: int

    def x(self, value: float) -> int:
        return round(value_to_x(value, *self.domain, self.plot_left, self.plot_right))

    def row_top(self, index: int) -> int:
        return self.plot_top + index * self.row_height

    def row_center(self, index: int) -> int:
        """Vertical centre of the band; sits below the median value text."""
        return self.row_top(index) + BAND_OFFSET


def _choose_ticks(
    lo: float, hi: float, money: Callable[[float], str], font: Font, plot_w: float
) -> tuple[list[float], list[str]]:
    """Most ticks whose formatted labels are distinct and do not collide."""
    fitting: tuple[list[float], list[str]] | None = None
    for n in range(MAX_TICKS, 1, -1):
        ticks = nice_ticks(lo, hi, n)
        labels = [money(t) for t in ticks]
        spacing = plot_w / max(len(ticks) - 1, 1)
        if max(_length(font, s) for s in labels) + 14 > spacing:
            continue
        if len(set(labels)) == len(labels):
            return ticks, labels
        fitting = fitting or (ticks, labels)
    # A coarse formatter ("$0k" for 0..1) repeats labels at any density: keep
    # the gridlines but print each distinct label once.
    ticks, labels = fitting or (ticks, labels)
    deduped = [s if i == 0 or s != labels[i - 1] else "" for i, s in enumerate(labels)]
    return ticks, deduped


def compute_layout(
    rows: Sequence[BandRow],
    *,
    title: str,
    axis_label: str,
    money: Callable[[float], str],
    subtitle: str | None = None,
) -> ChartLayout:
    """Validate ``rows`` and work out every position the renderer needs."""
    _validate(rows)
    f = _fonts()
    inner_w = WIDTH - 2 * PAD

    y = PAD
    title_text = _fit(title, f.title, inner_w)
    y += 26
    sub_text = _fit(subtitle, f.subtitle, inner_w) if subtitle else None
    if sub_text:
        y += 20
    legend_y = y + 8
    y = legend_y + 16 + 18
    plot_top = y

    widest = max(
        _length(f.label_bold if r.highlight else f.label, " ".join(r.label.split())) for r in rows
    )
    label_w = math.ceil(min(max(widest, 40), LABEL_MAX_W))
    labels = tuple(_fit(r.label, f.label_bold if r.highlight else f.label, label_w) for r in rows)

    values = [v for r in rows for v in (r.p10, r.p90)]
    values += [r.marker for r in rows if r.marker is not None]
    lo, hi = min(values), max(values)

    plot_left = PAD + label_w + LABEL_GAP
    # Reserve room on the right for half of the widest tick label.
    guess = nice_ticks(lo, hi, MAX_TICKS)
    half_label = max(_length(f.tick, money(t)) for t in guess) / 2
    plot_right = int(WIDTH - PAD - max(half_label, 10))
    ticks, tick_labels = _choose_ticks(lo, hi, money, f.tick, plot_right - plot_left)

    row_h = ROW_H_SINGLE if len(rows) == 1 else ROW_H
    plot_bottom = plot_top + row_h * len(rows) + 4
    axis_label_y = plot_bottom + 8 + 14 + 12
    height = axis_label_y + 16 + PAD - 4

    return ChartLayout(
        width=WIDTH,
        height=height,
        title=title_text,
        subtitle=sub_text,
        legend_y=legend_y,
        label_left=PAD,
        label_width=label_w,
        labels=labels,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        row_height=row_h,
        domain=(ticks[0], ticks[-1]),
        ticks=tuple(ticks),
        tick_labels=tuple(tick_labels),
        axis_label=_fit(axis_label, f.subtitle, plot_right - plot_left),
        axis_label_y=axis_label_y,
    )


# --- drawing -----------------------------------------------------------------


def _diamond(draw: Pen, x: int, y: int, r: int, fill: Color) -> None:
    draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=fill, outline=BG)


def _draw_legend(
    draw: Pen,
    lay: ChartLayout,
    f: _Fonts,
    marker_label: str | None,
    highlights: set[bool],
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
    x += int(_length(f.small, "P10–P90")) + gap

    for box in boxes:
        draw.rectangle((x, cy - 5, x + 20, cy + 5), fill=box)
        x += 24
    x += 2
    draw.text((x, cy), "P25–P75", font=f.small, fill=MUTED, on=BG, anchor="lm")
    x += int(_length(f.small, "P25–P75")) + gap

    draw.rectangle((x, cy - 7, x + 2, cy + 7), fill=MEDIAN)
    x += 9
    draw.text((x, cy), "Median", font=f.small, fill=MUTED, on=BG, anchor="lm")
    x += int(_length(f.small, "Median")) + gap

    if marker_label:
        _diamond(draw, x + 6, cy, 6, MARKER)
        x += 18
        room = lay.width - PAD - x
        fitted = _fit(marker_label, f.small, room)
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
    f: _Fonts,
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
    w = _length(f.value_bold, text)
    tx = min(max(x50 - w / 2, lay.plot_left - 8), lay.width - PAD - w)
    on = HL_STRIP if row.highlight else BG
    draw.text((tx, cy - TICK_HALF_H - 4), text, font=f.value_bold, fill=TEXT, on=on, anchor="ls")

    if detail:
        _draw_detail(draw, lay, f, row, money, cy, on)


def _draw_detail(
    draw: Pen,
    lay: ChartLayout,
    f: _Fonts,
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
        w = _length(f.value, text)
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
) -> bytes:
    """Render salary bands to PNG bytes (about 800 px wide, opaque background).

    Raises ValueError for no rows, more than MAX_ROWS rows, NaN/infinite or
    negative values, or percentiles out of order.
    """
    lay = compute_layout(rows, title=title, axis_label=axis_label, money=money, subtitle=subtitle)
    f = _fonts()
    draw = Pen(_PALETTE, (lay.width, lay.height), BG)
    draw.rectangle((0, 0, lay.width - 1, lay.height - 1), outline=BORDER)

    draw.text((PAD, PAD), lay.title, font=f.title, fill=TEXT, on=BG, anchor="lt")
    if lay.subtitle:
        draw.text((PAD, PAD + 27), lay.subtitle, font=f.subtitle, fill=MUTED, on=BG, anchor="lt")
    has_marker = any(r.marker is not None for r in rows)
    _draw_legend(draw, lay, f, marker_label if has_marker else None, {r.highlight for r in rows})

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
