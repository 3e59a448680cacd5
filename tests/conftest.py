from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Config
from bot.emulator.harness import Harness
from tests.support.validation import PayloadValidator, default_spec_path

TEST_EXTENSIONS = ("tests.e2e.faulty_cog",)


@pytest.fixture(scope="session")
def validator() -> PayloadValidator:
    return PayloadValidator.from_file(default_spec_path())


def make_config(tmp_path: Path, chart_workers: int = 0) -> Config:
    # Charts drawn in a thread: a process pool per test would cost each test its start-up;
    # tests/e2e/test_charts.py runs the real pool.
    return Config(  # type: ignore[call-arg]
        database_path=tmp_path / "bot.sqlite3", chart_workers=chart_workers, _env_file=None
    )


@pytest.fixture
async def harness(tmp_path: Path, validator: PayloadValidator) -> AsyncIterator[Harness]:
    """The real bot against the emulator; any payload Discord would refuse fails the test."""
    running = Harness(make_config(tmp_path), validator=validator, extra_extensions=TEST_EXTENSIONS)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()
    assert running.server.violations == [], "payloads Discord would refuse"
    assert running.server.unhandled == [], "requests the emulator does not know"
