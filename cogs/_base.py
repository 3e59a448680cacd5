"""What every cog starts from (no cog itself: extension discovery skips `_` modules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord.ext import commands

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


class BotCog(commands.Cog):
    """A cog that keeps the bot it was loaded into: its store, model and budget."""

    def __init__(self, bot: SalaryBot) -> None:
        self.bot = bot
