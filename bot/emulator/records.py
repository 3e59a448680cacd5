"""What the emulator remembers about each interaction and each message the bot made."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]

# Interaction callback types (Discord API v10).
PONG = 1
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9

FINAL_RESPONSES = {CHANNEL_MESSAGE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT, MODAL}

# Component types a modal holds (Discord API v10).
ACTION_ROW, STRING_SELECT, TEXT_INPUT, TEXT_DISPLAY, LABEL = 1, 3, 4, 10, 18
RADIO_GROUP, CHECKBOX_GROUP, CHECKBOX = 21, 22, 23
# The answers a person picks from the options listed under them.
OPTION_LISTS = frozenset({STRING_SELECT, RADIO_GROUP, CHECKBOX_GROUP})


@dataclass(frozen=True)
class FormField:
    """One question of a modal as a person sees it: its label, and the box or list under it."""

    label: str
    description: str | None
    component: Json
    in_row: bool = False  # an older modal's action row rather than a label

    @property
    def custom_id(self) -> str:
        return str(self.component.get("custom_id") or "")

    @property
    def kind(self) -> int:
        return int(self.component.get("type") or TEXT_INPUT)

    @property
    def options(self) -> list[Json]:
        return list(self.component.get("options") or [])

    @property
    def many(self) -> bool:
        """Whether more than one option may be picked."""
        if self.kind == CHECKBOX_GROUP:
            return int(self.component.get("max_values") or len(self.options)) > 1
        return self.kind == STRING_SELECT and int(self.component.get("max_values") or 1) > 1

    @property
    def required(self) -> bool:
        """Discord's default: a box, list or radio group must be answered unless it says not."""
        return self.kind != CHECKBOX and self.component.get("required") is not False

    @property
    def shown(self) -> str | list[str] | bool:
        """What an untouched field sends: the box's text, the picked options, the tick."""
        if self.kind == CHECKBOX:
            return bool(self.component.get("default"))
        if self.kind in OPTION_LISTS:
            return [str(o["value"]) for o in self.options if o.get("default")]
        return str(self.component.get("value") or "")


def modal_fields(modal: Json) -> list[FormField]:
    """The questions of a modal in order, from labels and from the older action rows."""
    found: list[FormField] = []
    for row in modal.get("components") or []:
        if row.get("type") == LABEL:
            found.append(FormField(str(row.get("label")), row.get("description"), row["component"]))
        elif row.get("type") == ACTION_ROW:
            for component in row.get("components") or []:
                name = component.get("label") or component.get("custom_id")
                found.append(FormField(str(name), None, component, in_row=True))
    return found


# Message flag of a Components V2 message, and the component types a card is made of.
COMPONENTS_V2 = 1 << 15
BUTTON = 2
SELECTS = (3, 5, 6, 7, 8)
THUMBNAIL = 11
MEDIA_GALLERY = 12
FILE = 13
# A heading in a card's text: "### Title" or a line in bold on its own ("**Base band**").
_HEADING = re.compile(r"#{1,3} (?P<hash>.+)|\*\*(?P<bold>[^*](?:(?!\*\*).)*)\*\*")


def walk(components: Iterable[Json]) -> Iterator[Json]:
    """Every component of a tree in reading order: a section's accessory after its text."""
    for component in components:
        yield component
        yield from walk(component.get("components") or [])
        if isinstance(component.get("accessory"), dict):
            yield from walk([component["accessory"]])


def heading(line: str) -> str | None:
    found = _HEADING.fullmatch(line.strip())
    if found is None:
        return None
    return found["hash"] or found["bold"]


@dataclass
class StoredFile:
    attachment_id: int
    filename: str
    data: bytes
    content_type: str


