"""/estimate and /whatif: a salary band for one person, and the same with one thing changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.flows.answers import answer_estimate, answer_whatif
from bot.flows.asker import load_asker
from bot.interaction import Interaction
from bot.render.words import N_
from bot.ui.answers import EstimateView
from bot.ui.options import salary_command
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


class Estimate(BotCog):
    @salary_command("estimate", N_("Your salary band: P10-P90 base, bonus, equity and total"))
    async def estimate(
        self, interaction: Interaction, given: dict[str, Any], public: bool | None
    ) -> None:
        asker = await load_asker(interaction)
        await answer_estimate(
            interaction,
            asker.fill(given),
            asker.visibility(public),
            view_for=EstimateView.under(interaction),
        )

    @salary_command(
        "whatif",
        N_(
            "The last estimate you were shown (not tips, comparisons or offers), with what you change"
        ),
    )
    async def whatif(
        self, interaction: Interaction, changes: dict[str, Any], public: bool | None
    ) -> None:
        asker = await load_asker(interaction)
        await answer_whatif(
            interaction,
            changes,
            asker.visibility(public),
            view_for=EstimateView.under(interaction),
        )


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Estimate(bot))
