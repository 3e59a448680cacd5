"""The salary answers: estimate, what-if, role and place comparisons, tips.

Each answers at once, waiting on no database write and no drawing, then records the query
and adds the chart (and the buttons a caller asked for) in one edit, so a busy store or a
slow chart never costs the user Discord's 3-second window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord

from bot.errors import UserError
from bot.fill import DEFAULT, Filled, describe_sources
from bot.flows.asker import Asker
from bot.flows.memory import headline, remember
from bot.flows.reply import complete_answer, send, use_locale
from bot.flows.share import community_line
from bot.interaction import Interaction
from bot.privacy import Visibility
from bot.render.charts import estimate_chart, locations_chart, roles_chart
from bot.render.community import add_community_field
from bot.render.embeds import (
    change_line,
    estimate_embed,
    location_comparison_embed,
    role_comparison_embed,
    tips_embed,
)
from bot.salary import fields
from bot.salary.compare import MAX_LOCATIONS, compare_locations, compare_roles
from bot.salary.query import SalaryQuery, parse_query
from bot.salary.results import SalaryEstimate
from bot.salary.tips import tips
from db.models import HistoryEntry

# Builds the buttons under an estimate once its history entry exists.
ViewFactory = Callable[[HistoryEntry, SalaryQuery], discord.ui.View]


async def add_community(
    interaction: Interaction, embed: discord.Embed, query: SalaryQuery, currency: str
) -> None:
    """The community line under its own label, when the asker's pool cell qualifies."""
    line = await community_line(interaction, query, currency)
    if line is not None:
        add_community_field(embed, line.band, line.servers, line.currency)


async def answer_estimate(
    interaction: Interaction,
    filled: Filled,
    visibility: Visibility,
    *,
    view_for: ViewFactory | None = None,
    before: SalaryEstimate | None = None,
    changed: str | None = None,
    note: str | None = None,
) -> SalaryEstimate:
    """The band for one person; with `before`, also how far one change moved it."""
    use_locale(interaction)
    estimate = interaction.client.model.estimate(filled.query)
    embed = estimate_embed(estimate, describe_sources(filled))
    if before is not None:
        note = change_line(before, estimate)
    if note is not None:
        name = f"What if: {changed}" if changed else "Change"
        embed.insert_field_at(0, name=name, value=note, inline=False)
    await add_community(interaction, embed, filled.query, estimate.currency)
    await send(interaction, visibility, embed=embed)
    summary = headline("estimate", estimate.base, estimate.currency, estimate.sample_size)
    entry = await remember(interaction, filled.query, summary)
    view = view_for(entry, filled.query) if entry is not None and view_for is not None else None
    await complete_answer(interaction, embed, lambda: estimate_chart(estimate), view)
    return estimate


async def answer_whatif(
    interaction: Interaction,
    asker: Asker,
    changes: dict[str, Any],
    visibility: Visibility,
    *,
    view_for: ViewFactory | None = None,
) -> None:
    """The last query again with `changes`, and how far they moved the band."""
    if asker.last is None:
        raise UserError("There is no earlier query to change yet: run `/estimate` first.")
    if not changes:
        raise UserError(
            "Tell me what to change, e.g. `/whatif location:london` or `/whatif level:senior`."
        )
    query = parse_query(**fields.merge(asker.last.query, changes))
    changed = ", ".join(fields.label(name) for name in changes)
    if set(changes) == {"currency"}:
        # A currency is not a raise: say so instead of a +0% change.
        note = f"The same pay, shown in {query.answer_currency}."
        await answer_estimate(
            interaction, Filled(query), visibility, view_for=view_for, changed=changed, note=note
        )
        return
    previous = parse_query(**{**asker.last.query, "currency": query.answer_currency})
    before = interaction.client.model.estimate(previous)
    await answer_estimate(
        interaction, Filled(query), visibility, view_for=view_for, before=before, changed=changed
    )


async def answer_role_comparison(
    interaction: Interaction, filled: Filled, visibility: Visibility
) -> None:
    use_locale(interaction)
    comparison = compare_roles(interaction.client.model, filled.query)
    embed = role_comparison_embed(comparison, filled.query.role)
    if note := describe_sources(filled):
        embed.add_field(name="Notes", value=note, inline=False)
    await add_community(interaction, embed, filled.query, comparison.currency)
    await send(interaction, visibility, embed=embed)
    own = next(
        (row for row in comparison.rows if row.role == filled.query.role), comparison.rows[0]
    )
    summary = headline("compare roles", own.base, comparison.currency, own.sample_size)
    await remember(interaction, filled.query, summary)
    await complete_answer(interaction, embed, lambda: roles_chart(comparison, filled.query.role))


def split_places(text: str) -> list[str]:
    places = [part.strip() for part in text.split(",") if part.strip()]
    if not places:
        raise UserError("Name at least one place, e.g. `places:Seattle, London`.")
    if len(places) > MAX_LOCATIONS:
        raise UserError(f"Compare at most {MAX_LOCATIONS} places at a time.")
    return places


async def answer_location_comparison(
    interaction: Interaction, filled: Filled, places: str, visibility: Visibility
) -> None:
    use_locale(interaction)
    # Read each place as every other command reads a location, with the same messages.
    wanted = [str(parse_query(location=place).location) for place in split_places(places)]
    if filled.sources.get("location") not in (None, DEFAULT):
        # The person's own place leads, so they see where they stand.
        wanted.insert(0, str(filled.query.location))
    unique = list(dict.fromkeys(wanted))[:MAX_LOCATIONS]
    model = interaction.client.model
    comparison = compare_locations(model, filled.query, unique)
    embed = location_comparison_embed(comparison)
    await send(interaction, visibility, embed=embed)
    current = model.estimate(filled.query)
    summary = headline("compare locations", current.base, current.currency, current.sample_size)
    await remember(interaction, filled.query, summary)
    await complete_answer(interaction, embed, lambda: locations_chart(comparison))


async def answer_tips(interaction: Interaction, filled: Filled, visibility: Visibility) -> None:
    use_locale(interaction)
    model = interaction.client.model
    report = tips(model, filled.query)
    embed = tips_embed(report)
    if note := describe_sources(filled):
        embed.description = f"{embed.description}\n{note}"
    await send(interaction, visibility, embed=embed)
    current = model.estimate(filled.query)
    summary = headline("tips", current.base, current.currency, current.sample_size)
    await remember(interaction, filled.query, summary)
