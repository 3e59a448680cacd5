"""/offer check, /offer compare and the "Check this salary range" message menu."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.flows.asker import load_asker
from bot.flows.budget import spends_budget
from bot.flows.offer import answer_offer, answer_offer_comparison, answer_range_check
from bot.interaction import Interaction
from bot.render.words import N_
from bot.salary.offer_terms import parse_offer
from bot.ui.offer import OfferForm, OfferView
from bot.ui.options import OR_PROFILE, person_options
from bot.ui.translator import composed
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot

Amount = app_commands.Range[str, 1, 60]
TERMS = {
    "base": N_("Base salary per year, e.g. 185k, $185,000 or 1.2M"),
    "bonus": N_("Target bonus: 15% or an amount such as 25k"),
    "equity": N_("Whole equity grant: 400k, or 2,000 shares x $50"),
    "vesting": N_("Vesting: 4 years 1-year cliff (default), 33/33/22/12, 5/15/40/40, no cliff"),
    "sign_on": N_("Sign-on bonus, e.g. 30k"),
}
# The person the offer is for: the salary options every command shares, reworded here.
PERSON = ("role", "years", "level", "location", "company_type", "currency")
PERSON_WORDS: dict[str, str | app_commands.locale_str] = {
    "role": OR_PROFILE["role"],
    "currency": N_("Currency of the amounts (else the one they name, or your profile's)"),
}


def _offer_options(prefix: str, which: str) -> dict[str, app_commands.locale_str]:
    """The terms of one of two offers: `which` is a marked template such as "Offer A: {term}"."""
    return {f"{prefix}{name}": composed(which, term=text) for name, text in TERMS.items()}


class Offer(BotCog):
    offer = app_commands.Group(
        name="offer", description=N_("Is this offer fair, and what to ask for")
    )

    def __init__(self, bot: SalaryBot) -> None:
        super().__init__(bot)
        self.range_menu = app_commands.ContextMenu(
            name=N_("Check this salary range"), callback=self.check_range
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.range_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.range_menu.name, type=self.range_menu.type)

    @offer.command(name="check", description=N_("Where an offer sits in your band, year by year"))
    @spends_budget
    @person_options(*PERSON, **PERSON_WORDS)
    @app_commands.describe(**TERMS)
    async def check(
        self,
        interaction: Interaction,
        base: Amount | None = None,
        bonus: Amount | None = None,
        equity: Amount | None = None,
        vesting: Amount | None = None,
        sign_on: Amount | None = None,
        *,
        person: dict[str, Any],
        public: bool | None,
    ) -> None:
        asker = await load_asker(interaction)
        filled = asker.fill(person)
        visibility = asker.visibility(public)
        if base is None:
            # No amounts: the form suits an offer letter better than one long command line.
            await interaction.response.send_modal(OfferForm(filled, visibility))
            return
        terms = parse_offer(base=base, bonus=bonus, equity=equity, vesting=vesting, sign_on=sign_on)
        await answer_offer(
            interaction, filled, terms, visibility, view_for=OfferView.under(interaction)
        )

    @offer.command(
        name="compare", description=N_("Two offers side by side: year one and four years")
    )
    @spends_budget
    @person_options(*PERSON, **PERSON_WORDS)
    @app_commands.describe(
        **_offer_options("a_", N_("Offer A: {term}")), **_offer_options("b_", N_("Offer B: {term}"))
    )
    async def compare(
        self,
        interaction: Interaction,
        a_base: Amount,
        b_base: Amount,
        a_bonus: Amount | None = None,
        a_equity: Amount | None = None,
        a_vesting: Amount | None = None,
        a_sign_on: Amount | None = None,
        b_bonus: Amount | None = None,
        b_equity: Amount | None = None,
        b_vesting: Amount | None = None,
        b_sign_on: Amount | None = None,
        *,
        person: dict[str, Any],
        public: bool | None,
    ) -> None:
        asker = await load_asker(interaction)
        filled = asker.fill(person)
        first = parse_offer(
            base=a_base, bonus=a_bonus, equity=a_equity, vesting=a_vesting, sign_on=a_sign_on
        )
        second = parse_offer(
            base=b_base, bonus=b_bonus, equity=b_equity, vesting=b_vesting, sign_on=b_sign_on
        )
        await answer_offer_comparison(
            interaction,
            filled,
            first,
            second,
            asker.visibility(public),
            view_for=OfferView.under(interaction),
        )

    @spends_budget
    async def check_range(self, interaction: Interaction, message: discord.Message) -> None:
        asker = await load_asker(interaction)
        await answer_range_check(interaction, message.content, asker)


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Offer(bot))
