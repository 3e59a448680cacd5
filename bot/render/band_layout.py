"""Where everything on a band chart goes: rows, ticks, fonts and the pixel layout.

Pure geometry and text measuring, shared by the drawing (bot/render/band_chart.py) and the
offer chart, and tested on its own through compute_layout. Fonts are cached per thread, and
text widths per font, so several charts may be laid out at once in worker threads.
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


def validate_rows(rows: Sequence[BandRow]) -> None:
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


def chart_font(size: int, bold: bool = False) -> Font:
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
# 12,288 label-sized strings (three languages' worth) with their widths take about 4 MB.
@functools.lru_cache(maxsize=12288)
def text_length(font: Font, text: str) -> float:
    return font.getlength(text)


def fit_text(text: str, font: Font, max_w: float) -> str:
    """Truncate ``text`` with an ellipsis so it is at most ``max_w`` pixels wide."""
    text = " ".join(text.split())  # Newlines/tabs would break single-line layout.
    if text_length(font, text) <= max_w:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # Longest prefix that still fits alongside the ellipsis.
        mid = (lo + hi + 1) // 2
        if text_length(font, text[:mid].rstrip() + _ELLIPSIS) <= max_w:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + _ELLIPSIS


# --- layout ------------------------------------------------------------------


@dataclass(frozen=True)
class ChartFonts:
    title: Font
    subtitle: Font
    label: Font
    label_bold: Font
    value: Font
    value_bold: Font
    tick: Font
    small: Font


def chart_fonts() -> ChartFonts:
    return ChartFonts(
        title=chart_font(20, bold=True),
        subtitle=chart_font(13),
        label=chart_font(14),
        label_bold=chart_font(14, bold=True),
        value=chart_font(12),
        value_bold=chart_font(12, bold=True),
        tick=chart_font(12),
        small=chart_font(12),
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
        if max(text_length(font, s) for s in labels) + 14 > spacing:
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
    validate_rows(rows)
    f = chart_fonts()
    inner_w = WIDTH - 2 * PAD

    y = PAD
    title_text = fit_text(title, f.title, inner_w)
    y += 26
    sub_text = fit_text(subtitle, f.subtitle, inner_w) if subtitle else None
    if sub_text:
        y += 20
    legend_y = y + 8
    y = legend_y + 16 + 18
    plot_top = y

    widest = max(
        text_length(f.label_bold if r.highlight else f.label, " ".join(r.label.split()))
        for r in rows
    )
    label_w = math.ceil(min(max(widest, 40), LABEL_MAX_W))
    labels = tuple(
        fit_text(r.label, f.label_bold if r.highlight else f.label, label_w) for r in rows
    )

    values = [v for r in rows for v in (r.p10, r.p90)]
    values += [r.marker for r in rows if r.marker is not None]
    lo, hi = min(values), max(values)

    plot_left = PAD + label_w + LABEL_GAP
    # Reserve room on the right for half of the widest tick label.
    guess = nice_ticks(lo, hi, MAX_TICKS)
    half_label = max(text_length(f.tick, money(t)) for t in guess) / 2
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
        axis_label=fit_text(axis_label, f.subtitle, plot_right - plot_left),
        axis_label_y=axis_label_y,
    )
