"""Dated yearly exchange rates for every currency answered (build time only).

Two sources, one rate per currency:

- HMRC's yearly average rates for January-December 2025 (data/raw/hmrc-rates/): 141
  currencies, each as units per pound; a rate per US dollar is the currency's units over
  the dollar's, both from the same table.
- The aijobs.net rows themselves: each gives a salary in its own currency and the same
  salary in US dollars, so salary / salary_in_usd is the rate the index used (the median
  per currency in its latest year).

A currency takes the postings' rate where a country using it has a band that rests
mostly on postings (the UK's pound, Canada's dollar): its answers then convert back at
the rate those postings came in at. Everywhere else the band rests mostly on the survey's
pay levels, and HMRC's yearly average is the rate of record.
"""

from __future__ import annotations

import csv
import gzip
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from babel.numbers import get_territory_currencies

HMRC_YEAR = 2025
HMRC_SOURCE = "HMRC yearly average, January-December 2025"
METHOD = (
    "per currency, HMRC's yearly average for 2025 (units per pound over the US dollar's), "
    "or, where a country using it has a band resting mostly on postings, the median "
    "salary / salary_in_usd of the aijobs rows in that currency's latest year; "
    "4 significant digits"
)
# A country's band rests mostly on postings from this share of its offset on (bands.py).
MOSTLY_POSTINGS = 0.5


def _sig(value: float) -> float:
    return float(f"{value:.4g}")


def posting_rates(path: Path) -> dict[str, dict[str, Any]]:
    """Each currency's rate as the aijobs index applied it, in its latest year with rows."""
    ratios: dict[tuple[str, int], list[float]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code = rec["salary_currency"].strip().upper()
            try:
                local, usd = float(rec["salary"]), float(rec["salary_in_usd"])
                year = int(rec["work_year"])
            except ValueError:
                continue
            if code != "USD" and local > 0 and usd > 0:
                ratios[(code, year)].append(local / usd)
    latest: dict[str, int] = {}
    for code, year in ratios:
        latest[code] = max(year, latest.get(code, year))
    return {
        code: {
            "per_usd": _sig(statistics.median(ratios[(code, year)])),
            "year": year,
            "rows": len(ratios[(code, year)]),
        }
        for code, year in sorted(latest.items())
    }


def hmrc_rates(path: Path) -> dict[str, float]:
    """Units of each currency per US dollar, from HMRC's units per pound."""
    with open(path, encoding="utf-8", newline="") as fh:
        per_gbp = {r["currency"]: float(r["units_per_gbp"]) for r in csv.DictReader(fh)}
    per_gbp["GBP"] = 1.0
    dollar = per_gbp["USD"]
    return {code: _sig(units / dollar) for code, units in sorted(per_gbp.items()) if code != "USD"}


def _currency_of(country: str) -> str | None:
    codes = get_territory_currencies(country, tender=True)
    return codes[0] if codes else None


def posted_currencies(countries: dict[str, dict[str, Any]]) -> set[str]:
    """Currencies of the countries (not the US) whose bands rest mostly on their postings."""
    return {
        code
        for country, info in countries.items()
        if country != "US"
        and float(info.get("postings_share", 0)) >= MOSTLY_POSTINGS
        and (code := _currency_of(country))
    }


def people_behind(countries: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Per currency, the postings and surveyed developers of the countries using it.

    Menus list the most asked-for currencies first.
    """
    out: dict[str, int] = defaultdict(int)
    for country, info in countries.items():
        if code := _currency_of(country):
            out[code] += int(info.get("postings", 0)) + int(info.get("respondents", 0))
    return dict(out)


def _posting_source(code: str, rec: dict[str, Any]) -> str:
    rows = f"{rec['rows']:,} {code} row" + ("" if rec["rows"] == 1 else "s")
    return f"aijobs.net salary index, {rec['year']} rate of its {rows}"


def build(aijobs: Path, hmrc: Path, countries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The rate table; `countries` is the band table's (bands.country_offsets)."""
    posted = posted_currencies(countries)
    people = people_behind(countries)
    postings = posting_rates(aijobs)
    yearly = hmrc_rates(hmrc)
    rates: dict[str, dict[str, Any]] = {}
    for code in sorted(set(postings) | set(yearly)):
        rec = postings.get(code)
        if rec is not None and (code in posted or code not in yearly):
            rates[code] = {
                "per_usd": rec["per_usd"],
                "year": rec["year"],
                "source": _posting_source(code, rec),
            }
        else:
            rates[code] = {"per_usd": yearly[code], "year": HMRC_YEAR, "source": HMRC_SOURCE}
    # Where both exist, how far the two sources are apart (shown by the build's check).
    compared = {
        code: {"postings": rec["per_usd"], "hmrc": yearly[code], "postings_year": rec["year"]}
        for code, rec in postings.items()
        if code in yearly
    }
    return {
        "method": METHOD,
        "sources": {
            "hmrc": "HM Revenue & Customs exchange rates, yearly average to 31 December 2025 "
            "(Open Government Licence v3.0)",
            "postings": "aijobs.net salary index (CC0)",
        },
        "rates": rates,
        "people": {code: people[code] for code in sorted(people) if code in rates or code == "USD"},
        "compared": compared,
    }
