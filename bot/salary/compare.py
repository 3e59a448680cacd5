"""One person across roles (ranked) and across locations (nominal and PPP)."""

from __future__ import annotations

from collections.abc import Iterable

from . import taxonomy as tx
from .basis import TOO_LITTLE, Basis, postings
from .errors import QueryError
from .model import SalaryModel
from .query import SalaryQuery
from .results import LocationComparison, LocationRow, RoleComparison, RoleRow
from .typed_words import unknown_value

PPP_NOTE = (
    "Purchasing-power medians use BEA Regional Price Parities 2023 (all items, "
    "US average = 100) and are in US-average prices; other places have no "
    "comparable index in our data, so they show nominal figures only."
)
MAX_LOCATIONS = 10


def compare_roles(
    model: SalaryModel, query: SalaryQuery, roles: Iterable[str] | None = None
) -> RoleComparison:
    """The same profile in each role, highest median first, thinly sampled roles last.

    Roles are ranked on their own postings. A role with almost none in the country has
    its all-country band at the country's level: the row counts the all-country postings
    and a note says what the country's level rests on.
    """
    keys = list(roles) if roles is not None else tx.keys("role")
    rows = []
    borrowed: Basis | None = None
    for key in keys:
        if key not in tx.keys("role"):
            key = _resolve("role", key)
        base, basis = model.base_as(query, key, query.location)
        count, sample = basis.postings, basis.text
        if basis.level:
            where = tx.label("location", str(query.country))
            sample = f"{postings(count)} in {where}"
            if count < TOO_LITTLE:
                anywhere = query.model_copy(update={"location": None})
                pooled = model.band(anywhere, role=key).n
                here = f", {count} in {where}" if count else ""
                count, sample = pooled, f"{postings(pooled)}, all countries{here}"
                borrowed = basis
        rows.append(
            RoleRow(
                role=key, label=tx.label("role", key), base=base, sample_size=count, sample=sample
            )
        )
    rows.sort(key=lambda r: (r.thin, -r.base.p50, r.role))
    return RoleComparison(
        query=query,
        currency=query.answer_currency,
        rows=rows,
        sample_note=_borrowed_note(borrowed, query),
    )


def _borrowed_note(basis: Basis | None, query: SalaryQuery) -> str:
    """What the level of roles priced from their all-country bands rests on."""
    if basis is None:
        return ""
    where = tx.label("location", str(query.country))
    lead = (
        f"Roles with fewer than {TOO_LITTLE} postings in {where} use their all-country band "
        f"at {where}'s {basis.level}."
    )
    return " ".join([lead, *basis.notes])


def compare_locations(
    model: SalaryModel, query: SalaryQuery, locations: list[str]
) -> LocationComparison:
    """The same profile in each location, in the order given."""
    if len(locations) > MAX_LOCATIONS:
        raise QueryError("locations", f"Compare at most {MAX_LOCATIONS} locations at a time.")
    rows = []
    for text in locations:
        key = text if text in tx.LOCATION_BY_KEY else _resolve("location", text)
        base, basis = model.base_as(query, query.role, key)
        index, source = _price_index(model, key)
        rows.append(
            LocationRow(
                location=key,
                label=tx.label("location", key),
                base=base,
                sample_size=basis.count,
                sample=basis.text,
                thin=basis.thin,
                sample_place=tx.label("location", tx.LOCATION_BY_KEY[key].country or key),
                ppp_median=None if index is None else base.p50 * 100.0 / index,
                price_index=index,
                price_source=source,
            )
        )
    return LocationComparison(query=query, currency=query.answer_currency, rows=rows, note=PPP_NOTE)


def _price_index(model: SalaryModel, key: str) -> tuple[float | None, str | None]:
    if key == "US":
        return 100.0, "BEA Regional Price Parities 2023: US average = 100"
    rpp = model.areas.get(key, {}).get("rpp")
    if rpp is None:
        return None, None
    return float(rpp["value"]), str(rpp["source"])


def _resolve(kind: str, text: str) -> str:
    key = tx.lookup(kind, text)
    if key is None:
        raise unknown_value(kind, kind, text)
    return key
