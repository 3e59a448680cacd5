"""SalaryQuery: a validated, normalised description of one person.

Forgiving about how people type ("Sr", "SF", "MLE", "5 years", "PhD"),
strict about what it accepts: anything it cannot place becomes a
QueryError whose message can be shown as is. A field left out (None or an
empty list) means "not known" and has no effect on the estimate.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import (
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import fields
from . import taxonomy as tx
from .currency import CURRENCIES, local_currency, normalise_code, suggest_currencies
from .errors import QueryError
from .fields import MAX_YEARS, SalaryFields
from .said import Count, Name, Said, said, said_plural
from .typed_words import (
    EXAMPLES,
    LIST_WORDS,
    MAX_TEXT,
    clip,
    field_said,
    text_of,
    unknown_value,
)

MAX_ITEMS = 20
MIN_YEAR, MAX_YEAR = 2020, 2035
# Which taxonomy kind names each single-valued field (levels are also read from "5 years" or "Sr").
KIND_OF = {
    name: kind
    for name in fields.FIELD_NAMES
    if (kind := fields.kind(name)) is not None
    and name not in fields.LIST_FIELDS
    and name not in fields.EXPERIENCE
}


def _resolve(field: str, kind: str, value: Any) -> str:
    text = text_of(field, value)
    if not tx.normalise(text):
        name = field_said(field)
        message = (
            said(
                "The {field} '{typed}' has no letters or digits in it.",
                field=name,
                typed=clip(text),
            )
            if text.strip()
            else said("The {field} has no letters or digits in it.", field=name)
        )
        raise QueryError(field, message)
    key = tx.lookup(kind, text)
    if key is not None:
        return key
    raise unknown_value(field, kind, text)


def _items(value: Any) -> list[Any]:
    if isinstance(value, str):
        if not value.strip():
            return [value]
        return [part for part in re.split(r"[,;|/]", value) if part.strip()] or [value]
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    raise QueryError("skills", said("Expected a list or a comma-separated text."))


def _years(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise QueryError(
                "years",
                said("Years of experience must be a number from 0 to {most}.", most=MAX_YEARS),
            )
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = text_of("years", value).strip().lower()
        if re.fullmatch(r"-\s*\d+(?:\.\d+)?", text):
            raise QueryError(
                "years", said("Years of experience must be between 0 and {most}.", most=MAX_YEARS)
            )
        m = re.fullmatch(
            r"(\d{1,3}(?:\.\d+)?)\s*\+?\s*(?:y|yr|yrs|year|years)?(?:\s+of\s+\w+)?", text
        )
        if not m:
            raise QueryError(
                "years",
                said(
                    "Couldn't read '{typed}' as years of experience: try a number like 5.",
                    typed=clip(text),
                ),
            )
        number = float(m.group(1))
    if not 0 <= number <= MAX_YEARS:
        raise QueryError(
            "years",
            said(
                "Years of experience must be between 0 and {most} (got {typed}).",
                most=MAX_YEARS,
                typed=clip(str(value), 12),
            ),
        )
    return int(number)


class SalaryQuery(SalaryFields):
    """The declared fields, validated and normalised, plus the year the answer is for."""

    year: int | None = None
    # How the level was read ("senior" from the title, staff as senior), for the answer's notes.
    _level_notes: tuple[Said, ...] = PrivateAttr(default=())
    # A level the person named that the data lacks ("staff"), estimated as `level`.
    _level_said: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _level_from_title(
        cls, data: Any, handler: ModelWrapValidatorHandler[SalaryQuery]
    ) -> SalaryQuery:
        """A level written in the role ("senior ML engineer") counts as the level."""
        notes: list[Said] = []
        staff: str | None = None
        if isinstance(data, dict):
            role, level = data.get("role"), data.get("level")
            found = (
                tx.level_in_title(role) if isinstance(role, str) and len(role) <= MAX_TEXT else None
            )
            if found is not None and level is None:
                data = {**data, "level": found[0]}
                notes.append(
                    said(
                        "Level read from the role: '{words}' counts as {level}.",
                        words=found[1],
                        level=Name("level", found[0]),
                    )
                )
            words = [found[1]] if found else []
            if isinstance(level, str):
                words.append(tx.normalise(level))
            staff = next((w for w in words if w in tx.STAFF_WORDS), None)
            if staff is not None:
                notes.append(
                    said(
                        "The data has no staff level (its levels are entry, mid, senior and "
                        "executive): staff is estimated as senior."
                    )
                )
        query = handler(data)
        if notes:
            query._level_notes = tuple(notes)
        query._level_said = staff
        return query

    @field_validator(*KIND_OF, mode="before")
    @classmethod
    def _named(cls, v: Any, info: ValidationInfo) -> str | None:
        field = str(info.field_name)
        return None if v is None else _resolve(field, KIND_OF[field], v)

    @field_validator("years", mode="before")
    @classmethod
    def _years(cls, v: Any) -> int | None:
        return _years(v)

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, v: Any) -> str | None:
        if v is None:
            return None
        text = text_of("level", v)
        key = tx.level_key(text)
        if key is None:
            options = [lv.label for lv in tx.LEVELS]
            raise QueryError(
                "level",
                said(
                    "Unknown level '{typed}': use {levels}.",
                    typed=clip(text),
                    levels=Said(EXAMPLES["level"]),
                ),
                options,
            )
        return key

    @field_validator("skills", mode="before")
    @classmethod
    def _skills(cls, v: Any) -> tuple[str, ...]:
        return _many("skills", "skill", v)

    @field_validator("certifications", mode="before")
    @classmethod
    def _certs(cls, v: Any) -> tuple[str, ...]:
        return _many("certifications", "certification", v)

    @field_validator("remote", mode="before")
    @classmethod
    def _remote(cls, v: Any) -> bool | None:
        if v is None or isinstance(v, bool):
            return v
        text = tx.normalise(text_of("remote", str(v)))
        if text in ("yes", "y", "true", "remote", "1", "100", "fully remote", "wfh"):
            return True
        if text in ("no", "n", "false", "onsite", "on site", "in office", "office", "0"):
            return False
        if text in ("hybrid", "50", "unknown", "either", ""):
            return None
        raise QueryError(
            "remote",
            said("Couldn't read '{typed}' as remote: use yes, no or hybrid.", typed=clip(str(v))),
        )

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, v: Any) -> int | None:
        if v is None:
            return None
        try:
            year = int(str(v).strip())
        except ValueError:
            message = said("Couldn't read '{typed}' as a year.", typed=clip(str(v)))
            raise QueryError("year", message) from None
        if not MIN_YEAR <= year <= MAX_YEAR:
            message = said(
                "The year must be between {first} and {last}.", first=MIN_YEAR, last=MAX_YEAR
            )
            raise QueryError("year", message)
        return year

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v: Any) -> str | None:
        if v is None:
            return None
        text = text_of("currency", v)
        try:
            return normalise_code(text)
        except KeyError:
            message = said(
                "Unsupported currency '{typed}': no rate for it. Pick one from the currency "
                "option's list ({count} currencies, such as USD, EUR, INR).",
                typed=clip(text, 12),
                count=Count(len(CURRENCIES)),
            )
            raise QueryError(
                "currency", message, [code for _, code in suggest_currencies(text)]
            ) from None

    @property
    def effective_level(self) -> str | None:
        """The stated level, else the level the years fall into, else None."""
        if self.level is not None:
            return self.level
        return None if self.years is None else tx.level_for_years(self.years)

    @property
    def level_said(self) -> str | None:
        """The level word the person used where the data has no such level ("staff")."""
        return self._level_said

    @property
    def answer_currency(self) -> str:
        """The currency asked for, else the place's own (US dollars where the bot has no rate)."""
        return self.currency or local_currency(self.country)

    @property
    def experience_said(self) -> list[Said]:
        """How the level was read, and the one rule when years and level disagree."""
        notes = list(self._level_notes)
        if self.level is not None and self.years is not None:
            by_years = tx.level_for_years(self.years)
            if by_years != self.level:
                notes.append(
                    said_plural(
                        "{count} year would read as {by_years}, but the level given wins: "
                        "the band is {level}.",
                        "{count} years would read as {by_years}, but the level given wins: "
                        "the band is {level}.",
                        self.years,
                        by_years=Name("level", by_years),
                        level=Name("level", self.level),
                    )
                )
        return notes

    @property
    def level_above(self) -> str | None:
        """The level above this person's (senior when unknown), or None at the top."""
        keys = [level.key for level in tx.LEVELS]
        current = self.effective_level
        if current is None:
            return "senior"
        position = keys.index(current)
        return keys[position + 1] if position + 1 < len(keys) else None

    @property
    def country(self) -> str | None:
        if self.location is None:
            return None
        return tx.LOCATION_BY_KEY[self.location].country

    @property
    def is_remote(self) -> bool | None:
        if self.remote is not None:
            return self.remote
        return True if self.location == tx.REMOTE.key else None


