"""Logging set-up that can never print the bot token."""

from __future__ import annotations

import logging
from typing import TextIO


class RedactFilter(logging.Filter):
    """Replaces a secret in every formatted record: a last guard if some library logs it."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        message = record.getMessage()
        if self.secret in message:
            record.msg = message.replace(self.secret, "[token]")
            record.args = None
        # An exception's text (a URL, a header) is formatted apart from the message: the
        # formatter reuses exc_text when it is set, so the redacted copy is what gets written.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, "[token]")
        if record.stack_info and self.secret in record.stack_info:
            record.stack_info = record.stack_info.replace(self.secret, "[token]")
        return True


def setup_logging(level: str, secret: str | None = None, stream: TextIO | None = None) -> None:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    if secret:
        handler.addFilter(RedactFilter(secret))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # discord.py's HTTP debug lines include request bodies; keep them out below DEBUG.
    logging.getLogger("discord.http").setLevel(max(logging.getLevelName(level), logging.INFO))
