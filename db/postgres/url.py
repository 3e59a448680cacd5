"""DATABASE_URL handling: which URLs are PostgreSQL, and the form that is safe to log."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres")


def is_database_url(target: object) -> bool:
    return isinstance(target, str) and target.split("://", 1)[0] in SCHEMES and "://" in target


def redact(url: str) -> str:
    """The URL with any password replaced, and no query (it may carry one too)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<an unreadable database URL>"
    user = (
        f"{parts.username}:***@"
        if parts.password is not None
        else (f"{parts.username}@" if parts.username else "")
    )
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, "", ""))


def problem(url: str) -> str | None:
    """Why the URL cannot be a PostgreSQL address, in words without the URL itself."""
    if not is_database_url(url):
        return "must start with postgresql:// (or postgres://)"
    try:
        urlsplit(url).port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "has a port that is not a number"
    return None
