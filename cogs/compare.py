"""/compare roles and /compare locations: the same person across roles or places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord import app_commands
from discord.ext import commands

from bot.flows.answers import answer_location_comparison, answer_role_comparison
from bot.flows.asker import load_asker
from bot.flows.budget import spends_budget
from bot.interaction import Interaction
from bot.salary.compare import MAX_LOCATIONS
from bot.ui.options import DESCRIPTIONS, person_options, places_autocomplete, salary_command

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


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
    @spends_budget
    @person_options(
        "role", "years", "level", "currency", role=f"{DESCRIPTIONS['role']} (else your profile's)"
    )
    @app_commands.describe(
        places=f"Up to {MAX_LOCATIONS} places, comma-separated, e.g. Seattle, Austin, London"
    )
    @app_commands.autocomplete(places=places_autocomplete)
    async def locations(
        self,
        interaction: Interaction,
        places: app_commands.Range[str, 1, 300],
        *,
        person: dict[str, Any],
        public: bool | None,
    ) -> None:
        asker = await load_asker(interaction)
        filled = asker.fill(person)
        await answer_location_comparison(interaction, filled, places, asker.visibility(public))


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Compare(bot))
