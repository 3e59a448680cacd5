"""The bot token never shows: not in logs (discord.py's own included), answers or the console."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from pathlib import Path

import pytest

from bot.app.config import Config, ConfigError, load_config
from bot.app.logs import RedactFilter, setup_logging
from bot.emulator.server import EmulatorServer
from bot.local.harness import Harness
from tests.conftest import TEST_EXTENSIONS, make_config
from tests.e2e.support import run_console, start_bot_process, stop_process
from tests.support.validation import PayloadValidator

# Shaped like a real token, and unlike anything else the bot could print.
SECRET = "MTE5OTk5OTk5OTk5OTk5OTk5OQ.GsEcRt.s3cr3t-T0KEN-n3v3r-pr1nt-m3"
PIECES = (SECRET, SECRET.split(".")[-1])


def leaks(text: str) -> list[str]:
    return [piece for piece in PIECES if piece in text]


def formatted(record: logging.LogRecord) -> str:
    """The record as any handler would write it, traceback included."""
    return logging.Formatter("%(name)s %(message)s").format(record)


async def test_token_never_in_debug_logs_or_answers(
    tmp_path: Path, validator: PayloadValidator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the root and every discord.* logger
    harness = Harness(
        make_config(tmp_path),
        validator=validator,
        extra_extensions=TEST_EXTENSIONS,
        token=SECRET,
    )
    await harness.start()
    try:
        server, driver = harness.server, harness.driver
        user = server.add_user("curious")
        place = server.dm(user)
        for command, options in [
            ("about", {}),
            ("estimate", {"role": "mle", "years": 3, "location": "london"}),
            ("profile set", {"role": "data scientist"}),
            ("profile export", {}),
            ("boom", {}),  # an error answer, with its id in the log
        ]:
            record = await driver.slash(user, place, command, options)
            await record.wait_settled()
        await driver.autocomplete(user, place, "estimate", {"role": "ml"}, "role")
        # IDENTIFY and RESUME both carry the token over the gateway.
        await server.drop_gateway()
        record = await driver.slash(user, place, "tips", {"role": "mle"})
        await record.wait_settled(timeout=15)
        assert server.stats.resumes == 1
        answers = [message.payload for message in server.messages.values()]
        bodies = [body for message in server.messages.values() for body in message.requests]
    finally:
        await harness.stop()
    assert server.violations == []
    assert any(
        r.name.startswith("discord.gateway") and r.levelno == logging.DEBUG for r in caplog.records
    )
    assert any("error id" in json.dumps(answer) for answer in answers)
    for record in caplog.records:
        assert leaks(formatted(record)) == [], record.name
    assert leaks(json.dumps(answers)) == []
    assert leaks(json.dumps(bodies)) == []


async def test_bot_process_logs_at_debug_without_the_token(tmp_path: Path) -> None:
    """`setup_logging` in a real process, as `python -m bot` runs it, at its most verbose."""
    server = EmulatorServer(token=SECRET)
    await server.start()
    log_path = tmp_path / "bot.log"
    with log_path.open("wb") as log:
        process = await start_bot_process(
            server,
            tmp_path / "bot.sqlite3",
            "DEBUG",
            "--extension",
            "tests.e2e.faulty_cog",
            stdout=log,
            stderr=log,
        )
    try:
        await asyncio.wait_for(server.identified.wait(), timeout=60)
        from bot.emulator.driver import Driver

        driver = Driver(server)
        user = server.add_user("process")
        for command in ("about", "boom"):
            record = await driver.slash(user, server.dm(user), command)
            await record.wait_settled(timeout=15)
        await server.drop_gateway()
        record = await driver.slash(user, server.dm(user), "about")
        await record.wait_settled(timeout=15)
    finally:
        await stop_process(process)
        await server.stop()
    output = log_path.read_text(errors="replace")
    assert "DEBUG" in output and "RESUME" in output and "kaboom" in output
    assert leaks(output) == []
    assert leaks(json.dumps([m.payload for m in server.messages.values()])) == []


def test_redact_filter_hides_the_token_in_messages_arguments_and_tracebacks(
    restore_root_logging: None,
) -> None:
    stream = io.StringIO()
    setup_logging("DEBUG", secret=SECRET, stream=stream)
    log = logging.getLogger("some.library")
    log.debug("connecting with %s", SECRET)
    log.info(f"token={SECRET}")
    try:
        raise RuntimeError(f"refused: Bot {SECRET}")
    except RuntimeError:
        log.exception("request failed")
    output = stream.getvalue()
    assert output.count("[token]") == 3, output
    assert "RuntimeError: refused: Bot [token]" in output
    assert leaks(output) == []


def test_redact_filter_leaves_other_records_alone() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "answered %s in %d ms", ("/about", 3), None
    )
    assert RedactFilter(SECRET).filter(record)
    assert record.getMessage() == "answered /about in 3 ms"


def test_settings_never_show_the_token() -> None:
    settings = Config(discord_token=SECRET, _env_file=None)  # type: ignore[call-arg]
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == SECRET
    for shown in (
        repr(settings),
        str(settings),
        settings.model_dump_json(),
        repr(settings.model_dump()),
    ):
        assert leaks(shown) == [], shown
    with pytest.raises(ConfigError) as caught:
        load_config(discord_token=SECRET, dev_guild_id="not a number", _env_file=None)
    assert "DEV_GUILD_ID" in str(caught.value) and leaks(str(caught.value)) == []


def test_console_never_prints_a_token(tmp_path: Path) -> None:
    done = run_console(
        tmp_path,
        "/about\n/estimate role:mle years:4\n/nosuch\n/profile export\n",
        "console",
        DISCORD_TOKEN=SECRET,
        LOG_LEVEL="DEBUG",
    )
    assert done.returncode == 0, done.stderr
    assert "== ML Salary Bot ==" in done.stdout
    output = done.stdout + done.stderr
    assert leaks(output) == []
    # Nor the console's own emulator token.
    assert "emulator-token" not in output


def test_configuration_error_with_a_token_set_does_not_print_it(tmp_path: Path) -> None:
    done = run_console(tmp_path, "", "run", DISCORD_TOKEN=SECRET, DEV_GUILD_ID="abc")
    assert done.returncode == 2
    assert "DEV_GUILD_ID" in done.stderr
    assert leaks(done.stdout + done.stderr) == []
