"""The emulator's payload validator on valid payloads, and Discord's message limits.

Valid payloads are built with discord.py's own serialisers so the checks track what
the bot really sends.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import discord
import pytest
from discord import app_commands, ui
from discord.http import handle_message_parameters
from discord.webhook.async_ import interaction_message_response_params

pytest.importorskip("jsonschema")

from tests.support.payloads import (
    CALLBACK,
    EDIT_FOLLOWUP,
    EDIT_ORIGINAL,
    FOLLOWUP,
    GLOBAL_COMMANDS,
    GUILD_COMMANDS,
    MESSAGE_ROUTES,
    AskModal,
    assert_flags,
    assert_ok,
    callback_message,
    command_payload,
    slash_command,
    webhook_message,
)
from tests.support.validation import (
    PayloadValidator,
    command_name_problem,
    default_spec_path,
)

# ------------------------------------------------------------- valid payloads


def test_default_spec_path_points_at_vendored_copy() -> None:
    path = default_spec_path()
    assert path.is_file()
    assert path.parts[-3:] == ("vendor", "discord-api-spec", "openapi.json")


@pytest.mark.parametrize("path", [GUILD_COMMANDS, GLOBAL_COMMANDS])
def test_command_sync_payload_passes(validator: PayloadValidator, path: str) -> None:
    payload = command_payload()
    salary = next(c for c in payload if c["name"] == "salary")
    assert salary["integration_types"] == [0, 1]
    assert salary["contexts"] == [0, 1, 2]
    assert_ok(validator.validate("PUT", path, payload))


def test_single_command_create_and_edit_pass(validator: PayloadValidator) -> None:
    assert_ok(validator.validate("POST", GUILD_COMMANDS, slash_command()))
    assert_ok(validator.validate("PATCH", f"{GLOBAL_COMMANDS}/555", {"description": "New"}))


def test_empty_bulk_overwrite_passes(validator: PayloadValidator) -> None:
    assert_ok(validator.validate("PUT", GUILD_COMMANDS, []))


@pytest.mark.parametrize("name", ["salary", "ml-salary_2", "naïve", "вакансия", "वेतन", "เงินเดือน"])
def test_command_name_charset_accepts(name: str) -> None:
    # Devanagari and Thai vowel signs are combining marks, allowed by explicit range.
    assert command_name_problem(name) is None


def test_callback_message_with_embed_passes(validator: PayloadValidator) -> None:
    body = callback_message(4)
    assert body["data"]["embeds"][0]["title"] == "ML Engineer, Berlin"
    assert_ok(validator.validate("POST", CALLBACK, body, query={"with_response": "1"}))


def test_update_message_callback_passes(validator: PayloadValidator) -> None:
    assert_ok(validator.validate("POST", CALLBACK, callback_message(7)))


@pytest.mark.parametrize("body", [{"type": 5}, {"type": 5, "data": {"flags": 64}}, {"type": 6}])
def test_deferred_callbacks_pass(validator: PayloadValidator, body: dict[str, Any]) -> None:
    assert_ok(validator.validate("POST", CALLBACK, body))


def test_autocomplete_callback_passes(validator: PayloadValidator) -> None:
    choices = [app_commands.Choice(name=f"Role {i}", value=f"role-{i}") for i in range(25)]
    body = {"type": 8, "data": {"choices": [c.to_dict() for c in choices]}}
    assert_ok(validator.validate("POST", CALLBACK, body))


def test_modal_callback_passes(validator: PayloadValidator) -> None:
    assert_ok(validator.validate("POST", CALLBACK, {"type": 9, "data": AskModal().to_dict()}))


def test_followup_passes(validator: PayloadValidator) -> None:
    query = {"wait": "1", "with_components": "1"}
    assert_ok(validator.validate("POST", FOLLOWUP, webhook_message(), query=query))


def test_multipart_payload_json_passes(validator: PayloadValidator) -> None:
    file = discord.File(default_spec_path().with_name("LICENSE"), filename="licence.txt")
    with handle_message_parameters(content="With a file", file=file) as params:
        payload_json = json.loads(params.multipart[0]["value"])
    # discord.py numbers the attachment id as an int; Discord accepts that.
    assert payload_json["attachments"][0]["id"] == 0
    assert_ok(validator.validate("POST", FOLLOWUP, payload_json, query={"wait": "1"}))


@pytest.mark.parametrize("path", [EDIT_ORIGINAL, EDIT_FOLLOWUP])
def test_edit_passes(validator: PayloadValidator, path: str) -> None:
    assert_ok(validator.validate("PATCH", path, webhook_message()))
    with handle_message_parameters(content=None, embeds=[], view=None, attachments=[]) as params:
        assert_ok(validator.validate("PATCH", path, params.payload))


def test_layout_view_passes(validator: PayloadValidator) -> None:
    class Card(ui.LayoutView):
        container = ui.Container(
            ui.TextDisplay("## ML Engineer"),
            ui.Separator(),
            ui.Section(
                ui.TextDisplay("Median €78,000"),
                accessory=ui.Button(label="More", custom_id="card:more"),
            ),
        )

    params = interaction_message_response_params(type=4, view=Card())
    assert_ok(validator.validate("POST", CALLBACK, params.payload))


def test_bodiless_requests_pass(validator: PayloadValidator) -> None:
    assert_ok(validator.validate("GET", "/users/@me", None))
    assert_ok(validator.validate("DELETE", EDIT_ORIGINAL, None))
    assert_ok(validator.validate("GET", f"/api/v10{GLOBAL_COMMANDS}", None))


# ----------------------------------------------------------- message limits


def _embed(**fields: Any) -> dict[str, Any]:
    return {"type": "rich", **fields}


# (case id, mutate(message), substrings the violation must mention)
MESSAGE_LIMITS: list[tuple[str, Callable[[dict[str, Any]], None], tuple[str, ...]]] = [
    ("content", lambda m: m.update(content="x" * 2001), ("content", "2000")),
    ("embed count", lambda m: m.update(embeds=[_embed(title="t")] * 11), ("embeds", "10")),
    (
        "embed total",
        lambda m: m.update(
            embeds=[
                _embed(
                    description="d" * 4000,
                    fields=[{"name": "n", "value": "v" * 1000}, {"name": "n", "value": "v" * 999}],
                )
            ]
        ),
        ("embeds", "6000"),
    ),
    (
        "embed total across embeds",
        lambda m: m.update(embeds=[_embed(description="d" * 3001), _embed(description="d" * 3000)]),
        ("embeds", "6000"),
    ),
    (
        "field count",
        lambda m: m.update(embeds=[_embed(fields=[{"name": "n", "value": "v"}] * 26)]),
        ("embeds[0].fields", "25"),
    ),
    ("title", lambda m: m.update(embeds=[_embed(title="t" * 257)]), ("embeds[0].title", "256")),
    (
        "description",
        lambda m: m.update(embeds=[_embed(description="d" * 4097)]),
        ("embeds[0].description", "4096"),
    ),
    (
        "field name",
        lambda m: m.update(embeds=[_embed(fields=[{"name": "n" * 257, "value": "v"}])]),
        ("embeds[0].fields[0].name", "256"),
    ),
    (
        "field value",
        lambda m: m.update(embeds=[_embed(fields=[{"name": "n", "value": "v" * 1025}])]),
        ("embeds[0].fields[0].value", "1024"),
    ),
    (
        "footer",
        lambda m: m.update(embeds=[_embed(footer={"text": "f" * 2049})]),
        ("embeds[0].footer.text", "2048"),
    ),
    (
        "author",
        lambda m: m.update(embeds=[_embed(author={"name": "a" * 257})]),
        ("embeds[0].author.name", "256"),
    ),
    (
        "action rows",
        lambda m: m.update(
            components=[
                {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": f"b{i}"}]}
                for i in range(6)
            ]
        ),
        ("components", "5"),
    ),
    (
        "buttons per row",
        lambda m: m.update(
            components=[
                {
                    "type": 1,
                    "components": [
                        {"type": 2, "style": 1, "custom_id": f"b{i}", "label": "b"}
                        for i in range(6)
                    ],
                }
            ]
        ),
        ("components[0].components", "5"),
    ),
    (
        "custom_id",
        lambda m: m.update(
            components=[
                {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": "c" * 101}]}
            ]
        ),
        ("components[0].components[0].custom_id", "100"),
    ),
    (
        "button label",
        lambda m: m.update(
            components=[
                {
                    "type": 1,
                    "components": [{"type": 2, "style": 1, "custom_id": "b", "label": "l" * 81}],
                }
            ]
        ),
        ("components[0].components[0].label", "80"),
    ),
    (
        "select options",
        lambda m: m.update(
            components=[
                {
                    "type": 1,
                    "components": [
                        {
                            "type": 3,
                            "custom_id": "s",
                            "options": [{"label": f"o{i}", "value": f"{i}"} for i in range(26)],
                        }
                    ],
                }
            ]
        ),
        ("components[0].components[0].options", "25"),
    ),
]


@pytest.mark.parametrize("route", list(MESSAGE_ROUTES), ids=list(MESSAGE_ROUTES))
@pytest.mark.parametrize(
    ("mutate", "needles"),
    [pytest.param(mutate, needles, id=case) for case, mutate, needles in MESSAGE_LIMITS],
)
def test_message_limits(
    validator: PayloadValidator,
    route: str,
    mutate: Callable[[dict[str, Any]], None],
    needles: tuple[str, ...],
) -> None:
    method, path, wrap = MESSAGE_ROUTES[route]
    message = webhook_message() if route in ("followup", "edit-original") else {"content": "ok"}
    assert_ok(validator.validate(method, path, wrap(copy.deepcopy(message))))
    mutate(message)
    prefix = "data." if route.startswith("callback") else ""
    first, *rest = needles
    assert_flags(validator.validate(method, path, wrap(message)), prefix + first, *rest)


def test_each_violation_reported_once(validator: PayloadValidator) -> None:
    # content > 2000 is in both the spec and the extra limits.
    problems = validator.validate("POST", FOLLOWUP, {"content": "x" * 2001})
    assert len(problems) == 1, problems


def test_components_v2_not_capped_at_five_rows(validator: PayloadValidator) -> None:
    rows = [
        {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": f"b{i}"}]} for i in range(6)
    ]
    body = {"type": 4, "data": {"flags": 1 << 15, "components": rows}}
    assert_ok(validator.validate("POST", CALLBACK, body))
