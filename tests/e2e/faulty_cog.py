"""Commands that misbehave on purpose, loaded only by the tests."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands


class Faulty(commands.Cog):
    @app_commands.command(name="boom", description="Fails with an unexpected error")
    async def boom(self, interaction: discord.Interaction) -> None:
        raise RuntimeError("kaboom")

    @app_commands.command(name="slow", description="Answers after the 3 second limit")
    async def slow(self, interaction: discord.Interaction) -> None:
        await asyncio.sleep(3.3)
        await interaction.response.send_message("too late")

    @app_commands.command(name="patient", description="Defers, then answers after 3 seconds")
    async def patient(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await asyncio.sleep(3.3)
        await interaction.followup.send("worth the wait", ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Faulty())
