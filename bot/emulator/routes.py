"""The REST API: Discord's endpoints the bot uses, in an aiohttp route table, and the
middleware every request goes through first (auth, planned faults, body checks, errors).

Paths are relative to /api/v10: the table is mounted as a sub-application there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from bot.emulator.faults import fault_response, take_fault
from bot.emulator.wire import API_PREFIX, DiscordError, Json, Upload, json_response, read_body

if TYPE_CHECKING:
    from bot.emulator.server import EmulatorServer

EMULATOR: web.AppKey[EmulatorServer] = web.AppKey("emulator")
# What the middleware read from the request, for the handler.
BODY: web.RequestKey[Json | list[Json] | None] = web.RequestKey("body")
FILES: web.RequestKey[list[Upload]] = web.RequestKey("files")

routes = web.RouteTableDef()
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def build_api(server: EmulatorServer) -> web.Application:
    api = web.Application(middlewares=[_discord_middleware])
    api[EMULATOR] = server
    api.add_routes(routes)
    return api


def _path(request: web.Request) -> str:
    return request.path.removeprefix(API_PREFIX)


@web.middleware
async def _discord_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    server = request.app[EMULATOR]
    server.stats.requests += 1
    path = _path(request)
    authorization = request.headers.get("Authorization")
    # Webhook and interaction-callback routes are authorised by their token, not the bot's.
    if authorization not in (f"Bot {server.token}", None) or (
        authorization is None and not path.startswith(("/webhooks/", "/interactions/"))
    ):
        return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
    fault = take_fault(server.faults, request.method, path)
    if fault is not None:
        server.stats.faults_served += 1
        return fault_response(fault)
    try:
        body, files = await read_body(request, server.violations)
        if server.validator is not None and body is not None:
            problems = server.validator.validate(request.method, path, body)
            if problems:
                server.violations.extend(f"{request.method} {path}: {p}" for p in problems)
                raise DiscordError(400, 50035, "Invalid Form Body", problems)
        request[BODY], request[FILES] = body, files
        return await handler(request)
    except web.HTTPMethodNotAllowed:
        return DiscordError(405, 0, "405: Method Not Allowed").response()
    except web.HTTPNotFound:
        server.unhandled.append(f"{request.method} {path}")
        return DiscordError(404, 0, "404: Not Found").response()
    except DiscordError as error:
        return error.response()


def _server(request: web.Request) -> EmulatorServer:
    """The emulator, once the path's application id is checked to be the bot's own."""
    server = request.app[EMULATOR]
    if request.match_info.get("application_id", str(server.application_id)) != str(
        server.application_id
    ):
        raise web.HTTPNotFound()
    return server


def _body(request: web.Request) -> Json | None:
    body = request[BODY]
    return body if isinstance(body, dict) else None


def _files(request: web.Request) -> list[Upload]:
    return request[FILES]


# --------------------------------------------------------------------- the bot itself


@routes.get("/users/@me")
async def current_user(request: web.Request) -> web.Response:
    return json_response(_server(request).bot_user)


@routes.get("/oauth2/applications/@me")
async def application_info(request: web.Request) -> web.Response:
    server = _server(request)
    return json_response(
        {
            "id": str(server.application_id),
            "name": server.bot_user["username"],
            "icon": None,
            "description": "Salary estimates for machine learning careers.",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": server.owner,
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "summary": "",
        }
    )


@routes.get("/gateway")
@routes.get("/gateway/bot")
async def gateway_info(request: web.Request) -> web.Response:
    server = _server(request)
    return json_response(
        {
            "url": server.gateway_url,
            # The recommended count, which a bot without SHARD_COUNT runs.
            "shards": server.gateway.shard_count,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 0,
                "max_concurrency": server.gateway.max_concurrency,
            },
        }
    )


# --------------------------------------------------------------------- commands


@routes.get("/applications/{application_id}/commands")
@routes.get(r"/applications/{application_id}/guilds/{guild_id:\d+}/commands")
async def get_commands(request: web.Request) -> web.Response:
    server = _server(request)
    guild_id = request.match_info.get("guild_id")
    if guild_id is None:
        return json_response(server.global_commands)
    return json_response(server.guild_commands.get(int(guild_id), []))


@routes.put("/applications/{application_id}/commands")
@routes.put(r"/applications/{application_id}/guilds/{guild_id:\d+}/commands")
async def overwrite_commands(request: web.Request) -> web.Response:
    server = _server(request)
    body = request[BODY]
    if not isinstance(body, list):
        raise DiscordError(405, 0, "405: Method Not Allowed")
    guild = request.match_info.get("guild_id")
    guild_id = int(guild) if guild is not None else None
    stored = []
    for command in body:
        # Discord echoes each command with the ids and defaults it assigned.
        echoed = dict(command)
        echoed.update(
            id=str(server.ids.next()),
            application_id=str(server.application_id),
            version=str(server.ids.next()),
            type=command.get("type", 1),
        )
        # Sent as an integer or a string of digits; Discord always echoes a string.
        permissions = command.get("default_member_permissions")
        echoed["default_member_permissions"] = None if permissions is None else str(permissions)
        # User and message commands have no description; Discord echoes an empty one.
        echoed.setdefault("description", "")
        if guild_id is not None:
            echoed["guild_id"] = str(guild_id)
        stored.append(echoed)
    if guild_id is None:
        server.global_commands = stored
    else:
        server.guild_commands[guild_id] = stored
    server.command_syncs += 1
    return json_response(stored)


# --------------------------------------------------------------------- interactions


@routes.post(r"/interactions/{interaction_id:\d+}/{token}/callback")
async def interaction_callback(request: web.Request) -> web.Response:
    server = _server(request)
    return await server.interaction_state.callback(
        int(request.match_info["interaction_id"]),
        request.match_info["token"],
        _body(request),
        _files(request),
        request.query.get("with_response"),
    )


@routes.post("/webhooks/{application_id}/{token}")
async def follow_up(request: web.Request) -> web.Response:
    server = _server(request)
    message = await server.interaction_state.follow_up(
        request.match_info["token"], _body(request), _files(request)
    )
    return json_response(message.payload)


WEBHOOK_MESSAGE = "/webhooks/{application_id}/{token}/messages/{message}"


@routes.get(WEBHOOK_MESSAGE)
async def get_webhook_message(request: web.Request) -> web.Response:
    state = _server(request).interaction_state
    _, message = state.message(request.match_info["token"], request.match_info["message"])
    return json_response(message.payload)


@routes.patch(WEBHOOK_MESSAGE)
async def edit_webhook_message(request: web.Request) -> web.Response:
    state = _server(request).interaction_state
    message = await state.edit(
        request.match_info["token"], request.match_info["message"], _body(request), _files(request)
    )
    return json_response(message.payload)


@routes.delete(WEBHOOK_MESSAGE)
async def delete_webhook_message(request: web.Request) -> web.Response:
    state = _server(request).interaction_state
    await state.delete(request.match_info["token"], request.match_info["message"])
    return web.Response(status=204)


# --------------------------------------------------------------------- channel messages


@routes.post(r"/channels/{channel_id:\d+}/messages")
async def create_message(request: web.Request) -> web.Response:
    """The bot's own message in a channel or DM: its reply to what a person wrote."""
    server = _server(request)
    message = await server.channel_messages.create(
        int(request.match_info["channel_id"]), _body(request) or {}, _files(request)
    )
    return json_response(message.payload)
