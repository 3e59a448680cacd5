"""The shared rate budget: a token bucket in the store, one atomic statement per take."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.flows.budget import DatabaseBudget
from db import Store

CAPACITY, REFILL = 5, 5 / 30  # five per 30 s, refilled evenly


async def take(store: Store, user: int, now: float) -> float | None:
    return await store.budgets.take(user, capacity=CAPACITY, refill_per_s=REFILL, now=now)


async def test_a_full_bucket_spends_capacity_then_says_how_long_to_wait(store: Store) -> None:
    assert [await take(store, 1, 1000.0) for _ in range(CAPACITY)] == [None] * CAPACITY
    wait = await take(store, 1, 1000.0)
    assert wait == pytest.approx(1 / REFILL)
    # A refused take spends nothing: half the wait later, half of it is left.
    assert await take(store, 1, 1000.0 + 3) == pytest.approx(3)
    assert await take(store, 1, 1000.0 + 6) is None
    assert await take(store, 2, 1000.0) is None  # someone else has their own bucket


async def test_the_bucket_refills_only_to_its_capacity(store: Store) -> None:
    for _ in range(CAPACITY):
        await take(store, 1, 0.0)
    later = 10_000.0
    assert [await take(store, 1, later) for _ in range(CAPACITY)] == [None] * CAPACITY
    assert await take(store, 1, later) is not None


async def test_a_clock_stepping_back_takes_nothing_away(store: Store) -> None:
    await take(store, 1, 1000.0)
    assert await take(store, 1, 900.0) is None  # tokens stay as they were, none lost
    exported = await store.export_user(1)
    assert exported["budgets"] == {"tokens": pytest.approx(CAPACITY - 2), "updated_at": 1000.0}


async def test_refund_gives_a_token_back_up_to_capacity(store: Store) -> None:
    for _ in range(CAPACITY):
        await take(store, 1, 50.0)
    await store.budgets.refund(1, capacity=CAPACITY)
    assert await take(store, 1, 50.0) is None
    assert await take(store, 1, 50.0) is not None
    for _ in range(CAPACITY + 3):
        await store.budgets.refund(1, capacity=CAPACITY)
    assert (await store.export_user(1))["budgets"]["tokens"] == CAPACITY


async def test_concurrent_takes_never_spend_more_than_there_is(store: Store) -> None:
    results = await asyncio.gather(*(take(store, 7, 500.0) for _ in range(40)))
    assert sum(result is None for result in results) == CAPACITY


async def test_delete_user_erases_the_budget(store: Store) -> None:
    await take(store, 9, 1.0)
    assert (await store.delete_user(9))["budgets"] == 1
    assert (await store.export_user(9))["budgets"] is None


async def test_database_budget_implements_take_and_refund(store: Store) -> None:
    now = [100.0]
    budget = DatabaseBudget(store, capacity=2, refill_per_s=0.5, clock=lambda: now[0])
    assert await budget.take(3) is None
    assert await budget.take(3) is None
    assert await budget.take(3) == pytest.approx(2.0)
    await budget.refund(3)
    assert await budget.take(3) is None
    now[0] += 2.0
    assert await budget.take(3) is None


async def test_database_budget_lets_people_through_when_the_store_fails(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    budget = DatabaseBudget(store, capacity=1, refill_per_s=0.1)
    await store.close()
    with caplog.at_level(logging.WARNING, logger="bot.flows.budget"):
        assert await budget.take(3) is None
        await budget.refund(3)  # no error either
        # The process's own bucket bounds the person while the database is away.
        assert await budget.take(3) is None
        assert await budget.take(3) == pytest.approx(10.0, abs=0.5)
        assert await budget.take(4) is None
    warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(warnings) == 1, "an outage is said once"
    assert "3" not in warnings[0].getMessage() and "4" not in warnings[0].getMessage()


def test_database_budget_refuses_a_useless_configuration(store: Store) -> None:
    with pytest.raises(ValueError):
        DatabaseBudget(store, capacity=0, refill_per_s=1)
    with pytest.raises(ValueError):
        DatabaseBudget(store, capacity=1, refill_per_s=0)
