"""Builders for the JSON objects Discord sends: users, guilds, channels, messages, interactions.

Shapes follow Discord's API v10 documentation; only the fields discord.py 2.7 reads are filled.
"""

from __future__ import annotations

import itertools
import threading
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# discord.py 2.7 reads attachment_size_limit from every interaction; 10 MiB is the free-tier limit.
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

CHANNEL_GUILD_TEXT = 0
CHANNEL_DM = 1

CONTEXT_GUILD = 0
CONTEXT_BOT_DM = 1


Json = dict[str, Any]


class SnowflakeFactory:
    """Monotonic snowflakes with a real timestamp part, safe to share between threads."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            increment = next(self._counter) & 0xFFF
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (millis << 22) | (1 << 17) | increment


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int, username: str, *, bot: bool = False) -> Json:
    return {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": username,
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def member(user_payload: Json, *, permissions: int) -> Json:
    return {
        "user": user_payload,
        "nick": None,
        "roles": [],
        "joined_at": iso_now(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": str(permissions),
    }


def text_channel(channel_id: int, guild_id: int, name: str) -> Json:
    return {
        "id": str(channel_id),
        "type": CHANNEL_GUILD_TEXT,
        "guild_id": str(guild_id),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


def dm_channel(channel_id: int, recipient: Json) -> Json:
    return {"id": str(channel_id), "type": CHANNEL_DM, "recipients": [recipient]}


def guild(guild_id: int, name: str, owner_id: int, channels: list[Json], bot_member: Json) -> Json:
    return {
        "id": str(guild_id),
        "name": name,
        "icon": None,
        "owner_id": str(owner_id),
        "roles": [
            {
                "id": str(guild_id),
                "name": "@everyone",
                "color": 0,
                "hoist": False,
                "position": 0,
                "permissions": "1071698660929",
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "emojis": [],
        "stickers": [],
        "features": [],
        "channels": channels,
        "threads": [],
        "members": [bot_member],
        "member_count": 2,
        "large": False,
        "unavailable": False,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "nsfw_level": 0,
        "system_channel_flags": 0,
        "joined_at": iso_now(),
    }


def message(
    *,
    message_id: int,
    channel_id: int,
    author: Json,
    body: Json,
    application_id: int,
    interaction_id: int | None,
    invoking_user: Json | None,
    guild_id: int | None,
    attachments: list[Json],
) -> Json:
    """A message as Discord returns it after the bot created or edited it: a typed message's
    fields, with what only an application's message has."""
    payload = user_message(
        message_id=message_id,
        channel_id=channel_id,
        author=author,
        content=body.get("content") or "",
        guild_id=guild_id,
    )
    payload.update(
        attachments=attachments,
        embeds=body.get("embeds") or [],
        components=body.get("components") or [],
        type=20 if interaction_id is not None else 0,
        flags=int(body.get("flags") or 0),
        webhook_id=str(application_id),
        application_id=str(application_id),
    )
    if interaction_id is not None and invoking_user is not None:
        payload["interaction_metadata"] = {
            "id": str(interaction_id),
            "type": 2,
            "user": invoking_user,
            "authorizing_integration_owners": {},
        }
    return payload


def user_message(
    *, message_id: int, channel_id: int, author: Json, content: str, guild_id: int | None
) -> Json:
    """A message a person typed in a channel, as Discord sends it in resolved.messages."""
    payload: Json = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
    }
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
    return payload
