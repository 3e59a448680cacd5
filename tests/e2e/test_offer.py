"""/offer check, /offer compare and the "Check this salary range" menu.

The offer form has its own module, test_offer_form.py.
"""

from __future__ import annotations

import re

import pytest

from bot.emulator.server import EmulatedUser, Place
from bot.flows.fill import fill_query
from bot.local.harness import Harness
from bot.salary.offer import percentile_of
from bot.salary.results import Percentiles
from bot.ui.offer import GONE, NOT_YOURS, SAVED, _held
from tests.e2e.support import (
    WHERE,
    Asker,
    bot_of,
    expects_private_in_guild,
    newcomer,
    no_mentions,
    place_for,
    run,
    with_chart,
)

SEATTLE = {"role": "mle", "level": "senior", "location": "seattle"}
OFFER = {"base": "185k", "bonus": "15%", "equity": "400k", "sign_on": "30k"}
MENU = "Check this salary range"


async def offer(harness: Harness, user: EmulatedUser, place: Place, **extra: object):
    record = await run(harness, user, place, "offer check", {**OFFER, **SEATTLE, **extra})
    await with_chart(record)
    return record


async def test_offer_check_places_the_base_and_tables_the_years(
    harness: Harness, asker: Asker
) -> None:
    record = await offer(harness, asker.user, asker.place)
    message = record.message
    assert message.ephemeral is (asker.where == "guild"), "private by default in servers"
    model = bot_of(harness).model
    band = model.estimate(fill_query(SEATTLE, None).query).base
    expected = percentile_of(185_000, band).label()
    assert f"**{expected}** for a senior Machine Learning Engineer in Seattle, WA" in (
        message.headline()
    )
    table = message.section("Year by year")
    assert "$343K" in table and table.count("$313K") == 3  # 185 + 27.75 + 100 + 30
    pays = message.section("What it pays")
    assert "First year **$343K**" in pays and "average over 4 years **$320K**" in pays
    assert "flat stock price" in message.section("Notes")
    assert message.section("Counter-offer").startswith("Why:")
    assert [b["label"] for b in message.buttons()] == [
        "Compare with another offer",
        "Save to history",
    ]
    assert "nothing is stored unless you save it" in message.footer
    assert message.files and message.files[0].data.startswith(b"\x89PNG")
    no_mentions(message)
    # Nothing of the offer is stored until the person saves it.
    assert await bot_of(harness).store.history.recent(asker.user.id) == []


async def test_save_to_history_stores_the_offer_and_export_and_delete_cover_it(
    harness: Harness,
) -> None:
    user, place = await newcomer(harness, "saver", "guild")
    message = (await offer(harness, user, place)).message
    other = harness.server.add_user("nosy")
    refused = await harness.driver.press(other, message, "Save to history")
    await refused.wait_settled()
    assert refused.message.ephemeral and refused.message.content == NOT_YOURS
    store = bot_of(harness).store
    assert await store.history.recent(user.id) == []

    saved = await harness.driver.press(user, message, "Save to history")
    await saved.wait_settled()
    assert saved.message.ephemeral and saved.message.content == SAVED
    (entry,) = await store.history.recent(user.id)
    assert entry.headline["command"] == "offer"
    (terms,) = entry.headline["offers"]
    assert (terms["base"], terms["bonus"], terms["equity"], terms["sign_on"]) == (
        185_000,
        27_750,
        400_000,
        30_000,
    )
    exported = await store.export_user(user.id)
    assert exported["history"][0]["headline"]["offers"][0]["base"] == 185_000
    await store.delete_user(user.id)
    assert (await store.export_user(user.id))["history"] == []


async def test_offer_buttons_after_the_offer_is_forgotten_say_so(harness: Harness) -> None:
    user = harness.server.add_user("late")
    place = harness.server.dm(user)
    message = (await offer(harness, user, place)).message
    _held.clear()  # as after a restart: unsaved offers live in memory only
    pressed = await harness.driver.press(user, message, "Save to history")
    await pressed.wait_settled()
    assert pressed.message.content == GONE
    assert await bot_of(harness).store.history.recent(user.id) == []


async def test_public_only_when_asked(harness: Harness) -> None:
    user, place = await newcomer(harness, "loud", "guild")
    record = await offer(harness, user, place, public=True)
    assert not record.message.ephemeral


