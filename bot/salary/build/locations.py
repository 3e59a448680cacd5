"""Metro / region pay factors and price levels from location_factors_sources.csv.

A published ratio is area median / national median for the same occupation
and year. In Canada that ratio is the factor: the Canadian band is read as
the national mix. In the US it is not: the posting sample behind the US band
is concentrated in the hubs, so each US ratio is divided by the sample's own
mix (sample_mix.py) and a factor below 1 means "pays less than the places
the US postings come from". Bay Area metros share one pooled ratio.

The factors come from software-developer and data-scientist occupations and
are applied to ML roles as an approximation; the product says so.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from ..taxonomy import LOCATIONS
from . import sample_mix

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


RELATIVE_TO = {
    "US": "the posting sample's US mix",
    "CA": "the Canadian national median",
}


def build(path: Path, reference_path: Path) -> dict[str, object]:
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
    for loc in LOCATIONS:
        if loc.kind not in ("metro", "region") or loc.area_code is None:
            continue
        factors: dict[str, dict[str, object]] = {}
        for family in ("engineering", "science"):
            f = _factor(loc.country or "", loc.area_code, family, med, src)
            if f is not None:
                f["area_code"] = loc.area_code
                factors[family] = f
        entry: dict[str, object] = {"factors": factors}
        if loc.area_code in rpp:
            value, source = rpp[loc.area_code]
            entry["rpp"] = {
                "value": value,
                "year": 2023,
                "source": f"BEA RPP all items via {source}",
            }
        areas[loc.key] = entry
    mixes = _relative_to_sample(areas, emp, sample_mix.read_reference(reference_path))
    return {
        "method": "area median / national median, same occupation and year; "
        "US areas divided by the posting sample's US mix",
        "occupations": OCC_NAMES,
        "role_family": ROLE_FAMILY,
        "areas": areas,
        "us_sample_mix": mixes,
        "us_rpp_national": 100.0,
    }


def _relative_to_sample(
    areas: dict[str, dict[str, object]],
    emp: dict[tuple[str, str], float],
    reference: dict[str, sample_mix.Reference],
) -> dict[str, dict[str, object]]:
    """Rewrite every US factor relative to the sample mix; return the mixes used."""
    us = [
        f
        for a in areas.values()
        for f in a["factors"].values()  # type: ignore[attr-defined]
        if not str(f["occupation_code"]).startswith("2")
    ]
    mixes: dict[str, dict[str, object]] = {}
    for occ in US_OCC.values():
        strong = {
            str(f["area_code"]): f for f in us if f["occupation_code"] == occ and not f["weak"]
        }
        log_ratio = {c: math.log(float(f["value"])) for c, f in strong.items()}
        occ_emp = {c: emp[(c, occ)] for c in log_ratio if (c, occ) in emp}
        pooled = sample_mix.pooled(log_ratio, occ_emp)
        mix = sample_mix.calibrated_mix(pooled, reference)
        mixes[occ] = {
            "calibrated": round(math.exp(mix), 4),
            "hub_employment": round(math.exp(sample_mix.hub_mix(pooled, occ_emp)), 4),
            "reference_areas": sorted(reference),
        }
        for code, f in strong.items():
            f["pooled"] = pooled[code] != log_ratio[code]
            _relative(f, pooled[code], mix)
    weak_mix = math.log(float(mixes["15-1252"]["calibrated"]))  # type: ignore[arg-type]
    for f in us:
        if f["weak"]:
            f["pooled"] = False
            _relative(f, math.log(float(f["value"])), weak_mix)
    for a in areas.values():
        for f in a["factors"].values():  # type: ignore[attr-defined]
            f.setdefault("relative_to", RELATIVE_TO["CA"])
    return mixes


def _relative(f: dict[str, object], log_ratio: float, mix: float) -> None:
    f["metro_ratio"] = f["value"]  # before pooling
    f["bls_ratio"] = round(math.exp(log_ratio), 4)  # the ratio used
    f["sample_mix"] = round(math.exp(mix), 4)
    f["value"] = round(math.exp(log_ratio - mix), 4)
    f["relative_to"] = RELATIVE_TO["US"]


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
