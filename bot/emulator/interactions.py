"""Interactions and their answers: callbacks, the 3-second rule, double acknowledgements,
and the webhook side (follow-ups, edits, deletes) that stays open for 15 minutes.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.emulator.messages import MessageStore, invoking_user
from bot.emulator.records import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    MODAL,
    PONG,
    UPDATE_MESSAGE,
    InteractionRecord,
    StoredMessage,
)
from bot.emulator.stats import Stats
from bot.emulator.wire import DiscordError, Json, Upload, json_response

log = logging.getLogger(__name__)

# Discord forgets an interaction that got no first answer within 3 seconds.
RESPONSE_DEADLINE_S = 3.0
# Follow-ups and edits stay possible for 15 minutes after the interaction.
TOKEN_LIFETIME_S = 15 * 60
# Interaction type whose only valid answer is a list of choices.
APPLICATION_COMMAND_AUTOCOMPLETE = 4


@dataclass(kw_only=True, eq=False)
class Interactions:
    """Every interaction sent to the bot, by id and by token, and what the bot answered."""

    store: MessageStore
    stats: Stats
    violations: list[str]
    response_deadline: float = RESPONSE_DEADLINE_S
    records: dict[int, InteractionRecord] = field(default_factory=dict, init=False)
    _by_token: dict[str, InteractionRecord] = field(default_factory=dict, init=False)

    def new(self, kind: int, payload: Json) -> InteractionRecord:
        interaction_id = self.store.ids.next()
        token = "itk_" + secrets.token_urlsafe(24)
        payload.update(id=str(interaction_id), token=token, type=kind)
        if "member" not in payload and "user" not in payload:
            log.warning("interaction %s has neither member nor user; Discord sends one", kind)
        record = InteractionRecord(
            id=interaction_id, token=token, type=kind, payload=payload, _emulator=self.store
        )
        self.records[interaction_id] = record
        self._by_token[token] = record
        return record

    # ----------------------------------------------------------------- callback

    async def callback(
        self,
        interaction_id: int,
        token: str,
        body: Any,
        files: list[Upload],
        with_response: str | None,
    ) -> web.Response:
        self.stats.callbacks += 1
        record = self.records.get(interaction_id)
        if record is None or record.token != token:
            self.stats.unknown_interactions += 1
            raise DiscordError(404, 10062, "Unknown interaction")
        if record.response_type is not None:
            self.stats.double_acknowledgements += 1
            await self._reject(record, body)
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        if time.monotonic() - record.created > self.response_deadline:
            self.stats.unknown_interactions += 1
            await self._reject(record, body)
            raise DiscordError(404, 10062, "Unknown interaction")
        kind = int(body["type"])
        if record.type == APPLICATION_COMMAND_AUTOCOMPLETE and kind != AUTOCOMPLETE_RESULT:
            # Discord takes only choices for autocomplete: a message there is refused.
            self.violations.append(
                f"POST /interactions/{record.id}/.../callback: type {kind} "
                "answers an autocomplete interaction"
            )
            await self._reject(record, body)
            raise DiscordError(
                400,
                50035,
                "Invalid Form Body",
                {"type": {"_errors": [{"code": "INTERACTION_RESPONSE_TYPE_INVALID"}]}},
            )
        invoking_user(record)  # a payload without an author is refused before anything changes
        data = body.get("data") or {}
        record.response_type = kind
        record.first_response_at = time.monotonic()
        record.response_data = data
        message: StoredMessage | None = None
        if kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            if kind == DEFERRED_CHANNEL_MESSAGE:
                # The "is thinking..." placeholder that a later edit of @original replaces.
                data = {"content": "", "flags": data.get("flags", 0) | 128}
            message = self.store.create(record, data, files)
            record.original_message_id = message.id
        elif kind == UPDATE_MESSAGE:
            message = self.store.edit(record, self._source_message(record), data, files)
        elif kind == DEFERRED_UPDATE_MESSAGE:
            self._source_message(record)
        elif kind not in (PONG, AUTOCOMPLETE_RESULT, MODAL):
            raise DiscordError(400, 50035, f"unknown callback type {kind}")
        await record.changed()
        if with_response is None:
            return web.Response(status=204)
        return json_response(self._callback_reply(record, kind, message))

    @staticmethod
    def _callback_reply(
        record: InteractionRecord, kind: int, message: StoredMessage | None
    ) -> Json:
        reply: Json = {
            "interaction": {
                "id": str(record.id),
                "type": record.type,
                "response_message_id": str(message.id) if message else None,
                "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool(message.ephemeral) if message else False,
            }
        }
        if message is not None:
            reply["resource"] = {"type": kind, "message": message.payload}
        return reply

    @staticmethod
    async def _reject(record: InteractionRecord, body: Any) -> None:
        record.rejected_callbacks.append(int(body.get("type", 0)))
        await record.changed()

    def _source_message(self, record: InteractionRecord) -> StoredMessage:
        if record.source_message_id is None or record.source_message_id not in self.store.messages:
            raise DiscordError(400, 40060, "This interaction has no message to update.")
        return self.store.messages[record.source_message_id]

    # ----------------------------------------------------------------- webhook

    def answered(self, token: str) -> InteractionRecord:
        """The interaction behind a webhook token, once it has had its first answer."""
        record = self._by_token.get(token)
        if record is None or time.monotonic() - record.created > TOKEN_LIFETIME_S:
            raise DiscordError(404, 10015, "Unknown Webhook")
        if record.response_type is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        return record

    async def follow_up(self, token: str, body: Any, files: list[Upload]) -> StoredMessage:
        record = self.answered(token)
        message = self.store.create(record, body or {}, files)
        record.followup_ids.append(message.id)
        await record.changed()
        return message

    def message(self, token: str, which: str) -> tuple[InteractionRecord, StoredMessage]:
        """The record and the message a webhook path names: `@original` or a message id."""
        record = self.answered(token)
        if which == "@original":
            message_id = record.original_message_id or record.source_message_id
        else:
            message_id = int(which) if which.isdigit() else None
        return record, self.store.get(message_id)

    async def edit(self, token: str, which: str, body: Any, files: list[Upload]) -> StoredMessage:
        record, message = self.message(token, which)
        self.store.edit(record, message, body or {}, files)
        record.last_edit_at = time.monotonic()
        if message.id in (record.original_message_id, record.source_message_id):
            record.edits_of_original += 1
        await record.changed()
        return message

    async def delete(self, token: str, which: str) -> None:
        record, message = self.message(token, which)
        self.store.delete(message)
        await record.changed()
