"""What the measuring side takes from the bot: the emulator, the bot's process, its words.

The only module of the measuring loop that imports the bot, so that a module moving in
bot/ is repointed here alone.
"""

from dataclasses import dataclass
from functools import cache

from bot.emulator.driver import AUTOCOMPLETE, Driver
from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatedUser, EmulatorServer, Place
from bot.flows.budget import SLOW_DOWN
from bot.flows.errors import WENT_WRONG
from bot.flows.reply import TURNED_AWAY
from bot.render.words import translate
from bot.ui.answers import SHOW_CHART

# `python -m` this to run the real bot against an emulator (see its --help).
SERVE_BOT = "bot.local.serve_bot"


@dataclass(frozen=True)
class LookedFor:
    """How the bot words what the measuring side looks for, in one reader's language: the
    part of each sentence before its first blank."""

    slow_down: str
    turned_away: str
    went_wrong: str
    show_chart: str


@cache
def looked_for(locale: str) -> LookedFor:
    def lead(message: str) -> str:
        return translate(message, locale).split("{")[0]

    return LookedFor(lead(SLOW_DOWN), lead(TURNED_AWAY), lead(WENT_WRONG), lead(SHOW_CHART))


__all__ = [
    "AUTOCOMPLETE",
    "SERVE_BOT",
    "Driver",
    "EmulatedUser",
    "EmulatorServer",
    "InteractionRecord",
    "LookedFor",
    "Place",
    "looked_for",
]
