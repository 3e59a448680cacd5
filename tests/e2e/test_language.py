"""The member's language: commands as synced, errors, buttons and choices in German and
Brazilian Portuguese, English for every other locale."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.flows.budget import TokenBuckets
from bot.local.harness import Harness
from bot.salary.compare import MAX_LOCATIONS
from tests.e2e.support import bot_of, place_for, run, run_console
from tests.support.validation import default_spec_path

LOCALES = ("de", "pt-BR")


def _discord_locales() -> set[str]:
    spec = json.loads(default_spec_path().read_text())
    return {
        item["const"] for item in spec["components"]["schemas"]["AvailableLocalesEnum"]["oneOf"]
    }


def _described(command: dict[str, Any]) -> list[dict[str, Any]]:
    """The command and every option under it that carries a description."""
    found = [command] if command.get("type", 1) == 1 else []
    for option in command.get("options") or []:
        found.extend(_described(option) if option["type"] in (1, 2) else [option])
    return found


def _choices(command: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for option in command.get("options") or []:
        found.extend(option.get("choices") or [])
        found.extend(_choices(option))
    return found


def _ours(harness: Harness) -> list[dict[str, Any]]:
    """The synced commands of the bot's own cogs (the tests add a faulty one)."""
    bot = bot_of(harness)
    names = {
        command.name
        for cog in bot.cogs.values()
        if type(cog).__module__.startswith("cogs.")
        for command in cog.__cog_app_commands__
    } | {menu.name for menu in bot.tree.get_commands(type=discord.AppCommandType.message)}
    commands = [c for c in harness.server.global_commands if c["name"] in names]
    assert len(commands) == len(names), "the harness syncs the tree at start"
    return commands


async def test_synced_commands_carry_german_and_portuguese_words(harness: Harness) -> None:
    commands = _ours(harness)
    known = _discord_locales()
    for command in commands:
        for item in _described(command):
            where = f"{command['name']}/{item['name']}"
            localized = item.get("description_localizations") or {}
            assert set(localized) == set(LOCALES), where
            assert set(localized) <= known
            assert localized["de"] != item["description"], where
        # People type and quote the names: they stay English everywhere.
        if command.get("type", 1) == 1:
            assert not command.get("name_localizations"), command["name"]
    estimate = next(c for c in commands if c["name"] == "estimate")
    assert estimate["description_localizations"] == {
        "de": "Deine Gehaltsspanne: P10-P90 für Grundgehalt, Bonus, Equity und Gesamt",
        "pt-BR": "Sua faixa salarial: P10-P90 de salário-base, bônus, equity e total",
    }
    level = next(o for o in estimate["options"] if o["name"] == "level")
    senior = next(c for c in level["choices"] if c["value"] == "senior")
    assert senior["name_localizations"] == {
        "de": "Senior (6-10 Jahre)",
        "pt-BR": "Sênior (6-10 anos)",
    }
    assert all(set(c.get("name_localizations") or LOCALES) <= known for c in _choices(estimate))
    # A menu entry people read but never type is named in their language.
    menu = next(c for c in commands if c.get("type") == 3)
    assert menu["name_localizations"] == {
        "de": "Gehaltsspanne prüfen",
        "pt-BR": "Avaliar faixa salarial",
    }


async def test_composed_descriptions_are_translated_part_by_part(harness: Harness) -> None:
    commands = {c["name"]: c for c in _ours(harness)}
    offer_compare = next(o for o in commands["offer"]["options"] if o["name"] == "compare")
    bonus = next(o for o in offer_compare["options"] if o["name"] == "b_bonus")
    assert bonus["description"] == "Offer B: Target bonus: 15% or an amount such as 25k"
    assert bonus["description_localizations"]["de"] == (
        "Angebot B: Zielbonus: 15% oder ein Betrag wie 25k"
    )
    locations = next(o for o in commands["compare"]["options"] if o["name"] == "locations")
    places = next(o for o in locations["options"] if o["name"] == "places")
    assert places["description_localizations"]["pt-BR"].startswith(f"Até {MAX_LOCATIONS} lugares")


async def test_a_german_member_is_told_to_wait_in_german(harness: Harness) -> None:
    bot_of(harness).budget = TokenBuckets(burst=1, refill_every_s=3600.0)
    member = harness.server.add_user("anna", locale="de")
    place = await place_for(harness, member, "guild")
    first = await run(harness, member, place, "estimate", {"role": "mle"})
    assert first.message.components_v2
    over = await run(harness, member, place, "estimate", {"role": "mle"})
    assert over.message.ephemeral and not over.message.components_v2
    text = over.message.content
    assert text.startswith("Nicht so schnell: Versuch es in "), text
    assert text.endswith(" s noch einmal."), text


async def test_errors_follow_each_members_locale(harness: Harness) -> None:
    server = harness.server
    german = server.add_user("jonas", locale="de")
    brazilian = server.add_user("bia", locale="pt-BR")
    french = server.add_user("chloe", locale="fr")
    said = {}
    for member in (german, brazilian, french):
        record = await run(harness, member, server.dm(member), "settings")
        said[member.locale] = record.message.content
    assert said == {
        "de": "Das geht nur auf einem Server.",
        "pt-BR": "Isso só funciona em um servidor.",
        "fr": "This works in a server only.",
    }
    place = await place_for(harness, brazilian, "guild")
    record = await run(harness, brazilian, place, "share delete")
    assert record.message.content.startswith("Diga qual: `/share delete submission:ID`")


async def test_buttons_and_choices_in_the_members_language(harness: Harness) -> None:
    member = harness.server.add_user("lena", locale="de")
    place = harness.server.dm(member)
    answer = (await run(harness, member, place, "estimate", {"role": "mle", "years": 4})).message
    labels = [button.get("label") for button in answer.buttons()]
    # In reading order: beside the headline, beside what moved it, then the row at the end.
    assert labels[:4] == [
        "Und als Senior?",
        "Tipps für mich",
        "Rollen vergleichen",
        "Als mein Profil speichern",
    ]
    # Someone else pressing them is told so in their own language.
    other = harness.server.add_user("rafa", locale="pt-BR")
    pressed = await harness.driver.press(other, answer, "Tipps für mich")
    await pressed.wait_settled()
    assert pressed.message.content.startswith("Esses botões são da resposta de outra pessoa.")
    # Autocomplete choices pass through the same catalogs.
    offered = await harness.driver.autocomplete(
        member, place, "estimate", {"currency": "eu"}, "currency"
    )
    assert offered[-1] == {"name": "Die Währung des Ortes", "value": "any"}


@pytest.mark.parametrize("locale", ["en-US", "es-ES"])
async def test_other_members_read_english_buttons(harness: Harness, locale: str) -> None:
    member = harness.server.add_user("sam", locale=locale)
    answer = (
        await run(harness, member, harness.server.dm(member), "estimate", {"years": 4})
    ).message
    assert "Compare roles" in [button.get("label") for button in answer.buttons()]


def test_the_console_speaks_the_locale_it_is_given(tmp_path: Path) -> None:
    done = run_console(tmp_path, "/settings\n/as kim\n/settings\n", "console", "--locale", "pt-br")
    assert done.returncode == 0, done.stderr
    # The console's person and anyone it then acts as send Discord's pt-BR locale.
    assert done.stdout.count("Isso só funciona em um servidor.") == 2, done.stdout
    refused = run_console(tmp_path, "", "console", "--locale", "klingon")
    assert refused.returncode == 2
    assert "not a Discord locale" in refused.stderr
