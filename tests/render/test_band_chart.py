from __future__ import annotations

import io
import math
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from bot.render import band_layout as chart
from bot.render.band_chart import render_band_chart
from bot.render.band_layout import (
    BG,
    BOX,
    HL_ACCENT,
    HL_STRIP,
    LABEL_MAX_W,
    MARKER,
    MAX_ROWS,
    MEDIAN,
    BandRow,
    compute_layout,
    nice_ticks,
    value_to_x,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def money(v: float) -> str:
    if v >= 1e6:
        return f"${v / 1e6:,.1f}M"
    return f"${v / 1000:,.0f}k"


def band(
    label: str = "ML engineer",
    median: float = 150_000,
    highlight: bool = False,
    marker: float | None = None,
) -> BandRow:
    m = median
    return BandRow(label, m * 0.7, m * 0.85, m, m * 1.2, m * 1.45, highlight, marker)


def render(rows: list[BandRow], **kw: Any) -> bytes:
    args: dict[str, Any] = {
        "title": "ML engineer salaries",
        "axis_label": "Base salary, USD per year",
        "money": money,
        "subtitle": "Source: aijobs.net salary index, n=412",
    }
    args.update(kw)
    return render_band_chart(rows, **args)


def layout_for(rows: list[BandRow]) -> chart.ChartLayout:
    return compute_layout(
        rows,
        title="ML engineer salaries",
        axis_label="Base salary, USD per year",
        money=money,
        subtitle="Source: aijobs.net salary index, n=412",
    )


def decode(png: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(png))
    img.load()
    return img.convert("RGB")


# --- nice_ticks / value_to_x -------------------------------------------------


@pytest.mark.parametrize(
    ("lo", "hi", "n", "expected"),
    [
        (0, 100, 6, [0, 20, 40, 60, 80, 100]),
        # raw step 20833 -> 10k gives 15 ticks, 20k gives 8, 25k gives 7.
        (87_000, 212_000, 7, [75_000, 100_000, 125_000, 150_000, 175_000, 200_000, 225_000]),
        (87_000, 212_000, 6, [50_000, 100_000, 150_000, 200_000, 250_000]),
        # Equal values widen by 10% each side.
        (150_000, 150_000, 7, [135_000, 140_000, 145_000, 150_000, 155_000, 160_000, 165_000]),
        # All zero falls back to [0, 1]; rounding keeps 0.6 exact.
        (0, 0, 7, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (1e12, 9e12, 6, [0, 2e12, 4e12, 6e12, 8e12, 1e13]),
    ],
)
def test_nice_ticks_hand_computed(lo: float, hi: float, n: int, expected: list[float]) -> None:
    assert nice_ticks(lo, hi, n) == expected


@given(
    lo=st.floats(min_value=0, max_value=1e13, allow_nan=False),
    span=st.floats(min_value=0, max_value=1e13, allow_nan=False),
    n=st.integers(min_value=2, max_value=10),
)
def test_nice_ticks_cover_range_evenly(lo: float, span: float, n: int) -> None:
    hi = lo + span
    ticks = nice_ticks(lo, hi, n)
    assert 2 <= len(ticks) <= n
    assert ticks[0] <= lo and ticks[-1] >= hi
    assert ticks[0] >= 0  # Salaries never get a negative axis.
    steps = [b - a for a, b in pairwise(ticks)]
    # Float ticks near 1e6 with a 0.2 step are only exact to a few ulps.
    tol = abs(ticks[-1]) * 1e-12
    assert all(math.isclose(s, steps[0], rel_tol=1e-9, abs_tol=tol) for s in steps)


@pytest.mark.parametrize(("lo", "hi"), [(2, 1), (math.nan, 1), (0, math.inf)])
def test_nice_ticks_rejects_bad_range(lo: float, hi: float) -> None:
    with pytest.raises(ValueError):
        nice_ticks(lo, hi)


def test_value_to_x() -> None:
    assert value_to_x(50, 0, 100, 100, 300) == 200
    assert value_to_x(0, 0, 100, 100, 300) == 100
    assert value_to_x(100, 0, 100, 100, 300) == 300
    assert value_to_x(175_000, 150_000, 250_000, 0, 400) == 100
    assert value_to_x(5, 5, 5, 100, 300) == 200  # Degenerate domain: centre.


# --- layout ------------------------------------------------------------------


def test_layout_labels_truncated_and_non_ascii_kept() -> None:
    long = "Remote, anywhere in the European Union and the United Kingdom"
    lay = layout_for([band("Zürich"), band("São Paulo"), band(long, highlight=True)])
    assert lay.labels[:2] == ("Zürich", "São Paulo")
    assert lay.labels[2].endswith("…") and lay.labels[2][:-1].rstrip() in long
    assert lay.label_width <= LABEL_MAX_W
    font = chart.chart_font(14, bold=True)
    assert font.getlength(lay.labels[2]) <= lay.label_width


def test_layout_ticks_cover_values_and_use_formatter() -> None:
    lay = layout_for([band(median=100_000), band(median=200_000)])
    assert lay.domain[0] <= 70_000 and lay.domain[1] >= 290_000
    assert lay.tick_labels == tuple(money(t) for t in lay.ticks)
    assert lay.plot_left < lay.plot_right <= lay.width - chart.PAD


def test_layout_repeated_tick_labels_printed_once() -> None:
    lay = layout_for([BandRow("Intern", 0, 0, 0, 0, 0)])
    printed = [s for s in lay.tick_labels if s]
    assert printed == ["$0k"]


def test_vendored_font_and_licence_present() -> None:
    fonts = Path(chart.__file__).with_name("fonts")
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"):
        assert (fonts / name).is_file()
    # The built-in fallback font has no accented glyphs; make sure it is not in use.
    assert getattr(chart.chart_font(14), "path", "").endswith("DejaVuSans.ttf")


# --- rendering ---------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 8, 12])
def test_png_is_valid_opaque_and_small(count: int) -> None:
    rows = [
        band(f"City number {i} with a rather long name", 60_000 + 15_000 * i) for i in range(count)
    ]
    png = render(rows, marker_label="PPP-adjusted median")
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) < 200 * 1024
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    # A palette image, and opaque: no reliance on the Discord theme behind it.
    assert img.mode == "P" and "transparency" not in img.info
    assert img.getpalette() is not None and len(img.getpalette() or []) <= 256 * 3
    lay = layout_for(rows)
    assert img.size == (800, lay.height)


def test_height_grows_with_rows() -> None:
    heights = [
        decode(render([band(median=100_000 + i) for i in range(n)])).height for n in (1, 2, 8, 12)
    ]
    assert heights == sorted(heights) and len(set(heights)) == 4


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [BandRow("x", math.nan, 1, 2, 3, 4)],
        [BandRow("x", 0, 1, 2, 3, math.inf)],
        [BandRow("x", -1, 1, 2, 3, 4)],
        [BandRow("x", 0, 1, 2, 3, 4, marker=math.nan)],
        [BandRow("x", 0, 1, 2, 3, 4, marker=-5)],
        [BandRow("x", 0, 3, 2, 1, 4)],  # Percentiles out of order.
        [band()] * (MAX_ROWS + 1),
    ],
)
def test_bad_input_raises(rows: list[BandRow]) -> None:
    with pytest.raises(ValueError):
        render(rows)


