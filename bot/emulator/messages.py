"""The messages interactions produce: created, edited and given attachments as Discord does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.emulator import payloads
from bot.emulator.records import COMPONENTS_V2, InteractionRecord, StoredFile, StoredMessage, walk
from bot.emulator.wire import DiscordError, Json, Upload

SUPPRESS_EMBEDS_FLAG = 4
LOADING_FLAG = 128
ATTACHMENT_URL = "attachment://"


@dataclass(kw_only=True, eq=False)
class MessageStore:
    """Every message the bot made, by id; `base_url` is where attachments are served from."""

    ids: payloads.SnowflakeFactory
    author: Json
    application_id: int
    base_url: Callable[[], str]
    messages: dict[int, StoredMessage] = field(default_factory=dict, init=False)

    def get(self, message_id: int | None) -> StoredMessage:
        if message_id is None or message_id not in self.messages:
            raise DiscordError(404, 10008, "Unknown Message")
        return self.messages[message_id]

    def delete(self, message: StoredMessage) -> None:
        del self.messages[message.id]

    def create(self, record: InteractionRecord, data: Json, files: list[Upload]) -> StoredMessage:
        check_media(data, {filename for filename, _, _ in files})
        message_id = self.ids.next()
        stored_files = self.store_files(files)
        guild_id = record.payload.get("guild_id")
        payload = payloads.message(
            message_id=message_id,
            channel_id=int(record.payload["channel_id"]),
            author=self.author,
            body=data,
            application_id=self.application_id,
            interaction_id=record.id,
            invoking_user=invoking_user(record),
            guild_id=int(guild_id) if guild_id else None,
            attachments=[self.attachment(stored) for stored in stored_files],
        )
        message = StoredMessage(
            id=message_id, payload=payload, files=stored_files, requests=[dict(data)]
        )
        self.messages[message_id] = message
        record.touch(message_id)
        return message

    def edit(
        self, record: InteractionRecord, message: StoredMessage, data: Json, files: list[Upload]
    ) -> StoredMessage:
        check_card_edit(message, data, files)
        for key in ("content", "embeds", "components"):
            if key in data:
                message.payload[key] = (
                    data[key] if data[key] is not None else ([] if key != "content" else "")
                )
        flags = int(message.payload["flags"])
        if "flags" in data and data["flags"] is not None:
            # Only SUPPRESS_EMBEDS may change, and COMPONENTS_V2 be set (a "thinking…"
            # placeholder becoming a card); ephemerality is fixed at creation.
            asked = int(data["flags"])
            flags = (flags & ~SUPPRESS_EMBEDS_FLAG) | (
                asked & (SUPPRESS_EMBEDS_FLAG | COMPONENTS_V2)
            )
        message.payload["flags"] = flags & ~LOADING_FLAG  # no longer "thinking"
        if "attachments" in data:
            keep = {str(item.get("id")) for item in data["attachments"] or []}
            message.files = [
                stored for stored in message.files if str(stored.attachment_id) in keep
            ]
        message.files += self.store_files(files)
        message.payload["attachments"] = [self.attachment(stored) for stored in message.files]
        message.payload["edited_timestamp"] = payloads.iso_now()
        message.edits += 1
        message.requests.append(dict(data))
        record.touch(message.id)
        return message

    def store_files(self, files: list[Upload]) -> list[StoredFile]:
        return [
            StoredFile(self.ids.next(), filename, content, content_type)
            for filename, content, content_type in files
        ]

    def attachment(self, stored: StoredFile) -> Json:
        url = f"{self.base_url()}/attachments/{stored.attachment_id}/{stored.filename}"
        return {
            "id": str(stored.attachment_id),
            "filename": stored.filename,
            "size": len(stored.data),
            "url": url,
            "proxy_url": url,
            "content_type": stored.content_type or None,
        }


def invoking_user(record: InteractionRecord) -> Json:
    """The user who caused the interaction: under `member` in a guild, `user` in a DM."""
    payload = record.payload
    if isinstance(payload.get("member"), dict) and "user" in payload["member"]:
        return dict(payload["member"]["user"])
    if isinstance(payload.get("user"), dict):
        return dict(payload["user"])
    # Discord always sends one of them; a hand-made payload without is a mistake to report.
    raise DiscordError(
        400, 50035, f"interaction {record.id} has neither member nor user: no author to show"
    )


def check_media(body: Json, filenames: set[str]) -> None:
    """A card's attachment://NAME must name a file the message has, or Discord refuses it."""
    for component in walk(body.get("components") or []):
        media = [item.get("media") or {} for item in component.get("items") or []]
        media += [component.get(key) or {} for key in ("media", "file")]
        for item in media:
            url = str(item.get("url") or "")
            if url.startswith(ATTACHMENT_URL) and url[len(ATTACHMENT_URL) :] not in filenames:
                raise DiscordError(
                    400,
                    50035,
                    "Invalid Form Body",
                    {"components": {"_errors": [{"code": "UNFURLED_MEDIA_ATTACHMENT_NOT_FOUND"}]}},
                )


def check_card_edit(message: StoredMessage, data: Json, files: list[Upload]) -> None:
    """A card stays a card: no content or embeds join it, and its pictures name its files."""
    card = message.components_v2 or bool(int(data.get("flags") or 0) & COMPONENTS_V2)
    if card and (data.get("content") or data.get("embeds")):
        raise DiscordError(
            400,
            50035,
            "Invalid Form Body",
            {
                "content": {
                    "_errors": [{"code": "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2"}]
                }
            },
        )
    if "attachments" in data:
        kept = {str(item.get("id")) for item in data["attachments"] or []}
        names = {f.filename for f in message.files if str(f.attachment_id) in kept}
    else:
        names = {f.filename for f in message.files}
    names |= {filename for filename, _, _ in files}
    body = data if "components" in data else message.payload
    check_media(body, names)
