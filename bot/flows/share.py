"""Community pay: reading a submission, storing it, and the pooled line under answers."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.flows.errors import UserError
from bot.interaction import Interaction
from bot.render.words import N_, _
from bot.salary.community import (
    PoolBand,
    PoolEntry,
    held_back_reason,
    parse_amount,
    server_band,
    shared_band,
)
from bot.salary.currency import convert
from bot.salary.errors import QueryError
from bot.salary.model import SalaryModel
from bot.salary.query import SalaryQuery, parse_query
from bot.salary.said import said
from db.community import CommunityDraft, PoolRow
from db.encoding import now

log = logging.getLogger(__name__)
# The community line is one indexed read; if the store is slow, the answer goes without it.
LOOKUP_TIMEOUT_S = 0.5


@dataclass(frozen=True)
class CommunityLine:
    band: PoolBand
    servers: int  # how many servers' members are behind it
    currency: str


def job_of(query: SalaryQuery) -> tuple[str, str, str]:
    """The pool cell a query falls in; a submission needs all three."""
    missing = [
        _(name)
        for name, value in (
            (N_("role"), query.role),
            (N_("level or years"), query.effective_level),
            (N_("location"), query.location),
        )
        if value is None
    ]
    if missing:
        raise UserError(
            _(
                "To share pay, say your {missing} (as options, or in `/profile set`).",
                missing=", ".join(missing),
            )
        )
    assert query.role and query.effective_level and query.location
    return query.role, query.effective_level, query.location


def read_year(text: str) -> int:
    this_year = now().year
    if not text.strip():
        return this_year
    year = parse_query(year=text.strip()).year
    assert year is not None
    if year > this_year:
        raise QueryError(
            "year", said("The year of the figure cannot be after {year}.", year=str(this_year))
        )
    return year


def read_draft(
    model: SalaryModel,
    query: SalaryQuery,
    *,
    base: str,
    bonus: str,
    equity: str,
    year: str,
    currency: str,
) -> CommunityDraft:
    """The row a form's answers would store; bad input raises a message for that field."""
    role, level, location = job_of(query)
    code = parse_query(currency=currency.strip()).currency if currency.strip() else None
    code = code or query.answer_currency
    amounts = {
        "base": parse_amount("base", base, required=True),
        "bonus": parse_amount("bonus", bonus, required=False),
        "equity": parse_amount("equity", equity, required=False),
    }
    when = read_year(year)
    data = model.estimate(query.model_copy(update={"currency": code, "year": when}))
    band = (data.base.p10, data.base.p50, data.base.p90)
    # Stored as the English sentence; render words it in each reader's language.
    held = held_back_reason(amounts["base"], amounts["bonus"], amounts["equity"], band)
    return CommunityDraft(
        role=role,
        level=level,
        location=location,
        company_type=query.company_type,
        currency=code,
        year=when,
        held_reason=None if held is None else str(held),
        **amounts,
    )


def _entry(row: PoolRow) -> PoolEntry:
    base = convert(row.base, row.currency, "USD")
    total = convert(row.base + row.bonus + row.equity, row.currency, "USD")
    return PoolEntry(row.person, row.guild_id, base, total, row.year)


def pooled_entries(rows: list[PoolRow]) -> list[PoolEntry]:
    """Rows as pooling reads them: money in US dollars, total = base + bonus + equity."""
    return [_entry(row) for row in rows]


def pooled(rows: list[PoolRow], guild_id: int, k: int) -> tuple[PoolBand | None, int]:
    """The band this server may show, and how many servers stand behind it."""
    entries = pooled_entries(rows)
    servers = {entry.guild_id for entry in entries}
    if servers - {guild_id}:
        return shared_band(entries, k), len(servers)
    return server_band(entries, guild_id, k), 1


async def community_line(
    interaction: Interaction, query: SalaryQuery, currency: str
) -> CommunityLine | None:
    """The pooled line for the asker's cell, if one qualifies; never delays an answer long."""
    guild_id = interaction.guild_id
    level = query.effective_level
    if guild_id is None or not (query.role and level and query.location):
        return None
    client = interaction.client
    try:
        rows = await asyncio.wait_for(
            client.store.community.cell(query.role, level, query.location, guild_id),
            LOOKUP_TIMEOUT_S,
        )
    except Exception as error:
        # The open data still answers; the community line is an extra.
        log.info("no community line this time: %s", type(error).__name__)
        return None
    band, servers = pooled(rows, guild_id, client.config.pool_k)
    return None if band is None else CommunityLine(band, servers, currency)
