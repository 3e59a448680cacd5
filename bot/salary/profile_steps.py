"""The steps a person's inputs add: education, industry, company, skills, certifications.

Education, industry, company size and languages are the Stack Overflow 2023 regression
(build/effects.py); what the survey does not measure is a small labelled assumption.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import assumptions
from .results import FactorKind
from .said import Name, Said, said

SO_CREDIT = "Stack Overflow Developer Survey 2023 (ODbL)"
# The inputs that add a step of their own, priced here.
KEYED_KINDS = ("education", "industry", "skill", "company", "certification")
SaidStep = tuple[Said, float, Said, FactorKind]  # name, log multiplier, source, kind


def said_step(effects: dict[str, Any], kind: str, key: str) -> SaidStep | None:
    """The step one input adds, at its full (uncapped) value; None when it moves nothing."""
    eff = effects
    so_n = eff["n_respondents"]
    if kind == "education":
        e = eff["education"].get(key)
        if not e:
            return None
        name = said("Education: {name}", name=Name("education", key))
        counted = (
            said(
                "{survey}, n={n} of {total} US respondents (PhD counted with professional degrees)",
                survey=SO_CREDIT,
                n=e["n"],
                total=so_n,
            )
            if key == "phd"
            else said(
                "{survey}, n={n} of {total} US respondents", survey=SO_CREDIT, n=e["n"], total=so_n
            )
        )
        return (name, e["log_effect"], counted, "data")
    if kind == "industry":
        return _surveyed_or_assumed(
            said("Industry: {name}", name=Name("industry", key)),
            eff["industry"].get(key),
            lambda n: said("{survey}, n={n} of {total}", survey=SO_CREDIT, n=n, total=so_n),
            assumptions.INDUSTRY_EFFECT.get(key, 0.0),
            said("assumption: no open data for this industry"),
        )
    if kind == "skill":
        return _surveyed_or_assumed(
            said("Skill: {name}", name=Name("skill", key)),
            eff["skill"].get(key),
            lambda n: said("{survey}, n={n} use it", survey=SO_CREDIT, n=n),
            assumptions.SKILL_EFFECT.get(key, 0.0),
            said("assumption: no open data on this skill"),
        )
    if kind == "company":
        c = eff["company"][key]
        source = said(
            "{survey}, by organisation size as a proxy, n={n}", survey=SO_CREDIT, n=c["n"]
        )
        return (said("Company: {name}", name=Name("company", key)), c["log_effect"], source, "data")
    value = assumptions.CERTIFICATION_EFFECT.get(key, 0.01)
    name = said("Certification: {name}", name=Name("certification", key))
    return (name, value, said("assumption: no open data links certificates to pay"), "assumption")


def _surveyed_or_assumed(
    name: Said,
    measured: dict[str, Any] | None,
    counted: Callable[[int], Said],
    assumed: float,
    why: Said,
) -> SaidStep:
    """The survey's effect where it measured one, else a small labelled assumption."""
    if measured is not None:
        return (name, float(measured["log_effect"]), counted(measured["n"]), "data")
    return (name, assumed, why, "assumption")
