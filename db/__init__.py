"""The bot's persistent store: profiles, query history, server settings, metadata."""

from db.errors import (
    BusyError,
    CorruptDatabaseError,
    DiskFullError,
    MigrationError,
    NewerSchemaError,
    ReadOnlyError,
    StoreClosedError,
    StoreError,
    StoreUnavailableError,
)
from db.models import GuildSettings, HistoryEntry, Profile, ProfileUpdate
from db.store import Store

__all__ = [
    "BusyError",
    "CorruptDatabaseError",
    "DiskFullError",
    "GuildSettings",
    "HistoryEntry",
    "MigrationError",
    "NewerSchemaError",
    "Profile",
    "ProfileUpdate",
    "ReadOnlyError",
    "Store",
    "StoreClosedError",
    "StoreError",
    "StoreUnavailableError",
]
