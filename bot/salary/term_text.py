"""What every term of an offer shares as typed: its length limit, its name in an error, and
the refusal of a minus sign."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from .errors import QueryError
from .said import N_, Count, Said, said
from .typed_words import clip

# What Discord lets a person type in a term; longer text is refused before it is read.
MAX_TERM_TEXT = 60
TERM_ECHO = 30

# How an error names the term it is about; a nested message, translated where it is shown.
_NAMES = {
    "base": N_("base salary"),
    "bonus": N_("bonus"),
    "equity": N_("equity"),
    "sign_on": N_("sign-on bonus"),
    "vesting": N_("vesting schedule"),
    "price": N_("share price"),
    "shares": N_("share count"),
}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


def term_name(field: str) -> Said:
    return Said(_NAMES[field])


def echoed(text: str, limit: int = TERM_ECHO) -> str:
    """A typed term as an error echoes it: one line, shorter than other typed values."""
    return clip(text, limit)


def bounded(field: str, text: str) -> str:
    if len(text) > MAX_TERM_TEXT:
        raise QueryError(
            field,
            said(
                "The {name} is too long ({length} characters): keep it under {limit}.",
                name=term_name(field),
                length=len(text),
                limit=Count(MAX_TERM_TEXT),
            ),
        )
    return text


def not_negative(field: str, text: str) -> None:
    if re.match(r"^\s*[-−]", text):
        raise QueryError(field, said("The {name} can't be negative.", name=term_name(field)))
