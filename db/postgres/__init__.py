"""The PostgreSQL backend, for a bot sharded over several processes (asyncpg).

url          parsing, redacting and checking a DATABASE_URL
errors       asyncpg and OS errors as StoreErrors
migrations   applying db/migrations with a schema_migrations table and an advisory lock
backend      PostgresBackend, the Backend protocol on a connection pool
"""

from db.postgres.backend import PostgresBackend
from db.postgres.url import is_database_url, redact

__all__ = ["PostgresBackend", "is_database_url", "redact"]
