"""The bot: opens the store, loads the salary model and every cog, answers errors in one place."""

from __future__ import annotations

import asyncio
import importlib
import logging
import pkgutil
from collections.abc import Coroutine
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.app.admission import AdmissionGate
from bot.app.config import Config
from bot.app.gateway_guard import guard_parsers
from bot.app.gc_tuning import settle_after_start_up
from bot.app.interaction_locale import parse_in_readers_locale
from bot.app.sync import STALE_COMMAND_ERRORS, SYNC_RETRY_S, answer_stale_command, sync_at_start
from bot.app.unhandled import answer_expired, unhandled
from bot.flows.budget import BURST, REFILL_EVERY_S, Budget, DatabaseBudget, TokenBuckets
from bot.flows.errors import report_error
from bot.flows.reader_locale import ReaderLocales
from bot.flows.reply import ChartOffer
from bot.render.chart_workers import ChartRenderer
from bot.render.words import load_catalogs
from bot.salary.model import SalaryModel, get_model
from bot.ui.answers import offer_chart
from bot.ui.persistent import DYNAMIC_ITEMS
from bot.ui.translator import CatalogTranslator
from db.postgres import is_database_url
from db.pseudonym import key_path_for
from db.standby import RETRY_EVERY_S
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
    """No privileged intent: guilds keeps server and channel state; guild and DM messages
    bring the questions people type. Without Message Content, Discord sends the text only
    of DMs to the bot and of messages that mention it, the only ones the bot reads.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    return intents


class SalaryTree(app_commands.CommandTree["SalaryBot"]):
    async def on_error(
        self, interaction: discord.Interaction[SalaryBot], error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, STALE_COMMAND_ERRORS):
            await answer_stale_command(interaction, error)
            return
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


HTTP_CONNECTIONS = 100  # to Discord's API at once; more requests wait for a free one


class SalaryBot(commands.AutoShardedBot):
    """Sharded always: one process may run every shard (the default) or SHARD_IDS of them."""

    store: Store
    model: SalaryModel
    charts: ChartRenderer
    offer_chart: ChartOffer = staticmethod(offer_chart)

    def __init__(
        self,
        config: Config,
        *,
        auto_sync: bool = True,
        budget: Budget | None = None,
        extra_extensions: tuple[str, ...] = (),
        store_retry_s: float = RETRY_EVERY_S,
        sync_retry_s: float = SYNC_RETRY_S,
        settle_collector: bool = False,
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
            # Messages are answered as they come and never looked up again: none is kept.
            max_messages=None,
            **options,
        )
        # Set after the fact: AutoShardedBot's signature takes no None for "every shard".
        self.shard_ids = config.shard_ids
        self.config = config
        self.auto_sync = auto_sync
        self.budget: Budget = budget if budget is not None else TokenBuckets()
        self.extra_extensions = extra_extensions
        self.store_retry_s = store_retry_s
        self.sync_retry_s = sync_retry_s
        # The start-up sync, while it runs or retries in the background.
        self.syncing: asyncio.Task[None] | None = None
        # Only the bot's own process tunes the collector (bot/app/gc_tuning.py), never a test's.
        self.settle_collector = settle_collector
        self.last_stale_resync: float | None = None
        # Charts, history and buttons wait while other people wait for a first answer.
        self.admission = AdmissionGate()
        # Fire-and-forget work, held here so the event loop's weak references keep it alive.
        self.background_tasks: set[asyncio.Task[Any]] = set()
        # One malformed gateway event is logged and dropped instead of stopping the bot.
        guard_parsers(self._connection.parsers)
        # Each interaction's work, its checks and its errors speak the member's language; it
        # is remembered for the messages they type, which carry no locale.
        self.reader_locales = ReaderLocales()
        parse_in_readers_locale(self._connection.parsers, self.reader_locales.remember_interaction)

        self._max_concurrency: int | None = None
        self._identified_at: dict[int, float] = {}

    async def open_store(self) -> None:
        """Open the store now (once): a start-up can then fail on it before logging in.

        A SQLite file that cannot be written (read-only, a failing disk) does not stop the
        bot: it answers without saving and reopens the file in the background. A PostgreSQL
        server that cannot be reached or refuses the login stops the start (exit 2); once
        running, the PostgreSQL backend reconnects by itself.
        """
        if getattr(self, "store", None) is not None:
            return
        target = self.config.store_target()
        secret = self.config.pool_key
        pool_key = secret.get_secret_value().encode() if secret else None
        if is_database_url(target):
            self.store = await Store.open(
                target, pool_key=pool_key, pool_key_file=key_path_for(self.config.database_path)
            )
        else:
            self.store = await Store.open_standby(
                target, retry_every=self.store_retry_s, pool_key=pool_key
            )

    async def login(self, token: str) -> None:
        # A bounded pool of kept-alive connections: discord.py's default has no limit and
        # opens a new connection for every request in flight, which under a burst of 2,000
        # interactions cost more than the answers themselves.
        if self.http.connector is discord.utils.MISSING:
            self.http.connector = aiohttp.TCPConnector(limit=HTTP_CONNECTIONS)
        await super().login(token)

    async def setup_hook(self) -> None:
        await self.open_store()
        if self.config.database_url is not None:
            # Several processes may serve one person: their budget lives in the database.
            self.budget = DatabaseBudget(
                self.store, capacity=BURST, refill_per_s=1 / REFILL_EVERY_S
            )
        self.model = get_model()
        load_catalogs()  # a catalog missing from the install stops the start, not an answer
        await self.tree.set_translator(CatalogTranslator())
        self.charts = ChartRenderer(self.config.chart_workers)
        await self.charts.start()
        for name in (*extension_names(), *self.extra_extensions):
            await self.load_extension(name)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        if self.auto_sync:
            self.syncing = await sync_at_start(self, self.config.dev_guild_id)
        if self.settle_collector:
            settle_after_start_up()

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: the ask cog reads the messages meant for the bot."""

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        # "interaction" is dispatched right after discord.py routed it to views and modals:
        # checked now, before any of them runs, the answer is exact.
        if event_name == "interaction":
            self.admission.arrived(args[0])
            if unhandled(self, args[0]):
                self.run_in_background(answer_expired(args[0]))
        super().dispatch(event_name, *args, **kwargs)

    def run_in_background(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self.background_tasks.add(task)
        task.add_done_callback(self.background_tasks.discard)

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
        if self.syncing is not None:
            self.syncing.cancel()
        self.admission.close()
        await super().close()
        charts = getattr(self, "charts", None)
        if charts is not None:
            await charts.close()
        store = getattr(self, "store", None)
        if store is not None:
            await store.close()
