"""Pay ranges found in free text, and the job a posting names."""

from __future__ import annotations

import pytest

from bot.salary.pay_range import find_pay_range, job_in_text


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
    ],
)
def test_text_without_a_yearly_range_finds_none(text: str) -> None:
    assert find_pay_range(text) is None


def test_an_unsupported_currency_is_named_not_read_as_dollars() -> None:
    found = find_pay_range("150-200k CNY")
    assert found is not None and found.currency is None and found.unsupported_currency == "CNY"


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
