"""The messages interactions produce: created, edited and given attachments as Discord does."""

from __future__ import annotations

from collections.abc import Callable

from bot.emulator import payloads
from bot.emulator.records import InteractionRecord, StoredFile, StoredMessage
from bot.emulator.wire import DiscordError, Json, Upload

SUPPRESS_EMBEDS_FLAG = 4
LOADING_FLAG = 128


class MessageStore:
    """Every message the bot made, by id; `base_url` is where attachments are served from."""

    def __init__(
        self,
        *,
        ids: payloads.SnowflakeFactory,
        author: Json,
        application_id: int,
        base_url: Callable[[], str],
    ) -> None:
        self.ids = ids
        self.author = author
        self.application_id = application_id
        self._base_url = base_url
        self.messages: dict[int, StoredMessage] = {}

    def get(self, message_id: int | None) -> StoredMessage:
        if message_id is None or message_id not in self.messages:
            raise DiscordError(404, 10008, "Unknown Message")
        return self.messages[message_id]

    def delete(self, message: StoredMessage) -> None:
        del self.messages[message.id]

    def create(self, record: InteractionRecord, data: Json, files: list[Upload]) -> StoredMessage:
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
        for key in ("content", "embeds", "components"):
            if key in data:
                message.payload[key] = (
                    data[key] if data[key] is not None else ([] if key != "content" else "")
                )
        flags = int(message.payload["flags"])
        if "flags" in data and data["flags"] is not None:
            # Only SUPPRESS_EMBEDS may change; ephemerality is fixed at creation.
            flags = (flags & ~SUPPRESS_EMBEDS_FLAG) | (int(data["flags"]) & SUPPRESS_EMBEDS_FLAG)
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
        url = f"{self._base_url()}/attachments/{stored.attachment_id}/{stored.filename}"
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
