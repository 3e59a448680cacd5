"""The bot: opens the store, loads the salary model and every cog, answers errors in one place."""

from __future__ import annotations

import asyncio
import importlib
import logging
import pkgutil
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.config import Config
from bot.errors import report_error
from bot.limits import PER, RATE
from bot.salary.model import SalaryModel, get_model
from bot.shared_budget import DatabaseBudget
from bot.sync import sync_if_changed
from bot.views import DYNAMIC_ITEMS
from db.store import Store

log = logging.getLogger(__name__)

# Every command is usable in servers, in the bot's DMs and in group DMs (as a user-installed app).
EVERYWHERE = app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True)
ANY_INSTALL = app_commands.AppInstallationType(guild=True, user=True)


# Discord lets `max_concurrency` shards identify per this many seconds (one per bucket).
IDENTIFY_INTERVAL_S = 5.0

# The bot never joins voice: skip discord.py's start-up warnings about voice libraries.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


def bot_intents() -> discord.Intents:
    """Slash commands need no privileged intents; guilds keeps server and channel state."""
    intents = discord.Intents.none()
    intents.guilds = True
    return intents


class SalaryTree(app_commands.CommandTree["SalaryBot"]):
    async def on_error(
        self, interaction: discord.Interaction[SalaryBot], error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)


def extension_names() -> list[str]:
    """Every module in the cogs package that defines `setup`: adding a file adds a cog."""
    names = []
    for module in pkgutil.iter_modules(cogs.__path__):
        if module.name.startswith("_"):
            continue
        name = f"{cogs.__name__}.{module.name}"
        if not hasattr(importlib.import_module(name), "setup"):
            # A cog that silently never loads is worse than a bot that refuses to start.
            raise RuntimeError(
                f"{name} defines no setup(bot); name it _{module.name} if it is no cog"
            )
        names.append(name)
    return sorted(names)


class SalaryBot(commands.AutoShardedBot):
    """Sharded always: one process may run every shard (the default) or SHARD_IDS of them."""

    store: Store
    model: SalaryModel

    def __init__(
        self,
        config: Config,
        *,
        auto_sync: bool = True,
        extra_extensions: tuple[str, ...] = (),
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=bot_intents(),
            help_command=None,
            tree_cls=SalaryTree,
            allowed_contexts=EVERYWHERE,
            allowed_installs=ANY_INSTALL,
            # Nothing the bot sends may ping anyone, even when it echoes what a user typed.
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=config.shard_count,
            **options,
        )
        # Set after the fact: AutoShardedBot's signature takes no None for "every shard".
        self.shard_ids = config.shard_ids
        self.config = config
        self.auto_sync = auto_sync
        self.extra_extensions = extra_extensions
        self._max_concurrency: int | None = None
        self._identified_at: dict[int, float] = {}

    async def open_store(self) -> None:
        """Open the store now (once): a start-up can then fail on it before logging in."""
        if getattr(self, "store", None) is None:
            self.store = await Store.open(self.config.store_target())

    async def setup_hook(self) -> None:
        await self.open_store()
        if self.config.database_url is not None:
            # Several processes may serve one person: their budget lives in the database.
            self.budget = DatabaseBudget(self.store, capacity=RATE, refill_per_s=RATE / PER)
        self.model = get_model()
        for name in (*extension_names(), *self.extra_extensions):
            await self.load_extension(name)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        if self.auto_sync:
            await sync_if_changed(self, self.config.dev_guild_id)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Identify shards as fast as Discord allows: per bucket, not 5 s before every one.

        Shards whose ids agree modulo max_concurrency share a bucket, and a bucket may
        start one session per IDENTIFY_INTERVAL_S (discord.py waits that long for every
        shard but the first, whatever max_concurrency says).
        """
        if shard_id is None:
            await super().before_identify_hook(shard_id, initial=initial)
            return
        if self._max_concurrency is None:
            try:
                limits = await self.fetch_session_start_limits()
                self._max_concurrency = max(1, limits.max_concurrency)
            except discord.HTTPException:
                self._max_concurrency = 1
        bucket = shard_id % self._max_concurrency
        loop = asyncio.get_running_loop()
        last = self._identified_at.get(bucket)
        if last is not None and (wait := last + IDENTIFY_INTERVAL_S - loop.time()) > 0:
            await asyncio.sleep(wait)
        self._identified_at[bucket] = loop.time()

    async def close(self) -> None:
        await super().close()
        store = getattr(self, "store", None)
        if store is not None:
            await store.close()
