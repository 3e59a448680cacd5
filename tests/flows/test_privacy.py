"""Who sees an answer, decided as a pure function: one row per rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.flows.privacy import decide_visibility
from db.models import GuildSettings, Profile

CAREER = 555
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def profile(private: bool | None) -> Profile:
    return Profile(user_id=1, private=private, created_at=NOW, updated_at=NOW)


def server(
    public: bool = False, career: int | None = None, community: bool = True
) -> GuildSettings:
    return GuildSettings(
        guild_id=9, public_answers=public, career_channel_id=career, community_features=community
    )


# (where, channel, asked public, profile's private wish, server settings) -> ephemeral, note?
CASES = [
    ("dm", None, None, None, None, False, False),
    ("dm", None, True, True, None, False, False),
    ("group_dm", None, None, None, None, True, False),
    ("group_dm", None, True, None, None, False, False),
    ("guild", 1, None, None, None, True, False),
    ("guild", 1, None, None, server(public=True), False, False),
    ("guild", 1, False, None, server(public=True), True, False),
    ("guild", 1, None, True, server(public=True), True, False),
    ("guild", 1, None, False, server(), False, False),
    ("guild", 1, True, True, server(), False, False),
    ("guild", 1, True, None, server(community=False), True, True),
    ("guild", 1, True, None, server(career=CAREER), True, True),
    ("guild", CAREER, True, None, server(career=CAREER), False, False),
    ("guild", 1, False, None, server(career=CAREER), True, False),
]


@pytest.mark.parametrize(
    ("where", "channel", "asked", "private", "settings", "ephemeral", "has_note"), CASES
)
def test_visibility_rules(
    where: str,
    channel: int | None,
    asked: bool | None,
    private: bool | None,
    settings: GuildSettings | None,
    ephemeral: bool,
    has_note: bool,
) -> None:
    visibility = decide_visibility(
        in_guild=where == "guild",
        in_group_dm=where == "group_dm",
        channel_id=channel,
        requested_public=asked,
        profile=None if private is None else profile(private),
        settings=settings,
    )
    assert visibility.ephemeral is ephemeral
    assert (visibility.note is not None) is has_note


def test_career_channel_note_names_the_channel() -> None:
    visibility = decide_visibility(
        in_guild=True,
        channel_id=1,
        requested_public=True,
        profile=None,
        settings=server(career=CAREER),
    )
    assert visibility.note is not None and f"<#{CAREER}>" in visibility.note
