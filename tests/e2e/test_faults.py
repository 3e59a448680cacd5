"""Discord and the machine misbehave; the bot answers once, loses nothing and says so once.

Each test breaks one thing through the emulator (or the environment), checks what the user
sees and what the log says, then checks that the bot still serves.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatedUser, Fault, Place
from bot.local.harness import Harness
from tests.e2e.support import written

ESTIMATE = {"role": "ml_engineer", "years": 4, "location": "seattle"}
WEBHOOK_LOGGER = "discord.webhook.async_"


async def ask(
    harness: Harness,
    user: EmulatedUser,
    command: str,
    options: dict[str, object] | None = None,
    place: Place | None = None,
) -> InteractionRecord:
    record = await harness.driver.slash(user, place or harness.server.dm(user), command, options)
    return await record.wait_settled(timeout=15)


async def with_chart(record: InteractionRecord) -> InteractionRecord:
    await record.wait_for(lambda r: bool(r.messages()) and bool(r.message.files), timeout=15)
    return record


async def still_serving(harness: Harness) -> None:
    user = harness.server.add_user("afterwards")
    record = await ask(harness, user, "tips", {"role": "data_scientist", "years": 2})
    assert "Something went wrong" not in record.message.text()
    assert record.message.components_v2


@pytest.fixture(autouse=True)
async def bot_serves_on_afterwards(harness: Harness) -> AsyncIterator[None]:
    """Every test here ends by checking that someone new is still answered (after the
    test's own monkeypatches are undone: this fixture is set up first, so torn down last)."""
    yield
    await still_serving(harness)


def logged(caplog: pytest.LogCaptureFixture, text: str) -> list[logging.LogRecord]:
    return [record for record in caplog.records if text in record.getMessage()]


async def wait_logged(caplog: pytest.LogCaptureFixture, text: str, timeout: float = 10) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not logged(caplog, text):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"nothing logged containing {text!r}")
        await asyncio.sleep(0.02)


def answered_once(harness: Harness, record: InteractionRecord) -> None:
    assert record.rejected_callbacks == []
    assert len(record.messages()) == 1, [m.text() for m in record.messages()]
    assert harness.server.stats.double_acknowledgements == 0
    assert harness.server.stats.unknown_interactions == 0


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def lines_from_bot(caplog: pytest.LogCaptureFixture, level: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("bot") and r.levelno >= level]


# ----------------------------------------------------------------- Discord's HTTP errors


