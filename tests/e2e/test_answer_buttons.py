"""The buttons under an answer: what if, compare, tips and save, and who may press them."""

from __future__ import annotations

import gc

import pytest

from bot.emulator.records import StoredMessage
from bot.emulator.server import EmulatedUser
from bot.local.harness import Harness
from bot.ui.answers import EstimateView
from bot.ui.history import HistoryView
from tests.e2e.support import (
    WHERE,
    bot_of,
    newcomer,
    no_mentions,
    run,
    with_chart,
    written,
)

# ----------------------------------------------------------------- buttons


async def _public_estimate(
    harness: Harness, where: str, name: str
) -> tuple[EmulatedUser, StoredMessage]:
    """An answer everyone in the channel sees, so others can press its buttons too."""
    user, place = await newcomer(harness, name, where)
    record = await run(
        harness,
        user,
        place,
        "estimate",
        {"role": "data scientist", "years": 3, "location": "US", "public": True},
    )
    return user, await with_chart(record)


@pytest.mark.parametrize("where", WHERE)
async def test_what_if_button_raises_the_level_and_shows_the_change(
    harness: Harness, where: str
) -> None:
    user, message = await _public_estimate(harness, where, "up")
    assert not message.ephemeral
    pressed = await harness.driver.press(user, message, "What if senior?")
    await pressed.wait_settled()
    answer = await with_chart(pressed)
    assert answer.id != message.id, "a new answer, the first one stays"
    assert not answer.ephemeral, "as public as the answer the button was on"
    assert answer.title == "Data Scientist · Senior (6-10 years) · United States"
    assert answer.headings()[1] == "What if: level"
    assert answer.section("What if").startswith("+")
    assert answer.buttons()[0]["label"] == "What if principal?"
    await with_chart(pressed)
    no_mentions(pressed.message)


@pytest.mark.parametrize("where", WHERE)
async def test_compare_and_tips_buttons_answer_for_the_same_person(
    harness: Harness, where: str
) -> None:
    user, message = await _public_estimate(harness, where, "buttons")
    roles = await harness.driver.press(user, message, "Compare roles")
    await roles.wait_settled()
    assert roles.message.title == "Roles compared · United States"
    assert "**Data Scientist**" in next(
        line for line in roles.message.section("Roles compared").splitlines() if "◀ you" in line
    )
    await with_chart(roles)
    tips = await harness.driver.press(user, message, "Tips for me")
    await tips.wait_settled()
    assert tips.message.title == "Raising your pay · Data Scientist · Mid · 3 years · United States"
    assert tips.message.section("Negotiating")


@pytest.mark.parametrize("where", WHERE)
async def test_save_button_stores_the_answer_as_the_profile(harness: Harness, where: str) -> None:
    user, message = await _public_estimate(harness, where, "saver")
    pressed = await harness.driver.press(user, message, "Save as my profile")
    await pressed.wait_settled()
    assert pressed.message.ephemeral and "Saved as your profile" in pressed.message.content
    profile = await bot_of(harness).store.profiles.get(user.id)
    assert profile is not None
    assert (profile.role, profile.years, profile.location) == ("data_scientist", 3, "US")


async def test_buttons_belong_to_the_asker(harness: Harness) -> None:
    _, message = await _public_estimate(harness, "guild", "owner")
    stranger = harness.server.add_user("stranger")
    for label in ("What if senior?", "Compare roles", "Tips for me", "Save as my profile"):
        pressed = await harness.driver.press(stranger, message, label)
        await pressed.wait_settled()
        assert pressed.message.ephemeral, label
        assert "someone else's answer" in pressed.message.content, label
    assert await bot_of(harness).store.profiles.get(stranger.id) is None
    assert await bot_of(harness).store.history.last(stranger.id) is None


@pytest.mark.parametrize("where", WHERE)
async def test_button_of_a_deleted_answer_gets_a_friendly_stale_message(
    harness: Harness, where: str
) -> None:
    user, message = await _public_estimate(harness, where, "stale")
    await (await written(harness, user.id)).delete_user(user.id)
    for label in ("Compare roles", "Save as my profile"):
        pressed = await harness.driver.press(user, message, label)
        await pressed.wait_settled()
        assert pressed.message.ephemeral
        assert "no longer stored" in pressed.message.content
        assert "Run the command again" in pressed.message.content
    assert await bot_of(harness).store.profiles.get(user.id) is None


@pytest.mark.parametrize("where", WHERE)
async def test_answer_buttons_hold_nothing_in_memory_and_keep_working(
    harness: Harness, where: str
) -> None:
    user, place = await newcomer(harness, "slowpoke", where)
    message = await with_chart(await run(harness, user, place, "estimate", {"role": "mle"}))
    listed = await run(harness, user, place, "history")
    # Their custom ids carry all they need: no view object outlives the answers.
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, EstimateView | HistoryView)]
    assert not any(b.get("disabled") for b in message.buttons())
    assert not listed.message.selects()[0].get("disabled")
    compared = await harness.driver.press(user, message, "Compare roles")
    await compared.wait_settled()
    assert compared.message.title.startswith("Roles compared")


async def test_buttons_on_a_private_answer_answer_privately(harness: Harness) -> None:
    user, place = await newcomer(harness, "private", "guild")
    message = await with_chart(await run(harness, user, place, "estimate", {"role": "mle"}))
    assert message.ephemeral
    for label in ("Tips for me", "What if senior?"):
        pressed = await harness.driver.press(user, message, label)
        await pressed.wait_settled()
        assert pressed.message.ephemeral, label
        assert pressed.message.components_v2, label
    await with_chart(pressed)