async def test_offer_compare_says_which_wins_in_year_one_and_over_four_years(asker: Asker) -> None:
    offer_a = {f"a_{term}": amount for term, amount in OFFER.items()}
    offer_b = {"b_base": "200k", "b_bonus": "10%", "b_equity": "300k", "b_vesting": "5/15/40/40"}
    record = await asker.run("offer compare", {**offer_a, **offer_b, **SEATTLE})
    message = await with_chart(record)
    expects_private_in_guild(asker.where, message)
    # A: 342,750 then 312,750 x 3 = 1,281,000. B: 235k, 265k, 340k, 340k = 1,180,000.
    assert message.headline() == (
        "Year one: **Offer A** ($343K vs $235K). Over 4 years: **Offer A** ($1.3M vs $1.2M)."
    )
    assert "5/15/40/40" in message.section("Offer B")
    assert [b["label"] for b in message.buttons()] == ["Save to history"]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"base": "-5k"}, "base salary can't be negative"),
        ({"base": "6M"}, "over 5 million"),
        ({"base": "185k", "bonus": "600%"}, "over 500%"),
        ({"base": "185k", "vesting": "30/30/30"}, "adds up to 90%"),
        ({"base": "185k", "vesting": "50/50 3 year cliff"}, "longer than the 2-year schedule"),
        ({"base": "185k XYZ"}, "Unsupported currency 'XYZ'"),
        ({"base": "€185k", "currency": "USD"}, "in EUR but the currency asked is USD"),
        ({"base": "185k", "vesting": "nan"}, "Couldn't read the vesting schedule 'nan'"),
        ({"base": "185k", "vesting": "NaN/NaN"}, "Couldn't read the vesting schedule"),
        ({"base": "185k", "vesting": "50/nan"}, "Couldn't read the vesting schedule"),
        ({"base": "185k", "vesting": "-5/105"}, "vesting schedule can't be negative"),
    ],
)
async def test_bad_offers_get_a_private_error_naming_the_field(
    harness: Harness, options: dict[str, str], words: str
) -> None:
    user, place = await newcomer(harness, "typo", "guild")
    record = await run(harness, user, place, "offer check", {**SEATTLE, **options})
    message = record.message
    assert message.ephemeral and words in message.content, message.content
    assert "Traceback" not in message.content and len(message.content) < 300


@pytest.mark.parametrize("where", WHERE)
async def test_check_this_salary_range_on_a_posted_message(harness: Harness, where: str) -> None:
    poster = harness.server.add_user("recruiter")
    asker = harness.server.add_user("candidate")
    place = await place_for(harness, asker, where)
    posted = harness.server.post(
        poster if where == "guild" else asker,
        place,
        "Hiring a Senior Machine Learning Engineer in Seattle, $150K-$200K base @everyone",
    )
    record = await harness.driver.message_command(asker, place, MENU, posted)
    await record.wait_settled()
    message = record.message
    # Private to the person who asked: ephemeral in a server, and a DM is theirs alone.
    assert message.ephemeral is (where == "guild")
    band = bot_of(harness).model.estimate(fill_query(SEATTLE, None).query).base
    low, high = percentile_of(150_000, band).label(), percentile_of(200_000, band).label()
    assert message.headline() == (
        f"$150K-$200K runs from **{low}** to **{high}** for a senior Machine Learning "
        "Engineer in Seattle, WA."
    )
    assert "From the message: role, level, location." in message.section("Notes")
    no_mentions(message)
    assert await bot_of(harness).store.history.recent(asker.id) == []


async def test_check_this_salary_range_uses_the_profile_and_says_when_none_is_found(
    harness: Harness,
) -> None:
    user, place = await newcomer(harness, "profiled", "guild")
    await run(harness, user, place, "profile set", {"role": "data scientist", "location": "london"})
    posted = harness.server.post(user, place, "Role pays up to 90k GBP")
    record = await harness.driver.message_command(user, place, MENU, posted)
    await record.wait_settled()
    assert "for a Data Scientist in London, United Kingdom" in record.message.headline()
    assert "Up to £90K tops out at" in record.message.headline()

    nothing = harness.server.post(user, place, "We are hiring, come say hi!")
    empty = await harness.driver.message_command(user, place, MENU, nothing)
    await empty.wait_settled()
    assert empty.message.ephemeral and empty.message.content.startswith("I found no pay range")


async def test_the_menu_is_synced_as_a_message_command(harness: Harness) -> None:
    menus = [c for c in harness.server.global_commands if c.get("type") == 3]
    assert [c["name"] for c in menus] == [MENU]
    assert "options" not in menus[0] or not menus[0]["options"]


def band_for(harness: Harness, **person: str) -> Percentiles:
    return bot_of(harness).model.estimate(fill_query(person, None).query).base


@pytest.mark.parametrize(
    ("posted", "shown", "currency", "ends"),
    [
        ("Senior MLEs in Seattle, 70.000-90.000 EUR", "€70K-€90K", "EUR", (70e3, 90e3)),
        ("Senior MLE in Seattle: 70 000–90 000 €", "€70K-€90K", "EUR", (70e3, 90e3)),
        ("Senior MLE in Seattle: **$150k**-**$200k** base", "$150K-$200K", "USD", (150e3, 200e3)),
        ("Senior MLE in Seattle: ＄１５０ｋ－＄２００ｋ", "$150K-$200K", "USD", (150e3, 200e3)),
    ],
)
async def test_check_this_salary_range_reads_european_and_decorated_formats(
    harness: Harness, posted: str, shown: str, currency: str, ends: tuple[float, float]
) -> None:
    user, place = await newcomer(harness, "european", "guild")
    message_posted = harness.server.post(user, place, posted)
    record = await harness.driver.message_command(user, place, MENU, message_posted)
    await record.wait_settled()
    message = record.message
    assert message.components_v2, message.content
    band = band_for(harness, **SEATTLE, currency=currency)
    low, high = (percentile_of(end, band).label() for end in ends)
    assert message.headline() == (
        f"{shown} runs from **{low}** to **{high}** for a senior Machine Learning "
        "Engineer in Seattle, WA."
    )
    assert "From the message: role, level, location." in message.section("Notes")