def test_highlight_row_median_tick_and_marker_are_drawn() -> None:
    rows = [
        band("San Francisco, CA", 190_000),
        band("Seattle, WA", 170_000, highlight=True, marker=200_000),
        band("Zürich", 140_000),
    ]
    img = decode(render(rows, marker_label="PPP-adjusted median"))
    lay = layout_for(rows)

    # Right margin of each row: the strip shows only behind the highlighted row.
    strip_x = lay.width - chart.PAD + 4
    assert [img.getpixel((strip_x, lay.row_center(i))) for i in range(3)] == [BG, HL_STRIP, BG]

    for i, row in enumerate(rows):
        cy = lay.row_center(i)
        assert img.getpixel((lay.x(row.p50), cy)) == MEDIAN
        inside_box = (lay.x(row.p25) + lay.x(row.p50)) // 2
        assert img.getpixel((inside_box, cy)) == (HL_ACCENT if row.highlight else BOX)
        # Outside the whisker there is only card or strip.
        assert img.getpixel((lay.x(row.p10) - 5, cy)) == (HL_STRIP if row.highlight else BG)

    assert img.getpixel((lay.x(200_000), lay.row_center(1))) == MARKER


def test_single_row_median_tick_drawn() -> None:
    rows = [band(highlight=True)]
    img = decode(render(rows))
    lay = layout_for(rows)
    cy = lay.row_center(0)
    assert img.getpixel((lay.x(rows[0].p50), cy)) == MEDIAN
    assert img.getpixel((lay.x(rows[0].p50) + 5, cy)) == HL_ACCENT


