"""Typed shapes of everything the store keeps. Values are validated elsewhere; these bound them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

# Bounds keep one user from bloating the database; the bot validates meaning (taxonomy keys).
Text = Annotated[str, Field(max_length=200)]
TextList = Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=50)]
Snowflake = Annotated[int, Field(ge=0, lt=2**63)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Profile(_Frozen):
    user_id: Snowflake
    role: Text | None = None
    years: Annotated[int, Field(ge=0, le=80)] | None = None
    level: Text | None = None
    location: Text | None = None
    industry: Text | None = None
    education: Text | None = None
    certifications: TextList = Field(default_factory=list)
    skills: TextList = Field(default_factory=list)
    company_type: Text | None = None
    currency: Text | None = None
    remote: bool | None = None
    # None means "follow the server default" (GuildSettings.public_answers).
    private: bool | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime


class ProfileUpdate(_Frozen):
    """A partial change. Only fields passed explicitly change; passing None clears a field.

    ProfileUpdate(location="berlin") keeps everything else;
    ProfileUpdate(location=None) clears the location.
    """

    role: Text | None = None
    years: Annotated[int, Field(ge=0, le=80)] | None = None
    level: Text | None = None
    location: Text | None = None
    industry: Text | None = None
    education: Text | None = None
    certifications: TextList | None = None
    skills: TextList | None = None
    company_type: Text | None = None
    currency: Text | None = None
    remote: bool | None = None
    private: bool | None = None

    def changes(self) -> dict[str, Any]:
        """The explicitly given fields; a cleared list becomes [] (lists are never NULL)."""
        out: dict[str, Any] = {}
        for name in sorted(self.model_fields_set):
            value = getattr(self, name)
            if value is None and name in ("certifications", "skills"):
                value = []
            out[name] = value
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
    # None until the server changes a setting.
    updated_at: AwareDatetime | None = None


class GuildSettingsUpdate(_Frozen):
    """Validates guilds.update(**changes): unknown names and bad values are rejected."""

    public_answers: bool | None = None
    career_channel_id: Snowflake | None = None
    community_features: bool | None = None

    def changes(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in sorted(self.model_fields_set)}
        for flag in ("public_answers", "community_features"):
            if flag in out and out[flag] is None:
                raise ValueError(f"{flag} must be true or false")
        return out
