"""Estimates, what-ifs and comparisons read wholly in German and Brazilian Portuguese.

Each answer is rendered in English and in the reader's language from the same result; apart
from lines made only of figures and published names (data sources, P10...P90), no line of
the translated answer may read as the English one does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.render.answer_cards import (
    estimate_card,
    location_comparison_card,
    role_comparison_card,
)
from bot.render.card import Card
from bot.render.chart_spec import ChartSpec
from bot.render.charts import estimate_chart, locations_chart, roles_chart
from bot.render.followup import EXPERIENCE, field_word, start_line
from bot.render.names import name_of, place_name
from bot.salary import fields
from bot.salary import taxonomy as tx
from bot.salary.compare import compare_locations, compare_roles
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query
from tests.render.conftest import in_english_and

LOCALES = ("de", "pt-BR")
# Published names and figures, which read the same in every language.
PUBLISHED = re.compile(
    r"aijobs\.net salary index|Stack Overflow Developer Survey 20\d\d|BEA Regional Price "
    r"Parities 2023|BEA RPP 2023|\(CC0\)|\(ODbL\)|P\d\d|[^\W\d_]*\$|€"
)
# Words a language shares with English: German writes "Bonus" and "Median" too.
SHARED_WORDS = {"de": {"Bonus", "Median"}, "pt-BR": {"Base", "Total"}}


def card_lines(card: Card) -> list[str]:
    return [*"\n".join(block.text for block in card.blocks).splitlines(), card.chart_text]


def chart_words(spec: ChartSpec) -> list[str]:
    labels = [row.label for row in spec.rows]
    return [spec.title, spec.subtitle, spec.axis_label, spec.median_label, *labels]


def names() -> list[str]:
    """Roles and places as the reader's language names them (many keep their own name)."""
    shown = [name_of("role", key) for key in tx.keys("role")]
    shown += [place_name(place.key) for place in tx.LOCATIONS]
    return sorted(shown, key=len, reverse=True)


def only_figures_and_names(line: str, locale: str) -> bool:
    for name in names():
        line = line.replace(name, " ")
    words = re.findall(r"[^\W\d_]{2,}", PUBLISHED.sub(" ", line))
    return all(word in SHARED_WORDS[locale] for word in words)


def english_left(
    render: Callable[[], list[str]], locale: str, set_locale: Callable[[str | None], None]
) -> list[str]:
    """The lines that read the same in `locale` as in English, figures and names aside."""
    return [
        line
        for before, line in in_english_and(render, locale, set_locale)
        if line == before and not only_figures_and_names(line, locale)
    ]


ESTIMATES = (
    {"role": "ml engineer", "level": "senior", "location": "Berlin"},
    {"role": "data scientist", "years": 4, "location": "Lagos"},
    {"role": "ml engineer", "years": 7, "location": "San Jose"},
    {"role": "ml engineer", "level": "mid", "location": "Toronto"},
    {"role": "ml engineer", "location": "Beijing", "year": 2029},
)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("asked", ESTIMATES, ids=lambda asked: str(asked["location"]))
def test_an_estimate_reads_wholly_in_the_readers_language(
    model: SalaryModel,
    reader: Callable[[str | None], None],
    locale: str,
    asked: dict[str, object],
) -> None:
    estimate = model.estimate(parse_query(**asked))

    def render() -> list[str]:
        return [*card_lines(estimate_card(estimate)), *chart_words(estimate_chart(estimate))]

    assert english_left(render, locale, reader) == []


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("place", ["Beijing", "Toronto", "Seattle", "Lagos"])
def test_roles_compared_read_wholly_in_the_readers_language(
    model: SalaryModel, reader: Callable[[str | None], None], locale: str, place: str
) -> None:
    query = parse_query(role="ml engineer", years=3, location=place)
    comparison = compare_roles(model, query)

    def render() -> list[str]:
        card = role_comparison_card(comparison, query.role)
        return [*card_lines(card), *chart_words(roles_chart(comparison, query.role))]

    assert english_left(render, locale, reader) == []


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "places", [["berlin", "zurich", "lagos"], ["seattle", "austin", "US", "lagos"]]
)
def test_places_compared_read_wholly_in_the_readers_language(
    model: SalaryModel, reader: Callable[[str | None], None], locale: str, places: list[str]
) -> None:
    comparison = compare_locations(model, parse_query(role="ml engineer", years=5), places)

    def render() -> list[str]:
        card = location_comparison_card(comparison)
        return [*card_lines(card), *chart_words(locations_chart(comparison))]

    assert english_left(render, locale, reader) == []


