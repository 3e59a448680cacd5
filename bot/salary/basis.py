"""What a band rests on, said plainly: postings in the country, surveyed developers, or a pool.

A country's band is the role and level band moved by the country's pay level (its survey
respondents relative to the US, leaning on its region when few) and then toward its own
postings (build/bands.py). The answer names the larger of those and how many, marks thin
places and says so plainly where there is too little to go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import taxonomy as tx
from .bands import Band

SURVEY_CREDIT = "Stack Overflow Developer Survey 2025"
# Fewer than this behind a band (postings of this role and level in the country, or
# developers surveyed there): its median is too unsteady to rank on, and is marked.
THIN = 30
# Fewer surveyed than this, and no postings to speak of: the country's level is its region's.
TOO_LITTLE = 10


@dataclass(frozen=True, slots=True)
class Basis:
    count: int  # what the sample line counts first
    postings: int  # postings of this role and level behind the band
    text: str  # "12 postings in Switzerland; pay level from 313 developers surveyed there"
    thin: bool
    too_little: bool
    notes: tuple[str, ...]
    # What the country's level rests on, where the band leans on it ("pay level from 313
    # developers surveyed there (...)"); empty in the US and where no country is known.
    level: str = ""


def postings(count: int) -> str:
    return f"{count:,} posting" if count == 1 else f"{count:,} postings"


def _surveyed(count: int) -> str:
    return f"{count:,} developer surveyed" if count == 1 else f"{count:,} developers surveyed"


def basis_of(band: Band, countries: dict[str, Any], regions: dict[str, Any]) -> Basis:
    """The sample behind `band`, in words a member can weigh."""
    info = countries.get(band.country or "") if band.country_known else None
    if info is None:
        text = f"{postings(band.n)} from every country, mostly the US (pooled)"
        note = "No country given: the band pools every country (mostly US postings)."
        return Basis(band.n, band.n, text, band.n < THIN, False, (note,))
    where = tx.label("location", str(band.country))
    here = band.n if band.depth in ("cell", "group") else 0
    if band.country == "US":
        return Basis(here, here, f"{postings(here)} in {where}", here < THIN, False, ())
    own = f"{postings(here)} in {where}" if here else f"no postings in {where} for this role"
    if float(info["postings_share"]) >= 0.5:
        # The country's level rests mostly on its own postings (all roles together).
        if here >= THIN:
            return Basis(here, here, f"{postings(here)} in {where}", False, False, ())
        total = int(info["postings"])
        level = f"pay level from {postings(total)} there, all roles"
        return Basis(max(here, total), here, f"{own}; {level}", False, False, (), level)
    respondents = int(info["respondents"])
    region = str(info["region"])
    pooled = int(regions.get(region, {}).get("respondents", 0))
    if respondents >= THIN:
        level = f"pay level from {_surveyed(respondents)} there ({SURVEY_CREDIT})"
        return Basis(max(here, respondents), here, f"{own}; {level}", False, False, (), level)
    if respondents >= TOO_LITTLE or here >= TOO_LITTLE:
        level = (
            f"pay level from {_surveyed(respondents)} there, leaning on "
            f"{region} ({pooled:,} surveyed, {SURVEY_CREDIT})"
        )
        note = (
            f"Thin data for {where}: {_surveyed(respondents)} and {postings(here)}; "
            f"the level leans on {region} as a whole."
        )
        return Basis(max(here, respondents), here, f"{own}; {level}", True, False, (note,), level)
    level = f"pay level of {region} ({pooled:,} surveyed, {SURVEY_CREDIT}), pooled"
    note = (
        f"Too little data for {where}: {_surveyed(respondents)} and {postings(here)}. "
        f"This is the level of {region} as a whole, not a figure for {where}: "
        "treat it as a rough guide."
    )
    return Basis(max(here, respondents), here, f"{own}; {level}", True, True, (note,), level)
