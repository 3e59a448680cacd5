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
    text: str  # "12 postings in Switzerland and 313 developers surveyed there"
    thin: bool
    too_little: bool
    notes: tuple[str, ...]


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
    respondents = int(info["respondents"])
    mostly_postings = float(info["postings_share"]) >= 0.5 and here >= THIN
    if band.country == "US" or mostly_postings:
        return Basis(here, here, f"{postings(here)} in {where}", here < THIN, False, ())
    region = str(info["region"])
    pooled = int(regions.get(region, {}).get("respondents", 0))
    own = f"{postings(here)} in {where}" if here else f"no postings in {where} for this role"
    if respondents >= THIN:
        text = f"{own}; pay level from {_surveyed(respondents)} there ({SURVEY_CREDIT})"
        return Basis(max(here, respondents), here, text, False, False, ())
    if respondents >= TOO_LITTLE or here >= TOO_LITTLE:
        text = (
            f"{own}; pay level from {_surveyed(respondents)} there, leaning on "
            f"{region} ({pooled:,} surveyed, {SURVEY_CREDIT})"
        )
        note = (
            f"Thin data for {where}: {_surveyed(respondents)} and {postings(here)}; "
            f"the level leans on {region} as a whole."
        )
        return Basis(max(here, respondents), here, text, True, False, (note,))
    text = f"{own}; pay level of {region} ({pooled:,} surveyed, {SURVEY_CREDIT}), pooled"
    note = (
        f"Too little data for {where}: {_surveyed(respondents)} and {postings(here)}. "
        f"This is the level of {region} as a whole, not a figure for {where}: "
        "treat it as a rough guide."
    )
    return Basis(max(here, respondents), here, text, True, True, (note,))
