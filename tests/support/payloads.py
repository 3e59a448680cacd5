"""Payloads built with discord.py's own serialisers, for the validator's tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands, ui
from discord.http import handle_message_parameters
from discord.webhook.async_ import interaction_message_response_params

CALLBACK = "/interactions/111/tok-en/callback"
FOLLOWUP = "/webhooks/222/tok-en"
EDIT_ORIGINAL = "/webhooks/222/tok-en/messages/@original"
EDIT_FOLLOWUP = "/webhooks/222/tok-en/messages/333"
GUILD_COMMANDS = "/applications/222/guilds/444/commands"
GLOBAL_COMMANDS = "/applications/222/commands"


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
    question = ui.Label(
        text="Question", component=ui.TextInput(custom_id="ask:question", max_length=500)
    )


class PickModal(ui.Modal, title="Pick a schedule"):
    schedule = ui.Label(
        text="Vesting",
        component=ui.Select(
            custom_id="pick:schedule",
            min_values=0,
            max_values=1,
            options=[
                discord.SelectOption(label="4 years, 1-year cliff", value="4y", default=True),
                discord.SelectOption(label="3 years", value="3y"),
                discord.SelectOption(label="5/15/40/40", value="back"),
            ],
        ),
    )
    picks = ui.Label(
        text="Pick any",
        component=ui.RadioGroup(
            custom_id="pick:radio",
            options=[
                discord.RadioGroupOption(label="Yes", value="yes"),
                discord.RadioGroupOption(label="No", value="no", default=True),
            ],
        ),
    )


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
