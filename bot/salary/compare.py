"""One person across roles (ranked) and across locations (nominal and PPP)."""

from __future__ import annotations

from collections.abc import Iterable

from . import taxonomy as tx
from .errors import QueryError
from .model import SalaryModel
from .query import SalaryQuery, unknown_value
from .results import LocationComparison, LocationRow, RoleComparison, RoleRow

PPP_NOTE = (
    "Purchasing-power medians use BEA Regional Price Parities 2023 (all items, "
    "US average = 100) and are in US-average prices; other places have no "
    "comparable index in our data, so they show nominal figures only."
)
MAX_LOCATIONS = 10


def compare_roles(
    model: SalaryModel, query: SalaryQuery, roles: Iterable[str] | None = None
) -> RoleComparison:
    """The same profile in each role, highest median first, thinly sampled roles last."""
    keys = list(roles) if roles is not None else tx.keys("role")
    rows = []
    for key in keys:
        if key not in tx.keys("role"):
            key = _resolve("role", key)
        base, basis = model.base_as(query, key, query.location)
        # Roles are ranked on their own postings: a band that borrows the country's level
        # from the survey is the same for every role there, so it counts as thin.
        rows.append(
            RoleRow(role=key, label=tx.label("role", key), base=base, sample_size=basis.postings)
        )
    rows.sort(key=lambda r: (r.thin, -r.base.p50, r.role))
    return RoleComparison(query=query, currency=query.answer_currency, rows=rows)


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
