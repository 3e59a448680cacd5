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

from bot.flows.errors import send_private
from bot.flows.fill import Filled
from bot.flows.offer import answer_offer, answer_offer_comparison, save_offers
from bot.flows.privacy import Visibility
from bot.interaction import Interaction, ours
from bot.render.card import FOOTER, HEADLINE
from bot.render.locale import ANSWER_LOCALE
from bot.render.wording import word
from bot.render.words import N_, _
from bot.salary.currency import format_number
from bot.salary.offer_terms import OfferTerms, parse_offer
from bot.salary.query import SalaryQuery
from bot.salary.vesting import parse_vesting
from bot.ui.base import VIEW_TIMEOUT_S, Form, OwnedItem, TimeoutCard, shown_label, visibility_of
from bot.ui.forms import Choice, pick_list, picked_one, text_box, typed

HELD_MAX = 2_000  # offers held at once; the oldest goes first
GONE = N_(
    "That offer is no longer held: unsaved offers live only as long as their buttons. "
    "Run `/offer check` again."
)
NOT_YOURS = N_("These buttons belong to someone else's offer. `/offer check` checks yours.")
SAVED = N_(
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


# Schedules as parse_vesting reads them; the form words each from what it reads.
VESTING_SCHEDULES = (
    "4 years",
    "4 years no cliff",
    "4 years 6 month cliff",
    "3 years",
    "3 years no cliff",
    "5 years",
    "5/15/40/40",
    "10/20/30/40",
    "33/33/22/12",
    "40/30/20/10",
)
OTHER_SCHEDULE = N_("Another schedule? Type it: /offer check vesting:25/25/25/25")
CHECK_TITLE = N_("Check an offer")
COMPARE_TITLE = N_("Compare with another offer")
SAVE_LABEL = N_("Save to history")


def vesting_choice(text: str) -> Choice:
    """ "5/15/40/40" -> "5/15/40/40 over 4 years, 1-year cliff", back-loaded; in the reader's
    words."""
    schedule = parse_vesting(text)
    shares = schedule.shares
    if max(shares) - min(shares) < 1:
        share = format_number(round(shares[0], 1), ANSWER_LOCALE.get())
        each = _("{percent}% each year", percent=share)
        return Choice(text, word(schedule.span()), each)
    late = shares[-1] > shares[0]
    loaded = _("Back-loaded: most vests late") if late else _("Front-loaded: most vests early")
    return Choice(text, word(schedule.describe()), loaded)


def vesting_choices() -> tuple[Choice, ...]:
    return tuple(vesting_choice(text) for text in VESTING_SCHEDULES)


class OfferForm(Form, title=CHECK_TITLE):
    """The offer letter's amounts typed, its vesting picked from the common schedules."""

    def __init__(
        self, filled: Filled, visibility: Visibility, first: OfferTerms | None = None
    ) -> None:
        super().__init__()
        self.filled, self.visibility, self.first = filled, visibility, first
        self.title = _(CHECK_TITLE if first is None else COMPARE_TITLE)
        self.base = text_box(
            _("Base salary (per year)"),
            custom_id="base",
            placeholder=_("185k, $185,000 or 1.2M"),
            required=True,
            max_length=40,
        )
        self.bonus = text_box(
            _("Target bonus"), custom_id="bonus", placeholder=_("15% or 25k"), max_length=40
        )
        self.equity = text_box(
            _("Equity grant (whole grant)"),
            custom_id="equity",
            placeholder=_("400k, or 2,000 shares x $50"),
            max_length=60,
        )
        self.vesting = pick_list(
            _("Vesting"),
            vesting_choices(),
            custom_id="vesting",
            chosen=[VESTING_SCHEDULES[0]],
            description=_(OTHER_SCHEDULE),
        )
        self.sign_on = text_box(
            _("Sign-on bonus"), custom_id="sign_on", placeholder=_("30k"), max_length=40
        )
        for label in (self.base, self.bonus, self.equity, self.vesting, self.sign_on):
            self.add_item(label)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        current = ours(interaction)
        # Nothing picked is the default schedule, as an empty box was.
        terms = parse_offer(
            base=typed(self.base),
            bonus=typed(self.bonus),
            equity=typed(self.equity),
            vesting=picked_one(self.vesting, "vesting"),
            sign_on=typed(self.sign_on),
        )
        view_for = OfferView.under(current)
        if self.first is None:
            await answer_offer(current, self.filled, terms, self.visibility, view_for=view_for)
        else:
            await answer_offer_comparison(
                current, self.filled, self.first, terms, self.visibility, view_for=view_for
            )


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
    def rebuild(cls, match: re.Match[str], item: discord.ui.Item[Any], *ids: int) -> OfferButton:
        (owner,) = ids
        return cls(match["action"], owner, match["token"], shown_label(item, match["action"]))

    async def press(self, interaction: Interaction) -> None:
        kept = held(self.token)
        if kept is None:
            await send_private(interaction, _(GONE))
            return
        query, offers = kept
        if self.action == "save":
            await save_offers(interaction, query, offers)
            await send_private(interaction, _(SAVED))
        else:
            form = OfferForm(Filled(query), visibility_of(interaction), first=offers[0])
            await interaction.response.send_modal(form)


class OfferView(TimeoutCard):
    """An offer's card: "Save to history" beside "nothing is stored unless you save it", and
    "Compare with another offer" beside the offer it would be compared with."""

    def __init__(self, owner: int, query: SalaryQuery, offers: list[OfferTerms]) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        token = hold(query, offers)
        self.beside[FOOTER] = OfferButton("save", owner, token, _(SAVE_LABEL))
        if len(offers) == 1:
            self.beside[HEADLINE] = OfferButton("more", owner, token, _(COMPARE_TITLE))

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
