"""/settings: how this server shows salary answers (Manage Server only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.interaction import Interaction
from bot.render.account import settings_embed
from bot.render.words import N_, _
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


def in_a_server(interaction: Interaction) -> bool:
    """Checked first: an old command list or a user install can still send it from a DM."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return True


class ServerSettings(BotCog, name="Settings"):
    @app_commands.command(
        name="settings",
        description=N_("How this server shows salary answers (no options: show)"),
    )
    @app_commands.describe(
        public_answers=N_(
            "Answers visible to the channel by default (users can still choose private)"
        ),
        career_channel=N_("Allow public answers only in this channel"),
        clear_career_channel=N_("Allow public answers in any channel again"),
        community_features=N_("Off keeps every answer private in this server"),
        shared_pool=N_("Pool members' shared pay with other servers that opted in"),
        pay_sharing=N_("Let members share their pay with /share add"),
    )
    @app_commands.guild_only()
    # guild_only alone merges with the bot-wide contexts and would still be offered in DMs.
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.check(in_a_server)
    async def settings(
        self,
        interaction: Interaction,
        public_answers: bool | None = None,
        career_channel: discord.TextChannel | None = None,
        clear_career_channel: bool | None = None,
        community_features: bool | None = None,
        shared_pool: bool | None = None,
        pay_sharing: bool | None = None,
    ) -> None:
        assert interaction.guild_id is not None  # guild_only
        changes: dict[str, Any] = {}
        if public_answers is not None:
            changes["public_answers"] = public_answers
        if community_features is not None:
            changes["community_features"] = community_features
        for name, value in (("shared_pool", shared_pool), ("pay_sharing", pay_sharing)):
            if value is not None:
                changes[name] = value
        if career_channel is not None:
            changes["career_channel_id"] = career_channel.id
        elif clear_career_channel:
            changes["career_channel_id"] = None
        guilds = self.bot.store.guilds
        current = (
            await guilds.update(interaction.guild_id, **changes)
            if changes
            else await guilds.get(interaction.guild_id)
        )
        note = _("Saved.") if changes else _("Current settings:")
        await interaction.response.send_message(note, embed=settings_embed(current), ephemeral=True)


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(ServerSettings(bot))