def _many(field: str, kind: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = _items(value)
    if len(items) > MAX_ITEMS:
        raise too_many(field, len(items))
    keys: list[str] = []
    for item in items:
        key = _resolve(field, kind, item)
        if key not in keys:
            keys.append(key)
    return tuple(sorted(keys))


def too_many(field: str, count: int) -> QueryError:
    return QueryError(
        field,
        said(
            "Too many {items} ({count}); at most {most}.",
            items=Said(LIST_WORDS[field]),
            count=Count(count),
            most=Count(MAX_ITEMS),
        ),
    )


def known_items(field: str, value: Any) -> tuple[tuple[str, ...], list[Said]]:
    """The items of a list field the data knows, and a note for each it does not.

    One unknown skill should not cost the whole answer: the rest is estimated and the note
    says what was left out, with a did-you-mean.
    """
    kind = fields.kind(field) or field
    items = [] if value is None else _items(value)
    if len(items) > MAX_ITEMS:
        raise too_many(field, len(items))
    keys: list[str] = []
    notes: list[Said] = []
    for item in items:
        try:
            key = _resolve(field, kind, item)
        except QueryError as error:
            notes.append(said("{problem} It was left out of this answer.", problem=error.said))
            continue
        if key not in keys:
            keys.append(key)
    return tuple(sorted(keys)), notes


# Queries kept by what was said: a person's profile fills the same fields into every command,
# and a query is frozen, so equal words may share one validated query.
QUERIES_KEPT = 4096


def parse_query(**raw: Any) -> SalaryQuery:
    """Build a SalaryQuery; every failure becomes a QueryError with a friendly message."""
    try:
        # The type is part of the key: True == 1, yet years=True is refused and years=1 is not.
        key = tuple(
            sorted((name, type(value).__name__, _frozen(value)) for name, value in raw.items())
        )
        hash(key)
    except TypeError:  # something unhashable: validated afresh (and refused, most likely)
        return _validated(**raw)
    return _kept(key)


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@lru_cache(maxsize=QUERIES_KEPT)
def _kept(key: tuple[tuple[str, str, Any], ...]) -> SalaryQuery:
    return _validated(**{name: value for name, _, value in key})


def _validated(**raw: Any) -> SalaryQuery:
    try:
        return SalaryQuery(**raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "query"
        cause = (first.get("ctx") or {}).get("error")
        if isinstance(cause, QueryError):
            raise cause from None
        if first["type"] == "extra_forbidden":
            raise QueryError(
                field, said("Unknown field '{typed}'.", typed=clip(field, 30))
            ) from None
        message = said("Invalid {field}: {problem}.", field=field_said(field), problem=first["msg"])
        raise QueryError(field, message) from None
