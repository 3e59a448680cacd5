"""The event loop every process of the bot runs on.

uvloop (libuv) moves sockets, timers and callbacks out of Python: at a few hundred
interactions a second the bot's loop is mostly that work. Where uvloop does not exist
(Windows), asyncio's own loop runs the same code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(main: Coroutine[Any, Any, T]) -> T:
    try:
        import uvloop
    except ImportError:  # pragma: no cover - platforms without uvloop
        return asyncio.run(main)
    return uvloop.run(main)
