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