@dataclass
class StoredMessage:
    """A message the bot created through an interaction, as Discord would hold it."""

    id: int
    payload: Json
    files: list[StoredFile] = field(default_factory=list)
    edits: int = 0
    # The bodies the bot sent to create and then edit it: fields Discord does not echo back
    # (allowed_mentions) can only be checked here.
    requests: list[Json] = field(default_factory=list)

    @property
    def request(self) -> Json:
        """The body of the last create or edit."""
        return self.requests[-1] if self.requests else {}

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.payload.get("flags") or 0) & 64)

    @property
    def content(self) -> str:
        return str(self.payload.get("content") or "")

    @property
    def embeds(self) -> list[Json]:
        return list(self.payload.get("embeds") or [])

    @property
    def embed(self) -> Json:
        """The first embed; most answers carry exactly one."""
        embeds = self.embeds
        if not embeds:
            raise AssertionError(f"message {self.id} has no embed: {self.content!r}")
        return embeds[0]

    @property
    def components_v2(self) -> bool:
        """Whether the message is a card: components only, no content or embeds beside them."""
        return bool(int(self.payload.get("flags") or 0) & COMPONENTS_V2)

    def components(self) -> list[Json]:
        """Every component, nested ones too, in the order a person reads them."""
        return list(walk(self.payload.get("components") or []))

    def buttons(self) -> list[Json]:
        return [c for c in self.components() if c.get("type") == BUTTON]

    def selects(self) -> list[Json]:
        return [c for c in self.components() if c.get("type") in SELECTS]

    # ------------------------------------------------------------- cards (Components V2)

    def card_texts(self) -> list[str]:
        """The card's text displays, in order."""
        return [str(c.get("content")) for c in self.components() if c.get("type") == TEXT_DISPLAY]

    def card_text(self) -> str:
        return "\n".join(self.card_texts())

    def card_lines(self) -> list[str]:
        return self.card_text().splitlines()

    def headings(self) -> list[str]:
        """The card's headings in order: its title, then each section's."""
        return [found for line in self.card_lines() if (found := heading(line)) is not None]

    @property
    def title(self) -> str:
        """The card's title: its first "#" heading."""
        for line in self.card_lines():
            if line.startswith("#") and (found := heading(line)) is not None:
                return found
        raise AssertionError(f"message {self.id} has no card title: {self.text()!r}")

    def section(self, name: str) -> str:
        """The lines under the first heading that starts with `name`, up to the next heading
        or the end of its text display."""
        for text in self.card_texts():
            lines = text.splitlines()
            for index, line in enumerate(lines):
                found = heading(line)
                if found is None or not found.startswith(name):
                    continue
                body = []
                for following in lines[index + 1 :]:
                    if heading(following) is not None:
                        break
                    body.append(following)
                return "\n".join(body)
        raise AssertionError(f"no section {name!r} in {self.headings()}")

    def headline(self) -> str:
        """The lines under the card's title, up to its first section."""
        return self.section(self.title)

    @property
    def footer(self) -> str:
        """The small print that closes the card (where its figures come from)."""
        last = self.card_lines()[-1] if self.card_texts() else ""
        if not last.startswith("-# "):
            raise AssertionError(f"message {self.id} has no footer: {last!r}")
        return last[3:]

    def media(self) -> list[str]:
        """The URLs of the card's pictures and files (attachment://NAME for uploaded ones)."""
        urls = []
        for component in self.components():
            kind = component.get("type")
            if kind == MEDIA_GALLERY:
                urls += [str(item["media"]["url"]) for item in component.get("items") or []]
            elif kind in (THUMBNAIL, FILE):
                media = component.get("media") or component.get("file") or {}
                urls.append(str(media.get("url")))
        return urls

    def text(self) -> str:
        """Every visible string of the message, for assertions that do not care where it sits."""
        parts = [self.content, *self.card_texts()]
        for embed in self.embeds:
            parts += [str(embed.get("title") or ""), str(embed.get("description") or "")]
            for embed_field in embed.get("fields") or []:
                parts += [str(embed_field.get("name")), str(embed_field.get("value"))]
            parts.append(str((embed.get("footer") or {}).get("text") or ""))
        return "\n".join(part for part in parts if part)


@dataclass
class InteractionRecord:
    """One interaction sent to the bot and everything the bot answered to it."""

    id: int
    token: str
    type: int
    payload: Json
    created: float = field(default_factory=time.monotonic)
    response_type: int | None = None
    response_data: Json | None = None
    original_message_id: int | None = None
    source_message_id: int | None = None
    message_ids: list[int] = field(default_factory=list)
    followup_ids: list[int] = field(default_factory=list)
    edits_of_original: int = 0
    rejected_callbacks: list[int] = field(default_factory=list)
    # When the first answer was accepted and when the last edit arrived (time.monotonic),
    # so a benchmark can measure what the user waited without polling.
    first_response_at: float | None = None
    last_edit_at: float | None = None
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _emulator: Any = None

    @property
    def choices(self) -> list[Json]:
        if self.response_type != AUTOCOMPLETE_RESULT or self.response_data is None:
            raise AssertionError(f"interaction {self.id} got no autocomplete answer")
        return list(self.response_data.get("choices") or [])

    @property
    def modal(self) -> Json:
        if self.response_type != MODAL or self.response_data is None:
            raise AssertionError(f"interaction {self.id} was not answered with a modal")
        return self.response_data

    def form(self) -> dict[str, FormField]:
        """The modal's questions by label, as a person reads them."""
        return {question.label: question for question in modal_fields(self.modal)}

    @property
    def settled(self) -> bool:
        """True once the user would see a finished answer (a deferral alone is not one)."""
        if self.response_type in FINAL_RESPONSES:
            return True
        if self.response_type in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE):
            return self.edits_of_original > 0 or bool(self.followup_ids)
        return False

    def messages(self) -> list[StoredMessage]:
        """The messages this interaction created or changed, in order."""
        store = self._emulator.messages if self._emulator is not None else {}
        return [store[message_id] for message_id in self.message_ids if message_id in store]

    @property
    def message(self) -> StoredMessage:
        """The answer the user sees: the last message this interaction created or changed."""
        found = self.messages()
        if not found:
            raise AssertionError(f"interaction {self.id} produced no message")
        return found[-1]

    def touch(self, message_id: int) -> None:
        if message_id in self.message_ids:
            self.message_ids.remove(message_id)
        self.message_ids.append(message_id)

    async def changed(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(
        self, predicate: Callable[[InteractionRecord], bool], timeout: float
    ) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: predicate(self)), timeout)

    async def wait_settled(self, timeout: float = 10.0) -> InteractionRecord:
        await self.wait_for(lambda record: record.settled, timeout)
        return self
