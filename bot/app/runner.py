"""Running the bot on Discord until SIGINT or SIGTERM, and the explicit sync command."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

import discord

from bot.app.client import SalaryBot
from bot.app.config import Config
from bot.app.sync import SYNC_ERRORS, one_line, sync_commands
from db.errors import StoreError

log = logging.getLogger(__name__)


async def run_until_stopped(bot: SalaryBot, token: str) -> None:
    """Start the bot and close it cleanly (store included) on SIGINT or SIGTERM."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with bot:
            running = asyncio.create_task(bot.start(token))
            stopping = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if running in done:
                running.result()
            else:
                log.info("shutting down")
            await bot.close()
            stopping.cancel()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


def token_of(config: Config) -> str:
    assert config.discord_token is not None
    return config.discord_token.get_secret_value()


async def run_on_discord(config: Config) -> int:
    bot = SalaryBot(config, settle_collector=True)
    try:
        await bot.open_store()
        await run_until_stopped(bot, token_of(config))
    except discord.LoginFailure:
        log.error("Discord refused the token: check DISCORD_TOKEN")
        return 1
    except discord.PrivilegedIntentsRequired:
        log.error("Discord refused an intent this bot asked for")
        return 1
    except (discord.HTTPException, discord.GatewayNotFound, discord.ConnectionClosed) as error:
        # Discord's trouble (a 5xx) or a refusal: one line, and a supervisor starts it again.
        log.error("Discord refused to start the bot (%s); try again later", discord_cause(error))
        return 1
    except StoreError as error:
        return storage_failed(error)
    return 0


def discord_cause(error: BaseException) -> str:
    """What Discord answered: GatewayNotFound hides the HTTP error it was raised from."""
    if isinstance(error, discord.GatewayNotFound) and error.__cause__ is not None:
        error = error.__cause__
    return one_line(error)


def storage_failed(error: StoreError) -> int:
    """The store could not open at start-up: one line for the operator, exit status 2.

    The detail names the file or the server (URLs are redacted: no password) and the cause.
    """
    line = f"storage error: {error.detail}"
    print(" ".join(line.split()), file=sys.stderr)
    return 2


async def sync_once(config: Config, guild_id: int | None) -> int:
    bot = SalaryBot(config, auto_sync=False)
    async with bot:
        try:
            await bot.login(token_of(config))
            count = await sync_commands(bot, guild_id)
        except discord.LoginFailure:
            log.error("Discord refused the token: check DISCORD_TOKEN")
            return 1
        except SYNC_ERRORS as error:
            log.error("could not sync the slash commands (%s)", one_line(error))
            return 1
    print(f"synced {count} commands to {f'guild {guild_id}' if guild_id else 'every server'}")
    return 0
