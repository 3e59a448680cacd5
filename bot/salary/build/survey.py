"""Country pay levels relative to the US, from the Stack Overflow Developer Survey 2025.

Method (all in log US dollars, the survey's own conversion):
1. Each respondent is compared with US respondents of the same years of coding (bands
   0-5, 6-10, 11-20, 21+; the survey's YearsCode counts study and hobby too): the residual
   is their log pay minus the US trimmed mean of that band. The trimmed mean (a fifth cut
   from each end) keeps monthly-for-yearly typos and founders' pay from moving a level.
2. A country's own level is the trimmed mean of its respondents' residuals; a region's is
   the median of its countries' own levels (countries with MIN_VOTE respondents or more, one
   vote each, so that South Africa does not set Nigeria's prior).
3. Partial pooling: a country with n respondents keeps n / (n + K_REGION) of its own level
   and takes the rest from its region's, so a thin country leans on its neighbours.
4. Data and ML respondents (few per country) move the level only where they are many:
   their own residual, against US data and ML respondents, counts m / (m + K_DATA_ML).

Respondents whose ResponseId is a multiple of HOLDOUT_EVERY are left out of the build:
the evaluation checks the levels against them.
"""

from __future__ import annotations

import csv
import gzip
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

HOLDOUT_EVERY = 5
YEARS_BANDS: tuple[tuple[float, str], ...] = (
    (5, "0-5"),
    (10, "6-10"),
    (20, "11-20"),
    (math.inf, "21+"),
)
TRIM = 0.2
K_REGION = 30.0  # respondents: at 30 a country counts half its own level
MIN_VOTE = 5  # respondents a country needs to count in its region's level
K_DATA_ML = 60.0  # data and ML respondents: they move a level only where many
DATA_ML = frozenset(
    {
        "AI/ML engineer",
        "Data scientist",
        "Data engineer",
        "Applied scientist",
        "Developer, AI apps or physical AI",
    }
)
# The survey's country names that differ from the English names in CLDR (Babel).
SURVEY_NAMES = {
    "Bosnia and Herzegovina": "BA",
    "Congo, Republic of the...": "CG",
    "Czech Republic": "CZ",
    "Côte d'Ivoire": "CI",
    "Democratic Republic of the Congo": "CD",
    "Hong Kong (S.A.R.)": "HK",
    "Iran, Islamic Republic of...": "IR",
    "Libyan Arab Jamahiriya": "LY",
    "Myanmar": "MM",
    "Republic of Korea": "KR",
    "South Korea": "KR",
    "Republic of Moldova": "MD",
    "Republic of North Macedonia": "MK",
    "Russian Federation": "RU",
    "Saint Lucia": "LC",
    "Swaziland": "SZ",
    "Syrian Arab Republic": "SY",
    "Trinidad and Tobago": "TT",
    "Turkey": "TR",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United Republic of Tanzania": "TZ",
    "United States of America": "US",
    "Venezuela, Bolivarian Republic of...": "VE",
    "Viet Nam": "VN",
}
NOT_A_COUNTRY = frozenset({"Nomadic"})


@dataclass(frozen=True, slots=True)
class Respondent:
    response_id: int
    country: str  # ISO 3166-1 alpha-2
    years_band: str
    log_pay: float
    data_ml: bool


def country_codes() -> dict[str, str]:
    """Survey country name -> ISO code: CLDR's English names plus the survey's own spellings."""
    names = {name: code for code, name in Locale("en").territories.items() if len(code) == 2}
    return names | SURVEY_NAMES


def years_band(years: float) -> str:
    return next(name for top, name in YEARS_BANDS if years <= top)


def read_respondents(path: Path) -> list[Respondent]:
    codes = country_codes()
    out = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            name = rec["Country"]
            if name in NOT_A_COUNTRY:
                continue
            try:
                pay, years = float(rec["ConvertedCompYearly"]), float(rec["YearsCode"])
            except ValueError:
                continue
            if pay <= 0:
                continue
            out.append(
                Respondent(
                    response_id=int(rec["ResponseId"]),
                    country=codes[name],
                    years_band=years_band(years),
                    log_pay=math.log(pay),
                    data_ml=rec["DevType"] in DATA_ML,
                )
            )
    return out


def held_out(respondent: Respondent) -> bool:
    return respondent.response_id % HOLDOUT_EVERY == 0


def split(rows: Iterable[Respondent]) -> tuple[list[Respondent], list[Respondent]]:
    """(build, held out): a fixed split by ResponseId."""
    build: list[Respondent] = []
    held: list[Respondent] = []
    for row in rows:
        (held if held_out(row) else build).append(row)
    return build, held


def read_regions(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["country"]: r["region"] for r in csv.DictReader(fh)}


def trimmed_mean(values: Sequence[float], trim: float = TRIM) -> float:
    ordered = sorted(values)
    cut = int(len(ordered) * trim)
    kept = ordered[cut : len(ordered) - cut] or ordered
    return sum(kept) / len(kept)


def residuals(rows: Sequence[Respondent]) -> dict[str, list[float]]:
    """Each country's log pay over US respondents of the same years band."""
    us: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r.country == "US":
            us[r.years_band].append(r.log_pay)
    reference = {band: trimmed_mean(values) for band, values in us.items()}
    out: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        out[r.country].append(r.log_pay - reference[r.years_band])
    return out


def raw_levels(rows: Sequence[Respondent]) -> dict[str, tuple[float, int]]:
    """Each country's own level (trimmed mean residual) and respondents: no pooling."""
    return {c: (trimmed_mean(v), len(v)) for c, v in sorted(residuals(rows).items())}


def country_levels(rows: Sequence[Respondent], regions: dict[str, str]) -> dict[str, object]:
    """The pooled level of every surveyed country, and of every region, with their counts."""
    resid = residuals(rows)
    by_region: dict[str, list[float]] = defaultdict(list)
    country_means: dict[str, list[float]] = defaultdict(list)
    for country, values in resid.items():
        if country != "US":
            by_region[regions[country]].extend(values)
            if len(values) >= MIN_VOTE:
                country_means[regions[country]].append(trimmed_mean(values))
    # Each country one vote: a region's largest country must not set its neighbours' level.
    region_level = {
        r: statistics.median(country_means[r]) if country_means[r] else trimmed_mean(v)
        for r, v in by_region.items()
    }
    ml_resid = residuals([r for r in rows if r.data_ml])
    countries: dict[str, dict[str, object]] = {}
    for country, values in sorted(resid.items()):
        n = len(values)
        if country == "US":
            level, own = 0.0, 1.0
        else:
            prior = region_level[regions[country]]
            own = n / (n + K_REGION)
            level = prior + own * (trimmed_mean(values) - prior)
        ml = ml_resid.get(country, [])
        if ml and country != "US":
            level += len(ml) / (len(ml) + K_DATA_ML) * (trimmed_mean(ml) - level)
        countries[country] = {
            "level": round(level, 4),
            "respondents": n,
            "data_ml": len(ml),
            "own_share": round(own, 3),
            "region": regions.get(country, ""),
        }
    return {
        "countries": countries,
        "regions": {
            r: {"level": round(region_level[r], 4), "respondents": len(v)}
            for r, v in sorted(by_region.items())
        },
        # Countries nobody answered from still take their region's level.
        "region_of": regions,
    }
