"""The bot's messages as console text: content, embeds, cards, files, buttons and menus.

A card (a Components V2 message) is drawn in the embed drawing's idiom: "### Title" becomes "== Title ==", a heading in bold "-- Heading" with its lines indented under
it, small print "-# ..." plain (in brackets outside a section), a picture its saved file, a
button beside a section's first line, and a row of buttons "Buttons: [a]  [b]".
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from bot.emulator.records import BUTTON, MEDIA_GALLERY, TEXT_DISPLAY, StoredMessage, heading
from bot.render.words import N_, translate

# What the Discord client writes under a private answer, in the member's language.
ONLY_YOU = N_("only you can see this")

ACTION_ROW = 1
SECTION = 9
CONTAINER = 17
ATTACHMENT_URL = "attachment://"

Json = dict[str, Any]


def text_lines(text: str) -> list[str]:
    """A text display's lines as drawn."""
    drawn, in_section = [], False
    for line in text.splitlines():
        found = heading(line)
        if found is not None and line.startswith("#"):
            drawn.append(f"== {found} ==")
            in_section = False
        elif found is not None:
            drawn.append(f"-- {found}")
            in_section = True
        elif line.startswith("-# "):
            small = line[3:]
            drawn.append(f"   {small}" if in_section else f"({small})")
        else:
            drawn.append(f"   {line}" if in_section else line)
    return drawn


def label_of(button: Json) -> str:
    return f"[{button.get('label') or button.get('custom_id')}]"


class CardDrawing:
    """Draws one card; `files` maps an attachment's name to where the console saved it."""

    def __init__(self, files: Mapping[str, Path]) -> None:
        self.files = files
        self.lines: list[str] = []

    def draw(self, components: list[Json]) -> list[str]:
        for component in components:
            self._component(component)
        return self.lines

    def _component(self, component: Json) -> None:
        kind = component.get("type")
        if kind == CONTAINER:
            self.draw(component.get("components") or [])
        elif kind == TEXT_DISPLAY:
            # Each text display starts afresh: a footer is not part of the section above it.
            self.lines += text_lines(str(component.get("content")))
        elif kind == SECTION:
            start = len(self.lines)
            self.draw(component.get("components") or [])
            accessory = component.get("accessory") or {}
            shown = accessory.get("type") == BUTTON and not accessory.get("disabled")
            if shown and len(self.lines) > start:
                self.lines[start] += f"  {label_of(accessory)}"
        elif kind == MEDIA_GALLERY:
            for item in component.get("items") or []:
                self.lines.append(f"[chart] {self._where(str(item['media']['url']))}")
        elif kind == ACTION_ROW:
            buttons = [
                label_of(child)
                for child in component.get("components") or []
                if child.get("type") == BUTTON and not child.get("disabled")
            ]
            if buttons:
                self.lines.append("Buttons: " + "  ".join(buttons))

    def _where(self, url: str) -> str:
        name = url.removeprefix(ATTACHMENT_URL)
        return str(self.files.get(name, url))


def draw_card(message: StoredMessage, files: Mapping[str, Path]) -> list[str]:
    return CardDrawing(files).draw(list(message.payload.get("components") or []))


class ConsoleView:
    """Turns the bot's messages into readable text and saves their files."""

    def __init__(self, files_dir: Path, out: TextIO, locale: str | None = None) -> None:
        self.files_dir = files_dir
        self.out = out
        self.locale = locale  # the member's Discord language, for what the client writes

    def say(self, text: str) -> None:
        print(f"{text}\n", file=self.out, flush=True)

    def show(self, message: StoredMessage) -> None:
        lines: list[str] = []
        if message.ephemeral:
            lines.append(f"({translate(ONLY_YOU, self.locale)})")
        if message.content:
            lines.append(message.content)
        for embed in message.embeds:
            lines.extend(self._embed(embed))
        saved = self._save(message)
        if message.components_v2:
            lines.extend(draw_card(message, saved))
        shown = set(message.media())
        lines += [
            f"[file] {path}"
            for name, path in saved.items()
            if f"{ATTACHMENT_URL}{name}" not in shown
        ]
        buttons = [b for b in message.buttons() if not b.get("disabled") and b.get("custom_id")]
        if buttons and not message.components_v2:
            lines.append(
                "Buttons: " + "  ".join(f"[{b.get('label') or b['custom_id']}]" for b in buttons)
            )
        for menu in message.selects():
            labels = ", ".join(
                f"{number}) {o.get('label')}"
                for number, o in enumerate(menu.get("options") or [], start=1)
            )
            lines.append(
                f"Menu '{menu.get('placeholder') or 'choose'}': {labels}  (type: pick NUMBER)"
            )
        print("\n".join(lines) + "\n", file=self.out, flush=True)

    def _save(self, message: StoredMessage) -> dict[str, Path]:
        """The message's files, saved where the console keeps them, by attachment name."""
        saved = {}
        for stored in message.files:
            self.files_dir.mkdir(parents=True, exist_ok=True)
            path = self.files_dir / f"{message.id}-{stored.filename}"
            path.write_bytes(stored.data)
            saved[stored.filename] = path
        return saved

    @staticmethod
    def _embed(embed: dict[str, Any]) -> list[str]:
        lines = []
        if embed.get("title"):
            lines.append(f"== {embed['title']} ==")
        if embed.get("description"):
            lines.append(str(embed["description"]))
        for field in embed.get("fields") or []:
            lines.append(f"-- {field['name']}")
            lines.extend(textwrap.indent(str(field["value"]), "   ").splitlines())
        if (embed.get("footer") or {}).get("text"):
            lines.append(f"({embed['footer']['text']})")
        return lines
