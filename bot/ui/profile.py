"""The profile form and the delete confirmation."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import discord

from bot.flows.errors import report_error
from bot.flows.profile import profile_update, save_and_show
from bot.interaction import Interaction, ours
from bot.render.account import deleted_text
from bot.salary import fields, taxonomy
from bot.ui.base import OwnedItem, TimeoutView, read_ids
from db.models import Profile, ProfileUpdate

log = logging.getLogger(__name__)


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


class ConfirmDelete(TimeoutView):
    """Delete everything, or cancel; persistent, so a restart in between still answers."""

    def __init__(self, owner: int) -> None:
        super().__init__(timeout=60.0)
        self.add_item(DeleteButton("yes", owner))
        self.add_item(DeleteButton("no", owner))

    async def on_timeout(self) -> None:
        # Grey the buttons out only while the question is still unanswered.
        if self.origin is None:
            return
        try:
            message = await self.origin.original_response()
        except discord.HTTPException as error:
            log.info("could not look at an expired confirmation: %s", error)
            return
        if message.components:
            await super().on_timeout()


DELETE_LABELS = {"yes": "Delete everything", "no": "Cancel"}


class DeleteButton(
    OwnedItem[discord.ui.Button[Any]],
    template=r"del:(?P<action>yes|no):(?P<owner>[0-9]{1,20})",
):
    """Only the person who asked can press it; anyone else is told so, privately."""

    spends_budget = False
    not_yours = "That question was for someone else; nothing was deleted."

    def __init__(self, action: str, owner: int) -> None:
        style = discord.ButtonStyle.danger if action == "yes" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=DELETE_LABELS[action], style=style, custom_id=f"del:{action}:{owner}"
            )
        )
        self.action, self.owner = action, owner

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DeleteButton:
        # An unreadable owner matches nobody, so it is refused like someone else's button.
        (owner,), _ = read_ids(match, "owner")
        return cls(match["action"], owner)

    async def press(self, interaction: Interaction) -> None:
        if self.action == "yes":
            removed = await interaction.client.store.delete_user(self.owner)
            content = deleted_text(removed)
        else:
            content = "Nothing was deleted."
        await interaction.response.edit_message(content=content, embed=None, view=None)
