"""One person across roles (ranked) and across locations (nominal and PPP)."""

from __future__ import annotations

from collections.abc import Iterable

from . import taxonomy as tx
from .basis import TOO_LITTLE, Basis, postings, postings_in
from .errors import QueryError
from .model import SalaryModel
from .query import SalaryQuery
from .results import LocationComparison, LocationRow, RoleComparison, RoleRow
from .said import Name, Said, said, said_plural
from .typed_words import unknown_value

PPP_NOTE = said(
    "Purchasing-power medians use {index} (all items, US average = 100) and are in US-average "
    "prices; other places have no comparable index in our data, so they show nominal figures "
    "only.",
    index="BEA Regional Price Parities 2023",
)
MAX_LOCATIONS = 10
US_PRICE_INDEX = said("{index}: US average = 100", index="BEA Regional Price Parities 2023")


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
        count, sample = basis.postings, basis.said_text
        if basis.level is not None:
            where = Name("location", str(query.country))
            sample = postings_in(count, where)
            if count < TOO_LITTLE:
                anywhere = query.model_copy(update={"location": None})
                pooled = model.band(anywhere, role=key).n
                sample = (
                    said(
                        "{postings}, all countries, {count} in {place}",
                        postings=postings(pooled),
                        count=str(count),
                        place=where,
                    )
                    if count
                    else said("{postings}, all countries", postings=postings(pooled))
                )
                count = pooled
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
        level_surveyed=borrowed is not None and borrowed.surveyed,
    )


def _borrowed_note(basis: Basis | None, query: SalaryQuery) -> Said | None:
    """What the level of roles priced from their all-country bands rests on."""
    if basis is None or basis.level is None:
        return None
    lead = said_plural(
        "Roles with fewer than {count} posting in {place} use their all-country band at "
        "{place}'s {level}.",
        "Roles with fewer than {count} postings in {place} use their all-country band at "
        "{place}'s {level}.",
        TOO_LITTLE,
        place=Name("location", str(query.country)),
        level=basis.level,
    )
    # The place's own thin-data note, if any, follows as its second sentence.
    return said("{lead} {note}", lead=lead, note=basis.notes[0]) if basis.notes else lead


def compare_locations(
    model: SalaryModel, query: SalaryQuery, locations: list[str]
) -> LocationComparison:
    """The same profile in each location, in the order given."""
    if len(locations) > MAX_LOCATIONS:
        raise QueryError(
            "locations",
            said_plural(
                "Compare at most {count} location at a time.",
                "Compare at most {count} locations at a time.",
                MAX_LOCATIONS,
            ),
        )
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
                sample=basis.said_text,
                thin=basis.thin,
                sample_place=tx.label("location", tx.LOCATION_BY_KEY[key].country or key),
                ppp_median=None if index is None else base.p50 * 100.0 / index,
                price_index=index,
                price_source=source,
            )
        )
    return LocationComparison(query=query, currency=query.answer_currency, rows=rows, note=PPP_NOTE)


def _price_index(model: SalaryModel, key: str) -> tuple[float | None, Said | str | None]:
    if key == "US":
        return 100.0, US_PRICE_INDEX
    rpp = model.areas.get(key, {}).get("rpp")
    if rpp is None:
        return None, None
    return float(rpp["value"]), str(rpp["source"])


def _resolve(kind: str, text: str) -> str:
    key = tx.lookup(kind, text)
    if key is None:
        raise unknown_value(kind, kind, text)
    return key
