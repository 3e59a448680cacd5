"""Offers in German and Brazilian Portuguese: every line of the cards, the chart's words,
the form and the errors read in the member's language; English reads as it always did."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

import pytest

from bot.flows.fill import Filled
from bot.flows.privacy import Visibility
from bot.render.card import Card
from bot.render.locale import ANSWER_LOCALE
from bot.render.offer import compare_card, offer_card, range_card
from bot.render.offer_chart import ChartWords, chart_words
from bot.render.wording import word
from bot.salary.errors import QueryError
from bot.salary.model import get_model
from bot.salary.offer import OfferReview, percentile_of, review_offer
from bot.salary.offer_terms import OfferTerms, offer_currency, parse_offer
from bot.salary.pay_range import PayRange, find_pay_range
from bot.salary.query import parse_query
from bot.salary.results import SalaryEstimate
from bot.ui.forms import Choice
from bot.ui.offer import OfferForm, vesting_choices

LOCALES = ("de", "pt-BR")
SEATTLE = {"role": "mle", "level": "senior", "location": "seattle"}
# Bases that reach each counter-offer rule: capped under P65, inside P65-P75, above P75,
# above P90 (the band is P10 $135K ... P75 $258K, P90 $309K).
BASES = ("185k", "245k", "270k", "320k")


@pytest.fixture
def reader() -> Iterator[None]:
    token = ANSWER_LOCALE.set(None)
    yield
    ANSWER_LOCALE.reset(token)


Built = TypeVar("Built")


def read_in(locale: str | None, build: Callable[[], Built]) -> Built:
    ANSWER_LOCALE.set(locale)
    try:
        return build()
    finally:
        ANSWER_LOCALE.set(None)


def lines(card: Card) -> list[str]:
    found = [card.title, *([card.chart_text] if card.chart_text else [])]
    for block in card.blocks:
        found.extend(line for line in block.text.splitlines() if line.strip())
    return found


def estimate() -> SalaryEstimate:
    return get_model().estimate(parse_query(**SEATTLE))


def review(base: str, **terms: str) -> OfferReview:
    band = estimate()
    return review_offer(parse_offer(base=base, **terms), band.base, band.currency)


def assert_all_lines_translated(build: Callable[[], Card], kept: set[str]) -> None:
    """Every line differs from the English one but those quoted as they are (`kept`)."""
    english = lines(read_in(None, build))
    for locale in LOCALES:
        translated = lines(read_in(locale, build))
        assert len(translated) == len(english)
        same = [ours for ours, theirs in zip(translated, english, strict=True) if ours == theirs]
        assert set(same) <= kept, (locale, same)


@pytest.mark.parametrize("base", BASES)
def test_an_offer_check_reads_in_german_and_portuguese(reader: None, base: str) -> None:
    band = estimate()

    def build() -> Card:
        terms = {"bonus": "15%", "equity": "400k", "vesting": "33/33/22/12"}
        return offer_card(review(base, **terms), band, "From your profile: role.")

    assert_all_lines_translated(build, {"From your profile: role."})


def test_the_german_card_words_the_person_placement_and_script() -> None:
    card = read_in("de", lambda: offer_card(review("185k"), estimate(), None))
    text = "\n".join(lines(card))
    assert card.title.startswith("Angebotscheck · ")
    assert "Das Grundgehalt von 185.000\xa0$ liegt bei **P40** für " in text
    assert "(Senior) in Seattle, WA" in text
    assert "„Ich freue mich sehr auf die Stelle." in text
    assert "etwa beim 55. Perzentil der Marktspanne" in text
    assert re.search("`Jahr +Grundgehalt +Bonus +Aktien", text), text


def test_the_portuguese_card_words_the_person_placement_and_script() -> None:
    card = read_in("pt-BR", lambda: offer_card(review("100k"), estimate(), None))
    text = "\n".join(lines(card))
    assert "Salário-base de US$\xa0100\xa0mil: **abaixo do P10** para " in text
    assert "Sênior em Seattle, WA" in text
    assert "ainda ficaria abaixo do 10º percentil da faixa de mercado" in text


def right_edges(line: str) -> frozenset[int]:
    """Where each cell of a table line ends (amounts keep no-break spaces inside them)."""
    cells = line.strip("`") + " "
    return frozenset(i for i in range(len(cells) - 1) if cells[i] != " " and cells[i + 1] == " ")


def test_the_year_table_keeps_its_columns_aligned_for_wider_words(reader: None) -> None:
    for locale in (None, *LOCALES):
        card = read_in(locale, lambda: offer_card(review("185k", equity="400k"), estimate(), None))
        block = next(b.text for b in card.blocks if "`   1 " in b.text)
        table = [line for line in block.splitlines() if line.startswith("`")]
        assert len(table) == 5 and len({len(line) for line in table}) == 1, table
        # Every column's right edge lines up: the header's words end where the amounts end.
        assert len({right_edges(line) for line in table}) == 1, table


def test_english_reads_as_before(reader: None) -> None:
    card = offer_card(
        review("185k", bonus="15%", equity="400k", vesting="5/15/40/40"), estimate(), None
    )
    text = "\n".join(lines(card))
    assert (
        "The base $185K is **P40** for a senior Machine Learning Engineer in Seattle, WA." in text
    )
    assert "equity $400K vesting 5/15/40/40 over 4 years, 1-year cliff" in text
    assert "`Year   Base  Bonus Equity Sign-on  Total`" in text
    assert "$213K would be about the 55th percentile of the market band" in text


def test_a_comparison_and_a_range_check_read_in_german_and_portuguese(reader: None) -> None:
    band = estimate()
    assert_all_lines_translated(
        lambda: compare_card(review("185k"), review("170k", equity="200k"), band, None), set()
    )
    for text in ("Senior MLE, $150k-$200k", "up to $180k", "from $150k"):
        found = find_pay_range(text)
        assert found is not None
        assert_all_lines_translated(partial(weighed, found, band), {found.text})


def weighed(found: PayRange, band: SalaryEstimate) -> Card:
    low = percentile_of(found.low, band.base) if found.low is not None else None
    high = percentile_of(found.high, band.base) if found.high is not None else None
    return range_card(found, low, high, band, None)


def test_the_chart_words_are_chosen_where_the_locale_is_known(reader: None) -> None:
    reviews = [review("185k"), review("170k")]
    english = read_in(None, lambda: chart_words(reviews, "t"))
    assert isinstance(english, ChartWords) and english.years[0] == "Year 1"
    for locale in LOCALES:
        words = read_in(locale, lambda: chart_words(reviews, "t"))
        assert isinstance(words, ChartWords) and words.locale == locale
        assert words.parts != english.parts and words.sides != english.sides
        assert words.years[0] != "Year 1" and words.axis != english.axis


def _form_words(form: OfferForm) -> list[str]:
    found = [str(form.title)]
    for label in (form.base, form.bonus, form.equity, form.sign_on, form.vesting):
        found.append(label.text)
        found.append(getattr(label.component, "placeholder", None) or "")
    return found


async def test_the_offer_forms_read_in_german_and_portuguese(reader: None) -> None:
    filled, visibility = Filled(parse_query(**SEATTLE)), Visibility(ephemeral=True)
    first = parse_offer(base="185k")
    for compare in (None, first):

        def build(compare: OfferTerms | None = compare) -> OfferForm:
            return OfferForm(filled, visibility, compare)

        english = read_in(None, build)
        for locale in LOCALES:
            form = read_in(locale, build)
            pairs = zip(_form_words(form), _form_words(english), strict=True)
            # "Vesting" is what German and Brazilian offer letters call it too; the vesting
            # list has no placeholder, and German writes "30k" as English does.
            same = [ours for ours, theirs in pairs if ours == theirs]
            assert sorted(same) == sorted(["Vesting", "", *(["30k"] if locale == "de" else [])])
    choices: dict[str | None, tuple[Choice, ...]] = {
        locale: read_in(locale, vesting_choices) for locale in (None, *LOCALES)
    }
    for locale in LOCALES:
        for ours, theirs in zip(choices[locale], choices[None], strict=True):
            assert ours.value == theirs.value, "the bot reads back the same schedule"
            assert ours.label != theirs.label and ours.description != theirs.description
    assert choices["de"][3].description == "33,3 % pro Jahr"
    assert choices["pt-BR"][2].label == "4 anos, cliff de 6 meses"


def _refusal(attempt: Callable[[], object]) -> QueryError:
    with pytest.raises(QueryError) as caught:
        attempt()
    return caught.value


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: parse_offer(base="-5"),
        lambda: parse_offer(base="185"),
        lambda: parse_offer(base="185k", bonus="900%"),
        lambda: parse_offer(base="185k", equity="abc"),
        lambda: parse_offer(base="185k", vesting="30/30/30"),
        lambda: parse_offer(base="185k", vesting="25/25/25/25 60 month cliff"),
        lambda: parse_offer(base="185k XYZ"),
        lambda: parse_offer(base="185k", sign_on="1" * 61),
        lambda: offer_currency([parse_offer(base="90M")], None, "EUR"),
        lambda: find_pay_range("Pays $150M-$200M a year"),
    ],
)
def test_offer_errors_read_in_german_and_portuguese(
    reader: None, attempt: Callable[[], object]
) -> None:
    said = _refusal(attempt).said
    english = word(said)
    assert english == str(said), "English reads as the domain's message"
    for locale in LOCALES:
        assert word(said, locale) != english, locale


def test_a_bound_in_another_currency_is_worded_with_the_readers_money() -> None:
    said = _refusal(lambda: offer_currency([parse_offer(base="900M")], None, "INR")).said
    assert "US-Dollar" in word(said, "de") and "dólares americanos" in word(said, "pt-BR")
