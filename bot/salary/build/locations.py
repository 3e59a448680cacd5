"""Metro / region pay factors and price levels from location_factors_sources.csv.

A factor is a ratio of medians for the same occupation and the same year:
area median / national median. Dividing by the country's own median is the
normalisation that leaves the country mix unchanged: the national median is
that mix, so a person whose area is unknown keeps the country band (factor
1) and the employment-weighted areas average back to it. As a check we
report the factor the rest of the US would need for that to hold exactly.

The factors come from software-developer and data-scientist occupations and
are applied to ML roles as an approximation; the product says so.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

from ..taxonomy import LOCATIONS

# Which published occupation stands in for each family of roles.
US_OCC = {"engineering": "15-1252", "science": "15-2051"}
CA_OCC = {"engineering": "21231", "science": "21211"}
CA_FALLBACK = "21230"  # computer systems developers: only code Toronto has
OCC_NAMES = {
    "15-1252": "Software Developers (SOC 15-1252)",
    "15-2051": "Data Scientists (SOC 15-2051)",
    "21231": "Software engineers (NOC 21231)",
    "21211": "Data scientists (NOC 21211)",
    "21230": "Computer systems developers and programmers (NOC 21230)",
}
ROLE_FAMILY = {
    "ml_engineer": "engineering",
    "software_engineer": "engineering",
    "ai_engineer": "engineering",
    "data_engineer": "engineering",
    "mlops_engineer": "engineering",
    "data_scientist": "science",
    "research_scientist": "science",
    "data_analyst": "science",
}
US_YEAR = "May 2024"
CA_YEAR = "Job Bank 2024 release"
# Older, differently sourced stand-ins (see the raw README): weak factors.
WEAK_US = {
    "39580": ("unstated OEWS vintage (<=May 2022; article 2023; cites 2021 national)", 120730.0),
    "38300": ("2022 (Lightcast, NOT BLS OEWS)", (120730.0 + 132270.0) / 2),
}


def _short_source(text: str) -> str:
    return text.split(" (")[0][:160]


def _publisher(country: str, weak: bool, source: str) -> str:
    """Who published the figure, for one-line citations in answers."""
    if weak and country == "US":
        return f"older stand-in figure ({source.split('/')[2] if '://' in source else source})"
    if country == "US":
        return "BLS OEWS"
    return "ESDC Job Bank"


def build(path: Path) -> dict[str, object]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    med: dict[tuple[str, str, str, str], float] = {}
    src: dict[tuple[str, str, str, str], str] = {}
    emp: dict[tuple[str, str], float] = {}
    rpp: dict[str, tuple[float, str]] = {}
    for r in rows:
        code, occ, stat, year = r["area_code"], r["soc_or_noc"], r["statistic"], r["year"]
        value = float(r["value"])
        if stat in ("median", "median_hourly"):
            key = (code, occ, stat, year)
            if key in med and abs(med[key] - value) > 0.5:
                raise ValueError(f"sources disagree on {key}")
            med.setdefault(key, value)
            src.setdefault(key, _short_source(r["source"]))
        elif stat == "employment" and year == US_YEAR:
            emp[(code, occ)] = value
        elif stat == "rpp":
            rpp[code] = (value, _short_source(r["source"]))

    areas: dict[str, dict[str, object]] = {}
    weighted: dict[str, float] = defaultdict(float)
    covered: dict[str, float] = defaultdict(float)
    for loc in LOCATIONS:
        if loc.kind not in ("metro", "region") or loc.area_code is None:
            continue
        factors: dict[str, dict[str, object]] = {}
        for family in ("engineering", "science"):
            f = _factor(loc.country or "", loc.area_code, family, med, src)
            if f is not None:
                factors[family] = f
                occ = str(f["occupation_code"])
                if loc.country == "US" and (loc.area_code, occ) in emp:
                    weighted[occ] += emp[(loc.area_code, occ)] * math.log(float(f["value"]))  # type: ignore[arg-type]
                    covered[occ] += emp[(loc.area_code, occ)]
        entry: dict[str, object] = {"factors": factors}
        if loc.area_code in rpp:
            value, source = rpp[loc.area_code]
            entry["rpp"] = {
                "value": value,
                "year": 2023,
                "source": f"BEA RPP all items via {source}",
            }
        areas[loc.key] = entry

    rest = {}
    for occ in US_OCC.values():
        total = emp.get(("99", occ), 0.0)
        if total > covered[occ] > 0:
            rest[occ] = round(math.exp(-weighted[occ] / (total - covered[occ])), 4)
    return {
        "method": "area median / national median, same occupation and year",
        "occupations": OCC_NAMES,
        "role_family": ROLE_FAMILY,
        "areas": areas,
        "us_rest_of_country_factor": rest,
        "us_rpp_national": 100.0,
    }


def _factor(
    country: str,
    code: str,
    family: str,
    med: dict[tuple[str, str, str, str], float],
    src: dict[tuple[str, str, str, str], str],
) -> dict[str, object] | None:
    if country == "US":
        occ = US_OCC[family]
        key = (code, occ, "median", US_YEAR)
        if key in med:
            nat = med[("99", occ, "median", US_YEAR)]
            return _entry(med[key], nat, occ, US_YEAR, src[key], weak=False)
        if code in WEAK_US:
            year, nat = WEAK_US[code]
            key = (code, "15-1252", "median", year)
            # Only a software-developer figure exists for these stand-ins.
            return _entry(med[key], nat, "15-1252", year, src[key], weak=True)
        return None
    for occ in (CA_OCC[family], CA_FALLBACK):
        key = (code, occ, "median_hourly", CA_YEAR)
        nat_key = ("ER00", occ, "median_hourly", CA_YEAR)
        if key in med and nat_key in med:
            proxy = occ != CA_OCC[family]
            return _entry(med[key], med[nat_key], occ, CA_YEAR, src[key], weak=proxy)
    return None


def _entry(
    area: float, national: float, occ: str, year: str, source: str, weak: bool
) -> dict[str, object]:
    return {
        "value": round(area / national, 4),
        "area_median": area,
        "national_median": national,
        "occupation_code": occ,
        "occupation": OCC_NAMES[occ],
        "year": year,
        "source": source,
        "publisher": _publisher("CA" if occ.startswith("2") else "US", weak, source),
        "weak": weak,
    }
