"""Answers as Components V2 cards: the reading order, the buttons' places, Discord's limits."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.render.answer_cards import estimate_card, role_comparison_card, tips_card
from bot.render.card import (
    CHART,
    CHART_ID,
    COMPONENT_LIMIT,
    FACTORS,
    FOOTER,
    HEADLINE,
    TEXT_LIMIT,
    Card,
    CardLayout,
    fit,
    put_chart,
)
from bot.render.community import add_community_section
from bot.render.offer import offer_card
from bot.salary.community import PoolBand
from bot.salary.compare import compare_roles
from bot.salary.model import get_model
from bot.salary.offer import review_offer
from bot.salary.offer_terms import parse_offer
from bot.salary.query import parse_query
from bot.salary.tips import tips

CHART_URL = "attachment://band.png"
# A person the model has much to say about: several factors, skills, the article's figures.
BUSY_PERSON = {
    "role": "mle",
    "years": 4,
    "location": "seattle",
    "skills": "python, pytorch, llm, mlops, spark",
    "certifications": "aws ml specialty",
    "education": "phd",
    "industry": "finance",
    "company_type": "big_tech",
}


def button(label: str) -> discord.ui.Button[Any]:
    return discord.ui.Button(label=label, custom_id=f"test:{label}")


def walk(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for component in components:
        found.append(component)
        found += walk(component.get("components") or [])
        if "accessory" in component:
            found += walk([component["accessory"]])
    return found


def laid_out(card: Card, layout: CardLayout | None = None, chart: str | None = None) -> list[Any]:
    return (layout or CardLayout()).show(card, chart).to_components()  # type: ignore[no-any-return]


def texts(components: list[dict[str, Any]]) -> list[str]:
    return [str(c["content"]) for c in walk(components) if c["type"] == 10]


async def test_an_estimate_reads_headline_band_chart_then_what_made_it() -> None:
    estimate = get_model().estimate(parse_query(**BUSY_PERSON))
    components = laid_out(estimate_card(estimate, "From your profile: nothing."), chart=CHART_URL)
    (container,) = components
    assert container["type"] == 17 and container["accent_color"]
    kinds = [c["type"] for c in container["components"]]
    # Title and band (text), the chart (gallery), a rule, then what the band is made of.
    assert kinds[:4] == [10, 10, 12, 14]
    first, band = texts(components)[:2]
    assert first.startswith("### Machine Learning Engineer · Mid · 4 years · Seattle, WA\n")
    assert "median, typically" in first and band.startswith("**Base band**\nP10 ")
    gallery = container["components"][2]
    assert gallery["id"] == CHART_ID and gallery["items"][0]["media"]["url"] == CHART_URL
    assert "Machine Learning Engineer" in gallery["items"][0]["description"]
    assert texts(components)[-1].startswith("-# Band from ")


async def test_buttons_sit_beside_what_they_act_on_and_a_missing_spot_sends_them_to_the_row() -> (
    None
):
    estimate = get_model().estimate(parse_query(**BUSY_PERSON))
    layout = CardLayout()
    layout.beside.update({HEADLINE: button("up"), FACTORS: button("tips")})
    layout.row.append(button("roles"))
    (container,) = laid_out(estimate_card(estimate), layout)
    sections = [c for c in container["components"] if c["type"] == 9]
    assert [s["accessory"]["label"] for s in sections] == ["up", "tips"]
    assert sections[0]["components"][0]["content"].startswith("### ")
    assert sections[1]["components"][0]["content"].startswith("**What moved it**")
    assert container["components"][-1]["type"] == 1, "the row closes the card"

    # A card without factors has no place beside them: the button joins the row, first.
    (container,) = laid_out(Card("Nothing moved").section("Sample", ["1 posting"]), layout)
    (row,) = [c for c in container["components"] if c["type"] == 1]
    assert [b["label"] for b in row["components"]] == ["tips", "roles"]


async def test_the_chart_place_holds_show_chart_under_load_and_later_the_chart() -> None:
    card = Card("A band").section("Base band", ["P10 $1"]).chart("A chart of a band")
    layout = CardLayout()
    assert laid_out(card, layout) == laid_out(Card("A band").section("Base band", ["P10 $1"]))
    layout.beside[CHART] = button("Show chart")
    (container,) = laid_out(card, layout)
    (place,) = [c for c in container["components"] if c.get("id") == CHART_ID]
    assert place["type"] == 9 and place["accessory"]["label"] == "Show chart"

    # As the message comes back from Discord: the chart goes where the button was.
    view = discord.ui.LayoutView(timeout=None)
    view.add_item(discord.ui.Container(*layout.children[0].children))  # type: ignore[attr-defined]
    assert put_chart(view, CHART_URL, "A chart of a band")
    (container,) = view.to_components()
    kinds = [(c["type"], c.get("id")) for c in container["components"]]
    assert kinds == [(10, None), (10, None), (12, CHART_ID)]
    assert not put_chart(view, CHART_URL, "again"), "no place left for a second chart"


async def test_the_biggest_answers_stay_within_discords_limits() -> None:
    model = get_model()
    query = parse_query(**BUSY_PERSON)
    estimate = model.estimate(query)
    notes = " ".join(f"'zqx{n}' is not a skill in the data. It was left out." for n in range(40))
    card = estimate_card(estimate, notes, start="From your estimate for **x**: " + "y" * 500)
    card.section_at(card.index_after_headline(), "What if: level", ["+$21K (+9%)"])
    pool = PoolBand(people=12, base=(150e3, 180e3, 230e3), total=(170e3, 210e3, 290e3),
                    first_year=2025, last_year=2026)  # fmt: skip
    add_community_section(card, pool, 3, "USD")
    card.lead("A busy moment: this answer came privately. " * 20)
    layout = CardLayout()
    layout.beside.update({HEADLINE: button("a"), FACTORS: button("b"), CHART: button("c")})
    layout.row += [button(label) for label in "def"]
    checked = [
        laid_out(card, layout, CHART_URL),
        laid_out(role_comparison_card(compare_roles(model, query), "ml_engineer", notes)),
        laid_out(tips_card(tips(model, query), notes)),
    ]
    review = review_offer(
        parse_offer(base="185k", bonus="15%", equity="400k"), estimate.base, "USD"
    )
    checked.append(laid_out(offer_card(review, estimate, notes), layout, CHART_URL))
    for components in checked:
        assert len(walk(components)) <= COMPONENT_LIMIT
        assert sum(len(text) for text in texts(components)) <= TEXT_LIMIT
        assert all(text for text in texts(components)), "a text display is never empty"


@pytest.mark.parametrize(
    ("texts_in", "limit", "kept"),
    [
        (["a\nb", "c"], 10, ["a\nb", "c"]),
        # The longest goes first, by whole lines from its end.
        (["x" * 5 + "\n" + "y" * 5, "short"], 12, ["xxxxx", "short"]),
        # A single line too long is clipped, never dropped.
        (["z" * 30, "ok"], 12, ["z" * 9 + "…", "ok"]),
    ],
)
def test_fit_cuts_the_longest_texts_until_all_fit(
    texts_in: list[str], limit: int, kept: list[str]
) -> None:
    assert fit(texts_in, limit) == kept
    assert sum(len(text) for text in fit(texts_in, limit)) <= limit


async def test_a_layout_is_finished_unless_it_listens() -> None:
    assert CardLayout().is_finished(), "stateless: discord.py keeps no view nor timer"
    assert not CardLayout(timeout=60, listen=True).is_finished()
    footer = Card("An offer").footer("nothing is stored unless you save it")
    layout = CardLayout()
    layout.beside[FOOTER] = button("Save to history")
    (container,) = laid_out(footer, layout)
    assert container["components"][-1]["accessory"]["label"] == "Save to history"
