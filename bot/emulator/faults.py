"""Failures on demand: the next matching REST requests get a 429 or a server error."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.emulator.wire import json_response


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


def take_fault(faults: list[Fault], method: str, path: str) -> Fault | None:
    """The first planned fault for this request, used up by one; None to serve it normally."""
    for fault in faults:
        if fault.times > 0 and fault.matches(method, path):
            fault.times -= 1
            return fault
    return None


def fault_response(fault: Fault) -> web.Response:
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
