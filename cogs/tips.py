"""/tips: what would raise this person's pay most, and how to negotiate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.flows.answers import answer_tips
from bot.flows.asker import load_asker
from bot.interaction import Interaction
from bot.render.words import N_
from bot.ui.options import salary_command
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


class Tips(BotCog):
    @salary_command(
        "tips", N_("What would raise your pay most, ranked in money, plus negotiation advice")
    )
    async def tips(
        self, interaction: Interaction, given: dict[str, Any], public: bool | None
    ) -> None:
        asker = await load_asker(interaction)
        await answer_tips(interaction, asker.fill(given), asker.visibility(public))


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Tips(bot))
