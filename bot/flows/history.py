"""What the bot remembers of an answer, so a follow-up can build on it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from bot.interaction import Interaction
from bot.render.phrases import describe_person
from bot.salary.query import SalaryQuery, parse_query
from bot.salary.results import Percentiles
from db.errors import StoreUnavailableError
from db.models import HistoryEntry
from db.store import Store

log = logging.getLogger(__name__)

# What a what-if starts from: the last answer that showed one person's band (an estimate, a
# what-if, a "What if" button's answer, a /history re-run). Tips, comparisons and saved offers
# stay in the history, but starting from them would change an answer nobody is looking at.
BAND_SHOWN = frozenset({"estimate"})


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
    if query.level_said is not None:
        # Kept as said ("staff"): read again it is the same band, and a follow-up still says so.
        said["level"] = query.level_said
    try:
        return await store.history.add(user_id, said, summary, entry_id=entry_id)
    except StoreUnavailableError:
        return None  # the store is away; it said so in the log when it went
    except Exception:
        log.exception("could not record a query in the history of user %s", user_id)
        return None


def last_band_of(entries: Iterable[HistoryEntry]) -> HistoryEntry | None:
    """The newest entry that showed a band, from entries listed newest first."""
    return next((entry for entry in entries if entry.headline.get("command") in BAND_SHOWN), None)


async def last_band(interaction: Interaction) -> HistoryEntry | None:
    """The last band this person was shown, for a what-if to start from."""
    return await last_band_in(interaction.client.store, interaction.user.id)


async def last_band_in(store: Store, user_id: int) -> HistoryEntry | None:
    return last_band_of(await store.history.recent(user_id, limit=store.history.cap))


def shown_as(entry: HistoryEntry) -> str:
    """An answer's title as it was shown, so a follow-up can name what it starts from."""
    title = entry.headline.get("title")
    return title if isinstance(title, str) else describe_person(parse_query(**entry.query))
