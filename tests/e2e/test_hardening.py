"""Bad luck and bad input, end to end: errors reveal nothing, the bot degrades instead of
stopping, and every interaction gets a private answer."""

from __future__ import annotations

import asyncio
import io
import logging
import re
from pathlib import Path

import pytest

from bot.app.config import Config
from bot.app.logs import setup_logging
from bot.app.unhandled import EXPIRED
from bot.emulator.driver import APPLICATION_COMMAND, MESSAGE_COMPONENT, MODAL_SUBMIT
from bot.emulator.records import InteractionRecord
from bot.local.harness import Harness
from bot.ui.answers import STALE
from bot.ui.base import UNREADABLE
from db.errors import DiskFullError
from db.models import ProfileUpdate
from db.standby import StandbyBackend
from db.store import Store
from tests.conftest import TEST_EXTENSIONS, make_config
from tests.e2e.support import bot_of, place_for, run
from tests.support.validation import PayloadValidator

ESTIMATE = {"role": "mle", "years": 4, "location": "seattle"}
ERROR_ID = re.compile(r"error id `([0-9a-f]{8})`")


def logged(caplog: pytest.LogCaptureFixture, text: str, level: int = 0) -> list[str]:
    return [r.getMessage() for r in caplog.records if text in r.getMessage() and r.levelno >= level]


def no_failure(record: InteractionRecord) -> None:
    assert record.rejected_callbacks == []
    assert "Something went wrong" not in record.message.text()


# ----------------------------------------------------------------- 1. store errors


