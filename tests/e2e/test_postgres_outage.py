"""PostgreSQL going away mid-run, and failing at start-up: answers go on, nothing leaks."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.local.harness import Harness
from db.postgres import backend as pg_backend
from tests.conftest import make_config
from tests.e2e.support import REPO, run
from tests.support import engines
from tests.support.proxy import CuttableProxy
from tests.support.validation import PayloadValidator

pytestmark = pytest.mark.postgres


@pytest.fixture
async def url() -> AsyncIterator[str]:
    async with engines.fresh_schema() as fresh:
        yield fresh


async def test_estimates_go_on_and_saving_says_unavailable_while_the_server_is_away(
    tmp_path: Path,
    url: str,
    validator: PayloadValidator,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(pg_backend, "BACKOFF_FIRST_S", 0.2)
    proxy = CuttableProxy(url)
    await proxy.start()
    harness = Harness(make_config(tmp_path, proxy.url), validator=validator)
    await harness.start()
    try:
        server = harness.server
        user = server.add_user("patient")
        place = server.dm(user)
        saved = await run(harness, user, place, "profile set", {"role": "mle", "years": 3})
        assert saved.message.content.startswith("Profile saved.")

        await proxy.cut()
        with caplog.at_level(logging.WARNING):
            estimate = await run(harness, user, place, "estimate", {"role": "mle", "years": 3})
            assert estimate.message.components_v2, "an estimate is answered without the database"
            refused = await run(harness, user, place, "profile set", {"years": 4})
        assert refused.message.text().startswith("Saving is unavailable right now")
        assert refused.message.payload["flags"] & 64  # privately
        assert (
            "Traceback" not in caplog.text and "Something went wrong" not in refused.message.text()
        )

        await proxy.restore()
        for _ in range(60):
            again = await run(harness, user, place, "profile set", {"years": 4})
            if again.message.text().startswith("Profile saved."):
                break
            await asyncio.sleep(0.25)  # the store waits out its backoff before retrying
        else:
            raise AssertionError("saving never came back after the server did")
    finally:
        await harness.stop()
        await proxy.cut()
    assert harness.server.violations == []


def start(tmp_path: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_PATH"}
    env.update(
        DISCORD_TOKEN="never-used-token",
        DATABASE_URL=database_url,
        PYTHONPATH=str(REPO),
        LOG_LEVEL="INFO",
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_exit_2(done: subprocess.CompletedProcess[str], *secrets: str) -> str:
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert len(output.strip().splitlines()) == 1, output
    assert "Traceback" not in output
    for secret in secrets:
        assert secret not in output
    return output


def test_a_refused_password_stops_start_up_in_one_line(tmp_path: Path, url: str) -> None:
    wrong = url.replace("postgres:", "postgres:wrong-secret-", 1)
    output = assert_one_line_exit_2(start(tmp_path, wrong), "wrong-secret-")
    assert output.startswith("storage error: PostgreSQL at postgresql://postgres:***@")
    assert "refused the login" in output


def test_an_unreachable_server_stops_start_up_in_one_line(
    tmp_path: Path, unused_tcp_port: int
) -> None:
    dead = f"postgresql://bot:hidden-pw@127.0.0.1:{unused_tcp_port}/salary"
    output = assert_one_line_exit_2(start(tmp_path, dead), "hidden-pw")
    assert "cannot be reached" in output and f"127.0.0.1:{unused_tcp_port}" in output


@pytest.mark.parametrize(
    "bad", ["mysql://bot:hidden-pw@db/salary", "postgresql://bot:hidden-pw@db:port/salary"]
)
def test_a_wrong_database_url_is_a_configuration_error(tmp_path: Path, bad: str) -> None:
    output = assert_one_line_exit_2(start(tmp_path, bad), "hidden-pw")
    assert output.startswith("configuration error: DATABASE_URL")
