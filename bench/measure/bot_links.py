"""What the measuring side takes from the bot: the emulator, the bot's process, one text.

The only module of the measuring loop that imports the bot, so that a module moving in
bot/ is repointed here alone.
"""

from bot.emulator.driver import AUTOCOMPLETE, Driver
from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatedUser, EmulatorServer, Place
from bot.flows.reply import TURNED_AWAY

# `python -m` this to run the real bot against an emulator (see its --help).
SERVE_BOT = "bot.local.serve_bot"

__all__ = [
    "AUTOCOMPLETE",
    "SERVE_BOT",
    "TURNED_AWAY",
    "Driver",
    "EmulatedUser",
    "EmulatorServer",
    "InteractionRecord",
    "Place",
]
