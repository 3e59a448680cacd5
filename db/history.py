"""Per-user query history, newest first, capped so it cannot grow without bound."""

from __future__ import annotations

from typing import Any

from db.backend import Backend, Row, Transaction
from db.encoding import from_json, now, timestamp, to_json
from db.errors import StoreError
from db.models import HistoryEntry
from db.pending import PendingWrites

HISTORY_CAP = 50


def _to_model(row: Row) -> HistoryEntry:
    row["query"] = from_json(row["query"])
    row["headline"] = from_json(row["headline"])
    return HistoryEntry.model_validate(row)


class HistoryRepository:
    table = "history"

    def __init__(self, backend: Backend, pending: PendingWrites, cap: int = HISTORY_CAP) -> None:
        self._db = backend
        self._pending = pending
        self.cap = cap

    async def add(
        self,
        user_id: int,
        query: dict[str, Any],
        headline: dict[str, Any],
        *,
        entry_id: int | None = None,
    ) -> HistoryEntry:
        """Record a query and its headline answer; drops the user's oldest beyond the cap.

        `entry_id` names the entry before it is written (an answer's buttons carry it), and
        must be new and larger than the ids before it: a Discord snowflake is both.
        """
        params: tuple[int | str, ...] = (
            user_id,
            to_json(query),
            to_json(headline),
            timestamp(now()),
        )
        columns = "user_id, query, headline, created_at"
        if entry_id is not None:
            columns, params = f"id, {columns}", (entry_id, *params)
        marks = ", ".join("?" * len(params))
        inserted, _ = await self._db.write_all(
            [
                (f"INSERT INTO history ({columns}) VALUES ({marks}) RETURNING *", params),
                (
                    "DELETE FROM history WHERE user_id = ? AND id NOT IN "
                    "(SELECT id FROM history WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
                    (user_id, user_id, self.cap),
                ),
            ]
        )
        row = inserted[0] if inserted else None
        if row is None:  # RETURNING always yields the inserted row
            raise StoreError("The query could not be saved to history.")
        return _to_model(row)

    async def recent(self, user_id: int, limit: int = 10) -> list[HistoryEntry]:
        await self._pending.settled(user_id)
        rows = await self._db.read_all(
            "SELECT * FROM history WHERE user_id = ? ORDER BY id DESC LIMIT ?",
            (user_id, max(0, min(limit, self.cap))),
        )
        return [_to_model(row) for row in rows]

    async def last(self, user_id: int) -> HistoryEntry | None:
        entries = await self.recent(user_id, limit=1)
        return entries[0] if entries else None

    async def get(self, user_id: int, entry_id: int) -> HistoryEntry | None:
        await self._pending.settled(user_id)
        # Scoped by user so one user can never fetch another's entry by guessing its id.
        row = await self._db.read_one(
            "SELECT * FROM history WHERE user_id = ? AND id = ?", (user_id, entry_id)
        )
        return None if row is None else _to_model(row)

    async def export(self, user_id: int) -> list[dict[str, Any]]:
        rows = await self._db.read_all(
            "SELECT * FROM history WHERE user_id = ? ORDER BY id DESC", (user_id,)
        )
        return [_to_model(row).model_dump(mode="json") for row in rows]

    async def erase(self, tx: Transaction, user_id: int) -> int:
        return await tx.execute("DELETE FROM history WHERE user_id = ?", (user_id,))
