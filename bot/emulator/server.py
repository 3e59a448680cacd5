"""A local Discord: REST and gateway on loopback, played for the real discord.py client.

It keeps just enough state to answer the bot the way Discord would (interactions, the
messages they produced, synced commands) and behaves like Discord where a bot can go wrong:
the 3-second rule, double acknowledgements, rate limits and server errors on demand.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiohttp import BodyPartReader, WSMsgType, web

from bot.emulator import payloads
from bot.emulator.records import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    MODAL,
    PONG,
    UPDATE_MESSAGE,
    InteractionRecord,
    StoredFile,
    StoredMessage,
)

log = logging.getLogger(__name__)

Json = dict[str, Any]
API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
HEARTBEAT_INTERVAL_MS = 41_250
# Discord forgets an interaction that got no first answer within 3 seconds.
RESPONSE_DEADLINE_S = 3.0
# Follow-ups and edits stay possible for 15 minutes after the interaction.
TOKEN_LIFETIME_S = 15 * 60


class Validator(Protocol):
    def validate(self, method: str, path: str, body: Any) -> list[str]: ...


class DiscordError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class Fault:
    """A planned failure: the next `times` matching requests get `status`."""

    status: int
    path_contains: str
    method: str | None = None
    retry_after: float = 0.05
    times: int = 1

    def matches(self, method: str, path: str) -> bool:
        return self.path_contains in path and (self.method is None or self.method == method)


@dataclass
class Stats:
    requests: int = 0
    unknown_interactions: int = 0
    double_acknowledgements: int = 0
    faults_served: int = 0
    identifies: int = 0
    resumes: int = 0
    callbacks: int = 0


@dataclass
class GatewaySession:
    session_id: str
    sequence: int = 0
    socket: web.WebSocketResponse | None = None
    # Events kept for RESUME, as Discord does for a short while after a drop.
    sent: deque[Json] = field(default_factory=lambda: deque(maxlen=5000))
    pending: list[Json] = field(default_factory=list)
    # False after a drop Discord will not let the bot resume: RESUME gets INVALID_SESSION.
    resumable: bool = True


@dataclass(frozen=True)
class Place:
    """Where an interaction happens: a guild text channel or the bot's DM with a user."""

    channel_id: int
    guild_id: int | None = None


@dataclass(frozen=True)
class EmulatedUser:
    id: int
    name: str
    admin: bool = False

    @property
    def payload(self) -> Json:
        return payloads.user(self.id, self.name)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    # Discord sends exactly "application/json", without a charset parameter.
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


