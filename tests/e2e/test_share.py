"""/share end to end: the form, the confirmation, the Community line, pools, limits, privacy."""

from __future__ import annotations

from pathlib import Path

from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatedUser, Place
from bot.local.harness import Harness
from bot.render.community import COMMUNITY_FIELD
from bot.salary.currency import CURRENCIES
from db.encoding import now
from tests.e2e.support import bot_of, field, newcomer, place_for, run, submit_forged

JOB = {"role": "ml_engineer", "level": "senior", "location": "seattle"}
PAY = {"Base salary per year": "190k", "Bonus per year": "20k", "Equity per year": "40k"}


async def share(
    harness: Harness, user: EmulatedUser, place: Place, pay: dict[str, str] | None = None
) -> InteractionRecord:
    """Fill the form and press Share; the record of the confirmation (or of an error)."""
    opened = await run(harness, user, place, "share add", JOB)
    if opened.response_type != 9:
        return opened
    submitted = await harness.driver.submit_modal(user, place, opened.modal, pay or PAY)
    await submitted.wait_settled()
    if not submitted.message.buttons():
        return submitted
    pressed = await harness.driver.press(user, submitted.message, "Share anonymously")
    return await pressed.wait_settled()


def community(record: InteractionRecord) -> str | None:
    """The community section of an answer's card, None when it has none."""
    if COMMUNITY_FIELD not in record.message.headings():
        return None
    return record.message.section(COMMUNITY_FIELD)


async def estimate(harness: Harness, user: EmulatedUser, place: Place) -> InteractionRecord:
    return await run(harness, user, place, "estimate", JOB)


async def test_five_people_make_a_community_line_four_do_not(
    harness: Harness, tmp_path: Path
) -> None:
    people = [harness.server.add_user(f"member{i}") for i in range(5)]
    place = await place_for(harness, people[0], "guild")
    opened = await run(harness, people[0], place, "share add", JOB)
    preview = await harness.driver.submit_modal(people[0], place, opened.modal, PAY)
    await preview.wait_settled()
    stored = field(preview.message, "What will be stored")
    assert "Base $190K · bonus $20K · equity per year $40K (USD)" in stored
    assert "Machine Learning Engineer · Senior" in stored and preview.message.ephemeral
    assert "keyed hash" in field(preview.message, "Anonymous")
    assert await bot_of(harness).store.community.mine(people[0].id) == [], "nothing before OK"
    done = await harness.driver.press(people[0], preview.message, "Share anonymously")
    assert (await done.wait_settled()).message.content == "Shared anonymously, thank you."

    for person in people[1:4]:
        await share(harness, person, place)
    assert community(await estimate(harness, people[0], place)) is None, "four people"

    await share(harness, people[4], place, {**PAY, "Base salary per year": "230k"})
    line = community(await estimate(harness, people[0], place))
    assert line is not None
    assert line.startswith("This server's members: base P25–P75 $190K–$190K")
    assert "5 people, 2026" in line and "never mixed into it" in line
    compared = await run(harness, people[0], place, "compare roles", JOB)
    assert community(compared) is not None, "/compare shows it too"

    # Somewhere else, nobody shared: no line.
    elsewhere = await place_for(harness, people[0], "guild")
    assert community(await estimate(harness, people[0], elsewhere)) is None

    removed = await run(harness, people[4], place, "share delete", {"everything": True})
    assert removed.message.content == "Removed 1 shared figure."
    assert community(await estimate(harness, people[0], place)) is None, "back to four"

    database = bot_of(harness).config.database_path
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    # people[0] asked for estimates, which /history keeps under their id; the others only
    # shared, and no form of their id is anywhere in the files.
    for file in files:
        data = file.read_bytes()
        for person in people[1:]:
            assert str(person.id).encode() not in data, file.name
            assert person.id.to_bytes(8, "big") not in data, file.name
            assert person.id.to_bytes(8, "little") not in data, file.name


async def test_replace_mine_export_and_profile_delete(harness: Harness) -> None:
    user, place = await newcomer(harness, "sharer", "guild")
    await share(harness, user, place)
    again = await share(harness, user, place, {**PAY, "Base salary per year": "200k"})
    assert again.message.content == "Shared anonymously: it replaces what you shared for 2026."
    mine = await run(harness, user, place, "share mine")
    fields = mine.message.embed["fields"]
    assert len(fields) == 1 and "Base $200K" in fields[0]["value"] and mine.message.ephemeral
    exported = await bot_of(harness).store.export_user(user.id)
    assert exported["community_pay"]["submissions"][0]["base"] == 200_000.0
    wiped = await bot_of(harness).store.delete_user(user.id)
    assert wiped["community_pay"] == 1
    empty = await run(harness, user, place, "share mine")
    assert "Nothing shared yet" in empty.message.embed["description"]


