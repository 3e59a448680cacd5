from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.app.config import Config
from bot.local.harness import Harness
from tests.support import engines
from tests.support.validation import PayloadValidator, default_spec_path

# Fails a test on any deprecation, including the ones discord.py only shows.
pytest_plugins = ("tests.support.deprecations",)

TEST_EXTENSIONS = ("tests.e2e.faulty_cog",)
# Fixtures through which a test reaches the store's engine; with --backend=postgres only
# tests using one of them run (the rest do not depend on the engine).
ENGINE_FIXTURES = frozenset({"store", "store_target", "harness"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="the engine the store and end-to-end tests run on (postgres needs TEST_DATABASE_URL)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: checks SQLite's files or internals")
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL server of TEST_DATABASE_URL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--backend") != "postgres":
        return
    kept, dropped = [], []
    for item in items:
        uses_engine = ENGINE_FIXTURES & set(getattr(item, "fixturenames", ()))
        if uses_engine and item.get_closest_marker("sqlite_only") is None:
            kept.append(item)
        else:
            dropped.append(item)
    items[:] = kept
    config.hook.pytest_deselected(items=dropped)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") is not None:
        reason = engines.postgres_unavailable()
        if reason is not None:
            pytest.skip(reason)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    uses_postgres = config.getoption("--backend") == "postgres" or any(
        "PostgreSQL" in str(getattr(report, "longrepr", ""))
        for report in terminalreporter.stats.get("skipped", [])
    )
    reason = engines.postgres_unavailable() if uses_postgres else None
    if reason is not None:
        terminalreporter.write_line(reason)


@pytest.fixture
def backend_name(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--backend"))


@pytest.fixture
async def store_target(backend_name: str, tmp_path: Path) -> AsyncIterator[str | Path]:
    """Where a test's store lives: a fresh SQLite file, or a fresh PostgreSQL schema."""
    if backend_name == "sqlite":
        yield tmp_path / "data" / "bot.db"
        return
    reason = engines.postgres_unavailable()
    if reason is not None:
        pytest.skip(reason)
    async with engines.fresh_schema() as url:
        yield url


@pytest.fixture(scope="session")
def validator() -> PayloadValidator:
    return PayloadValidator.from_file(default_spec_path())


def make_config(tmp_path: Path, database_url: str | None = None, chart_workers: int = 0) -> Config:
    # Charts drawn in a thread: a process pool per test would cost each test its start-up;
    # tests/e2e/test_charts.py runs the real pool.
    return Config(  # type: ignore[call-arg]
        database_path=tmp_path / "bot.sqlite3",
        database_url=database_url,
        chart_workers=chart_workers,
        _env_file=None,
    )


@asynccontextmanager
async def running_harness(config: Config, validator: PayloadValidator) -> AsyncIterator[Harness]:
    """The real bot against the emulator; any payload Discord would refuse fails the test."""
    running = Harness(config, validator=validator, extra_extensions=TEST_EXTENSIONS)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()
    assert running.server.violations == [], "payloads Discord would refuse"
    assert running.server.unhandled == [], "requests the emulator does not know"


@pytest.fixture
async def harness(
    tmp_path: Path, store_target: str | Path, validator: PayloadValidator
) -> AsyncIterator[Harness]:
    url = store_target if isinstance(store_target, str) else None
    async with running_harness(make_config(tmp_path, url), validator) as running:
        yield running


@pytest.fixture
def restore_root_logging() -> Iterator[None]:
    """Puts back the root logger (and discord.http's level) a test's logging set-up changed."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    http_level = logging.getLogger("discord.http").level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("discord.http").setLevel(http_level)


@pytest.fixture
def charts_follow_in_an_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers go out before their chart is drawn, as when the bot is busy: it follows in an edit."""
    monkeypatch.setattr("bot.flows.reply.FIRST_CHART_WAIT_S", 0.0)
