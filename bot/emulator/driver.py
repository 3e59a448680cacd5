"""What a person does in Discord, done to the emulator: run a slash command, type into an
autocompleted option, press a button, pick from a select, submit a modal.

Options are typed from the commands the bot itself synced, so a wrong option name or type
fails here exactly as the Discord client would refuse it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.emulator import payloads
from bot.emulator.channel_messages import PostedMessage
from bot.emulator.form_answers import Answer, modal_submission
from bot.emulator.records import InteractionRecord, StoredMessage
from bot.emulator.server import EmulatedUser, EmulatorServer, Place
from bot.emulator.usage import UsageError

Json = dict[str, Any]

APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

# Application command types.
CHAT_INPUT, USER_COMMAND, MESSAGE_COMMAND = 1, 2, 3

SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = 3, 4, 5, 6, 7, 8, 9, 10

# Permissions a member normally has; admins add Manage Server (1 << 5) and Administrator (1 << 3).
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31)
ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | (1 << 3) | (1 << 5)
APP_PERMISSIONS = MEMBER_PERMISSIONS
MAX_MESSAGE = 2000  # characters Discord's client lets a person send


class Driver:
    def __init__(self, server: EmulatorServer) -> None:
        self.server = server

    # ----------------------------------------------------------------- sending

    async def slash(
        self, user: EmulatedUser, place: Place, command: str, options: dict[str, Any] | None = None
    ) -> InteractionRecord:
        """Run `/command [subcommand] option:value ...` and return its record (not yet settled)."""
        data = self.command_data(place, command, options or {})
        return await self.send_raw(APPLICATION_COMMAND, user, place, data)

    async def message_command(
        self, user: EmulatedUser, place: Place, name: str, target: Json
    ) -> InteractionRecord:
        """Right-click `target` (a message from `server.post`) and pick the app command `name`.

        Discord sends an APPLICATION_COMMAND with data.type 3, the target's id and the
        message itself under resolved.messages.
        """
        catalogue = self.server.commands_for(place.guild_id)
        command = next(
            (c for c in catalogue if c["name"] == name and c.get("type") == MESSAGE_COMMAND),
            None,
        )
        if command is None:
            menus = [c["name"] for c in catalogue if c.get("type") == MESSAGE_COMMAND]
            raise UsageError(
                f"no message command {name!r} (message commands: {', '.join(menus) or 'none'})"
            )
        if target.get("channel_id") != str(place.channel_id):
            raise UsageError("that message is not in this channel")
        data: Json = {
            "id": command["id"],
            "name": command["name"],
            "type": MESSAGE_COMMAND,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        }
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]  # only for commands registered to a guild
        return await self.send_raw(APPLICATION_COMMAND, user, place, data)

    async def autocomplete(
        self, user: EmulatedUser, place: Place, command: str, options: dict[str, Any], focused: str
    ) -> list[Json]:
        """Type into option `focused`; returns the bot's suggestions."""
        data = self.command_data(place, command, options, focused=focused, partial=True)
        record = await self.send_raw(AUTOCOMPLETE, user, place, data)
        await record.wait_settled(timeout=5)
        return record.choices

    async def press(
        self, user: EmulatedUser, message: StoredMessage, label: str
    ) -> InteractionRecord:
        """Press the button whose label (or custom_id) is `label` on `message`."""
        for button in message.buttons():
            if label in (button.get("label"), button.get("custom_id")):
                if button.get("disabled"):
                    raise UsageError(f"the button {label!r} is disabled")
                if "custom_id" not in button:
                    raise UsageError(f"the button {label!r} is a link to {button.get('url')}")
                data = {"custom_id": button["custom_id"], "component_type": 2}
                return await self.send_raw(
                    MESSAGE_COMPONENT, user, self._place_of(message), data, message
                )
        labels = ", ".join(str(b.get("label")) for b in message.buttons()) or "none"
        raise UsageError(f"no button {label!r} on that message (buttons: {labels})")

    async def select(
        self,
        user: EmulatedUser,
        message: StoredMessage,
        values: list[str],
        custom_id: str | None = None,
    ) -> InteractionRecord:
        for menu in message.selects():
            if custom_id in (None, menu.get("custom_id")):
                if menu.get("type") == 3:
                    allowed = {option["value"] for option in menu.get("options") or []}
                    unknown = [value for value in values if value not in allowed]
                    if unknown:
                        raise UsageError(f"not in the menu: {', '.join(unknown)}")
                data = {
                    "custom_id": menu["custom_id"],
                    "component_type": menu["type"],
                    "values": values,
                }
                return await self.send_raw(
                    MESSAGE_COMPONENT, user, self._place_of(message), data, message
                )
        raise UsageError("no select menu on that message")

    async def submit_modal(
        self, user: EmulatedUser, place: Place, modal: Json, answers: Mapping[str, Answer]
    ) -> InteractionRecord:
        """Fill a modal the bot opened and submit it.

        `answers` maps a field's label (or custom_id) to text for a box, an option's label or
        value (or a list of them) for a list, true or false for a checkbox; fields left out
        are sent as shown. What the Discord client would refuse raises UsageError.
        """
        return await self.send_raw(MODAL_SUBMIT, user, place, modal_submission(modal, answers))

    async def send_dm(
        self, user: EmulatedUser, text: str, *, reply_to: StoredMessage | None = None
    ) -> PostedMessage:
        """`user` writes `text` in their DM with the bot (as a reply to one of its messages)."""
        return await self.send_message(user, self.server.dm(user), text, reply_to=reply_to)

    async def send_message(
        self,
        user: EmulatedUser,
        place: Place,
        text: str,
        *,
        mention_bot: bool | None = None,
        reply_to: StoredMessage | None = None,
    ) -> PostedMessage:
        """`user` writes `text` in `place`, mentioning the bot or not, or replying to its message.

        A mention puts the bot's tag in the text; a reply pings the author it answers (the
        mention without a tag) unless told not to, as Discord's client does.
        """
        if not text.strip():
            raise UsageError("Discord sends no empty message")
        if len(text) > MAX_MESSAGE:
            raise UsageError(f"a message holds at most {MAX_MESSAGE} characters")
        if reply_to is not None and reply_to.payload["channel_id"] != str(place.channel_id):
            raise UsageError("that message is not in this channel")
        mention = reply_to is not None if mention_bot is None else mention_bot
        tag = f"<@{self.server.application_id}>"
        if mention_bot and tag not in text:
            text = f"{tag} {text}"  # what the client writes when @ML Salary Bot is picked
        return await self.server.channel_messages.say(
            user.payload,
            place.channel_id,
            text,
            mention_bot=mention,
            reply_to=reply_to.payload if reply_to is not None else None,
        )

    # ----------------------------------------------------------------- options

    def command_data(
        self,
        place: Place,
        command: str,
        options: dict[str, Any],
        *,
        focused: str | None = None,
        partial: bool = False,
    ) -> Json:
        words = command.strip().lstrip("/").split()
        if not words:
            raise UsageError("type a command, for example /about")
        catalogue = {
            c["name"]: c
            for c in self.server.commands_for(place.guild_id)
            if c.get("type", CHAT_INPUT) == CHAT_INPUT
        }
        top = catalogue.get(words[0])
        if top is None:
            known = ", ".join("/" + name for name in sorted(catalogue)) or "none synced"
            raise UsageError(f"unknown command /{words[0]} (commands: {known})")
        data: Json = {"id": top["id"], "name": top["name"], "type": top.get("type", 1)}
        node, container = top, data
        for word in words[1:]:
            child = next(
                (
                    o
                    for o in node.get("options") or []
                    if o["name"] == word and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
                ),
                None,
            )
            if child is None:
                raise UsageError(
                    f"/{' '.join(words[: words.index(word)])} has no subcommand {word!r}"
                )
            nested: Json = {"name": child["name"], "type": child["type"], "options": []}
            container.setdefault("options", []).append(nested)
            node, container = child, nested
        subs = [
            o["name"]
            for o in node.get("options") or []
            if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
        ]
        if subs:
            raise UsageError(f"/{' '.join(words)} needs one of: {', '.join(subs)}")
        declared = {o["name"]: o for o in node.get("options") or []}
        built: list[Json] = []
        resolved: dict[str, dict[str, Json]] = {}
        for name, raw in options.items():
            spec = declared.get(name)
            if spec is None:
                raise UsageError(
                    f"/{' '.join(words)} has no option {name!r} (options: {', '.join(declared) or 'none'})"
                )
            option: Json = {
                "name": name,
                "type": spec["type"],
                "value": self._coerce(spec, raw, partial and name == focused),
            }
            if name == focused:
                option["focused"] = True
            if spec["type"] == CHANNEL:
                resolved.setdefault("channels", {})[str(option["value"])] = self._channel_for(
                    place, option["value"]
                )
            built.append(option)
        if not partial:
            missing = [
                o["name"]
                for o in declared.values()
                if o.get("required") and o["name"] not in options
            ]
            if missing:
                raise UsageError(f"/{' '.join(words)} needs: {', '.join(missing)}")
        container.setdefault("options", []).extend(built)
        if resolved:
            data["resolved"] = resolved
        return data

    @staticmethod
    def _coerce(spec: Json, raw: Any, focused: bool) -> Any:
        kind, name = spec["type"], spec["name"]
        if focused:
            return str(raw)  # Discord sends the half-typed text as-is
        text = str(raw)
        try:
            if kind == INTEGER:
                value: Any = int(text)
            elif kind == NUMBER:
                value = float(text)
            elif kind == BOOLEAN:
                lowered = text.lower()
                if lowered not in {"true", "false", "yes", "no", "1", "0"}:
                    raise ValueError
                value = lowered in {"true", "yes", "1"}
            elif kind in (CHANNEL, USER, ROLE, MENTIONABLE):
                value = str(int(text.strip("<#@&>")))
            else:
                value = text
        except ValueError:
            raise UsageError(
                f"option {name!r} takes {_TYPE_NAMES.get(kind, 'a value')}, not {text[:40]!r}"
            ) from None
        if kind in (INTEGER, NUMBER):
            low, high = spec.get("min_value"), spec.get("max_value")
            if (low is not None and value < low) or (high is not None and value > high):
                raise UsageError(f"option {name!r} must be between {low} and {high}")
        longest, shortest = int(spec.get("max_length", 6000)), int(spec.get("min_length", 0))
        if kind == STRING and not shortest <= len(value) <= longest:
            raise UsageError(f"option {name!r} must be {shortest}-{longest} characters")
        choices = spec.get("choices")
        if choices and not any(choice["value"] == value for choice in choices):
            names = ", ".join(str(choice["value"]) for choice in choices)
            raise UsageError(f"option {name!r} must be one of: {names}")
        return value

    def _channel_for(self, place: Place, channel_id: str) -> Json:
        guild = self.server.guilds.get(place.guild_id or 0)
        for channel in guild["channels"] if guild else []:
            if channel["id"] == str(channel_id):
                return {**channel, "permissions": str(APP_PERMISSIONS)}
        raise UsageError(f"no channel {channel_id} in this server")

    # ----------------------------------------------------------------- payloads

    def _place_of(self, message: StoredMessage) -> Place:
        guild_id = message.payload.get("guild_id")
        return Place(
            channel_id=int(message.payload["channel_id"]),
            guild_id=int(guild_id) if guild_id else None,
        )

    async def send_raw(
        self,
        kind: int,
        user: EmulatedUser,
        place: Place,
        data: Json,
        message: StoredMessage | None = None,
    ) -> InteractionRecord:
        """An interaction with `data` as given, unchecked: what a modified client sends."""
        payload = self.payload_for(user, place, data, message)
        record = self.server.new_interaction(kind, payload)
        if message is not None:
            record.source_message_id = message.id
        await self.server.dispatch("INTERACTION_CREATE", payload)
        return record

    def payload_for(
        self, user: EmulatedUser, place: Place, data: Json, message: StoredMessage | None = None
    ) -> Json:
        """The INTERACTION_CREATE body, without id, token and type (the server adds them).

        Like Discord it always names the person: `member` in a guild, `user` in a DM.
        """
        server = self.server
        payload: Json = {
            "application_id": str(server.application_id),
            "data": data,
            "version": 1,
            "channel_id": str(place.channel_id),
            "app_permissions": str(APP_PERMISSIONS),
            "locale": user.locale,
            "entitlements": [],
            "attachment_size_limit": payloads.ATTACHMENT_SIZE_LIMIT,
        }
        if place.guild_id is not None:
            guild = server.guilds[place.guild_id]
            channel = next(c for c in guild["channels"] if c["id"] == str(place.channel_id))
            permissions = ADMIN_PERMISSIONS if user.admin else MEMBER_PERMISSIONS
            payload.update(
                guild_id=str(place.guild_id),
                guild={"id": str(place.guild_id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                channel={**channel, "permissions": str(permissions)},
                member=payloads.member(user.payload, permissions=permissions),
                context=payloads.CONTEXT_GUILD,
                authorizing_integration_owners={"0": str(place.guild_id)},
            )
        else:
            channel = server.dm_channels[place.channel_id]
            payload.update(
                channel=channel,
                user=user.payload,
                context=payloads.CONTEXT_BOT_DM,
                authorizing_integration_owners={"0": "0"},
            )
        if message is not None:
            payload["message"] = message.payload
        return payload


_TYPE_NAMES = {
    INTEGER: "a whole number",
    NUMBER: "a number",
    BOOLEAN: "true or false",
    CHANNEL: "a channel",
}
