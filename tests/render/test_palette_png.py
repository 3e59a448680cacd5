from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from bot.render.palette_png import PALETTE_SIZE, Palette, Pen, blend

BLACK, WHITE, RED = (0, 0, 0), (255, 255, 255), (200, 30, 30)


def test_ramps_run_from_background_to_text_colour() -> None:
    palette = Palette([BLACK, WHITE, RED], [(WHITE, BLACK), (WHITE, RED)])
    assert len(palette.colors) <= PALETTE_SIZE
    for (fg, bg), ramp in palette.ramps.items():
        assert palette.colors[ramp[0]] == bg and palette.colors[ramp[255]] == fg
        shades = [palette.colors[i] for i in ramp]
        # Each level is within one ramp step of the exact blend.
        assert all(
            max(abs(a - b) for a, b in zip(shade, blend(fg, bg, alpha / 255), strict=True)) <= 6
            for alpha, shade in enumerate(shades)
        )


def test_palette_refuses_duplicates_and_overflow() -> None:
    with pytest.raises(ValueError):
        Palette([BLACK, BLACK], [])
    with pytest.raises(ValueError):
        Palette([(i, i, i) for i in range(250)], [(WHITE, BLACK)])


def test_pen_keeps_flat_colours_exact_and_text_on_its_ramp() -> None:
    palette = Palette([BLACK, WHITE, RED], [(WHITE, BLACK)])
    pen = Pen(palette, (120, 40), BLACK)
    pen.rectangle((100, 0, 119, 39), fill=RED)
    pen.text(
        (4, 20), "Salary", font=ImageFont.load_default(size=18), fill=WHITE, on=BLACK, anchor="lm"
    )
    img = Image.open(io.BytesIO(pen.png()))
    assert img.format == "PNG" and img.mode == "P"
    rgb = img.convert("RGB")
    assert rgb.getpixel((110, 20)) == RED and rgb.getpixel((0, 0)) == BLACK
    allowed = {palette.colors[i] for i in palette.ramps[(WHITE, BLACK)]} | {RED}
    seen = {color for _, color in rgb.getcolors(1 << 16) or []}
    assert WHITE in seen and len(seen) > 3  # anti-aliased, not two-tone
    assert seen <= allowed


def test_text_matches_imagedraw_at_whole_pixels_and_rounds_the_rest() -> None:
    palette = Palette([BLACK, WHITE], [(WHITE, BLACK)])
    font = ImageFont.load_default(size=18)
    coverage = Image.new("L", (120, 40), 0)
    ImageDraw.Draw(coverage).text((6, 20), "Salary", font=font, fill=255, anchor="lm")
    expected = coverage.point(palette.ramps[(WHITE, BLACK)])
    for x in (6, 6.3, 5.7):  # sub-pixel anchors land on the nearest whole pixel
        pen = Pen(palette, (120, 40), BLACK)
        pen.text((x, 20), "Salary", font=font, fill=WHITE, on=BLACK, anchor="lm")
        drawn = Image.open(io.BytesIO(pen.png()))
        assert drawn.tobytes() == expected.tobytes()


def test_text_goes_over_shapes_drawn_after_it() -> None:
    palette = Palette([BLACK, WHITE, RED], [(WHITE, BLACK)])
    font = ImageFont.load_default(size=18)
    pen = Pen(palette, (120, 40), BLACK)
    pen.text((4, 20), "Salary", font=font, fill=WHITE, on=BLACK, anchor="lm")
    pen.rectangle((0, 0, 119, 39), fill=RED)
    colours = {c for _, c in Image.open(io.BytesIO(pen.png())).convert("RGB").getcolors() or []}
    assert WHITE in colours and RED in colours


def test_blank_text_draws_nothing() -> None:
    palette = Palette([BLACK, WHITE], [(WHITE, BLACK)])
    pen = Pen(palette, (60, 20), BLACK)
    for text in ("", "   "):
        pen.text(
            (2, 10), text, font=ImageFont.load_default(size=12), fill=WHITE, on=BLACK, anchor="lm"
        )
    img = Image.open(io.BytesIO(pen.png())).convert("RGB")
    assert img.getcolors() == [(60 * 20, BLACK)]
    assert len(palette.stamps) == 0


def test_stamp_cache_reuses_stamps_and_stays_within_its_budget() -> None:
    budget = 20_000
    palette = Palette([BLACK, WHITE], [(WHITE, BLACK)], stamp_budget=budget)
    font = ImageFont.load_default(size=14)
    first = palette.stamp(font, "$120k", "lm", WHITE, BLACK)
    assert first is not None and palette.stamp(font, "$120k", "lm", WHITE, BLACK) is first
    for i in range(200):
        assert palette.stamp(font, f"P{i}", "lm", WHITE, BLACK) is not None
        assert palette.stamps.used <= budget
    assert 0 < len(palette.stamps) < 200
    # The oldest were let go; asked again, they are made anew and look the same.
    again = palette.stamp(font, "$120k", "lm", WHITE, BLACK)
    assert again is not None and again is not first
    assert again.shade.tobytes() == first.shade.tobytes()
    assert (again.dx, again.dy) == (first.dx, first.dy)
