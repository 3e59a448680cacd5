"""Errors the store raises. Each carries a `.message` fit to show a user or an operator."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: something about the database stopped a store operation."""

    default_message = "The database could not complete that request."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class CorruptDatabaseError(StoreError):
    """The file at the path is not a healthy database. It is never written to or replaced."""

    default_message = "The database file is damaged or is not a database; it was left untouched."


class NewerSchemaError(StoreError):
    """The database was written by a newer version of the bot."""

    default_message = "The database was created by a newer version of the bot; please upgrade."


class MigrationError(StoreError):
    """A schema migration is malformed or failed; the database keeps its previous version."""

    default_message = "A database upgrade failed; the database was left as it was."


class ReadOnlyError(StoreError):
    """The database (or its folder) cannot be written."""

    default_message = "The database is read-only right now, so nothing could be saved."


class DiskFullError(StoreError):
    """The disk (or the configured size limit) is full."""

    default_message = "The disk is full, so that change was not saved."


class BusyError(StoreError):
    """Another process held the database lock for longer than the busy timeout."""

    default_message = "The database is busy; please try again in a moment."


class StoreClosedError(StoreError):
    """The store was used after close()."""

    default_message = "The database is closed."
