"""Buttons and menus under answers.

Answer buttons are dynamic items: their custom_id carries the action, the owner and the
history entry, so they keep working after a restart, and a button whose entry is gone gets a
friendly answer instead of a failed interaction.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import discord

from bot.errors import report_error, send_private
from bot.fill import Filled
from bot.flows.answers import answer_estimate, answer_role_comparison, answer_tips
from bot.interaction import Interaction, ours
from bot.offer_views import open_offer_form
from bot.render.embeds import history_line
from bot.salary import fields, taxonomy
from bot.salary.query import SalaryQuery, parse_query
from bot.view_base import VIEW_TIMEOUT_S, TimeoutView, visibility_of, within_limits
from db.models import HistoryEntry, ProfileUpdate

log = logging.getLogger(__name__)

STALE = (
    "That answer is no longer stored (history keeps your last 50 queries). Run the command again."
)
NOT_YOURS = "These buttons belong to someone else's answer. Run `/estimate` for your own."


async def _entry(interaction: Interaction, owner: int, entry_id: int) -> HistoryEntry | None:
    entry = await interaction.client.store.history.get(owner, entry_id)
    if entry is None:
        await send_private(interaction, STALE)
    return entry


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
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

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AnswerButton:
        label = getattr(item, "label", None) or match["action"]
        return cls(match["action"], int(match["owner"]), int(match["entry"]), label)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner:
            await send_private(interaction, NOT_YOURS)
            return False
        return await within_limits(interaction)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            entry = await _entry(ours(interaction), self.owner, self.entry_id)
            if entry is None:
                return
            query = parse_query(**entry.query)
            await ACTIONS[self.action](ours(interaction), query)
        except Exception as error:
            await report_error(interaction, error)


async def _level_up(interaction: Interaction, query: SalaryQuery) -> None:
    target = query.level_above
    if target is None:
        await send_private(interaction, "That is already the top level in the data.")
        return
    before = interaction.client.model.estimate(query)
    raised = query.model_copy(update={"level": target, "years": None})
    await answer_estimate(
        interaction,
        Filled(raised),
        visibility_of(interaction),
        view_for=EstimateView.under(interaction),
        before=before,
        changed=f"level {taxonomy.label('level', target)}",
    )


async def _roles(interaction: Interaction, query: SalaryQuery) -> None:
    await answer_role_comparison(interaction, Filled(query), visibility_of(interaction))


async def _tips(interaction: Interaction, query: SalaryQuery) -> None:
    await answer_tips(interaction, Filled(query), visibility_of(interaction))


async def _save(interaction: Interaction, query: SalaryQuery) -> None:
    update = ProfileUpdate(**query.model_dump(include=set(fields.FIELD_NAMES)))
    await interaction.client.store.profiles.upsert(interaction.user.id, update)
    await send_private(
        interaction, "Saved as your profile. `/profile show` shows it; later commands use it."
    )


async def _offer(interaction: Interaction, query: SalaryQuery) -> None:
    await open_offer_form(interaction, query)


ACTIONS = {"up": _level_up, "roles": _roles, "tips": _tips, "save": _save, "offer": _offer}


class EstimateView(TimeoutView):
    def __init__(self, owner: int, entry_id: int, query: SalaryQuery) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        target = query.level_above
        if target is not None:
            self.add_item(AnswerButton("up", owner, entry_id, f"What if {target}?"))
        self.add_item(AnswerButton("roles", owner, entry_id, "Compare roles"))
        self.add_item(AnswerButton("tips", owner, entry_id, "Tips for me"))
        self.add_item(AnswerButton("save", owner, entry_id, "Save as my profile"))
        self.add_item(AnswerButton("offer", owner, entry_id, "Check an offer"))

    @classmethod
    def under(cls, interaction: Interaction) -> Callable[[HistoryEntry, SalaryQuery], EstimateView]:
        """The buttons for an answer to `interaction`, built once its history entry exists."""

        def build(entry: HistoryEntry, query: SalaryQuery) -> EstimateView:
            view = cls(interaction.user.id, entry.id, query)
            view.origin = interaction
            return view

        return build


class HistoryMenu(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"hist:(?P<owner>[0-9]{1,20})",
):
    def __init__(self, owner: int, entries: list[HistoryEntry] | None = None) -> None:
        options = [
            discord.SelectOption(label=history_line(entry)[:100], value=str(entry.id))
            for entry in (entries or [])[:25]
        ]
        select: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"hist:{owner}",
            placeholder="Run one again",
            options=options or [discord.SelectOption(label="none", value="0")],
        )
        super().__init__(select)
        self.owner = owner

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> HistoryMenu:
        return cls(int(match["owner"]))

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner:
            await send_private(
                interaction, "That list belongs to someone else. `/history` shows yours."
            )
            return False
        return await within_limits(interaction)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            values = self.item.values
            entry_id = int(values[0]) if values and values[0].isdigit() else 0
            typed = ours(interaction)
            entry = await _entry(typed, self.owner, entry_id)
            if entry is None:
                return
            query = parse_query(**entry.query)
            await answer_estimate(
                typed, Filled(query), visibility_of(typed), view_for=EstimateView.under(typed)
            )
        except Exception as error:
            await report_error(interaction, error)


class HistoryView(TimeoutView):
    def __init__(self, owner: int, entries: list[HistoryEntry]) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        self.add_item(HistoryMenu(owner, entries))


class ConfirmDelete(TimeoutView):
    """Two buttons; only the person who asked can press them."""

    def __init__(self, owner: int) -> None:
        super().__init__(timeout=60.0)
        self.owner = owner

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.owner

    @discord.ui.button(label="Delete everything", style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        removed = await ours(interaction).client.store.delete_user(self.owner)
        self.stop()
        total = sum(removed.values())
        parts = (
            ", ".join(f"{count} {table}" for table, count in removed.items() if count)
            or "nothing was stored"
        )
        await interaction.response.edit_message(
            content=f"Deleted everything stored about you ({parts}; {total} records).",
            embed=None,
            view=None,
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="Nothing was deleted.", embed=None, view=None
        )


DYNAMIC_ITEMS = (AnswerButton, HistoryMenu)
