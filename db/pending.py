"""Writes promised to a user and not yet done: the store's reads of that user wait for them.

An answer goes out before its history entry is written (the write waits its turn behind
other people's first answers), and its buttons already name the entry. Someone quick, or
a bot under load, could otherwise press a button or type a follow-up before the entry is
there, and find it missing or start from the query before; a deletion could precede a
write and be outlived by it. So every read or erasure of a person's data first waits,
briefly, for the writes promised to them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

# Longer than a promised write usually takes to be issued and done (the bot's follow-ups wait
# at most half a second for their turn); past it the store is slow, and the read goes on
# with what is stored.
SETTLE_S = 1.0


class PendingWrites:
    def __init__(self, settle_s: float = SETTLE_S) -> None:
        self.settle_s = settle_s
        self._open: dict[int, set[asyncio.Future[None]]] = {}

    @contextmanager
    def writing(self, user_id: int) -> Iterator[None]:
        """Around work that will write for `user_id`: the store's reads of them wait for it."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._open.setdefault(user_id, set()).add(done)
        try:
            yield
        finally:
            done.set_result(None)
            waiting = self._open[user_id]
            waiting.discard(done)
            if not waiting:
                del self._open[user_id]

    async def settled(self, user_id: int) -> None:
        """Once the writes open for `user_id` are done, or after `settle_s` at most."""
        waiting = self._open.get(user_id)
        if waiting:
            await asyncio.wait(set(waiting), timeout=self.settle_s)
