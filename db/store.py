"""The store: opens the database and groups the repositories the bot uses."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Protocol

from db import schema
from db.backend import Backend, Transaction
from db.budgets import BudgetRepository
from db.community import CommunityRepository
from db.encoding import now, timestamp
from db.guilds import GuildRepository
from db.history import HistoryRepository
from db.meta import MetaRepository
from db.pending import PendingWrites
from db.postgres import PostgresBackend, is_database_url
from db.profiles import ProfileRepository
from db.pseudonym import Pseudonyms, key_path_for
from db.sqlite import BUSY_TIMEOUT, SqliteBackend
from db.standby import RETRY_EVERY_S, StandbyBackend


class UserData(Protocol):
    """A repository holding data about a user: it can export and erase it."""

    table: str

    async def export(self, user_id: int) -> Any: ...

    async def erase(self, tx: Transaction, user_id: int) -> int: ...


def pool_pseudonyms(path: str | Path, key: bytes | None) -> Pseudonyms:
    """The pool key from the setting, else the key file beside the database (made once)."""
    return Pseudonyms(key) if key is not None else Pseudonyms(key_file=key_path_for(path))


class Store:
    def __init__(self, backend: Backend, pseudonyms: Pseudonyms | None = None) -> None:
        self.backend = backend
        self.pending = PendingWrites()
        self.profiles = ProfileRepository(backend)
        self.history = HistoryRepository(backend, self.pending)
        self.guilds = GuildRepository(backend)
        self.meta = MetaRepository(backend)
        self.budgets = BudgetRepository(backend)
        # Without a key file (a store opened from a backend alone), a key for this run only.
        self.community = CommunityRepository(
            backend, pseudonyms or Pseudonyms(secrets.token_bytes(32))
        )
        # Every repository that keeps per-user data; export and delete cover exactly these.
        self._user_data: tuple[UserData, ...] = (
            self.profiles,
            self.history,
            self.budgets,
            self.community,
        )

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        migrations_dir: Path | None = None,
        busy_timeout: float = BUSY_TIMEOUT,
        pool_key: bytes | None = None,
        pool_key_file: Path | None = None,
    ) -> Store:
        """Open (creating folder and file if needed) and bring the schema up to date.

        `path` is a SQLite file, or a postgresql:// URL for a PostgreSQL server.
        Raises a StoreError subclass with a readable .message when the file is not a
        database, was written by a newer bot, the disk is read-only or full, or the
        server cannot be reached or refuses the login.
        """
        if is_database_url(path):
            assert isinstance(path, str)
            migrations = schema.load(migrations_dir, engine="postgres")
            # No file beside a server: the key comes from the setting or a local key file.
            pseudonyms = Pseudonyms(pool_key) if pool_key else None
            if pseudonyms is None and pool_key_file is not None:
                pseudonyms = Pseudonyms(key_file=pool_key_file)
            return cls(await PostgresBackend.open(path, migrations), pseudonyms)
        migrations = schema.load(migrations_dir)
        backend = await SqliteBackend.open(
            path, migrations, read_only=read_only, busy_timeout=busy_timeout
        )
        return cls(backend, pool_pseudonyms(path, pool_key))

    @classmethod
    async def open_standby(
        cls, path: str | Path, *, retry_every: float = RETRY_EVERY_S, pool_key: bytes | None = None
    ) -> Store:
        """Like open(), but a store that is away (e.g. read-only) is retried, not fatal."""
        migrations = schema.load(None)
        backend = await StandbyBackend.start(
            lambda: SqliteBackend.open(path, migrations), retry_every
        )
        return cls(backend, pool_pseudonyms(path, pool_key))

    @property
    def available(self) -> bool:
        """False while a standby store waits for its database to come back."""
        return getattr(self.backend, "available", True)

    async def close(self) -> None:
        await self.backend.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def export_user(self, user_id: int) -> dict[str, Any]:
        """Everything stored about a user, as JSON-ready data."""
        await self.pending.settled(user_id)
        exported: dict[str, Any] = {"user_id": user_id, "exported_at": timestamp(now())}
        for repository in self._user_data:
            exported[repository.table] = await repository.export(user_id)
        return exported

    async def delete_user(self, user_id: int) -> dict[str, int]:
        """Delete everything about a user in one transaction; rows removed per table."""
        # A write promised before the deletion would otherwise outlive it.
        await self.pending.settled(user_id)
        async with self.backend.transaction() as tx:
            removed = {repo.table: await repo.erase(tx, user_id) for repo in self._user_data}
        await self.backend.forget_deleted()
        return removed
