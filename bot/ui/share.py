"""The /share form and its confirmation: nothing is stored until the person says so."""

from __future__ import annotations

from typing import Any

import discord

from bot.flows.errors import send_private
from bot.flows.share import read_draft
from bot.interaction import ours
from bot.render.community import currency_label, preview_embed
from bot.render.words import N_, _
from bot.salary.currency import CURRENCIES
from bot.salary.query import MIN_YEAR, SalaryQuery
from bot.ui.base import Form, TimeoutView
from bot.ui.forms import MAX_OPTIONS, Choice, pick_list, picked_one, text_box, typed
from db.community import DAILY_SUBMISSIONS, CommunityDraft, DailyLimitReached

CONFIRM_TIMEOUT_S = 300.0


# The currencies most pay is quoted in, listed after the person's own; the rest of the
# rates follow alphabetically while a list has room.
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "INR", "CAD", "AUD", "CHF", "JPY", "SGD")


def currency_choices(own: str) -> list[Choice]:
    """The person's own currency first, then the common ones, then the rest of the rates."""
    order = [own, *COMMON_CURRENCIES, *sorted(CURRENCIES)]
    codes = [code for code in dict.fromkeys(order) if code in CURRENCIES or code == own]
    choices = [Choice(code, currency_label(code)) for code in codes[:MAX_OPTIONS]]
    choices[0] = Choice(own, choices[0].label, _("The currency your answers are in"))
    return choices


def year_choices(this_year: int) -> list[Choice]:
    """This year back to the first year the bot reads, newest first."""
    years = range(this_year, max(MIN_YEAR, this_year - MAX_OPTIONS + 1) - 1, -1)
    return [Choice(str(year), str(year)) for year in years]


SHARE_TITLE = N_("Share your pay anonymously")


class ShareForm(Form, title=SHARE_TITLE):
    """Amounts typed; the year and the currency picked, starting from this year and the
    currency answers are given in."""

    def __init__(self, query: SalaryQuery, year: int) -> None:
        super().__init__()
        self.title = _(SHARE_TITLE)
        self.query = query
        self.base = text_box(
            _("Base salary per year"),
            custom_id="base",
            placeholder="180k",
            required=True,
            max_length=30,
        )
        self.bonus = text_box(
            _("Bonus per year"),
            custom_id="bonus",
            placeholder=_("20k (blank: none)"),
            max_length=30,
        )
        self.equity = text_box(
            _("Equity per year"),
            custom_id="equity",
            placeholder=_("40k (blank: none)"),
            max_length=30,
        )
        self.year = pick_list(
            _("Year of the figure"), year_choices(year), custom_id="year", chosen=[str(year)]
        )
        own = query.answer_currency
        self.currency = pick_list(
            _("Currency"), currency_choices(own), custom_id="currency", chosen=[own]
        )
        for label in (self.base, self.bonus, self.equity, self.year, self.currency):
            self.add_item(label)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        current = ours(interaction)
        # Nothing picked reads as before: this year, and the currency answers are in.
        draft = read_draft(
            current.client.model,
            self.query,
            base=typed(self.base),
            bonus=typed(self.bonus),
            equity=typed(self.equity),
            year=picked_one(self.year, "year") or "",
            currency=picked_one(self.currency, "currency") or "",
        )
        view = ShareConfirm(interaction.user.id, draft)
        guild = interaction.guild.name if interaction.guild else None
        await interaction.response.send_message(
            embed=preview_embed(draft, guild), view=view, ephemeral=True
        )
        view.origin = current


class ShareConfirm(TimeoutView):
    """Share or cancel; the draft lives in this view only, so a restart forgets it."""

    def __init__(self, owner: int, draft: CommunityDraft) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT_S)
        self.owner, self.draft = owner, draft
        self.share.label = _("Share anonymously")
        self.cancel.label = _("Cancel")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner:
            await send_private(interaction, _("That form belongs to someone else."))
            return False
        return True

    # Labels in the reader's words are set per view, in __init__.
    @discord.ui.button(label="Share anonymously", style=discord.ButtonStyle.success)
    async def share(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        typed = ours(interaction)
        if interaction.guild_id is None:
            await send_private(interaction, _("Shared pay belongs to a server: use it in one."))
            return
        try:
            _stored, replaced = await typed.client.store.community.submit(
                interaction.user.id, interaction.guild_id, self.draft
            )
        except DailyLimitReached:
            content = _(
                "You have shared {count} times today, the most a day; nothing was stored. "
                "Try again tomorrow.",
                count=DAILY_SUBMISSIONS,
            )
        else:
            content = _("Shared anonymously, thank you.")
            if replaced:
                content = _(
                    "Shared anonymously: it replaces what you shared for {year}.",
                    year=self.draft.year,
                )
            if self.draft.held_reason:
                content += " " + _("It is held back from the pool for review, as the preview said.")
        self.stop()
        await interaction.response.edit_message(content=content, embed=None, view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(
            content=_("Nothing was shared."), embed=None, view=None
        )
