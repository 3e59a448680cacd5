"""`python -m bot pool export`: the pooled, k-anonymous percentiles as CSV, never raw rows.

The same rules as the Community line decide every row: at least k different people, rounded
quartiles, and a shared cell is left out when a server's own cell would subtract from it.
"""

from __future__ import annotations

import asyncio
import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

from bot.app.config import Config
from bot.flows.share import pooled_entries
from bot.salary.community import PoolBand, server_band, shared_band
from db.community import PoolRow
from db.store import Store

CC0_NOTE = (
    "# Community pay pooled by ML Salary Bot: quartiles in US dollars, rounded to $5K, each "
    "from at least {k} different people. Dedicated to the public domain under CC0 1.0 "
    "(https://creativecommons.org/publicdomain/zero/1.0/): copy, change and publish freely."
)
COLUMNS = (
    "pool",
    "role",
    "level",
    "location",
    "people",
    "base_p25",
    "base_p50",
    "base_p75",
    "total_p25",
    "total_p50",
    "total_p75",
    "first_year",
    "last_year",
)

Cell = tuple[str, str, str]


def export_rows(
    rows: list[tuple[str, str, str, PoolRow]], shared_guilds: set[int], guild_id: int | None, k: int
) -> list[tuple[str, Cell, PoolBand]]:
    """The cells to publish: one server's pool, or the shared pool of opted-in servers."""
    cells: dict[Cell, list[PoolRow]] = defaultdict(list)
    for role, level, location, row in rows:
        cells[(role, level, location)].append(row)
    out: list[tuple[str, Cell, PoolBand]] = []
    for cell, members in sorted(cells.items()):
        if guild_id is not None:
            band = server_band(pooled_entries(members), guild_id, k)
            label = f"server {guild_id}"
        else:
            shared = [row for row in members if row.guild_id in shared_guilds]
            band = shared_band(pooled_entries(shared), k)
            label = "shared"
        if band is not None:
            out.append((label, cell, band))
    return out


def to_csv(published: list[tuple[str, Cell, PoolBand]], k: int) -> str:
    buffer = io.StringIO()
    buffer.write(CC0_NOTE.format(k=k) + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for label, (role, level, location), band in published:
        writer.writerow(
            (
                label,
                role,
                level,
                location,
                band.people,
                *(f"{value:.0f}" for value in (*band.base, *band.total)),
                band.first_year,
                band.last_year,
            )
        )
    return buffer.getvalue()


async def export_pool(config: Config, guild_id: int | None, out: str) -> int:
    if not await asyncio.to_thread(config.database_path.exists):
        print(f"no database at {config.database_path}", file=sys.stderr)
        return 1
    async with await Store.open(config.database_path, pool_key=b"unused-for-export") as store:
        rows = await store.community.live_rows()
        shared = await store.community.shared_guilds()
    text = to_csv(export_rows(rows, shared, guild_id, config.pool_k), config.pool_k)
    if out == "-":
        sys.stdout.write(text)
    else:
        await asyncio.to_thread(Path(out).write_text, text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0
