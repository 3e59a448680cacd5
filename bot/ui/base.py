"""What every view shares: expiry, private errors, the per-user budget, answer privacy, and
the base of every button or menu that only its owner may press."""

from __future__ import annotations

import logging
import re
from typing import Any, ClassVar, Self, TypeVar

import discord

from bot.flows.budget import wait_message
from bot.flows.errors import report_error, send_private
from bot.flows.privacy import Visibility
from bot.interaction import Interaction, ours
from bot.render.card import CardLayout
from bot.render.words import N_, _
from bot.ui.ids import parse_id

log = logging.getLogger(__name__)

VIEW_TIMEOUT_S = 600.0  # well inside the 15 minutes an interaction token lives


def visibility_of(interaction: Interaction) -> Visibility:
    """Answers to a button press are as private as the message the button is on."""
    message = interaction.message
    return Visibility(ephemeral=bool(message and message.flags.ephemeral))


async def within_limits(interaction: discord.Interaction) -> bool:
    """Buttons re-run estimates too, so they spend the heavy commands' per-user budget."""
    wait = await ours(interaction).client.budget.take(interaction.user.id)
    if wait is not None:
        await send_private(interaction, wait_message(wait))
        return False
    return True


class StatelessView(discord.ui.View):
    """Buttons that carry everything in their custom ids (dynamic items): nothing is kept.

    The view is finished before it is sent, so discord.py neither stores it nor keeps a timer
    for it: under load, thousands of answers a minute would otherwise hold their views and
    interactions for the whole timeout. The client's dynamic items answer the buttons for as
    long as their history entry is stored, across restarts too.
    """

    def __init__(self) -> None:
        super().__init__(timeout=None)
        self.stop()


async def grey_out(
    view: discord.ui.View | discord.ui.LayoutView, origin: Interaction | None
) -> None:
    """Disable every button and menu of a view that timed out, on the answer it is under."""
    for child in view.walk_children():
        # Answer buttons and the history menu are dynamic items wrapping the real component.
        item = child.item if isinstance(child, discord.ui.DynamicItem) else child
        if isinstance(item, discord.ui.Button | discord.ui.Select):
            item.disabled = True
    if origin is not None:
        try:
            await origin.edit_original_response(view=view)
        except discord.HTTPException as error:
            log.info("could not disable expired buttons: %s", error)


class ExpiresPrivately:
    """Buttons that grey out when they time out, and errors reported privately."""

    origin: Interaction | None = None

    async def on_timeout(self) -> None:
        await grey_out(self, self.origin)  # type: ignore[arg-type]

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report_error(interaction, error)


class TimeoutView(ExpiresPrivately, discord.ui.View):
    """A view whose buttons grey out when it times out."""


class TimeoutCard(ExpiresPrivately, CardLayout):
    """A card whose buttons grey out when it times out (the card is sent again without them
    working, as a V2 edit sends the whole card)."""

    def __init__(self, timeout: float = VIEW_TIMEOUT_S) -> None:
        super().__init__(timeout=timeout, listen=True)


class Form(discord.ui.Modal):
    """A form that stays open as long as a view does and reports errors privately."""

    def __init__(self) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)

    # discord.py's Modal narrows BaseView's on_error (no item): mypy sees an override.
    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


ItemT = TypeVar("ItemT", bound=discord.ui.Item[Any])

# A custom_id or value no version of the bot made: a tampered or very old client.
UNREADABLE = N_("That button is out of date. Run the command again.")


def read_ids(match: re.Match[str], *groups: str) -> tuple[list[int], bool]:
    """The ids in a custom_id's groups (0 where unreadable), and whether all were readable."""
    ids = [parse_id(match[group]) for group in groups]
    return [value or 0 for value in ids], all(value is not None for value in ids)


def shown_label(item: discord.ui.Item[Any], fallback: str) -> str:
    """The words on the pressed button as they were shown: a button whose label depends on
    the answer or the reader's language keeps it when rebuilt from its custom_id."""
    return getattr(item, "label", None) or fallback


class OwnedItem(discord.ui.DynamicItem[ItemT], template=r"(?!)"):
    """A button or menu that only its owner may use, rebuilt from its custom_id after a restart.

    A press goes on only with an id the bot made, by the owner, within the person's budget
    (where `spends_budget`); `press` does the work and any error takes the one error path.
    Subclasses set `owner` in their constructor and build themselves again in `rebuild`, from
    the custom_id's match and the numbers in its `id_groups`.
    """

    owner: int
    readable: bool = True
    # The custom_id's groups that hold ids, read as numbers (0 where unreadable).
    id_groups: ClassVar[tuple[str, ...]] = ("owner",)
    spends_budget = True
    # Marked here, translated when said.
    not_yours = N_("These buttons belong to someone else's answer. Run `/estimate` for your own.")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if not self.readable:
            await send_private(interaction, _(UNREADABLE))
            return False
        if interaction.user.id != self.owner:
            await send_private(interaction, _(self.not_yours))
            return False
        return await within_limits(interaction) if self.spends_budget else True

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        ids, readable = read_ids(match, *cls.id_groups)
        rebuilt = cls.rebuild(match, item, *ids)
        rebuilt.readable = readable
        return rebuilt

    @classmethod
    def rebuild(cls, match: re.Match[str], item: discord.ui.Item[Any], *ids: int) -> Self:
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.press(ours(interaction))
        except Exception as error:
            await report_error(interaction, error)

    async def press(self, interaction: Interaction) -> None:
        raise NotImplementedError
