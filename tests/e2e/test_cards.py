"""Answers as cards end to end: one V2 message holding the text, the chart and the buttons."""

from __future__ import annotations

import pytest

from bot.local.harness import Harness
from bot.ui import offer as offer_ui
from tests.e2e.support import WHERE, newcomer, run, with_chart

SEATTLE = {"role": "mle", "level": "senior", "location": "seattle"}


@pytest.mark.parametrize("where", WHERE)
async def test_every_band_answer_is_one_card_with_nothing_beside_it(
    harness: Harness, where: str
) -> None:
    user, place = await newcomer(harness, "reader", where)
    for command, options in [
        ("estimate", SEATTLE),
        ("compare roles", SEATTLE),
        ("compare locations", {"role": "mle", "level": "senior", "places": "austin, berlin"}),
        ("tips", SEATTLE),
        ("offer check", {**SEATTLE, "base": "185k"}),
        ("offer compare", {**SEATTLE, "a_base": "185k", "b_base": "200k"}),
    ]:
        record = await run(harness, user, place, command, options)
        message = record.message
        assert message.components_v2, command
        assert not message.content and not message.embeds, command
        (container,) = message.payload["components"]
        assert container["type"] == 17, "one card"
        if message.files:
            # Every file the answer carries is shown inside the card.
            assert message.media() == [f"attachment://{f.filename}" for f in message.files]
        assert message.footer, "where the figures come from closes the card"


async def test_offer_buttons_grey_out_in_place_and_the_card_stays_whole(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(offer_ui, "VIEW_TIMEOUT_S", 0.3)
    user = harness.server.add_user("waiter")
    place = harness.server.dm(user)
    record = await run(harness, user, place, "offer check", {**SEATTLE, "base": "185k"})
    message = await with_chart(record)
    text, media = message.card_text(), message.media()
    assert len(message.buttons()) == 2 and not any(b.get("disabled") for b in message.buttons())
    await record.wait_for(lambda r: all(b.get("disabled") for b in r.message.buttons()), timeout=10)
    # A V2 edit sends the whole card: its words and chart come back with the buttons off.
    assert record.message.card_text() == text and record.message.media() == media
    assert record.message.files, "the chart it names is still attached"
