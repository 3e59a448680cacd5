from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFont

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
