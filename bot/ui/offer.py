"""The offer form and the buttons under an offer: "Save to history", "Compare with another offer".

An offer is kept in memory only, under a random token in the buttons' custom_id, for as long
as the buttons live: nothing reaches the store until the person presses "Save to history".
After a restart or the timeout the buttons answer that the offer has gone, never fail.
"""

from __future__ import annotations

import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import discord

from bot.flows.errors import report_error, send_private
from bot.flows.fill import Filled
from bot.flows.offer import answer_offer, answer_offer_comparison, save_offers
from bot.flows.privacy import Visibility
from bot.interaction import Interaction, ours
from bot.render.card import FOOTER, HEADLINE
from bot.salary.offer_terms import OfferTerms, parse_offer
from bot.salary.query import SalaryQuery
from bot.ui.base import VIEW_TIMEOUT_S, OwnedItem, TimeoutCard, read_ids, visibility_of

HELD_MAX = 2_000  # offers held at once; the oldest goes first
GONE = (
    "That offer is no longer held: unsaved offers live only as long as their buttons. "
    "Run `/offer check` again."
)
NOT_YOURS = "These buttons belong to someone else's offer. `/offer check` checks yours."
SAVED = (
    "Saved to your history. `/history` lists it, `/profile export` includes it and "
    "`/profile delete` erases it."
)

_held: OrderedDict[str, tuple[float, SalaryQuery, list[OfferTerms]]] = OrderedDict()


def hold(query: SalaryQuery, offers: list[OfferTerms]) -> str:
    token = secrets.token_hex(6)
    _held[token] = (time.monotonic(), query, offers)
    while len(_held) > HELD_MAX:
        _held.popitem(last=False)
    return token


def held(token: str) -> tuple[SalaryQuery, list[OfferTerms]] | None:
    entry = _held.get(token)
    if entry is None or time.monotonic() - entry[0] > VIEW_TIMEOUT_S:
        _held.pop(token, None)
        return None
    return entry[1], entry[2]


class OfferForm(discord.ui.Modal, title="Check an offer"):
    base: discord.ui.TextInput[OfferForm] = discord.ui.TextInput(
        label="Base salary (per year)", placeholder="185k, $185,000 or 1.2M", max_length=40
    )
    bonus: discord.ui.TextInput[OfferForm] = discord.ui.TextInput(
        label="Target bonus", placeholder="15% or 25k", required=False, max_length=40
    )
    equity: discord.ui.TextInput[OfferForm] = discord.ui.TextInput(
        label="Equity grant (whole grant)",
        placeholder="400k, or 2,000 shares x $50",
        required=False,
        max_length=60,
    )
    vesting: discord.ui.TextInput[OfferForm] = discord.ui.TextInput(
        label="Vesting",
        placeholder="4 years, 1-year cliff (default); 33/33/22/12; 5/15/40/40",
        required=False,
        max_length=60,
    )
    sign_on: discord.ui.TextInput[OfferForm] = discord.ui.TextInput(
        label="Sign-on bonus", placeholder="30k", required=False, max_length=40
    )

    def __init__(
        self, filled: Filled, visibility: Visibility, first: OfferTerms | None = None
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        self.filled, self.visibility, self.first = filled, visibility, first
        if first is not None:
            self.title = "Compare with another offer"

    async def on_submit(self, interaction: discord.Interaction) -> None:
        typed = ours(interaction)
        terms = parse_offer(
            base=self.base.value,
            bonus=self.bonus.value,
            equity=self.equity.value,
            vesting=self.vesting.value,
            sign_on=self.sign_on.value,
        )
        view_for = OfferView.under(typed)
        if self.first is None:
            await answer_offer(typed, self.filled, terms, self.visibility, view_for=view_for)
        else:
            await answer_offer_comparison(
                typed, self.filled, self.first, terms, self.visibility, view_for=view_for
            )

    async def on_error(self, interaction: Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class OfferButton(
    OwnedItem[discord.ui.Button[Any]],
    template=r"offer:(?P<action>save|more):(?P<owner>[0-9]{1,20}):(?P<token>[0-9a-f]{12})",
):
    not_yours = NOT_YOURS

    def __init__(self, action: str, owner: int, token: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"offer:{action}:{owner}:{token}",
            )
        )
        self.action, self.owner, self.token = action, owner, token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> OfferButton:
        label = getattr(item, "label", None) or match["action"]
        (owner,), readable = read_ids(match, "owner")
        button = cls(match["action"], owner, match["token"], label)
        button.readable = readable
        return button

    async def press(self, interaction: Interaction) -> None:
        kept = held(self.token)
        if kept is None:
            await send_private(interaction, GONE)
            return
        query, offers = kept
        if self.action == "save":
            await save_offers(interaction, query, offers)
            await send_private(interaction, SAVED)
        else:
            form = OfferForm(Filled(query), visibility_of(interaction), first=offers[0])
            await interaction.response.send_modal(form)


class OfferView(TimeoutCard):
    """An offer's card: "Save to history" beside "nothing is stored unless you save it", and
    "Compare with another offer" beside the offer it would be compared with."""

    def __init__(self, owner: int, query: SalaryQuery, offers: list[OfferTerms]) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        token = hold(query, offers)
        self.beside[FOOTER] = OfferButton("save", owner, token, "Save to history")
        if len(offers) == 1:
            self.beside[HEADLINE] = OfferButton("more", owner, token, "Compare with another offer")

    @classmethod
    def under(
        cls, interaction: Interaction
    ) -> Callable[[SalaryQuery, list[OfferTerms]], OfferView]:
        def build(query: SalaryQuery, offers: list[OfferTerms]) -> OfferView:
            view = cls(interaction.user.id, query, offers)
            view.origin = interaction
            return view

        return build


async def open_offer_form(interaction: Interaction, query: SalaryQuery) -> None:
    """The "Check an offer" button under an estimate: the form, for the same person."""
    await interaction.response.send_modal(OfferForm(Filled(query), visibility_of(interaction)))