@pytest.mark.parametrize(
    "rows",
    [
        [BandRow("Equal", 150_000, 150_000, 150_000, 150_000, 150_000)],
        [BandRow("Zero", 0, 0, 0, 0, 0)],
        [BandRow("Huge", 1e12, 2e12, 3e12, 5e12, 9e12), BandRow("Tiny", 0, 1, 2, 3, 4)],
        [BandRow("東京 / Zürich / São Paulo / Москва", 1, 2, 3, 4, 5, highlight=True)],
        [BandRow("Line\nbreak\tand tabs", 10, 20, 30, 40, 50)],
    ],
)
def test_edge_cases_render(rows: list[BandRow]) -> None:
    img = decode(render(rows, title="T" * 500, subtitle="S" * 500))
    assert img.width == 800


def test_equal_values_draw_median_tick() -> None:
    rows = [BandRow("Equal", 150_000, 150_000, 150_000, 150_000, 150_000)]
    img = decode(render(rows))
    lay = layout_for(rows)
    assert img.getpixel((lay.x(150_000), lay.row_center(0))) == MEDIAN


def test_concurrent_renders_match_serial() -> None:
    jobs = [[band(f"Row {j}", 80_000 + 10_000 * j) for j in range(1 + k % 8)] for k in range(16)]
    serial = [render(rows) for rows in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(render, jobs))
    assert parallel == serial


def legend_colours(rows: list[BandRow]) -> set[tuple[int, ...]]:
    image = Image.open(io.BytesIO(render(rows))).convert("RGB")
    lay = layout_for(rows)
    y = lay.legend_y + 8
    return {image.getpixel((x, y)) for x in range(lay.label_left, lay.label_left + 260)}


@pytest.mark.parametrize(
    ("highlights", "expected"),
    [
        ((False, False), {chart.BOX}),
        ((True,), {chart.HL_ACCENT}),
        ((True, False), {chart.HL_ACCENT, chart.BOX}),
    ],
)
def test_legend_swatches_match_the_bars(
    highlights: tuple[bool, ...], expected: set[tuple[int, ...]]
) -> None:
    rows = [band(f"r{i}", 100_000 + i, highlight=lit) for i, lit in enumerate(highlights)]
    colours = legend_colours(rows)
    assert expected <= colours
    assert not ({chart.BOX, chart.HL_ACCENT} - expected) & colours


def test_chart_drawn_again_is_identical() -> None:
    # A title never drawn before: the first render makes its text, the second reuses it.
    rows = [band("Lisbon", 95_000, highlight=True, marker=99_000)]
    first = render(rows, title="Data scientist salaries, first drawing")
    assert render(rows, title="Data scientist salaries, first drawing") == first


def test_texts_land_where_the_layout_puts_them() -> None:
    rows = [band("San Francisco, CA", 190_000), band("Zürich", 140_000)]
    img = decode(render(rows))
    lay = layout_for(rows)

    def inked(box: tuple[int, int, int, int]) -> bool:
        return any(c != BG for _, c in img.crop(box).getcolors(1 << 16) or [])

    for i in range(len(rows)):
        cy = lay.row_center(i)
        assert inked((lay.label_left, cy - 6, lay.label_left + 40, cy + 6))
        # Left of the label column there is only the card.
        assert not inked((4, cy - 6, lay.label_left - 2, cy + 6))
    assert inked((chart.PAD, chart.PAD, chart.PAD + 100, chart.PAD + 20))  # title
    tick_x = lay.x(lay.ticks[1])
    below_axis = lay.plot_bottom + 8
    assert inked((tick_x - 10, below_axis, tick_x + 10, below_axis + 12))
    # The tick label is centred under its tick: nothing midway to the next one.
    gap_x = (lay.x(lay.ticks[1]) + lay.x(lay.ticks[2])) // 2
    assert not inked((gap_x - 2, below_axis, gap_x + 2, below_axis + 12))
