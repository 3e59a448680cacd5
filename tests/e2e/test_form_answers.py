"""The emulator fills a modal as the Discord client does: what it sends, what it refuses."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.emulator.driver import UsageError
from bot.emulator.form_answers import Answer, modal_submission
from bot.emulator.records import modal_fields


class EveryKind(discord.ui.Modal, title="Every kind of field"):
    name = discord.ui.Label(
        text="Name",
        component=discord.ui.TextInput(custom_id="name", max_length=10, default="Ada"),
    )
    schedule = discord.ui.Label(
        text="Schedule",
        component=discord.ui.Select(
            custom_id="schedule",
            min_values=0,
            max_values=1,
            required=False,
            options=[
                discord.SelectOption(label="4 years", value="4y", default=True),
                discord.SelectOption(label="3 years", value="3y"),
            ],
        ),
    )
    size = discord.ui.Label(
        text="Company size",
        component=discord.ui.RadioGroup(
            custom_id="size",
            options=[
                discord.RadioGroupOption(label="Small", value="s"),
                discord.RadioGroupOption(label="Large", value="l", default=True),
            ],
        ),
    )
    perks = discord.ui.Label(
        text="Perks",
        component=discord.ui.CheckboxGroup(
            custom_id="perks",
            required=False,
            min_values=0,
            max_values=2,
            options=[
                discord.CheckboxGroupOption(label="Gym", value="gym"),
                discord.CheckboxGroupOption(label="Lunch", value="lunch"),
                discord.CheckboxGroupOption(label="Bus", value="bus"),
            ],
        ),
    )
    remote = discord.ui.Label(
        text="Remote", component=discord.ui.Checkbox(custom_id="remote", default=False)
    )


def submitted(answers: dict[str, Answer]) -> dict[str, Any]:
    """Each field's part of the submission by custom_id."""
    data = modal_submission(EveryKind().to_dict(), answers)
    assert {row["type"] for row in data["components"]} == {18}
    return {row["component"]["custom_id"]: row["component"] for row in data["components"]}


def test_untouched_fields_go_back_as_shown() -> None:
    sent = submitted({})
    assert sent["name"] == {
        "type": 4,
        "id": sent["name"]["id"],
        "custom_id": "name",
        "value": "Ada",
    }
    assert sent["schedule"]["values"] == ["4y"] and sent["size"]["value"] == "l"
    assert sent["perks"]["values"] == [] and sent["remote"]["value"] is False
    ids = [part["id"] for part in sent.values()]
    assert len(set(ids)) == len(ids), "Discord numbers each component once"


def test_answers_by_label_or_value_and_by_custom_id() -> None:
    sent = submitted(
        {"Name": "Grace", "Schedule": "3 years", "size": "s", "Perks": ["Gym", "lunch"]}
    )
    assert sent["name"]["value"] == "Grace" and sent["schedule"]["values"] == ["3y"]
    assert sent["size"]["value"] == "s" and sent["perks"]["values"] == ["gym", "lunch"]
    assert submitted({"Schedule": ""})["schedule"]["values"] == [], "nothing picked"
    assert submitted({"Remote": True})["remote"]["value"] is True


@pytest.mark.parametrize(
    ("answers", "refusal"),
    [
        ({"Salary": "185k"}, "the form has no field 'Salary'"),
        ({"Name": ""}, "the field 'Name' is required"),
        ({"Name": "x" * 11}, "takes at most 10 characters"),
        ({"Schedule": "2 years"}, "'Schedule' has no option '2 years' (options: 4 years, 3 years)"),
        ({"Schedule": ["4y", "3y"]}, "'Schedule' takes 1 to 1 options, not 2"),
        ({"Perks": ["gym", "lunch", "bus"]}, "'Perks' takes 1 to 2 options, not 3"),
        ({"Company size": ""}, "the field 'Company size' is required: pick an option"),
        ({"Company size": ["s", "l"]}, "'Company size' takes 1 to 1 options, not 2"),
        ({"Remote": "yes"}, "the checkbox 'Remote' takes true or false"),
    ],
)
def test_what_the_client_would_not_send_is_refused(
    answers: dict[str, Answer], refusal: str
) -> None:
    with pytest.raises(UsageError) as refused:
        modal_submission(EveryKind().to_dict(), answers)
    assert refusal in str(refused.value)


def test_older_modals_of_action_rows_are_filled_as_rows() -> None:
    modal = {
        "custom_id": "old",
        "title": "Old",
        "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": "q", "label": "Question"}]}
        ],
    }
    (question,) = modal_fields(modal)
    assert (question.label, question.in_row, question.required) == ("Question", True, True)
    data = modal_submission(modal, {"Question": "Why?"})
    assert data["components"] == [
        {"type": 1, "components": [{"type": 4, "id": 1, "custom_id": "q", "value": "Why?"}]}
    ]
