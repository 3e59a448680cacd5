"""Drawing charts outside the bot's event loop and GIL, with a bounded queue and a cache.

Charts are drawn in worker processes (started once, when the bot starts), so a busy
drawing queue takes the other core instead of time from first answers. Identical charts
are drawn once: a small LRU of PNGs is keyed by what the chart shows. The queue has a
bound: past it, `render` raises ChartsBusy at once and the answer goes out without its
chart (with a button to draw it later), so nothing queues without limit under overload.
`workers=0` draws in one thread of this process instead, for tests and small setups.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections import OrderedDict
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.render.chart_spec import ChartSpec, draw_chart

log = logging.getLogger(__name__)

# Charts waiting or being drawn. At ~3 ms a chart on each of two workers this is well
# under a second of waiting: past it a chart would come too late to be worth the wait.
QUEUE_LIMIT = 48
# On-demand charts ("Show chart") may queue a little further: someone asked for this one.
ON_DEMAND_EXTRA = 16
CACHE_SIZE = 1024  # PNGs of 10-20 kB, about 15 MB: the same charts in three languages
OFFERS_KEPT = 4096  # charts offered behind a button, by (owner, history entry)


class ChartsBusy(Exception):
    """The drawing queue is full; the caller answers without the chart."""


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def _die_with_the_bot(bot_pid: int) -> None:
    """A worker whose bot was killed (SIGKILL, a crash) must not live on holding its pipes."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # The bot may have died while this worker was still starting, before the line above.
    if os.getppid() != bot_pid:
        os._exit(0)


# Chart workers yield the CPU to the bot: when both are busy, first answers (with their
# 3-second deadline) go first and the pictures wait. 10 is the usual "background" step.
WORKER_NICENESS = 10


def _start_worker(bot_pid: int) -> None:
    _die_with_the_bot(bot_pid)
    with contextlib.suppress(OSError, AttributeError):  # no os.nice on Windows
        os.nice(WORKER_NICENESS)


def _warm_up() -> bytes:
    """Loads fonts and the palette in a fresh worker before the first real chart."""
    from bot.render.band_chart import BandRow

    return draw_chart(ChartSpec((BandRow("warm", 1, 2, 3, 4, 5),), "warm", "up", "axis", "USD"))


class ChartRenderer:
    def __init__(
        self, workers: int, *, queue_limit: int = QUEUE_LIMIT, cache_size: int = CACHE_SIZE
    ) -> None:
        self.workers = workers
        self.queue_limit = queue_limit
        self.cache_size = cache_size
        self.pending = 0
        self.drawn = 0
        self.refused = 0
        self._cache: OrderedDict[ChartSpec, bytes] = OrderedDict()
        self._drawing: dict[ChartSpec, asyncio.Future[bytes]] = {}
        # What an on-demand chart shows when its history entry cannot say (place lists).
        self.offers: OrderedDict[tuple[int, int], ChartSpec] = OrderedDict()
        self._executor: Executor | None = None

    def _new_executor(self) -> Executor:
        if self.workers == 0:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart")
        # Spawned, not forked: a fork of a process with an event loop and threads may hang.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    async def start(self) -> None:
        """Start the workers and have each draw once, so the first answers find them ready."""
        self._executor = self._new_executor()
        loop = asyncio.get_running_loop()
        warm = [loop.run_in_executor(self._executor, _warm_up) for _ in range(self.workers or 1)]
        await asyncio.gather(*warm)

    async def close(self) -> None:
        if self._executor is not None:
            executor, self._executor = self._executor, None
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)

    @property
    def busy(self) -> bool:
        return self.pending >= self.queue_limit

    @property
    def idle(self) -> bool:
        """Whether a new chart would be drawn at once, without a queue."""
        return self._executor is not None and self.pending < max(self.workers, 1)

    def cached(self, spec: ChartSpec) -> bytes | None:
        data = self._cache.get(spec)
        if data is not None:
            self._cache.move_to_end(spec)
        return data

    async def render(self, spec: ChartSpec, *, on_demand: bool = False) -> bytes:
        """The chart's PNG: from the cache, from a drawing of the same chart, or drawn now."""
        data = self.cached(spec)
        if data is not None:
            return data
        same = self._drawing.get(spec)
        if same is not None:
            return await asyncio.shield(same)
        limit = self.queue_limit + (ON_DEMAND_EXTRA if on_demand else 0)
        if self.pending >= limit or self._executor is None:
            self.refused += 1
            raise ChartsBusy
        future = asyncio.get_running_loop().run_in_executor(self._executor, draw_chart, spec)
        self._drawing[spec] = future
        self.pending += 1
        try:
            data = await asyncio.shield(future)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): start fresh ones for the next charts.
            log.warning("the chart workers stopped; starting new ones")
            self._restart()
            raise
        finally:
            self.pending -= 1
            self._drawing.pop(spec, None)
        self.drawn += 1
        self._cache[spec] = data
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return data

    def _restart(self) -> None:
        broken, self._executor = self._executor, self._new_executor()
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def offer(self, owner: int, entry_id: int, spec: ChartSpec) -> None:
        """Remember what a "Show chart" button under entry `entry_id` should draw."""
        self.offers[(owner, entry_id)] = spec
        self.offers.move_to_end((owner, entry_id))
        if len(self.offers) > OFFERS_KEPT:
            self.offers.popitem(last=False)
