"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME, shards, and drops on demand.

Sharding as Discord does it: each IDENTIFY names [shard_id, shard_count]; a guild's events
go only to shard (guild_id >> 22) % shard_count, DMs to shard 0; shards in one bucket
(shard_id % max_concurrency) may identify once per IDENTIFY_INTERVAL_S. Discord only
recommends a shard count (GET /gateway/bot): it accepts more, and refuses a shard id outside
the count (4010) or fewer shards than a large bot needs (4011, `required_shards` here).
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import orjson
from aiohttp import WSMsgType, web

from bot.emulator.stats import Stats
from bot.emulator.wire import Json, json_text

GATEWAY_PATH = "/gateway"
HEARTBEAT_INTERVAL_MS = 41_250
IDENTIFY_INTERVAL_S = 5.0
# The bot times its wait before sending and the emulator on receipt; a loaded machine can
# shift either by a fraction of a second. A bot that ignores the limit is off by seconds.
IDENTIFY_SLACK_S = 1.0

# Gateway opcodes (API v10).
DISPATCH, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 0, 1, 2, 6, 9, 10, 11
# Close codes for a shard Discord will not accept.
INVALID_SHARD, SHARDING_REQUIRED = 4010, 4011
# Events whose guild is the payload's own id rather than its guild_id.
_GUILD_EVENTS = ("GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE")


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """The shard that receives a guild's events; DMs (no guild) go to shard 0."""
    return 0 if guild_id is None else (guild_id >> 22) % shard_count


def guild_of(event: str, data: Json) -> int | None:
    raw = data.get("id") if event in _GUILD_EVENTS else data.get("guild_id")
    return int(raw) if raw is not None else None


@dataclass
class GatewaySession:
    session_id: str
    shard_id: int = 0
    sequence: int = 0
    socket: web.WebSocketResponse | None = None
    # Events kept for RESUME, as Discord does for a short while after a drop.
    sent: deque[Json] = field(default_factory=lambda: deque(maxlen=5000))
    # False after a drop Discord will not let the bot resume: RESUME gets INVALID_SESSION.
    resumable: bool = True
    # The gateway intents the bot identified with: which events it receives, and how whole.
    intents: int = 0


