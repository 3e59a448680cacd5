"""/history: your recent queries, and a menu to run one again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands

from bot.flows.reply import use_locale
from bot.interaction import Interaction
from bot.render.account import history_embed
from bot.render.words import N_
from bot.ui.history import HistoryView
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot

SHOWN = 10


class History(BotCog):
    @app_commands.command(
        name="history", description=N_("Your recent queries; pick one to run it again")
    )
    async def history(self, interaction: Interaction) -> None:
        entries = await self.bot.store.history.recent(interaction.user.id, limit=SHOWN)
        use_locale(interaction)
        embed = history_embed(entries)
        if not entries:
            await interaction.response.send_message(embed=embed, ephemeral=True)
            return
        view = HistoryView(interaction.user.id, entries)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(History(bot))
