"""The bot's configuration, from the environment or a `.env` file, validated once at start-up."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

from platformdirs import user_data_path
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from db.postgres.url import problem as url_problem

APP_NAME = "ml-salary-bot"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def default_database_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "salary.sqlite3"


class Config(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    discord_token: SecretStr | None = Field(
        default=None, description="Bot token; none runs the local console"
    )
    database_path: Path = Field(default_factory=default_database_path)
    dev_guild_id: int | None = Field(
        default=None, gt=0, description="Sync commands to this guild only"
    )
    log_level: LogLevel = "INFO"
    chart_workers: int = Field(
        default=2, ge=0, le=16, description="Processes drawing charts; 0 draws in a thread"
    )
    # PostgreSQL instead of the SQLite file: needed when several processes serve the bot.
    database_url: SecretStr | None = Field(
        default=None, description="postgresql://user:password@host:port/dbname"
    )
    # Sharding: SHARD_COUNT shards in all, this process running SHARD_IDS (e.g. "0,1").
    # Unset, discord.py asks Discord for the recommended count and runs every shard.
    shard_count: int | None = Field(default=None, ge=1, le=10_000)
    shard_ids: Annotated[list[int] | None, NoDecode] = None

    pool_key: SecretStr | None = Field(
        default=None, description="Key of the pay pool's keyed hashes; default: a key file"
    )
    # The fewest different people behind a community band; never below five.
    pool_k: int = Field(default=5, ge=5, le=1000)

    @field_validator(
        "discord_token",
        "dev_guild_id",
        "database_url",
        "shard_count",
        "shard_ids",
        "pool_key",
        mode="before",
    )
    @classmethod
    def blank_is_unset(cls, value: object) -> object:
        # `DISCORD_TOKEN=` in a .env file means "no token", not an empty one.
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("database_url", mode="after")
    @classmethod
    def postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        # The message never quotes the URL: it may hold the password.
        if value is not None and (reason := url_problem(value.get_secret_value())):
            raise ValueError(reason)
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",")]
            if not all(part.isdigit() for part in parts):
                raise ValueError("must be shard numbers separated by commas, e.g. 0,1")
            return [int(part) for part in parts]
        return value

    @field_validator("shard_ids", mode="after")
    @classmethod
    def shards_fit(cls, value: list[int] | None, info: ValidationInfo) -> list[int] | None:
        if value is None:
            return value
        count = info.data.get("shard_count")
        if count is None:
            raise ValueError("needs SHARD_COUNT as well")
        if not value or len(set(value)) != len(value):
            raise ValueError("must list each shard once")
        if max(value) >= count:
            raise ValueError(f"must be below SHARD_COUNT ({count})")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    def store_target(self) -> str | Path:
        """Where the store lives: the PostgreSQL URL if one is set, else the SQLite file."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return self.database_path


class ConfigError(Exception):
    """A setting has a wrong value; the message names it in one line."""


def describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "settings"
        problems.append(f"{name}: {item['msg']}")
    return "configuration error: " + "; ".join(problems)


def load_config(**overrides: object) -> Config:
    try:
        return Config(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(describe(error)) from None


def load_config_or_exit(**overrides: object) -> Config:
    """For the command line: one clear line and exit status 2 instead of a traceback."""
    try:
        return load_config(**overrides)
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        raise SystemExit(2) from None
