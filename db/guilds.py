"""Per-server settings; a server that never changed anything gets the defaults."""

from __future__ import annotations

from typing import Any

from db.backend import Backend
from db.encoding import now, timestamp
from db.models import GuildSettings, GuildSettingsUpdate

_COLUMNS = tuple(GuildSettingsUpdate.model_fields)


class GuildRepository:
    def __init__(self, backend: Backend) -> None:
        self._db = backend

    async def get(self, guild_id: int) -> GuildSettings:
        row = await self._db.read_one(
            "SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,)
        )
        if row is None:
            return GuildSettings(guild_id=guild_id)
        return GuildSettings.model_validate(row)

    async def update(self, guild_id: int, **changes: Any) -> GuildSettings:
        """Change the named settings only, e.g. update(gid, public_answers=True)."""
        given = GuildSettingsUpdate.model_validate(changes).changes()
        if not given:
            return await self.get(guild_id)
        columns = [name for name in _COLUMNS if name in given]
        # Columns not given take the table defaults, which match GuildSettings' defaults.
        names = ", ".join(["guild_id", *columns, "updated_at"])
        marks = ", ".join("?" * (len(columns) + 2))
        assignments = ", ".join(f"{name} = excluded.{name}" for name in [*columns, "updated_at"])
        rows = await self._db.write(
            f"INSERT INTO guild_settings ({names}) VALUES ({marks}) "
            f"ON CONFLICT (guild_id) DO UPDATE SET {assignments} RETURNING *",
            (guild_id, *(given[name] for name in columns), timestamp(now())),
        )
        return GuildSettings.model_validate(rows[0])
