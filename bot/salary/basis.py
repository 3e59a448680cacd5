"""What a band rests on, said plainly: postings in the country, surveyed developers, or a pool.

A country's band is the role and level band moved by the country's pay level (its survey
respondents relative to the US, leaning on its region when few) and then toward its own
postings (build/bands.py). The answer names the larger of those and how many, marks thin
places and says so plainly where there is too little to go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .bands import Band
from .results import by_key
from .said import N_, Count, Name, Said, Value, said, said_plural

SURVEY_CREDIT = "Stack Overflow Developer Survey 2025"
# Fewer than this behind a band (postings of this role and level in the country, or
# developers surveyed there): its median is too unsteady to rank on, and is marked.
THIN = 30
# Fewer surveyed than this, and no postings to speak of: the country's level is its region's.
TOO_LITTLE = 10
# What a thin place's answer notes (and an offer shows under its band).
THIN_NOTE = N_(
    "Thin data for {place}: {surveyed} and {postings}; the level leans on {region} as a whole."
)
TOO_LITTLE_NOTE = N_(
    "Too little data for {place}: {surveyed} and {postings}. This is the level of {region} "
    "as a whole, not a figure for {place}: treat it as a rough guide."
)
THIN_NOTES = (THIN_NOTE, TOO_LITTLE_NOTE)
# The survey's regions (UN M49 sub-regions), named in the reader's words.
REGIONS = by_key(
    N_("Central Asia"),
    N_("Eastern Asia"),
    N_("Eastern Europe"),
    N_("Latin America and the Caribbean"),
    N_("Northern Africa"),
    N_("Northern America"),
    N_("Northern Europe"),
    N_("Oceania"),
    N_("South-eastern Asia"),
    N_("Southern Asia"),
    N_("Southern Europe"),
    N_("Sub-Saharan Africa"),
    N_("Western Asia"),
    N_("Western Europe"),
)


@dataclass(frozen=True, slots=True)
class Basis:
    count: int  # what the sample line counts first
    postings: int  # postings of this role and level behind the band
    said_text: Said  # "12 postings in Switzerland; pay level from 313 developers surveyed there"
    thin: bool
    too_little: bool
    notes: tuple[Said, ...]
    # What the country's level rests on, where the band leans on it ("pay level from 313
    # developers surveyed there (...)"); None in the US and where no country is known.
    level: Said | None = None

    @property
    def surveyed(self) -> bool:
        """Whether the country's level rests on the developer survey (credited with the band)."""
        return self.level is not None and self.level.values.get("survey") == SURVEY_CREDIT


def postings(count: int) -> Said:
    return said_plural("{count} posting", "{count} postings", count)


def postings_in(count: int, place: Name) -> Said:
    return said_plural(
        "{count} posting in {place}", "{count} postings in {place}", count, place=place
    )


def _surveyed(count: int) -> Said:
    return said_plural("{count} developer surveyed", "{count} developers surveyed", count)


def _region(name: str) -> Said | str:
    return REGIONS.get(name, name)


def _sample(own: Said, level: Said) -> Said:
    return said("{postings}; {level}", postings=own, level=level)


def basis_of(band: Band, countries: dict[str, Any], regions: dict[str, Any]) -> Basis:
    """The sample behind `band`, in words a member can weigh."""
    info = countries.get(band.country or "") if band.country_known else None
    if info is None:
        text = said_plural(
            "{count} posting from every country, mostly the US (pooled)",
            "{count} postings from every country, mostly the US (pooled)",
            band.n,
        )
        note = said("No country given: the band pools every country (mostly US postings).")
        return Basis(band.n, band.n, text, band.n < THIN, False, (note,))
    where = Name("location", str(band.country))
    here = band.n if band.depth in ("cell", "group") else 0
    if band.country == "US":
        return Basis(here, here, postings_in(here, where), here < THIN, False, ())
    own = (
        postings_in(here, where)
        if here
        else said("no postings in {place} for this role", place=where)
    )
    if float(info["postings_share"]) >= 0.5:
        # The country's level rests mostly on its own postings (all roles together).
        if here >= THIN:
            return Basis(here, here, postings_in(here, where), False, False, ())
        total = int(info["postings"])
        level = said_plural(
            "pay level from {count} posting there, all roles",
            "pay level from {count} postings there, all roles",
            total,
        )
        return Basis(max(here, total), here, _sample(own, level), False, False, (), level)
    respondents = int(info["respondents"])
    region = _region(str(info["region"]))
    pooled = int(regions.get(str(info["region"]), {}).get("respondents", 0))
    # The region a thin place leans on, and what a thin-data note counts there.
    pool: dict[str, Value] = {"region": region, "pooled": Count(pooled), "survey": SURVEY_CREDIT}
    counted: dict[str, Value] = {
        "place": where,
        "surveyed": _surveyed(respondents),
        "postings": postings(here),
        "region": region,
    }
    if respondents >= THIN:
        level = said_plural(
            "pay level from {count} developer surveyed there ({survey})",
            "pay level from {count} developers surveyed there ({survey})",
            respondents,
            survey=SURVEY_CREDIT,
        )
        return Basis(max(here, respondents), here, _sample(own, level), False, False, (), level)
    if respondents >= TOO_LITTLE or here >= TOO_LITTLE:
        level = said_plural(
            "pay level from {count} developer surveyed there, leaning on {region} "
            "({pooled} surveyed, {survey})",
            "pay level from {count} developers surveyed there, leaning on {region} "
            "({pooled} surveyed, {survey})",
            respondents,
            **pool,
        )
        note = said(THIN_NOTE, **counted)
        return Basis(max(here, respondents), here, _sample(own, level), True, False, (note,), level)
    level = said("pay level of {region} ({pooled} surveyed, {survey}), pooled", **pool)
    note = said(TOO_LITTLE_NOTE, **counted)
    return Basis(max(here, respondents), here, _sample(own, level), True, True, (note,), level)
