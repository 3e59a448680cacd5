"""First answers before follow-ups: work that can wait lets people who wait go first.

Discord forgets an interaction with no first answer after 3 s; a chart, a history write
or the buttons added to an answer already sent have no such deadline. When many
interactions arrive at once (a burst, an announcement in a big server), the event loop
would otherwise share its time between new first answers and the follow-ups of the
first ones, and the last of the burst would miss the deadline. So a follow-up waits for
its turn while more than a few interactions still wait for a first answer, and turns are
handed out in order, a few at a time, as the backlog clears.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Protocol

# Interactions that may wait for a first answer while follow-ups still run: a steady load
# always has a few in flight; more than this means first answers are queueing.
CALM_AT = 8
# More than this waiting, and a new command says "thinking…" before any work: a deferral
# costs one short request, and every answer after it has 15 minutes instead of 3 s.
BACKLOG_AT = 100
# Past Discord's deadline an interaction no longer counts as waiting.
DEADLINE_S = 3.0
# Commands being answered at once, at most: past it a new one is told at once that the bot
# is busy, so that a load beyond what the bot can answer queues nowhere: its memory stays
# bounded, and an overload is turned away at the rate it exceeds the bot's pace.
MAX_IN_FLIGHT = 2_500
# A follow-up waits at most this long, however busy the bot: the answer is out, but its
# buttons should still come. One that waited this long finds the bot overloaded, and
# leaves its chart for a "Show chart" button instead of adding to the load (at 200/s on
# two cores, half a second kept chart edits under a second and left fewer charts behind
# a button than 2 s did: drawing late ones only lengthened the queue).
PATIENCE_S = 0.5
# An answer that said "thinking…" has 15 minutes: it waits longer, so that in a burst the
# bot first acknowledges everyone inside the 3 s, then answers.
DEFERRED_PATIENCE_S = 10.0
TICK_S = 0.01
TURNS_PER_TICK = 16  # up to 1,600 follow-ups a second once the backlog has cleared


class _Response(Protocol):
    def is_done(self) -> bool: ...


class _Interaction(Protocol):
    @property
    def response(self) -> _Response: ...


class AdmissionGate:
    def __init__(
        self,
        *,
        calm_at: int = CALM_AT,
        backlog_at: int = BACKLOG_AT,
        max_in_flight: int = MAX_IN_FLIGHT,
        patience_s: float = PATIENCE_S,
        deferred_patience_s: float = DEFERRED_PATIENCE_S,
        deadline_s: float = DEADLINE_S,
    ) -> None:
        self.calm_at = calm_at
        self.backlog_at = backlog_at
        self.max_in_flight = max_in_flight
        self.in_flight = 0  # commands admitted and not yet finished
        self.turned_away = 0  # commands refused by admit()
        self.patience_s = patience_s
        self.deadline_s = deadline_s
        self._waiting: deque[tuple[float, _Interaction]] = deque()
        # Deferred answers first, then follow-ups; in each, in order of asking.
        self._queues = (_Turns(deferred_patience_s), _Turns(patience_s))
        self._ticker: asyncio.Task[None] | None = None
        self._counted_at = -TICK_S
        self.held = 0  # follow-ups that had to wait for their turn

    def admit(self) -> bool:
        """Count a command in, unless `max_in_flight` are already being answered."""
        if self.in_flight >= self.max_in_flight:
            self.turned_away += 1
            return False
        self.in_flight += 1
        return True

    def finished(self) -> None:
        """A command admitted earlier is done."""
        self.in_flight -= 1

    def arrived(self, interaction: _Interaction) -> None:
        """An interaction that needs a first answer."""
        now = asyncio.get_running_loop().time()
        self._drop_front(now)
        self._waiting.append((now, interaction))

    def _drop_front(self, now: float) -> None:
        # Answered or expired ones leave from the front: the list stays about 3 s long.
        waiting = self._waiting
        while waiting and (
            now - waiting[0][0] >= self.deadline_s or waiting[0][1].response.is_done()
        ):
            waiting.popleft()

    def waiting(self) -> int:
        """Interactions still without a first answer, inside their deadline.

        Cheap on every call: answers mostly go out in order, so clearing the front is
        enough; the whole list is counted at most once a tick, when it looks long.
        """
        now = asyncio.get_running_loop().time()
        self._drop_front(now)
        if len(self._waiting) > self.calm_at and now - self._counted_at >= TICK_S:
            self._counted_at = now
            self._waiting = deque(
                (at, i)
                for at, i in self._waiting
                if now - at < self.deadline_s and not i.response.is_done()
            )
        return len(self._waiting)

    def calm(self) -> bool:
        """Whether first answers are going out as they come, with no queue."""
        return self.waiting() <= self.calm_at

    def backlogged(self) -> bool:
        """Whether first answers are queueing so long that new ones should defer at once."""
        return self.waiting() > self.backlog_at

    async def turn(self, *, deferred: bool = False) -> bool:
        """Wait until a follow-up may run: at once unless first answers are queueing.

        True when the turn came because the backlog cleared; False when it came only because
        the follow-up ran out of patience (the bot is overloaded). `deferred` is for the
        answer itself after a "thinking…": it has the longer patience, and goes first.
        """
        if not any(self._queues) and self.calm():
            return True
        loop = asyncio.get_running_loop()
        future: asyncio.Future[bool] = loop.create_future()
        self._queues[0 if deferred else 1].append((loop.time(), future))
        self.held += 1
        if self._ticker is None or self._ticker.done():
            self._ticker = loop.create_task(self._hand_out())
        return await future

    async def _hand_out(self) -> None:
        loop = asyncio.get_running_loop()
        while any(self._queues):
            await asyncio.sleep(TICK_S)
            now = loop.time()
            for queue in self._queues:
                queue.let_go_impatient(now)
            given = 0
            if self.calm():
                for queue in self._queues:
                    given += queue.give(TURNS_PER_TICK - given)

    def close(self) -> None:
        """Let every waiting follow-up go (the bot is closing)."""
        if self._ticker is not None:
            self._ticker.cancel()
        for queue in self._queues:
            queue.let_go_impatient(float("inf"))


class _Turns(deque[tuple[float, "asyncio.Future[bool]"]]):
    """Follow-ups waiting for a turn, oldest first, all with the same patience."""

    def __init__(self, patience_s: float) -> None:
        super().__init__()
        self.patience_s = patience_s

    def _let_go(self, on_time: bool) -> bool:
        _, future = self.popleft()
        if future.done():  # a cancelled follow-up needs no turn
            return False
        future.set_result(on_time)
        return True

    def let_go_impatient(self, now: float) -> None:
        """Those that waited their whole patience go, told the bot is overloaded."""
        while self and now - self[0][0] >= self.patience_s:
            self._let_go(False)

    def give(self, count: int) -> int:
        """Up to `count` turns, on time; how many were given."""
        given = 0
        while self and given < count:
            given += self._let_go(True)
        return given
