"""The real bot, started against the emulator in this process: for tests, the console, benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from bot.app.client import SalaryBot
from bot.app.config import Config
from bot.emulator.driver import Driver
from bot.emulator.hooks import point_discord_at
from bot.emulator.server import EmulatorServer, Validator


class Harness:
    def __init__(
        self,
        config: Config,
        *,
        validator: Validator | None = None,
        extra_extensions: tuple[str, ...] = (),
        response_deadline: float = 3.0,
        token: str = "emulator-token",
        shard_count: int = 1,
        max_concurrency: int = 16,
        **bot_options: Any,
    ) -> None:
        self.server = EmulatorServer(
            token=token,
            validator=validator,
            response_deadline=response_deadline,
            shard_count=shard_count,
            max_concurrency=max_concurrency,
        )
        self.driver = Driver(self.server)
        self.config = config
        self.extra_extensions = extra_extensions
        self.bot_options = bot_options
        self._task: asyncio.Task[None] | None = None
        self.bot: SalaryBot | None = None

    async def start(self, timeout: float = 30.0) -> SalaryBot:
        await self.server.start()
        point_discord_at(self.server.api_base, self.server.gateway_url)
        # No guild waits on start-up: the emulator sends every GUILD_CREATE at once.
        self.bot_options.setdefault("guild_ready_timeout", 0.05)
        return await self._start_bot(timeout)

    async def restart(self, timeout: float = 30.0) -> SalaryBot:
        """A fresh bot on the same emulator and database, as after a deploy: nothing in memory."""
        if self.bot is not None:
            await self.bot.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=10)
        # A deploy takes longer than Discord's identify window; a test waits it out.
        await self.server.gateway.identify_window()
        return await self._start_bot(timeout)

    async def _start_bot(self, timeout: float) -> SalaryBot:
        bot = SalaryBot(self.config, extra_extensions=self.extra_extensions, **self.bot_options)
        self.bot = bot
        self._task = asyncio.create_task(bot.start(self.server.token))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {self._task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if self._task in done:
            ready.cancel()
            self._task.result()  # start-up failed: raise its error here
            raise RuntimeError("the bot stopped during start-up")
        if ready not in done:
            ready.cancel()
            raise TimeoutError("the bot did not become ready against the emulator")
        return bot

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=10)
        await self.server.stop()

    async def __aenter__(self) -> Harness:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()
