"""The fields that describe a person's job, declared once.

The query, the stored profile, the slash-command options, the fill-in and the answers all
read this declaration: a new field is added here and nowhere else by hand.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from .said import N_

# Values are keys or short codes; these bounds only keep one person from bloating a store
# (the query checks meaning, with friendlier limits).
Key = Annotated[str, Field(max_length=200)]
Keys = Annotated[tuple[Annotated[str, Field(max_length=100)], ...], Field(max_length=50)]
MAX_YEARS = 50
EXPERIENCE = ("years", "level")
# The value a choice takes to clear what was saved ("any level", "any industry").
ANY = "any"


def _field(
    label: str,
    description: str,
    *,
    kind: str | None = None,
    option: str | None = None,
    **bounds: Any,
) -> Any:
    """A field with the name people read, the option's help text and its taxonomy kind."""
    extra: JsonDict = {"kind": kind, "option": option}
    return Field(None, title=label, description=description, json_schema_extra=extra, **bounds)


def _list_field(label: str, description: str, *, kind: str) -> Any:
    extra: JsonDict = {"kind": kind, "option": None}
    return Field((), title=label, description=description, json_schema_extra=extra)


class SalaryFields(BaseModel):
    """What a person can say about their job; None or an empty list means "not said"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Key | None = _field(
        N_("role"),
        "Job role or title, e.g. ML engineer, data scientist, MLE, applied scientist",
        kind="role",
    )
    years: int | None = _field(
        N_("years"), f"Years of professional experience (0-{MAX_YEARS})", ge=0, le=MAX_YEARS
    )
    level: Key | None = _field(N_("level"), "Career level, if you prefer it to years", kind="level")
    location: Key | None = _field(
        N_("location"), "Country, US metro or Canadian region, or remote", kind="location"
    )
    industry: Key | None = _field(N_("industry"), "Industry you work in", kind="industry")
    education: Key | None = _field(N_("education"), "Highest degree", kind="education")
    skills: Keys = _list_field(
        N_("skills"), "Comma-separated, e.g. python, pytorch, llm", kind="skill"
    )
    certifications: Keys = _list_field(
        N_("certifications"), "Comma-separated, e.g. AWS ML Specialty", kind="certification"
    )
    company_type: Key | None = _field(
        N_("company"), "Kind of company", kind="company", option="company"
    )
    remote: bool | None = _field(N_("remote"), "Fully remote job?")
    currency: Key | None = _field(N_("currency"), "Currency of the answer")


FIELD_NAMES: tuple[str, ...] = tuple(SalaryFields.model_fields)
LIST_FIELDS: tuple[str, ...] = tuple(
    name for name, info in SalaryFields.model_fields.items() if info.default == ()
)


def _extra(name: str) -> dict[str, Any]:
    extra = SalaryFields.model_fields[name].json_schema_extra
    return extra if isinstance(extra, dict) else {}


def label(name: str) -> str:
    """How a field is named to people ("company" for company_type): an English message id,
    worded in the reader's language where shown."""
    info = SalaryFields.model_fields.get(name)
    return info.title or name if info is not None else name


def description(name: str) -> str:
    return SalaryFields.model_fields[name].description or label(name)


def kind(name: str) -> str | None:
    """The taxonomy kind that names this field's values, if any."""
    value = _extra(name).get("kind")
    return str(value) if value else None


def option_name(name: str) -> str:
    """The slash-command option for a field (company for company_type)."""
    value = _extra(name).get("option")
    return str(value) if value else name


FIELD_OF_OPTION = {option_name(name): name for name in FIELD_NAMES}


def is_given(value: Any) -> bool:
    """Whether a value says something: None and empty lists or text say nothing."""
    return value is not None and value != [] and value != () and value != ""


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` over `base`, keeping years and level one fact; "any" clears a field.

    Experience is said once, as years or as a level: a change to either replaces both, so a
    new level never sits beside old years.
    """
    merged = {**base, **{name: value for name, value in changes.items() if is_given(value)}}
    if any(is_given(changes.get(name)) for name in EXPERIENCE):
        for name in EXPERIENCE:
            merged[name] = changes.get(name) if is_given(changes.get(name)) else None
    return {name: value for name, value in merged.items() if value != ANY}
