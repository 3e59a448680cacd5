"""Small key/value facts about the bot's own state (e.g. the synced command-tree hash)."""

from __future__ import annotations

from db.backend import Backend


class MetaRepository:
    def __init__(self, backend: Backend) -> None:
        self._db = backend

    async def get(self, key: str) -> str | None:
        row = await self._db.read_one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    async def set(self, key: str, value: str) -> None:
        await self._db.write(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def delete(self, key: str) -> bool:
        rows = await self._db.write("DELETE FROM meta WHERE key = ? RETURNING key", (key,))
        return bool(rows)
