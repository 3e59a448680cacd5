"""SalaryModel: SalaryQuery -> SalaryEstimate from tables loaded once.

The base band (P10..P90) comes from the aijobs table (bands.py). Every
other input moves the whole band by one multiplier, listed as a Factor with
its source, so each number in the answer can be traced:

  projection   data year -> asked year, growth measured from the data
  remote       remote / on-site gap measured from the data
  area         metro or region factor (published medians, an occupation proxy)
  education, industry, company type, languages, cloud
               Stack Overflow 2023 regression, centred on the data/ML mix
  other skills, certifications, industries without data
               small labelled assumptions (assumptions.py)

Bonus and equity are shown as ranges beside the base, never inside it.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import article, assumptions, stacking
from . import taxonomy as tx
from .article_context import article_context
from .bands import ANY, Band, BandTable
from .currency import convert, rate_note
from .level_order import MIN_STEP
from .paths import DATA_DIR
from .query import SalaryQuery
from .results import (
    Confidence,
    Factor,
    FactorKind,
    Percentiles,
    Range,
    SalaryEstimate,
)

CURRENT_YEAR = 2026  # the year answers are projected to when none is asked
SO_CREDIT = "Stack Overflow Developer Survey 2023 (ODbL)"
AIJOBS_CREDIT = "aijobs.net salary index"

# Answers kept, by query: the same person asks again, compares roles, presses Tips; tips
# price the same changes for everyone in one role and place. An estimate is about 12 kB.
ESTIMATES_KEPT = 512
MEDIANS_KEPT = 8192
CARRIED = 3  # steps the band already includes: projection, remote, level order
_Step = tuple[str, float, str, FactorKind]  # name, log multiplier, source, kind


class SalaryModel:
    def __init__(self, bands: dict[str, Any], effects: dict[str, Any], locations: dict[str, Any]):
        self.bands = BandTable(bands)
        self.effects = effects
        self.areas: dict[str, Any] = locations["areas"]
        self.role_family: dict[str, str] = locations["role_family"]
        self.data_year = self.bands.ref_year
        self._estimates = lru_cache(maxsize=ESTIMATES_KEPT)(self._estimate_as)
        self._medians = lru_cache(maxsize=MEDIANS_KEPT)(self._median)

    @classmethod
    def load(cls, path: str | Path | None = None) -> SalaryModel:
        """Load the three tables from a directory (default: the shipped data)."""
        base = Path(path) if path is not None else DATA_DIR
        parts = [
            json.loads((base / f"{n}.json").read_text("utf-8"))
            for n in ("bands", "effects", "locations")
        ]
        return cls(*parts)

    # --- the estimate ---------------------------------------------------------

    def band(
        self, query: SalaryQuery, *, role: str | None = None, location: str | None = None
    ) -> Band:
        loc = location if location is not None else query.location
        country = tx.LOCATION_BY_KEY[loc].country if loc else None
        remote = True if loc == tx.REMOTE.key else query.remote
        return self.bands.lookup(
            role if role is not None else query.role,
            query.effective_level,
            country,
            query.year or CURRENT_YEAR,
            remote,
        )

    def estimate(self, query: SalaryQuery) -> SalaryEstimate:
        return self.estimate_as(query, query.role, query.location)

    def estimate_as(
        self, query: SalaryQuery, role: str | None, location: str | None
    ) -> SalaryEstimate:
        """The same person in another role or place: what comparisons are made of."""
        return self._estimates(query, role, location)

    def _estimate_as(
        self, query: SalaryQuery, role: str | None, location: str | None
    ) -> SalaryEstimate:
        band, steps, notes = self._priced(query, role, location)
        ccy = query.answer_currency
        # The band already carries projection, remote and level order; strip them to show
        # the data band.
        carried = sum(s[1] for s in steps[:CARRIED])
        base = _base(band, steps, ccy)
        median = convert(math.exp(band.logq[2] - carried), "USD", ccy)
        factors = []
        for i, (name, logm, source, kind) in enumerate(steps):
            if i < CARRIED and logm == 0.0:
                continue  # nothing projected, no remote information, levels in order
            m = math.exp(logm)
            factors.append(
                Factor.model_construct(
                    name=name, multiplier=m, effect=median * (m - 1), source=source, kind=kind
                )
            )
            median *= m
        level = query.effective_level or "any"
        p50 = base[2]
        bonus = Range.model_construct(
            low=p50 * article.BONUS_SHARE[0], high=p50 * article.BONUS_SHARE[1]
        )
        company = query.company_type or ""
        eq_lo, eq_hi = assumptions.EQUITY_SHARE[company][level]
        equity = Range.model_construct(low=p50 * eq_lo, high=p50 * eq_hi)
        extra_share = sum(article.BONUS_SHARE) / 2 + (eq_lo + eq_hi) / 2
        total = [v * (1 + extra_share) for v in base]
        notes.extend(self._band_notes(band, query))
        if ccy != "USD":
            note = rate_note(ccy)
            notes.append(note[:1].upper() + note[1:] + ".")
        return SalaryEstimate.model_construct(
            query=query,
            currency=ccy,
            base=Percentiles.of(base),
            bonus=bonus,
            equity=equity,
            total=Percentiles.of(total),
            factors=factors,
            sample_size=band.n,
            confidence=self._confidence(band, steps),
            data_year=self.data_year,
            as_of=query.year or CURRENT_YEAR,
            cell=self._describe(band),
            notes=notes,
            article_context=article_context(role, level, ccy, location),
            bonus_source=f"{article.CITATION}: {article.BONUS_SHARE[0] * 100:.0f}-"
            f"{article.BONUS_SHARE[1]:.0%} of the median base",
            equity_source=f"assumption: {eq_lo * 100:.0f}-{eq_hi:.0%} of the median base a year, "
            f"{assumptions.EQUITY_KIND[company]}",
            total_span="base P25-P75, each plus the bonus and equity midpoints",
        )

    def base_as(
        self, query: SalaryQuery, role: str | None, location: str | None
    ) -> tuple[Percentiles, int]:
        """The estimate's base band and sample size alone: what comparisons show per row."""
        band, steps, _ = self._priced(query, role, location)
        return Percentiles.of(_base(band, steps, query.answer_currency)), band.n

    def median(self, query: SalaryQuery) -> float:
        """The estimate's base median alone: what tips rank many changes by."""
        return self._medians(query)

    def _median(self, query: SalaryQuery) -> float:
        return self.base_as(query, query.role, query.location)[0].p50

    def _priced(
        self, query: SalaryQuery, role: str | None, location: str | None
    ) -> tuple[Band, list[_Step], list[str]]:
        """The band and every step that moves it, with the notes they leave."""
        band = self.band(query, role=role, location=location)
        steps, notes = self._steps(query, band, role, location)
        steps.extend(self._combined(steps, band, role, location, notes))
        return band, steps, notes

    # --- factors ---------------------------------------------------------------

    def _steps(
        self, query: SalaryQuery, band: Band, role: str | None, location: str | None
    ) -> tuple[list[_Step], list[str]]:
        notes: list[str] = []
        proj = self.bands.growth * band.extrapolated_years
        steps: list[_Step] = [
            (
                f"Projected {band.extrapolated_years} "
                f"{'year' if band.extrapolated_years == 1 else 'years'} to {query.year or CURRENT_YEAR}",
                proj,
                f"{AIJOBS_CREDIT}: measured {self.data_year - 1}-{self.data_year} change "
                f"{math.expm1(self.bands.growth):+.1%}/yr (article (2023) says 10-20%)",
                "data",
            ),
            (
                "Remote" if location == tx.REMOTE.key or query.remote else "On-site",
                band.remote_effect,
                f"{AIJOBS_CREDIT}: remote vs on-site gap within the same cells",
                "data",
            ),
            (
                "Level order",
                band.level_shift,
                f"{AIJOBS_CREDIT}: pooled with the neighbouring level so that entry < mid < "
                f"senior < principal here, each at least {math.expm1(MIN_STEP):.0%} apart",
                "data",
            ),
        ]
        if location and location in self.areas:
            steps.extend(self._area_step(location, role, notes))
        elif location and tx.LOCATION_BY_KEY[location].kind == "city":
            loc = tx.LOCATION_BY_KEY[location]
            notes.append(
                f"No city pay figure for {loc.label.split(',')[0]}: the "
                f"{tx.label('location', loc.country or '')} band is used as is."
            )
        eff = self.effects
        so_n = eff["n_respondents"]
        if query.education:
            e = eff["education"].get(query.education)
            if e:
                note = (
                    " (PhD counted with professional degrees)" if query.education == "phd" else ""
                )
                steps.append(
                    (
                        f"Education: {tx.label('education', query.education)}",
                        e["log_effect"],
                        f"{SO_CREDIT}, n={e['n']} of {so_n} US respondents{note}",
                        "data",
                    )
                )
        if query.industry:
            steps.append(self._industry_step(query.industry, so_n))
        if query.company_type:
            c = eff["company"][query.company_type]
            steps.append(
                (
                    f"Company: {tx.label('company', query.company_type)}",
                    c["log_effect"],
                    f"{SO_CREDIT}, by organisation size as a proxy, n={c['n']}",
                    "data",
                )
            )
        steps.extend(self._skill_steps(query.skills))
        steps.extend(self._cert_steps(query.certifications))
        if any(s[2].startswith(SO_CREDIT) for s in steps) and band.country_known:
            country = tx.LOCATION_BY_KEY[location].country if location else None
            if country != "US":
                notes.append(
                    "Education, industry and skill effects are measured on US respondents."
                )
        return steps, notes

    def _combined(
        self,
        steps: list[_Step],
        band: Band,
        role: str | None,
        location: str | None,
        notes: list[str],
    ) -> list[_Step]:
        """The combined step (overlap shrink) and the cap, each shown as its own line."""
        out: list[_Step] = []
        shrink = stacking.shrink_adjustment([s[1] for s in steps[CARRIED:]])
        if abs(shrink) > 1e-9:
            out.append(
                (
                    f"Combined: the largest factor in full, the others at {stacking.OVERLAP:.0%}",
                    shrink,
                    "assumption: factors measured one at a time overlap",
                    "assumption",
                )
            )
        country = tx.LOCATION_BY_KEY[location].country if location else None
        cap = self.bands.max_p90.get(f"{role or ANY}|{country}") if country else None
        median = band.logq[2] + sum(s[1] for s in steps[CARRIED:]) + shrink
        held = stacking.cap_adjustment(median, cap)
        if held < 0 and cap is not None:
            where = tx.label("location", country or "")
            out.append(
                (
                    "Cap: the highest P90 in the data",
                    held,
                    f"{AIJOBS_CREDIT}: highest P90 of any level and year here",
                    "data",
                )
            )
            notes.append(
                f"The factors together would pass {money_usd(cap)}, the highest P90 the data "
                f"has for this role in {where}: the median is held there."
            )
        return out

    def _area_step(self, location: str, role: str | None, notes: list[str]) -> list[_Step]:
        family = self.role_family.get(role or "", "engineering")
        entry = self.areas[location]["factors"].get(family)
        lab = tx.label("location", location)
        if entry is None:
            notes.append(f"No published pay figure for {lab}; the country band is used as is.")
            return []
        if entry["weak"]:
            notes.append(f"The {lab} factor rests on an older or proxy figure: treat it as rough.")
        return [
            (
                f"Area: {lab} vs {_relative_to(entry)}",
                math.log(entry["value"]),
                _area_source(entry),
                "data",
            )
        ]

    def _industry_step(self, industry: str, so_n: int) -> _Step:
        name = f"Industry: {tx.label('industry', industry)}"
        e = self.effects["industry"].get(industry)
        if e is not None:
            return (name, e["log_effect"], f"{SO_CREDIT}, n={e['n']} of {so_n}", "data")
        value = assumptions.INDUSTRY_EFFECT.get(industry, 0.0)
        return (name, value, "assumption: no open data for this industry", "assumption")

    def _skill_steps(self, skills: tuple[str, ...]) -> list[_Step]:
        steps: list[_Step] = []
        total = 0.0
        for key in skills:
            measured = self.effects["skill"].get(key)
            kind: FactorKind
            if measured is not None:
                value = float(measured["log_effect"])
                source, kind = f"{SO_CREDIT}, n={measured['n']} use it", "data"
            else:
                value = assumptions.SKILL_EFFECT.get(key, 0.0)
                source, kind = "assumption: no open data on this skill", "assumption"
            room = assumptions.SKILLS_CAP - total
            value = min(value, room) if value > 0 else value
            total += value
            steps.append((f"Skill: {tx.label('skill', key)}", value, source, kind))
        return steps

    def _cert_steps(self, certs: tuple[str, ...]) -> list[_Step]:
        steps: list[_Step] = []
        total = 0.0
        for key in certs:
            value = min(
                assumptions.CERTIFICATION_EFFECT.get(key, 0.01),
                assumptions.CERTIFICATIONS_CAP - total,
            )
            total += value
            steps.append(
                (
                    f"Certification: {tx.label('certification', key)}",
                    value,
                    "assumption: no open data links certificates to pay",
                    "assumption",
                )
            )
        return steps

    # --- descriptions ----------------------------------------------------------

    def _confidence(self, band: Band, steps: list[_Step]) -> Confidence:
        assumed = sum(1 for s in steps if s[3] == "assumption")
        if band.depth in ("world", "role-level") or band.n < 20 or band.extrapolated_years > 2:
            return "low"
        if band.depth == "cell" and band.n >= 100 and assumed <= 1:
            return "high"
        return "medium"

    def _band_notes(self, band: Band, query: SalaryQuery) -> list[str]:
        notes = query.experience_notes
        if band.n < 20:
            notes.append(
                f"Thin data: only {_postings(band.n)} behind this band; it leans on broader groups."
            )
        if band.depth == "role-level":
            notes.append(
                "No postings for this role and level in this country: the band is the "
                "all-country one moved by the country's overall pay level."
            )
        if band.depth == "world":
            notes.append("No country given: the band pools every country (mostly US postings).")
        if band.extrapolated_years:
            notes.append(
                f"Data ends in {self.data_year}; "
                f"figures for {query.year or CURRENT_YEAR} are projected."
            )
        if query.effective_level is None:
            notes.append("Experience not given: the band mixes all levels.")
        return notes

    def _describe(self, band: Band) -> str:
        parts = band.cell.split(" · ")
        names = []
        for i, part in enumerate(parts):
            if i == 0:
                names.append("all roles" if part == "any" else tx.label("role", part))
            elif i == 1:
                names.append("all levels" if part == "any" else part)
            else:
                names.append(part)
        return f"{' · '.join(names)} ({_postings(band.n)}, {AIJOBS_CREDIT})"


