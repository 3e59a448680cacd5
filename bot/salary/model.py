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
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from . import article, assumptions, stacking
from . import taxonomy as tx
from .area import Step, area_step
from .article_context import article_context
from .bands import ANY, Band, BandTable
from .basis import SURVEY_CREDIT, Basis, basis_of
from .currency import convert
from .level_order import MIN_STEP
from .paths import DATA_DIR
from .profile_steps import SO_CREDIT, said_step
from .query import SalaryQuery
from .rate_notes import no_rate_note, rate_note
from .results import (
    Confidence,
    Factor,
    Percentiles,
    Range,
    SalaryEstimate,
    by_key,
)
from .said import CITY, N_, Decimal, Name, Said, said, said_plural

CURRENT_YEAR = 2026  # the year answers are projected to when none is asked
AIJOBS_CREDIT = "aijobs.net salary index"

# Answers kept, by query: the same person asks again, compares roles, presses Tips; tips
# price the same changes for everyone in one role and place. An estimate is about 12 kB.
ESTIMATES_KEPT = 512
MEDIANS_KEPT = 8192
TOTAL_SPAN = said("base P25-P75, each plus the bonus and equity midpoints")
CARRIED = 3  # steps the band already includes: projection, remote, level order
_Step = Step
REMOTE_SOURCE = said("{source}: remote vs on-site gap within the same cells", source=AIJOBS_CREDIT)
LEVEL_ORDER_SOURCE = said(
    "{source}: pooled with the neighbouring level so that entry < mid < senior < principal "
    "here, each at least {step}% apart",
    source=AIJOBS_CREDIT,
    step=format(math.expm1(MIN_STEP) * 100, ".0f"),
)
# Large countries with wide pay gaps between regions, answered as one national band.
LARGE_COUNTRIES = frozenset({"CN", "IN", "BR", "RU", "ID", "MX", "NG", "PK"})
COMBINED_NAME = said(
    "Combined: the largest factor in full, the others at {share}%",
    share=format(stacking.OVERLAP * 100, ".0f"),
)
REMOTE = said("Remote")
ON_SITE = said("On-site")
LEVEL_ORDER = said("Level order")
US_RESPONDENTS = said("Education, industry and skill effects are measured on US respondents.")
ALL_ROLES = said("all roles")
ALL_LEVELS = said("all levels")
ALL_YEARS = said("all years")
# The band's level as the band description writes it, lower case.
LEVEL_WORDS = by_key(N_("entry"), N_("mid"), N_("senior"), N_("principal"))
ALL_COUNTRIES = said("all countries")
COMBINED_SOURCE = said("assumption: factors measured one at a time overlap")
CAP_NAME = said("Cap: the highest P90 in the data")
CAP_SOURCE = said("{source}: highest P90 of any level and year here", source=AIJOBS_CREDIT)


