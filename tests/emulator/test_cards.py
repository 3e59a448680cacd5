"""The emulator's cards: reading a Components V2 message, and keeping it one as Discord does."""

from __future__ import annotations

from typing import Any

import pytest

from bot.emulator.messages import MessageStore
from bot.emulator.payloads import SnowflakeFactory
from bot.emulator.records import COMPONENTS_V2, InteractionRecord, StoredMessage, heading
from bot.emulator.wire import DiscordError

CHART = {"type": 12, "items": [{"media": {"url": "attachment://band.png"}}]}
BUTTON = {"type": 2, "style": 2, "label": "Tips for me", "custom_id": "ans:tips:1:2"}
PNG = ("band.png", b"\x89PNG", "image/png")


def card(*children: dict[str, Any]) -> dict[str, Any]:
    return {"components": [{"type": 17, "components": list(children)}], "flags": COMPONENTS_V2}


ANSWER = card(
    {"type": 10, "content": "### Data Scientist · Berlin\nBase salary: **€73K** median."},
    {"type": 10, "content": "**Base band**\nP10 €50K · P90 €110K"},
    CHART,
    {
        "type": 9,
        "components": [{"type": 10, "content": "**What moved it**\n+€1K skill\n**Notes**\nnone"}],
        "accessory": BUTTON,
    },
    {"type": 1, "components": [{**BUTTON, "label": "Compare roles", "custom_id": "x"}]},
    {"type": 10, "content": "-# Band from Data Scientist · mid · Germany"},
)


def test_a_card_is_read_in_order_by_its_headings() -> None:
    message = StoredMessage(id=1, payload=ANSWER)
    assert message.components_v2
    assert message.title == "Data Scientist · Berlin"
    assert message.headings() == [
        "Data Scientist · Berlin",
        "Base band",
        "What moved it",
        "Notes",
    ]
    assert message.headline() == "Base salary: **€73K** median."
    # A section ends at the next heading or at the end of its text display.
    assert message.section("What moved") == "+€1K skill"
    assert message.section("Base band") == "P10 €50K · P90 €110K"
    assert message.footer == "Band from Data Scientist · mid · Germany"
    assert [b["label"] for b in message.buttons()] == ["Tips for me", "Compare roles"]
    assert message.media() == ["attachment://band.png"]
    assert "P10 €50K" in message.text()
    with pytest.raises(AssertionError, match="no section 'Total'"):
        message.section("Total")


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("### Title", "Title"),
        ("**Base band**", "Base band"),
        ("**Seattle, WA** $181K", None),
        ("**A** and **B**", None),
        ("-# small print", None),
    ],
)
def test_a_heading_is_a_title_or_a_bold_line_of_its_own(line: str, found: str | None) -> None:
    assert heading(line) == found


def store_with(body: dict[str, Any], files: list[tuple[str, bytes, str]]) -> tuple[Any, ...]:
    store = MessageStore(
        ids=SnowflakeFactory(), author={"id": "1"}, application_id=2, base_url=lambda: "http://x"
    )
    record = InteractionRecord(
        id=3, token="t", type=2, payload={"channel_id": "4", "user": {"id": "5"}}
    )
    record._emulator = store
    return store, record, store.create(record, body, files)


def test_a_thinking_message_becomes_a_card_and_stays_one() -> None:
    store, record, message = store_with({"content": "", "flags": 64 | 128}, [])
    store.edit(record, message, {**ANSWER, "flags": COMPONENTS_V2}, [PNG])
    assert message.components_v2 and message.ephemeral, "the flag is added, privacy kept"
    store.edit(record, message, {"flags": 0, "components": ANSWER["components"]}, [])
    assert message.components_v2, "a card cannot become a plain message again"
    with pytest.raises(DiscordError):
        store.edit(record, message, {"content": "and some words"}, [])


def test_a_card_picture_must_name_one_of_its_files() -> None:
    with pytest.raises(DiscordError):
        store_with(ANSWER, [])
    store, record, message = store_with(ANSWER, [PNG])
    kept = [{"id": str(message.files[0].attachment_id)}]
    store.edit(record, message, {**ANSWER, "attachments": kept}, [])
    with pytest.raises(DiscordError):
        store.edit(record, message, {**ANSWER, "attachments": []}, [])
