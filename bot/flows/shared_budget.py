"""A per-user rate budget kept in the database, so every bot process spends from one bucket.

It implements the client's budget interface (take/refund) on db/budgets.py. When the
database cannot answer, it lets the person go ahead: a store outage must not stop
estimates, and the slash-command cooldowns still bound each process on its own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from db.errors import StoreError
from db.store import Store

log = logging.getLogger(__name__)


class DatabaseBudget:
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

    async def take(self, user_id: int) -> float | None:
        """None: go ahead (one unit spent); else seconds to wait."""
        try:
            return await self._budgets.take(
                user_id, capacity=self.capacity, refill_per_s=self.refill_per_s, now=self._clock()
            )
        except StoreError as error:
            log.warning(
                "rate budget unavailable, letting user %s go ahead: %s", user_id, error.message
            )
            return None

    async def refund(self, user_id: int) -> None:
        try:
            await self._budgets.refund(user_id, capacity=self.capacity)
        except StoreError as error:
            log.warning("could not refund the rate budget of user %s: %s", user_id, error.message)
