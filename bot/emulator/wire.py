"""HTTP plumbing shared by the REST side: Discord-shaped replies and errors, request bodies."""

from __future__ import annotations

import json
from typing import Any, Protocol

from aiohttp import BodyPartReader, web

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


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    # Discord sends exactly "application/json", without a charset parameter.
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


async def read_body(request: web.Request, violations: list[str]) -> tuple[Any, list[Upload]]:
    """The JSON body (from payload_json when multipart) and any uploaded files."""
    files: list[Upload] = []
    if not request.can_read_body:
        return None, files
    if request.content_type == "multipart/form-data":
        body: Any = None
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):  # nested multipart: never sent by discord.py
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
        violations.append(f"{request.method} {request.path}: body sent as {request.content_type!r}")
    return (json.loads(raw) if raw else None), files