class Gateway:
    """The bot's gateway connections, one session per shard.

    `ready(session_id, shard_id, shard_count)` builds a READY payload; `guilds()` lists
    every guild, and each shard gets those it owns. `shard_count` is the count Discord
    recommends; the bot's own count, from its IDENTIFYs, routes the events.
    """

    def __init__(
        self,
        *,
        token: str,
        stats: Stats,
        violations: list[str],
        ready: Callable[[str, int, int], Json],
        guilds: Callable[[], Iterable[Json]],
        shard_count: int = 1,
        max_concurrency: int = 1,
    ) -> None:
        self.token = token
        self.stats = stats
        self.violations = violations
        self._ready = ready
        self._guilds = guilds
        self.shard_count = shard_count
        # The fewest shards accepted: Discord requires more once a shard would hold too
        # many guilds (2,500), which no emulated world reaches; a test raises it instead.
        self.required_shards = 1
        self.max_concurrency = max_concurrency
        # The count the bot identified with, once it has.
        self.identified_count: int | None = None
        self.sessions: dict[int, GatewaySession] = {}
        # Set once every shard has identified.
        self.identified = asyncio.Event()
        self._bucket_identified_at: dict[int, float] = {}

    @property
    def active_count(self) -> int:
        """The shards the bot runs: its own count once identified, else the recommended one."""
        return self.identified_count or self.shard_count

    @property
    def session(self) -> GatewaySession | None:
        """Shard 0's session: the only one of an unsharded bot."""
        return self.sessions.get(0)

    def session_for(self, guild_id: int | None) -> GatewaySession | None:
        """The session of the shard that receives events of this guild (or DMs)."""
        return self.sessions.get(shard_of(guild_id, self.shard_count))

    async def dispatch(self, event: str, data: Json) -> None:
        session = self.sessions.get(shard_of(guild_of(event, data), self.active_count))
        if session is None:
            raise RuntimeError("the bot has not connected to the gateway")
        await self._send(session, event, data)

    async def _send(self, session: GatewaySession, event: str, data: Json) -> None:
        session.sequence += 1
        frame = {"op": DISPATCH, "t": event, "s": session.sequence, "d": data}
        session.sent.append(frame)
        socket = session.socket
        if socket is None or socket.closed:
            # Delivered on RESUME, like Discord replays missed events.
            return
        await socket.send_str(json_text(frame))

    async def drop(self, code: int = 4000, *, resumable: bool = True) -> None:
        """Close every shard's connection."""
        for session in self.sessions.values():
            session.resumable = resumable
            if session.socket and not session.socket.closed:
                socket, session.socket = session.socket, None
                await socket.close(code=code)

    async def close(self) -> None:
        for session in self.sessions.values():
            if session.socket and not session.socket.closed:
                await session.socket.close(code=1001)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        socket = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await socket.prepare(request)
        if request.query.get("v") != "10" or request.query.get("encoding") != "json":
            self.violations.append(
                f"gateway opened with {request.query_string!r}: needs v=10&encoding=json"
            )
            await socket.close(code=4012, message=b"Invalid API version")
            return socket
        await socket.send_str(
            json_text({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        )
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                continue
            message = orjson.loads(frame.data)
            op = message.get("op")
            if op == HEARTBEAT:
                await socket.send_str(json_text({"op": HEARTBEAT_ACK}))
            elif op == IDENTIFY:
                await self._identify(socket, message["d"])
            elif op == RESUME:
                await self._resume(socket, message["d"])
        return socket

    async def _identify(self, socket: web.WebSocketResponse, data: Json) -> None:
        if data.get("token") != self.token:
            await socket.close(code=4004, message=b"Authentication failed.")
            return
        shard_id, count = data.get("shard") or [0, 1]
        if not 0 <= shard_id < count:
            self.violations.append(f"IDENTIFY as shard [{shard_id}, {count}]: no such shard")
            await socket.close(code=INVALID_SHARD, message=b"Invalid shard.")
            return
        if count < self.required_shards:
            self.violations.append(
                f"IDENTIFY as shard [{shard_id}, {count}]; this application needs at least "
                f"{self.required_shards} shards"
            )
            await socket.close(code=SHARDING_REQUIRED, message=b"Sharding required.")
            return
        if count != self.identified_count:
            # A bot started with another shard count: the old layout's sessions are gone.
            self.sessions.clear()
            self.identified.clear()
            self.identified_count = count
        self._check_identify_rate(shard_id)
        self.stats.identifies += 1
        session = GatewaySession(
            session_id=secrets.token_hex(16),
            shard_id=shard_id,
            socket=socket,
            intents=int(data.get("intents") or 0),
        )
        self.sessions[shard_id] = session
        await self._send(session, "READY", self._ready(session.session_id, shard_id, count))
        for guild in self._guilds():
            if shard_of(int(guild["id"]), count) == shard_id:
                await self._send(session, "GUILD_CREATE", guild)
        if len(self.sessions) == count:
            self.identified.set()

    async def identify_window(self) -> None:
        """Wait until every bucket may identify again, as a real restart would have."""
        if self._bucket_identified_at:
            latest = max(self._bucket_identified_at.values())
            wait = latest + IDENTIFY_INTERVAL_S - IDENTIFY_SLACK_S - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)

    def _check_identify_rate(self, shard_id: int) -> None:
        bucket = shard_id % self.max_concurrency
        now = time.monotonic()
        last = self._bucket_identified_at.get(bucket)
        if last is not None and now - last < IDENTIFY_INTERVAL_S - IDENTIFY_SLACK_S:
            self.violations.append(
                f"shard {shard_id} identified {now - last:.1f} s after another shard of "
                f"bucket {bucket} (max_concurrency {self.max_concurrency}): Discord allows "
                f"one per {IDENTIFY_INTERVAL_S:.0f} s"
            )
        self._bucket_identified_at[bucket] = now

    async def _resume(self, socket: web.WebSocketResponse, data: Json) -> None:
        session = next(
            (s for s in self.sessions.values() if s.session_id == data.get("session_id")), None
        )
        if session is None or not session.resumable or data.get("token") != self.token:
            await socket.send_str(json_text({"op": INVALID_SESSION, "d": False}))
            return
        self.stats.resumes += 1
        session.socket = socket
        last_seen = int(data.get("seq") or 0)
        for frame in list(session.sent):
            if frame["s"] > last_seen:
                await socket.send_str(json_text(frame))
        await self._send(session, "RESUMED", {})
