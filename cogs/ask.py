"""Questions in plain words: DMs to the bot and messages that mention it (no command)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.flows.ask import AskState, addressed_to_bot, answer_message
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


class Ask(BotCog):
    def __init__(self, bot: SalaryBot) -> None:
        super().__init__(bot)
        self.state = AskState()

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if addressed_to_bot(self.bot.user, message):
            await answer_message(self.bot, message, self.state)


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(Ask(bot))