def test_a_german_reader_reads_the_estimate_in_german(
    model: SalaryModel, reader: Callable[[str | None], None]
) -> None:
    estimate = model.estimate(parse_query(role="mle", level="senior", location="Berlin"))
    reader("de")
    text = "\n".join(card_lines(estimate_card(estimate)))
    assert "Grundgehalt: **116.425\xa0€** im Median" in text
    assert "Keine Gehaltszahl für die Stadt Berlin: Die Spanne des Landes (Deutschland)" in text
    assert "Umgerechnet mit 0,8906 EUR pro USD (HMRC-Jahresdurchschnitt, Januar-Dezember" in text
    assert "Stufenfolge — aijobs.net salary index: mit der Nachbarstufe zusammengefasst" in text
    assert "11 Stellenanzeigen (Deutschland); Lohnniveau aus 1.668 dort befragten" in text
    assert "Verlässlichkeit mittel" in text and "[Artikel (2023)]" in text
    assert "Spanne aus Machine-Learning-Engineer · Senior · Deutschland · alle Jahre" in text
    chart = estimate_chart(estimate)
    assert chart.axis_label.startswith("EUR pro Jahr") and chart.median_label == "Median"
    assert [row.label for row in chart.rows] == ["Grundgehalt", "Gesamt"]


def test_a_brazilian_reader_reads_the_comparison_in_portuguese(
    model: SalaryModel, reader: Callable[[str | None], None]
) -> None:
    query = parse_query(role="mle", years=5)
    comparison = compare_locations(model, query, ["berlin", "zurich", "lagos"])
    reader("pt-BR")
    text = "\n".join(card_lines(location_comparison_card(comparison)))
    assert text.startswith("### Lugares comparados · Engenheiro(a) de Machine Learning")
    assert "vagas (Alemanha); nível salarial de 1.668 desenvolvedores pesquisados lá" in text
    assert "apoiado na região África Subsaariana" in text and "*poucos dados*" in text
    assert "As medianas em poder de compra usam BEA Regional Price Parities 2023" in text
    assert locations_chart(comparison).median_label == "Mediana"


def test_a_what_if_says_in_the_readers_words_what_it_changed(
    reader: Callable[[str | None], None],
) -> None:
    before = parse_query(role="mle", level="senior", location="Berlin")
    after = parse_query(role="mle", level="senior", location="Munich")
    english = start_line("MLE · Berlin", before, after, ["location"])
    assert english == (
        "From your estimate for **MLE · Berlin**: location Berlin, Germany → Munich, Germany."
    )
    reader("de")
    assert start_line("MLE · Berlin", before, after, ["location"]) == (
        "Ausgehend von deiner Schätzung für **MLE · Berlin**: "
        "Ort Berlin, Deutschland → München, Deutschland."
    )
    reader("pt-BR")
    assert start_line("MLE", before, before, ["location"]) == (
        "A partir da sua estimativa para **MLE**: local continua Berlim, Alemanha."
    )


def test_every_field_has_its_word_and_english_names_it_as_declared() -> None:
    assert all(field_word(name) == fields.label(name) for name in fields.FIELD_NAMES)
    assert field_word(EXPERIENCE) == "experience"
