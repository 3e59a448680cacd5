"""One malformed gateway event must not stop the bot.

discord.py parses each event in the websocket's read loop; an exception there (a component
without custom_id, a modal submit without components) escapes `Client.connect` and ends the
process. Every parser is wrapped so such an event is logged and dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Parser = Callable[[Any], None]


def guard_parsers(parsers: dict[str, Parser]) -> None:
    """Wrap, in place, the parser table the websocket reads (`ConnectionState.parsers`)."""
    for event, parse in list(parsers.items()):
        parsers[event] = _guarded(event, parse)


def _guarded(event: str, parse: Parser) -> Parser:
    def guarded(data: Any) -> None:
        try:
            parse(data)
        except Exception:
            # The event's data is not logged: it can hold interaction tokens and user input.
            log.exception("dropped a malformed %s event", event)

    return guarded
