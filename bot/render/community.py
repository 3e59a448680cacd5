"""Community pay as people read it: the pooled line, the preview, their own submissions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from babel.numbers import get_currency_name

from bot.render.card import Card
from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of
from bot.render.phrases import COLOUR, lines_within, money
from bot.render.wording import word
from bot.render.words import N_, _, has_catalog, ngettext
from bot.salary.community import HELD_REASONS, ROUND_USD, PoolBand
from bot.salary.currency import convert, currency_name
from bot.salary.said import Said

if TYPE_CHECKING:
    from db.community import CellCount, CommunityDraft, CommunitySubmission, HeldSubmission

# Its own label: never read as part of the open-data band above it.
COMMUNITY_FIELD = N_("Community (shared by members, not the open data)")
ANONYMOUS = N_(
    "Stored without your Discord id: only a keyed hash of it, so nobody holding the database "
    "can tell who shared what. It counts in a band only once at least five different people "
    "back it, as rounded percentiles. `/share mine` shows it; `/share delete` removes it."
)
# A stored reason (the English sentence) back to what the domain said, to word it again.
_REASONS = {str(reason): reason for reason in HELD_REASONS}


def held_reason_text(stored: str) -> str:
    """Why a submission is held back, in the reader's words; an unknown reason as stored."""
    reason: Said | str = _REASONS.get(stored, stored)
    return word(reason)


def currency_label(code: str) -> str:
    """ "EUR: Euro", the currency named in the reader's language (CLDR's names)."""
    where = ANSWER_LOCALE.get()
    if not has_catalog(where):
        return f"{code}: {currency_name(code)}"
    return f"{code}: {get_currency_name(code, locale=str(where).replace('-', '_'))}"


def _span(low: float, high: float, currency: str) -> str:
    return f"{money(convert(low, 'USD', currency), currency)}–{money(convert(high, 'USD', currency), currency)}"


def community_value(band: PoolBand, servers: int, currency: str) -> str:
    """ "This server's members: base P25–P75 $180K–$230K, total … · 12 people, 2026"."""
    who = (
        _("This server's members")
        if servers == 1
        else ngettext("Members of {count} server", "Members of {count} servers", servers)
    )
    years = (band.first_year, band.last_year)
    when = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
    people = ngettext("{count} person", "{count} people", band.people)
    figures = _(
        "{who}: base P25–P75 {base}, total P25–P75 {total} · {people}, {when}",
        who=who,
        base=_span(band.base[0], band.base[2], currency),
        total=_span(band.total[0], band.total[2], currency),
        people=people,
        when=when,
    )
    step = money(ROUND_USD, "USD")
    rounding = _(
        "Shared with /share; percentiles rounded to {step}, shown beside the data band, "
        "never mixed into it.",
        step=step,
    )
    return f"{figures}\n-# {rounding}"


def add_community_section(card: Card, band: PoolBand, servers: int, currency: str) -> None:
    """The pooled line under its own heading, after the open data's band and what moved it."""
    card.section(_(COMMUNITY_FIELD), community_value(band, servers, currency).splitlines())


def cell_text(role: str, level: str, location: str) -> str:
    return " · ".join(
        (name_of("role", role), name_of("level", level), name_of("location", location))
    )


def _figures(item: CommunityDraft) -> list[str]:
    company = name_of("company", item.company_type) if item.company_type else _("not said")
    return [
        _("Job: {job}", job=cell_text(item.role, item.level, item.location)),
        _("Company type: {company}", company=company),
        _(
            "Base {base} · bonus {bonus} · equity per year {equity} ({currency})",
            base=money(item.base, item.currency),
            bonus=money(item.bonus, item.currency),
            equity=money(item.equity, item.currency),
            currency=item.currency,
        ),
        _("Year of the figure: {year}", year=item.year),
    ]


def preview_embed(draft: CommunityDraft, server_name: str | None) -> discord.Embed:
    """Exactly what will be stored, before the person confirms."""
    embed = discord.Embed(title=_("Share this anonymously?"), colour=COLOUR)
    pool = (
        _("Pool: {server}'s members", server=server_name)
        if server_name
        else _("Pool: this server's members")
    )
    lines = [*_figures(draft), pool]
    if draft.held_reason:
        lines.append(
            _(
                "Held back for review: {reason}. It is stored but kept out of every pool until "
                "removed; share again to correct it.",
                reason=held_reason_text(draft.held_reason),
            )
        )
    embed.add_field(name=_("What will be stored"), value="\n".join(lines), inline=False)
    embed.add_field(name=_("Anonymous"), value=_(ANONYMOUS), inline=False)
    embed.set_footer(text=_("Also stored: the day you shared it and this server's id."))
    return embed


def mine_embed(items: list[CommunitySubmission]) -> discord.Embed:
    embed = discord.Embed(title=_("Pay you shared"), colour=COLOUR)
    if not items:
        embed.description = _("Nothing shared yet: `/share add` shares your pay anonymously.")
        return embed
    for item in items[:20]:
        lines = _figures(item)
        if item.held_reason:
            lines.append(
                _("Held back for review: {reason}", reason=held_reason_text(item.held_reason))
            )
        embed.add_field(
            name=_(
                "#{number} · {year} · shared {day}",
                number=item.id,
                year=item.year,
                day=item.created_on.isoformat(),
            ),
            value=lines_within(lines),
            inline=False,
        )
    embed.set_footer(
        text=_("/share delete submission:ID removes one; everything:true removes all.")
    )
    return embed


def _cell_count(count: CellCount) -> str:
    cell = cell_text(count.role, count.level, count.location)
    if count.held:
        return _(
            "{cell}: {live} pooled, {held} held back", cell=cell, live=count.live, held=count.held
        )
    return _("{cell}: {live} pooled", cell=cell, live=count.live)


def review_embed(counts: list[CellCount], held: list[HeldSubmission], k: int) -> discord.Embed:
    """What admins see: counts per cell and held-back submissions, never who made them."""
    embed = discord.Embed(title=_("Shared pay in this server"), colour=COLOUR)
    if not counts:
        embed.description = _("Nobody has shared pay here yet.")
        return embed
    embed.description = lines_within((_cell_count(c) for c in counts), 4000)
    if held:
        embed.add_field(
            name=_("Held back (remove with /share remove submission:ID)"),
            value=lines_within(
                f"#{h.id} {cell_text(h.role, h.level, h.location)}: "
                f"{held_reason_text(h.held_reason)}"
                for h in held
            ),
            inline=False,
        )
    embed.set_footer(
        text=_("A band shows once {k} different people back a cell; authors are never shown.", k=k)
    )
    return embed
