"""HTTP plumbing shared by the REST side: Discord-shaped replies and errors, request bodies."""

from __future__ import annotations

import re
from typing import Any, Protocol

import orjson
from aiohttp import web

Json = dict[str, Any]
# A file part of a multipart request: filename, content, content type.
Upload = tuple[str, bytes, str]
API_PREFIX = "/api/v10"


class Validator(Protocol):
    """Checks a request body as Discord would; returns the problems (empty means fine).

    Optional: tests plug in a full JSON-schema checker, a plain install runs without one.
    """

    def validate(self, method: str, path: str, body: Any) -> list[str]: ...


class DiscordError(Exception):
    """Raised by a handler to answer with Discord's error body."""

    def __init__(self, status: int, code: int, message: str, errors: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def response(self) -> web.Response:
        body: Json = {"code": self.code, "message": self.message}
        if self.errors is not None:
            body["errors"] = self.errors
        return json_response(body, status=self.status)


def json_text(data: Any) -> str:
    """JSON as a gateway text frame carries it."""
    return orjson.dumps(data).decode()


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    # Discord sends exactly "application/json", without a charset parameter.
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    return web.Response(body=orjson.dumps(data), status=status, headers=all_headers)


async def read_body(request: web.Request, violations: list[str]) -> tuple[Any, list[Upload]]:
    """The JSON body (from payload_json when multipart) and any uploaded files."""
    files: list[Upload] = []
    if not request.can_read_body:
        return None, files
    if request.content_type == "multipart/form-data":
        boundary = _params(request.headers.get("Content-Type", "")).get("boundary")
        if not boundary:
            raise DiscordError(400, 50109, "The request body contains invalid JSON.")
        body: Any = None
        # The whole body at once: aiohttp's streaming part reader costs milliseconds a file,
        # which the emulator would take from the bot under load.
        for headers, data in _parts(await request.read(), boundary.encode()):
            params = _params(headers.get("content-disposition", ""))
            if params.get("name") == "payload_json":
                body = orjson.loads(data)
            else:
                files.append(
                    (params.get("filename") or "file", data, headers.get("content-type", ""))
                )
        return body, files
    raw = await request.read()
    if request.content_type != "application/json":
        violations.append(f"{request.method} {request.path}: body sent as {request.content_type!r}")
    return (orjson.loads(raw) if raw else None), files


# name=value or name="value" in a header such as Content-Disposition (discord.py's own form).
_PARAM = re.compile(r';\s*([\w*-]+)=(?:"([^"]*)"|([^;\s]*))')


def _params(header: str) -> dict[str, str]:
    return {m[1].lower(): m[2] if m[2] is not None else m[3] for m in _PARAM.finditer(header)}


def _parts(raw: bytes, boundary: bytes) -> list[tuple[dict[str, str], bytes]]:
    """The parts of a multipart/form-data body: lower-cased headers and content."""
    parts = []
    delimiter = b"--" + boundary
    for chunk in raw.split(delimiter)[1:]:
        if chunk.startswith(b"--"):  # the closing delimiter
            break
        head, _, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        parts.append((headers, data.removesuffix(b"\r\n")))
    return parts
