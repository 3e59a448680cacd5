"""What the bot keeps between messages: its answers (for follow-ups) and who was told what.

A reply to one of the bot's answers changes that answer, so each answer is kept in memory
by the id of the message that carried it, for an hour. Estimates and comparisons are also
history entries under that same id, so a follow-up finds them after a restart too; an offer
or a range check is kept in memory only, as the commands store none.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import discord

from bot.salary.offer_terms import OfferTerms
from bot.salary.pay_range import PayRange
from bot.salary.pay_words import OfferWords
from bot.salary.question import Asked
from db.errors import StoreError
from db.models import HistoryEntry
from db.store import Store

KEEP_ANSWERS_S = 3600.0
MAX_KEPT = 5000
# History commands whose answer a follow-up can change, and what each was.
ASKED_OF_COMMAND = {
    "estimate": Asked.BAND,
    "tips": Asked.BAND,
    "compare roles": Asked.ROLES,
    "compare locations": Asked.PLACES,
    "offer": Asked.BAND,
}


@dataclass(frozen=True)
class Answered:
    """One answer as a follow-up can change it: what was asked, for whom, about what."""

    asked: Asked
    user_id: int
    query: dict[str, Any]  # the query it was for, as stored in history
    offer: OfferWords | OfferTerms | None = None
    pay_range: PayRange | None = None
    roles: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


def answered_of(entry: HistoryEntry) -> Answered:
    """A history entry (a command's or a message's) as an answer to change."""
    command = str(entry.headline.get("command"))
    asked = ASKED_OF_COMMAND.get(command, Asked.BAND)
    places = tuple(str(place) for place in entry.headline.get("places") or ())
    if asked is Asked.PLACES and len(places) < 2:
        asked = Asked.BAND  # a command's place list is not stored: its person's own band
    roles = tuple(str(role) for role in entry.headline.get("roles") or ())
    return Answered(asked, entry.user_id, dict(entry.query), roles=roles, places=places)


class Expiring:
    """A bounded map whose entries lapse after `keep_s` seconds."""

    def __init__(
        self,
        keep_s: float,
        limit: int = MAX_KEPT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.keep_s, self.limit, self.clock = keep_s, limit, clock
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()

    def put(self, key: Hashable, value: Any, keep_s: float | None = None) -> None:
        self._items[key] = (self.clock() + (self.keep_s if keep_s is None else keep_s), value)
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def get(self, key: Hashable) -> Any | None:
        found = self._items.get(key)
        if found is None:
            return None
        if found[0] <= self.clock():
            del self._items[key]
            return None
        return found[1]


class Notices:
    """Says a thing to a person once per window: the help line, a flood's refusal."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._told = Expiring(keep_s=0.0, limit=MAX_KEPT * 2, clock=clock)

    def first(self, key: Hashable, window_s: float) -> bool:
        """True the first time in `window_s` seconds, False again until it passes."""
        if self._told.get(key) is not None:
            return False
        self._told.put(key, True, keep_s=window_s)
        return True


class AnswerMemory:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._answers = Expiring(keep_s=KEEP_ANSWERS_S, clock=clock)

    def keep(self, message_id: int, answered: Answered) -> None:
        self._answers.put(message_id, answered)

    def get(self, message_id: int) -> Answered | None:
        found = self._answers.get(message_id)
        return found if isinstance(found, Answered) else None


def referenced_ids(message: discord.Message) -> list[int]:
    """The ids the answer replied to may be kept under: its message's, or its command's."""
    reference = message.reference
    if reference is None or reference.message_id is None:
        return []
    ids = [reference.message_id]
    resolved = reference.resolved
    if isinstance(resolved, discord.Message) and resolved.interaction_metadata is not None:
        ids.append(resolved.interaction_metadata.id)  # a command's answer: its history entry
    return ids


async def earlier_answer(
    store: Store, memory: AnswerMemory, message: discord.Message
) -> Answered | None:
    """The asker's own answer this message replies to, if it replies to one."""
    user_id = message.author.id
    for answer_id in referenced_ids(message):
        kept = memory.get(answer_id)
        if kept is not None:
            return kept if kept.user_id == user_id else None
        try:
            entry = await store.history.get(user_id, answer_id)
        except StoreError:  # the store away: the reply is then a question of its own
            entry = None
        if entry is not None:
            return answered_of(entry)
    return None
