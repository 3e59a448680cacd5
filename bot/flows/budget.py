"""One budget per person for the heavy answers, shared by commands, buttons and menus.

A token bucket: a burst of ten answers, refilled steadily by one every three seconds, so a
person exploring (or fixing a typo) is never stopped while a flood still is. A command that
fails on bad input gives its token back. One process keeps its buckets in memory; several
processes serving one person (`DATABASE_URL`) share one bucket in the database.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Any, Protocol

import discord
from discord import app_commands

from bot.interaction import ours
from bot.render.words import N_, _
from db.errors import StoreError
from db.store import Store

log = logging.getLogger(__name__)

BURST = 10
REFILL_EVERY_S = 3.0
# Forget people whose bucket has been full for a while, so the map stays small.
FORGET_AFTER_S = BURST * REFILL_EVERY_S
SPENT = "spent_budget"


class Budget(Protocol):
    async def take(self, user_id: int) -> float | None:
        """None: go ahead (one answer spent); else the seconds to wait."""

    async def refund(self, user_id: int) -> None:
        """Give back what `take` spent, for an answer that was never given."""


class TokenBuckets:
    """The budget of one process, in memory."""

    def __init__(
        self,
        burst: int = BURST,
        refill_every_s: float = REFILL_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst, self.refill_every_s, self.clock = burst, refill_every_s, clock
        self._buckets: dict[int, tuple[float, float]] = {}

    def _level(self, user_id: int, now: float) -> float:
        tokens, stamp = self._buckets.get(user_id, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - stamp) / self.refill_every_s)

    async def take(self, user_id: int) -> float | None:
        now = self.clock()
        if len(self._buckets) > 10_000:
            self._buckets = {
                user: state
                for user, state in self._buckets.items()
                if now - state[1] < FORGET_AFTER_S
            }
        tokens = self._level(user_id, now)
        if tokens < 1.0:
            self._buckets[user_id] = (tokens, now)
            return (1.0 - tokens) * self.refill_every_s
        self._buckets[user_id] = (tokens - 1.0, now)
        return None

    async def refund(self, user_id: int) -> None:
        now = self.clock()
        self._buckets[user_id] = (min(float(self.burst), self._level(user_id, now) + 1.0), now)


class DatabaseBudget:
    """One bucket per person in the database, so every bot process spends from the same one.

    When the database cannot answer, this process's own buckets bound the person until it
    answers again: a store outage must not stop estimates, nor open the door to a flood. The
    outage is logged once, when it starts, and never with anyone's id.
    """

    def __init__(
        self,
        store: Store,
        *,
        capacity: float,
        refill_per_s: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if capacity < 1 or refill_per_s <= 0:
            raise ValueError("a budget needs a capacity of at least 1 and a positive refill")
        self._budgets = store.budgets
        self.capacity = capacity
        self.refill_per_s = refill_per_s
        # Wall-clock time: processes (and machines) compare each other's timestamps.
        self._clock = clock
        self.local = TokenBuckets(burst=int(capacity), refill_every_s=1 / refill_per_s)
        self.away = False

    def _gone(self, error: StoreError) -> None:
        if not self.away:
            self.away = True
            log.warning(
                "the shared rate budget is unavailable; this process limits people on its own "
                "until the database answers: %s",
                error.message,
            )

    def _back(self) -> None:
        if self.away:
            self.away = False
            log.info("the shared rate budget answers again")

    async def take(self, user_id: int) -> float | None:
        try:
            wait = await self._budgets.take(
                user_id, capacity=self.capacity, refill_per_s=self.refill_per_s, now=self._clock()
            )
        except StoreError as error:
            self._gone(error)
            return await self.local.take(user_id)
        self._back()
        return wait

    async def refund(self, user_id: int) -> None:
        if self.away:
            await self.local.refund(user_id)
            return
        try:
            await self._budgets.refund(user_id, capacity=self.capacity)
        except StoreError as error:
            self._gone(error)


class Unlimited:
    """No budget: the local console has one person, who is never crowding anyone out."""

    async def take(self, user_id: int) -> float | None:
        return None

    async def refund(self, user_id: int) -> None:
        return None


class OverBudget(app_commands.CheckFailure):
    def __init__(self, retry_after: float) -> None:
        super().__init__(wait_message(retry_after))
        self.retry_after = retry_after


SLOW_DOWN = N_("Easy there: try again in {seconds} s.")


def wait_message(seconds: float) -> str:
    return _(SLOW_DOWN, seconds=math.ceil(seconds))


async def spend(interaction: discord.Interaction[Any]) -> bool:
    """An app-command check: one answer from the person's budget, or a polite wait."""
    wait = await ours(interaction).client.budget.take(interaction.user.id)
    if wait is not None:
        raise OverBudget(wait)
    interaction.extras[SPENT] = True
    return True


async def refund_if_spent(interaction: discord.Interaction[Any]) -> None:
    """Bad input is not an answer: the person keeps their budget for the corrected try."""
    if interaction.extras.pop(SPENT, False):
        await ours(interaction).client.budget.refund(interaction.user.id)


spends_budget = app_commands.check(spend)
