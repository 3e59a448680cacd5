"""Pay ranges found in free text, and the job a posting names."""

from __future__ import annotations

import pytest

from bot.salary.errors import QueryError
from bot.salary.pay_range import MAX_MESSAGE, PayRange, find_pay_range, job_in_text


@pytest.mark.parametrize(
    ("text", "low", "high", "currency"),
    [
        ("Senior MLE, $150k-$200k base", 150_000, 200_000, "USD"),
        ("150-200k EUR", 150_000, 200_000, "EUR"),
        ("€150,000 to €200,000 plus bonus", 150_000, 200_000, "EUR"),
        ("pays 120,000 - 150,000 USD", 120_000, 150_000, "USD"),
        ("US$ 1.2M-1.5M", 1_200_000, 1_500_000, "USD"),
        ("Comp: up to 180k", None, 180_000, None),
        ("Up to £95k", None, 95_000, "GBP"),
        ("180k+ DOE", 180_000, None, None),
        ("salary from $140k", 140_000, None, "USD"),
        ("$200k-$150k (typo)", 150_000, 200_000, "USD"),
        ("70.000-90.000 EUR", 70_000, 90_000, "EUR"),
        ("EUR 70.000,50 - 90.000", 70_000.5, 90_000, "EUR"),
        ("70\u202f000–90\u202f000 €", 70_000, 90_000, "EUR"),
        ("70 000 € - 90 000 €", 70_000, 90_000, "EUR"),
        ("**$150k**-**$200k**", 150_000, 200_000, "USD"),
        ("`£80k`–~~£90k~~", 80_000, 90_000, "GBP"),
        ("＄１５０ｋ－＄２００ｋ", 150_000, 200_000, "USD"),
        ("150k～200k USD", 150_000, 200_000, "USD"),
        # A dot before a k or M is a decimal point, as before.
        ("$1.5M-2.25M", 1_500_000, 2_250_000, "USD"),
    ],
)
def test_ranges_are_found(
    text: str, low: float | None, high: float | None, currency: str | None
) -> None:
    found = find_pay_range(text)
    assert found is not None
    assert (found.low, found.high, found.currency) == (low, high, currency)


@pytest.mark.parametrize(
    "text",
    [
        "we are hiring, great team!",
        "3-5 years experience",
        "$50-$70/hr contract",
        "from 2019-2023 I worked there",
        "up to 5 days in office",
        "release 1.000-2.000 notes",
        "3 000-5 000 employees",
    ],
)
def test_text_without_a_yearly_range_finds_none(text: str) -> None:
    assert find_pay_range(text) is None


def test_an_unsupported_currency_is_named_not_read_as_dollars() -> None:
    # The Venezuelan bolivar has no rate in the data; the yuan has one.
    found = find_pay_range("150-200k VES")
    assert found is not None and found.currency is None and found.unsupported_currency == "VES"
    assert find_pay_range("150-200k CNY") == PayRange(
        low=150_000, high=200_000, currency="CNY", text="150-200k CNY"
    )


def test_a_range_is_bounded_in_its_own_currency() -> None:
    # Twenty million naira a year is a salary; twenty million dollars is not.
    found = find_pay_range("₦15M-₦20M")
    assert found is not None and (found.low, found.high, found.currency) == (15e6, 20e6, "NGN")
    with pytest.raises(QueryError, match="runs past 5 million a year"):
        find_pay_range("$15M-$20M")


def test_the_job_a_posting_names() -> None:
    assert job_in_text("Hiring a Senior Machine Learning Engineer in Seattle") == {
        "role": "ml_engineer",
        "level": "senior",
        "location": "us-seattle",
    }
    assert job_in_text("Data scientist, Germany office") == {
        "role": "data_scientist",
        "location": "DE",
    }
    assert job_in_text("we are in the US") == {}


@pytest.mark.parametrize(
    "text", ["$1-$999999999999", "$150k-$" + "9" * 400, "up to €" + "9" * 30, "$10M-$20M"]
)
def test_a_range_past_any_salary_is_refused_not_weighed(text: str) -> None:
    with pytest.raises(QueryError, match="runs past 5 million") as caught:
        find_pay_range(text)
    assert caught.value.field == "range"


def test_only_a_message_s_worth_of_text_is_read() -> None:
    # Discord's longest message; a range after it is not looked for.
    assert find_pay_range("x" * MAX_MESSAGE + " $150k-$200k") is None
    assert find_pay_range("1" * 100_000) is None


def test_a_posting_names_its_role_in_the_plural() -> None:
    assert job_in_text("Hiring MLEs in Seattle") == {
        "role": "ml_engineer",
        "location": "us-seattle",
    }
