"""Python's garbage collector, set for a long-running bot that answers in bursts.

With the default thresholds the collector ran about every 700 allocations and, under a
burst of 2,000 interactions, spent seconds in all, pauses of a third of a second among
them, walking the start-up objects (the data tables, the taxonomy, discord.py itself)
that never become garbage. Frozen after start-up, those objects are out of its sight;
a larger first-generation threshold makes the young collections fewer. Cyclic garbage
is still collected; a process that is not the bot (tests, tools) keeps the defaults.
"""

from __future__ import annotations

import gc

# Young objects between collections (CPython's default is 700); older generations keep
# their default ratios.
YOUNG_THRESHOLD = 20_000


def settle_after_start_up() -> None:
    gc.collect()  # what start-up left behind goes now, not frozen with the rest
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
