"""/profile: save what you are once; show it, export it, delete it."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.flows.errors import report_error
from bot.flows.privacy import Visibility
from bot.flows.reply import finish_or_defer, send
from bot.interaction import Interaction, ours
from bot.render.embeds import profile_embed
from bot.salary import fields, taxonomy
from bot.salary.query import parse_query
from bot.ui.answers import ConfirmDelete
from bot.ui.options import salary_command
from db.models import Profile, ProfileUpdate

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


def profile_update(given: dict[str, Any], private: bool | None = None) -> ProfileUpdate:
    """Validate typed values through the salary query, then keep only what was given.

    A field set to "any" is cleared; experience is one fact, so a new level replaces saved
    years and the other way round.
    """
    typed = {name: value for name, value in given.items() if value != fields.ANY}
    query = parse_query(**typed)
    said = {name: getattr(query, name) if name in typed else fields.ANY for name in given}
    changes = fields.merge({}, said)
    # What "any" cleared is stored as nothing.
    changes |= {name: None for name in given if name not in changes}
    if private is not None:
        changes["private"] = private
    return ProfileUpdate(**changes)


def form_defaults(profile: Profile | None) -> dict[str, str]:
    if profile is None:
        return {}
    experience = str(profile.years) if profile.years is not None else (profile.level or "")
    # People read names, not keys; role and location names read back to the same key.
    return {
        "role": taxonomy.label("role", profile.role) if profile.role else "",
        "experience": experience,
        "location": taxonomy.label("location", profile.location) if profile.location else "",
        "skills": ", ".join(profile.skills),
        "certifications": ", ".join(profile.certifications),
    }


async def save_and_show(interaction: Interaction, update: ProfileUpdate) -> None:
    private = Visibility(ephemeral=True)
    saving = interaction.client.store.profiles.upsert(interaction.user.id, update)
    profile = await finish_or_defer(interaction, saving, private)
    await send(interaction, private, content="Profile saved.", embed=profile_embed(profile))


FORM_FIELDS = ("role", "experience", "location", "skills", "certifications")


def submitted_ids(components: Any) -> Iterator[str]:
    """The custom_id of every text box in a modal submission (rows or labels, nested)."""
    for component in components or []:
        if not isinstance(component, dict):
            continue
        if "value" in component and component.get("custom_id"):
            yield str(component["custom_id"])
        yield from submitted_ids(component.get("components"))
        yield from submitted_ids([component["component"]] if "component" in component else [])


class ProfileForm(discord.ui.Modal, title="Your salary profile"):
    role: discord.ui.TextInput[ProfileForm] = discord.ui.TextInput(
        label="Role",
        placeholder="ML engineer, data scientist, MLE...",
        required=False,
        max_length=100,
    )
    experience: discord.ui.TextInput[ProfileForm] = discord.ui.TextInput(
        label="Years of experience or level",
        placeholder="4, or senior",
        required=False,
        max_length=20,
    )
    location: discord.ui.TextInput[ProfileForm] = discord.ui.TextInput(
        label="Location", placeholder="Seattle, Germany, remote...", required=False, max_length=100
    )
    skills: discord.ui.TextInput[ProfileForm] = discord.ui.TextInput(
        label="Skills", placeholder="python, pytorch, llm", required=False, max_length=300
    )
    certifications: discord.ui.TextInput[ProfileForm] = discord.ui.TextInput(
        label="Certifications", placeholder="AWS ML Specialty", required=False, max_length=300
    )

    def __init__(self, profile: Profile | None) -> None:
        super().__init__(timeout=600)
        for name, value in form_defaults(profile).items():
            getattr(self, name).default = value or None

    async def on_submit(self, interaction: discord.Interaction) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        sent = set(submitted_ids(data.get("components")))
        if not any(getattr(self, name).custom_id in sent for name in FORM_FIELDS):
            # Only a box that came back empty clears its field; no box at all changes nothing.
            await interaction.response.send_message(
                "The form came back without any fields, so your profile is unchanged.",
                ephemeral=True,
            )
            return
        given: dict[str, Any] = {}
        cleared: dict[str, Any] = {}
        for name in ("role", "location", "skills", "certifications"):
            if getattr(self, name).custom_id not in sent:
                continue
            text = getattr(self, name).value.strip()
            if text:
                given[name] = text
            else:
                cleared[name] = [] if name in fields.LIST_FIELDS else None
        experience = self.experience.value.strip()
        if self.experience.custom_id not in sent:
            pass  # not in the submission: years and level stay as they are
        elif experience:
            # Anything number-like is years, so "-1" gets the years message, not the levels one.
            given["years" if re.match(r"[-+]?\d", experience) else "level"] = experience
        else:
            cleared.update(years=None, level=None)
        update = profile_update(given)
        merged = ProfileUpdate(**{**cleared, **update.changes()})
        await save_and_show(ours(interaction), merged)

    async def on_error(self, interaction: Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class ProfileCog(commands.Cog, name="Profile"):
    profile = app_commands.Group(name="profile", description="Your saved salary profile")

    def __init__(self, bot: SalaryBot) -> None:
        self.bot = bot

    @salary_command(
        "set",
        "Save options every command then uses (none: open a form)",
        group=profile,
        public_means="Show my answers to the channel by default (where the server allows it)",
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

    @profile.command(name="show", description="What I have saved about you")
    async def show(self, interaction: Interaction) -> None:
        profile = await self.bot.store.profiles.get(interaction.user.id)
        await interaction.response.send_message(embed=profile_embed(profile), ephemeral=True)

    @profile.command(
        name="export", description="Everything stored about you, as a JSON file sent only to you"
    )
    async def export(self, interaction: Interaction) -> None:
        data = await self.bot.store.export_user(interaction.user.id)
        payload = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()
        file = discord.File(io.BytesIO(payload), filename=f"salary-bot-{interaction.user.id}.json")
        await interaction.response.send_message(
            "Everything I store about you.", file=file, ephemeral=True
        )

    @profile.command(name="delete", description="Erase your profile and query history (asks first)")
    async def delete(self, interaction: Interaction) -> None:
        view = ConfirmDelete(interaction.user.id)
        await interaction.response.send_message(
            "Delete your profile and all your saved queries? This cannot be undone.",
            view=view,
            ephemeral=True,
        )
        view.origin = interaction


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(ProfileCog(bot))
