"""/profile set (options and the form), show, export, delete, and /history, end to end."""

from __future__ import annotations

import json

import pytest

from bot.local.harness import Harness
from tests.e2e.support import (
    Asker,
    bot_of,
    field,
    no_mentions,
    run,
    submit_forged,
    with_chart,
    written,
)

# How the bot answers a list that came back with something it did not offer.
OFF_LIST = "came back with a choice the form did not offer"


async def test_profile_set_with_options_saves_and_show_reads_it_back(
    harness: Harness, asker: Asker
) -> None:
    saved = await asker.run(
        "profile set",
        {
            "role": "MLE",
            "level": "senior",
            "location": "seattle",
            "skills": "python, PyTorch, llm",
            "currency": "EUR",
            "public": False,
        },
    )
    assert saved.message.ephemeral and saved.message.content == "Profile saved."
    profile = await bot_of(harness).store.profiles.get(asker.user.id)
    assert profile is not None
    assert (profile.role, profile.level, profile.years, profile.location) == (
        "ml_engineer",
        "senior",
        None,
        "us-seattle",
    )
    assert sorted(profile.skills) == ["llm", "python", "pytorch"]
    assert profile.currency == "EUR" and profile.private is True

    # Years replace the saved level: experience is one fact.
    await asker.run("profile set", {"years": 7})
    profile = await bot_of(harness).store.profiles.get(asker.user.id)
    assert profile is not None and (profile.years, profile.level) == (7, None)
    assert profile.role == "ml_engineer", "other fields are kept"

    shown = await asker.run("profile show")
    message = shown.message
    assert message.ephemeral
    assert field(message, "Role") == "Machine Learning Engineer"
    assert field(message, "Experience") == "7 years"
    assert field(message, "Location") == "Seattle, WA"
    assert field(message, "Currency") == "EUR"
    assert field(message, "Answers") == "private"
    assert "industry" in message.embed["description"], "says what is not set"


async def test_profile_show_with_nothing_saved_says_how_to_save(asker: Asker) -> None:
    record = await asker.run("profile show")
    assert record.message.ephemeral
    assert "/profile set" in record.message.embed["description"]


async def test_profile_set_without_options_opens_the_form_and_submitting_saves(
    harness: Harness, asker: Asker
) -> None:
    await asker.run("profile set", {"location": "berlin", "skills": "python"})
    opened = await asker.run("profile set")
    assert opened.modal["title"] == "Your salary profile"
    form = opened.form()
    assert list(form) == ["Role", "Experience", "Location", "Skills", "Certifications"]
    # The form starts from what is saved: the location in words, the skills already picked.
    assert form["Location"].shown == "Berlin, Germany" and form["Skills"].shown == ["python"]
    assert form["Role"].shown == [] and form["Experience"].shown == []
    submitted = await harness.driver.submit_modal(
        asker.user,
        asker.place,
        opened.modal,
        {
            "Role": "Data Scientist",
            "Experience": "5 years",
            "Location": "london",
            "Skills": ["Python", "SQL"],
            "Certifications": [],
        },
    )
    await submitted.wait_settled()
    assert submitted.message.ephemeral and submitted.message.content == "Profile saved."
    profile = await bot_of(harness).store.profiles.get(asker.user.id)
    assert profile is not None
    assert (profile.role, profile.years, profile.location) == ("data_scientist", 5, "gb-london")
    assert sorted(profile.skills) == ["python", "sql"] and profile.certifications == ()

    # A level picked in the same list replaces the years.
    again = await asker.run("profile set")
    assert again.form()["Experience"].shown == ["years:5"]
    level = await harness.driver.submit_modal(
        asker.user, asker.place, again.modal, {"Experience": "Senior (6-10 years)"}
    )
    await level.wait_settled()
    profile = await bot_of(harness).store.profiles.get(asker.user.id)
    assert profile is not None and (profile.years, profile.level) == (None, "senior")
    assert profile.location == "gb-london", "untouched fields keep their saved value"
    assert sorted(profile.skills) == ["python", "sql"]


