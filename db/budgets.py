"""Per-user rate budgets as token buckets in the database, so every bot process shares them.

take() is one INSERT ... ON CONFLICT DO UPDATE: refill by the time since the last take,
then spend a token if a whole one is there. A single statement is atomic in SQLite and in
PostgreSQL, so two processes taking for one person at once cannot both spend the last
token. CASE stands in for min/max, which the two engines spell differently.
"""

from __future__ import annotations

from typing import Any

from db.backend import Backend, Transaction

# Seconds since the last take, never negative if a clock steps back.
_ELAPSED = (
    "(CASE WHEN excluded.updated_at > budgets.updated_at "
    "THEN excluded.updated_at - budgets.updated_at ELSE 0 END)"
)
# Tokens after the refill, capped at the capacity. Parameters: rate, capacity, capacity, rate.
_REFILLED = (
    f"(CASE WHEN budgets.tokens + {_ELAPSED} * ? > ? THEN ? "
    f"ELSE budgets.tokens + {_ELAPSED} * ? END)"
)
_TAKE = (
    "INSERT INTO budgets (user_id, tokens, granted, updated_at) VALUES (?, ?, 1, ?) "
    "ON CONFLICT (user_id) DO UPDATE SET "
    f"tokens = CASE WHEN {_REFILLED} >= 1 THEN {_REFILLED} - 1 ELSE {_REFILLED} END, "
    f"granted = CASE WHEN {_REFILLED} >= 1 THEN 1 ELSE 0 END, "
    "updated_at = CASE WHEN excluded.updated_at > budgets.updated_at "
    "THEN excluded.updated_at ELSE budgets.updated_at END "
    "RETURNING tokens, granted"
)
_REFUND = (
    "UPDATE budgets SET tokens = CASE WHEN tokens + 1 > ? THEN ? ELSE tokens + 1 END "
    "WHERE user_id = ?"
)


class BudgetRepository:
    table = "budgets"

    def __init__(self, backend: Backend) -> None:
        self._db = backend

    async def take(
        self, user_id: int, *, capacity: float, refill_per_s: float, now: float
    ) -> float | None:
        """None if a token was spent, else the seconds until one is there."""
        refilled = (refill_per_s, capacity, capacity, refill_per_s)
        rows = await self._db.write(_TAKE, (user_id, float(capacity) - 1, now, *(refilled * 4)))
        row = rows[0]
        if row["granted"]:
            return None
        return (1 - float(row["tokens"])) / refill_per_s

    async def refund(self, user_id: int, *, capacity: float) -> None:
        await self._db.write(_REFUND, (float(capacity), float(capacity), user_id))

    async def export(self, user_id: int) -> dict[str, Any] | None:
        row = await self._db.read_one(
            "SELECT tokens, updated_at FROM budgets WHERE user_id = ?", (user_id,)
        )
        return None if row is None else {"tokens": row["tokens"], "updated_at": row["updated_at"]}

    async def erase(self, tx: Transaction, user_id: int) -> int:
        return await tx.execute("DELETE FROM budgets WHERE user_id = ?", (user_id,))
