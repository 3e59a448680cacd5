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
from .query import SalaryQuery
from .results import Factor, Tip, TipsReport

PER_KIND = {"skill": 2, "certification": 1, "location": 2}  # others: 1
# What better-paid survey respondents have: a correlation, not a step that causes a raise.
ASSOCIATIONS = ("skill", "certification", "education", "industry")
_NEXT_LEVEL = {"entry": "mid", "mid": "senior", "senior": "principal"}
_DEGREE_ORDER = ("none", "bachelors", "masters", "phd")


def tips(model: SalaryModel, query: SalaryQuery, limit: int = 6) -> TipsReport:
    median = model.median(query)
    # Rank every change by its median alone; only the tips shown need the whole estimate.
    gains: list[tuple[str, str, str, SalaryQuery, float]] = []
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
            source=_source(est.factors, kind, est.cell),
            detail=_detail(kind, est.factors, query.country),
        )
        twin = _same_figure(items, tip)
        if twin is not None:
            # Places priced by one shared figure (San Francisco and San Jose both use the
            # Bay Area ratio) are one move, named together, not two.
            place = tx.label("location", key)
            items[twin] = items[twin].model_copy(
                update={"title": f"{items[twin].title} or {place}"}
            )
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
        sample=basis.text,
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
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    level = q.effective_level
    if level in _NEXT_LEVEL:
        nxt = _NEXT_LEVEL[level]
        yield "level", nxt, f"Step up to {tx.label('level', nxt)}", {"level": nxt, "years": None}
    country = q.country
    for loc in tx.LOCATIONS:
        same_country = country is None or loc.country == country
        if loc.kind in ("metro", "region") and same_country and loc.key != q.location:
            yield "location", loc.key, f"Work in {loc.label}", {"location": loc.key}
    if q.is_remote is not True and q.location != tx.REMOTE.key:
        yield "remote", "remote", "Work fully remote", {"remote": True}
    if q.is_remote is not False:
        yield "remote", "onsite", "Work on-site", {"remote": False}
    for key in tx.keys("skill"):
        if key not in q.skills:
            yield "skill", key, f"Knowing {tx.label('skill', key)}", {"skills": (*q.skills, key)}
    for key in tx.keys("certification"):
        if key not in q.certifications:
            title = f"Holding {tx.label('certification', key)}"
            yield "certification", key, title, {"certifications": (*q.certifications, key)}
    have = _DEGREE_ORDER.index(q.education) if q.education else -1
    for key in _DEGREE_ORDER[have + 1 :]:
        if key != "none":
            yield "education", key, f"A {tx.label('education', key)}", {"education": key}
    for key in tx.keys("industry"):
        if key != q.industry:
            yield "industry", key, f"Working in {tx.label('industry', key)}", {"industry": key}
    for key in tx.keys("company"):
        if key != q.company_type:
            title = f"Join a {tx.label('company', key).lower()} company"
            yield "company", key, title, {"company_type": key}


def _source(factors: list[Factor], kind: str, cell: str) -> str:
    prefix = {
        "skill": "Skill",
        "certification": "Certification",
        "education": "Education",
        "industry": "Industry",
        "company": "Company",
        "location": "Area",
    }.get(kind)
    if prefix:
        hits = [f for f in factors if f.name.startswith(prefix)]
        if hits:
            return hits[-1].source
    return cell  # the band it moves to, with its sources


def _detail(kind: str, factors: list[Factor], country: str | None) -> str:
    assumed = any(f.kind == "assumption" for f in factors if f.name.lower().startswith(kind[:5]))
    if assumed:
        return "A small assumed effect: no open data measures it."
    if kind == "location":
        return "Published pay ratio for software/data occupations, applied to this role."
    if kind in ("level", "remote"):
        return "Measured from posted salaries in the same role and country."
    abroad = "" if country in (None, "US") else " Measured in the US only; abroad it is unknown."
    return (
        "US survey respondents in similar jobs who have it are paid this much more: an "
        f"association, not a promise that getting it raises pay.{abroad}"
    )


def advice(q: SalaryQuery) -> list[str]:
    """Negotiation and career pointers grounded in the article's figures (cited)."""
    out = [
        "Negotiate the whole package, not just base: the article (2023) puts performance "
        "bonuses at roughly a tenth to a fifth of base, and stock can add more if the "
        "company does well - but treat equity as upside, not rent money.",
        "Anchor on data: quote the band above (P50-P75 for a strong candidate) rather than "
        "your current pay, and let the employer make the first number where you can.",
        "Competing offers are your best lever; the article (2023) describes big tech firms "
        "in the hubs bidding up pay to win scarce ML talent.",
        "Time it well: ask when you have fresh results to point to (a shipped model, a "
        "review cycle, a promotion case). Demand for ML skills outran supply in 2023 "
        "according to the article.",
    ]
    if q.is_remote is not False:
        out.append(
            "For remote roles, ask early whether pay is set by your location or one rate for "
            "everyone: the article (2023) notes both policies exist."
        )
    if q.role in ("software_engineer", "data_analyst", "data_engineer"):
        out.append(
            "A move toward ML engineering is a common raise path: the article (2023) "
            "describes engineers who learn ML frameworks and Python moving into better-paid "
            "ML roles. Compare roles to see the gap for your profile."
        )
    out.append(
        "Keep skills current: the article (2023) names deep learning, NLP, computer vision "
        "and cloud as skills that lift pay; the tips above price what the data supports."
    )
    return out
