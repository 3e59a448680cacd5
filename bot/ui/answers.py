"""Buttons under answers.

Answer buttons are dynamic items: their custom_id carries the action, the owner and the
history entry, so they keep working after a restart, and a button whose entry is gone gets a
friendly answer instead of a failed interaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import discord

from bot.flows.answers import answer_level_up, answer_role_comparison, answer_tips, show_chart
from bot.flows.errors import send_private
from bot.flows.fill import Filled
from bot.interaction import Interaction
from bot.render.card import CHART, FACTORS, HEADLINE, CardLayout
from bot.render.words import N_, _
from bot.salary import fields
from bot.salary.query import SalaryQuery, parse_query
from bot.ui.base import OwnedItem, shown_label, visibility_of
from bot.ui.offer import open_offer_form
from db.models import HistoryEntry, ProfileUpdate

SHOW_CHART = N_("Show chart")
STALE = N_(
    "That answer is no longer stored (history keeps your last 50 queries). Run the command again."
)


async def stored_entry(interaction: Interaction, owner: int, entry_id: int) -> HistoryEntry | None:
    """The history entry a button or menu acts on, or None after saying it has gone."""
    entry = await interaction.client.store.history.get(owner, entry_id)
    if entry is None:
        await send_private(interaction, _(STALE))
    return entry


class AnswerButton(
    OwnedItem[discord.ui.Button[Any]],
    template=r"ans:(?P<action>up|roles|tips|save|offer):(?P<owner>[0-9]{1,20}):(?P<entry>[0-9]{1,20})",
):
    def __init__(self, action: str, owner: int, entry_id: int, label: str) -> None:
        style = discord.ButtonStyle.primary if action == "up" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=label, style=style, custom_id=f"ans:{action}:{owner}:{entry_id}"
            )
        )
        self.action, self.owner, self.entry_id = action, owner, entry_id

    id_groups = ("owner", "entry")

    @classmethod
    def rebuild(cls, match: re.Match[str], item: discord.ui.Item[Any], *ids: int) -> AnswerButton:
        owner, entry_id = ids
        return cls(match["action"], owner, entry_id, shown_label(item, match["action"]))

    async def press(self, interaction: Interaction) -> None:
        entry = await stored_entry(interaction, self.owner, self.entry_id)
        if entry is not None:
            await ACTIONS[self.action](interaction, entry)


async def _level_up(interaction: Interaction, entry: HistoryEntry) -> None:
    await answer_level_up(
        interaction, entry, visibility_of(interaction), view_for=EstimateView.under(interaction)
    )


async def _roles(interaction: Interaction, entry: HistoryEntry) -> None:
    query = parse_query(**entry.query)
    await answer_role_comparison(interaction, Filled(query), visibility_of(interaction))


async def _tips(interaction: Interaction, entry: HistoryEntry) -> None:
    query = parse_query(**entry.query)
    await answer_tips(interaction, Filled(query), visibility_of(interaction))


async def _save(interaction: Interaction, entry: HistoryEntry) -> None:
    query = parse_query(**entry.query)
    update = ProfileUpdate(**query.model_dump(include=set(fields.FIELD_NAMES)))
    await interaction.client.store.profiles.upsert(interaction.user.id, update)
    await send_private(
        interaction, _("Saved as your profile. `/profile show` shows it; later commands use it.")
    )


async def _offer(interaction: Interaction, entry: HistoryEntry) -> None:
    query = parse_query(**entry.query)
    await open_offer_form(interaction, query)


# The "level up" button, by the level it tries: one sentence each, as languages word them apart.
LEVEL_UP = {
    "entry": N_("What if entry?"),
    "mid": N_("What if mid?"),
    "senior": N_("What if senior?"),
    "principal": N_("What if principal?"),
}

ACTIONS = {"up": _level_up, "roles": _roles, "tips": _tips, "save": _save, "offer": _offer}


class EstimateView(CardLayout):
    """An estimate's card with its buttons beside what they act on: one level up beside the
    headline, tips beside what moved the band, the rest under the whole answer."""

    def __init__(self, owner: int, entry_id: int, query: SalaryQuery) -> None:
        super().__init__()
        target = query.level_above
        if target is not None:
            self.beside[HEADLINE] = AnswerButton("up", owner, entry_id, _(LEVEL_UP[target]))
        self.beside[FACTORS] = AnswerButton("tips", owner, entry_id, _("Tips for me"))
        self.row += [
            AnswerButton("roles", owner, entry_id, _("Compare roles")),
            AnswerButton("save", owner, entry_id, _("Save as my profile")),
            AnswerButton("offer", owner, entry_id, _("Check an offer")),
        ]

    @classmethod
    def under(cls, interaction: Interaction) -> Callable[[int, SalaryQuery], EstimateView]:
        """The buttons for an answer to `interaction`, for the history entry it will be."""

        def build(entry_id: int, query: SalaryQuery) -> EstimateView:
            return cls(interaction.user.id, entry_id, query)

        return build


class ShowChartButton(
    OwnedItem[discord.ui.Button[Any]],
    template=r"chart:(?P<owner>[0-9]{1,20}):(?P<entry>[0-9]{1,20})",
):
    """Under an answer that went out without its chart (the drawing queue was full)."""

    def __init__(self, owner: int, entry_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=_(SHOW_CHART),
                style=discord.ButtonStyle.secondary,
                custom_id=f"chart:{owner}:{entry_id}",
            )
        )
        self.owner, self.entry_id = owner, entry_id

    id_groups = ("owner", "entry")

    @classmethod
    def rebuild(
        cls, match: re.Match[str], item: discord.ui.Item[Any], *ids: int
    ) -> ShowChartButton:
        owner, entry_id = ids
        return cls(owner, entry_id)

    async def press(self, interaction: Interaction) -> None:
        entry = await stored_entry(interaction, self.owner, self.entry_id)
        if entry is not None:
            await show_chart(interaction, entry)


def offer_chart(layout: CardLayout, entry: HistoryEntry) -> CardLayout:
    """ "Show chart" in the chart's place on the card, for a chart left out under load."""
    layout.beside[CHART] = ShowChartButton(entry.user_id, entry.id)
    return layout
