"""Questions typed in plain words, read: what is asked, the fields named, the pay quoted."""

from __future__ import annotations

from typing import Any

import pytest

from bot.salary.currency import RATES
from bot.salary.offer_terms import OTHER_CODES
from bot.salary.question import Asked, read_question

B, OFFER, R, ROLES, PLACES, C, N = (
    Asked.BAND,
    Asked.OFFER,
    Asked.RANGE,
    Asked.ROLES,
    Asked.PLACES,
    Asked.CHANGE,
    Asked.NOTHING,
)
MLE, DS, SWE = "ml_engineer", "data_scientist", "software_engineer"

# (what a person types, what is asked, the fields read). Every field read is listed: a field
# found that the row does not expect fails it as much as one missed.
TABLE: list[tuple[str, Asked, dict[str, Any]]] = [
    # bands: roles, abbreviations, levels in words
    ("senior ml engineer in berlin?", B, {"role": MLE, "level": "senior", "location": "de-berlin"}),
    ("senior mle berlin", B, {"role": MLE, "level": "senior", "location": "de-berlin"}),
    ("sr mle seattle", B, {"role": MLE, "level": "senior", "location": "us-seattle"}),
    ("Sr. MLE in Seattle", B, {"role": MLE, "level": "senior", "location": "us-seattle"}),
    ("jr ds in NYC", B, {"role": DS, "level": "entry", "location": "us-new-york"}),
    (
        "junior data scientist, new york city",
        B,
        {"role": DS, "level": "entry", "location": "us-new-york"},
    ),
    (
        "mid-level data engineer in Chicago",
        B,
        {"role": "data_engineer", "level": "mid", "location": "us-chicago"},
    ),
    (
        "entry level data analyst in Toronto",
        B,
        {"role": "data_analyst", "level": "entry", "location": "ca-toronto"},
    ),
    (
        "principal research scientist SF",
        B,
        {"role": "research_scientist", "level": "principal", "location": "us-san-francisco"},
    ),
    ("staff swe bay area", B, {"role": SWE, "level": "staff", "location": "us-san-francisco"}),
    ("lead data scientist in London", B, {"role": DS, "level": "senior", "location": "gb-london"}),
    ("new grad swe in Austin", B, {"role": SWE, "level": "entry", "location": "us-austin"}),
    ("intern ml engineer in Boston", B, {"role": MLE, "level": "entry", "location": "us-boston"}),
    ("applied scientist in seattle", B, {"role": "research_scientist", "location": "us-seattle"}),
    ("mlops engineer in Denver", B, {"role": "mlops_engineer", "location": "us-denver"}),
    ("AI engineer in Paris", B, {"role": "ai_engineer", "location": "fr-paris"}),
    ("sde 2 in hyderabad", B, {"role": SWE, "location": "in-hyderabad"}),
    ("data scientists in Amsterdam", B, {"role": DS, "location": "nl-amsterdam"}),
    ("How much do ML engineers in London earn?", B, {"role": MLE, "location": "gb-london"}),
    # years
    (
        "I'm a data scientist in Toronto with 5 years",
        B,
        {"role": DS, "location": "ca-toronto", "years": 5},
    ),
    ("mle with 5+ yrs in seattle", B, {"role": MLE, "years": 5, "location": "us-seattle"}),
    ("swe 3 yoe NYC", B, {"role": SWE, "years": 3, "location": "us-new-york"}),
    (
        "8 years of experience as a data engineer in Dallas",
        B,
        {"role": "data_engineer", "years": 8, "location": "us-dallas"},
    ),
    ("ds, yoe: 4, remote", B, {"role": DS, "years": 4, "location": "remote"}),
    (
        "research scientist with ten years in Zurich",
        B,
        {"role": "research_scientist", "years": 10, "location": "ch-zurich"},
    ),
    ("2 yrs exp data analyst india", B, {"role": "data_analyst", "years": 2, "location": "IN"}),
    # places: cities, countries, states, nicknames
    ("ml engineer in Bengaluru", B, {"role": MLE, "location": "in-bangalore"}),
    ("mle bangalore", B, {"role": MLE, "location": "in-bangalore"}),
    ("data scientist in Germany", B, {"role": DS, "location": "DE"}),
    ("swe in the UK", B, {"role": SWE, "location": "GB"}),
    ("mle in the US", B, {"role": MLE, "location": "US"}),
    ("ml engineer in the united states", B, {"role": MLE, "location": "US"}),
    ("data scientist in Texas", B, {"role": DS, "location": "US"}),
    ("mle in california", B, {"role": MLE, "location": "US"}),
    ("ds in SF", B, {"role": DS, "location": "us-san-francisco"}),
    ("ml eng in silicon valley", B, {"role": MLE, "location": "us-san-jose"}),
    ("ml engineer in LA", B, {"role": MLE, "location": "us-los-angeles"}),
    ("data scientist in DC", B, {"role": DS, "location": "us-washington-dc"}),
    ("mle in München", B, {"role": MLE, "location": "de-munich"}),
    ("fully remote mle", B, {"role": MLE, "location": "remote"}),
    # more fields
    (
        "data scientist with a PhD in Boston",
        B,
        {"role": DS, "education": "phd", "location": "us-boston"},
    ),
    (
        "mle at a startup in berlin",
        B,
        {"role": MLE, "company_type": "startup", "location": "de-berlin"},
    ),
    ("senior mle at faang", B, {"role": MLE, "level": "senior", "company_type": "big_tech"}),
    (
        "data scientist in fintech, london",
        B,
        {"role": DS, "industry": "finance", "location": "gb-london"},
    ),
    (
        "senior mle in berlin in USD",
        B,
        {"role": MLE, "level": "senior", "location": "de-berlin", "currency": "USD"},
    ),
    # noise around the question
    (
        "hey! quick q: what should a senior ML engineer in Berlin earn these days?",
        B,
        {"role": MLE, "level": "senior", "location": "de-berlin"},
    ),
    (
        "<@123456789> what's the band for a senior mle in seattle?? thanks",
        B,
        {"role": MLE, "level": "senior", "location": "us-seattle"},
    ),
    ("what should I earn?", B, {}),
    ("am I underpaid?", B, {}),
    # offers: 185k, €90.000, 1.2M INR, 25 LPA, bonus and equity
    (
        "is 185k base fair for a senior mle in seattle",
        OFFER,
        {"role": MLE, "level": "senior", "location": "us-seattle"},
    ),
    (
        "is 185k + 15% bonus fair for a senior MLE in Seattle?",
        OFFER,
        {"role": MLE, "level": "senior", "location": "us-seattle"},
    ),
    (
        "got an offer: $185,000 base, 20k signing bonus, 400k RSUs. senior mle seattle",
        OFFER,
        {"role": MLE, "level": "senior", "location": "us-seattle"},
    ),
    ("€90.000 for a data scientist in Berlin, good?", OFFER, {"role": DS, "location": "de-berlin"}),
    ("90k EUR as mle in munich", OFFER, {"role": MLE, "location": "de-munich"}),
    (
        "1.2M INR for a junior ds in Bangalore",
        OFFER,
        {"role": DS, "level": "entry", "location": "in-bangalore"},
    ),
    (
        "25 LPA for a data scientist in Bengaluru, fair?",
        OFFER,
        {"role": DS, "location": "in-bangalore"},
    ),
    ("offered £85k as a ml engineer in london", OFFER, {"role": MLE, "location": "gb-london"}),
    (
        "they pay 140000 for swe in austin with 4 years",
        OFFER,
        {"role": SWE, "location": "us-austin", "years": 4},
    ),
    ("25 LPA in hand for a ds in pune, ok?", OFFER, {"role": DS, "location": "in-pune"}),
    # ranges
    (
        "150-200k EUR for a senior ds in paris",
        R,
        {"role": DS, "level": "senior", "location": "fr-paris"},
    ),
    (
        "posting says $150k-$200k for senior mle nyc",
        R,
        {"role": MLE, "level": "senior", "location": "us-new-york"},
    ),
    (
        "70.000-90.000 EUR data engineer berlin",
        R,
        {"role": "data_engineer", "location": "de-berlin"},
    ),
    ("up to 180k for a data scientist in Chicago", R, {"role": DS, "location": "us-chicago"}),
    ("20-30 LPA mle pune", R, {"role": MLE, "location": "in-pune"}),
    # comparisons
    ("mle vs data scientist in austin", ROLES, {"role": MLE, "location": "us-austin"}),
    ("ds or swe in seattle?", ROLES, {"role": DS, "location": "us-seattle"}),
    (
        "berlin vs munich for a senior mle",
        PLACES,
        {"role": MLE, "level": "senior", "location": "de-berlin"},
    ),
    (
        "senior mle: london or paris?",
        PLACES,
        {"role": MLE, "level": "senior", "location": "gb-london"},
    ),
    # follow-ups
    ("and in munich?", C, {"location": "de-munich"}),
    ("and in Austin?", C, {"location": "us-austin"}),
    ("what about senior?", C, {"level": "senior"}),
    ("in EUR", C, {"currency": "EUR"}),
    ("in euros please", C, {"currency": "EUR"}),
    ("with a PhD?", C, {"education": "phd"}),
    ("what if 8 years", C, {"years": 8}),
    ("and as a data scientist?", C, {"role": DS}),
    # nothing to answer
    ("hello", N, {}),
    ("thanks!", N, {}),
    ("lol", N, {}),
    ("who made you?", N, {}),
]


