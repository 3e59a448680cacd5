"""The community pool's rules: k different people, rounded bands, no subtraction."""

from __future__ import annotations

import pytest

from bot.salary.community import (
    MIN_K,
    PoolEntry,
    band_of,
    data_tails,
    effective_k,
    held_back_reason,
    parse_amount,
    percentile,
    server_band,
    shared_band,
    subtracts_safely,
)
from bot.salary.errors import QueryError


def entries(
    count: int, *, guild: int = 1, start: int = 0, base: float = 150_000.0
) -> list[PoolEntry]:
    return [
        PoolEntry(f"p{start + i}", guild, base + 10_000 * i, base + 30_000 + 10_000 * i, 2026)
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("setting", "in_force"), [(0, MIN_K), (1, MIN_K), (4, MIN_K), (5, 5), (8, 8)]
)
def test_k_is_never_below_five(setting: int, in_force: int) -> None:
    assert effective_k(setting) == in_force


@pytest.mark.parametrize(
    ("rows", "k", "shown"),
    [
        (entries(4), 5, False),
        (entries(5), 5, True),
        (entries(5), 1, True),  # a lower setting still means five
        (entries(4), 1, False),
        (entries(6), 7, False),
        (entries(7), 7, True),
        # Six submissions from four people: one person's two years count once.
        (
            [*entries(4), PoolEntry("p0", 1, 1.0, 1.0, 2025), PoolEntry("p1", 1, 1.0, 1.0, 2024)],
            5,
            False,
        ),
    ],
)
def test_a_band_needs_k_different_people(rows: list[PoolEntry], k: int, shown: bool) -> None:
    assert (band_of(rows, k) is not None) is shown


def test_the_band_is_rounded_quartiles_of_each_persons_latest_figure() -> None:
    rows = [*entries(5), PoolEntry("p0", 1, 999_999.0, 999_999.0, 2020)]
    band = band_of(rows, 5)
    assert band is not None
    assert band.people == 5
    # 150k..190k: quartiles 160k, 170k, 180k; the old 2020 figure of p0 is not used.
    assert band.base == (160_000.0, 170_000.0, 180_000.0)
    assert band.total == (190_000.0, 200_000.0, 210_000.0)
    assert (band.first_year, band.last_year) == (2026, 2026)
    odd = [
        PoolEntry(f"q{i}", 1, v, v, 2026)
        for i, v in enumerate((101_234, 152_345, 163_456, 171_111, 199_999))
    ]
    shown = band_of(odd, 5)
    assert shown is not None
    assert all(value % 5_000 == 0 for value in shown.base), "no exact figure is repeated"


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([5.0], 0.75) == 5.0


@pytest.mark.parametrize(
    ("inner", "outer", "safe"),
    [
        (5, 5, True),  # the same pool twice reveals nothing new
        (5, 6, False),  # one extra person: the subtraction case
        (5, 9, False),
        (5, 10, True),
        (0, 5, True),
    ],
)
def test_two_pools_shown_together_differ_by_zero_or_k(inner: int, outer: int, safe: bool) -> None:
    people = {f"p{i}" for i in range(outer)}
    assert subtracts_safely({f"p{i}" for i in range(inner)}, people, 5) is safe


def test_a_shared_pool_one_person_beyond_a_shown_server_pool_is_suppressed() -> None:
    # Server 1 shows its own five; server 2 adds one person to the shared pool.
    rows = [*entries(5, guild=1), *entries(1, guild=2, start=10)]
    assert server_band(rows, 1, 5) is not None
    assert shared_band(rows, 5) is None, "shared minus server 1 would be that one person"


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        (5, 5, True),  # each server's pool and the shared pool differ by five people
        (4, 4, True),  # neither server's pool is ever shown alone
        (4, 1, True),  # five people together, no server shown alone
        (5, 4, False),  # shared minus server 1 would be four people
        (6, 1, False),  # shared minus server 1 would be one person
        (9, 1, False),
    ],
)
def test_shared_pool_subtraction_table(first: int, second: int, shown: bool) -> None:
    rows = [*entries(first, guild=1), *entries(second, guild=2, start=100)]
    assert (shared_band(rows, 5) is not None) is shown


def test_the_subtraction_case_counts_people_not_rows() -> None:
    # The same person submitted through both servers: the difference is nobody.
    rows = [*entries(5, guild=1), PoolEntry("p0", 2, 155_000.0, 185_000.0, 2026)]
    band = shared_band(rows, 5)
    assert band is not None and band.people == 5


@pytest.mark.parametrize(
    ("base", "bonus", "equity", "held"),
    [
        (180_000, 20_000, 40_000, None),
        (180_000, 600_000, 0, "a bonus over 3 times the base"),
        (100_000, 0, 1_200_000, "equity over 10 times the base"),
        (5_000, 0, 0, "a base far below anything in the open data for this role and place"),
        (3_000_000, 0, 0, "a base far above anything in the open data for this role and place"),
    ],
)
def test_implausible_or_contradicting_values_are_held_back(
    base: float, bonus: float, equity: float, held: str | None
) -> None:
    reason = held_back_reason(base, bonus, equity, (120_000.0, 170_000.0, 240_000.0))
    assert (reason if reason is None else str(reason)) == held


def test_without_a_data_band_only_contradictions_hold_a_figure_back() -> None:
    assert held_back_reason(3_000_000, 0, 0, None) is None


def test_data_tails_stretch_beyond_p10_and_p90() -> None:
    low, high = data_tails(100.0, 150.0, 225.0)
    assert low < 100.0 and high > 225.0


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("180k", 180_000.0),
        ("180,000", 180_000.0),
        ("$ 180 000", 180_000.0),
        ("1.2m", 1_200_000.0),
        ("95000.50", 95_000.5),
    ],
)
def test_amounts_read_as_people_write_them(text: str, amount: float) -> None:
    assert parse_amount("base", text, required=True) == amount


@pytest.mark.parametrize(
    ("text", "required", "message"),
    [
        ("", True, "Give your base, e.g. 180k or 180000."),
        ("lots", True, "Couldn't read 'lots' as an amount for base: write e.g. 180k or 180000."),
        ("-5", True, "Couldn't read '-5' as an amount for base: write e.g. 180k or 180000."),
        ("0", True, "The base must be more than zero."),
        ("999m", True, "That base is beyond anything this bot can pool."),
    ],
)
def test_bad_amounts_say_what_to_write(text: str, required: bool, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse_amount("base", text, required=required)
    assert raised.value.message == message


def test_an_optional_amount_may_be_blank() -> None:
    assert parse_amount("bonus", "  ", required=False) == 0.0
