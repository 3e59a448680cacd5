"""The emulator's messages in channels and DMs: delivered as Discord delivers them to a bot
without the Message Content intent, and the bot's replies checked as Discord checks them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.emulator.channel_messages import (
    DIRECT_MESSAGES,
    GUILD_MESSAGES,
    MESSAGE_CONTENT,
    as_delivered,
)
from bot.emulator.server import EmulatorServer
from bot.local.harness import Harness
from tests.support.validation import PayloadValidator

BOT_ID = 42


def message(*, guild: bool, mentions_bot: bool = False, author: int = 7) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": "1",
        "channel_id": "2",
        "author": {"id": str(author)},
        "content": "senior mle in berlin?",
        "embeds": [{"title": "x"}],
        "attachments": [],
        "components": [],
        "mentions": [{"id": str(BOT_ID)}] if mentions_bot else [],
    }
    if guild:
        payload["guild_id"] = "3"
    return payload


@pytest.mark.parametrize(
    ("guild", "mentions_bot", "intents", "seen"),
    [
        (False, False, DIRECT_MESSAGES, "whole"),
        (False, False, GUILD_MESSAGES, "nothing"),
        (True, False, DIRECT_MESSAGES, "nothing"),
        (True, False, GUILD_MESSAGES, "emptied"),
        (True, True, GUILD_MESSAGES, "whole"),
        (True, False, GUILD_MESSAGES | MESSAGE_CONTENT, "whole"),
    ],
)
def test_message_create_follows_the_intents(
    guild: bool, mentions_bot: bool, intents: int, seen: str
) -> None:
    sent = message(guild=guild, mentions_bot=mentions_bot)
    delivered = as_delivered(sent, intents, BOT_ID)
    if seen == "nothing":
        assert delivered is None
    elif seen == "whole":
        assert delivered == sent
    else:
        assert delivered is not None
        assert (delivered["content"], delivered["embeds"]) == ("", [])
        assert delivered["author"] == sent["author"], "who wrote it is still told"


def test_the_bots_own_messages_keep_their_text() -> None:
    own = message(guild=True, author=BOT_ID)
    assert as_delivered(own, GUILD_MESSAGES, BOT_ID) == own


async def test_the_bot_asks_for_message_events_but_not_their_content(harness: Harness) -> None:
    session = harness.server.gateway.session
    assert session is not None
    assert session.intents & GUILD_MESSAGES and session.intents & DIRECT_MESSAGES
    assert not session.intents & MESSAGE_CONTENT, "no privileged intent"


@pytest.fixture
async def emulator(validator: PayloadValidator) -> AsyncIterator[EmulatorServer]:
    server = EmulatorServer(validator=validator)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def post(server: EmulatorServer, channel_id: int, body: Any) -> tuple[int, Any]:
    url = f"{server.api_base}/channels/{channel_id}/messages"
    headers = {"Authorization": f"Bot {server.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=body, headers=headers) as response,
    ):
        return response.status, await response.json()


async def test_a_reply_names_a_message_of_its_channel(emulator: EmulatorServer) -> None:
    user = emulator.add_user("asker")
    dm = emulator.dm(user)
    asked = await emulator.channel_messages.say(user.payload, dm.channel_id, "hello")
    reference = {"message_id": str(asked.id), "fail_if_not_exists": True}
    status, body = await post(
        emulator, dm.channel_id, {"content": "hi", "message_reference": reference}
    )
    assert status == 200, body
    assert body["type"] == 19 and body["referenced_message"]["content"] == "hello"
    assert asked.replies and asked.replies[0].content == "hi"

    elsewhere = emulator.dm(emulator.add_user("other"))
    status, body = await post(
        emulator, elsewhere.channel_id, {"content": "hi", "message_reference": reference}
    )
    assert status == 400 and "message_reference" in body["errors"]


async def test_the_bots_messages_are_checked_against_the_spec(emulator: EmulatorServer) -> None:
    user = emulator.add_user("asker")
    dm = emulator.dm(user)
    status, _ = await post(emulator, dm.channel_id, {"content": "x", "embeds": "not a list"})
    assert status == 400
    assert any("/channels/" in violation for violation in emulator.violations)
    status, body = await post(emulator, 999, {"content": "x"})
    assert (status, body["code"]) == (404, 10003)
