"""Inside a line too, a German or Brazilian reader reads no English but source names.

Tips (each move's source and the band's sample), an offer's sample and band, an estimate's
factor lines and notes: each English line is cut at its punctuation, and no piece of it that
holds words (published names, figures and the reader's own names of choices aside) may come
back word for word in the translated line. English reads as it did.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.render.answer_cards import estimate_card, tips_card
from bot.render.card import Card
from bot.render.names import name_of
from bot.render.offer import offer_card
from bot.render.wording import word
from bot.salary import taxonomy as tx
from bot.salary.model import SalaryModel
from bot.salary.offer import review_offer
from bot.salary.offer_terms import parse_offer
from bot.salary.query import parse_query
from bot.salary.rate_notes import no_rate_note, rate_note
from bot.salary.results import SalaryEstimate
from bot.salary.said import Decimal, said
from bot.salary.tips import tips
from tests.render.conftest import in_english_and

LOCALES = ("de", "pt-BR")
# Names that stay as their publishers wrote them: sources, occupations, reference periods.
PUBLISHED = re.compile(
    r"aijobs\.net salary index|Stack Overflow Developer Survey 20\d\d|\(ODbL\)|BLS OEWS|"
    r"ESDC Job Bank|[A-Z][a-z]+ [\w ]+ \((?:SOC|NOC) [\d-]+\)|Job Bank 20\d\d release|"
    r"May 20\d\d|HMRC|DOL LCA|Silicon Valley|Lightcast|technical\.ly|stacker\.com|P\d\d"
)
PIECE_ENDS = re.compile(r"[()\[\]—·;:,`*|]|÷|→")
PROFILE = {
    "role": "ml engineer",
    "level": "senior",
    "location": "San Francisco",
    "education": "phd",
    "skills": "pytorch, llm",
    "certifications": "aws_ml",
    "company_type": "big_tech",
    "industry": "finance",
}
TIPS_FOR = (
    {"role": "ml engineer", "level": "mid", "location": "Seattle"},
    {"role": "ml engineer"},
    {"role": "data scientist", "level": "senior", "location": "Karachi"},
    {"role": "data scientist", "level": "entry", "location": "Toronto"},
)


def card_lines(card: Card) -> list[str]:
    return "\n".join(block.text for block in card.blocks).splitlines()


def reader_names() -> list[str]:
    """Every choice as the current reader's language names it, longest first."""
    kinds = ("role", "level", "location", "skill", "certification", "education", "industry")
    shown = [name_of(kind, key) for kind in (*kinds, "company") for key in tx.keys(kind)]
    cities = [name.split(",")[0] for name in shown]  # "San Francisco" of "San Francisco, CA"
    return sorted({*shown, *cities}, key=len, reverse=True)


def has_words(piece: str, names: list[str]) -> bool:
    for name in names:
        piece = piece.replace(name, " ")
    return len(re.findall(r"[^\W\d_]{2,}", piece)) >= 2


def english_pieces(
    render: Callable[[], list[str]], locale: str, set_locale: Callable[[str | None], object]
) -> list[str]:
    """The pieces of English lines that the `locale` rendering repeats word for word."""
    names = reader_names()
    return [
        piece.strip()
        for before, line in in_english_and(render, locale, set_locale)
        for piece in PIECE_ENDS.split(PUBLISHED.sub("|", before))
        if has_words(piece, names) and piece.strip() in line
    ]


ESTIMATES = (
    PROFILE,
    {"role": "mle", "years": 4, "level": "senior", "location": "Berlin"},
    {"role": "mle", "years": 5, "location": "VE"},
    {"role": "mle", "level": "mid", "location": "Toronto", "currency": "JPY"},
    {"role": "mle", "level": "senior", "location": "Pittsburgh"},  # an older stand-in figure
    {"role": "data scientist", "location": "Raleigh"},
)


def tips_lines(model: SalaryModel, asked: dict[str, object]) -> list[str]:
    return card_lines(tips_card(tips(model, parse_query(**asked))))


def estimate_lines(model: SalaryModel, asked: dict[str, object]) -> list[str]:
    return card_lines(estimate_card(model.estimate(parse_query(**asked))))


