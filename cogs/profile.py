"""/profile: save what you are once; show it, export it, delete it."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.flows.profile import profile_update, save_and_show
from bot.interaction import Interaction
from bot.render.account import profile_embed
from bot.render.words import N_, _
from bot.ui.options import salary_command
from bot.ui.profile import ConfirmDelete, ProfileForm
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


class ProfileCog(BotCog, name="Profile"):
    profile = app_commands.Group(name="profile", description=N_("Your saved salary profile"))

    @salary_command(
        "set",
        N_("Save options every command then uses (none: open a form)"),
        group=profile,
        public_means=N_("Show my answers to the channel by default (where the server allows it)"),
        heavy=False,
    )
    async def set_profile(
        self, interaction: Interaction, given: dict[str, Any], public: bool | None
    ) -> None:
        if not given and public is None:
            current = await self.bot.store.profiles.get(interaction.user.id)
            await interaction.response.send_modal(ProfileForm(current))
            return
        private = None if public is None else not public
        await save_and_show(interaction, profile_update(given, private))

    @profile.command(name="show", description=N_("What I have saved about you"))
    async def show(self, interaction: Interaction) -> None:
        profile = await self.bot.store.profiles.get(interaction.user.id)
        await interaction.response.send_message(embed=profile_embed(profile), ephemeral=True)

    @profile.command(
        name="export",
        description=N_("Everything stored about you, as a JSON file sent only to you"),
    )
    async def export(self, interaction: Interaction) -> None:
        data = await self.bot.store.export_user(interaction.user.id)
        payload = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()
        file = discord.File(io.BytesIO(payload), filename=f"salary-bot-{interaction.user.id}.json")
        await interaction.response.send_message(
            _("Everything I store about you."), file=file, ephemeral=True
        )

    @profile.command(
        name="delete", description=N_("Erase your profile and query history (asks first)")
    )
    async def delete(self, interaction: Interaction) -> None:
        view = ConfirmDelete(interaction.user.id)
        await interaction.response.send_message(
            _("Delete your profile and all your saved queries? This cannot be undone."),
            view=view,
            ephemeral=True,
        )
        view.origin = interaction


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(ProfileCog(bot))
