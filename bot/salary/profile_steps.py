"""The steps a person's inputs add: education, industry, company, skills, certifications.

Education, industry, company size and languages are the Stack Overflow 2023 regression
(build/effects.py); what the survey does not measure is a small labelled assumption.
"""

from __future__ import annotations

from typing import Any

from . import assumptions
from . import taxonomy as tx
from .area import Step

SO_CREDIT = "Stack Overflow Developer Survey 2023 (ODbL)"
# Inputs the survey measures for some keys only; the rest get a small labelled assumption:
# how the survey's count reads, the assumed effects, and why they are assumed.
SURVEYED_OR_ASSUMED: dict[str, tuple[str, dict[str, float], str]] = {
    "industry": (
        " of {respondents}",
        assumptions.INDUSTRY_EFFECT,
        "no open data for this industry",
    ),
    "skill": (" use it", assumptions.SKILL_EFFECT, "no open data on this skill"),
}


def keyed_step(effects: dict[str, Any], kind: str, key: str) -> Step | None:
    """The step one input adds, at its full (uncapped) value; None when it moves nothing."""
    eff = effects
    so_n = eff["n_respondents"]
    if kind == "education":
        e = eff["education"].get(key)
        if not e:
            return None
        note = " (PhD counted with professional degrees)" if key == "phd" else ""
        source = f"{SO_CREDIT}, n={e['n']} of {so_n} US respondents{note}"
        return (f"Education: {tx.label('education', key)}", e["log_effect"], source, "data")
    if kind in SURVEYED_OR_ASSUMED:
        counted, assumed, why = SURVEYED_OR_ASSUMED[kind]
        return _surveyed_or_assumed(
            f"{kind.capitalize()}: {tx.label(kind, key)}",
            eff[kind].get(key),
            counted.format(respondents=so_n),
            assumed.get(key, 0.0),
            why,
        )
    if kind == "company":
        c = eff["company"][key]
        source = f"{SO_CREDIT}, by organisation size as a proxy, n={c['n']}"
        return (f"Company: {tx.label('company', key)}", c["log_effect"], source, "data")
    value = assumptions.CERTIFICATION_EFFECT.get(key, 0.01)
    name = f"Certification: {tx.label('certification', key)}"
    return (name, value, "assumption: no open data links certificates to pay", "assumption")


def _surveyed_or_assumed(
    name: str, measured: dict[str, Any] | None, counted: str, assumed: float, why: str
) -> Step:
    """The survey's effect where it measured one, else a small labelled assumption."""
    if measured is not None:
        source = f"{SO_CREDIT}, n={measured['n']}{counted}"
        return (name, float(measured["log_effect"]), source, "data")
    return (name, assumed, f"assumption: {why}", "assumption")
