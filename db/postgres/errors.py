"""asyncpg and OS errors as StoreErrors: a safe sentence for users, the rest for the logs.

The detail names the server by its redacted URL and quotes PostgreSQL's own words, which
never contain the password.
"""

from __future__ import annotations

import asyncio

import asyncpg

from db.errors import (
    BusyError,
    DiskFullError,
    ReadOnlyError,
    StoreError,
    StoreUnavailableError,
)

# The server went away, is restarting or cannot take another connection: worth retrying.
_GONE = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.QueryCanceledError,
    asyncpg.exceptions.TooManyConnectionsError,
)


def is_outage(exc: BaseException) -> bool:
    """True when the error means the server cannot be reached, not that a statement was wrong."""
    return isinstance(exc, _GONE)


def translate(exc: BaseException, where: str) -> StoreError:
    if isinstance(exc, asyncpg.exceptions.InvalidAuthorizationSpecificationError):
        return StoreError(
            "The bot's storage refused the bot's credentials.",
            detail=f"PostgreSQL at {where} refused the login: {exc}. Check the user and "
            "password in DATABASE_URL.",
        )
    if isinstance(exc, asyncpg.exceptions.InvalidCatalogNameError):
        return StoreError(
            "The bot's storage cannot be opened.",
            detail=f"PostgreSQL at {where}: {exc}. Create the database first.",
        )
    if isinstance(exc, asyncpg.exceptions.DiskFullError):
        return DiskFullError(detail=f"PostgreSQL at {where} is out of disk space: {exc}.")
    if isinstance(exc, asyncpg.exceptions.ReadOnlySQLTransactionError):
        return ReadOnlyError(detail=f"PostgreSQL at {where} is read-only (a standby?): {exc}.")
    if isinstance(
        exc,
        asyncpg.exceptions.DeadlockDetectedError
        | asyncpg.exceptions.SerializationError
        | asyncpg.exceptions.LockNotAvailableError,
    ):
        return BusyError(detail=f"PostgreSQL at {where} could not take a lock: {exc}.")
    if is_outage(exc):
        reason = type(exc).__name__ if not str(exc) else f"{type(exc).__name__}: {exc}"
        return StoreUnavailableError(detail=f"PostgreSQL at {where} cannot be reached ({reason}).")
    return StoreError(detail=f"PostgreSQL at {where} reported an error: {exc}.")