# Every factor, note, tip and source of these answers, each rendered in every language.
ANSWERS = [(tips_lines, asked) for asked in TIPS_FOR] + [
    (estimate_lines, asked) for asked in ESTIMATES
]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("lines_of", "asked"),
    ANSWERS,
    ids=lambda part: part.__name__ if callable(part) else str(part.get("location", "US")),
)
def test_no_english_is_left_inside_a_line_of_tips_or_an_estimate(
    model: SalaryModel,
    reader: Callable[[str | None], object],
    locale: str,
    lines_of: Callable[[SalaryModel, dict[str, object]], list[str]],
    asked: dict[str, object],
) -> None:
    assert english_pieces(lambda: lines_of(model, asked), locale, reader) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_an_offers_sample_and_band_read_in_the_readers_language(
    model: SalaryModel, reader: Callable[[str | None], object], locale: str
) -> None:
    estimate = model.estimate(parse_query(role="mle", location="San Francisco"))

    def render() -> list[str]:
        terms = parse_offer(base="180k")
        card = offer_card(review_offer(terms, estimate.base, estimate.currency), estimate, None)
        return card_lines(card)

    assert english_pieces(render, locale, reader) == []


def factor_lines(estimate: SalaryEstimate) -> list[str]:
    return [f"{word(f.said_name)} — {word(f.said_source)}" for f in estimate.factors]


def test_a_profiles_own_steps_are_named_and_sourced_in_german(
    model: SalaryModel, reader: Callable[[str | None], object]
) -> None:
    estimate = model.estimate(parse_query(**PROFILE))
    reader("de")
    lines = factor_lines(estimate)
    reader(None)
    assert "Ausbildung: Promotion (PhD) — Stack Overflow Developer Survey 2023 (ODbL), n=" in (
        "\n".join(lines)
    )
    assert any(line.startswith("Branche: Finanzen und Banken — ") for line in lines)
    assert any(line.startswith("Unternehmen: Big Tech — ") for line in lines)
    assert any(line.endswith("Annahme: keine offenen Daten zu diesem Skill") for line in lines)
    assert any("Median Region/Land 1,44 ÷ 1,26 Stichprobenmix" in line for line in lines)
    english = factor_lines(estimate)
    assert "Company: Big tech — Stack Overflow Developer Survey 2023 (ODbL), by organisation " in (
        "\n".join(english)
    )
    assert any("area/national median 1.44 ÷ 1.26 sample mix" in line for line in english)


def test_a_level_that_overrules_the_years_says_so_in_german(model: SalaryModel) -> None:
    query = parse_query(role="mle", years=4, level="senior", location="Berlin")
    notes = model.estimate(query).said_notes
    worded = [word(note, "de") for note in notes]
    assert (
        "4 Jahre hießen Mid-Level (3-5 Jahre), aber das angegebene Level gilt: "
        "Die Spanne ist Senior (6-10 Jahre)." in worded
    )
    assert "4 years would read as Mid (3-5 years), but the level given wins: the band is " in (
        " ".join(map(str, notes))
    )


def test_rates_are_written_with_the_readers_decimal_sign() -> None:
    note = rate_note("EUR")
    assert "Converted at 0.8906 EUR per USD" in str(note)
    assert "Umgerechnet mit 0,8906 EUR pro USD" in word(note, "de")
    assert "Convertido a 0,8906 EUR por USD" in word(note, "pt-BR")
    assert "149,1 JPY" in word(rate_note("JPY"), "de") and "149.1 JPY" in str(rate_note("JPY"))
    # Large rates keep their digits ungrouped, as the English answer always wrote them.
    assert "25950 VND" in str(rate_note("VND")) and "25950 VND" in word(rate_note("VND"), "de")


def test_a_decimal_keeps_its_places_sign_and_rounding() -> None:
    def shown(value: Decimal, locale: str | None) -> str:
        return word(said("{value}", value=value), locale)

    assert shown(Decimal(1.435, 2), None) == format(1.435, ".2f")
    assert shown(Decimal(1.4, 2), "de") == "1,40"
    assert shown(Decimal(2.0, 6, trimmed=True), "pt-BR") == "2"
    assert shown(Decimal(3.44, 1, signed=True), "de") == "+3,4"
    assert shown(Decimal(-3.44, 1, signed=True), None) == "-3.4"


def test_a_currency_without_a_rate_is_named_in_the_readers_language() -> None:
    note = no_rate_note("VE")
    assert note is not None
    assert "No exchange rate for the Venezuelan Bolívar (VES)" in str(note)
    assert "für die Währung Venezolanischer Bolívar (VES)" in word(note, "de")
    assert "para a moeda Bolívar venezuelano (VES)" in word(note, "pt-BR")