async def test_profile_form_lists_offer_every_known_choice_and_show_what_is_saved(
    dm_asker: Asker,
) -> None:
    saved = {"role": "mle", "years": 30, "certifications": "AWS ML Specialty"}
    await dm_asker.run("profile set", saved)
    form = (await dm_asker.run("profile set")).form()
    roles = [option["label"] for option in form["Role"].options]
    assert roles[:2] == ["Machine Learning Engineer", "Data Scientist"] and len(roles) == 8
    assert form["Role"].shown == ["ml_engineer"] and not form["Role"].many
    experience = [option["label"] for option in form["Experience"].options]
    assert experience[:4] == [
        "Entry (0-2 years)",
        "Mid (3-5 years)",
        "Senior (6-10 years)",
        "Principal / Executive (10+ years)",
    ]
    # Exact years beside the levels; saved years beyond the list are still shown, picked.
    assert experience[4:6] == ["0 years", "1 year"] and experience[-1] == "30 years"
    assert form["Experience"].shown == ["years:30"] and len(experience) == 25
    assert form["Skills"].many and "PyTorch" in [o["label"] for o in form["Skills"].options]
    assert form["Certifications"].shown == ["aws_ml"]
    assert not any(question.required for question in form.values())


async def test_profile_form_untouched_keeps_and_emptied_lists_clear(harness: Harness) -> None:
    user = harness.server.add_user("tidy")
    place = harness.server.dm(user)
    saved = {"role": "mle", "years": 30, "location": "berlin", "skills": "python, sql"}
    await run(harness, user, place, "profile set", saved)
    before = await bot_of(harness).store.profiles.get(user.id)
    opened = await run(harness, user, place, "profile set")
    kept = await harness.driver.submit_modal(user, place, opened.modal, {})
    await kept.wait_settled()
    after = await bot_of(harness).store.profiles.get(user.id)
    assert before is not None and after is not None
    assert after.model_dump(exclude={"updated_at"}) == before.model_dump(exclude={"updated_at"})

    # Picking nothing clears a field, as an emptied box does.
    opened = await run(harness, user, place, "profile set")
    cleared = await harness.driver.submit_modal(
        user, place, opened.modal, {"Role": [], "Skills": [], "Experience": "", "Location": ""}
    )
    await cleared.wait_settled()
    profile = await bot_of(harness).store.profiles.get(user.id)
    assert profile is not None
    assert (profile.role, profile.years, profile.level, profile.location) == (None,) * 4
    assert profile.skills == ()


@pytest.mark.parametrize(
    ("box", "sent", "expected"),
    [
        ("Location", "seatle", "did you mean Seattle, WA"),
        # Discord caps the box at 100; the bot must still answer kindly if more arrives.
        ("Location", "x" * 3000, "too long"),
        # Lists take only what they offer; anything else came from a modified client.
        ("Experience", ["years:-1"], f"Experience {OFF_LIST}"),
        ("Experience", ["years:51"], f"Experience {OFF_LIST}"),
        ("Skills", ["🔥🔥🔥"], f"Skills {OFF_LIST}"),
        ("Role", ["x" * 3000], f"Role {OFF_LIST}"),
        (
            "Role",
            ["ml_engineer", "data_scientist"],
            f"Role {OFF_LIST}",
        ),
    ],
)
async def test_profile_form_with_bad_input_explains_and_saves_nothing(
    harness: Harness, box: str, sent: str | list[str], expected: str
) -> None:
    user = harness.server.add_user("typo")
    place = harness.server.dm(user)
    opened = await run(harness, user, place, "profile set")
    if isinstance(sent, str) and len(sent) < 100:
        submitted = await harness.driver.submit_modal(user, place, opened.modal, {box: sent})
        await submitted.wait_settled()
    else:
        submitted = await submit_forged(harness, user, place, opened.modal, {}, box, sent)
    message = submitted.message
    assert message.ephemeral
    assert expected in message.content, message.content
    assert len(message.content) < 300
    assert await bot_of(harness).store.profiles.get(user.id) is None
    no_mentions(message)


async def test_profile_export_is_a_private_json_file_of_everything(asker: Asker) -> None:
    await asker.run("profile set", {"role": "data engineer", "years": 2})
    await with_chart(await asker.run("estimate", {"location": "austin"}))
    record = await asker.run("profile export")
    message = record.message
    assert message.ephemeral, "exports are private even in a DM"
    (file,) = message.files
    assert file.filename == f"salary-bot-{asker.user.id}.json"
    data = json.loads(file.data)
    assert data["user_id"] == asker.user.id
    assert data["profiles"]["role"] == "data_engineer"
    (entry,) = data["history"]
    assert entry["query"]["location"] == "us-austin"


