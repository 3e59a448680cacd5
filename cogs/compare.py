"""/compare roles and /compare locations: the same person across roles or places."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import answering
from bot.context import DEFAULT
from bot.errors import UserError
from bot.options import (
    CURRENCY_CHOICES,
    LEVEL_CHOICES,
    given_options,
    heavy_cooldown,
    location_autocomplete,
    role_autocomplete,
    salary_command,
)
from bot.render.charts import locations_chart
from bot.render.embeds import location_comparison_embed
from bot.salary.compare import MAX_LOCATIONS, compare_locations
from bot.salary.query import parse_query

if TYPE_CHECKING:
    from bot.client import SalaryBot


def split_places(text: str) -> list[str]:
    places = [part.strip() for part in text.split(",") if part.strip()]
    if not places:
        raise UserError("Name at least one place, e.g. `places:Seattle, London`.")
    return places


async def places_autocomplete(
    interaction: discord.Interaction, current: str
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
        self, interaction: discord.Interaction, given: dict[str, Any], public: bool | None
    ) -> None:
        asker = await answering.load_asker(self.bot, interaction)
        await answering.answer_role_comparison(
            self.bot, interaction, asker.fill(given), asker.visibility(public)
        )

    @compare.command(
        name="locations", description="One place against others, with purchasing power where known"
    )
    @app_commands.describe(
        places=f"Up to {MAX_LOCATIONS} places, comma-separated, e.g. Seattle, Austin, London",
        role="Job role or title (else your profile's)",
        years="Years of professional experience (0-50)",
        level="Career level, if you prefer it to years",
        currency="Currency of the answer",
        public="Show the answer to the channel (where the server allows it)",
    )
    @app_commands.autocomplete(places=places_autocomplete, role=role_autocomplete)
    @app_commands.choices(level=LEVEL_CHOICES, currency=CURRENCY_CHOICES)
    @heavy_cooldown
    async def locations(
        self,
        interaction: discord.Interaction,
        places: app_commands.Range[str, 1, 300],
        role: app_commands.Range[str, 1, 100] | None = None,
        years: app_commands.Range[int, 0, 50] | None = None,
        level: str | None = None,
        currency: str | None = None,
        public: bool | None = None,
    ) -> None:
        asker = await answering.load_asker(self.bot, interaction)
        filled = asker.fill(given_options(role=role, years=years, level=level, currency=currency))
        typed = split_places(places)
        if len(typed) > MAX_LOCATIONS:
            raise UserError(f"Compare at most {MAX_LOCATIONS} places at a time.")
        # Read each place as every other command reads a location, with the same messages.
        wanted = [str(parse_query(location=place).location) for place in typed]
        if filled.sources.get("location") not in (None, DEFAULT):
            # The person's own place leads, so they see where they stand.
            wanted.insert(0, str(filled.query.location))
        unique = list(dict.fromkeys(wanted))[:MAX_LOCATIONS]
        comparison = compare_locations(self.bot.salary, filled.query, unique)
        embed = location_comparison_embed(comparison)
        await answering.send(interaction, asker.visibility(public), embed=embed)
        current = self.bot.salary.estimate(filled.query)
        summary = answering.headline(
            "compare locations", current.base, current.currency, current.sample_size
        )
        await answering.remember(self.bot, interaction.user.id, filled.query, summary)
        await answering.complete_answer(interaction, embed, lambda: locations_chart(comparison))


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Compare(bot))
