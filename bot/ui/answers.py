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

from bot.flows.answers import answer_estimate, answer_role_comparison, answer_tips, show_chart
from bot.flows.errors import report_error, send_private
from bot.flows.fill import Filled
from bot.interaction import Interaction, ours
from bot.render.embeds import deleted_text, history_line
from bot.salary import fields, taxonomy
from bot.salary.query import SalaryQuery, parse_query
from bot.ui.base import StatelessView, TimeoutView, visibility_of, within_limits
from bot.ui.ids import parse_id
from bot.ui.offer import open_offer_form
from db.models import HistoryEntry, ProfileUpdate

log = logging.getLogger(__name__)

STALE = (
    "That answer is no longer stored (history keeps your last 50 queries). Run the command again."
)
NOT_YOURS = "These buttons belong to someone else's answer. Run `/estimate` for your own."
# A custom_id or value no version of the bot made: a tampered or very old client.
UNREADABLE = "That button is out of date. Run the command again."


async def owners_press(interaction: discord.Interaction, readable: bool, owner: int) -> bool:
    """A press on an answer's button goes on only with an id we made, by its owner, in budget."""
    if not readable:
        await send_private(interaction, UNREADABLE)
        return False
    if interaction.user.id != owner:
        await send_private(interaction, NOT_YOURS)
        return False
    return await within_limits(interaction)


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
        self.readable = True

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AnswerButton:
        label = getattr(item, "label", None) or match["action"]
        owner, entry_id = parse_id(match["owner"]), parse_id(match["entry"])
        button = cls(match["action"], owner or 0, entry_id or 0, label)
        button.readable = owner is not None and entry_id is not None
        return button

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await owners_press(interaction, self.readable, self.owner)

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


class EstimateView(StatelessView):
    def __init__(self, owner: int, entry_id: int, query: SalaryQuery) -> None:
        super().__init__()
        target = query.level_above
        if target is not None:
            self.add_item(AnswerButton("up", owner, entry_id, f"What if {target}?"))
        self.add_item(AnswerButton("roles", owner, entry_id, "Compare roles"))
        self.add_item(AnswerButton("tips", owner, entry_id, "Tips for me"))
        self.add_item(AnswerButton("save", owner, entry_id, "Save as my profile"))
        self.add_item(AnswerButton("offer", owner, entry_id, "Check an offer"))

    @classmethod
    def under(cls, interaction: Interaction) -> Callable[[int, SalaryQuery], EstimateView]:
        """The buttons for an answer to `interaction`, for the history entry it will be."""

        def build(entry_id: int, query: SalaryQuery) -> EstimateView:
            return cls(interaction.user.id, entry_id, query)

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
        self.readable = True

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> HistoryMenu:
        owner = parse_id(match["owner"])
        menu = cls(owner or 0)
        menu.readable = owner is not None
        return menu

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if not self.readable:
            await send_private(interaction, UNREADABLE)
            return False
        if interaction.user.id != self.owner:
            await send_private(
                interaction, "That list belongs to someone else. `/history` shows yours."
            )
            return False
        return await within_limits(interaction)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            values = self.item.values
            # An unreadable value finds no entry and gets the stale answer.
            entry_id = (parse_id(values[0]) if values else None) or 0
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


class HistoryView(StatelessView):
    def __init__(self, owner: int, entries: list[HistoryEntry]) -> None:
        super().__init__()
        self.add_item(HistoryMenu(owner, entries))


class ConfirmDelete(TimeoutView):
    """Delete everything, or cancel; persistent, so a restart in between still answers."""

    def __init__(self, owner: int) -> None:
        super().__init__(timeout=60.0)
        self.add_item(DeleteButton("yes", owner))
        self.add_item(DeleteButton("no", owner))

    async def on_timeout(self) -> None:
        # Grey the buttons out only while the question is still unanswered.
        if self.origin is None:
            return
        try:
            message = await self.origin.original_response()
        except discord.HTTPException as error:
            log.info("could not look at an expired confirmation: %s", error)
            return
        if message.components:
            await super().on_timeout()


DELETE_LABELS = {"yes": "Delete everything", "no": "Cancel"}


class DeleteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"del:(?P<action>yes|no):(?P<owner>[0-9]{1,20})",
):
    """Only the person who asked can press it; anyone else is told so, privately."""

    def __init__(self, action: str, owner: int) -> None:
        style = discord.ButtonStyle.danger if action == "yes" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=DELETE_LABELS[action], style=style, custom_id=f"del:{action}:{owner}"
            )
        )
        self.action, self.owner = action, owner

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DeleteButton:
        # An unreadable owner matches nobody, so it is refused like someone else's button.
        return cls(match["action"], parse_id(match["owner"]) or 0)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner:
            await send_private(
                interaction, "That question was for someone else; nothing was deleted."
            )
            return False
        return True

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            if self.action == "yes":
                removed = await ours(interaction).client.store.delete_user(self.owner)
                content = deleted_text(removed)
            else:
                content = "Nothing was deleted."
            await interaction.response.edit_message(content=content, embed=None, view=None)
        except Exception as error:
            await report_error(interaction, error)


class ShowChartButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"chart:(?P<owner>[0-9]{1,20}):(?P<entry>[0-9]{1,20})",
):
    """Under an answer that went out without its chart (the drawing queue was full)."""

    def __init__(self, owner: int, entry_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Show chart",
                style=discord.ButtonStyle.secondary,
                custom_id=f"chart:{owner}:{entry_id}",
            )
        )
        self.owner, self.entry_id = owner, entry_id
        self.readable = True

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ShowChartButton:
        owner, entry_id = parse_id(match["owner"]), parse_id(match["entry"])
        button = cls(owner or 0, entry_id or 0)
        button.readable = owner is not None and entry_id is not None
        return button

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await owners_press(interaction, self.readable, self.owner)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            entry = await _entry(ours(interaction), self.owner, self.entry_id)
            if entry is not None:
                await show_chart(ours(interaction), entry, self.item.custom_id)
        except Exception as error:
            await report_error(interaction, error)


def offer_chart(view: discord.ui.View | None, entry: HistoryEntry) -> discord.ui.View:
    """The answer's buttons plus "Show chart", for a chart left out under load."""
    view = view if view is not None else StatelessView()
    view.add_item(ShowChartButton(entry.user_id, entry.id))
    return view


DYNAMIC_ITEMS = (AnswerButton, HistoryMenu, DeleteButton, ShowChartButton)
