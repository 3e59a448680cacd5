"""What would move this person's median most, and how to negotiate.

Each candidate change is priced by re-running the model with that one
change, so a tip's money and source are exactly those the estimate would
show. Changes the profile already has are skipped; only gains are listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import taxonomy as tx
from .model import SalaryModel
from .profile_steps import KEYED_KINDS, said_step
from .query import SalaryQuery
from .results import Factor, Tip, TipsReport
from .said import N_, Name, Said, said

PER_KIND = {"skill": 2, "certification": 1, "location": 2}  # others: 1
# What better-paid survey respondents have: a correlation, not a step that causes a raise.
ASSOCIATIONS = ("skill", "certification", "education", "industry")
_NEXT_LEVEL = {"entry": "mid", "mid": "senior", "senior": "principal"}
_DEGREE_ORDER = ("none", "bachelors", "masters", "phd")
# One sentence per company type: "a big tech company" but "an enterprise".
JOIN_COMPANY = {
    "big_tech": N_("Join a big tech company"),
    "enterprise": N_("Join an enterprise company"),
    "startup": N_("Join a startup company"),
}


def tips(model: SalaryModel, query: SalaryQuery, limit: int = 6) -> TipsReport:
    median = model.median(query)
    # Rank every change by its median alone; only the tips shown need the whole estimate.
    gains: list[tuple[str, str, Said, SalaryQuery, float]] = []
    for kind, key, title, update in _candidates(model, query):
        changed = query.model_copy(update=update)
        delta = model.median(changed) - median
        if delta > 0.5:
            gains.append((kind, key, title, changed, delta))
    gains.sort(key=lambda g: (g[0] in ASSOCIATIONS, -g[4], g[0], g[1]))
    items: list[Tip] = []
    used: dict[str, int] = {}
    for kind, key, title, changed, _ in gains:
        if used.get(kind, 0) >= PER_KIND.get(kind, 1):
            continue
        est = model.estimate(changed)
        tip = Tip(
            kind=kind,
            key=key,
            title=title,
            delta=est.base.p50 - median,
            new_median=est.base.p50,
            source=_source(model, est.factors, kind, key, est.said_cell),
            detail=_detail(kind, est.factors, query.country),
        )
        twin = _same_figure(items, tip)
        if twin is not None:
            # Places priced by one shared figure (San Francisco and San Jose both use the
            # Bay Area ratio) are one move, named together, not two.
            first = Name("location", items[twin].key)
            title = said("Work in {place} or {other}", place=first, other=Name("location", key))
            items[twin] = items[twin].model_copy(update={"title": title})
            continue
        used[kind] = used.get(kind, 0) + 1
        items.append(tip)
        if len(items) >= limit:
            break
    _, basis = model.base_as(query, query.role, query.location)
    return TipsReport(
        query=query,
        currency=query.answer_currency,
        median=median,
        items=items,
        advice=advice(query),
        sample=basis.said_text,
        thin=basis.thin,
    )


def _same_figure(items: list[Tip], tip: Tip) -> int | None:
    """Where a place tip with the same gain from the same source is already listed."""
    if tip.kind != "location":
        return None
    return next(
        (
            i
            for i, other in enumerate(items)
            if other.kind == tip.kind and (other.delta, other.source) == (tip.delta, tip.source)
        ),
        None,
    )


def _candidates(
    model: SalaryModel, q: SalaryQuery
) -> Iterator[tuple[str, str, Said, dict[str, Any]]]:
    level = q.effective_level
    if level in _NEXT_LEVEL:
        nxt = _NEXT_LEVEL[level]
        step_up = said("Step up to {level}", level=Name("level", nxt))
        yield "level", nxt, step_up, {"level": nxt, "years": None}
    country = q.country
    for loc in tx.LOCATIONS:
        same_country = country is None or loc.country == country
        if loc.kind in ("metro", "region") and same_country and loc.key != q.location:
            move = said("Work in {place}", place=Name("location", loc.key))
            yield "location", loc.key, move, {"location": loc.key}
    if q.is_remote is not True and q.location != tx.REMOTE.key:
        yield "remote", "remote", said("Work fully remote"), {"remote": True}
    if q.is_remote is not False:
        yield "remote", "onsite", said("Work on-site"), {"remote": False}
    for key in tx.keys("skill"):
        if key not in q.skills:
            knowing = said("Knowing {skill}", skill=Name("skill", key))
            yield "skill", key, knowing, {"skills": (*q.skills, key)}
    for key in tx.keys("certification"):
        if key not in q.certifications:
            holding = said("Holding {certification}", certification=Name("certification", key))
            yield "certification", key, holding, {"certifications": (*q.certifications, key)}
    have = _DEGREE_ORDER.index(q.education) if q.education else -1
    for key in _DEGREE_ORDER[have + 1 :]:
        if key != "none":
            degree = said("A {degree}", degree=Name("education", key))
            yield "education", key, degree, {"education": key}
    for key in tx.keys("industry"):
        if key != q.industry:
            working = said("Working in {industry}", industry=Name("industry", key))
            yield "industry", key, working, {"industry": key}
    for key in tx.keys("company"):
        if key != q.company_type:
            yield "company", key, Said(JOIN_COMPANY[key]), {"company_type": key}


def _source(
    model: SalaryModel, factors: list[Factor], kind: str, key: str, cell: Said
) -> Said | str:
    """Where the tip's figure comes from: the survey's or the assumption's own words for an
    input, the published ratio for a place, else the band it moves to."""
    if kind in KEYED_KINDS:
        step = said_step(model.effects, kind, key)
        if step is not None:
            return step[2]
    if kind == "location":
        hits = [f for f in factors if _names(f, "location")]  # the area steps
        if hits:
            return hits[-1].said_source
    return cell  # the band it moves to, with its sources


def _detail(kind: str, factors: list[Factor], country: str | None) -> Said:
    assumed = any(f.kind == "assumption" for f in factors if _names(f, kind))
    if assumed:
        return said("A small assumed effect: no open data measures it.")
    if kind == "location":
        return said("Published pay ratio for software/data occupations, applied to this role.")
    if kind in ("level", "remote"):
        return said("Measured from posted salaries in the same role and country.")
    if country in (None, "US"):
        return said(
            "US survey respondents in similar jobs who have it are paid this much more: an "
            "association, not a promise that getting it raises pay."
        )
    return said(
        "US survey respondents in similar jobs who have it are paid this much more: an "
        "association, not a promise that getting it raises pay. Measured in the US only; "
        "abroad it is unknown."
    )


def _names(factor: Factor, kind: str) -> bool:
    """Whether the factor is a step of this kind of input ("Skill: {name}" for a skill)."""
    name = factor.said_name
    return isinstance(name, Said) and any(
        isinstance(value, Name) and value.kind == kind for value in name.values.values()
    )


def advice(q: SalaryQuery) -> list[Said]:
    """Negotiation and career pointers grounded in the article's figures (cited)."""
    out = [
        said(
            "Negotiate the whole package, not just base: the article (2023) puts performance "
            "bonuses at roughly a tenth to a fifth of base, and stock can add more if the "
            "company does well - but treat equity as upside, not rent money."
        ),
        said(
            "Anchor on data: quote the band above (P50-P75 for a strong candidate) rather than "
            "your current pay, and let the employer make the first number where you can."
        ),
        said(
            "Competing offers are your best lever; the article (2023) describes big tech firms "
            "in the hubs bidding up pay to win scarce ML talent."
        ),
        said(
            "Time it well: ask when you have fresh results to point to (a shipped model, a "
            "review cycle, a promotion case). Demand for ML skills outran supply in 2023 "
            "according to the article."
        ),
    ]
    if q.is_remote is not False:
        out.append(
            said(
                "For remote roles, ask early whether pay is set by your location or one rate "
                "for everyone: the article (2023) notes both policies exist."
            )
        )
    if q.role in ("software_engineer", "data_analyst", "data_engineer"):
        out.append(
            said(
                "A move toward ML engineering is a common raise path: the article (2023) "
                "describes engineers who learn ML frameworks and Python moving into "
                "better-paid ML roles. Compare roles to see the gap for your profile."
            )
        )
    out.append(
        said(
            "Keep skills current: the article (2023) names deep learning, NLP, computer vision "
            "and cloud as skills that lift pay; the tips above price what the data supports."
        )
    )
    return out
