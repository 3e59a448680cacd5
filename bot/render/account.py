"""What is stored about a person or a server, shown back: profile, history, settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of
from bot.render.phrases import (
    COLOUR,
    FIELD_VALUE_LIMIT,
    clip,
    experience_text,
    field_text,
    lines_within,
    money,
)
from bot.render.words import N_, _, ngettext
from bot.salary import fields
from bot.salary.currency import format_number

if TYPE_CHECKING:
    from db.models import GuildSettings, HistoryEntry, Profile

# A profile's lines: the heading each shows under, and the name it has in "Not set: ...".
PROFILE_LINES = {
    "role": (N_("Role"), N_("role")),
    "experience": (N_("Experience"), N_("experience")),
    "location": (N_("Location"), N_("location")),
    "industry": (N_("Industry"), N_("industry")),
    "education": (N_("Education"), N_("education")),
    "skills": (N_("Skills"), N_("skills")),
    "certifications": (N_("Certifications"), N_("certifications")),
    "company_type": (N_("Company"), N_("company")),
    "remote": (N_("Remote"), N_("remote")),
    "currency": (N_("Currency"), N_("currency")),
    "private": (N_("Answers"), N_("answers")),
}


def _profile_values(profile: Profile) -> dict[str, str | None]:
    """Each line of the profile by its name in PROFILE_LINES, None where nothing is saved."""
    shown: dict[str, str | None] = {}
    for name in fields.FIELD_NAMES:
        if name in fields.EXPERIENCE:
            # Saved as years or as a level, shown as one line.
            shown["experience"] = experience_text(profile.years, profile.level)
        else:
            shown[name] = field_text(name, getattr(profile, name))
    shown["private"] = (
        None if profile.private is None else (_("private") if profile.private else _("public"))
    )
    return shown


def _line_names(name: str) -> tuple[str, str]:
    heading, listed = PROFILE_LINES.get(name, (fields.label(name).capitalize(), name))
    return _(heading), _(listed)


def profile_embed(profile: Profile | None) -> discord.Embed:
    embed = discord.Embed(title=_("Your profile"), colour=COLOUR)
    if profile is None:
        embed.description = _(
            "Nothing saved yet. `/profile set` saves options that every command then uses."
        )
        return embed
    shown = _profile_values(profile)
    for name, value in shown.items():
        if value:
            embed.add_field(name=_line_names(name)[0], value=clip(value, FIELD_VALUE_LIMIT))
    missing = [_line_names(name)[1] for name, value in shown.items() if not value]
    if missing:
        embed.description = _("Not set: {fields}.", fields=", ".join(missing))
    when = profile.updated_at.strftime("%Y-%m-%d %H:%M")
    embed.set_footer(text=_("Updated {when} UTC · /profile delete erases it", when=when))
    return embed


def _stored(table: str, number: int) -> str:
    """ "3 saved queries": how many of one store table's rows, as people say it."""
    count = format_number(number, ANSWER_LOCALE.get())
    match table:
        case "profiles":
            return ngettext("{count} profile", "{count} profiles", number, count=count)
        case "history":
            return ngettext("{count} saved query", "{count} saved queries", number, count=count)
        case "budgets":
            return ngettext(
                "{count} rate-limit counter", "{count} rate-limit counters", number, count=count
            )
        case "community_pay":
            return ngettext(
                "{count} shared pay figure", "{count} shared pay figures", number, count=count
            )
    return f"{count} {table}"


def deleted_text(removed: dict[str, int]) -> str:
    """ "Deleted everything stored about you (1 profile, 3 saved queries)."."""
    parts = [_stored(table, number) for table, number in removed.items() if number]
    if not parts:
        return _("Nothing was stored about you, so there was nothing to delete.")
    return _("Deleted everything stored about you ({parts}).", parts=", ".join(parts))


def history_line(entry: HistoryEntry) -> str:
    query = entry.query
    role = name_of("role", query["role"]) if query.get("role") else _("Any role")
    place = name_of("location", query["location"]) if query.get("location") else _("anywhere")
    headline = entry.headline
    median = headline.get("median")
    shown = f" → {money(median, headline.get('currency', 'USD'))}" if median is not None else ""
    return f"{entry.created_at:%m-%d %H:%M} {headline.get('command', 'estimate')}: {role}, {place}{shown}"


def history_embed(entries: list[HistoryEntry]) -> discord.Embed:
    embed = discord.Embed(title=_("Your recent queries"), colour=COLOUR)
    if not entries:
        embed.description = _("No queries yet: try `/estimate`.")
        return embed
    embed.description = lines_within(
        (f"`{i}` {history_line(e)}" for i, e in enumerate(entries, 1)), 4000
    )
    embed.set_footer(text=_("Pick one below to run it again."))
    return embed


def _on_off(value: bool) -> str:
    return _("on") if value else _("off")


def settings_embed(settings: GuildSettings) -> discord.Embed:
    embed = discord.Embed(title=_("Server settings"), colour=COLOUR)
    embed.add_field(
        name=_("Answers by default"),
        value=_("public") if settings.public_answers else _("private"),
    )
    channel = f"<#{settings.career_channel_id}>" if settings.career_channel_id else _("any channel")
    embed.add_field(name=_("Public answers allowed in"), value=channel)
    embed.add_field(name=_("Community features"), value=_on_off(settings.community_features))
    embed.add_field(name=_("Pay sharing"), value=_on_off(settings.pay_sharing))
    embed.add_field(
        name=_("Pay pool"),
        value=_("shared with opted-in servers") if settings.shared_pool else _("this server"),
    )
    return embed
