"""Messages people type in channels and DMs, and the bot's own messages there (its replies).

Delivered as Discord delivers MESSAGE_CREATE: only with the GUILD_MESSAGES intent (servers)
or DIRECT_MESSAGES (DMs), and, without the privileged MESSAGE_CONTENT intent, with the text,
embeds, attachments and components emptied except in DMs with the bot, in messages that
mention it, and in its own messages. The bot's POST /channels/{id}/messages is checked as
Discord checks it: a known channel, and a message_reference to a message in that channel.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.emulator import payloads
from bot.emulator.gateway import Gateway
from bot.emulator.messages import MessageStore, check_media
from bot.emulator.records import StoredMessage
from bot.emulator.wire import DiscordError, Json, Upload

GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
DEFAULT_MESSAGE, REPLY_MESSAGE = 0, 19
# What Discord empties for an app without the Message Content intent.
CONTENT_FIELDS = {"content": "", "embeds": [], "attachments": [], "components": []}


def as_delivered(message: Json, intents: int, bot_id: int) -> Json | None:
    """MESSAGE_CREATE as the bot receives it, or None when its intents leave it out."""
    in_dm = "guild_id" not in message
    if not intents & (DIRECT_MESSAGES if in_dm else GUILD_MESSAGES):
        return None
    mentioned = any(int(user["id"]) == bot_id for user in message.get("mentions") or [])
    own = int(message["author"]["id"]) == bot_id
    if in_dm or mentioned or own or intents & MESSAGE_CONTENT:
        return message
    return {**message, **CONTENT_FIELDS}


@dataclass
class PostedMessage:
    """A message a person sent, as the bot received it, and the bot's replies to it."""

    payload: Json
    delivered: Json | None
    replies: list[StoredMessage] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    async def replied(self, message: StoredMessage) -> None:
        async with self._changed:
            self.replies.append(message)
            self._changed.notify_all()

    async def wait_reply(self, timeout: float = 10.0) -> StoredMessage:
        """The bot's first reply to this message."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: bool(self.replies)), timeout)
        return self.replies[0]

    async def no_reply(self, within: float = 0.5) -> None:
        """Fails when the bot replies within `within` seconds."""
        await asyncio.sleep(within)
        assert not self.replies, f"unexpected reply: {self.replies[0].text()!r}"


class ChannelMessages:
    """What people say in channels and DMs, and what the bot says back there."""

    def __init__(
        self,
        *,
        store: MessageStore,
        gateway: Gateway,
        bot_user: Json,
        channel_guild: Callable[[int], int | None],
    ) -> None:
        self.store = store
        self.gateway = gateway
        self.bot_user = bot_user
        self.bot_id = int(bot_user["id"])
        # The guild of a channel id (None for a DM); raises DiscordError for an unknown one.
        self._channel_guild = channel_guild
        self.posted: dict[int, PostedMessage] = {}

    async def say(
        self,
        author: Json,
        channel_id: int,
        content: str,
        *,
        mention_bot: bool = False,
        reply_to: Json | None = None,
    ) -> PostedMessage:
        """A person sends `content`; the bot gets MESSAGE_CREATE as its intents allow."""
        guild_id = self._channel_guild(channel_id)
        message = payloads.user_message(
            message_id=self.store.ids.next(),
            channel_id=channel_id,
            author=author,
            content=content,
            guild_id=guild_id,
        )
        if mention_bot:
            message["mentions"] = [self.bot_user]
        if reply_to is not None:
            _refer(message, reply_to, guild_id)
        session = self.gateway.session_for(guild_id)
        delivered = None
        if session is not None:
            delivered = as_delivered(message, session.intents, self.bot_id)
        posted = PostedMessage(payload=message, delivered=delivered)
        self.posted[posted.id] = posted
        if delivered is not None:
            await self.gateway.dispatch("MESSAGE_CREATE", delivered)
        return posted

    def find(self, channel_id: int, message_id: int) -> Json | None:
        """A message in the channel, a person's or the bot's."""
        posted = self.posted.get(message_id)
        if posted is not None and posted.payload["channel_id"] == str(channel_id):
            return posted.payload
        stored = self.store.messages.get(message_id)
        if stored is not None and stored.payload["channel_id"] == str(channel_id):
            return stored.payload
        return None

    async def create(self, channel_id: int, body: Json, files: list[Upload]) -> StoredMessage:
        """The bot's POST /channels/{id}/messages."""
        guild_id = self._channel_guild(channel_id)
        if not any(body.get(key) for key in ("content", "embeds", "components")) and not files:
            raise DiscordError(400, 50006, "Cannot send an empty message")
        check_media(body, {filename for filename, _, _ in files})
        reference = body.get("message_reference")
        referenced = None
        if reference is not None:
            referenced = self.find(channel_id, int(reference.get("message_id") or 0))
            if referenced is None and reference.get("fail_if_not_exists", True):
                raise DiscordError(
                    400,
                    50035,
                    "Invalid Form Body",
                    {"message_reference": {"_errors": [{"code": "REPLIES_UNKNOWN_MESSAGE"}]}},
                )
        message_id = self.store.ids.next()
        stored_files = self.store.store_files(files)
        payload = payloads.message(
            message_id=message_id,
            channel_id=channel_id,
            author=self.bot_user,
            body=body,
            application_id=0,
            interaction_id=None,
            invoking_user=None,
            guild_id=guild_id,
            attachments=[self.store.attachment(stored) for stored in stored_files],
        )
        # Not a webhook's or an interaction's message: the bot wrote it in the channel.
        payload.pop("webhook_id", None)
        payload.pop("application_id", None)
        if referenced is not None:
            _refer(payload, referenced, guild_id)
        message = StoredMessage(
            id=message_id, payload=payload, files=stored_files, requests=[dict(body)]
        )
        self.store.messages[message_id] = message
        if referenced is not None and (posted := self.posted.get(int(referenced["id"]))):
            await posted.replied(message)
        return message


def _refer(message: Json, referenced: Json, guild_id: int | None) -> None:
    """Make `message` a reply to `referenced`, as Discord shapes one."""
    message["type"] = REPLY_MESSAGE
    message["message_reference"] = {
        "type": 0,
        "message_id": referenced["id"],
        "channel_id": referenced["channel_id"],
        **({"guild_id": str(guild_id)} if guild_id is not None else {}),
    }
    message["referenced_message"] = {
        key: value for key, value in referenced.items() if key != "referenced_message"
    }
