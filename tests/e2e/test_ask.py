"""Questions in plain words: DMs to the bot and mentions of it, answered as message replies."""

from __future__ import annotations

import asyncio

from bot.emulator.channel_messages import PostedMessage
from bot.emulator.records import StoredMessage
from bot.emulator.server import EmulatedUser, Place
from bot.local.harness import Harness
from bot.render.ask import ASK_PRIVATELY, HELP_LINE, NOTHING_TO_CHANGE
from tests.e2e.support import bot_of, place_for, run, written


async def reply_to(posted: PostedMessage) -> StoredMessage:
    message = await posted.wait_reply()
    assert message.payload["message_reference"]["message_id"] == str(posted.id)
    assert message.payload["type"] == 19, "sent as a reply to the question"
    # Pings nobody: not the person it replies to, nor anyone its words name.
    assert message.request["allowed_mentions"] == {"parse": [], "replied_user": False}
    return message


async def mentioned(harness: Harness, user: EmulatedUser, place: Place, text: str) -> StoredMessage:
    """The bot's reply to `text` posted in `place` with the bot mentioned."""
    return await reply_to(await harness.driver.send_message(user, place, text, mention_bot=True))


async def career_server(harness: Harness) -> tuple[Place, Place]:
    """A server whose admin opened public answers in #careers only."""
    admin = harness.server.add_user("admin", admin=True)
    general = await place_for(harness, admin, "guild", channels=("general", "careers"))
    careers = harness.server.in_guild(harness.server.guilds[general.guild_id or 0], 1)
    await run(harness, admin, general, "settings", {"career_channel": careers.channel_id})
    return general, careers


async def test_a_dm_in_plain_words_gets_the_band_it_asks_for(harness: Harness) -> None:
    user = harness.server.add_user("newcomer")
    answer = await reply_to(await harness.driver.send_dm(user, "senior ml engineer in berlin?"))
    title = answer.title
    assert title.startswith("Machine Learning Engineer · Senior") and "Berlin" in title
    assert "€" in answer.section("Base band"), "in euros, Berlin's currency"
    assert "Default: role" not in answer.text(), "the role came from the words"
    assert answer.files, "the chart goes with the answer"


async def test_a_reply_changes_that_answer_and_says_from_where(harness: Harness) -> None:
    user = harness.server.add_user("follower")
    first = await reply_to(await harness.driver.send_dm(user, "senior ml engineer in berlin?"))
    second = await reply_to(await harness.driver.send_dm(user, "and in munich?", reply_to=first))
    assert second.card_texts()[0] == "From your estimate for Berlin: location Berlin → Munich."
    assert "Munich" in second.title and "Senior" in second.title
    assert second.section("Change")
    third = await reply_to(await harness.driver.send_dm(user, "in USD", reply_to=second))
    assert third.card_texts()[0] == "From your estimate for Munich: currency EUR → USD."
    assert third.section("Change") == "The same pay, shown in USD."


async def test_an_offer_in_plain_words_gets_an_offer_check(harness: Harness) -> None:
    user = harness.server.add_user("offered")
    posted = await harness.driver.send_dm(user, "is 185k base fair for a senior mle in seattle")
    answer = await reply_to(posted)
    assert answer.title.startswith("Offer check · Machine Learning Engineer · Senior")
    assert "$185K" in answer.headline()
    assert answer.section("Counter-offer")
    moved = await reply_to(
        await harness.driver.send_dm(user, "what about austin?", reply_to=answer)
    )
    assert moved.card_texts()[0].startswith(
        "From your offer check for Seattle: location Seattle → Austin"
    )
    assert "$185K" in moved.headline(), "the same offer, weighed elsewhere"


async def test_a_dm_asking_nothing_gets_one_help_line(harness: Harness) -> None:
    user = harness.server.add_user("greeter")
    answer = await reply_to(await harness.driver.send_dm(user, "hello"))
    assert answer.content == HELP_LINE
    await (await harness.driver.send_dm(user, "hello?")).no_reply()


async def test_a_mention_in_the_career_channel_is_answered_there(harness: Harness) -> None:
    _, careers = await career_server(harness)
    user = harness.server.add_user("member")
    answer = await mentioned(
        harness, user, careers, "is 185k base fair for a senior MLE in Seattle?"
    )
    assert answer.payload["channel_id"] == str(careers.channel_id)
    assert answer.title.startswith("Offer check")


async def test_a_mention_elsewhere_only_points_to_the_private_ways(harness: Harness) -> None:
    general, _ = await career_server(harness)
    user = harness.server.add_user("member")
    answer = await mentioned(harness, user, general, "senior mle in berlin, 185k?")
    assert answer.content == ASK_PRIVATELY
    assert not answer.components_v2 and "185" not in answer.text()


async def test_other_channel_messages_reach_the_bot_without_their_text(harness: Harness) -> None:
    _, careers = await career_server(harness)
    user = harness.server.add_user("chatty")
    posted = await harness.driver.send_message(user, careers, "senior mle in berlin?")
    assert posted.delivered is not None and posted.delivered["content"] == ""
    await posted.no_reply()
    dm = await harness.driver.send_dm(user, "thanks")
    assert dm.delivered is not None and dm.delivered["content"] == "thanks"