@pytest.mark.sqlite_only
async def test_store_error_shows_a_sentence_and_an_id_and_logs_the_path(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    store = bot_of(harness).store
    backend = store.backend
    assert isinstance(backend, StandbyBackend) and backend.live is not None
    path = str(bot_of(harness).config.database_path)
    await backend.live.set_page_limit(1)  # type: ignore[attr-defined]  # a full disk
    with pytest.raises(DiskFullError):  # fill the disk up to the limit
        for n in range(5000):
            await store.history.add(n, {"pad": "x" * 2000}, {"n": n})
    with pytest.raises(DiskFullError):  # and the last free bytes of the profiles' pages
        for n in range(100_000):
            await store.profiles.upsert(n, ProfileUpdate(role="ml_engineer"))
    user = harness.server.add_user("unlucky")
    with caplog.at_level(logging.WARNING):
        record = await run(harness, user, harness.server.dm(user), "profile set", {"role": "mle"})
    text = record.message.content
    assert record.message.ephemeral
    assert text.startswith("The bot's storage is full, so this change was not saved."), text
    assert path not in text and "sqlite" not in text.lower() and "full (" not in text
    assert "Nothing you saved was changed" not in text
    found = ERROR_ID.search(text)
    assert found, text
    (line,) = logged(caplog, found.group(1))
    assert path in line, "the log names the file"
    await backend.live.set_page_limit(1_000_000)  # type: ignore[attr-defined]
    assert store.available, "a full disk is an error of one write, not an outage"


# ----------------------------------------------------------------- 2. degraded mode


def standby_harness(tmp_path: Path, validator: PayloadValidator, database: Path) -> Harness:
    config = Config(database_path=database, _env_file=None)  # type: ignore[call-arg]
    return Harness(config, validator=validator, extra_extensions=TEST_EXTENSIONS, store_retry_s=0.2)


async def test_unwritable_store_starts_degraded_and_writes_come_back(
    tmp_path: Path, validator: PayloadValidator, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("the database's folder cannot be made here")
    harness = standby_harness(tmp_path, validator, blocker / "bot.sqlite3")
    with caplog.at_level(logging.INFO):
        await harness.start()
        try:
            server, bot = harness.server, bot_of(harness)
            assert not bot.store.available
            user = server.add_user("patient")
            place = server.dm(user)
            estimate = await run(harness, user, place, "estimate", ESTIMATE)
            assert (
                estimate.message.components_v2
                and "Something went wrong" not in estimate.message.text()
            )
            for command, options in [
                ("compare roles", {"role": "mle"}),
                ("compare locations", {"places": "london, berlin"}),
                ("tips", {"role": "mle", "years": 2}),
            ]:
                answered = await run(harness, user, place, command, options)
                no_failure(answered)
                assert answered.message.components_v2, command
            saving = await run(harness, user, place, "profile set", {"role": "mle"})
            assert saving.message.content.startswith("Saving is unavailable right now")
            assert saving.message.ephemeral
            shown = await run(harness, user, place, "profile show")
            assert "cannot be read right now" in shown.message.content
            listed = await run(harness, user, place, "history")
            assert "cannot be read right now" in listed.message.content
            # Why, once, with where: the path is in the log only.
            (reason,) = logged(caplog, "storage unavailable", logging.WARNING)
            assert str(blocker) in reason
            assert str(blocker) not in saving.message.text()

            blocker.unlink()  # the folder can be made now
            await asyncio.wait_for(bot.store.backend.back.wait(), timeout=10)  # type: ignore[attr-defined]
            saved = await run(harness, user, place, "profile set", {"role": "mle"})
            assert saved.message.content.startswith("Profile saved.")
            profile = await bot.store.profiles.get(user.id)
            assert profile is not None and profile.role == "ml_engineer"
            assert logged(caplog, "storage is back")
            assert len(logged(caplog, "storage unavailable", logging.WARNING)) == 1
        finally:
            await harness.stop()
    assert harness.server.violations == []
    assert not logged(caplog, "Traceback") and not logged(caplog, "", logging.ERROR)


async def test_store_lost_mid_run_degrades_then_reopens(
    tmp_path: Path, validator: PayloadValidator, caplog: pytest.LogCaptureFixture
) -> None:
    harness = standby_harness(tmp_path, validator, tmp_path / "bot.sqlite3")
    await harness.start()
    try:
        server, bot = harness.server, bot_of(harness)
        standby = bot.store.backend
        assert isinstance(standby, StandbyBackend) and standby.live is not None
        user = server.add_user("unlucky")
        place = server.dm(user)
        await run(harness, user, place, "profile set", {"role": "mle"})
        with caplog.at_level(logging.INFO):
            # The engine goes away underneath the bot (a server restart, a lost connection).
            await standby.live.close()
            first = await run(harness, user, place, "profile set", {"years": 3})
            assert ERROR_ID.search(first.message.content), first.message.content
            assert not standby.available
            answered = await run(harness, user, place, "estimate", ESTIMATE)
            no_failure(answered)
            await asyncio.wait_for(standby.back.wait(), timeout=10)
            again = await run(harness, user, place, "profile set", {"years": 3})
            assert again.message.content.startswith("Profile saved.")
        profile = await bot.store.profiles.get(user.id)
        assert profile is not None and (profile.role, profile.years) == ("ml_engineer", 3)
        assert len(logged(caplog, "storage unavailable", logging.WARNING)) == 1
    finally:
        await harness.stop()


# ----------------------------------------------------------------- 3. stale commands


async def test_stale_command_is_answered_and_triggers_a_sync(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    server = harness.server
    syncs = server.command_syncs
    server.global_commands.append(
        {"id": str(server.ids.next()), "name": "oldcmd", "type": 1, "description": "gone"}
    )
    user = server.add_user("behind")
    with caplog.at_level(logging.WARNING):
        record = await run(harness, user, server.dm(user), "oldcmd")
        # A subcommand the bot no longer has.
        data = harness.driver.command_data(server.dm(user), "profile show", {})
        data["options"][0]["name"] = "oldsub"
        sub = await harness.driver.send_raw(APPLICATION_COMMAND, user, server.dm(user), data)
        await sub.wait_settled()
        for answered in (record, sub):
            assert answered.message.ephemeral
            assert answered.message.content.startswith(
                "This command is out of date; it will update shortly"
            )
        for _ in range(200):
            if server.command_syncs > syncs:
                break
            await asyncio.sleep(0.05)
    assert server.command_syncs == syncs + 1, "one re-sync for both"
    assert "oldcmd" not in {c["name"] for c in server.global_commands}
    assert len(logged(caplog, "stale command", logging.WARNING)) == 2
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


# ----------------------------------------------------------------- 4. secrets in logs


@pytest.fixture
def log_stream(restore_root_logging: None) -> io.StringIO:
    return io.StringIO()


async def test_interaction_tokens_never_reach_the_log_even_at_debug(
    tmp_path: Path,
    validator: PayloadValidator,
    log_stream: io.StringIO,
    charts_follow_in_an_edit: None,  # the chart's edit goes to the interaction's webhook
) -> None:
    setup_logging("DEBUG", secret="emulator-token", stream=log_stream)
    async with Harness(make_config(tmp_path), validator=validator) as harness:
        user = harness.server.add_user("watched")
        place = harness.server.dm(user)
        records = [
            await run(harness, user, place, "estimate", ESTIMATE),
            await run(harness, user, place, "profile set", {"skills": "zebrafishing"}),
        ]
    output = log_stream.getvalue()
    assert "INTERACTION_CREATE" in output and "/webhooks/" in output, "DEBUG was on"
    for record in records:
        assert record.token not in output
    assert f"/webhooks/{harness.server.application_id}/[token]" in output


async def test_option_values_stay_out_of_the_log_above_debug(
    tmp_path: Path, validator: PayloadValidator, log_stream: io.StringIO
) -> None:
    setup_logging("INFO", stream=log_stream)
    async with Harness(
        make_config(tmp_path), validator=validator, extra_extensions=TEST_EXTENSIONS
    ) as harness:
        user = harness.server.add_user("quiet")
        place = harness.server.dm(user)
        await run(harness, user, place, "profile set", {"skills": "zebrafishing"})
        await run(harness, user, place, "estimate", {"location": "zebraville"})
        await run(harness, user, place, "boom")
    output = log_stream.getvalue()
    assert "kaboom" in output, "the error was logged"
    assert "zebra" not in output


# ----------------------------------------------------------------- 5. crafted ids


async def test_crafted_button_and_select_ids_get_a_stale_answer(harness: Harness) -> None:
    user = harness.server.add_user("crafty")
    place = harness.server.dm(user)
    answer = await run(harness, user, place, "estimate", ESTIMATE)
    await answer.wait_for(lambda r: bool(r.message.buttons()), timeout=10)
    button = next(b for b in answer.message.buttons() if b["label"] == "Tips for me")
    for crafted in (f"ans:tips:{user.id}:{'9' * 20}", f"ans:tips:{'1' * 20}:1"):
        button["custom_id"] = crafted
        pressed = await harness.driver.press(user, answer.message, "Tips for me")
        await pressed.wait_settled()
        assert pressed.message.ephemeral and pressed.message.content == UNREADABLE
    listed = await run(harness, user, place, "history")
    (menu,) = listed.message.selects()
    for value in ("²", "9" * 20, "٣"):
        menu["options"][0]["value"] = value
        picked = await harness.driver.select(user, listed.message, [value])
        await picked.wait_settled()
        assert picked.message.ephemeral and picked.message.content == STALE


# ----------------------------------------------------------------- 6. no repr in replies


async def test_unusable_channel_is_named_without_a_repr(harness: Harness) -> None:
    server = harness.server
    admin = server.add_user("admin", admin=True)
    place = await place_for(harness, admin, "guild")
    channel_id = server.guilds[place.guild_id or 0]["channels"][0]["id"]
    data = harness.driver.command_data(place, "settings", {"career_channel": channel_id})
    data.pop("resolved")  # a channel Discord could not resolve reaches discord.py as Object
    record = await harness.driver.send_raw(APPLICATION_COMMAND, admin, place, data)
    await record.wait_settled()
    text = record.message.content
    assert record.message.ephemeral
    assert text == "I could not use that channel there.", text
    assert "<" not in text and "Object" not in text


# ----------------------------------------------------------------- 7. components without handler


async def test_delete_confirmation_survives_a_restart(harness: Harness) -> None:
    user = harness.server.add_user("decided")
    place = harness.server.dm(user)
    await run(harness, user, place, "profile set", {"role": "mle"})
    asked = await run(harness, user, place, "profile delete")
    await harness.restart()
    pressed = await harness.driver.press(user, asked.message, "Delete everything")
    await pressed.wait_settled()
    assert pressed.message.content.startswith("Deleted everything stored about you")
    assert await bot_of(harness).store.profiles.get(user.id) is None


async def test_someone_elses_delete_button_is_refused_privately(harness: Harness) -> None:
    server = harness.server
    owner, other = server.add_user("owner"), server.add_user("other")
    place = await place_for(harness, owner, "guild")
    await run(harness, owner, place, "profile set", {"role": "mle"})
    asked = await run(harness, owner, place, "profile delete")
    pressed = await harness.driver.press(other, asked.message, "Delete everything")
    await pressed.wait_settled()
    assert pressed.message.ephemeral and "someone else" in pressed.message.content
    assert await bot_of(harness).store.profiles.get(owner.id) is not None


async def test_garbage_component_and_unknown_modal_get_a_private_answer(
    harness: Harness,
) -> None:
    user = harness.server.add_user("lost")
    place = harness.server.dm(user)
    asked = await run(harness, user, place, "profile delete")
    asked.message.buttons()[1]["custom_id"] = "zzz:not-ours"
    pressed = await harness.driver.press(user, asked.message, "zzz:not-ours")
    await pressed.wait_settled()
    assert pressed.message.ephemeral and pressed.message.content == EXPIRED
    opened = await run(harness, user, place, "profile set")
    await harness.restart()  # the form's handler lived in the old process
    submitted = await harness.driver.submit_modal(
        user, place, opened.modal, {"Role": "Machine Learning Engineer"}
    )
    await submitted.wait_settled()
    assert submitted.message.ephemeral and submitted.message.content == EXPIRED
    assert await bot_of(harness).store.profiles.get(user.id) is None


# ----------------------------------------------------------------- 8. empty modal


async def test_modal_submitted_without_fields_changes_nothing(harness: Harness) -> None:
    user = harness.server.add_user("keeper")
    place = harness.server.dm(user)
    await run(harness, user, place, "profile set", {"role": "mle", "years": 4, "skills": "sql"})
    opened = await run(harness, user, place, "profile set")
    data = {"custom_id": opened.modal["custom_id"], "components": []}
    submitted = await harness.driver.send_raw(MODAL_SUBMIT, user, place, data)
    await submitted.wait_settled()
    assert submitted.message.ephemeral and "unchanged" in submitted.message.content
    profile = await bot_of(harness).store.profiles.get(user.id)
    assert profile is not None and (profile.role, profile.years) == ("ml_engineer", 4)
    assert profile.skills == ("sql",)


# ----------------------------------------------------------------- 9. malformed events


async def test_malformed_gateway_events_are_dropped_and_the_bot_serves_on(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    server = harness.server
    user = server.add_user("fuzzer")
    place = server.dm(user)
    asked = await run(harness, user, place, "profile delete")
    driver = harness.driver
    with caplog.at_level(logging.ERROR, logger="bot"):
        for kind, data, message in [
            (MESSAGE_COMPONENT, {"component_type": 2}, asked.message),  # no custom_id
            (MODAL_SUBMIT, {"custom_id": "x"}, None),  # no components
        ]:
            payload = driver.payload_for(user, place, data, message)
            server.new_interaction(kind, payload)
            await server.dispatch("INTERACTION_CREATE", payload)
        about = await run(harness, user, place, "about")
    assert about.message.embed["title"] == "ML Salary Bot"
    assert len(logged(caplog, "dropped a malformed INTERACTION_CREATE event")) == 2
    assert server.stats.identifies == 1, "the connection was never lost"
    bot = bot_of(harness)
    assert not bot.is_closed()
    assert isinstance(bot.store, Store)
