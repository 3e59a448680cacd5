"""Answers abroad: the place's currency, cities mapped to their country, honest samples."""

import pytest

from bot.salary import taxonomy as tx
from bot.salary.compare import compare_locations, compare_roles
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query
from bot.salary.tips import tips


@pytest.mark.parametrize(
    ("place", "currency", "country"),
    [
        ("zurich", "CHF", "CH"),
        ("stockholm", "SEK", "SE"),
        ("São Paulo", "BRL", "BR"),
        ("warsaw", "PLN", "PL"),
        ("kraków", "PLN", "PL"),
        ("munich", "EUR", "DE"),
        ("sydney", "AUD", "AU"),
        ("tokyo", "JPY", "JP"),
        ("singapore", "SGD", "SG"),
        ("lagos", "NGN", "NG"),
        ("karachi", "PKR", "PK"),
        ("shenzhen", "CNY", "CN"),
        ("kyiv", "UAH", "UA"),
        ("ecuador", "USD", "EC"),
    ],
)
def test_cities_abroad_use_their_country_band_and_currency(
    shipped: SalaryModel, place: str, currency: str, country: str
) -> None:
    query = parse_query(role="mle", years=5, location=place)
    estimate = shipped.estimate(query)
    assert estimate.currency == currency
    assert tx.LOCATION_BY_KEY[str(query.location)].country == country
    national = shipped.estimate(parse_query(role="mle", years=5, location=country))
    assert estimate.base == national.base  # the country's band, as is
    if tx.LOCATION_BY_KEY[str(query.location)].kind == "city":
        assert any(n.startswith("No city pay figure for") for n in map(str, estimate.said_notes))
    assert not any("No exchange rate for" in n for n in map(str, estimate.said_notes))


def test_a_country_whose_currency_has_no_rate_is_answered_in_dollars_and_says_so(
    shipped: SalaryModel,
) -> None:
    caracas = shipped.estimate(parse_query(role="mle", years=5, location="VE"))
    assert caracas.currency == "USD"
    assert any(
        "No exchange rate for the Venezuelan Bolívar (VES)" in n
        for n in map(str, caracas.said_notes)
    )


def test_the_sample_says_what_it_counts(shipped: SalaryModel) -> None:
    zurich = shipped.estimate(parse_query(role="mle", years=5, location="zurich"))
    assert "developers surveyed there (Stack Overflow Developer Survey 2025)" in str(
        zurich.said_sample
    )
    assert not zurich.thin
    us = shipped.estimate(parse_query(role="mle", years=5, location="US"))
    assert str(us.said_sample) == f"{us.sample_size:,} postings in United States"


def test_a_thin_country_is_marked_and_a_country_without_data_says_so(tiny: SalaryModel) -> None:
    gb = tiny.estimate(parse_query(role="MLE", level="senior", location="GB", year=2025))
    assert str(gb.said_sample).startswith("no postings in United Kingdom for this role")
    assert gb.sample_size == 40 and not gb.thin
    ng = tiny.estimate(parse_query(role="MLE", level="senior", location="NG", year=2025))
    assert ng.thin and ng.confidence == "low"
    assert any(n.startswith("Too little data for Nigeria") for n in map(str, ng.said_notes))
    assert "pay level of Sub-Saharan Africa (250 surveyed" in str(ng.said_sample)


def test_compared_places_carry_their_sample_and_thin_mark(shipped: SalaryModel) -> None:
    query = parse_query(role="mle", years=5)
    rows = compare_locations(shipped, query, ["berlin", "zurich", "lagos"]).rows
    assert [row.sample_place for row in rows] == ["Germany", "Switzerland", "Nigeria"]
    assert "surveyed there" in str(rows[1].sample) and not rows[1].thin
    assert rows[2].thin and "leaning on Sub-Saharan Africa" in str(rows[2].sample)


def test_china_is_answered_as_one_national_band_and_says_so(shipped: SalaryModel) -> None:
    china = shipped.estimate(parse_query(role="mle", years=5, location="China"))
    assert any(
        n.startswith("China is one band for the whole country") for n in map(str, china.said_notes)
    )


def test_roles_in_a_surveyed_country_count_their_all_country_postings(
    shipped: SalaryModel,
) -> None:
    # No postings in China for any role: each row is the role's all-country band at
    # China's level, counted as such, and ranked (not all marked thin).
    query = parse_query(role="mle", years=5, location="shenzhen")
    comparison = compare_roles(shipped, query)
    for row in comparison.rows:
        world = shipped.band(query.model_copy(update={"location": None}), role=row.role)
        assert row.sample_size == world.n
        assert str(row.sample) == f"{world.n:,} postings, all countries"
    assert not all(row.thin for row in comparison.rows)
    respondents = shipped.bands.countries["CN"]["respondents"]
    assert f"China's pay level from {respondents} developers surveyed" in str(
        comparison.sample_note
    )


def test_roles_with_postings_in_the_country_count_those(shipped: SalaryModel) -> None:
    comparison = compare_roles(shipped, parse_query(role="mle", years=5, location="toronto"))
    by_role = {row.role: row for row in comparison.rows}
    assert str(by_role["software_engineer"].sample).endswith("postings in Canada")
    assert not by_role["software_engineer"].thin
    # Canada's level rests on its own postings, all roles together, and says so.
    total = shipped.bands.countries["CA"]["postings"]
    assert f"pay level from {total:,} postings there, all roles" in str(comparison.sample_note)


def test_tips_say_what_the_band_rests_on(shipped: SalaryModel) -> None:
    report = tips(shipped, parse_query(role="mle", years=5, location="karachi"))
    estimate = shipped.estimate(report.query)
    assert report.sample == estimate.said_sample and report.thin == estimate.thin
    assert "developers surveyed there" in str(report.sample) and "Pakistan" in str(report.sample)
    assert all("aijobs.net salary index: " not in str(tip.source) for tip in report.items)
