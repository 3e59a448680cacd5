"""The salary answers: estimate, what-if, role and place comparisons, tips.

Each answers at once, waiting on no database write: the chart and the buttons come with
the answer when the chart is drawn in a few milliseconds, or in one edit after it, so a
busy store or a slow chart never costs the user Discord's 3-second window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord

from bot.flows.errors import UserError, send_private
from bot.flows.fill import DEFAULT, Filled, describe_sources
from bot.flows.history import headline, last_band, remember, shown_as
from bot.flows.privacy import Visibility
from bot.flows.reply import (
    CHART_URL,
    after_first_answer,
    answer_charted,
    chart_file,
    send_card,
    use_locale,
)
from bot.flows.share import community_line
from bot.interaction import Interaction
from bot.render.answer_cards import (
    estimate_card,
    location_comparison_card,
    role_comparison_card,
    tips_card,
)
from bot.render.card import Card, CardLayout, put_chart
from bot.render.chart_spec import ChartSpec
from bot.render.chart_workers import ChartsBusy
from bot.render.charts import estimate_chart, locations_chart, roles_chart
from bot.render.community import add_community_section
from bot.render.followup import field_word, start_line
from bot.render.phrases import change_line
from bot.render.words import N_, _, ngettext
from bot.salary import fields
from bot.salary.compare import MAX_LOCATIONS, compare_locations, compare_roles
from bot.salary.query import SalaryQuery, parse_query
from bot.salary.results import SalaryEstimate
from bot.salary.tips import tips
from db.models import HistoryEntry

CHART_GONE = N_("That chart can no longer be drawn. Run the command again to see it.")
CHARTS_BUSY = N_("Charts are busy right now. Press **Show chart** again in a moment.")
NOTHING_TO_CHANGE = N_(
    "I have no estimate of yours to change yet: run `/estimate` first. `/whatif` starts from "
    "the last estimate you were shown; tips, comparisons and offer checks don't count."
)

# Builds the buttons of an estimate's card for the history entry (by id) it will be stored as.
ViewFactory = Callable[[int, SalaryQuery], CardLayout]


async def add_community(
    interaction: Interaction, card: Card, query: SalaryQuery, currency: str
) -> None:
    """The community line under its own heading, when the asker's pool cell qualifies."""
    line = await community_line(interaction, query, currency)
    if line is not None:
        add_community_section(card, line.band, line.servers, line.currency)


async def answer_estimate(
    interaction: Interaction,
    filled: Filled,
    visibility: Visibility,
    *,
    view_for: ViewFactory | None = None,
    before: SalaryEstimate | None = None,
    changed: str | None = None,
    note: str | None = None,
    start: str | None = None,
) -> SalaryEstimate:
    """The band for one person; with `before`, also how far one change moved it.

    `start` names the answer this one was built from, as the headline's first line.
    """
    use_locale(interaction)
    estimate = interaction.client.model.estimate(filled.query)
    card = estimate_card(estimate, describe_sources(filled), start=start)
    if before is not None:
        note = change_line(before, estimate)
    if note is not None:
        name = _("What if: {changed}", changed=changed) if changed else _("Change")
        card.section_at(card.index_after_headline(), name, [note])
    await add_community(interaction, card, filled.query, estimate.currency)
    # The title is kept as shown, so a what-if built on this answer can name it.
    summary = {
        **headline("estimate", estimate.base, estimate.currency, estimate.sample_size),
        "title": card.title,
    }
    layout = view_for(interaction.id, filled.query) if view_for is not None else None
    await answer_charted(
        interaction,
        visibility,
        card,
        estimate_chart(estimate),
        lambda: remember(interaction, filled.query, summary),
        layout,
    )
    return estimate


async def answer_whatif(
    interaction: Interaction,
    changes: dict[str, Any],
    visibility: Visibility,
    *,
    view_for: ViewFactory | None = None,
) -> None:
    """The last band this person was shown, again with `changes`."""
    start = await last_band(interaction)
    if start is None:
        raise UserError(_(NOTHING_TO_CHANGE))
    if not changes:
        raise UserError(
            _("Tell me what to change, e.g. `/whatif location:london` or `/whatif level:senior`.")
        )
    await answer_change(interaction, start, changes, visibility, view_for=view_for)


async def answer_level_up(
    interaction: Interaction,
    start: HistoryEntry,
    visibility: Visibility,
    *,
    view_for: ViewFactory | None = None,
) -> None:
    """The answer under a "What if senior?" button, one level up."""
    target = parse_query(**start.query).level_above
    if target is None:
        await send_private(interaction, _("That is already the top level in the data."))
        return
    await answer_change(interaction, start, {"level": target}, visibility, view_for=view_for)


