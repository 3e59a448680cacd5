"""What the floor bot takes from the bot: its event loop, the emulator hooks, the lag probe.

Kept apart from bot_links so that the floor process loads none of the emulator's server
nor the bot's flows: its memory is a bare client's.
"""

from bot.app import event_loop
from bot.emulator.hooks import point_discord_at
from bot.local.serve_bot import LagProbe, parse_args

__all__ = ["LagProbe", "event_loop", "parse_args", "point_discord_at"]
