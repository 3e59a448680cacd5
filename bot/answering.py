"""The steps every salary answer shares: who is asking, who may see it, what to remember."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp
import discord

from bot.context import Filled, describe_sources, fill_query
from bot.errors import NO_MENTIONS
from bot.privacy import Visibility, decide_visibility
from bot.render.charts import CHART_NAME, chart_file, estimate_chart, roles_chart
from bot.render.embeds import FIELD_LABELS, estimate_embed, role_comparison_embed, tips_embed
from bot.salary.compare import compare_roles
from bot.salary.currency import format_money
from bot.salary.query import SalaryQuery
from bot.salary.results import Percentiles, SalaryEstimate
from bot.salary.taxonomy import LEVELS
from bot.salary.tips import tips
from db.models import GuildSettings, HistoryEntry, Profile

if TYPE_CHECKING:
    from bot.client import SalaryBot

log = logging.getLogger(__name__)
T = TypeVar("T")
# Well inside Discord's 3 s: time left to defer even on a loaded machine.
DEFER_AFTER_S = 1.5


@dataclass(frozen=True)
class Asker:
    """What is known about the person behind an interaction."""

    user_id: int
    profile: Profile | None
    last: HistoryEntry | None
    settings: GuildSettings | None
    in_guild: bool
    in_group_dm: bool
    channel_id: int | None

    def visibility(self, requested_public: bool | None) -> Visibility:
        return decide_visibility(
            in_guild=self.in_guild,
            in_group_dm=self.in_group_dm,
            channel_id=self.channel_id,
            requested_public=requested_public,
            profile=self.profile,
            settings=self.settings,
        )

    def fill(self, given: dict[str, Any], *, use_defaults: bool = True) -> Filled:
        return fill_query(given, self.profile, self.last, use_defaults=use_defaults)


async def load_asker(bot: SalaryBot, interaction: discord.Interaction) -> Asker:
    user_id = interaction.user.id
    guild_id = interaction.guild_id
    store = bot.store
    # Issued together, the three reads share one trip to the database thread.
    profile, last, settings = await asyncio.gather(
        store.profiles.get(user_id),
        store.history.last(user_id),
        store.guilds.get(guild_id) if guild_id is not None else _nothing(),
    )
    channel = interaction.channel
    in_group_dm = isinstance(channel, discord.GroupChannel) or (
        guild_id is None
        and interaction.context.private_channel
        and not interaction.context.dm_channel
    )
    return Asker(
        user_id=user_id,
        profile=profile,
        last=last,
        settings=settings,
        in_guild=guild_id is not None,
        in_group_dm=in_group_dm,
        channel_id=interaction.channel_id,
    )


def filled_note(filled: Filled) -> str | None:
    return describe_sources(filled, FIELD_LABELS)


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
    bot: SalaryBot, user_id: int, query: SalaryQuery, summary: dict[str, Any]
) -> HistoryEntry | None:
    """Keep the query for follow-ups. A store failure must not cost the user their answer."""
    # Only what was said: a stored default (currency USD) would later be "filled in from your
    # last query" although nobody chose it.
    said = query.model_dump(mode="json", exclude_defaults=True)
    try:
        return await bot.store.history.add(user_id, said, summary)
    except Exception:
        log.exception("could not record a query in the history of user %s", user_id)
        return None


async def send(
    interaction: discord.Interaction,
    visibility: Visibility,
    *,
    content: str | None = None,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
) -> None:
    """Reply (or follow up when already answered) with mentions always off."""
    if visibility.note:
        content = f"{content}\n{visibility.note}" if content else visibility.note
    kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if content is not None:
        kwargs["content"] = content
    if embed is not None:
        kwargs["embed"] = embed
    if view is not None:
        kwargs["view"] = view
    if interaction.response.type == discord.InteractionResponseType.deferred_channel_message:
        # The "thinking…" placeholder becomes the answer; its privacy was set by the deferral.
        await interaction.edit_original_response(**kwargs)
        return
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=visibility.ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=visibility.ephemeral, **kwargs)


async def finish_or_defer(
    interaction: discord.Interaction, work: Awaitable[T], visibility: Visibility
) -> T:
    """Await work that is usually instant; if it is not done in time, defer first.

    A busy database can hold a write for seconds, and Discord forgets an interaction
    with no first answer after 3 s: "thinking…" keeps it alive until the answer is ready.
    """
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER_S)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=visibility.ephemeral, thinking=True)
    return await task


async def _nothing() -> None:
    return None


# ----------------------------------------------------------------- shared answers


def next_level(query: SalaryQuery) -> str | None:
    """The level above this person's, or None at the top (or when unknown)."""
    keys = [level.key for level in LEVELS]
    current = query.effective_level
    if current is None:
        return "senior"
    position = keys.index(current)
    return keys[position + 1] if position + 1 < len(keys) else None


