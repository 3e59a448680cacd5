"""The PostgreSQL backend's pure parts: placeholders, command tags, redacted URLs."""

from __future__ import annotations

import pytest

from db.postgres.backend import _changed, numbered
from db.postgres.url import is_database_url, problem, redact


def test_question_marks_become_numbered_parameters_outside_quotes() -> None:
    assert numbered("SELECT * FROM t WHERE a = ? AND b = ?") == (
        "SELECT * FROM t WHERE a = $1 AND b = $2"
    )
    assert numbered("SELECT '?' , \"x?\" FROM t WHERE c = ?") == (
        "SELECT '?' , \"x?\" FROM t WHERE c = $1"
    )


@pytest.mark.parametrize(
    ("tag", "count"), [("DELETE 3", 3), ("INSERT 0 1", 1), ("UPDATE 0", 0), ("VACUUM", 0)]
)
def test_rows_changed_come_from_the_command_tag(tag: str, count: int) -> None:
    assert _changed(tag) == count


def test_urls_are_redacted_for_logs() -> None:
    assert redact("postgresql://bot:s3cret@db:5432/salary?sslmode=require&password=x") == (
        "postgresql://bot:***@db:5432/salary"
    )
    assert redact("postgres://db/salary") == "postgres://db/salary"
    assert "s3cret" not in redact("postgresql://bot:s3cret@db:notaport/salary")


def test_which_urls_are_postgresql() -> None:
    assert is_database_url("postgresql://db/x") and is_database_url("postgres://db/x")
    assert not is_database_url("/var/lib/bot.sqlite3") and not is_database_url(None)
    assert problem("postgresql://db:5432/x") is None
    assert problem("postgresql:///x?host=/run/postgresql") is None
    assert problem("postgresql:///x") is None  # the local socket, as libpq would
    assert problem("postgresql://db:port/x") == "has a port that is not a number"
    assert problem("sqlite:///x") is not None
