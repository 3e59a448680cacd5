"""Config: defaults, environment, and one clear line for a wrong value."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.config import Config, ConfigError, default_database_path, load_config

REPO = Path(__file__).resolve().parents[2]


def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "DISCORD_TOKEN",
        "DATABASE_PATH",
        "DEV_GUILD_ID",
        "LOG_LEVEL",
        "DATABASE_URL",
        "SHARD_COUNT",
        "SHARD_IDS",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_without_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clean_env(monkeypatch)
    monkeypatch.chdir(tmp_path)  # no .env here
    settings = load_config()
    assert settings.discord_token is None
    assert settings.database_path == default_database_path()
    assert settings.dev_guild_id is None
    assert settings.log_level == "INFO"


def test_environment_and_dotenv_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clean_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("DEV_GUILD_ID=1234\nLOG_LEVEL=debug\n")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "x.sqlite3"))
    settings = load_config()
    assert settings.dev_guild_id == 1234
    assert settings.log_level == "DEBUG"
    assert settings.database_path == tmp_path / "x.sqlite3"


def test_token_is_secret_in_every_representation(monkeypatch: pytest.MonkeyPatch) -> None:
    clean_env(monkeypatch)
    settings = Config(discord_token="abc.def.secret", _env_file=None)  # type: ignore[call-arg]
    for shown in (repr(settings), str(settings), settings.model_dump_json()):
        assert "secret" not in shown
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "abc.def.secret"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEV_GUILD_ID", "not-a-number"),
        ("LOG_LEVEL", "LOUD"),
        ("DATABASE_URL", "mysql://bot:pw@db/salary"),
        ("SHARD_COUNT", "0"),
        ("SHARD_IDS", "0;1"),
    ],
)
def test_wrong_value_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    clean_env(monkeypatch)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_config(_env_file=None)
    assert str(caught.value).startswith("configuration error: " + name)
    assert "\n" not in str(caught.value)


def test_command_line_exits_2_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DEV_GUILD_ID")}
    env["LOG_LEVEL"] = "LOUD"
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "LOG_LEVEL" in done.stderr and "Traceback" not in done.stderr


def test_sharding_and_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    clean_env(monkeypatch)
    monkeypatch.setenv("SHARD_COUNT", "4")
    monkeypatch.setenv("SHARD_IDS", "2, 3")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:pa55word@db.internal:5432/salary")
    settings = load_config(_env_file=None)
    assert (settings.shard_count, settings.shard_ids) == (4, [2, 3])
    assert settings.store_target() == "postgresql://bot:pa55word@db.internal:5432/salary"
    for shown in (repr(settings), str(settings), settings.model_dump_json()):
        assert "pa55word" not in shown


@pytest.mark.parametrize(
    ("count", "ids", "complaint"),
    [
        (None, "0", "needs SHARD_COUNT"),
        ("2", "0,2", "below SHARD_COUNT (2)"),
        ("2", "1,1", "each shard once"),
    ],
)
def test_shard_ids_must_fit_the_count(
    monkeypatch: pytest.MonkeyPatch, count: str | None, ids: str, complaint: str
) -> None:
    clean_env(monkeypatch)
    if count is not None:
        monkeypatch.setenv("SHARD_COUNT", count)
    monkeypatch.setenv("SHARD_IDS", ids)
    with pytest.raises(ConfigError) as caught:
        load_config(_env_file=None)
    assert str(caught.value).startswith("configuration error: SHARD_IDS")
    assert complaint in str(caught.value)


def test_a_wrong_database_url_never_shows_its_password(monkeypatch: pytest.MonkeyPatch) -> None:
    clean_env(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:pa55word@db:notaport/salary")
    with pytest.raises(ConfigError) as caught:
        load_config(_env_file=None)
    assert "DATABASE_URL" in str(caught.value) and "pa55word" not in str(caught.value)
