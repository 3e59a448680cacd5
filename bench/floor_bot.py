"""The floor: a bare discord.py client that answers every interaction with a constant.

Run by bench/measure as its own process, against its own emulator, on the bot's event loop
(bot/app/event_loop.py) and with the same load. Whatever the real bot costs above this is the
bot's own work.

    DISCORD_TOKEN=... python -m bench.floor_bot --api URL --gateway URL [--lag-file F]
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as a file: the checkout, not bench/, is where imports start
    sys.path[0] = str(Path(__file__).resolve().parents[1])

import asyncio
import os
import signal

import discord
from discord import app_commands

from bench.measure.floor_links import LagProbe, event_loop, parse_args, point_discord_at

CHOICES = [app_commands.Choice(name="ML engineer", value="ml_engineer")]


class FloorBot(discord.Client):
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete(CHOICES)
        else:
            await interaction.response.send_message("ok", ephemeral=True)


async def serve(lag_file: Path | None, token: str) -> None:
    intents = discord.Intents.none()
    intents.guilds = True
    client = FloorBot(intents=intents, allowed_mentions=discord.AllowedMentions.none())
    probe = LagProbe()
    probe.start(lag_file)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with client:
        running = asyncio.create_task(client.start(token))
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        await client.close()
    probe.stop()
    if lag_file is not None:
        probe.write(lag_file)


def main() -> int:
    args = parse_args(sys.argv[1:])
    point_discord_at(args.api, args.gateway)
    event_loop.run(serve(args.lag_file, os.environ["DISCORD_TOKEN"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