def change_line(before: SalaryEstimate, after: SalaryEstimate) -> str:
    delta = after.base.p50 - before.base.p50
    share = delta / before.base.p50 if before.base.p50 else 0.0
    sign = "+" if delta >= 0 else "−"
    return (
        f"{sign}{format_money(abs(delta), after.currency)} ({sign}{abs(share):.0%}) median base: "
        f"{format_money(before.base.p50, after.currency)} → {format_money(after.base.p50, after.currency)}"
    )


async def answer_estimate(
    bot: SalaryBot,
    interaction: discord.Interaction,
    filled: Filled,
    visibility: Visibility,
    *,
    before: SalaryEstimate | None = None,
    changed: str | None = None,
) -> SalaryEstimate:
    """Answer at once; then record the query and add the buttons and chart in one edit.

    Nothing waits on a database write or on drawing before the first answer, so a busy
    store or a slow chart never costs the user Discord's 3-second window.
    """
    from bot.views import EstimateView  # bot.views builds on this module

    estimate = bot.salary.estimate(filled.query)
    embed = estimate_embed(estimate, filled_note(filled))
    if before is not None:
        embed.insert_field_at(
            0,
            name=f"What if: {changed}" if changed else "Change",
            value=change_line(before, estimate),
            inline=False,
        )
    await send(interaction, visibility, embed=embed)
    summary = headline("estimate", estimate.base, estimate.currency, estimate.sample_size)
    entry = await remember(bot, interaction.user.id, filled.query, summary)
    view = EstimateView(interaction.user.id, entry.id, filled.query) if entry is not None else None
    if view is not None:
        view.origin = interaction
    await complete_answer(interaction, embed, lambda: estimate_chart(estimate), view)
    return estimate


async def answer_role_comparison(
    bot: SalaryBot, interaction: discord.Interaction, filled: Filled, visibility: Visibility
) -> None:
    comparison = compare_roles(bot.salary, filled.query)
    embed = role_comparison_embed(comparison, filled.query.role)
    if note := filled_note(filled):
        embed.add_field(name="Notes", value=note, inline=False)
    await send(interaction, visibility, embed=embed)
    own = next(
        (row for row in comparison.rows if row.role == filled.query.role), comparison.rows[0]
    )
    summary = headline("compare roles", own.base, comparison.currency, own.sample_size)
    await remember(bot, interaction.user.id, filled.query, summary)
    await complete_answer(interaction, embed, lambda: roles_chart(comparison, filled.query.role))


async def answer_tips(
    bot: SalaryBot, interaction: discord.Interaction, filled: Filled, visibility: Visibility
) -> None:
    report = tips(bot.salary, filled.query)
    embed = tips_embed(report)
    if note := filled_note(filled):
        embed.description = f"{embed.description}\n{note}"
    await send(interaction, visibility, embed=embed)
    current = bot.salary.estimate(filled.query)
    summary = headline("tips", current.base, current.currency, current.sample_size)
    await remember(bot, interaction.user.id, filled.query, summary)


async def complete_answer(
    interaction: discord.Interaction,
    embed: discord.Embed,
    render: Callable[[], bytes],
    view: discord.ui.View | None = None,
) -> None:
    """Add the chart (drawn off the event loop) and any buttons to an answer already sent."""
    changes: dict[str, Any] = {}
    try:
        chart = await chart_file(render)
    except Exception:
        # The answer is already with the user; a chart that fails to draw only loses the picture.
        log.exception("a chart failed to render")
    else:
        embed.set_image(url=f"attachment://{CHART_NAME}")
        changes.update(embed=embed, attachments=[chart])
    if view is not None:
        changes["view"] = view
    if not changes:
        return
    try:
        await interaction.edit_original_response(**changes)
    except (discord.HTTPException, aiohttp.ClientError, ConnectionError) as error:
        log.warning("could not add the chart and buttons to an answer: %s", error)
