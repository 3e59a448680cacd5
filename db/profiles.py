"""User profiles: read, partial atomic upsert, delete."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from db.backend import Backend, Row, Transaction
from db.encoding import from_json, now, timestamp, to_json
from db.models import Profile, ProfileUpdate

_JSON_FIELDS = ("certifications", "skills")
# Column names come from this fixed list, never from input; values are always bound.
_COLUMNS = tuple(name for name in ProfileUpdate.model_fields)


def _to_model(row: Row) -> Profile:
    for name in _JSON_FIELDS:
        row[name] = from_json(row[name])
    return Profile.model_validate(row)


@lru_cache(maxsize=256)
def _upsert_sql(columns: tuple[str, ...]) -> str:
    """INSERT ... ON CONFLICT DO UPDATE touching only `columns` (standard SQL, also PostgreSQL)."""
    names = ", ".join(["user_id", *columns, "created_at", "updated_at"])
    marks = ", ".join("?" * (len(columns) + 3))
    assignments = ", ".join(f"{name} = excluded.{name}" for name in [*columns, "updated_at"])
    return (
        f"INSERT INTO profiles ({names}) VALUES ({marks}) "
        f"ON CONFLICT (user_id) DO UPDATE SET {assignments} RETURNING *"
    )


class ProfileRepository:
    table = "profiles"

    def __init__(self, backend: Backend) -> None:
        self._db = backend

    async def get(self, user_id: int) -> Profile | None:
        row = await self._db.read_one("SELECT * FROM profiles WHERE user_id = ?", (user_id,))
        return None if row is None else _to_model(row)

    async def upsert(self, user_id: int, update: ProfileUpdate) -> Profile:
        """Create the profile or change only the fields `update` sets, in one statement."""
        changes = update.changes()
        columns = [name for name in _COLUMNS if name in changes]
        values: list[Any] = [
            to_json(changes[name]) if name in _JSON_FIELDS else changes[name] for name in columns
        ]
        stamp = timestamp(now())
        rows = await self._db.write(_upsert_sql(tuple(columns)), (user_id, *values, stamp, stamp))
        return _to_model(rows[0])

    async def delete(self, user_id: int) -> bool:
        rows = await self._db.write(
            "DELETE FROM profiles WHERE user_id = ? RETURNING user_id", (user_id,)
        )
        return bool(rows)

    async def export(self, user_id: int) -> dict[str, Any] | None:
        profile = await self.get(user_id)
        return None if profile is None else profile.model_dump(mode="json")

    async def erase(self, tx: Transaction, user_id: int) -> int:
        return await tx.execute("DELETE FROM profiles WHERE user_id = ?", (user_id,))
