"""/estimate and /whatif: a salary band for one person, and the same with one thing changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot import answering
from bot.context import Filled
from bot.errors import UserError
from bot.options import salary_command
from bot.render.embeds import FIELD_LABELS
from bot.salary.query import parse_query

if TYPE_CHECKING:
    from bot.client import SalaryBot


class Estimate(commands.Cog):
    def __init__(self, bot: SalaryBot) -> None:
        self.bot = bot

    @salary_command("estimate", "Your salary band: P10-P90 base, bonus, equity and total")
    async def estimate(
        self, interaction: discord.Interaction, given: dict[str, Any], public: bool | None
    ) -> None:
        asker = await answering.load_asker(self.bot, interaction)
        await answering.answer_estimate(
            self.bot, interaction, asker.fill(given), asker.visibility(public)
        )

    @salary_command("whatif", "Your last query again, with what you change here")
    async def whatif(
        self, interaction: discord.Interaction, changes: dict[str, Any], public: bool | None
    ) -> None:
        asker = await answering.load_asker(self.bot, interaction)
        if asker.last is None:
            raise UserError("There is no earlier query to change yet: run `/estimate` first.")
        if not changes:
            raise UserError(
                "Tell me what to change, e.g. `/whatif location:london` or `/whatif level:senior`."
            )
        merged = {**asker.last.query, **changes}
        if "years" in changes or "level" in changes:
            merged["years"], merged["level"] = changes.get("years"), changes.get("level")
        query = parse_query(**merged)
        previous = parse_query(**{**asker.last.query, "currency": query.currency})
        before = self.bot.salary.estimate(previous)
        changed = ", ".join(FIELD_LABELS.get(name, name) for name in changes)
        visibility = asker.visibility(public)
        await answering.answer_estimate(
            self.bot, interaction, Filled(query), visibility, before=before, changed=changed
        )


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Estimate(bot))