async def test_check_this_salary_range_reads_a_plural_role(harness: Harness) -> None:
    user = harness.server.add_user("plural")
    place = harness.server.dm(user)
    posted = harness.server.post(user, place, "We're hiring MLEs in Seattle, $150k-$200k")
    record = await harness.driver.message_command(user, place, MENU, posted)
    await record.wait_settled()
    assert "for a Machine Learning Engineer in Seattle, WA" in record.message.headline()
    assert "From the message: role, location." in record.message.section("Notes")


@pytest.mark.parametrize(
    "posted",
    ["Pays $1-$999999999999", "Senior MLE, $150k-$" + "9" * 400, "up to $" + "9" * 40],
)
async def test_an_absurd_range_is_refused_kindly(harness: Harness, posted: str) -> None:
    user, place = await newcomer(harness, "absurd", "guild")
    message_posted = harness.server.post(user, place, posted)
    record = await harness.driver.message_command(user, place, MENU, message_posted)
    await record.wait_settled()
    message = record.message
    assert message.ephemeral and not message.components_v2
    assert "runs past 5 million a year" in message.content, message.content
    assert "∞" not in message.content and len(message.content) < 300


_SAID_AMOUNT = re.compile(r"\$(\d+(?:\.\d+)?)([KM]?)")
_SAID_RANGE = re.compile(r"(\$[\d.]+[KM]?)-(\$[\d.]+[KM]?)")


def dollars(said: str) -> float:
    number, unit = _SAID_AMOUNT.fullmatch(said).groups()  # type: ignore[union-attr]
    return float(number) * {"": 1, "K": 1e3, "M": 1e6}[unit]


@pytest.mark.parametrize("base", ["150k", "185k", "240k", "270k", "300k"])
async def test_the_counter_offer_asks_what_its_reason_and_script_argue_for(
    harness: Harness, base: str
) -> None:
    user = harness.server.add_user("negotiator")
    message = (await offer(harness, user, harness.server.dm(user), base=base)).message
    (name,) = [h for h in message.headings() if h.startswith("Counter-offer")]
    heading = re.fullmatch(
        r"Counter-offer: ask for (\$[\d.]+[KM]?) base \((P\d+|above P90)\)", name
    )
    assert heading is not None, name
    ask, label = heading.groups()
    why, script = message.section(name).split("\n")
    # The reason names the ask and where it falls, as the heading does.
    assert f"{ask}, {label}" in why, why
    assert script.endswith(f'Could we move my base to {ask}?"'), script
    # The script argues for no more than it asks: any range it quotes holds the ask, and
    # no other amount is above it.
    ranges = _SAID_RANGE.findall(script)
    for low, high in ranges:
        assert dollars(low) <= dollars(ask) <= dollars(high), (ranges, ask)
    outside = _SAID_RANGE.sub("", script)
    assert all(dollars(said) <= dollars(ask) for said in re.findall(r"\$[\d.]+[KM]?", outside))
    if base in ("150k", "185k"):
        # Far under the strong range: the ask stops at 15% over the offer, and says so.
        assert "capped at 15% over it" in why
        assert f"{ask} would be about the {label.removeprefix('P')}" in script


async def test_a_base_above_the_band_is_not_told_to_ask_for_itself(harness: Harness) -> None:
    user = harness.server.add_user("rich")
    message = (await offer(harness, user, harness.server.dm(user), base="5M")).message
    (name,) = [h for h in message.headings() if h.startswith("Counter-offer")]
    assert name == "Counter-offer: keep the base, ask for a larger sign-on or grant"
    assert "sign-on bonus or grant instead" in message.section(name)


@pytest.mark.parametrize(
    ("person", "words"),
    [
        ({**SEATTLE, "level": "entry"}, "for an entry Machine Learning Engineer in Seattle, WA"),
        ({"role": "ai engineer", "location": "seattle"}, "for an AI Engineer in Seattle, WA"),
        ({**SEATTLE, "level": "mid"}, "for a mid Machine Learning Engineer in Seattle, WA"),
    ],
)
async def test_the_person_is_named_with_the_right_article(
    harness: Harness, person: dict[str, str], words: str
) -> None:
    user = harness.server.add_user("grammar")
    record = await run(harness, user, harness.server.dm(user), "offer check", {**OFFER, **person})
    message = await with_chart(record)
    assert words in message.headline(), message.headline()
    assert words.replace("for a", "For a") in message.section("Counter-offer")
