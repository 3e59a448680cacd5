"""The `/history` menu: run one of your earlier queries again."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.flows.answers import answer_estimate
from bot.flows.fill import Filled
from bot.interaction import Interaction
from bot.render.account import history_line
from bot.render.words import N_, _
from bot.salary.query import parse_query
from bot.ui.answers import EstimateView, stored_entry
from bot.ui.base import OwnedItem, StatelessView, visibility_of
from bot.ui.ids import parse_id
from db.models import HistoryEntry


class HistoryMenu(
    OwnedItem[discord.ui.Select[Any]],
    template=r"hist:(?P<owner>[0-9]{1,20})",
):
    not_yours = N_("That list belongs to someone else. `/history` shows yours.")

    def __init__(self, owner: int, entries: list[HistoryEntry] | None = None) -> None:
        options = [
            discord.SelectOption(label=history_line(entry)[:100], value=str(entry.id))
            for entry in (entries or [])[:25]
        ]
        select: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"hist:{owner}",
            placeholder=_("Run one again"),
            options=options or [discord.SelectOption(label=_("none"), value="0")],
        )
        super().__init__(select)
        self.owner = owner

    @classmethod
    def rebuild(cls, match: re.Match[str], item: discord.ui.Item[Any], *ids: int) -> HistoryMenu:
        (owner,) = ids
        return cls(owner)

    async def press(self, interaction: Interaction) -> None:
        values = self.item.values
        # An unreadable value finds no entry and gets the stale answer.
        entry_id = (parse_id(values[0]) if values else None) or 0
        entry = await stored_entry(interaction, self.owner, entry_id)
        if entry is None:
            return
        query = parse_query(**entry.query)
        await answer_estimate(
            interaction,
            Filled(query),
            visibility_of(interaction),
            view_for=EstimateView.under(interaction),
        )


class HistoryView(StatelessView):
    def __init__(self, owner: int, entries: list[HistoryEntry]) -> None:
        super().__init__()
        self.add_item(HistoryMenu(owner, entries))
