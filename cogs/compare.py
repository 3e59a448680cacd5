"""/compare roles and /compare locations: the same person across roles or places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord import app_commands

from bot.flows.answers import answer_location_comparison, answer_role_comparison
from bot.flows.asker import load_asker
from bot.flows.budget import spends_budget
from bot.interaction import Interaction
from bot.render.words import N_
from bot.salary.compare import MAX_LOCATIONS
from bot.ui.options import OR_PROFILE, person_options, places_autocomplete, salary_command
from bot.ui.translator import composed
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


class Compare(BotCog):
    compare = app_commands.Group(
        name="compare", description=N_("The same person across roles or places")
    )

    @salary_command(
        "roles",
        N_("ML engineer, data scientist, research scientist and others, side by side"),
        group=compare,
    )
    async def roles(
        self, interaction: Interaction, given: dict[str, Any], public: bool | None
    ) -> None:
        asker = await load_asker(interaction)
        await answer_role_comparison(interaction, asker.fill(given), asker.visibility(public))

    @compare.command(
        name="locations",
        description=N_("One place against others, with purchasing power where known"),
    )
    @spends_budget
    @person_options("role", "years", "level", "currency", role=OR_PROFILE["role"])
    @app_commands.describe(
        places=composed(
            N_("Up to {count} places, comma-separated, e.g. Seattle, Austin, London"),
            count=MAX_LOCATIONS,
        )
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