class EmulatorServer:
    """The whole fake Discord: call `start()`, point discord.py at `api_base`/`gateway_url`."""

    def __init__(
        self,
        *,
        token: str = "emulator-token",
        validator: Validator | None = None,
        response_deadline: float = RESPONSE_DEADLINE_S,
    ) -> None:
        self.token = token
        self.validator = validator
        self.response_deadline = response_deadline
        self.ids = payloads.SnowflakeFactory()
        self.application_id = self.ids.next()
        self.bot_user = payloads.user(self.application_id, "ML Salary Bot", bot=True)
        self.owner = payloads.user(self.ids.next(), "owner")
        self.guilds: dict[int, Json] = {}
        self.dm_channels: dict[int, Json] = {}
        self.global_commands: list[Json] = []
        self.guild_commands: dict[int, list[Json]] = {}
        self.command_syncs = 0
        self.interactions: dict[int, InteractionRecord] = {}
        self._by_token: dict[str, InteractionRecord] = {}
        self.messages: dict[int, StoredMessage] = {}
        self.faults: list[Fault] = []
        self.violations: list[str] = []
        self.unhandled: list[str] = []
        self.stats = Stats()
        self.session: GatewaySession | None = None
        self.identified = asyncio.Event()
        self.on_message_change: Callable[[StoredMessage], Awaitable[None]] | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ----------------------------------------------------------------- lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get(GATEWAY_PATH, self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self.session and self.session.socket and not self.session.socket.closed:
            await self.session.socket.close(code=1001)
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
        self, name: str = "ML Careers", channel_names: tuple[str, ...] = ("general",)
    ) -> Json:
        guild_id = self.ids.next()
        channels = [
            payloads.text_channel(self.ids.next(), guild_id, channel) for channel in channel_names
        ]
        bot_member = payloads.member(self.bot_user, permissions=0)
        guild = payloads.guild(guild_id, name, int(self.owner["id"]), channels, bot_member)
        self.guilds[guild_id] = guild
        return guild

    def add_user(self, name: str, *, admin: bool = False) -> EmulatedUser:
        return EmulatedUser(self.ids.next(), name, admin)

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

    def commands_for(self, guild_id: int | None) -> list[Json]:
        """What a user sees in the command picker at that place: guild commands shadow globals."""
        local = self.guild_commands.get(guild_id, []) if guild_id is not None else []
        names = {command["name"] for command in local}
        return local + [command for command in self.global_commands if command["name"] not in names]

    # ----------------------------------------------------------------- gateway

    async def dispatch(self, event: str, data: Json) -> None:
        session = self.session
        if session is None:
            raise RuntimeError("the bot has not connected to the gateway")
        session.sequence += 1
        frame = {"op": 0, "t": event, "s": session.sequence, "d": data}
        session.sent.append(frame)
        socket = session.socket
        if socket is None or socket.closed:
            # Delivered on RESUME, like Discord replays missed events.
            return
        await socket.send_str(json.dumps(frame))

    async def drop_gateway(self, code: int = 4000, *, resumable: bool = True) -> None:
        """Close the bot's gateway connection; discord.py should RESUME and miss nothing.

        With `resumable=False` the session is gone, as after a long outage: the RESUME is
        refused, the bot identifies afresh, and events sent meanwhile are never delivered.
        """
        session = self.session
        if session is not None:
            session.resumable = resumable
        if session and session.socket and not session.socket.closed:
            socket, session.socket = session.socket, None
            await socket.close(code=code)

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        socket = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await socket.prepare(request)
        if request.query.get("v") != "10" or request.query.get("encoding") != "json":
            self.violations.append(
                f"gateway opened with {request.query_string!r}: needs v=10&encoding=json"
            )
            await socket.close(code=4012, message=b"Invalid API version")
            return socket
        await socket.send_str(
            json.dumps({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        )
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            op = message.get("op")
            if op == 1:
                await socket.send_str(json.dumps({"op": 11}))
            elif op == 2:
                await self._identify(socket, message["d"])
            elif op == 6:
                await self._resume(socket, message["d"])
        return socket

    async def _identify(self, socket: web.WebSocketResponse, data: Json) -> None:
        if data.get("token") != self.token:
            await socket.close(code=4004, message=b"Authentication failed.")
            return
        self.stats.identifies += 1
        self.session = GatewaySession(session_id=secrets.token_hex(16), socket=socket)
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in self.guilds],
            "session_id": self.session.session_id,
            "resume_gateway_url": self.gateway_url,
            "shard": [0, 1],
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        await self.dispatch("READY", ready)
        for guild in self.guilds.values():
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
            await socket.send_str(json.dumps({"op": 9, "d": False}))
            return
        self.stats.resumes += 1
        session.socket = socket
        last_seen = int(data.get("seq") or 0)
        for frame in list(session.sent):
            if frame["s"] > last_seen:
                await socket.send_str(json.dumps(frame))
        await self.dispatch("RESUMED", {})

    # ----------------------------------------------------------------- REST

    async def _api(self, request: web.Request) -> web.StreamResponse:
        self.stats.requests += 1
        path = "/" + request.match_info["tail"]
        if request.headers.get("Authorization") not in (f"Bot {self.token}", None) or (
            request.headers.get("Authorization") is None
            and not path.startswith(("/webhooks/", "/interactions/"))
        ):
            return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        fault = self._take_fault(request.method, path)
        if fault is not None:
            return self._fault_response(fault)
        try:
            body, files = await self._read_body(request)
            if self.validator is not None and body is not None:
                problems = self.validator.validate(request.method, path, body)
                if problems:
                    self.violations.extend(
                        f"{request.method} {path}: {problem}" for problem in problems
                    )
                    return json_response(
                        {"code": 50035, "message": "Invalid Form Body", "errors": problems},
                        status=400,
                    )
            return await self._route(request, path, body, files)
        except DiscordError as error:
            return json_response(
                {"code": error.code, "message": error.message}, status=error.status
            )

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.matches(method, path):
                fault.times -= 1
                self.stats.faults_served += 1
                return fault
        return None

    @staticmethod
    def _fault_response(fault: Fault) -> web.Response:
        if fault.status == 429:
            headers = {
                "Retry-After": str(max(1, round(fault.retry_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset-After": str(fault.retry_after),
                "X-RateLimit-Bucket": "emulated",
                "X-RateLimit-Scope": "user",
                # discord.py treats a 429 without Via as a Cloudflare ban, not a rate limit.
                "Via": "1.1 google",
            }
            body = {
                "message": "You are being rate limited.",
                "retry_after": fault.retry_after,
                "global": False,
            }
            return json_response(body, status=429, headers=headers)
        return json_response(
            {"message": f"{fault.status}: emulated server error", "code": 0}, status=fault.status
        )

    async def _read_body(self, request: web.Request) -> tuple[Any, list[tuple[str, bytes, str]]]:
        files: list[tuple[str, bytes, str]] = []
        if not request.can_read_body:
            return None, files
        if request.content_type == "multipart/form-data":
            body: Any = None
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(
                    part, BodyPartReader
                ):  # nested multipart: never sent by discord.py
                    continue
                data = await part.read()
                if part.name == "payload_json":
                    body = json.loads(data)
                else:
                    files.append(
                        (part.filename or "file", bytes(data), part.headers.get("Content-Type", ""))
                    )
            return body, files
        raw = await request.read()
        if request.content_type != "application/json":
            self.violations.append(
                f"{request.method} {request.path}: body sent as {request.content_type!r}"
            )
        return (json.loads(raw) if raw else None), files

    async def _route(
        self, request: web.Request, path: str, body: Any, files: list[tuple[str, bytes, str]]
    ) -> web.Response:
        parts = path.strip("/").split("/")
        method = request.method
        app = str(self.application_id)
        if method == "GET" and parts == ["users", "@me"]:
            return json_response(self.bot_user)
        if method == "GET" and parts == ["oauth2", "applications", "@me"]:
            return json_response(self._application_info())
        if method == "GET" and parts[0] == "gateway":
            return json_response(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if parts[:1] == ["applications"] and len(parts) >= 3 and parts[1] == app:
            return self._commands(method, parts[2:], body)
        if (
            parts[:1] == ["interactions"]
            and len(parts) == 4
            and parts[3] == "callback"
            and method == "POST"
        ):
            return await self._callback(
                int(parts[1]), parts[2], body, files, request.query.get("with_response")
            )
        if parts[:1] == ["webhooks"] and len(parts) >= 3 and parts[1] == app:
            return await self._webhook(method, parts[2], parts[3:], body, files, request.query)
        self.unhandled.append(f"{method} {path}")
        raise DiscordError(404, 0, "404: Not Found")

    def _application_info(self) -> Json:
        return {
            "id": str(self.application_id),
            "name": self.bot_user["username"],
            "icon": None,
            "description": "Salary estimates for machine learning careers.",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.owner,
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "summary": "",
        }

    # ----------------------------------------------------------------- commands

    def _commands(self, method: str, rest: list[str], body: Any) -> web.Response:
        guild_id: int | None = None
        if rest[:1] == ["guilds"] and len(rest) >= 3:
            guild_id, rest = int(rest[1]), rest[2:]
        if rest != ["commands"]:
            self.unhandled.append(f"{method} applications/.../{'/'.join(rest)}")
            raise DiscordError(404, 0, "404: Not Found")
        if method == "GET":
            return json_response(
                self.guild_commands.get(guild_id, []) if guild_id else self.global_commands
            )
        if method != "PUT" or not isinstance(body, list):
            raise DiscordError(405, 0, "405: Method Not Allowed")
        stored = []
        for command in body:
            echoed = dict(command)
            echoed.update(
                id=str(self.ids.next()),
                application_id=str(self.application_id),
                version=str(self.ids.next()),
                type=command.get("type", 1),
            )
            echoed.setdefault("default_member_permissions", None)
            if guild_id is not None:
                echoed["guild_id"] = str(guild_id)
            stored.append(echoed)
        if guild_id is None:
            self.global_commands = stored
        else:
            self.guild_commands[guild_id] = stored
        self.command_syncs += 1
        return json_response(stored)

    # ----------------------------------------------------------------- interactions

    def new_interaction(self, kind: int, payload: Json) -> InteractionRecord:
        interaction_id = self.ids.next()
        token = "itk_" + secrets.token_urlsafe(24)
        payload.update(id=str(interaction_id), token=token, type=kind)
        record = InteractionRecord(
            id=interaction_id, token=token, type=kind, payload=payload, _emulator=self
        )
        self.interactions[interaction_id] = record
        self._by_token[token] = record
        return record

    def _record_for_token(self, token: str) -> InteractionRecord:
        record = self._by_token.get(token)
        if record is None or time.monotonic() - record.created > TOKEN_LIFETIME_S:
            raise DiscordError(404, 10015, "Unknown Webhook")
        return record

    async def _callback(
        self,
        interaction_id: int,
        token: str,
        body: Any,
        files: list[tuple[str, bytes, str]],
        with_response: str | None,
    ) -> web.Response:
        self.stats.callbacks += 1
        record = self.interactions.get(interaction_id)
        if record is None or record.token != token:
            self.stats.unknown_interactions += 1
            raise DiscordError(404, 10062, "Unknown interaction")
        if record.response_type is not None:
            self.stats.double_acknowledgements += 1
            record.rejected_callbacks.append(int(body.get("type", 0)))
            await record.changed()
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        if time.monotonic() - record.created > self.response_deadline:
            self.stats.unknown_interactions += 1
            record.rejected_callbacks.append(int(body.get("type", 0)))
            await record.changed()
            raise DiscordError(404, 10062, "Unknown interaction")
        kind = int(body["type"])
        data = body.get("data") or {}
        record.response_type = kind
        record.first_response_at = time.monotonic()
        record.response_data = data
        message: StoredMessage | None = None
        if kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            if kind == DEFERRED_CHANNEL_MESSAGE:
                # The "is thinking..." placeholder that a later edit of @original replaces.
                data = {"content": "", "flags": data.get("flags", 0) | 128}
            message = self._create_message(record, data, files)
            record.original_message_id = message.id
        elif kind == UPDATE_MESSAGE:
            message = await self._edit_message(record, self._source_message(record), data, files)
        elif kind == DEFERRED_UPDATE_MESSAGE:
            self._source_message(record)
        elif kind not in (PONG, AUTOCOMPLETE_RESULT, MODAL):
            raise DiscordError(400, 50035, f"unknown callback type {kind}")
        if message is not None:
            await self._notify(message)
        await record.changed()
        reply: Json = {
            "interaction": {
                "id": str(record.id),
                "type": record.type,
                "response_message_id": str(message.id) if message else None,
                "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool(message.ephemeral) if message else False,
            }
        }
        if message is not None and kind in (
            CHANNEL_MESSAGE,
            UPDATE_MESSAGE,
            DEFERRED_CHANNEL_MESSAGE,
        ):
            reply["resource"] = {"type": kind, "message": message.payload}
        if with_response is None:
            return web.Response(status=204)
        return json_response(reply)

    def _source_message(self, record: InteractionRecord) -> StoredMessage:
        if record.source_message_id is None or record.source_message_id not in self.messages:
            raise DiscordError(400, 40060, "This interaction has no message to update.")
        return self.messages[record.source_message_id]

    def _create_message(
        self, record: InteractionRecord, data: Json, files: list[tuple[str, bytes, str]]
    ) -> StoredMessage:
        message_id = self.ids.next()
        stored_files = self._store_files(data, files)
        payload = payloads.message(
            message_id=message_id,
            channel_id=int(record.payload["channel_id"]),
            author=self.bot_user,
            body=data,
            application_id=self.application_id,
            interaction_id=record.id,
            invoking_user=self._invoking_user(record),
            guild_id=int(record.payload["guild_id"]) if record.payload.get("guild_id") else None,
            attachments=[self._attachment(stored) for stored in stored_files],
        )
        message = StoredMessage(
            id=message_id, payload=payload, files=stored_files, requests=[dict(data)]
        )
        self.messages[message_id] = message
        record.touch(message_id)
        return message

    async def _edit_message(
        self,
        record: InteractionRecord,
        message: StoredMessage,
        data: Json,
        files: list[tuple[str, bytes, str]],
    ) -> StoredMessage:
        for key in ("content", "embeds", "components"):
            if key in data:
                message.payload[key] = (
                    data[key] if data[key] is not None else ([] if key != "content" else "")
                )
        if "flags" in data and data["flags"] is not None:
            # Only SUPPRESS_EMBEDS may change; ephemerality is fixed at creation.
            message.payload["flags"] = (int(message.payload["flags"]) & ~4) | (
                int(data["flags"]) & 4
            )
        message.payload["flags"] = int(message.payload["flags"]) & ~128  # no longer "thinking"
        new_files = self._store_files(data, files)
        if "attachments" in data:
            keep = {str(item.get("id")) for item in data["attachments"] or []}
            message.files = [
                stored for stored in message.files if str(stored.attachment_id) in keep
            ]
        message.files += new_files
        message.payload["attachments"] = [self._attachment(stored) for stored in message.files]
        message.payload["edited_timestamp"] = payloads.iso_now()
        message.edits += 1
        message.requests.append(dict(data))
        record.touch(message.id)
        return message

    def _store_files(self, data: Json, files: list[tuple[str, bytes, str]]) -> list[StoredFile]:
        stored = []
        for filename, content, content_type in files:
            stored.append(StoredFile(self.ids.next(), filename, content, content_type))
        return stored

    def _attachment(self, stored: StoredFile) -> Json:
        url = f"http://127.0.0.1:{self.port}/attachments/{stored.attachment_id}/{stored.filename}"
        return {
            "id": str(stored.attachment_id),
            "filename": stored.filename,
            "size": len(stored.data),
            "url": url,
            "proxy_url": url,
            "content_type": stored.content_type or None,
        }

    @staticmethod
    def _invoking_user(record: InteractionRecord) -> Json:
        payload = record.payload
        return dict(payload["member"]["user"] if "member" in payload else payload["user"])

    async def _notify(self, message: StoredMessage) -> None:
        if self.on_message_change is not None:
            await self.on_message_change(message)

    # ----------------------------------------------------------------- webhooks

    async def _webhook(
        self,
        method: str,
        token: str,
        rest: list[str],
        body: Any,
        files: list[tuple[str, bytes, str]],
        query: Any,
    ) -> web.Response:
        record = self._record_for_token(token)
        if record.response_type is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        if not rest and method == "POST":
            message = self._create_message(record, body or {}, files)
            record.followup_ids.append(message.id)
            await self._notify(message)
            await record.changed()
            return json_response(message.payload)
        if len(rest) == 2 and rest[0] == "messages":
            message = self._target_message(record, rest[1])
            if method == "GET":
                return json_response(message.payload)
            if method == "PATCH":
                await self._edit_message(record, message, body or {}, files)
                record.last_edit_at = time.monotonic()
                if message.id in (record.original_message_id, record.source_message_id):
                    record.edits_of_original += 1
                await self._notify(message)
                await record.changed()
                return json_response(message.payload)
            if method == "DELETE":
                del self.messages[message.id]
                await record.changed()
                return web.Response(status=204)
        raise DiscordError(405, 0, "405: Method Not Allowed")

    def _target_message(self, record: InteractionRecord, which: str) -> StoredMessage:
        if which == "@original":
            message_id = record.original_message_id or record.source_message_id
        else:
            message_id = int(which) if which.isdigit() else None
        if message_id is None or message_id not in self.messages:
            raise DiscordError(404, 10008, "Unknown Message")
        return self.messages[message_id]
