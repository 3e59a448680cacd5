"""The per-person budget: a burst, a steady refill, refunds, and one bucket per person."""

from __future__ import annotations

from bot.flows.budget import BURST, REFILL_EVERY_S, TokenBuckets, Unlimited, wait_message


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_burst_then_a_wait_then_a_steady_refill() -> None:
    clock = Clock()
    budget = TokenBuckets(clock=clock)
    for _ in range(BURST):
        assert await budget.take(1) is None
    wait = await budget.take(1)
    assert wait is not None and 0 < wait <= REFILL_EVERY_S
    clock.now += REFILL_EVERY_S
    assert await budget.take(1) is None
    assert await budget.take(1) is not None


async def test_each_person_has_their_own_bucket() -> None:
    budget = TokenBuckets(burst=2, clock=Clock())
    assert await budget.take(1) is None
    assert await budget.take(1) is None
    assert await budget.take(1) is not None
    assert await budget.take(2) is None


async def test_a_refund_gives_the_answer_back_but_never_past_the_burst() -> None:
    budget = TokenBuckets(burst=1, clock=Clock())
    assert await budget.take(1) is None
    await budget.refund(1)
    assert await budget.take(1) is None
    await budget.refund(1)
    await budget.refund(1)
    assert await budget.take(1) is None
    assert await budget.take(1) is not None


async def test_unlimited_never_waits() -> None:
    budget = Unlimited()
    assert all([await budget.take(1) is None for _ in range(100)])


def test_wait_message_rounds_up() -> None:
    assert wait_message(0.2) == "Easy there: try again in 1 s."