async def test_rate_limited_first_answer_is_retried_and_sent_once(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    server = harness.server
    server.faults.append(Fault(429, "/callback", method="POST", retry_after=0.3))
    user = server.add_user("limited")
    with caplog.at_level(logging.WARNING):
        record = await ask(harness, user, "tips", {"role": "ml_engineer", "years": 3})
    assert server.stats.faults_served == 1
    assert record.message.components_v2 and "Something went wrong" not in record.message.text()
    answered_once(harness, record)
    assert len(logged(caplog, "is rate limited. Retrying in 0.30 seconds")) == 1
    assert errors_logged(caplog) == []


@pytest.mark.parametrize("status", [500, 502])
async def test_server_error_on_first_answer_is_retried_and_sent_once(
    harness: Harness, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    server = harness.server
    server.faults.append(Fault(status, "/callback", method="POST"))
    user = server.add_user(f"unlucky{status}")
    with caplog.at_level(logging.DEBUG, logger=WEBHOOK_LOGGER):
        record = await ask(harness, user, "estimate", ESTIMATE)
        await with_chart(record)
    assert server.stats.faults_served == 1
    answered_once(harness, record)
    # discord.py waits a second and tries again; only its debug line tells of the failure.
    assert len(logged(caplog, f"has returned status code {status}")) == 1
    assert errors_logged(caplog) == []


@pytest.mark.parametrize("status", [500, 502])
async def test_first_answer_discord_keeps_failing_is_given_up_inside_three_seconds(
    harness: Harness, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    """discord.py retries a 5xx after 1 s, then 3 s more: too late for Discord's 3 s.

    The bot stops trying while the answer could still count, says so once, and sends
    nothing Discord would refuse; the person asks again and is answered.
    """
    server = harness.server
    server.faults.append(Fault(status, "/callback", method="POST", times=2))
    user = server.add_user(f"unanswered{status}")
    loop = asyncio.get_running_loop()
    with caplog.at_level(logging.WARNING, logger="bot"):
        asked_at = loop.time()
        record = await harness.driver.slash(user, server.dm(user), "estimate", ESTIMATE)
        await wait_logged(caplog, "did not reach Discord", timeout=10)
        gave_up_after = loop.time() - asked_at
        # Past the deadline, and past when discord.py's third try would have gone out.
        await asyncio.sleep(max(0.0, 4.5 - gave_up_after))
        again = await ask(harness, user, "estimate", ESTIMATE)
    assert gave_up_after < 3.0
    assert server.stats.faults_served == 2
    assert record.response_type is None and record.messages() == []
    assert record.rejected_callbacks == [] and server.stats.unknown_interactions == 0
    lines = lines_from_bot(caplog, logging.WARNING)
    assert [r.getMessage() for r in lines] == [
        "the first answer to /estimate did not reach Discord within 2 s; the person sees "
        "that the bot did not respond"
    ]
    assert lines[0].exc_info is None
    answered_once(harness, again)
    assert again.message.components_v2


@pytest.mark.parametrize("status", [429, 500, 502])
async def test_failed_chart_edit_is_retried_and_the_chart_arrives(
    harness: Harness, caplog: pytest.LogCaptureFixture, status: int, charts_follow_in_an_edit: None
) -> None:
    server = harness.server
    server.faults.append(Fault(status, "/messages/@original", method="PATCH", retry_after=0.2))
    user = server.add_user(f"chart{status}")
    with caplog.at_level(logging.DEBUG, logger=WEBHOOK_LOGGER):
        record = await with_chart(await ask(harness, user, "estimate", ESTIMATE))
    assert server.stats.faults_served == 1
    answered_once(harness, record)
    assert record.message.edits == 1 and len(record.message.files) == 1
    assert record.message.media() == ["attachment://band.png"]
    text = "is rate limited" if status == 429 else f"has returned status code {status}"
    assert len(logged(caplog, text)) == 1
    assert errors_logged(caplog) == []


async def test_refused_chart_edit_leaves_the_answer_without_chart(
    harness: Harness, caplog: pytest.LogCaptureFixture, charts_follow_in_an_edit: None
) -> None:
    server = harness.server
    server.faults.append(Fault(403, "/messages/@original", method="PATCH"))
    user = server.add_user("refused")
    with caplog.at_level(logging.WARNING, logger="bot"):
        record = await ask(harness, user, "estimate", ESTIMATE)
        await wait_logged(caplog, "could not add the chart and buttons")
    answered_once(harness, record)
    assert record.message.components_v2 and record.message.files == []
    assert len(logged(caplog, "could not add the chart and buttons")) == 1


async def test_server_error_on_follow_up_is_retried_and_sent_once(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    server = harness.server
    # POST to the interaction webhook is the follow-up; the deferral itself goes through.
    server.faults.append(Fault(502, f"/webhooks/{server.application_id}/", method="POST"))
    user = server.add_user("patient")
    with caplog.at_level(logging.DEBUG, logger=WEBHOOK_LOGGER):
        record = await ask(harness, user, "patient")
    assert server.stats.faults_served == 1
    assert record.followup_ids and len(record.followup_ids) == 1
    assert record.message.content == "worth the wait"
    assert server.stats.double_acknowledgements == 0
    assert len(logged(caplog, "has returned status code 502")) == 1


# ----------------------------------------------------------------- the gateway


async def test_dropped_gateway_resumes_and_answers_what_came_meanwhile_once(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    server = harness.server
    users = [server.add_user(f"waiting{i}") for i in range(3)]
    with caplog.at_level(logging.INFO, logger="discord.gateway"):
        await server.drop_gateway()
        # Sent while the bot is away: Discord keeps them for the RESUME.
        records = [
            await harness.driver.slash(user, server.dm(user), "tips", {"role": "mle", "years": i})
            for i, user in enumerate(users)
        ]
        for record in records:
            await record.wait_settled(timeout=15)
    assert server.stats.resumes == 1 and server.stats.identifies == 1
    for record in records:
        answered_once(harness, record)
        assert record.message.components_v2
    assert len(logged(caplog, "has successfully RESUMED session")) == 1


async def test_session_lost_identifies_again_and_answers_new_interactions_once(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    server = harness.server
    with caplog.at_level(logging.INFO, logger="discord.gateway"):
        await server.drop_gateway(resumable=False)
        await wait_until(lambda: server.stats.identifies == 2)
        user = server.add_user("after")
        record = await ask(harness, user, "tips", {"role": "mle", "years": 5})
    answered_once(harness, record)
    assert server.stats.resumes == 0
    assert len(logged(caplog, "session has been invalidated")) == 1
    assert len(logged(caplog, "has connected to Gateway")) == 1


async def wait_until(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


# ----------------------------------------------------------------- the database

HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("CREATE TABLE IF NOT EXISTS lock_holder (note TEXT)")
connection.execute("INSERT INTO lock_holder VALUES ('held')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


@pytest.mark.sqlite_only
@pytest.mark.parametrize("seconds", [2, 4])
async def test_write_lock_held_by_another_process_is_waited_out(
    harness: Harness, caplog: pytest.LogCaptureFixture, seconds: int
) -> None:
    """Waits past about 1.5 s are deferred, so even a 4 s lock costs no answer."""
    assert harness.bot is not None
    path = Path(harness.bot.config.database_path)
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLD_LOCK, str(path), str(seconds), stdout=asyncio.subprocess.PIPE
    )
    assert holder.stdout is not None
    assert (await holder.stdout.readline()).strip() == b"locked"
    server = harness.server
    saver, asker = server.add_user("saver"), server.add_user("asker")
    with caplog.at_level(logging.WARNING):
        saving = await harness.driver.slash(
            saver, server.dm(saver), "profile set", {"role": "mle", "years": 6}
        )
        asking = await harness.driver.slash(asker, server.dm(asker), "estimate", ESTIMATE)
        for record in (saving, asking):
            await record.wait_settled(timeout=15)
        assert await holder.wait() == 0
    for record in (saving, asking):
        answered_once(harness, record)
        assert "Something went wrong" not in record.message.text()
    # An estimate answers at once (its history is written after); a save that waits defers.
    assert asking.response_type == 4
    assert saving.response_type == 5
    assert server.stats.unknown_interactions == 0
    await asking.wait_for(lambda r: bool(r.message.buttons()), timeout=15)
    assert saving.message.content.startswith("Profile saved.")
    assert asking.message.components_v2
    assert errors_logged(caplog) == []
    # Nothing stored is lost: the bot's writes and the other process's both landed.
    store = harness.bot.store
    profile = await store.profiles.get(saver.id)
    assert profile is not None and profile.role == "ml_engineer" and profile.years == 6
    assert await (await written(harness, asker.id)).history.last(asker.id) is not None
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT note FROM lock_holder").fetchall() == [("held",)]


# ----------------------------------------------------------------- the chart renderer


async def test_chart_renderer_failure_still_answers_without_chart(
    harness: Harness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("the renderer ran out of ink")

    monkeypatch.setattr("bot.render.chart_spec.render_band_chart", broken)
    user = harness.server.add_user("nochart")
    with caplog.at_level(logging.WARNING, logger="bot"):
        record = await ask(harness, user, "estimate", ESTIMATE)
        await wait_logged(caplog, "a chart failed to render")
    answered_once(harness, record)
    message = record.message
    # The buttons came with the answer and stay; only the picture is missing, so nothing
    # is sent again.
    assert message.components_v2 and message.files == [] and message.buttons()
    assert message.edits == 0
    assert message.media() == []
    assert "Something went wrong" not in message.text()
    failures = logged(caplog, "a chart failed to render")
    assert len(failures) == 1 and failures[0].exc_info is not None


# ----------------------------------------------------------------- slow handlers


async def test_handler_past_three_seconds_is_logged_once_and_bot_serves_on(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    server = harness.server
    user = server.add_user("slowpoke")
    with caplog.at_level(logging.WARNING, logger="bot"):
        slow = await harness.driver.slash(user, server.dm(user), "slow")
        await slow.wait_for(lambda r: bool(r.rejected_callbacks), timeout=10)
        await wait_logged(caplog, "took too long to answer")
    assert slow.response_type is None and slow.messages() == []
    assert len(logged(caplog, "took too long to answer")) == 1
    assert errors_logged(caplog) == []


async def test_deferred_slow_answer_arrives_once_after_three_seconds(harness: Harness) -> None:
    user = harness.server.add_user("deferred")
    record = await ask(harness, user, "patient")
    assert record.response_type == 5  # deferred: "is thinking..."
    assert len(record.followup_ids) == 1 and record.message.content == "worth the wait"
    assert record.rejected_callbacks == []
    assert harness.server.stats.unknown_interactions == 0
    assert harness.server.stats.double_acknowledgements == 0
