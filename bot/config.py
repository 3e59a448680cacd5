"""The bot's configuration, from the environment or a `.env` file, validated once at start-up."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from platformdirs import user_data_path
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    pool_key: SecretStr | None = Field(
        default=None, description="Key of the pay pool's keyed hashes; default: a key file"
    )
    # The fewest different people behind a community band; never below five.
    pool_k: int = Field(default=5, ge=5, le=1000)

    @field_validator("discord_token", "dev_guild_id", "pool_key", mode="before")
    @classmethod
    def blank_is_unset(cls, value: object) -> object:
        # `DISCORD_TOKEN=` in a .env file means "no token", not an empty one.
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value


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
