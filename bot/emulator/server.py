"""A local Discord: REST and gateway on loopback, played for the real discord.py client.

It keeps just enough state to answer the bot the way Discord would (interactions, the
messages they produced, synced commands) and behaves like Discord where a bot can go wrong:
the 3-second rule, double acknowledgements, rate limits and server errors on demand.
This module composes the parts: gateway.py, routes.py, interactions.py, messages.py, faults.py.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.emulator import payloads
from bot.emulator.channel_messages import ChannelMessages
from bot.emulator.faults import Fault
from bot.emulator.gateway import GATEWAY_PATH, Gateway, GatewaySession, shard_of
from bot.emulator.interactions import RESPONSE_DEADLINE_S, Interactions
from bot.emulator.messages import MessageStore
from bot.emulator.records import InteractionRecord, StoredMessage
from bot.emulator.routes import build_api
from bot.emulator.stats import Stats
from bot.emulator.wire import API_PREFIX, DiscordError, Json, Validator
from bot.emulator.world import EmulatedUser, Place

__all__ = ["EmulatedUser", "EmulatorServer", "Fault", "Place", "Stats", "Validator"]


class EmulatorServer:
    """The whole fake Discord: call `start()`, point discord.py at `api_base`/`gateway_url`."""

    def __init__(
        self,
        *,
        token: str = "emulator-token",
        validator: Validator | None = None,
        response_deadline: float = RESPONSE_DEADLINE_S,
        shard_count: int = 1,
        max_concurrency: int = 16,
    ) -> None:
        self.token = token
        self.validator = validator
        self.ids = payloads.SnowflakeFactory()
        self.application_id = self.ids.next()
        self.bot_user = payloads.user(self.application_id, "ML Salary Bot", bot=True)
        self.owner = payloads.user(self.ids.next(), "owner")
        self.guilds: dict[int, Json] = {}
        self.dm_channels: dict[int, Json] = {}
        self.global_commands: list[Json] = []
        self.guild_commands: dict[int, list[Json]] = {}
        self.command_syncs = 0
        # What people typed in channels, by id: the targets of message commands.
        self.user_messages: dict[int, Json] = {}
        self.faults: list[Fault] = []
        self.violations: list[str] = []
        self.unhandled: list[str] = []
        self.stats = Stats()
        self.port = 0
        self._runner: web.AppRunner | None = None
        self.store = MessageStore(
            ids=self.ids,
            author=self.bot_user,
            application_id=self.application_id,
            base_url=lambda: f"http://127.0.0.1:{self.port}",
        )
        self.messages: dict[int, StoredMessage] = self.store.messages
        self.interaction_state = Interactions(
            store=self.store,
            stats=self.stats,
            violations=self.violations,
            response_deadline=response_deadline,
        )
        self.interactions: dict[int, InteractionRecord] = self.interaction_state.records
        self.gateway = Gateway(
            token=token,
            stats=self.stats,
            violations=self.violations,
            ready=self._ready,
            guilds=self.guilds.values,
            shard_count=shard_count,
            max_concurrency=max_concurrency,
        )
        # What people type in channels and DMs, and the bot's replies there.
        self.channel_messages = ChannelMessages(
            store=self.store,
            gateway=self.gateway,
            bot_user=self.bot_user,
            channel_guild=self.guild_of_channel,
        )

    # ----------------------------------------------------------------- lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        # The request size limit is the main application's: it builds every request.
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        app.add_subapp(API_PREFIX, build_api(self))
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    # ----------------------------------------------------------------- world

    def add_guild(
        self,
        name: str = "ML Careers",
        channel_names: tuple[str, ...] = ("general",),
        *,
        shard: int | None = None,
    ) -> Json:
        """A new guild; with `shard`, one whose id that shard owns."""
        guild_id = self.ids.next()
        while shard is not None and shard_of(guild_id, self.gateway.active_count) != shard:
            guild_id = self.ids.next()
        channels = [
            payloads.text_channel(self.ids.next(), guild_id, channel) for channel in channel_names
        ]
        bot_member = payloads.member(self.bot_user, permissions=0)
        guild = payloads.guild(guild_id, name, int(self.owner["id"]), channels, bot_member)
        self.guilds[guild_id] = guild
        return guild

    def add_user(self, name: str, *, admin: bool = False, locale: str = "en-US") -> EmulatedUser:
        return EmulatedUser(self.ids.next(), name, admin, locale)

    def in_guild(self, guild: Json, channel_index: int = 0) -> Place:
        return Place(
            channel_id=int(guild["channels"][channel_index]["id"]), guild_id=int(guild["id"])
        )

    def dm(self, user: EmulatedUser) -> Place:
        for channel_id, channel in self.dm_channels.items():
            if channel["recipients"][0]["id"] == str(user.id):
                return Place(channel_id=channel_id)
        channel_id = self.ids.next()
        self.dm_channels[channel_id] = payloads.dm_channel(channel_id, user.payload)
        return Place(channel_id=channel_id)

    def post(self, user: EmulatedUser, place: Place, content: str) -> Json:
        """`user` types `content` in `place`: a message the bot can be asked about."""
        message = payloads.user_message(
            message_id=self.ids.next(),
            channel_id=place.channel_id,
            author=user.payload,
            content=content,
            guild_id=place.guild_id,
        )
        self.user_messages[int(message["id"])] = message
        return message

    def guild_of_channel(self, channel_id: int) -> int | None:
        """The guild a channel belongs to, None for a DM; Discord's 404 for an unknown one."""
        if channel_id in self.dm_channels:
            return None
        for guild_id, guild in self.guilds.items():
            if any(channel["id"] == str(channel_id) for channel in guild["channels"]):
                return guild_id
        raise DiscordError(404, 10003, "Unknown Channel")

    def commands_for(self, guild_id: int | None) -> list[Json]:
        """What a user sees in the command picker at that place: guild commands shadow globals."""
        local = self.guild_commands.get(guild_id, []) if guild_id is not None else []
        names = {command["name"] for command in local}
        return local + [command for command in self.global_commands if command["name"] not in names]

    # ----------------------------------------------------------------- gateway

    @property
    def session(self) -> GatewaySession | None:
        return self.gateway.session

    @property
    def shard_count(self) -> int:
        """The shards the bot runs (before it connects, the count Discord recommends)."""
        return self.gateway.active_count

    @property
    def identified(self) -> asyncio.Event:
        return self.gateway.identified

    async def dispatch(self, event: str, data: Json) -> None:
        await self.gateway.dispatch(event, data)

    async def drop_gateway(self, code: int = 4000, *, resumable: bool = True) -> None:
        """Close the bot's gateway connections; discord.py should RESUME and miss nothing.

        With `resumable=False` the session is gone, as after a long outage: the RESUME is
        refused, the bot identifies afresh, and events sent meanwhile are never delivered.
        """
        await self.gateway.drop(code, resumable=resumable)

    def _ready(self, session_id: str, shard_id: int, shard_count: int) -> Json:
        owned = [gid for gid in self.guilds if shard_of(gid, shard_count) == shard_id]
        return {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in owned],
            "session_id": session_id,
            "resume_gateway_url": self.gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }

    # ----------------------------------------------------------------- interactions

    def new_interaction(self, kind: int, payload: Json) -> InteractionRecord:
        return self.interaction_state.new(kind, payload)
