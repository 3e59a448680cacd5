"""What is left of a person after they delete their shares, or everything, end to end."""

from __future__ import annotations

import json
from typing import Any

from bot.emulator.server import EmulatedUser, Place
from bot.local.harness import Harness
from tests.e2e.support import bot_of, newcomer, run
from tests.e2e.test_share import JOB, PAY, share


async def exported(harness: Harness, user: EmulatedUser, place: Place) -> dict[str, Any]:
    record = await run(harness, user, place, "profile export")
    (file,) = record.message.files
    data: dict[str, Any] = json.loads(file.data)
    return data


async def rows_about(harness: Harness, user: EmulatedUser) -> dict[str, int]:
    """Rows still keyed by the person's id or pseudonym, per table."""
    store = bot_of(harness).store
    person = store.community.pseudonyms.of(user.id)
    found = {}
    for table, column, key in [
        ("budgets", "user_id", user.id),
        ("community_pay", "person", person),
        ("community_pay_quota", "person", person),
    ]:
        row = await store.backend.read_one(
            f"SELECT count(*) AS n FROM {table} WHERE {column} = ?", (key,)
        )
        assert row is not None
        found[table] = int(row["n"])
    return found


async def test_deleting_every_share_leaves_no_count_in_the_export(harness: Harness) -> None:
    user, place = await newcomer(harness, "unsharer", "guild")
    await share(harness, user, place)
    before = (await exported(harness, user, place))["community_pay"]
    assert len(before["submissions"]) == 1 and before["submissions_per_day"][0]["used"] == 1

    removed = await run(harness, user, place, "share delete", {"everything": True})
    assert removed.message.ephemeral

    after = (await exported(harness, user, place))["community_pay"]
    assert after == {"submissions": [], "submissions_per_day": []}
    # The deleted share still counts toward the day's limit, the deleted one included.
    for year in ("2025", "2024"):
        await share(harness, user, place, {**PAY, "Year of the figure": year})
    fourth = await share(harness, user, place, {**PAY, "Year of the figure": "2023"})
    assert str(fourth.message.content).startswith("You have shared 3 times today")
    assert len((await exported(harness, user, place))["community_pay"]["submissions"]) == 2


async def test_delete_everything_leaves_no_row_keyed_by_the_person(harness: Harness) -> None:
    user, place = await newcomer(harness, "leaver", "guild")
    await share(harness, user, place)
    await run(harness, user, place, "estimate", JOB)
    await run(harness, user, place, "share delete", {"everything": True})

    asked = await run(harness, user, place, "profile delete")
    pressed = await harness.driver.press(user, asked.message, "Delete everything")
    await pressed.wait_settled()

    assert await rows_about(harness, user) == {
        "budgets": 0,
        "community_pay": 0,
        "community_pay_quota": 0,
    }
