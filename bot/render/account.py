"""What is stored about a person or a server, shown back: profile, history, settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.render.locale import ANSWER_LOCALE
from bot.render.phrases import (
    COLOUR,
    FIELD_VALUE_LIMIT,
    clip,
    experience_text,
    field_text,
    lines_within,
    money,
)
from bot.salary import fields, taxonomy
from bot.salary.currency import format_number

if TYPE_CHECKING:
    from db.models import GuildSettings, HistoryEntry, Profile


def profile_embed(profile: Profile | None) -> discord.Embed:
    embed = discord.Embed(title="Your profile", colour=COLOUR)
    if profile is None:
        embed.description = (
            "Nothing saved yet. `/profile set` saves options that every command then uses."
        )
        return embed
    shown: dict[str, str | None] = {}
    for name in fields.FIELD_NAMES:
        if name in fields.EXPERIENCE:
            # Saved as years or as a level, shown as one line.
            shown["Experience"] = experience_text(profile.years, profile.level)
        else:
            shown[fields.label(name).capitalize()] = field_text(name, getattr(profile, name))
    shown["Answers"] = (
        None if profile.private is None else ("private" if profile.private else "public")
    )
    for name, value in shown.items():
        if value:
            embed.add_field(name=name, value=clip(value, FIELD_VALUE_LIMIT))
    missing = [name.lower() for name, value in shown.items() if not value]
    if missing:
        embed.description = f"Not set: {', '.join(missing)}."
    embed.set_footer(
        text=f"Updated {profile.updated_at:%Y-%m-%d %H:%M} UTC · /profile delete erases it"
    )
    return embed


# What each store table holds, as people say it (singular, plural).
STORED_AS = {
    "profiles": ("profile", "profiles"),
    "history": ("saved query", "saved queries"),
    "budgets": ("rate-limit counter", "rate-limit counters"),
    "community_pay": ("shared pay figure", "shared pay figures"),
}


def deleted_text(removed: dict[str, int]) -> str:
    """ "Deleted everything stored about you (1 profile, 3 saved queries)."."""
    parts = []
    for table, number in removed.items():
        if number:
            one, many = STORED_AS.get(table, (table, table))
            parts.append(
                f"{format_number(number, ANSWER_LOCALE.get())} {one if number == 1 else many}"
            )
    if not parts:
        return "Nothing was stored about you, so there was nothing to delete."
    return f"Deleted everything stored about you ({', '.join(parts)})."


def history_line(entry: HistoryEntry) -> str:
    query = entry.query
    role = taxonomy.label("role", query["role"]) if query.get("role") else "Any role"
    place = taxonomy.label("location", query["location"]) if query.get("location") else "anywhere"
    headline = entry.headline
    median = headline.get("median")
    shown = f" → {money(median, headline.get('currency', 'USD'))}" if median is not None else ""
    return f"{entry.created_at:%m-%d %H:%M} {headline.get('command', 'estimate')}: {role}, {place}{shown}"


def history_embed(entries: list[HistoryEntry]) -> discord.Embed:
    embed = discord.Embed(title="Your recent queries", colour=COLOUR)
    if not entries:
        embed.description = "No queries yet: try `/estimate`."
        return embed
    embed.description = lines_within(
        (f"`{i}` {history_line(e)}" for i, e in enumerate(entries, 1)), 4000
    )
    embed.set_footer(text="Pick one below to run it again.")
    return embed


def settings_embed(settings: GuildSettings) -> discord.Embed:
    embed = discord.Embed(title="Server settings", colour=COLOUR)
    embed.add_field(
        name="Answers by default", value="public" if settings.public_answers else "private"
    )
    channel = f"<#{settings.career_channel_id}>" if settings.career_channel_id else "any channel"
    embed.add_field(name="Public answers allowed in", value=channel)
    embed.add_field(name="Community features", value="on" if settings.community_features else "off")
    embed.add_field(name="Pay sharing", value="on" if settings.pay_sharing else "off")
    embed.add_field(
        name="Pay pool",
        value="shared with opted-in servers" if settings.shared_pool else "this server",
    )
    return embed
