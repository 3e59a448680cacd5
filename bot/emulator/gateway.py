"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME, and drops on demand."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

from bot.emulator.stats import Stats
from bot.emulator.wire import Json

GATEWAY_PATH = "/gateway"
HEARTBEAT_INTERVAL_MS = 41_250

# Gateway opcodes (API v10).
DISPATCH, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 0, 1, 2, 6, 9, 10, 11


@dataclass
class GatewaySession:
    session_id: str
    sequence: int = 0
    socket: web.WebSocketResponse | None = None
    # Events kept for RESUME, as Discord does for a short while after a drop.
    sent: deque[Json] = field(default_factory=lambda: deque(maxlen=5000))
    # False after a drop Discord will not let the bot resume: RESUME gets INVALID_SESSION.
    resumable: bool = True


class Gateway:
    """One bot's gateway connection; `ready` builds the READY payload for a new session."""

    def __init__(
        self,
        *,
        token: str,
        stats: Stats,
        violations: list[str],
        ready: Callable[[str], Json],
        guilds: Callable[[], Iterable[Json]],
    ) -> None:
        self.token = token
        self.stats = stats
        self.violations = violations
        self._ready = ready
        self._guilds = guilds
        self.session: GatewaySession | None = None
        self.identified = asyncio.Event()

    async def dispatch(self, event: str, data: Json) -> None:
        session = self.session
        if session is None:
            raise RuntimeError("the bot has not connected to the gateway")
        session.sequence += 1
        frame = {"op": DISPATCH, "t": event, "s": session.sequence, "d": data}
        session.sent.append(frame)
        socket = session.socket
        if socket is None or socket.closed:
            # Delivered on RESUME, like Discord replays missed events.
            return
        await socket.send_str(json.dumps(frame))

    async def drop(self, code: int = 4000, *, resumable: bool = True) -> None:
        session = self.session
        if session is None:
            return
        session.resumable = resumable
        if session.socket and not session.socket.closed:
            socket, session.socket = session.socket, None
            await socket.close(code=code)

    async def close(self) -> None:
        if self.session and self.session.socket and not self.session.socket.closed:
            await self.session.socket.close(code=1001)

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
            json.dumps({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        )
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            op = message.get("op")
            if op == HEARTBEAT:
                await socket.send_str(json.dumps({"op": HEARTBEAT_ACK}))
            elif op == IDENTIFY:
                await self._identify(socket, message["d"])
            elif op == RESUME:
                await self._resume(socket, message["d"])
        return socket

    async def _identify(self, socket: web.WebSocketResponse, data: Json) -> None:
        if data.get("token") != self.token:
            await socket.close(code=4004, message=b"Authentication failed.")
            return
        self.stats.identifies += 1
        self.session = GatewaySession(session_id=secrets.token_hex(16), socket=socket)
        await self.dispatch("READY", self._ready(self.session.session_id))
        for guild in self._guilds():
            await self.dispatch("GUILD_CREATE", guild)
        self.identified.set()

    async def _resume(self, socket: web.WebSocketResponse, data: Json) -> None:
        session = self.session
        if (
            session is None
            or not session.resumable
            or data.get("session_id") != session.session_id
            or data.get("token") != self.token
        ):
            await socket.send_str(json.dumps({"op": INVALID_SESSION, "d": False}))
            return
        self.stats.resumes += 1
        session.socket = socket
        last_seen = int(data.get("seq") or 0)
        for frame in list(session.sent):
            if frame["s"] > last_seen:
                await socket.send_str(json.dumps(frame))
        await self.dispatch("RESUMED", {})
