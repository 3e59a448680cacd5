"""Errors the store raises.

`.message` is a plain sentence safe to show a user: no file path, no engine wording.
`.detail` says what happened and where (path or redacted URL, the engine's own text) for the
logs only;
str() of the error includes it, so tracebacks in the log carry it too.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class: something about the database stopped a store operation."""

    default_message = "The bot's storage could not complete that request."
    # True when the storage as a whole cannot serve (unwritable, unreachable, a failing
    # disk) rather than this one request: the bot then runs without it and retries.
    outage = False

    def __init__(self, message: str | None = None, *, detail: str | None = None) -> None:
        self.message = message or self.default_message
        self.detail = detail or self.message
        super().__init__(self.message)

    def __str__(self) -> str:
        if self.detail == self.message:
            return self.message
        return f"{self.message} ({self.detail})"


class CorruptDatabaseError(StoreError):
    """The file at the path is not a healthy database. It is never written to or replaced."""

    default_message = (
        "The bot's storage file is damaged or is not a database; it was left untouched."
    )


class NewerSchemaError(StoreError):
    """The database was written by a newer version of the bot."""

    default_message = "The bot's storage was written by a newer version of the bot."


class MigrationError(StoreError):
    """A schema migration is malformed or failed; the database keeps its previous version."""

    default_message = "Upgrading the bot's storage failed; it was left as it was."


class ReadOnlyError(StoreError):
    """The database (or its folder) cannot be written."""

    default_message = "The bot's storage is read-only right now, so nothing was saved."
    outage = True


class OutageError(StoreError):
    """The storage cannot be opened or reached, or its disk fails."""

    default_message = "The bot's storage cannot be reached right now."
    outage = True


class StoreUnavailableError(StoreError):
    """Raised at once instead of using a store that is away (db/standby.py, a PostgreSQL
    server that went: db/postgres/backend.py); the store keeps trying to come back."""

    default_message = (
        "Saving is unavailable right now, so nothing was saved. Estimates, comparisons and "
        "tips still work."
    )


class DiskFullError(StoreError):
    """The disk (or the configured size limit) is full."""

    default_message = "The bot's storage is full, so this change was not saved."


class BusyError(StoreError):
    """Another process held the database lock for longer than the busy timeout."""

    default_message = "The bot's storage is busy; please try again in a moment."


class StoreClosedError(StoreError):
    """The store was used after close()."""

    default_message = "The bot's storage is closed."
