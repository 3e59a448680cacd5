"""/settings and who sees an answer: private by default, public where the server allows it."""

from __future__ import annotations

from bot.emulator.server import Place
from bot.local.harness import Harness
from tests.e2e.support import bot_of, field, newcomer, place_for, run


async def _server_with_career_channel(harness: Harness) -> tuple[Place, Place]:
    admin = harness.server.add_user("admin", admin=True)
    general = await place_for(harness, admin, "guild", channels=("general", "careers"))
    guild = harness.server.guilds[general.guild_id or 0]
    careers = harness.server.in_guild(guild, channel_index=1)
    saved = await run(
        harness,
        admin,
        general,
        "settings",
        {"public_answers": True, "career_channel": careers.channel_id},
    )
    assert saved.message.ephemeral and saved.message.content == "Saved."
    assert field(saved.message, "Answers by default") == "public"
    assert field(saved.message, "Public answers allowed in") == f"<#{careers.channel_id}>"
    return general, careers


async def test_settings_needs_manage_server_and_says_so_kindly(harness: Harness) -> None:
    member = harness.server.add_user("member")
    place = await place_for(harness, member, "guild")
    record = await run(harness, member, place, "settings", {"public_answers": True})
    message = record.message
    assert message.ephemeral
    assert message.content == "This needs the Manage Server permission in this server."
    settings = await bot_of(harness).store.guilds.get(place.guild_id or 0)
    assert settings.public_answers is False, "nothing changed"


async def test_settings_without_options_shows_the_current_ones(harness: Harness) -> None:
    admin = harness.server.add_user("boss", admin=True)
    place = await place_for(harness, admin, "guild")
    record = await run(harness, admin, place, "settings")
    assert record.message.content == "Current settings:"
    assert field(record.message, "Answers by default") == "private"
    assert field(record.message, "Public answers allowed in") == "any channel"


async def test_settings_in_a_dm_is_server_only(harness: Harness) -> None:
    commands = {c["name"]: c for c in harness.server.global_commands}
    assert commands["settings"]["contexts"] == [0], "not offered where it cannot work"
    user = harness.server.add_user("dm", admin=True)
    record = await run(harness, user, harness.server.dm(user), "settings", {"public_answers": True})
    assert record.message.ephemeral
    assert record.message.content == "This works in a server only."


async def test_answers_are_private_by_default_in_a_server(harness: Harness) -> None:
    user, place = await newcomer(harness, "quiet", "guild")
    for command in ("estimate", "tips", "compare roles"):
        record = await run(harness, user, place, command, {"role": "mle"})
        assert record.message.ephemeral, command
        assert "private" not in record.message.text(), "no note when nobody asked for public"


async def test_public_answers_only_in_the_career_channel(harness: Harness) -> None:
    general, careers = await _server_with_career_channel(harness)
    user = harness.server.add_user("asker")

    there = await run(harness, user, careers, "estimate", {"role": "mle"})
    assert not there.message.ephemeral
    assert there.message.card_texts()[0].startswith("### "), "no note above the answer"

    elsewhere = await run(harness, user, general, "estimate", {"role": "mle"})
    assert elsewhere.message.ephemeral
    assert elsewhere.message.card_texts()[0] == (
        f"Public answers go in <#{careers.channel_id}> on this server; this one is private."
    )

    # The user's own wish for privacy wins over the server's default.
    kept = await run(harness, user, careers, "tips", {"public": False})
    assert kept.message.ephemeral and kept.message.content == ""


async def test_a_saved_private_preference_wins_over_a_public_server(harness: Harness) -> None:
    _, careers = await _server_with_career_channel(harness)
    user = harness.server.add_user("shy")
    await run(harness, user, careers, "profile set", {"public": False})
    record = await run(harness, user, careers, "compare roles", {"role": "mle"})
    assert record.message.ephemeral
    asked = await run(harness, user, careers, "estimate", {"role": "mle", "public": True})
    assert not asked.message.ephemeral, "the command's option wins over the saved preference"


async def test_community_features_off_keeps_everything_private(harness: Harness) -> None:
    admin = harness.server.add_user("strict", admin=True)
    place = await place_for(harness, admin, "guild")
    await run(harness, admin, place, "settings", {"community_features": False})
    record = await run(harness, admin, place, "estimate", {"public": True})
    assert record.message.ephemeral
    assert record.message.card_texts()[0] == "This server keeps salary answers private."


async def test_clearing_the_career_channel_allows_public_answers_anywhere(
    harness: Harness,
) -> None:
    general, _ = await _server_with_career_channel(harness)
    admin = harness.server.add_user("admin2", admin=True)
    await run(harness, admin, general, "settings", {"clear_career_channel": True})
    record = await run(harness, admin, general, "estimate", {"role": "mle"})
    assert not record.message.ephemeral
