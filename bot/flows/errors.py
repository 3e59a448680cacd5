"""One way to tell a user that something went wrong, for commands and components alike."""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot.flows.budget import refund_if_spent
from bot.render.wording import word
from bot.render.words import N_, _
from bot.salary.errors import QueryError
from db.errors import StoreError, StoreUnavailableError

log = logging.getLogger(__name__)

UNKNOWN_INTERACTION = 10062
# Where Discord's client names a permission differently from the API (and in its language).
PERMISSION_NAMES = {"manage_guild": N_("Manage Server")}
# A value Discord resolved (a channel, a user) that the command cannot use, by option type.
UNUSABLE = {
    "channel": N_("I could not use that channel there."),
    "user": N_("I could not use that user there."),
    "role": N_("I could not use that role there."),
    "mentionable": N_("I could not use that mention there."),
    "attachment": N_("I could not use that attachment there."),
}
UNUSABLE_OTHER = N_("I could not use that option there.")


class AnswerLost(Exception):
    """The first answer could not reach Discord in time: logged once where it was given up,
    and nothing else can reach the person through this interaction."""


class UserError(Exception):
    """Something the user can fix; its message (already in the reader's words) is shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def friendly_message(error: BaseException) -> str | None:
    """The message for an error the user can act on, or None for a fault of ours."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, QueryError):
        return word(error.said)
    if isinstance(error, StoreUnavailableError):
        return _(error.message)  # expected while the store is away; logged once, by the store
    if isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(
            _(PERMISSION_NAMES[p]) if p in PERMISSION_NAMES else p.replace("_", " ").title()
            for p in error.missing_permissions
        )
        return _("This needs the {permission} permission in this server.", permission=needed)
    if isinstance(error, app_commands.NoPrivateMessage):
        return _("This works in a server only.")
    if isinstance(error, app_commands.TransformerError):
        # Only what the person typed is echoed: a resolved object's repr is ours, not theirs.
        if isinstance(error.value, str | int | float):
            return _("I could not read “{typed}” there.", typed=str(error.value)[:50])
        return _(UNUSABLE.get(error.type.name, UNUSABLE_OTHER))
    if isinstance(error, app_commands.CheckFailure):
        # The bot's own checks raise their message in the reader's words already.
        return str(error) or _("You cannot use this here.")
    return None


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Answer privately, with a short id that is also in the log when the fault is ours."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, AnswerLost):
        # The person saw no answer: their next try costs them nothing.
        await refund_if_spent(interaction)
        return
    if isinstance(original, discord.NotFound) and original.code == UNKNOWN_INTERACTION:
        # Too late to answer anything: Discord has forgotten this interaction.
        log.warning(
            "%s took too long to answer; Discord dropped the interaction",
            interaction_name(interaction),
        )
        return
    message = friendly_message(error)
    if message is not None:
        await refund_if_spent(interaction)
    elif isinstance(original, StoreError):
        # The sentence is safe to show; where it happened (path, engine text) is for the log.
        error_id = secrets.token_hex(4)
        log.error(
            "error %s in %s by user %s: %s",
            error_id,
            interaction_name(interaction),
            interaction.user.id,
            original.detail,
        )
        message = _(
            "{problem} Anything saved earlier is safe (error id `{error_id}`).",
            problem=_(original.message),
            error_id=error_id,
        )
    else:
        error_id = secrets.token_hex(4)
        log.error(
            "error %s in %s by user %s",
            error_id,
            interaction_name(interaction),
            interaction.user.id,
            exc_info=(type(original), original, original.__traceback__),
        )
        message = went_wrong(error_id)
    await send_private(interaction, message)


WENT_WRONG = N_(
    "Something went wrong on my side (error id `{error_id}`). Please try again in a moment."
)


def went_wrong(error_id: str) -> str:
    """A fault of ours, in the reader's words, with the id the log holds it under."""
    return _(WENT_WRONG, error_id=error_id)


async def send_private(interaction: discord.Interaction, message: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException as http_error:
        # The interaction may have expired (10062): nothing more can reach the user.
        log.warning(
            "could not deliver an error message for %s: %s",
            interaction_name(interaction),
            http_error,
        )


def interaction_name(interaction: discord.Interaction) -> str:
    command = interaction.command
    name = (
        f"/{command.qualified_name}"
        if command is not None
        else f"{interaction.type.name} interaction"
    )
    return name
