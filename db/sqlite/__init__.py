"""The SQLite backend. Everything SQLite-specific lives here so the repositories stay portable SQL.

errors       sqlite3 and OS errors as StoreErrors
files        file checks: the header, quick_check, a probe write
settings     PRAGMAs each connection opens with
connection   opening an aiosqlite connection; the statements every part runs
returning    RETURNING rows of writes run together with executemany
batching     group commit of writes
reading      reads waiting together, combined into one statement
migrations   applying db/migrations with PRAGMA user_version
backend      SqliteBackend, the Backend protocol on the above
"""

from db.sqlite.backend import SqliteBackend
from db.sqlite.migrations import split_statements
from db.sqlite.settings import BUSY_TIMEOUT

__all__ = ["BUSY_TIMEOUT", "SqliteBackend", "split_statements"]
