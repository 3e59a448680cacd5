"""An offer's year-by-year stacked bar chart (Pillow, in the band chart's look).

The chart is drawn off the event loop, where the reader's locale is not known: its words are
put in the reader's language beforehand (`ChartWords`), and its amounts formatted for the
locale the words carry.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from bot.render import band_layout as bc
from bot.render.locale import ANSWER_LOCALE
from bot.render.wording import word
from bot.render.words import N_, _
from bot.salary.currency import format_money
from bot.salary.offer import OfferReview

PARTS = (
    (N_("Base"), bc.BOX),
    (N_("Bonus"), (63, 205, 110)),
    (N_("Equity"), bc.HL_ACCENT),
    (N_("Sign-on"), (188, 140, 255)),
)
CHART_W, CHART_H = 800, 380
TOP, BOTTOM, LEFT = 86, 60, 70


@dataclass(frozen=True)
class ChartWords:
    """Everything the chart writes, already in the reader's language."""

    title: str
    parts: tuple[str, ...]  # the names of PARTS, in order
    sides: str  # which bar is which offer, when there are two
    years: tuple[str, ...]  # "Year 1", "Year 2", ...
    axis: str
    locale: str | None  # for the amounts on the axis and the bars


def chart_words(reviews: Sequence[OfferReview], title: str) -> ChartWords:
    """The chart's words for the reader of this interaction (call it where the locale is set)."""
    years = max(len(r.rows) for r in reviews)
    return ChartWords(
        title=title,
        parts=tuple(_(name) for name, _colour in PARTS),
        sides=_("left bar A, right bar B"),
        years=tuple(_("Year {number}", number=year) for year in range(1, years + 1)),
        axis=_(
            "{currency} per year · flat stock price, bonus at target",
            currency=reviews[0].currency,
        ),
        locale=ANSWER_LOCALE.get(),
    )


def one_offer_chart(review: OfferReview) -> Callable[[], bytes]:
    """The drawing of one offer, its words chosen now, to be drawn off the event loop."""
    title = _("Offer by year · {percentile} base", percentile=word(review.placement.text()))
    words = chart_words([review], title)
    return lambda: offer_chart([review], words)


def two_offers_chart(first: OfferReview, second: OfferReview) -> Callable[[], bytes]:
    """The drawing of two offers side by side, its words chosen now."""
    words = chart_words([first, second], _("Offers A and B by year"))
    return lambda: offer_chart([first, second], words)


def offer_chart(reviews: Sequence[OfferReview], words: ChartWords) -> bytes:
    """Stacked bars per year: base, bonus, vested equity, sign-on; one bar per offer."""
    fonts = bc.chart_fonts()
    title = words.title
    img = Image.new("RGB", (CHART_W, CHART_H), bc.BG)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, CHART_W - 1, CHART_H - 1), outline=bc.BORDER)
    draw.text(
        (bc.PAD, bc.PAD),
        bc.fit_text(title, fonts.title, CHART_W - 2 * bc.PAD),
        font=fonts.title,
        fill=bc.TEXT,
        anchor="lt",
    )
    cur = reviews[0].currency

    def money(amount: float) -> str:
        return format_money(amount, cur, locale=words.locale)

    x = bc.PAD
    for name, (_part, colour) in zip(words.parts, PARTS, strict=True):
        draw.rectangle((x, 58, x + 12, 70), fill=colour)
        draw.text((x + 18, 64), name, font=fonts.small, fill=bc.TEXT_SOFT, anchor="lm")
        x += 30 + int(fonts.small.getlength(name)) + 12
    if len(reviews) > 1:
        draw.text((x + 8, 64), words.sides, font=fonts.small, fill=bc.MUTED, anchor="lm")
    years = max(len(r.rows) for r in reviews)
    peak = max(row.total for r in reviews for row in r.rows) or 1.0
    ticks = bc.nice_ticks(0, peak, 5)
    top_value = max(ticks[-1], peak)
    plot_top, plot_bottom = TOP, CHART_H - BOTTOM
    right = CHART_W - bc.PAD

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / top_value

    for tick in ticks:
        y = y_of(tick)
        draw.line((LEFT, y, right, y), fill=bc.GRID)
        draw.text((LEFT - 6, y), money(tick), font=fonts.tick, fill=bc.MUTED, anchor="rm")
    slot = (right - LEFT) / years
    bar_w = min(60.0, slot * 0.7 / len(reviews))
    for year in range(years):
        centre = LEFT + slot * (year + 0.5)
        draw.text(
            (centre, plot_bottom + 8),
            words.years[year],
            font=fonts.tick,
            fill=bc.MUTED,
            anchor="mt",
        )
        for i, review in enumerate(reviews):
            if year >= len(review.rows):
                continue
            row = review.rows[year]
            left = centre - bar_w * len(reviews) / 2 + i * bar_w + 2
            level = 0.0
            for (_part, colour), value in zip(
                PARTS, (row.base, row.bonus, row.equity, row.sign_on), strict=True
            ):
                if value <= 0:
                    continue
                draw.rectangle(
                    (left, y_of(level + value), left + bar_w - 4, y_of(level)), fill=colour
                )
                level += value
            draw.text(
                (left + (bar_w - 4) / 2, y_of(level) - 4),
                money(level),
                font=fonts.value,
                fill=bc.TEXT,
                anchor="mb",
            )
    draw.line((LEFT, plot_bottom, right, plot_bottom), fill=bc.AXIS)
    draw.text(
        ((LEFT + right) / 2, CHART_H - 24),
        words.axis,
        font=fonts.subtitle,
        fill=bc.MUTED,
        anchor="mt",
    )
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()
