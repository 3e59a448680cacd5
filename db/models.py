"""Typed shapes of everything the store keeps. Values are validated elsewhere; these bound them.

Profiles take their fields from the salary field declaration, a pure module with no imports
of ours, so a new salary field reaches the store without a second declaration.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from bot.salary.fields import LIST_FIELDS, SalaryFields

Snowflake = Annotated[int, Field(ge=0, lt=2**63)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Profile(SalaryFields):
    """A person's saved answers to the salary fields, with their privacy wish."""

    user_id: Snowflake
    # None means "follow the server default" (GuildSettings.public_answers).
    private: bool | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime


class ProfileUpdate(SalaryFields):
    """A partial change. Only fields passed explicitly change; passing None clears a field.

    ProfileUpdate(location="berlin") keeps everything else;
    ProfileUpdate(location=None) clears the location.
    """

    private: bool | None = None

    @field_validator(*LIST_FIELDS, mode="before")
    @classmethod
    def _cleared_list(cls, value: Any) -> Any:
        # Lists are never NULL: clearing one stores an empty list.
        return () if value is None else value

    def changes(self) -> dict[str, Any]:
        """The explicitly given fields, lists as lists."""
        out: dict[str, Any] = {}
        for name in sorted(self.model_fields_set):
            value = getattr(self, name)
            out[name] = list(value) if name in LIST_FIELDS else value
        return out


class HistoryEntry(_Frozen):
    id: int
    user_id: Snowflake
    query: dict[str, Any]
    headline: dict[str, Any]
    created_at: AwareDatetime


class GuildSettings(_Frozen):
    guild_id: Snowflake
    public_answers: bool = False
    career_channel_id: Snowflake | None = None
    community_features: bool = True
    # Pool shared pay with other opted-in servers; take /share submissions at all.
    shared_pool: bool = False
    pay_sharing: bool = True
    # None until the server changes a setting.
    updated_at: AwareDatetime | None = None


class GuildSettingsUpdate(_Frozen):
    """Validates guilds.update(**changes): unknown names and bad values are rejected."""

    public_answers: bool | None = None
    career_channel_id: Snowflake | None = None
    community_features: bool | None = None
    shared_pool: bool | None = None
    pay_sharing: bool | None = None

    def changes(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in sorted(self.model_fields_set)}
        for flag in ("public_answers", "community_features", "shared_pool", "pay_sharing"):
            if flag in out and out[flag] is None:
                raise ValueError(f"{flag} must be true or false")
        return out
