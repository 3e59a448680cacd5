"""Command sync: explicit, or automatic only when the command tree's JSON has changed.

A sync Discord refuses at start-up does not stop the bot: the commands Discord already has
keep working, so it serves, says why in one line, and tries again in the background.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from discord import app_commands

from bot.render.words import N_, _
from db.errors import StoreError

if TYPE_CHECKING:
    from bot.app.client import SalaryBot

log = logging.getLogger(__name__)

# Commands Discord still shows but this bot no longer has (as it is now).
STALE_COMMAND_ERRORS = (app_commands.CommandNotFound, app_commands.CommandSignatureMismatch)
STALE_COMMAND = N_(
    "This command is out of date; it will update shortly. Please try again in a minute."
)
# A re-sync on stale commands at most this often: Discord caps command writes per day.
RESYNC_EVERY_S = 600.0
# After a failed sync at start-up: the first retry, doubled after each failure up to the cap.
SYNC_RETRY_S = 30.0
SYNC_RETRY_MAX_S = 1800.0
# Start-up waits this long for the first sync, then connects while it goes on: on a 5xx
# discord.py itself retries for about 25 s.
SYNC_WAIT_S = 5.0
# What a sync can fail with: Discord's answer, or no answer at all.
SYNC_ERRORS = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError)


async def tree_payload(
    bot: SalaryBot, guild: discord.abc.Snowflake | None = None
) -> list[dict[str, Any]]:
    """Exactly what a sync would send for that scope, translations included."""
    commands = bot.tree.get_commands(guild=guild)
    translator = bot.tree.translator
    if translator is None:
        return [command.to_dict(bot.tree) for command in commands]
    return [await command.get_translated_payload(bot.tree, translator) for command in commands]


def tree_hash(payload: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _meta_key(bot: SalaryBot, guild_id: int | None) -> str:
    # Keyed by application so a test or console application never hides a real one's sync.
    return f"command_hash:{bot.application_id}:{guild_id or 'global'}"


async def sync_commands(bot: SalaryBot, guild_id: int | None = None) -> int:
    """Sync now and remember what was synced; returns how many commands were sent."""
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        bot.tree.copy_global_to(guild=guild)
    payload = await tree_payload(bot, guild)
    synced = await bot.tree.sync(guild=guild)
    try:
        await bot.store.meta.set(_meta_key(bot, guild_id), tree_hash(payload))
    except StoreError as error:
        # Only costs a needless sync at the next start.
        log.info("could not remember the synced command tree: %s", error.message)
    log.info(
        "synced %d commands to %s", len(synced), f"guild {guild_id}" if guild_id else "all servers"
    )
    return len(synced)


async def sync_if_changed(bot: SalaryBot, guild_id: int | None = None) -> bool:
    """Sync only when the tree differs from the last sync for this scope."""
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        bot.tree.copy_global_to(guild=guild)
    current = tree_hash(await tree_payload(bot, guild))
    try:
        synced = await bot.store.meta.get(_meta_key(bot, guild_id))
    except StoreError:
        synced = None  # unknown: syncing once too often is harmless
    if synced == current:
        log.info("commands unchanged since the last sync; not syncing")
        return False
    await sync_commands(bot, guild_id)
    return True


def one_line(error: BaseException) -> str:
    """An error's text for a single log line: Discord lists each invalid field on its own."""
    return " ".join(str(error).split()) or type(error).__name__


def worth_retrying(error: BaseException) -> bool:
    """Discord's own trouble or the network's passes; a refusal (4xx) would come again."""
    if isinstance(error, discord.HTTPException):
        return error.status >= 500 or error.status == 429
    return True


async def sync_at_start(bot: SalaryBot, guild_id: int | None) -> asyncio.Task[None]:
    """Sync a changed tree without letting Discord hold up or stop the start.

    Waits up to SYNC_WAIT_S for the first attempt; the task returned goes on in the
    background (retrying a failed sync) while the bot connects.
    """
    first_attempt = asyncio.Event()
    task = asyncio.get_running_loop().create_task(sync_until_done(bot, guild_id, first_attempt))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(first_attempt.wait(), SYNC_WAIT_S)
    if task.done():
        task.result()  # anything but Discord's refusal is a bug: it stops the start
    elif not first_attempt.is_set():
        log.info("the command sync is taking long; connecting meanwhile")
    return task


async def sync_until_done(
    bot: SalaryBot, guild_id: int | None, first_attempt: asyncio.Event
) -> None:
    """Sync if changed; on Discord's or the network's trouble, retry with a growing delay."""
    delay, failures = bot.sync_retry_s, 0
    while not bot.is_closed():
        try:
            await sync_if_changed(bot, guild_id)
        except SYNC_ERRORS as error:
            failures += 1
            if not worth_retrying(error):
                log.error(
                    "Discord refused the slash commands (%s); it keeps the ones it has. "
                    "Fix the command and restart, or run `python -m bot sync`",
                    one_line(error),
                )
                return
            # Said once at WARNING; the retries that fail again only at INFO.
            log.log(
                logging.WARNING if failures == 1 else logging.INFO,
                "could not sync the slash commands (%s); Discord keeps the ones it has; "
                "trying again in %.3g s",
                one_line(error),
                delay,
            )
        else:
            if failures:
                log.warning(
                    "slash commands synced after %d failed attempt%s",
                    failures,
                    "" if failures == 1 else "s",
                )
            return
        finally:
            first_attempt.set()
        await asyncio.sleep(delay)
        delay = min(delay * 2, SYNC_RETRY_MAX_S)


async def answer_stale_command(
    interaction: discord.Interaction[SalaryBot], error: app_commands.AppCommandError
) -> None:
    """A command Discord offers that the bot does not have: say so, and re-sync soon."""
    log.warning("stale command from Discord (%s); checking the sync", error)
    bot = interaction.client
    last = bot.last_stale_resync
    if last is None or time.monotonic() - last > RESYNC_EVERY_S:
        bot.last_stale_resync = time.monotonic()
        bot.run_in_background(_resync(bot))
    try:
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
        else:
            await interaction.response.send_message(_(STALE_COMMAND), ephemeral=True)
    except discord.HTTPException as http_error:
        log.info("could not answer a stale command: %s", http_error)


async def _resync(bot: SalaryBot) -> None:
    """What was synced no longer matches what Discord shows: forget it and sync again."""
    guild_id = bot.config.dev_guild_id
    # If this fails too, sync_if_changed finds no hash and syncs anyway.
    with contextlib.suppress(StoreError):
        await bot.store.meta.delete(_meta_key(bot, guild_id))
    try:
        await sync_if_changed(bot, guild_id)
    except discord.HTTPException as http_error:
        log.warning("re-syncing stale commands failed: %s", http_error)
