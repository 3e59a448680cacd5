"""Every interaction's work runs in its reader's language.

discord.py parses INTERACTION_CREATE and, inside that parse, starts the tasks that run the
command, the button, the form or the autocomplete. Parsing in a copied context whose
ANSWER_LOCALE is the interaction's locale gives each of those tasks that locale from its
first line, including the checks and the error path, while the websocket's own context (and
so the next event) is left untouched.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from bot.render.locale import ANSWER_LOCALE

Parser = Callable[[Any], None]


def parse_in_readers_locale(parsers: dict[str, Parser], remember: Parser | None = None) -> None:
    """Wrap, in place, the INTERACTION_CREATE parser of `ConnectionState.parsers`; `remember`
    is told every payload, so a message the person types later reads their language too."""
    parse = parsers["INTERACTION_CREATE"]

    def with_locale(data: Any) -> None:
        if remember is not None:
            remember(data)
        locale = data.get("locale") if isinstance(data, dict) else None
        ANSWER_LOCALE.set(locale if isinstance(locale, str) else None)
        parse(data)

    def parse_interaction(data: Any) -> None:
        contextvars.copy_context().run(with_locale, data)

    parsers["INTERACTION_CREATE"] = parse_interaction
