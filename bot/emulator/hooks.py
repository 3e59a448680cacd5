"""The two places discord.py is pointed at the emulator, and a check that they still exist.

discord.py has no public setting for its API host or gateway, so the emulator sets two
class attributes. Both are internals: `check_hooks()` fails loudly if an upgrade moves them.
"""

from __future__ import annotations

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

SUPPORTED_VERSION = "2.7.1"


class HookError(RuntimeError):
    pass


def check_hooks() -> None:
    """Raise HookError unless discord.py still has the attributes the emulator sets."""
    if discord.__version__ != SUPPORTED_VERSION:
        raise HookError(
            f"the emulator was built against discord.py {SUPPORTED_VERSION}, found {discord.__version__}"
        )
    if not isinstance(getattr(Route, "BASE", None), str):
        raise HookError("discord.http.Route.BASE is gone: the emulator cannot redirect REST calls")
    if not isinstance(getattr(DiscordWebSocket, "DEFAULT_GATEWAY", None), yarl.URL):
        raise HookError(
            "DiscordWebSocket.DEFAULT_GATEWAY is gone: the emulator cannot redirect the gateway"
        )


def point_discord_at(api_base: str, gateway_url: str) -> None:
    check_hooks()
    Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
