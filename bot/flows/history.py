"""What the bot remembers of an answer, so a follow-up can build on it."""

from __future__ import annotations

import logging
from typing import Any

from bot.interaction import Interaction
from bot.salary.query import SalaryQuery
from bot.salary.results import Percentiles
from db.errors import StoreUnavailableError
from db.models import HistoryEntry
from db.store import Store

log = logging.getLogger(__name__)


def headline(command: str, band: Percentiles, currency: str, sample_size: int) -> dict[str, Any]:
    """The few numbers a history entry keeps, to list and compare later."""
    return {
        "command": command,
        "median": round(band.p50),
        "p25": round(band.p25),
        "p75": round(band.p75),
        "currency": currency,
        "sample_size": sample_size,
    }


async def remember(
    interaction: Interaction, query: SalaryQuery, summary: dict[str, Any]
) -> HistoryEntry | None:
    """Keep the query for follow-ups. A store failure must not cost the user their answer.

    The entry is named by the interaction's id, so an answer's buttons can carry it before
    it is written.
    """
    return await remember_as(
        interaction.client.store, interaction.user.id, interaction.id, query, summary
    )


async def remember_as(
    store: Store, user_id: int, entry_id: int, query: SalaryQuery, summary: dict[str, Any]
) -> HistoryEntry | None:
    """Keep a query under `entry_id` (a snowflake: new and later than every id before it)."""
    # Only what was said: a stored default (currency USD) would later be "filled in from your
    # last query" although nobody chose it.
    said = query.model_dump(mode="json", exclude_defaults=True)
    try:
        return await store.history.add(user_id, said, summary, entry_id=entry_id)
    except StoreUnavailableError:
        return None  # the store is away; it said so in the log when it went
    except Exception:
        log.exception("could not record a query in the history of user %s", user_id)
        return None
