"""The emulator's payload validator: callback, command and schema limits, routes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
import pytest

pytest.importorskip("jsonschema")

from tests.support.payloads import (
    CALLBACK,
    EDIT_ORIGINAL,
    FOLLOWUP,
    GLOBAL_COMMANDS,
    GUILD_COMMANDS,
    AskModal,
    PickModal,
    assert_flags,
    assert_ok,
    command_payload,
    slash_command,
)
from tests.support.validation import (
    PayloadValidator,
)

# ----------------------------------------------------------- callback limits


@pytest.mark.parametrize(
    ("data", "needles"),
    [
        pytest.param(
            {"choices": [{"name": f"c{i}", "value": f"{i}"} for i in range(26)]},
            ("data.choices", "25"),
            id="choice count",
        ),
        pytest.param(
            {"choices": [{"name": "", "value": "v"}]}, ("data.choices[0].name",), id="empty name"
        ),
        pytest.param(
            {"choices": [{"name": "n" * 101, "value": "v"}]},
            ("data.choices[0].name", "100"),
            id="long name",
        ),
    ],
)
def test_autocomplete_limits(
    validator: PayloadValidator, data: dict[str, Any], needles: tuple[str, ...]
) -> None:
    assert_flags(validator.validate("POST", CALLBACK, {"type": 8, "data": data}), *needles)


def _listed(data: dict[str, Any], index: int = 0) -> list[dict[str, Any]]:
    return data["components"][index]["component"]["options"]


@pytest.mark.parametrize(
    ("modal", "mutate", "needles"),
    [
        pytest.param(
            AskModal, lambda d: d.update(title="t" * 46), ("data.title", "45"), id="title"
        ),
        pytest.param(
            AskModal,
            lambda d: d.update(custom_id="c" * 101),
            ("data.custom_id", "100"),
            id="custom_id",
        ),
        pytest.param(
            AskModal,
            lambda d: d.update(components=d["components"] * 6),
            ("data.components", "5"),
            id="components",
        ),
        pytest.param(
            AskModal,
            lambda d: d["components"][0]["component"].update(custom_id="c" * 101),
            ("data.components[0].component.custom_id", "100"),
            id="input custom_id",
        ),
        # Lists in a modal: a select of three options (one picked) and a radio group.
        pytest.param(
            PickModal,
            lambda d: _listed(d)[1].update(value="4y"),
            ("unique: 4y",),
            id="value twice",
        ),
        pytest.param(
            PickModal,
            lambda d: _listed(d)[1].update(default=True),
            ("2 options picked by default, at most 1",),
            id="two defaults",
        ),
        pytest.param(
            PickModal,
            lambda d: d["components"][0]["component"].update(min_values=2),
            ("min_values 2 exceeds max_values 1",),
            id="min over max",
        ),
        pytest.param(
            PickModal,
            lambda d: d["components"][0]["component"].update(max_values=4),
            ("max_values 4 exceeds the 3 options",),
            id="max over options",
        ),
        pytest.param(
            PickModal,
            lambda d: _listed(d, 1)[0].update(default=True),
            ("components[1].component.options", "at most 1"),
            id="radio two defaults",
        ),
        pytest.param(
            PickModal,
            lambda d: _listed(d).extend({"label": f"{i}", "value": f"v{i}"} for i in range(23)),
            ("options", "26 items exceeds maxItems 25"),
            id="too many options",
        ),
    ],
)
def test_modal_limits(
    validator: PayloadValidator,
    modal: type[discord.ui.Modal],
    mutate: Callable[[dict[str, Any]], None],
    needles: tuple[str, ...],
) -> None:
    data = modal().to_dict()
    mutate(data)
    assert_flags(validator.validate("POST", CALLBACK, {"type": 9, "data": data}), *needles)


def test_a_modal_of_labelled_lists_passes(validator: PayloadValidator) -> None:
    assert_ok(validator.validate("POST", CALLBACK, {"type": 9, "data": PickModal().to_dict()}))


# ------------------------------------------------------------ command limits


def _options(n: int) -> list[dict[str, Any]]:
    return [{"type": 3, "name": f"opt{i}", "description": "An option"} for i in range(n)]


COMMAND_LIMITS: list[tuple[str, Callable[[dict[str, Any]], None], tuple[str, ...]]] = [
    ("upper case", lambda c: c.update(name="Salary"), ("name", "lower case")),
    ("space", lambda c: c.update(name="ml salary"), ("name", "not allowed")),
    ("symbol", lambda c: c.update(name="salary!"), ("name", "not allowed")),
    ("long name", lambda c: c.update(name="s" * 33), ("name",)),
    ("empty description", lambda c: c.update(description=""), ("description", "1-100")),
    ("long description", lambda c: c.update(description="d" * 101), ("description",)),
    (
        "localized name",
        lambda c: c.update(name_localizations={"de": "Gehalt"}),
        ("name_localizations.de", "lower case"),
    ),
    ("option name", lambda c: c["options"][0].update(name="Role"), ("options[0].name",)),
    (
        "option description",
        lambda c: c["options"][0].update(description="d" * 101),
        ("options[0].description",),
    ),
    ("option count", lambda c: c.update(options=_options(26)), ("options", "25")),
    (
        "subcommand option count",
        lambda c: c.update(
            options=[{"type": 1, "name": "sub", "description": "Sub", "options": _options(26)}]
        ),
        ("options[0].options", "25"),
    ),
    (
        "nested group option count",
        lambda c: c.update(
            options=[
                {
                    "type": 2,
                    "name": "grp",
                    "description": "Group",
                    "options": [
                        {"type": 1, "name": "sub", "description": "Sub", "options": _options(26)}
                    ],
                }
            ]
        ),
        ("options[0].options[0].options", "25"),
    ),
    (
        "choice count",
        lambda c: c["options"][0].update(
            autocomplete=False,
            choices=[{"name": f"c{i}", "value": f"{i}"} for i in range(26)],
        ),
        ("options[0].choices", "25"),
    ),
    (
        "choice name",
        lambda c: c["options"][0].update(
            autocomplete=False, choices=[{"name": "n" * 101, "value": "v"}]
        ),
        ("options[0].choices[0].name", "100"),
    ),
]


@pytest.mark.parametrize(
    ("mutate", "needles"),
    [pytest.param(mutate, needles, id=case) for case, mutate, needles in COMMAND_LIMITS],
)
def test_command_limits(
    validator: PayloadValidator,
    mutate: Callable[[dict[str, Any]], None],
    needles: tuple[str, ...],
) -> None:
    command = slash_command()
    mutate(command)
    assert_flags(validator.validate("POST", GUILD_COMMANDS, command), *needles)
    # Bulk overwrite checks every item, and says which one.
    payload = [*command_payload(), command]
    first, *rest = needles
    assert_flags(validator.validate("PUT", GLOBAL_COMMANDS, payload), f"[3].{first}", *rest)


def test_context_menu_names_may_have_spaces_and_capitals(validator: PayloadValidator) -> None:
    card = next(c for c in command_payload() if c["name"] == "Salary Card")
    assert_ok(validator.validate("POST", GLOBAL_COMMANDS, card))


# ---------------------------------------------------------------- schema


# A callback body that breaks the schema, and what the check must name.
CALLBACK_VIOLATIONS = [
    ("callback type", {"type": "x"}, ("type", "integer")),
    ("unknown callback", {"type": 99}, ("type", "99")),
    ("missing type", {"data": {}}, ("type",)),
    (
        "embed title type",
        {"type": 4, "data": {"embeds": [{"title": 5}]}},
        ("data.embeds[0].title", "string"),
    ),
    (
        "component type",
        {"type": 4, "data": {"components": [{"type": "x", "components": []}]}},
        ("data.components[0].type",),
    ),
    ("tts type", {"type": 4, "data": {"tts": "yes"}}, ("data.tts", "boolean")),
    ("modal missing fields", {"type": 9, "data": {"title": "Ask"}}, ("data", "custom_id")),
]


@pytest.mark.parametrize(
    ("body", "needles"),
    [pytest.param(body, needles, id=case) for case, body, needles in CALLBACK_VIOLATIONS],
)
def test_callback_schema_violations(
    validator: PayloadValidator, body: Any, needles: tuple[str, ...]
) -> None:
    assert_flags(validator.validate("POST", CALLBACK, body), *needles)


@pytest.mark.parametrize(
    ("method", "path", "body", "needles"),
    [
        pytest.param(
            "POST",
            GUILD_COMMANDS,
            {"name": "salary", "description": "d", "options": [{"type": "x", "name": "a"}]},
            ("options[0].type",),
            id="option type",
        ),
        pytest.param(
            "POST",
            GUILD_COMMANDS,
            {"name": "salary", "description": "d", "contexts": [7]},
            ("contexts[0]",),
            id="bad context",
        ),
        pytest.param(
            "PUT", GUILD_COMMANDS, {"name": "salary"}, ("<body>", "array"), id="put not a list"
        ),
        pytest.param(
            "POST",
            FOLLOWUP,
            {"allowed_mentions": {"parse": ["everybody"]}},
            ("allowed_mentions.parse[0]",),
            id="allowed mentions",
        ),
    ],
)
def test_schema_violations(
    validator: PayloadValidator, method: str, path: str, body: Any, needles: tuple[str, ...]
) -> None:
    assert_flags(validator.validate(method, path, body), *needles)


def test_long_values_are_not_echoed(validator: PayloadValidator) -> None:
    (problem,) = validator.validate("POST", FOLLOWUP, {"content": "x" * 5000})
    assert len(problem) < 200


# ---------------------------------------------------------- routes and params


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/nope"),
        ("POST", "/interactions/111/tok/callback/extra"),
        ("DELETE", CALLBACK),
        ("POST", "/channels"),
    ],
)
def test_unknown_route(validator: PayloadValidator, method: str, path: str) -> None:
    assert_flags(validator.validate(method, path, {}), "no such route in the spec")


def test_literal_segments_win_over_parameters(validator: PayloadValidator) -> None:
    # "@original" must match its own template, not {message_id} (not a snowflake).
    assert_ok(validator.validate("PATCH", EDIT_ORIGINAL, {"content": "x"}))
    assert_flags(
        validator.validate("PATCH", "/webhooks/222/tok/messages/@latest", {"content": "x"}),
        "message_id",
    )


def test_bad_path_parameter(validator: PayloadValidator) -> None:
    # The classic: application_id still None when the URL is formatted.
    assert_flags(validator.validate("PUT", "/applications/None/commands", []), "application_id")


def test_query_parameters(validator: PayloadValidator) -> None:
    assert_flags(
        validator.validate("POST", FOLLOWUP, {"content": "x"}, query={"wiat": "1"}), "wiat"
    )
    assert_flags(
        validator.validate("POST", FOLLOWUP, {"content": "x"}, query={"wait": "maybe"}), "wait"
    )
    assert_ok(validator.validate("POST", FOLLOWUP, {"content": "x"}, query={"thread_id": "9"}))


def test_body_presence(validator: PayloadValidator) -> None:
    assert_flags(validator.validate("POST", CALLBACK, None), "request body is required")
    assert_flags(validator.validate("GET", "/users/@me", {"x": 1}), "takes no request body")