async def test_a_dm_answer_is_in_history_export_and_delete(harness: Harness) -> None:
    user = harness.server.add_user("keeper")
    answer = await reply_to(await harness.driver.send_dm(user, "data scientist in toronto, 5 yrs"))
    store = await written(harness, user.id)
    entry = await store.history.get(user.id, answer.id)
    assert entry is not None
    assert entry.query == {"role": "data_scientist", "years": 5, "location": "ca-toronto"}
    assert entry.headline["command"] == "estimate"
    dm = harness.server.dm(user)
    exported = await run(harness, user, dm, "profile export")
    assert exported.message.files and b"ca-toronto" in exported.message.files[0].data
    await bot_of(harness).store.delete_user(user.id)
    assert await bot_of(harness).store.history.recent(user.id) == []


async def test_a_flood_is_refused_politely_once(harness: Harness) -> None:
    user = harness.server.add_user("flooder")
    sent = [await harness.driver.send_dm(user, f"mle in berlin with {n} years") for n in range(12)]

    def replies() -> list[StoredMessage]:
        return [reply for posted in sent for reply in posted.replies]

    # Messages are answered concurrently, so which one spends the last token is not fixed.
    waiting = {asyncio.ensure_future(posted.wait_reply(timeout=30)) for posted in sent}
    while len(sent) - len(waiting) < 11:
        done, waiting = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()
    await asyncio.sleep(0.5)
    for task in waiting:
        task.cancel()
    answered = replies()
    assert len(answered) == 11, "one polite refusal, then silence"
    refusals = [r for r in answered if r.content.startswith("Easy there: try again in")]
    assert len(refusals) == 1
    assert all(reply.components_v2 for reply in answered if reply not in refusals)
    for posted in sent:
        for reply in posted.replies:
            assert reply.payload["message_reference"]["message_id"] == str(posted.id)


async def test_the_profile_fills_in_privately_and_in_public_only_when_asked_for_oneself(
    harness: Harness,
) -> None:
    _, careers = await career_server(harness)
    user = harness.server.add_user("profiled")
    await run(harness, user, harness.server.dm(user), "profile set", {"location": "toronto"})
    private = await reply_to(await harness.driver.send_dm(user, "data scientist?"))
    assert "Toronto" in private.title
    assert "From your profile: location." in private.text()
    public = await mentioned(harness, user, careers, "data scientist?")
    assert "Toronto" not in public.text(), "nobody asked for the profile out loud"
    own = await mentioned(harness, user, careers, "what should I earn as a data scientist?")
    assert "Toronto" in own.title


async def test_what_could_not_be_read_is_named_with_a_way_to_say_it(harness: Harness) -> None:
    user = harness.server.add_user("typo")
    answer = await reply_to(await harness.driver.send_dm(user, "senior mle in Seatle"))
    # Said first on the card, above the answer to what could be read.
    lead = answer.card_texts()[0]
    assert "“Seatle”" in lead and "Seattle, WA" in lead
    assert "`/estimate location:`" in lead


async def test_bots_and_the_bot_itself_are_not_answered(harness: Harness) -> None:
    robot = EmulatedUser(harness.server.ids.next(), "robot")
    bot_payload = {**robot.payload, "bot": True}
    posted = await harness.server.channel_messages.say(
        bot_payload, harness.server.dm(robot).channel_id, "senior mle in berlin"
    )
    await posted.no_reply()


async def test_two_roles_or_two_places_are_compared(harness: Harness) -> None:
    user = harness.server.add_user("comparer")
    roles = await reply_to(await harness.driver.send_dm(user, "mle vs data scientist in austin"))
    assert roles.title.startswith("Roles compared")
    assert "Data Scientist" in roles.text() and "Software Engineer" not in roles.text()
    places = await reply_to(await harness.driver.send_dm(user, "senior mle: london or paris?"))
    assert places.title.startswith("Places compared")
    assert "London" in places.text() and "Paris" in places.text()
    store = await written(harness, user.id)
    entry = await store.history.get(user.id, places.id)
    assert entry is not None and entry.headline["places"] == ["gb-london", "fr-paris"]


async def test_a_quoted_range_gets_a_range_check(harness: Harness) -> None:
    user = harness.server.add_user("ranger")
    answer = await reply_to(
        await harness.driver.send_dm(user, "posting says $150k-$200k for senior mle nyc")
    )
    assert answer.title == "Salary range check"
    assert "New York" in answer.headline()


async def test_a_reply_to_a_command_answer_changes_it_too(harness: Harness) -> None:
    user = harness.server.add_user("commander")
    dm = harness.server.dm(user)
    record = await run(
        harness, user, dm, "estimate", {"role": "data scientist", "location": "berlin"}
    )
    await written(harness, user.id)
    moved = await reply_to(
        await harness.driver.send_dm(user, "what about senior?", reply_to=record.message)
    )
    assert moved.card_texts()[0].startswith("From your estimate for Berlin: level — → Senior")
    assert "Data Scientist · Senior" in moved.title


async def test_someone_elses_answer_is_not_changed(harness: Harness) -> None:
    _, careers = await career_server(harness)
    asker, other = harness.server.add_user("asker"), harness.server.add_user("other")
    first = await reply_to(
        await harness.driver.send_message(
            user=asker, place=careers, text="mle in berlin", mention_bot=True
        )
    )
    answer = await reply_to(
        await harness.driver.send_message(other, careers, "and in paris?", reply_to=first)
    )
    assert answer.content == NOTHING_TO_CHANGE, "another person's answer is theirs"
