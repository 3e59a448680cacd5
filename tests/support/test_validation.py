"""The emulator's payload validator: OpenAPI schema plus Discord's documented limits.

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

from tests.support.validation import (
    PayloadValidator,
    command_name_problem,
    default_spec_path,
)

CALLBACK = "/interactions/111/tok-en/callback"
FOLLOWUP = "/webhooks/222/tok-en"
EDIT_ORIGINAL = "/webhooks/222/tok-en/messages/@original"
EDIT_FOLLOWUP = "/webhooks/222/tok-en/messages/333"
GUILD_COMMANDS = "/applications/222/guilds/444/commands"
GLOBAL_COMMANDS = "/applications/222/commands"


@pytest.fixture(scope="module")
def validator() -> PayloadValidator:
    return PayloadValidator.from_file(default_spec_path())


# ------------------------------------------------------------------ builders


def make_tree() -> app_commands.CommandTree[discord.Client]:
    client = discord.Client(intents=discord.Intents.none())
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)

    @app_commands.command(name="salary", description="Estimate a machine learning salary")
    @app_commands.describe(role="Job title", years="Years of experience")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def salary(
        interaction: discord.Interaction,
        role: str,
        years: app_commands.Range[int, 0, 50] = 3,
        remote: bool = False,
        currency: app_commands.Range[str, 3, 3] | None = None,
    ) -> None:
        pass

    @salary.autocomplete("role")
    async def role_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return []

    group = app_commands.Group(name="data", description="About the salary data")

    @group.command(name="source", description="Show where a figure comes from")
    @app_commands.choices(
        kind=[
            app_commands.Choice(name="Survey", value="survey"),
            app_commands.Choice(name="Job ads", value="ads"),
        ]
    )
    async def source(interaction: discord.Interaction, kind: app_commands.Choice[str]) -> None:
        pass

    @app_commands.context_menu(name="Salary Card")
    async def card(interaction: discord.Interaction, user: discord.User) -> None:
        pass

    tree.add_command(salary)
    tree.add_command(group)
    tree.add_command(card)
    return tree


def command_payload() -> list[dict[str, Any]]:
    tree = make_tree()
    return [cmd.to_dict(tree) for cmd in tree.get_commands()]


def slash_command() -> dict[str, Any]:
    return next(c for c in command_payload() if c["name"] == "salary")


def make_embed() -> discord.Embed:
    embed = discord.Embed(
        title="ML Engineer, Berlin",
        description="Estimated base salary",
        colour=0x2F80ED,
        timestamp=discord.utils.utcnow(),
        url="https://example.org/salary",
    )
    embed.add_field(name="Median", value="€78,000")
    embed.add_field(name="P90", value="€105,000", inline=False)
    embed.set_footer(text="Source: survey 2025", icon_url="https://example.org/i.png")
    embed.set_author(name="ML Salary Bot")
    embed.set_thumbnail(url="https://example.org/t.png")
    return embed


def make_view() -> ui.View:
    view = ui.View()
    view.add_item(ui.Button(label="Details", custom_id="salary:details"))
    view.add_item(ui.Button(label="Docs", url="https://example.org/docs"))
    view.add_item(
        ui.Select(
            custom_id="salary:region",
            options=[discord.SelectOption(label="EU", value="eu", emoji="🇪🇺")],
        )
    )
    return view


def callback_message(type_: int = 4) -> dict[str, Any]:
    params = interaction_message_response_params(
        type=type_,
        content="Here is your estimate",
        embed=make_embed(),
        view=make_view(),
        allowed_mentions=discord.AllowedMentions(users=[discord.Object(12345)]),
        flags=discord.MessageFlags(ephemeral=True) if type_ == 4 else discord.utils.MISSING,
    )
    assert params.payload is not None
    return params.payload


def webhook_message() -> dict[str, Any]:
    with handle_message_parameters(
        content="Follow-up",
        embeds=[make_embed()],
        view=make_view(),
        allowed_mentions=discord.AllowedMentions.none(),
    ) as params:
        assert params.payload is not None
        return dict(params.payload)


class AskModal(ui.Modal, title="Ask about a salary"):
    question = ui.TextInput(label="Question", custom_id="ask:question", max_length=500)


# Where message limits apply: (method, path, wrap) — wrap turns a message body into
# the request body for that route.
MESSAGE_ROUTES: dict[str, tuple[str, str, Callable[[dict[str, Any]], Any]]] = {
    "callback-4": ("POST", CALLBACK, lambda m: {"type": 4, "data": m}),
    "callback-7": ("POST", CALLBACK, lambda m: {"type": 7, "data": m}),
    "followup": ("POST", FOLLOWUP, lambda m: m),
    "edit-original": ("PATCH", EDIT_ORIGINAL, lambda m: m),
    "edit-followup": ("PATCH", EDIT_FOLLOWUP, lambda m: m),
}


def assert_ok(problems: list[str]) -> None:
    assert problems == [], "\n".join(problems)


def assert_flags(problems: list[str], *needles: str) -> None:
    assert problems, "expected a violation"
    text = "\n".join(problems)
    for needle in needles:
        assert needle in text, text


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


@pytest.mark.parametrize(
    ("mutate", "needles"),
    [
        pytest.param(lambda d: d.update(title="t" * 46), ("data.title", "45"), id="title"),
        pytest.param(
            lambda d: d.update(custom_id="c" * 101), ("data.custom_id", "100"), id="custom_id"
        ),
        pytest.param(
            lambda d: d.update(components=d["components"] * 6),
            ("data.components", "5"),
            id="components",
        ),
        pytest.param(
            lambda d: d["components"][0]["components"][0].update(custom_id="c" * 101),
            ("data.components[0].components[0].custom_id", "100"),
            id="input custom_id",
        ),
    ],
)
def test_modal_limits(
    validator: PayloadValidator,
    mutate: Callable[[dict[str, Any]], None],
    needles: tuple[str, ...],
) -> None:
    data = AskModal().to_dict()
    mutate(data)
    assert_flags(validator.validate("POST", CALLBACK, {"type": 9, "data": data}), *needles)


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


@pytest.mark.parametrize(
    ("method", "path", "body", "needles"),
    [
        pytest.param("POST", CALLBACK, {"type": "x"}, ("type", "integer"), id="callback type"),
        pytest.param("POST", CALLBACK, {"type": 99}, ("type", "99"), id="unknown callback"),
        pytest.param("POST", CALLBACK, {"data": {}}, ("type",), id="missing type"),
        pytest.param(
            "POST",
            CALLBACK,
            {"type": 4, "data": {"embeds": [{"title": 5}]}},
            ("data.embeds[0].title", "string"),
            id="embed title type",
        ),
        pytest.param(
            "POST",
            CALLBACK,
            {"type": 4, "data": {"components": [{"type": "x", "components": []}]}},
            ("data.components[0].type",),
            id="component type",
        ),
        pytest.param(
            "POST",
            CALLBACK,
            {"type": 4, "data": {"tts": "yes"}},
            ("data.tts", "boolean"),
            id="tts type",
        ),
        pytest.param(
            "POST",
            CALLBACK,
            {"type": 9, "data": {"title": "Ask"}},
            ("data", "custom_id"),
            id="modal missing fields",
        ),
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
