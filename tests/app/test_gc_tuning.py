"""The bot's process settles the collector after start-up; other processes keep its defaults."""

from __future__ import annotations

import gc
import subprocess
import sys

from bot.app.gc_tuning import YOUNG_THRESHOLD

PROBE = (
    "import gc\n"
    "from bot.app.gc_tuning import settle_after_start_up\n"
    "settle_after_start_up()\n"
    "print(gc.get_threshold()[0], gc.get_freeze_count() > 1000)\n"
)


def test_start_up_objects_are_frozen_and_young_collections_are_fewer() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out == [str(YOUNG_THRESHOLD), "True"]


def test_importing_it_changes_nothing() -> None:
    assert gc.get_threshold()[0] != YOUNG_THRESHOLD
