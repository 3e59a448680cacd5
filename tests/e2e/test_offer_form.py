"""The offer form: amounts typed, the vesting schedule picked, from /offer check, the
"Check an offer" button under an estimate and "Compare with another offer"."""

from __future__ import annotations

import pytest

from bot.emulator.driver import UsageError
from bot.local.harness import Harness
from tests.e2e.support import (
    Asker,
    bot_of,
    expects_private_in_guild,
    newcomer,
    run,
    submit_forged,
    with_chart,
)
from tests.e2e.test_offer import SEATTLE, offer

OFFER_BOXES = ("Base salary (per year)", "Target bonus", "Equity grant (whole grant)")


async def test_offer_check_without_amounts_opens_the_form(harness: Harness, asker: Asker) -> None:
    opened = await asker.run("offer check", SEATTLE)
    modal = opened.modal
    assert modal["title"] == "Check an offer"
    submitted = await harness.driver.submit_modal(
        asker.user,
        asker.place,
        modal,
        {
            "Base salary (per year)": "$200,000",
            "Target bonus": "10%",
            "Equity grant (whole grant)": "2,000 shares x $150",
            "Vesting": "5/15/40/40 over 4 years, 1-year cliff",
            "Sign-on bonus": "",
        },
    )
    message = await with_chart(submitted)
    expects_private_in_guild(asker.where, message)
    # 300k vesting 5/15/40/40: 15k, 45k, 120k, 120k on 200k + 20k.
    table = message.section("Year by year")
    assert "$235K" in table and "$265K" in table and table.count("$340K") == 2


async def test_offer_form_is_labels_over_boxes_and_a_vesting_list(harness: Harness) -> None:
    user = harness.server.add_user("reader")
    place = harness.server.dm(user)
    opened = await run(harness, user, place, "offer check", SEATTLE)
    assert {row["type"] for row in opened.modal["components"]} == {18}, "labels, no rows"
    form = opened.form()
    assert list(form) == [
        "Base salary (per year)",
        "Target bonus",
        "Equity grant (whole grant)",
        "Vesting",
        "Sign-on bonus",
    ]
    # Amounts are typed; the schedule is picked, starting from the default one.
    for name in OFFER_BOXES:
        assert form[name].kind == 4 and form[name].component.get("label") is None
    vesting = form["Vesting"]
    assert vesting.kind == 3 and not vesting.required and not vesting.many
    assert vesting.shown == ["4 years"]
    labels = [option["label"] for option in vesting.options]
    assert labels[0] == "4 years, 1-year cliff"
    assert "5/15/40/40 over 4 years, 1-year cliff" in labels and "4 years, no cliff" in labels
    assert "/offer check vesting:" in str(vesting.description), "other schedules are typed there"


@pytest.mark.parametrize(
    ("schedule", "first_year"),
    [
        # 185k base + 27.75k bonus + 30k sign-on, and the first year's part of 400k.
        ("4 years, 1-year cliff", "$343K"),
        ("33/33/22/12 over 4 years, 1-year cliff", "$375K"),
        ("5/15/40/40 over 4 years, 1-year cliff", "$263K"),
        ("3 years, 1-year cliff", "$376K"),
        ("", "$343K"),  # nothing picked: the default schedule, as an empty box was
    ],
)
async def test_the_picked_vesting_schedule_shapes_the_first_year(
    harness: Harness, schedule: str, first_year: str
) -> None:
    user = harness.server.add_user("picker")
    place = harness.server.dm(user)
    opened = await run(harness, user, place, "offer check", SEATTLE)
    answers = {
        "Base salary (per year)": "185k",
        "Target bonus": "15%",
        "Equity grant (whole grant)": "400k",
        "Sign-on bonus": "30k",
        "Vesting": schedule,
    }
    submitted = await harness.driver.submit_modal(user, place, opened.modal, answers)
    await with_chart(submitted)
    assert f"First year **{first_year}**" in submitted.message.section("What it pays")


async def test_offer_form_errors_are_private_and_name_the_field(harness: Harness) -> None:
    user, place = await newcomer(harness, "slip", "guild")
    opened = await run(harness, user, place, "offer check", SEATTLE)
    typo = await harness.driver.submit_modal(
        user, place, opened.modal, {"Base salary (per year)": "185k", "Target bonus": "600%"}
    )
    await typo.wait_settled()
    assert typo.message.ephemeral and "over 500%" in typo.message.content
    # The client offers only the listed schedules...
    with pytest.raises(UsageError, match="no option '7/7/86'"):
        await harness.driver.submit_modal(
            user, place, opened.modal, {"Base salary (per year)": "185k", "Vesting": "7/7/86"}
        )
    # ...and a made-up one that arrives anyway is refused by name, privately.
    again = await run(harness, user, place, "offer check", SEATTLE)
    base = {"Base salary (per year)": "185k"}
    forged = await submit_forged(harness, user, place, again.modal, base, "Vesting", ["7/7/86"])
    assert forged.message.ephemeral
    assert forged.message.content.startswith(
        "Vesting came back with a choice the form did not offer"
    )
    assert await bot_of(harness).store.history.recent(user.id) == []


async def test_check_an_offer_under_an_estimate_opens_the_form_for_that_person(
    harness: Harness,
) -> None:
    user, place = await newcomer(harness, "estimator", "guild")
    estimate = await run(harness, user, place, "estimate", SEATTLE)
    await with_chart(estimate)
    opened = await harness.driver.press(user, estimate.message, "Check an offer")
    await opened.wait_settled()
    submitted = await harness.driver.submit_modal(
        user, place, opened.modal, {"Base salary (per year)": "185k"}
    )
    await with_chart(submitted)
    assert submitted.message.ephemeral, "as private as the estimate it came from"
    assert "Seattle, WA" in submitted.message.title


async def test_compare_with_another_offer_button_weighs_both(harness: Harness) -> None:
    user = harness.server.add_user("second")
    place = harness.server.dm(user)
    first = (await offer(harness, user, place)).message
    opened = await harness.driver.press(user, first, "Compare with another offer")
    await opened.wait_settled()
    assert opened.modal["title"] == "Compare with another offer"
    submitted = await harness.driver.submit_modal(
        user, place, opened.modal, {"Base salary (per year)": "250k"}
    )
    await with_chart(submitted)
    # B: 250k flat. A wins year one (342,750) and four years (1,281,000 vs 1,000,000).
    assert submitted.message.headline() == (
        "Year one: **Offer A** ($343K vs $250K). Over 4 years: **Offer A** ($1.3M vs $1M)."
    )
