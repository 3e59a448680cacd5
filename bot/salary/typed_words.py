"""How a typed value is echoed back and refused: clipped, named, with a way forward."""

from __future__ import annotations

from typing import Any

from . import fields
from . import taxonomy as tx
from .errors import QueryError

MAX_TEXT = 100  # longer inputs are not names of anything we know
CLIP = 40


def clip(text: str, limit: int = CLIP) -> str:
    """User text as it may be echoed back: one line, at most `limit` chars."""
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def text_of(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise QueryError(field, f"{field_name(field).capitalize()} must be text.")
    if len(value) > MAX_TEXT:
        raise QueryError(
            field,
            f"That {field_name(field)} is too long ({len(value)} characters); "
            f"please keep it under {MAX_TEXT}.",
        )
    return value


def field_name(field: str) -> str:
    """A field's name in a sentence, singular for lists ("Unknown skill ...")."""
    if field == "company_type":
        return "company type"
    return field.removesuffix("s") if field in fields.LIST_FIELDS else field


# What to type instead, when nothing known is close to what was typed.
EXAMPLES = {
    "role": "ML engineer, data scientist, research scientist or software engineer",
    "location": "a country (Germany, IN), a US metro (Seattle), a Canadian region (Toronto) or remote",
    "skill": "python, pytorch, llm or sql",
    "certification": "AWS ML Specialty or Google Cloud ML Engineer",
    "industry": "finance, healthcare or technology",
    "education": "bachelor's, master's or PhD",
    "company": "big tech, enterprise or startup",
    "level": "entry, mid, senior or principal",
}


def unknown_value(field: str, kind: str, text: str) -> QueryError:
    """'Unknown location 'seatle': did you mean Seattle, WA?' with a way forward either way."""
    # Every role is named below, so one best guess is enough there.
    options = tx.did_you_mean(kind, text, n=1 if kind == "role" else 3)
    if options:
        # Labels may hold commas ("Seattle, WA"), so alternatives are joined with "or".
        hint = f": did you mean {' or '.join(options)}?"
    else:
        hint = f". Try {EXAMPLES[kind]}." if kind in EXAMPLES and kind != "role" else "."
    if kind == "role":
        # Few enough to name them all, so a person sees every role the bot knows.
        hint += f" The {len(tx.ROLES)} roles: {tx.role_names()}."
    return QueryError(field, f"Unknown {field_name(field)} '{clip(text)}'{hint}", options)
