"""The real SalaryBot as its own process, pointed at an emulator: for benchmarks and tests.

    DISCORD_TOKEN=... DATABASE_PATH=... python -m bot.local.serve_bot \\
        --api http://127.0.0.1:PORT/api/v10 --gateway ws://127.0.0.1:PORT/gateway

The token comes from the environment, as for `python -m bot`, so it is never on a command
line; so does DATABASE_URL. `--shard-count N --shard-ids 0,1` run some shards of N (as
SHARD_COUNT and SHARD_IDS would). SIGTERM stops the bot cleanly; `--lag-file` then receives the event-loop lag that a
tiny probe measured (SIGUSR1 restarts the measurement, e.g. when the load begins;
SIGUSR2 writes it at once).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import time
from pathlib import Path

from bot.app import event_loop
from bot.app.config import Config, load_config_or_exit
from bot.app.logs import setup_logging
from bot.emulator.hooks import point_discord_at

# How often the probe wakes; its lateness is the lag every other task saw at that moment.
PROBE_INTERVAL_S = 0.01


class LagProbe:
    """Sleeps PROBE_INTERVAL_S in a loop and records how late each wake-up was."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    def start(self, lag_file: Path | None = None) -> None:
        """Run the probe; SIGUSR1 restarts the measurement, SIGUSR2 writes it to `lag_file`."""
        loop = asyncio.get_running_loop()
        self._task = loop.create_task(self._run())
        loop.add_signal_handler(signal.SIGUSR1, self.reset)
        if lag_file is not None:
            loop.add_signal_handler(signal.SIGUSR2, self.write, lag_file)

    def write(self, lag_file: Path) -> None:
        # Written whole, then renamed: a reader never sees half a file.
        partial = lag_file.with_suffix(".partial")
        partial.write_text(json.dumps(self.summary()))
        partial.replace(lag_file)

    def reset(self) -> None:
        self.samples = []

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(PROBE_INTERVAL_S)
            self.samples.append(time.perf_counter() - before - PROBE_INTERVAL_S)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def summary(self) -> dict[str, float | int]:
        ordered = sorted(self.samples) or [0.0]

        def at(fraction: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000, 2)

        return {"samples": len(self.samples), "p50": at(0.5), "p99": at(0.99), "max": at(1.0)}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.local.serve_bot")
    parser.add_argument("--api", required=True, help="the emulator's REST base, .../api/v10")
    parser.add_argument("--gateway", required=True, help="the emulator's gateway URL")
    parser.add_argument("--lag-file", type=Path, default=None, help="write loop lag JSON here")
    parser.add_argument(
        "--extension", action="append", default=[], help="an extra extension to load"
    )
    parser.add_argument("--shard-count", default=None, help="overrides SHARD_COUNT")
    parser.add_argument("--shard-ids", default=None, help="overrides SHARD_IDS, e.g. 0,1")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace, config: Config, token: str) -> int:
    from bot.app.client import SalaryBot
    from bot.app.runner import run_until_stopped, storage_failed
    from db.errors import StoreError

    probe = LagProbe()
    probe.start(args.lag_file)
    # The emulator sends every GUILD_CREATE at once: no need to wait for stragglers.
    bot = SalaryBot(
        config,
        extra_extensions=tuple(args.extension),
        guild_ready_timeout=0.05,
        settle_collector=True,
    )
    try:
        await run_until_stopped(bot, token)
    except StoreError as error:
        return storage_failed(error)
    finally:
        probe.stop()
        if args.lag_file is not None:
            probe.write(args.lag_file)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    shards = {"shard_count": args.shard_count, "shard_ids": args.shard_ids}
    config = load_config_or_exit(**{name: value for name, value in shards.items() if value})
    if config.discord_token is None:
        print("configuration error: DISCORD_TOKEN is not set", file=sys.stderr)
        return 2
    token = config.discord_token.get_secret_value()
    setup_logging(config.log_level, secret=token)
    point_discord_at(args.api, args.gateway)
    return event_loop.run(serve(args, config, token))


if __name__ == "__main__":
    raise SystemExit(main())
