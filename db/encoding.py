"""How Python values are written to portable SQL columns (text timestamps, JSON text)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def now() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    # Fixed width with microseconds in UTC, so comparing the text compares the times.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def to_json(value: Any) -> str:
    # allow_nan=False: NaN is not JSON and would break exports and other readers.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def from_json(text: str) -> Any:
    return json.loads(text)