@pytest.mark.parametrize(("text", "asked", "fields"), TABLE, ids=[row[0][:40] for row in TABLE])
def test_phrasings_are_read(text: str, asked: Asked, fields: dict[str, Any]) -> None:
    question = read_question(text)
    assert question.asked is asked
    assert question.fields == fields
    assert question.unread == ()


def test_the_table_is_long_enough() -> None:
    assert len(TABLE) >= 60


@pytest.mark.parametrize(
    ("text", "base", "bonus", "equity", "sign_on"),
    [
        ("is 185k base fair", "185000", None, None, None),
        ("185k + 15% bonus", "185000", "15%", None, None),
        ("$185,000 base, 20k signing bonus, 400k RSUs", "185000 USD", None, "400000", "20000"),
        ("€90.000 in Berlin", "90000 EUR", None, None, None),
        ("1.2M INR", "1200000 INR", None, None, None),
        ("25 LPA", "2500000 INR", None, None, None),
        ("₹24L base", "2400000 INR", None, None, None),
        ("bonus of 10% on 150k", "150000", "10%", None, None),
    ],
)
def test_offer_parts_are_read_as_the_offer_parser_reads_them(
    text: str, base: str, bonus: str | None, equity: str | None, sign_on: str | None
) -> None:
    offer = read_question(text).offer
    assert offer is not None
    assert (offer.base, offer.bonus, offer.equity, offer.sign_on) == (base, bonus, equity, sign_on)