def money_usd(amount: float) -> str:
    """A round figure for notes (the embed formats the band itself)."""
    return f"US${amount / 1000:,.0f}k"


def _relative_to(entry: dict[str, Any]) -> str:
    return str(entry.get("relative_to", "the country's median"))


def _area_source(entry: dict[str, Any]) -> str:
    """Which published ratio, and what it was divided by to sit on the band's own mix."""
    ratio = f"area/national median {entry.get('bls_ratio', entry['value']):.2f}"
    if entry.get("pooled"):
        ratio = "Bay Area pooled " + ratio
    mix = entry.get("sample_mix")
    scaled = f" ÷ {mix:.2f} sample mix (calibrated to DOL LCA filings)" if mix else ""
    return (
        f"{entry['publisher']}: {entry['occupation']}, {ratio}{scaled}, {entry['year']}; "
        "an approximation for this role"
    )


def _base(band: Band, steps: list[_Step], ccy: str) -> list[float]:
    """Base P10..P90: the band moved by the steps it does not already carry."""
    extra = sum(s[1] for s in steps[CARRIED:])
    return [convert(math.exp(v + extra), "USD", ccy) for v in band.logq]


@lru_cache(maxsize=1)
def get_model() -> SalaryModel:
    """The shipped model, loaded once per process."""
    return SalaryModel.load()


def _postings(count: int) -> str:
    return f"{count:,} posting" if count == 1 else f"{count:,} postings"