async def test_profile_delete_confirmed_erases_everything(harness: Harness, asker: Asker) -> None:
    store = bot_of(harness).store
    await asker.run("profile set", {"role": "mle", "location": "US"})
    await with_chart(await asker.run("estimate", {"years": 3}))
    assert await (await written(harness, asker.user.id)).history.last(asker.user.id) is not None

    asked = await asker.run("profile delete")
    message = asked.message
    assert message.ephemeral and "cannot be undone" in message.content
    assert [b["label"] for b in message.buttons()] == ["Delete everything", "Cancel"]
    pressed = await harness.driver.press(asker.user, message, "Delete everything")
    await pressed.wait_settled()
    done = pressed.message
    assert done.id == message.id, "the question is replaced by the outcome"
    assert done.content.startswith("Deleted everything stored about you")
    assert not done.buttons()
    assert await store.profiles.get(asker.user.id) is None
    assert await store.history.recent(asker.user.id) == []
    exported = await store.export_user(asker.user.id)
    assert exported["profiles"] is None and exported["history"] == []


async def test_profile_delete_cancelled_keeps_everything(harness: Harness, asker: Asker) -> None:
    await asker.run("profile set", {"role": "mle"})
    asked = await asker.run("profile delete")
    pressed = await harness.driver.press(asker.user, asked.message, "Cancel")
    await pressed.wait_settled()
    assert pressed.message.content == "Nothing was deleted." and not pressed.message.buttons()
    assert await bot_of(harness).store.profiles.get(asker.user.id) is not None


# ----------------------------------------------------------------- /history


async def test_history_lists_queries_and_the_menu_runs_one_again(
    harness: Harness, asker: Asker
) -> None:
    empty = await asker.run("history")
    assert empty.message.ephemeral and "No queries yet" in empty.message.embed["description"]
    assert not empty.message.selects()

    await with_chart(await asker.run("estimate", {"role": "mle", "location": "seattle"}))
    await with_chart(await asker.run("estimate", {"role": "data analyst", "location": "london"}))
    listed = await asker.run("history")
    message = listed.message
    assert message.ephemeral
    lines = message.embed["description"].splitlines()
    assert len(lines) == 2
    assert "Data Analyst, London, United Kingdom" in lines[0], "newest first"
    assert "Machine Learning Engineer, Seattle, WA" in lines[1]
    (menu,) = message.selects()
    seattle = next(o for o in menu["options"] if "Seattle" in o["label"])

    rerun = await harness.driver.select(asker.user, message, [seattle["value"]])
    await rerun.wait_settled()
    answer = rerun.message
    assert answer.title == "Machine Learning Engineer · Seattle, WA"
    assert answer.ephemeral, "as private as the list it came from"
    await with_chart(rerun)
    history = await (await written(harness, asker.user.id)).history.recent(asker.user.id)
    assert len(history) == 3 and history[0].query["location"] == "us-seattle"


async def test_history_menu_of_someone_else_is_refused(harness: Harness) -> None:
    user = harness.server.add_user("mine")
    place = harness.server.dm(user)
    await with_chart(await run(harness, user, place, "estimate", {"role": "mle"}))
    listed = await run(harness, user, place, "history")
    other = harness.server.add_user("other")
    value = listed.message.selects()[0]["options"][0]["value"]
    pressed = await harness.driver.select(other, listed.message, [value])
    await pressed.wait_settled()
    assert pressed.message.ephemeral and "belongs to someone else" in pressed.message.content

    await bot_of(harness).store.delete_user(user.id)
    stale = await harness.driver.select(user, listed.message, [value])
    await stale.wait_settled()
    assert "no longer stored" in stale.message.content


async def test_profile_keeps_remote_and_estimates_use_it(harness: Harness) -> None:
    user = harness.server.add_user("nomad")
    place = harness.server.dm(user)
    saved = await run(harness, user, place, "profile set", {"role": "mle", "remote": True})
    assert field(saved.message, "Remote") == "yes"
    profile = await bot_of(harness).store.profiles.get(user.id)
    assert profile is not None and profile.remote is True
    record = await run(harness, user, place, "estimate")
    assert "remote" in record.message.title
    assert "From your profile: role, remote." in record.message.section("Notes")
