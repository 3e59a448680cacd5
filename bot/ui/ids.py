"""Reading Discord ids out of text a client sent back (custom_ids, select values)."""

from __future__ import annotations

import re

# Snowflakes are 64-bit; the store keeps them as SQLite's signed 64-bit INTEGER.
ID_MAX = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(text: str | None) -> int | None:
    """The id in `text`, or None unless it is 1-19 ASCII digits that fit the store.

    int() alone accepts "²", "٣", " 7" and "1_0", and Python ints grow past what SQLite
    binds: every id a client hands back goes through here instead.
    """
    if text is None or not _ASCII_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= ID_MAX else None
