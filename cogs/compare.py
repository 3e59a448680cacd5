"""/compare roles and /compare locations: the same person across roles or places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord import app_commands
from discord.ext import commands

from bot.flows.answers import answer_location_comparison, answer_role_comparison
from bot.flows.asker import load_asker
from bot.interaction import Interaction
from bot.limits import spends_budget
from bot.options import (
    DESCRIPTIONS,
    LEVEL_CHOICES,
    currency_autocomplete,
    given_options,
    location_autocomplete,
    role_autocomplete,
    salary_command,
)
from bot.salary.compare import MAX_LOCATIONS

if TYPE_CHECKING:
    from bot.client import SalaryBot


async def places_autocomplete(
    interaction: Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Completes the last place of a comma-separated list."""
    head, _, last = current[:300].rpartition(",")
    prefix = head.strip() + ", " if head.strip() else ""
    choices = await location_autocomplete(interaction, last.strip())
    return [
        app_commands.Choice(name=f"{prefix}{choice.name}"[:100], value=f"{prefix}{choice.value}")
        for choice in choices
        if len(f"{prefix}{choice.value}") <= 100
    ]


class Compare(commands.Cog):
    compare = app_commands.Group(
        name="compare", description="The same person across roles or places"
    )

    def __init__(self, bot: SalaryBot) -> None:
        self.bot = bot

    @salary_command(
        "roles",
        "ML engineer, data scientist, research scientist and others, side by side",
        group=compare,
    )
    async def roles(
        self, interaction: Interaction, given: dict[str, Any], public: bool | None
    ) -> None:
        asker = await load_asker(interaction)
        await answer_role_comparison(interaction, asker.fill(given), asker.visibility(public))

    @compare.command(
        name="locations", description="One place against others, with purchasing power where known"
    )
    @app_commands.describe(
        places=f"Up to {MAX_LOCATIONS} places, comma-separated, e.g. Seattle, Austin, London",
        role=f"{DESCRIPTIONS['role']} (else your profile's)",
        years=DESCRIPTIONS["years"],
        level=DESCRIPTIONS["level"],
        currency=DESCRIPTIONS["currency"],
        public=DESCRIPTIONS["public"],
    )
    @app_commands.autocomplete(
        places=places_autocomplete, role=role_autocomplete, currency=currency_autocomplete
    )
    @app_commands.choices(level=LEVEL_CHOICES)
    @spends_budget
    async def locations(
        self,
        interaction: Interaction,
        places: app_commands.Range[str, 1, 300],
        role: app_commands.Range[str, 1, 100] | None = None,
        years: app_commands.Range[int, 0, 50] | None = None,
        level: str | None = None,
        currency: str | None = None,
        public: bool | None = None,
    ) -> None:
        asker = await load_asker(interaction)
        filled = asker.fill(given_options(role=role, years=years, level=level, currency=currency))
        await answer_location_comparison(interaction, filled, places, asker.visibility(public))


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Compare(bot))