@pytest.mark.parametrize(
    ("text", "low", "high", "currency"),
    [
        ("150-200k EUR", 150_000, 200_000, "EUR"),
        ("70.000-90.000 EUR", 70_000, 90_000, "EUR"),
        ("20-30 LPA", 2_000_000, 3_000_000, "INR"),
        ("up to 180k", None, 180_000, None),
        ("180k+ for a senior", 180_000, None, None),
    ],
)
def test_ranges_are_read(
    text: str, low: float | None, high: float | None, currency: str | None
) -> None:
    found = read_question(text).pay_range
    assert found is not None
    assert (found.low, found.high, found.currency) == (low, high, currency)


def test_two_roles_and_two_places_are_kept_in_order() -> None:
    assert read_question("mle vs data scientist in austin").roles == (MLE, DS)
    assert read_question("berlin vs munich").places == ("de-berlin", "de-munich")


def test_what_names_nothing_known_is_unread_with_close_names() -> None:
    question = read_question("senior mle in Seatle")
    assert question.fields == {"role": MLE, "level": "senior"}
    (unread,) = question.unread
    assert (unread.field, unread.text) == ("location", "Seatle")
    assert "Seattle, WA" in unread.options


def test_a_currency_the_bot_cannot_answer_in_is_unread() -> None:
    without_rate = sorted(OTHER_CODES - set(RATES))
    if not without_rate:
        pytest.skip("every known currency code has a rate")
    code = without_rate[0]
    question = read_question(f"senior mle in zurich in {code}")
    assert "currency" not in question.fields
    assert [(u.field, u.text) for u in question.unread] == [("currency", code)]


def test_ordinary_words_are_not_places() -> None:
    # "in", "us", "it", "me" are codes of India, the US, Italy, Montenegro: not in a sentence.
    question = read_question("can you tell us what it pays me as an mle")
    assert question.fields == {"role": MLE}
    assert question.about_self


def test_a_state_names_the_country_and_says_so() -> None:
    question = read_question("ds in texas")
    assert question.fields["location"] == "US"
    assert tuple(map(str, question.notes)) == (
        "No figures per US state: texas is read as the United States.",
    )


def test_first_person_words_mark_a_question_about_oneself() -> None:
    assert read_question("I'm a senior mle in berlin").about_self
    assert not read_question("senior mle in berlin").about_self


def test_a_vesting_schedule_is_not_experience() -> None:
    question = read_question("185k base, 400k RSUs vesting over 4 years, 1 year cliff, mle")
    assert "years" not in question.fields


def test_hourly_pay_is_not_an_offer() -> None:
    assert read_question("$80/hr as a contractor mle").offer is None