class SalaryModel:
    def __init__(self, bands: dict[str, Any], effects: dict[str, Any], locations: dict[str, Any]):
        self.bands = BandTable(bands)
        self.effects = effects
        self.areas: dict[str, Any] = locations["areas"]
        self.role_family: dict[str, str] = locations["role_family"]
        self.data_year = self.bands.ref_year
        self._estimates = lru_cache(maxsize=ESTIMATES_KEPT)(self._estimate_as)
        self._medians = lru_cache(maxsize=MEDIANS_KEPT)(self._median)
        # A step's name and source depend only on its key: each is written once, not per
        # query (tips price some sixty changed queries per answer).
        self._projection = lru_cache(maxsize=64)(self._projection_step)
        self._area = lru_cache(maxsize=None)(partial(area_step, self.areas))
        self._keyed = lru_cache(maxsize=None)(partial(said_step, effects))
        self._projection_source = said(
            "{source}: measured {first}-{last} change {change}%/yr (article (2023) says 10-20%)",
            source=AIJOBS_CREDIT,
            first=str(self.data_year - 1),
            last=str(self.data_year),
            change=Decimal(math.expm1(self.bands.growth) * 100, 1, signed=True),
        )

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
                    said_name=name,
                    multiplier=m,
                    effect=median * (m - 1),
                    said_source=source,
                    kind=kind,
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
        basis = self.basis(band)
        notes.extend(self._band_notes(band, basis, query))
        if ccy != "USD":
            notes.append(rate_note(ccy))
        elif query.currency is None and (missing := no_rate_note(band.country)):
            notes.append(missing)
        return SalaryEstimate.model_construct(
            query=query,
            currency=ccy,
            base=Percentiles.of(base),
            bonus=bonus,
            equity=equity,
            total=Percentiles.of(total),
            factors=factors,
            sample_size=basis.count,
            said_sample=basis.said_text,
            thin=basis.thin,
            confidence=self._confidence(band, basis, steps),
            data_year=self.data_year,
            as_of=query.year or CURRENT_YEAR,
            said_cell=self._describe(band, basis),
            said_notes=notes,
            article_context=article_context(role, level, ccy, location),
            bonus_source=said(
                "{low}-{high}% of the median base",
                low=format(article.BONUS_SHARE[0] * 100, ".0f"),
                high=format(article.BONUS_SHARE[1] * 100, ".0f"),
            ),
            equity_source=said(
                "{low}-{high}% of the median base a year, {kind}",
                low=format(eq_lo * 100, ".0f"),
                high=format(eq_hi * 100, ".0f"),
                kind=assumptions.EQUITY_KIND[company],
            ),
            total_span=TOTAL_SPAN,
        )

    def base_as(
        self, query: SalaryQuery, role: str | None, location: str | None
    ) -> tuple[Percentiles, Basis]:
        """The estimate's base band and what it rests on alone: what comparisons show per row."""
        band, steps, _ = self._priced(query, role, location)
        return Percentiles.of(_base(band, steps, query.answer_currency)), self.basis(band)

    def median(self, query: SalaryQuery) -> float:
        """The estimate's base median alone: what tips rank many changes by."""
        return self._medians(query)

    def _median(self, query: SalaryQuery) -> float:
        band, steps, _ = self._priced(query, query.role, query.location)
        return _moved(band.logq[2], _extra(steps), query.answer_currency)

    def _priced(
        self, query: SalaryQuery, role: str | None, location: str | None
    ) -> tuple[Band, list[_Step], list[Said | str]]:
        """The band and every step that moves it, with the notes they leave."""
        band = self.band(query, role=role, location=location)
        steps, notes = self._steps(query, band, role, location)
        steps.extend(self._combined(steps, band, role, location, notes))
        return band, steps, notes

    # --- factors ---------------------------------------------------------------

    def _steps(
        self, query: SalaryQuery, band: Band, role: str | None, location: str | None
    ) -> tuple[list[_Step], list[Said | str]]:
        notes: list[Said | str] = []
        remote = location == tx.REMOTE.key or bool(query.remote)
        steps: list[_Step] = [
            self._projection(band.extrapolated_years, query.year or CURRENT_YEAR),
            (REMOTE if remote else ON_SITE, band.remote_effect, REMOTE_SOURCE, "data"),
            (LEVEL_ORDER, band.level_shift, LEVEL_ORDER_SOURCE, "data"),
        ]
        if location and location in self.areas:
            area_steps, area_notes = self._area(
                location, self.role_family.get(role or "", "engineering")
            )
            steps.extend(area_steps)
            notes.extend(area_notes)
        elif location and tx.LOCATION_BY_KEY[location].kind == "city":
            loc = tx.LOCATION_BY_KEY[location]
            notes.append(
                said(
                    "No city pay figure for {city}: the {country} band is used as is.",
                    city=Name(CITY, location),
                    country=Name("location", loc.country or ""),
                )
            )
        if band.country in LARGE_COUNTRIES and band.country_known:
            notes.append(
                said(
                    "{country} is one band for the whole country: neither source says where in "
                    "{country} its people work, and pay in the largest tech hubs likely runs "
                    "above it.",
                    country=Name("location", band.country or ""),
                )
            )
        for kind, key in (
            ("education", query.education),
            ("industry", query.industry),
            ("company", query.company_type),
        ):
            step = self._keyed(kind, key) if key else None
            if step is not None:
                steps.append(step)
        steps.extend(self._capped("skill", query.skills, assumptions.SKILLS_CAP))
        steps.extend(
            self._capped("certification", query.certifications, assumptions.CERTIFICATIONS_CAP)
        )
        country = tx.LOCATION_BY_KEY[location].country if location else None
        if (
            band.country_known
            and country != "US"
            and any(
                isinstance(s[2], Said) and s[2].values.get("survey") == SO_CREDIT for s in steps
            )
        ):
            notes.append(US_RESPONDENTS)
        return steps, notes

    def _projection_step(self, years: int, to_year: int) -> _Step:
        name = said_plural(
            "Projected {count} year to {year}",
            "Projected {count} years to {year}",
            years,
            year=str(to_year),
        )
        return (name, self.bands.growth * years, self._projection_source, "data")

    def _combined(
        self,
        steps: list[_Step],
        band: Band,
        role: str | None,
        location: str | None,
        notes: list[Said | str],
    ) -> list[_Step]:
        """The combined step (overlap shrink) and the cap, each shown as its own line."""
        out: list[_Step] = []
        shrink = stacking.shrink_adjustment([s[1] for s in steps[CARRIED:]])
        if abs(shrink) > 1e-9:
            out.append((COMBINED_NAME, shrink, COMBINED_SOURCE, "assumption"))
        country = tx.LOCATION_BY_KEY[location].country if location else None
        cap = self.bands.max_p90.get(f"{role or ANY}|{country}") if country else None
        median = band.logq[2] + _extra(steps) + shrink
        held = stacking.cap_adjustment(median, cap)
        if held < 0 and cap is not None:
            out.append((CAP_NAME, held, CAP_SOURCE, "data"))
            notes.append(
                said(
                    "The factors together would pass {cap}, the highest P90 the data has for "
                    "this role in {place}: the median is held there.",
                    cap=money_usd(cap),
                    place=Name("location", country or ""),
                )
            )
        return out

    def _capped(self, kind: str, keys: tuple[str, ...], cap: float) -> list[_Step]:
        """Skills or certifications, each in turn, until together they reach their cap."""
        steps: list[_Step] = []
        total = 0.0
        for key in keys:
            step = self._keyed(kind, key)
            assert step is not None  # skills and certifications always add a step
            name, value, source, step_kind = step
            # Gains stop at the cap; a skill that lowers pay is not capped.
            value = min(value, cap - total) if value > 0 else value
            total += value
            steps.append((name, value, source, step_kind))
        return steps

    # --- descriptions ----------------------------------------------------------

    def basis(self, band: Band) -> Basis:
        """What the band rests on (postings, surveyed developers or a pool) and how many."""
        return basis_of(band, self.bands.countries, self.bands.regions)

    def _confidence(self, band: Band, basis: Basis, steps: list[_Step]) -> Confidence:
        assumed = sum(1 for s in steps if s[3] == "assumption")
        if basis.thin or band.depth == "world" or band.extrapolated_years > 2:
            return "low"
        if band.depth == "cell" and band.n >= 100 and assumed <= 1:
            return "high"
        return "medium"

    def _band_notes(self, band: Band, basis: Basis, query: SalaryQuery) -> list[Said | str]:
        # The query words its own notes on experience (bot/salary/query.py).
        notes: list[Said | str] = list(query.experience_said)
        notes.extend(basis.notes)
        if band.depth == "role-level" and not basis.too_little:
            notes.append(
                said(
                    "No postings for this role and level here: the band is the all-country one "
                    "moved by the country's pay level."
                )
            )
        if band.extrapolated_years:
            notes.append(
                said(
                    "Data ends in {data_year}; figures for {year} are projected.",
                    data_year=str(self.data_year),
                    year=str(query.year or CURRENT_YEAR),
                )
            )
        if query.effective_level is None:
            notes.append(said("Experience not given: the band mixes all levels."))
        return notes

    def _describe(self, band: Band, basis: Basis) -> Said:
        """ "Machine Learning Engineer · senior · Germany · all years (aijobs.net ...)"."""
        parts = band.cell.split(" · ")
        role = ALL_ROLES if parts[0] == "any" else Name("role", parts[0])
        level = LEVEL_WORDS.get(parts[1], ALL_LEVELS)
        where = Name("location", band.country or "")
        place: Said
        if band.depth in ("cell", "group"):
            years = ALL_YEARS if parts[3] == "all years" else parts[3]
            place = said("{place} · {years}", place=where, years=years)
        elif band.depth == "role-level":
            place = said("all countries, at {place}'s pay level", place=where)
        else:
            place = ALL_COUNTRIES
        credits = AIJOBS_CREDIT + (f", {SURVEY_CREDIT}" if basis.surveyed else "")
        return said(
            "{role} · {level} · {place} ({credits})",
            role=role,
            level=level,
            place=place,
            credits=credits,
        )


def money_usd(amount: float) -> str:
    """A round figure for notes (the embed formats the band itself)."""
    return f"US${amount / 1000:,.0f}k"


def _extra(steps: list[_Step]) -> float:
    """The log change of the steps the band does not already carry."""
    return sum(s[1] for s in steps[CARRIED:])


def _moved(log_value: float, extra: float, ccy: str) -> float:
    return convert(math.exp(log_value + extra), "USD", ccy)


def _base(band: Band, steps: list[_Step], ccy: str) -> list[float]:
    """Base P10..P90: the band moved by the steps it does not already carry."""
    extra = _extra(steps)
    return [_moved(v, extra, ccy) for v in band.logq]


@lru_cache(maxsize=1)
def get_model() -> SalaryModel:
    """The shipped model, loaded once per process."""
    return SalaryModel.load()
