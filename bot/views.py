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
from bot.flows.answers import answer_estimate, answer_role_comparison, answer_tips, show_chart
from bot.interaction import Interaction, ours
from bot.limits import button_limiter
from bot.privacy import Visibility
from bot.render.embeds import history_line
from bot.salary import fields, taxonomy
from bot.salary.query import SalaryQuery, parse_query
from db.models import HistoryEntry, ProfileUpdate

log = logging.getLogger(__name__)

VIEW_TIMEOUT_S = 600.0  # well inside the 15 minutes an interaction token lives
STALE = (
    "That answer is no longer stored (history keeps your last 50 queries). Run the command again."
)
NOT_YOURS = "These buttons belong to someone else's answer. Run `/estimate` for your own."


def _visibility_of(interaction: Interaction) -> Visibility:
    """Answers to a button press are as private as the message the button is on."""
    message = interaction.message
    return Visibility(ephemeral=bool(message and message.flags.ephemeral))


async def _entry(interaction: Interaction, owner: int, entry_id: int) -> HistoryEntry | None:
    entry = await interaction.client.store.history.get(owner, entry_id)
    if entry is None:
        await send_private(interaction, STALE)
    return entry


async def within_limits(interaction: discord.Interaction) -> bool:
    """Buttons re-run estimates too, so they share the heavy commands' per-user budget."""
    wait = button_limiter.retry_after(interaction.user.id)
    if wait is not None:
        await send_private(interaction, button_limiter.message(wait))
        return False
    return True


class TimeoutView(discord.ui.View):
    """A view that greys its buttons out when it times out, and reports errors privately."""

    origin: Interaction | None = None

    async def on_timeout(self) -> None:
        for child in self.children:
            # Answer buttons and the history menu are dynamic items wrapping the real component.
            item = child.item if isinstance(child, discord.ui.DynamicItem) else child
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        if self.origin is not None:
            try:
                await self.origin.edit_original_response(view=self)
            except discord.HTTPException as error:
                log.info("could not disable expired buttons: %s", error)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report_error(interaction, error)


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"ans:(?P<action>up|roles|tips|save):(?P<owner>[0-9]{1,20}):(?P<entry>[0-9]{1,20})",
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
        _visibility_of(interaction),
        view_for=EstimateView.under(interaction),
        before=before,
        changed=f"level {taxonomy.label('level', target)}",
    )


async def _roles(interaction: Interaction, query: SalaryQuery) -> None:
    await answer_role_comparison(interaction, Filled(query), _visibility_of(interaction))


async def _tips(interaction: Interaction, query: SalaryQuery) -> None:
    await answer_tips(interaction, Filled(query), _visibility_of(interaction))


async def _save(interaction: Interaction, query: SalaryQuery) -> None:
    update = ProfileUpdate(**query.model_dump(include=set(fields.FIELD_NAMES)))
    await interaction.client.store.profiles.upsert(interaction.user.id, update)
    await send_private(
        interaction, "Saved as your profile. `/profile show` shows it; later commands use it."
    )


ACTIONS = {"up": _level_up, "roles": _roles, "tips": _tips, "save": _save}


class EstimateView(TimeoutView):
    def __init__(self, owner: int, entry_id: int, query: SalaryQuery) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        target = query.level_above
        if target is not None:
            self.add_item(AnswerButton("up", owner, entry_id, f"What if {target}?"))
        self.add_item(AnswerButton("roles", owner, entry_id, "Compare roles"))
        self.add_item(AnswerButton("tips", owner, entry_id, "Tips for me"))
        self.add_item(AnswerButton("save", owner, entry_id, "Save as my profile"))

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
                typed, Filled(query), _visibility_of(typed), view_for=EstimateView.under(typed)
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

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ShowChartButton:
        return cls(int(match["owner"]), int(match["entry"]))

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner:
            await send_private(interaction, NOT_YOURS)
            return False
        return await within_limits(interaction)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            entry = await _entry(ours(interaction), self.owner, self.entry_id)
            if entry is not None:
                await show_chart(ours(interaction), entry, self.item.custom_id)
        except Exception as error:
            await report_error(interaction, error)


def offer_chart(view: discord.ui.View | None, entry: HistoryEntry) -> discord.ui.View:
    """The answer's buttons plus "Show chart", for a chart left out under load."""
    view = view if view is not None else TimeoutView(timeout=VIEW_TIMEOUT_S)
    view.add_item(ShowChartButton(entry.user_id, entry.id))
    return view


DYNAMIC_ITEMS = (AnswerButton, HistoryMenu, ShowChartButton)
