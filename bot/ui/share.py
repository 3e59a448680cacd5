"""The /share form and its confirmation: nothing is stored until the person says so."""

from __future__ import annotations

from typing import Any

import discord

from bot.flows.errors import report_error, send_private
from bot.flows.share import read_draft
from bot.interaction import Interaction, ours
from bot.render.community import preview_embed
from bot.salary.query import SalaryQuery
from bot.ui.base import TimeoutView
from db.community import DAILY_SUBMISSIONS, CommunityDraft, DailyLimitReached

CONFIRM_TIMEOUT_S = 300.0


class ShareForm(discord.ui.Modal, title="Share your pay anonymously"):
    base: discord.ui.TextInput[ShareForm] = discord.ui.TextInput(
        label="Base salary per year", placeholder="180k", max_length=30
    )
    bonus: discord.ui.TextInput[ShareForm] = discord.ui.TextInput(
        label="Bonus per year", placeholder="20k (blank: none)", required=False, max_length=30
    )
    equity: discord.ui.TextInput[ShareForm] = discord.ui.TextInput(
        label="Equity per year", placeholder="40k (blank: none)", required=False, max_length=30
    )
    year: discord.ui.TextInput[ShareForm] = discord.ui.TextInput(
        label="Year of the figure", required=False, max_length=10
    )
    currency: discord.ui.TextInput[ShareForm] = discord.ui.TextInput(
        label="Currency", required=False, max_length=10
    )

    def __init__(self, query: SalaryQuery, year: int) -> None:
        super().__init__(timeout=600)
        self.query = query
        self.year.default = str(year)
        self.currency.default = query.answer_currency

    async def on_submit(self, interaction: discord.Interaction) -> None:
        typed = ours(interaction)
        draft = read_draft(
            typed.client.model,
            self.query,
            base=self.base.value,
            bonus=self.bonus.value,
            equity=self.equity.value,
            year=self.year.value,
            currency=self.currency.value,
        )
        view = ShareConfirm(interaction.user.id, draft)
        guild = interaction.guild.name if interaction.guild else None
        await interaction.response.send_message(
            embed=preview_embed(draft, guild), view=view, ephemeral=True
        )
        view.origin = typed

    async def on_error(self, interaction: Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class ShareConfirm(TimeoutView):
    """Share or cancel; the draft lives in this view only, so a restart forgets it."""

    def __init__(self, owner: int, draft: CommunityDraft) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT_S)
        self.owner, self.draft = owner, draft

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner:
            await send_private(interaction, "That form belongs to someone else.")
            return False
        return True

    @discord.ui.button(label="Share anonymously", style=discord.ButtonStyle.success)
    async def share(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        typed = ours(interaction)
        if interaction.guild_id is None:
            await send_private(interaction, "Shared pay belongs to a server: use it in one.")
            return
        try:
            _, replaced = await typed.client.store.community.submit(
                interaction.user.id, interaction.guild_id, self.draft
            )
        except DailyLimitReached:
            content = (
                f"You have shared {DAILY_SUBMISSIONS} times today, the most a day; "
                "nothing was stored. Try again tomorrow."
            )
        else:
            content = "Shared anonymously, thank you."
            if replaced:
                content = f"Shared anonymously: it replaces what you shared for {self.draft.year}."
            if self.draft.held_reason:
                content += " It is held back from the pool for review, as the preview said."
        self.stop()
        await interaction.response.edit_message(content=content, embed=None, view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="Nothing was shared.", embed=None, view=None
        )
