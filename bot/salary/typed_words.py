"""How a typed value is echoed back and refused: clipped, named, with a way forward.

What is said is a message key with its values (bot/salary/said.py): the field and the
choices by name, worded in the reader's language; what the person typed is echoed as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import taxonomy as tx
from .errors import QueryError
from .said import N_, Count, Name, Said, Value, said

MAX_TEXT = 100  # longer inputs are not names of anything we know
CLIP = 40

# A field's name inside a sentence, singular for lists ("Unknown skill ...").
FIELD_WORDS = {
    "role": N_("role"),
    "years": N_("years"),
    "level": N_("level"),
    "location": N_("location"),
    "industry": N_("industry"),
    "education": N_("education"),
    "skills": N_("skill"),
    "certifications": N_("certification"),
    "company_type": N_("company type"),
    "company": N_("company"),
    "remote": N_("remote"),
    "currency": N_("currency"),
    "year": N_("year"),
    "locations": N_("locations"),
}
# The same at the start of a sentence, where English capitalises it.
FIELD_WORDS_FIRST = {
    "role": N_("Role"),
    "years": N_("Years"),
    "level": N_("Level"),
    "location": N_("Location"),
    "industry": N_("Industry"),
    "education": N_("Education"),
    "skills": N_("Skill"),
    "certifications": N_("Certification"),
    "company_type": N_("Company type"),
    "company": N_("Company"),
    "remote": N_("Remote"),
    "currency": N_("Currency"),
    "year": N_("Year"),
    "locations": N_("Locations"),
}
# Lists by their plural ("Too many skills").
LIST_WORDS = {"skills": N_("skills"), "certifications": N_("certifications")}


def clip(text: str, limit: int = CLIP) -> str:
    """User text as it may be echoed back: one line, at most `limit` chars."""
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def field_said(field: str, *, first: bool = False) -> Value:
    """A field's name for a sentence (`first`: as it opens one); a field no table names
    passes as it is."""
    key = (FIELD_WORDS_FIRST if first else FIELD_WORDS).get(field)
    return Said(key) if key is not None else field


def field_name(field: str) -> str:
    """A field's name in an English sentence, singular for lists ("Unknown skill ...")."""
    return str(field_said(field))


def text_of(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise QueryError(field, said("{field} must be text.", field=field_said(field, first=True)))
    if len(value) > MAX_TEXT:
        raise QueryError(
            field,
            said(
                "That {field} is too long ({count} characters); please keep it under {limit}.",
                field=field_said(field),
                count=Count(len(value)),
                limit=Count(MAX_TEXT),
            ),
        )
    return value


def one_of(choices: Sequence[Value], *, commas: bool = False) -> Value:
    """Choices as alternatives, each worded in the reader's language: "A or B or C" (names
    may hold commas: "Seattle, WA"), or with `commas` "A, B or C"."""
    if len(choices) == 1:
        return choices[0]
    head = choices[0]
    for choice in choices[1:-1]:
        head = (
            said("{choices}, {choice}", choices=head, choice=choice)
            if commas
            else said("{choices} or {choice}", choices=head, choice=choice)
        )
    return said("{choices} or {choice}", choices=head, choice=choices[-1])


# What to type instead, when nothing known is close to what was typed.
EXAMPLES = {
    "location": N_(
        "a country (Germany, IN), a US metro (Seattle), a Canadian region (Toronto) or remote"
    ),
    "skill": N_("python, pytorch, llm or sql"),
    "certification": N_("AWS ML Specialty or Google Cloud ML Engineer"),
    "industry": N_("finance, healthcare or technology"),
    "education": N_("bachelor's, master's or PhD"),
    "company": N_("big tech, enterprise or startup"),
    "level": N_("entry, mid, senior or principal"),
}
# Every role as it can be typed (each is a name the taxonomy knows; a test checks it).
ROLES_AS_TYPED = {
    "ml_engineer": N_("ML engineer"),
    "data_scientist": N_("data scientist"),
    "research_scientist": N_("research scientist"),
    "software_engineer": N_("software engineer"),
    "ai_engineer": N_("AI engineer"),
    "data_engineer": N_("data engineer"),
    "data_analyst": N_("data analyst"),
    "mlops_engineer": N_("MLOps engineer"),
}


def named_options(kind: str, labels: Sequence[str]) -> list[Value]:
    """Labels the taxonomy suggested, as names the reader's language gives them."""
    return [Name(kind, key) if (key := tx.lookup(kind, label)) else label for label in labels]


def nearest_role_note(title: str) -> Said | None:
    """Says so when a typed title is estimated as the nearest role rather than its own."""
    key = tx.nearest_role(title)
    if key is None:
        return None
    return said(
        "'{typed}' is not a role in the data: estimated as {role}, the nearest.",
        typed=" ".join(title.split())[:40],
        role=Name("role", key),
    )


def unknown_value(field: str, kind: str, text: str) -> QueryError:
    """'Unknown location 'seatle': did you mean Seattle, WA?' with a way forward either way."""
    # Every role is named below, so one best guess is enough there.
    options = tx.did_you_mean(kind, text, n=1 if kind == "role" else 3)
    name, typed = field_said(field), clip(text)
    if options:
        # Labels may hold commas ("Seattle, WA"), so alternatives are joined with "or".
        choices = one_of(named_options(kind, options))
        message = said(
            "Unknown {field} '{typed}': did you mean {choices}?",
            field=name,
            typed=typed,
            choices=choices,
        )
    elif kind in EXAMPLES:
        examples = Said(EXAMPLES[kind])
        message = said(
            "Unknown {field} '{typed}'. Try {examples}.", field=name, typed=typed, examples=examples
        )
    else:
        message = said("Unknown {field} '{typed}'.", field=name, typed=typed)
    if kind == "role":
        # Few enough to name them all, so a person sees every role the bot knows.
        roles = one_of([Said(ROLES_AS_TYPED[key]) for key in tx.keys("role")], commas=True)
        message = said(
            "{problem} The {count} roles: {roles}.",
            problem=message,
            count=Count(len(tx.ROLES)),
            roles=roles,
        )
    return QueryError(field, message, options)
