"""Community pay submissions, stored apart from the people who made them.

Rows carry a keyed hash of the person (db/pseudonym.py), never their id. One live row per
person and role-year: sharing again replaces it. Every read of a pool cell is one indexed
query; only pooling code (bot/salary/community.py) turns rows into anything shown.

The daily count (community_pay_quota) limits abuse, so a deleted share still counts toward
the day's limit: deleting and sharing again must not get around it. Only the day's count
limits anything; counts of earlier days are removed at every change to the counts. Once a
person has deleted all their shares, the day's count is no longer kept under their
pseudonym but under a tag for that day alone (Pseudonyms.of_day): it still answers "has
this person used today's shares", is gone the next day, and is no longer part of what is
stored about their shares, so the export does not list it. Erasing the person removes both.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.salary.fields import Key
from db.backend import Backend, Transaction
from db.encoding import now
from db.pseudonym import Pseudonyms

# A few a day: enough to fix a typo, too few to flood a pool.
DAILY_SUBMISSIONS = 3
Money = Field(ge=0, le=100_000_000)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CommunityDraft(_Frozen):
    """What a person is about to share: exactly what the row will hold."""

    role: Key
    level: Key
    location: Key
    company_type: Key | None = None
    base: float = Money
    bonus: float = Money
    equity: float = Money
    currency: Key
    year: int = Field(ge=2000, le=2100)
    held_reason: str | None = Field(default=None, max_length=200)


class CommunitySubmission(CommunityDraft):
    id: int
    guild_id: int
    created_on: date


class PoolRow(_Frozen):
    """One row of a pool cell, as pooling needs it (the pseudonym, not the person)."""

    person: str
    guild_id: int
    base: float
    bonus: float
    equity: float
    currency: str
    year: int


class CellCount(_Frozen):
    role: str
    level: str
    location: str
    live: int
    held: int


class HeldSubmission(_Frozen):
    """What an admin sees of a held-back submission: where it sits and why, not who."""

    id: int
    role: str
    level: str
    location: str
    held_reason: str


class DailyLimitReached(Exception):
    """The person already shared DAILY_SUBMISSIONS times today."""


_DRAFT_COLUMNS = tuple(CommunityDraft.model_fields)
_CELL = "role = ? AND level = ? AND location = ? AND held_reason IS NULL"
_POOL_COLUMNS = "person, guild_id, base, bonus, equity, currency, year"
_SHARED = "guild_id IN (SELECT guild_id FROM guild_settings WHERE shared_pool = 1)"


def _today() -> str:
    return now().date().isoformat()


class CommunityRepository:
    table = "community_pay"

    def __init__(self, backend: Backend, pseudonyms: Pseudonyms) -> None:
        self._db = backend
        self.pseudonyms = pseudonyms

    async def submit(
        self, user_id: int, guild_id: int, draft: CommunityDraft, *, daily: int = DAILY_SUBMISSIONS
    ) -> tuple[CommunitySubmission, bool]:
        """Store or replace the person's figure for this role-year; True if it replaced one.

        Raises DailyLimitReached, leaving everything as it was, after `daily` today.
        """
        person = self.pseudonyms.of(user_id)
        today = _today()
        tag = self.pseudonyms.of_day(user_id, today)
        values = draft.model_dump()
        names = ", ".join(["person", "guild_id", *_DRAFT_COLUMNS, "created_on"])
        marks = ", ".join("?" * (len(_DRAFT_COLUMNS) + 3))
        updates = ", ".join(
            f"{name} = excluded.{name}" for name in ["guild_id", *_DRAFT_COLUMNS, "created_on"]
        )
        async with self._db.transaction() as tx:
            await _forget_earlier_days(tx, today)
            quota = await tx.fetch_one(
                "SELECT SUM(used) AS used FROM community_pay_quota "
                "WHERE person IN (?, ?) AND day = ?",
                (person, tag, today),
            )
            if quota is not None and int(quota["used"] or 0) >= daily:
                raise DailyLimitReached()
            earlier = await tx.fetch_one(
                "SELECT id FROM community_pay WHERE person = ? AND role = ? AND year = ?",
                (person, draft.role, draft.year),
            )
            row = await tx.fetch_one(
                f"INSERT INTO community_pay ({names}) VALUES ({marks}) "
                f"ON CONFLICT (person, role, year) DO UPDATE SET {updates} "
                f"RETURNING id, guild_id, created_on, {', '.join(_DRAFT_COLUMNS)}",
                (person, guild_id, *(values[name] for name in _DRAFT_COLUMNS), today),
            )
            await tx.execute(
                "INSERT INTO community_pay_quota (person, day, used) VALUES (?, ?, 1) "
                "ON CONFLICT (person, day) DO UPDATE SET used = community_pay_quota.used + 1",
                (person, today),
            )
        assert row is not None  # an upsert with RETURNING always returns its row
        return CommunitySubmission.model_validate(row), earlier is not None

    async def mine(self, user_id: int) -> list[CommunitySubmission]:
        rows = await self._db.read_all(
            f"SELECT id, guild_id, created_on, {', '.join(_DRAFT_COLUMNS)} "
            "FROM community_pay WHERE person = ? ORDER BY year DESC, id",
            (self.pseudonyms.of(user_id),),
        )
        return [CommunitySubmission.model_validate(row) for row in rows]

    async def delete_mine(self, user_id: int, submission_id: int | None = None) -> int:
        """Delete one of the person's submissions, or all of them; how many went."""
        person = self.pseudonyms.of(user_id)
        today = _today()
        async with self._db.transaction() as tx:
            await _forget_earlier_days(tx, today)
            if submission_id is None:
                removed = await tx.fetch_all(
                    "DELETE FROM community_pay WHERE person = ? RETURNING id", (person,)
                )
            else:
                removed = await tx.fetch_all(
                    "DELETE FROM community_pay WHERE person = ? AND id = ? RETURNING id",
                    (person, submission_id),
                )
            left = await tx.fetch_one(
                "SELECT count(*) AS n FROM community_pay WHERE person = ?", (person,)
            )
            if left is not None and int(left["n"]) == 0:
                tag = self.pseudonyms.of_day(user_id, today)
                await _count_under_day_tag(tx, person, tag, today)
        await self._db.forget_deleted()
        return len(removed)

    async def cell(self, role: str, level: str, location: str, guild_id: int) -> list[PoolRow]:
        """The live rows of one cell this server may pool, in one indexed query.

        This server's own rows; if it opted in to the shared pool, every opted-in server's.
        """
        rows = await self._db.read_all(
            f"SELECT {_POOL_COLUMNS} FROM community_pay WHERE {_CELL} AND (guild_id = ? OR ("
            f"{_SHARED} AND EXISTS (SELECT 1 FROM guild_settings "
            "WHERE guild_id = ? AND shared_pool = 1)))",
            (role, level, location, guild_id, guild_id),
        )
        return [PoolRow.model_validate(row) for row in rows]

    async def live_rows(self) -> list[tuple[str, str, str, PoolRow]]:
        """Every live row with its cell, for the published export."""
        rows = await self._db.read_all(
            f"SELECT role, level, location, {_POOL_COLUMNS} FROM community_pay "
            "WHERE held_reason IS NULL ORDER BY role, level, location"
        )
        return [
            (row.pop("role"), row.pop("level"), row.pop("location"), PoolRow.model_validate(row))
            for row in rows
        ]

    async def shared_guilds(self) -> set[int]:
        rows = await self._db.read_all("SELECT guild_id FROM guild_settings WHERE shared_pool = 1")
        return {int(row["guild_id"]) for row in rows}

    async def counts(self, guild_id: int) -> list[CellCount]:
        rows = await self._db.read_all(
            "SELECT role, level, location, "
            "SUM(CASE WHEN held_reason IS NULL THEN 1 ELSE 0 END) AS live, "
            "SUM(CASE WHEN held_reason IS NULL THEN 0 ELSE 1 END) AS held "
            "FROM community_pay WHERE guild_id = ? GROUP BY role, level, location "
            "ORDER BY role, level, location",
            (guild_id,),
        )
        return [CellCount.model_validate(row) for row in rows]

    async def held(self, guild_id: int) -> list[HeldSubmission]:
        rows = await self._db.read_all(
            "SELECT id, role, level, location, held_reason FROM community_pay "
            "WHERE guild_id = ? AND held_reason IS NOT NULL ORDER BY id",
            (guild_id,),
        )
        return [HeldSubmission.model_validate(row) for row in rows]

    async def remove_held(self, guild_id: int, submission_id: int) -> bool:
        """An admin removes a held-back submission of their server, never seeing its author."""
        rows = await self._db.write(
            "DELETE FROM community_pay WHERE guild_id = ? AND id = ? "
            "AND held_reason IS NOT NULL RETURNING id",
            (guild_id, submission_id),
        )
        await self._db.forget_deleted()
        return bool(rows)

    async def export(self, user_id: int) -> dict[str, Any]:
        person = self.pseudonyms.of(user_id)
        quota = await self._db.read_all(
            "SELECT day, used FROM community_pay_quota WHERE person = ? ORDER BY day", (person,)
        )
        submissions = [item.model_dump(mode="json") for item in await self.mine(user_id)]
        return {"submissions": submissions, "submissions_per_day": quota}

    async def erase(self, tx: Transaction, user_id: int) -> int:
        person = self.pseudonyms.of(user_id)
        today = _today()
        await _forget_earlier_days(tx, today)
        await tx.execute(
            "DELETE FROM community_pay_quota WHERE person IN (?, ?)",
            (person, self.pseudonyms.of_day(user_id, today)),
        )
        return await tx.execute("DELETE FROM community_pay WHERE person = ?", (person,))


async def _forget_earlier_days(tx: Transaction, today: str) -> None:
    """Counts of days before today limit nothing any more."""
    await tx.execute("DELETE FROM community_pay_quota WHERE day < ?", (today,))


async def _count_under_day_tag(tx: Transaction, person: str, tag: str, today: str) -> None:
    """Keep the day's count of a person who deleted all their shares, but not as theirs."""
    counted = await tx.fetch_all(
        "DELETE FROM community_pay_quota WHERE person = ? AND day = ? RETURNING used",
        (person, today),
    )
    if counted:
        await tx.execute(
            "INSERT INTO community_pay_quota (person, day, used) VALUES (?, ?, ?) "
            "ON CONFLICT (person, day) DO UPDATE SET used = community_pay_quota.used + ?",
            (tag, today, counted[0]["used"], counted[0]["used"]),
        )
