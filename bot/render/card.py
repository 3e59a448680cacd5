"""Answers as Components V2 cards: one container holding the text, the chart and the buttons in
the order a person reads them, always inside Discord's limits for such messages.

A `Card` is an answer's words in blocks, built once. A `CardLayout` is the LayoutView it is laid
out in: it carries the buttons by the spot they sit at, and lays the card out again when the
answer gains its chart or its buttons in an edit (a V2 edit sends the whole card).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Self

import discord

from bot.render.phrases import COLOUR, FIELD_VALUE_LIMIT, clip, lines_within

# Discord's limits for a message with the IS_COMPONENTS_V2 flag.
TEXT_LIMIT = 4000  # characters in all its text displays together
COMPONENT_LIMIT = 40  # components, nested ones included

# Spots a button can sit at: beside a block (a section's accessory), or the chart's place.
HEADLINE = "headline"
FACTORS = "factors"
FOOTER = "footer"
CHART = "chart"
# The chart's place keeps one id whether it holds the chart or a "Show chart" button, so a
# chart drawn on demand goes where it belongs. Well above the ids Discord numbers itself.
CHART_ID = 1000
CHART_LEFT_OUT = "-# The chart was left out while many people were asking."

TEXT, RULE, PICTURE = "text", "rule", "chart"


@dataclass
class Block:
    text: str = ""
    spot: str | None = None
    kind: str = TEXT


@dataclass
class Card:
    """An answer's words: a title and blocks of markdown, with places for a rule and a chart.

    A block's heading is its first line, in bold on a line of its own ("**Base band**").
    """

    title: str
    blocks: list[Block] = field(default_factory=list)
    chart_text: str = ""  # the chart's description, for people who cannot see it

    def __post_init__(self) -> None:
        self.title = clip(self.title, 200)
        if not self.blocks:
            self.blocks.append(Block(f"### {self.title}", HEADLINE))

    def head(self, *lines: str | None) -> Self:
        """Lines under the title, in the headline block."""
        said = [line for line in lines if line]
        if said:
            headline = self.blocks[self.index_after_headline() - 1]
            headline.text = "\n".join([headline.text, *said])
        return self

    def lead(self, line: str) -> Self:
        """A line above everything else: what the reader should know before the answer."""
        self.blocks.insert(0, Block(line))
        return self

    def section(
        self,
        heading: str,
        lines: Iterable[str],
        *,
        spot: str | None = None,
        limit: int = FIELD_VALUE_LIMIT,
    ) -> Self:
        text = f"**{clip(heading, 200)}**\n{lines_within(lines, limit)}"
        last = self.blocks[-1]
        if spot is None and last.kind == TEXT and last.spot is None and last.text.startswith("**"):
            # Sections in a run share one text display: fewer components, one block to read.
            last.text = f"{last.text}\n{text}"
        else:
            self.blocks.append(Block(text, spot))
        return self

    def section_at(self, index: int, heading: str, lines: Iterable[str]) -> Self:
        """A section placed among the first blocks (a change right under the headline)."""
        self.blocks.insert(index, Block(f"**{clip(heading, 200)}**\n{lines_within(lines)}"))
        return self

    def add(self, text: str, *, spot: str | None = None) -> Self:
        self.blocks.append(Block(text, spot))
        return self

    def rule(self) -> Self:
        self.blocks.append(Block(kind=RULE))
        return self

    def chart(self, description: str) -> Self:
        self.chart_text = clip(description, 1024)
        self.blocks.append(Block(kind=PICTURE, spot=CHART))
        return self

    def footer(self, text: str, *, spot: str | None = None) -> Self:
        self.blocks.append(Block(f"-# {clip(text, 1000)}", spot or FOOTER))
        return self

    def index_after_headline(self) -> int:
        return next(i for i, block in enumerate(self.blocks) if block.spot == HEADLINE) + 1


def fit(texts: list[str], limit: int = TEXT_LIMIT) -> list[str]:
    """Cut the longest texts, by whole lines from their ends, until all of them fit together."""
    excess = sum(len(text) for text in texts) - limit
    if excess <= 0:
        return texts
    texts = list(texts)
    while excess > 0:
        longest = max(range(len(texts)), key=lambda i: len(texts[i]))
        text = texts[longest]
        cut = lines_within(text.splitlines(), max(len(text) - excess, 2))
        excess -= len(text) - len(cut)
        texts[longest] = cut
    return texts


class CardLayout(discord.ui.LayoutView):
    """The LayoutView a card is laid out in, with its buttons by the spot they sit at.

    Unless `listen`, it is finished before it is sent, so discord.py neither stores it nor keeps
    a timer for it: the client's dynamic items answer its buttons, across restarts too.
    """

    def __init__(self, *, timeout: float | None = None, listen: bool = False) -> None:
        super().__init__(timeout=timeout)
        self.beside: dict[str, discord.ui.Item[Any]] = {}  # a section's accessory, by spot
        self.row: list[discord.ui.Item[Any]] = []  # buttons for the whole answer, at its end
        self.laid_out = False  # whether a card was laid out in it (and so sent with its buttons)
        if not listen:
            self.stop()

    @property
    def has_buttons(self) -> bool:
        return bool(self.beside or self.row)

    def drop_buttons(self) -> None:
        self.beside.clear()
        self.row.clear()

    def show(self, card: Card, chart_url: str | None = None) -> Self:
        """Lay `card` out, with its chart when `chart_url` names it."""
        self.clear_items()
        container: discord.ui.Container[Any] = discord.ui.Container(accent_colour=COLOUR)
        texts = iter(fit([b.text for b in card.blocks if b.kind == TEXT]))
        for block in card.blocks:
            if block.kind == RULE:
                container.add_item(discord.ui.Separator())
            elif block.kind == PICTURE:
                if (place := self._chart_place(card, chart_url)) is not None:
                    container.add_item(place)
            else:
                container.add_item(self._text(next(texts), block.spot))
        # A button whose block this card does not have (no factor moved the band) still goes
        # with the answer: first in the row at its end.
        spots = {block.spot for block in card.blocks}
        row = [item for spot, item in self.beside.items() if spot not in spots] + self.row
        if row:
            container.add_item(discord.ui.ActionRow(*row))
        self.add_item(container)
        self.laid_out = True
        return self

    def _text(self, text: str, spot: str | None) -> discord.ui.Item[Any]:
        display: discord.ui.TextDisplay[Any] = discord.ui.TextDisplay(text)
        accessory = self.beside.get(spot) if spot else None
        return display if accessory is None else discord.ui.Section(display, accessory=accessory)

    def _chart_place(self, card: Card, chart_url: str | None) -> discord.ui.Item[Any] | None:
        if chart_url is not None:
            return chart_gallery(chart_url, card.chart_text)
        button = self.beside.get(CHART)
        if button is None:
            return None
        return discord.ui.Section(CHART_LEFT_OUT, accessory=button, id=CHART_ID)


def chart_gallery(url: str, description: str) -> discord.ui.MediaGallery[Any]:
    item = discord.MediaGalleryItem(url, description=description or None)
    return discord.ui.MediaGallery(item, id=CHART_ID)


def put_chart(view: discord.ui.LayoutView, url: str, description: str) -> bool:
    """Put the chart in the place kept for it on a card sent without (False: no such place)."""
    for container in view.children:
        if not isinstance(container, discord.ui.Container):
            continue
        children = container.children
        for index, item in enumerate(children):
            if item.id == CHART_ID and isinstance(item, discord.ui.Section):
                children[index] = chart_gallery(url, description)
                container.clear_items()
                for child in children:
                    container.add_item(child)
                return True
    return False
