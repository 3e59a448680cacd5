"""Community pay as people read it: the pooled line, the preview, their own submissions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.render.card import Card
from bot.render.phrases import COLOUR, lines_within, money
from bot.salary import taxonomy
from bot.salary.community import ROUND_USD, PoolBand
from bot.salary.currency import convert

if TYPE_CHECKING:
    from db.community import CellCount, CommunityDraft, CommunitySubmission, HeldSubmission

# Its own label: never read as part of the open-data band above it.
COMMUNITY_FIELD = "Community (shared by members, not the open data)"
ANONYMOUS = (
    "Stored without your Discord id: only a keyed hash of it, so nobody holding the database "
    "can tell who shared what. It counts in a band only once at least five different people "
    "back it, as rounded percentiles. `/share mine` shows it; `/share delete` removes it."
)


def _span(low: float, high: float, currency: str) -> str:
    return f"{money(convert(low, 'USD', currency), currency)}–{money(convert(high, 'USD', currency), currency)}"


def community_value(band: PoolBand, servers: int, currency: str) -> str:
    """ "This server's members: base P25–P75 $180K–$230K, total … · 12 people, 2026"."""
    who = "This server's members" if servers == 1 else f"Members of {servers} servers"
    years = (band.first_year, band.last_year)
    when = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
    return (
        f"{who}: base P25–P75 {_span(band.base[0], band.base[2], currency)}, "
        f"total P25–P75 {_span(band.total[0], band.total[2], currency)} · "
        f"{band.people} people, {when}\n"
        f"-# Shared with /share; percentiles rounded to ${ROUND_USD / 1000:g}K, "
        "shown beside the data band, never mixed into it."
    )


def add_community_section(card: Card, band: PoolBand, servers: int, currency: str) -> None:
    """The pooled line under its own heading, after the open data's band and what moved it."""
    card.section(COMMUNITY_FIELD, community_value(band, servers, currency).splitlines())


def cell_text(role: str, level: str, location: str) -> str:
    return " · ".join(
        (
            taxonomy.label("role", role),
            taxonomy.label("level", level),
            taxonomy.label("location", location),
        )
    )


def _figures(item: CommunityDraft) -> list[str]:
    company = taxonomy.label("company", item.company_type) if item.company_type else "not said"
    return [
        f"Job: {cell_text(item.role, item.level, item.location)}",
        f"Company type: {company}",
        f"Base {money(item.base, item.currency)} · bonus {money(item.bonus, item.currency)}"
        f" · equity per year {money(item.equity, item.currency)} ({item.currency})",
        f"Year of the figure: {item.year}",
    ]


def preview_embed(draft: CommunityDraft, server_name: str | None) -> discord.Embed:
    """Exactly what will be stored, before the person confirms."""
    embed = discord.Embed(title="Share this anonymously?", colour=COLOUR)
    lines = [*_figures(draft), f"Pool: {server_name or 'this server'}'s members"]
    if draft.held_reason:
        lines.append(
            f"Held back for review: {draft.held_reason}. It is stored but kept out of every "
            "pool until removed; share again to correct it."
        )
    embed.add_field(name="What will be stored", value="\n".join(lines), inline=False)
    embed.add_field(name="Anonymous", value=ANONYMOUS, inline=False)
    embed.set_footer(text="Also stored: the day you shared it and this server's id.")
    return embed


def mine_embed(items: list[CommunitySubmission]) -> discord.Embed:
    embed = discord.Embed(title="Pay you shared", colour=COLOUR)
    if not items:
        embed.description = "Nothing shared yet: `/share add` shares your pay anonymously."
        return embed
    for item in items[:20]:
        lines = _figures(item)
        if item.held_reason:
            lines.append(f"Held back for review: {item.held_reason}")
        embed.add_field(
            name=f"#{item.id} · {item.year} · shared {item.created_on.isoformat()}",
            value=lines_within(lines),
            inline=False,
        )
    embed.set_footer(text="/share delete submission:ID removes one; everything:true removes all.")
    return embed


def review_embed(counts: list[CellCount], held: list[HeldSubmission], k: int) -> discord.Embed:
    """What admins see: counts per cell and held-back submissions, never who made them."""
    embed = discord.Embed(title="Shared pay in this server", colour=COLOUR)
    if not counts:
        embed.description = "Nobody has shared pay here yet."
        return embed
    embed.description = lines_within(
        (
            f"{cell_text(c.role, c.level, c.location)}: {c.live} pooled"
            + (f", {c.held} held back" if c.held else "")
            for c in counts
        ),
        4000,
    )
    if held:
        embed.add_field(
            name="Held back (remove with /share remove submission:ID)",
            value=lines_within(
                f"#{h.id} {cell_text(h.role, h.level, h.location)}: {h.held_reason}" for h in held
            ),
            inline=False,
        )
    embed.set_footer(
        text=f"A band shows once {k} different people back a cell; authors are never shown."
    )
    return embed