async def test_the_shared_pool_needs_both_servers_to_opt_in(harness: Harness) -> None:
    admin = harness.server.add_user("admin", admin=True)
    first = await place_for(harness, admin, "guild")
    second = await place_for(harness, admin, "guild")
    for i in range(5):
        await share(harness, harness.server.add_user(f"a{i}"), first)
    for i in range(5):
        await share(harness, harness.server.add_user(f"b{i}"), second)
    before = community(await estimate(harness, admin, first))
    assert before is not None and before.startswith("This server's members")
    saved = await run(harness, admin, first, "settings", {"shared_pool": True})
    assert field(saved.message, "Pay pool") == "shared with opted-in servers"
    alone = community(await estimate(harness, admin, first))
    assert alone is not None and "5 people" in alone, "the other server has not opted in"
    await run(harness, admin, second, "settings", {"shared_pool": True})
    both = community(await estimate(harness, admin, first))
    assert both is not None and both.startswith("Members of 2 servers") and "10 people" in both


async def test_abuse_limits_and_admin_review(harness: Harness) -> None:
    admin = harness.server.add_user("mod", admin=True)
    place = await place_for(harness, admin, "guild")
    user = harness.server.add_user("eager")
    held = await share(harness, user, place, {**PAY, "Base salary per year": "9m"})
    assert "held back from the pool for review" in str(held.message.content)
    for year in ("2025", "2024"):
        await share(harness, user, place, {**PAY, "Year of the figure": year})
    fourth = await share(harness, user, place, {**PAY, "Year of the figure": "2023"})
    assert str(fourth.message.content).startswith("You have shared 3 times today")
    member = await run(harness, user, place, "share review")
    assert member.message.content == "This needs the Manage Server permission in this server."
    review = await run(harness, admin, place, "share review")
    assert "2 pooled, 1 held back" in str(review.message.embed["description"])
    held_list = field(review.message, "Held back")
    assert "far above" in held_list and "eager" not in str(review.message.embed)
    number = held_list.split()[0].lstrip("#")
    gone = await run(harness, admin, place, "share remove", {"submission": int(number)})
    assert gone.message.content == f"Removed held-back submission #{number}."
    await run(harness, admin, place, "settings", {"pay_sharing": False})
    off = await run(harness, user, place, "share add", JOB)
    assert (
        off.message.content == "This server has turned pay sharing off." and off.message.ephemeral
    )


async def test_share_form_types_amounts_and_picks_year_and_currency(harness: Harness) -> None:
    user, place = await newcomer(harness, "picky", "guild")
    opened = await run(harness, user, place, "share add", {**JOB, "location": "berlin"})
    form = opened.form()
    assert [form[name].kind for name in form] == [4, 4, 4, 3, 3]
    this_year = str(now().year)
    years = [option["value"] for option in form["Year of the figure"].options]
    assert (
        years[0] == this_year
        and years[-1] == "2020"
        and form["Year of the figure"].shown == [this_year]
    )
    currencies = form["Currency"].options
    # The currency answers are given in comes first and is picked; every option has a rate.
    assert currencies[0]["label"] == "EUR: Euro" and form["Currency"].shown == ["EUR"]
    assert len(currencies) <= 25 and {o["value"] for o in currencies} <= set(CURRENCIES)
    assert "USD" in {o["value"] for o in currencies}
    preview = await harness.driver.submit_modal(
        user,
        place,
        opened.modal,
        {**PAY, "Currency": "GBP: British Pound", "Year of the figure": "2024"},
    )
    await preview.wait_settled()
    stored = field(preview.message, "What will be stored")
    assert "(GBP)" in stored and "2024" in stored, stored
    # Nothing picked reads as before: this year, in the currency answers are in.
    opened = await run(harness, user, place, "share add", {**JOB, "location": "berlin"})
    blank = await harness.driver.submit_modal(
        user, place, opened.modal, {**PAY, "Currency": "", "Year of the figure": ""}
    )
    await blank.wait_settled()
    stored = field(blank.message, "What will be stored")
    assert "(EUR)" in stored and this_year in stored, stored


async def test_bad_input_gets_a_clear_private_message_per_field(harness: Harness) -> None:
    user, place = await newcomer(harness, "typo", "guild")
    typed = {
        "Base salary per year": ("lots", "Couldn't read 'lots' as an amount for base"),
        "Bonus per year": ("-3", "Couldn't read '-3' as an amount for bonus"),
        "Equity per year": ("x", "Couldn't read 'x' as an amount for equity"),
    }
    for label, (text, message) in typed.items():
        answer = await share(harness, user, place, {**PAY, label: text})
        assert str(answer.message.content).startswith(message), (label, answer.message.content)
        assert answer.message.ephemeral
    # The year and currency lists take only what they offer; a modified client is told so.
    for label, sent in (
        ("Year of the figure", ["1999"]),
        ("Year of the figure", ["2030"]),
        ("Currency", ["doubloons"]),
    ):
        opened = await run(harness, user, place, "share add", JOB)
        answer = await submit_forged(harness, user, place, opened.modal, PAY, label, sent)
        assert answer.message.ephemeral
        assert str(answer.message.content).startswith(
            f"{label} came back with a choice the form did not offer"
        ), answer.message.content
    missing = await run(harness, user, place, "share add", {"role": "ml_engineer"})
    assert str(missing.message.content).startswith("To share pay, say your level or years")
    dm = await run(harness, user, harness.server.dm(user), "share add", JOB)
    assert dm.message.content == "This works in a server only."
    assert await bot_of(harness).store.community.mine(user.id) == []
