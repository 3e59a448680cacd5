"""The profile form and the delete confirmation."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.flows.profile import profile_update, save_and_show
from bot.interaction import Interaction, ours
from bot.render.account import deleted_text
from bot.render.names import name_of
from bot.render.words import N_, _, ngettext
from bot.salary import fields, taxonomy
from bot.salary.errors import QueryError
from bot.salary.query import parse_query
from bot.ui.base import Form, OwnedItem, TimeoutView
from bot.ui.forms import (
    Choice,
    custom_id_of,
    pick_list,
    picked,
    picked_one,
    submitted_ids,
    text_box,
    typed,
)
from db.models import Profile, ProfileUpdate

log = logging.getLogger(__name__)


# Exact years offered beside the levels: 4 levels and 0-20 years fill a list's 25 options.
YEAR_CHOICES = range(21)


def experience_choices(saved_years: int | None) -> list[Choice]:
    """The levels, then exact years; saved years beyond the list take the last place."""
    counts = list(YEAR_CHOICES)
    if saved_years is not None and saved_years not in counts:
        counts[-1] = saved_years
    levels = [
        Choice(f"level:{level.key}", name_of("level", level.key)) for level in taxonomy.LEVELS
    ]
    years = [
        Choice(f"years:{count}", ngettext("{count} year", "{count} years", count))
        for count in counts
    ]
    return levels + years


def _choices(kind: str) -> list[Choice]:
    return [Choice(key, name_of(kind, key)) for key in taxonomy.keys(kind)]


def location_text(key: str) -> str:
    """A saved place as the form shows it: in the reader's words where those read back to the
    same place, else by its English name, which always does."""
    shown = name_of("location", key)
    try:
        same = parse_query(location=shown).location == key
    except QueryError:
        same = False
    return shown if same else taxonomy.label("location", key)


def form_defaults(profile: Profile | None) -> dict[str, list[str] | str]:
    """What the form shows as already given: picked keys, or the words a person reads."""
    if profile is None:
        return {}
    if profile.years is not None:
        experience = [f"years:{profile.years}"]
    else:
        experience = [f"level:{profile.level}"] if profile.level else []
    return {
        "role": [profile.role] if profile.role else [],
        "experience": experience,
        "location": location_text(profile.location) if profile.location else "",
        "skills": list(profile.skills),
        "certifications": list(profile.certifications),
    }


FORM_FIELDS = ("role", "experience", "location", "skills", "certifications")


PROFILE_TITLE = N_("Your salary profile")


class ProfileForm(Form, title=PROFILE_TITLE):
    """Role, experience, skills and certifications picked; only the location is typed."""

    def __init__(self, profile: Profile | None) -> None:
        super().__init__()
        self.title = _(PROFILE_TITLE)
        shown = form_defaults(profile)

        def listed(text: str, name: str, kind: str, *, many: bool = False) -> discord.ui.Label[Any]:
            """A list of the taxonomy's keys of `kind`, the saved ones picked."""
            chosen = shown.get(name, [])
            return pick_list(text, _choices(kind), custom_id=name, chosen=chosen, many=many)

        self.role = listed(_("Role"), "role", "role")
        self.experience = pick_list(
            _("Experience"),
            experience_choices(profile.years if profile else None),
            custom_id="experience",
            chosen=shown.get("experience", []),
            description=_("A level, or your years of experience"),
        )
        self.location = text_box(
            _("Location"),
            custom_id="location",
            placeholder=_("Seattle, Germany, remote..."),
            default=str(shown.get("location", "")),
            max_length=100,
        )
        self.skills = listed(_("Skills"), "skills", "skill", many=True)
        self.certifications = listed(
            _("Certifications"), "certifications", "certification", many=True
        )
        for name in FORM_FIELDS:
            self.add_item(getattr(self, name))

    def _changes(self, sent: set[str]) -> tuple[dict[str, Any], dict[str, Any]]:
        """What was given and what was cleared, from the fields the submission holds."""
        given: dict[str, Any] = {}
        cleared: dict[str, Any] = {}
        for name in ("role", "skills", "certifications"):
            if custom_id_of(getattr(self, name)) not in sent:
                continue
            values = picked(getattr(self, name), name)
            if values:
                given[name] = values[0] if name == "role" else values
            else:
                cleared[name] = [] if name in fields.LIST_FIELDS else None
        if custom_id_of(self.location) in sent:
            text = typed(self.location).strip()
            if text:
                given["location"] = text
            else:
                cleared["location"] = None
        if custom_id_of(self.experience) in sent:
            choice = picked_one(self.experience, "experience")
            if choice is None:
                cleared.update(years=None, level=None)
            else:
                kind, _, value = choice.partition(":")
                given[kind] = value
        return given, cleared

    async def on_submit(self, interaction: discord.Interaction) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        sent = set(submitted_ids(data.get("components")))
        if not any(custom_id_of(getattr(self, name)) in sent for name in FORM_FIELDS):
            # Only a field that came back empty clears it; no field at all changes nothing.
            await interaction.response.send_message(
                _("The form came back without any fields, so your profile is unchanged."),
                ephemeral=True,
            )
            return
        given, cleared = self._changes(sent)
        update = profile_update(given)
        merged = ProfileUpdate(**{**cleared, **update.changes()})
        await save_and_show(ours(interaction), merged)


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


DELETE_LABELS = {"yes": N_("Delete everything"), "no": N_("Cancel")}


class DeleteButton(
    OwnedItem[discord.ui.Button[Any]],
    template=r"del:(?P<action>yes|no):(?P<owner>[0-9]{1,20})",
):
    """Only the person who asked can press it; anyone else is told so, privately."""

    spends_budget = False
    not_yours = N_("That question was for someone else; nothing was deleted.")

    def __init__(self, action: str, owner: int) -> None:
        style = discord.ButtonStyle.danger if action == "yes" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=_(DELETE_LABELS[action]), style=style, custom_id=f"del:{action}:{owner}"
            )
        )
        self.action, self.owner = action, owner

    @classmethod
    def rebuild(cls, match: re.Match[str], item: discord.ui.Item[Any], *ids: int) -> DeleteButton:
        (owner,) = ids
        return cls(match["action"], owner)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DeleteButton:
        button = await super().from_custom_id(interaction, item, match)
        # An unreadable owner (0) matches nobody, so it is refused like someone else's button.
        button.readable = True
        return button

    async def press(self, interaction: Interaction) -> None:
        if self.action == "yes":
            removed = await interaction.client.store.delete_user(self.owner)
            content = deleted_text(removed)
        else:
            content = _("Nothing was deleted.")
        await interaction.response.edit_message(content=content, embed=None, view=None)
