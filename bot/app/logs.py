"""Logging set-up that never writes a secret: the bot token, interaction tokens, webhook URLs.

discord.py logs at DEBUG every gateway event (interaction tokens and users' options
included) and every webhook URL it calls; a token lets its holder post as the bot for 15
minutes. The filter redacts them at every level. What users typed reaches the log only at
DEBUG, inside those payloads: the bot's own lines name commands, never option values.
"""

from __future__ import annotations

import logging
import re
from typing import TextIO

REDACTED = "[token]"
# The token in webhook and interaction callback URLs, and the "token" member of a payload
# (JSON or a dict's repr).
INTERACTION_TOKENS = re.compile(
    r"(?P<keep>/(?:webhooks|interactions)/[0-9]+/)[^/\s?'\"]+"
    r"|(?P<key>['\"]token['\"]\s*:\s*['\"])[^'\"]+"
)


def redact(text: str, secret: str | None = None) -> str:
    if secret:
        text = text.replace(secret, REDACTED)
    return INTERACTION_TOKENS.sub(lambda m: (m["keep"] or m["key"]) + REDACTED, text)


class RedactFilter(logging.Filter):
    """Redacts secrets in every formatted record: a last guard whatever a library logs."""

    def __init__(self, secret: str | None = None) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self.secret)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        # An exception's text (a URL, a header) is formatted apart from the message: the
        # formatter reuses exc_text when it is set, so the redacted copy is what gets written.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secret)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secret)
        return True


def setup_logging(level: str, secret: str | None = None, stream: TextIO | None = None) -> None:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(secret))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # discord.py's HTTP debug lines include request bodies; keep them out below DEBUG.
    logging.getLogger("discord.http").setLevel(max(logging.getLevelName(level), logging.INFO))