async def answer_change(
    interaction: Interaction,
    start: HistoryEntry,
    changes: dict[str, Any],
    visibility: Visibility,
    *,
    view_for: ViewFactory | None = None,
) -> None:
    """The stored answer `start` with `changes`, saying first which answer it starts from."""
    before_query = parse_query(**start.query)
    query = parse_query(**fields.merge(start.query, changes))
    first = start_line(shown_as(start), before_query, query, changes)
    changed = ", ".join(field_word(name) for name in changes)
    before: SalaryEstimate | None = None
    note: str | None = None
    if set(changes) == {"currency"}:
        # A currency is not a raise: say so instead of a +0% change.
        note = _("The same pay, shown in {currency}.", currency=query.answer_currency)
    else:
        previous = parse_query(**{**start.query, "currency": query.answer_currency})
        before = interaction.client.model.estimate(previous)
    await answer_estimate(
        interaction,
        Filled(query),
        visibility,
        view_for=view_for,
        before=before,
        changed=changed,
        note=note,
        start=first,
    )


async def answer_role_comparison(
    interaction: Interaction, filled: Filled, visibility: Visibility
) -> None:
    use_locale(interaction)
    comparison = compare_roles(interaction.client.model, filled.query)
    # The note names what was left out of typed lists: as long as what was typed.
    card = role_comparison_card(comparison, filled.query.role, describe_sources(filled))
    await add_community(interaction, card, filled.query, comparison.currency)
    own = next(
        (row for row in comparison.rows if row.role == filled.query.role), comparison.rows[0]
    )
    summary = headline("compare roles", own.base, comparison.currency, own.sample_size)
    chart = roles_chart(comparison, filled.query.role)
    await answer_charted(
        interaction, visibility, card, chart, lambda: remember(interaction, filled.query, summary)
    )


def split_places(text: str) -> list[str]:
    places = [part.strip() for part in text.split(",") if part.strip()]
    if not places:
        raise UserError(_("Name at least one place, e.g. `places:Seattle, London`."))
    if len(places) > MAX_LOCATIONS:
        raise UserError(
            ngettext(
                "Compare at most {count} place at a time.",
                "Compare at most {count} places at a time.",
                MAX_LOCATIONS,
            )
        )
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
    card = location_comparison_card(comparison)

    async def record() -> HistoryEntry | None:
        # After the first answer: the person's own band is what the history lists.
        current = model.estimate(filled.query)
        summary = headline("compare locations", current.base, current.currency, current.sample_size)
        return await remember(interaction, filled.query, summary)

    await answer_charted(interaction, visibility, card, locations_chart(comparison), record)


async def answer_tips(interaction: Interaction, filled: Filled, visibility: Visibility) -> None:
    use_locale(interaction)
    model = interaction.client.model
    report = tips(model, filled.query)
    card = tips_card(report, describe_sources(filled))
    with interaction.client.store.pending.writing(interaction.user.id):
        await send_card(interaction, visibility, card)
        await after_first_answer(interaction)
        current = model.estimate(filled.query)
        summary = headline("tips", current.base, current.currency, current.sample_size)
        await remember(interaction, filled.query, summary)


def chart_of(interaction: Interaction, entry: HistoryEntry) -> ChartSpec | None:
    """What the chart of a stored answer shows: rebuilt from its query where that suffices."""
    offered = interaction.client.charts.offers.get((entry.user_id, entry.id))
    if offered is not None:
        return offered
    model = interaction.client.model
    command = entry.headline.get("command")
    query = parse_query(**entry.query)
    if command == "estimate":
        return estimate_chart(model.estimate(query))
    if command == "compare roles":
        return roles_chart(compare_roles(model, query), query.role)
    return None  # a place comparison's list of places is not stored


async def show_chart(interaction: Interaction, entry: HistoryEntry) -> None:
    """Draw the chart an answer went out without (the queue was full) and put it on it."""
    chart = chart_of(interaction, entry)
    message = interaction.message
    if chart is None or message is None or not message.flags.components_v2:
        await send_private(interaction, _(CHART_GONE))
        return
    # The card as sent: its other buttons stay (dynamic items answer them by id, so the view
    # need not listen), and the chart replaces the button in the place kept for it.
    view = discord.ui.LayoutView.from_message(message, timeout=None)
    view.stop()
    if not put_chart(view, CHART_URL, chart.title):
        await send_private(interaction, _(CHART_GONE))
        return
    await interaction.response.defer()  # the answer with the button is what changes
    try:
        data = await interaction.client.charts.render(chart, on_demand=True)
    except ChartsBusy:
        await send_private(interaction, _(CHARTS_BUSY))
        return
    await interaction.edit_original_response(view=view, attachments=[chart_file(data)])
