"""The console's messages: a line without "/" is a DM to the bot, or, in a server, a message
in the channel ("@bot ..." mentions the bot); "reply ..." answers the bot's last reply.
"""

from __future__ import annotations

from typing import Any, Protocol

from bot.emulator.driver import Driver, UsageError
from bot.emulator.records import StoredMessage
from bot.emulator.server import EmulatedUser, EmulatorServer, Place

MENTION = "@bot"
REPLY = "reply "
# How long a message the bot could read is given to be answered: some get no reply at all
# (a second "hello" in a few minutes), so the console does not wait as long as for commands.
REPLY_WAIT_S = 5.0
UNREAD = (
    "(the bot reads only messages that mention it in a server: start the line with @bot, "
    "or reply to its answer with 'reply ...')"
)


class Shows(Protocol):
    def show(self, message: StoredMessage) -> None: ...

    def say(self, text: str) -> None: ...


class Conversation:
    """What one console person writes as messages, and the bot's replies to them."""

    def __init__(self, driver: Driver, view: Shows) -> None:
        self.driver = driver
        self.view = view
        self.last_reply: StoredMessage | None = None

    async def send(self, user: EmulatedUser, place: Place, line: str) -> None:
        reply_to = None
        if line.lower().startswith(REPLY):
            if self.last_reply is None:
                raise UsageError("there is no answer of the bot's to reply to yet")
            reply_to, line = self.last_reply, line[len(REPLY) :]
            if reply_to.payload["channel_id"] != str(place.channel_id):
                raise UsageError("the bot's last reply is in another channel")
        mention = line.lower().startswith(MENTION)
        if mention:
            line = line[len(MENTION) :]
        if mention and place.guild_id is None:
            mention = False  # in a DM every message is for the bot
        posted = await self.driver.send_message(
            user, place, line.strip(), mention_bot=True if mention else None, reply_to=reply_to
        )
        delivered = posted.delivered
        try:
            answer = await posted.wait_reply(timeout=REPLY_WAIT_S if _read(delivered) else 0.3)
        except TimeoutError:
            self.view.say("(no reply)" if _read(delivered) else UNREAD)
            return
        self.view.show(answer)
        self.last_reply = answer


def _read(delivered: dict[str, Any] | None) -> bool:
    """Whether the bot got the message's text (a DM or a mention), as Discord gives it."""
    return delivered is not None and bool(delivered.get("content"))


def channel_by_name(server: EmulatorServer, place: Place, name: str) -> Place:
    """Another channel of the console's server, by name (with or without "#")."""
    guild = server.guilds.get(place.guild_id or 0)
    if guild is None:
        raise UsageError("channels are in a server: start the console with --server")
    wanted = name.strip().lstrip("#").lower()
    for index, channel in enumerate(guild["channels"]):
        if channel["name"] == wanted:
            return server.in_guild(guild, index)
    names = ", ".join(f"#{channel['name']}" for channel in guild["channels"])
    raise UsageError(f"no channel #{wanted} (channels: {names})")


def with_channel_ids(
    server: EmulatorServer, place: Place, options: dict[str, str]
) -> dict[str, str]:
    """Option values written "#careers" as the channel ids Discord's picker sends."""
    return {
        name: str(channel_by_name(server, place, value).channel_id)
        if value.startswith("#")
        else value
        for name, value in options.items()
    }
