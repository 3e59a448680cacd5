"""One bot, as one or several processes, against its own emulator: driven with a plan, measured."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import proc
from bench.measure.bot_links import SERVE_BOT, Driver, EmulatedUser, EmulatorServer, Place
from bench.measure.figures import summarise
from bench.measure.plan import Planned, plan_burst
from bench.measure.watch import Outcome, watch
from bench.sampling import finish_profile, start_profile

# The simulated people read the bot in English, German and Brazilian Portuguese alike, so
# the figures include wording every answer from the catalogs.
READER_LOCALES = ("en-US", "de", "pt-BR")

REPO = Path(__file__).resolve().parents[2]
FLOOR_BOT = "bench.floor_bot"
TOKEN = "bench-token"
GUILDS = 5
RSS_EVERY_S = 1.0
START_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Scale:
    """How the bot runs: shards, processes, and the PostgreSQL URL they share (if any)."""

    shards: int = 1
    processes: int = 1
    database: str | None = None

    def shard_args(self, index: int) -> list[str]:
        if self.shards == 1 and self.processes == 1:
            return []
        owned = ",".join(str(shard) for shard in range(index, self.shards, self.processes))
        return ["--shard-count", str(self.shards), "--shard-ids", owned]


class Phase:
    """One bot's processes against their own emulator, driven with a plan."""

    def __init__(
        self,
        name: str,
        module: str,
        users: int,
        burst: int,
        workdir: Path,
        scale: Scale | None = None,
        charts: bool = False,
    ) -> None:
        self.name = name
        self.module = module
        self.workdir = workdir
        self.scale = scale or Scale()
        self.charts = charts  # wait for each answer's chart too
        self.server = EmulatorServer(token=TOKEN, shard_count=self.scale.shards)
        self.driver = Driver(self.server)
        guilds = [
            self.server.add_guild(f"guild {i}", ("general", "careers"), shard=i % self.scale.shards)
            for i in range(max(GUILDS, self.scale.shards))
        ]
        self.users, self.places = self._people("user", users, guilds)
        self.burst_users, self.burst_places = self._people("burst", burst, guilds)
        self.warm_users, self.warm_places = self._people("warm", 10, guilds)
        self.lag_file = workdir / f"{name}-lag.json"
        self.processes: list[asyncio.subprocess.Process] = []

    def _people(
        self, prefix: str, count: int, guilds: list[dict[str, Any]]
    ) -> tuple[list[EmulatedUser], list[Place]]:
        users = [
            self.server.add_user(f"{prefix}{i}", locale=READER_LOCALES[i % len(READER_LOCALES)])
            for i in range(count)
        ]
        # Discord sends every DM to shard 0: with several shards everyone asks in servers.
        everyone_in_guilds = self.scale.shards > 1
        places = [
            self.server.in_guild(guilds[i % len(guilds)], i % 2)
            if i % 2 == 0 or everyone_in_guilds
            else self.server.dm(user)
            for i, user in enumerate(users)
        ]
        return users, places

    async def start(self, catalogue: list[dict[str, Any]] | None) -> None:
        await self.server.start()
        if catalogue is not None:
            self.server.global_commands = copy.deepcopy(catalogue)
        env = {
            **os.environ,
            "DISCORD_TOKEN": TOKEN,
            "DATABASE_PATH": str(self.workdir / f"{self.name}.sqlite3"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO),
        }
        if self.scale.database is not None:
            env["DATABASE_URL"] = self.scale.database
        for index in range(self.scale.processes):
            argv = [
                "-m",
                self.module,
                "--api",
                self.server.api_base,
                "--gateway",
                self.server.gateway_url,
                "--lag-file",
                str(self._lag_file(index)),
                *self.scale.shard_args(index),
            ]
            log_file = self.workdir / (f"{self.name}.{index}.log" if index else f"{self.name}.log")
            with log_file.open("wb") as log:
                process = await asyncio.create_subprocess_exec(
                    sys.executable, *argv, cwd=self.workdir, env=env, stdout=log, stderr=log
                )
            self.processes.append(process)
        await asyncio.wait_for(self.server.identified.wait(), timeout=START_TIMEOUT_S)
        # Ready once a command is answered in a server and in a DM (GUILD_CREATE processed).
        await self.run(plan_burst(10, seed=99), self.warm_users, self.warm_places)

    def _lag_file(self, index: int) -> Path:
        # Each process writes NAME.partial beside its file, then renames it: distinct stems,
        # or two processes answering SIGUSR2 at once would rename each other's file away.
        return self.lag_file if index == 0 else self.workdir / f"{self.name}-lag.{index}.json"

    @property
    def pid(self) -> int:
        """The first process: the one that writes the lag file and is profiled."""
        return self.processes[0].pid

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self.processes]

    def signal(self, signum: int) -> None:
        for process in self.processes:
            process.send_signal(signum)

    async def lag_now(self) -> dict[str, Any]:
        self.lag_file.unlink(missing_ok=True)
        self.signal(signal.SIGUSR2)
        for _ in range(200):
            await asyncio.sleep(0.01)
            with contextlib.suppress(OSError, ValueError):
                return dict(json.loads(self.lag_file.read_text()))
        return {}

    async def stop(self) -> None:
        for process in self.processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                await asyncio.wait_for(process.wait(), timeout=30)
            except TimeoutError:
                process.kill()
                await process.wait()
        await self.server.stop()

    def error_log_lines(self) -> list[str]:
        logs = sorted(self.workdir.glob(f"{self.name}*.log"))
        text = "".join(log.read_text(errors="replace") for log in logs)
        return [line for line in text.splitlines() if " ERROR " in line or "Traceback" in line]

    async def run(
        self, plan: list[Planned], users: list[EmulatedUser], places: list[Place]
    ) -> tuple[list[Outcome], float]:
        """Send the plan on its schedule; return each outcome and the wall time used."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        tasks = []
        for item in plan:
            delay = started + item.at - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            user, place = users[item.user], places[item.user]
            tasks.append(
                asyncio.create_task(watch(self.driver, item, user, place, charts=self.charts))
            )
        outcomes = await asyncio.gather(*tasks)
        answered = [o.answered_at for o in outcomes if o.answered_at is not None]
        return outcomes, (max(answered) if answered else time.monotonic()) - started


def bot_phase(users: int, burst: int, workdir: Path, scale: Scale | None = None) -> Phase:
    """The real SalaryBot, its charts awaited."""
    return Phase("bot", SERVE_BOT, users, burst, workdir, scale, charts=True)


def floor_phase(users: int, burst: int, workdir: Path) -> Phase:
    """The floor: a bare client answering a constant (bench/floor_bot.py)."""
    return Phase("floor", FLOOR_BOT, users, burst, workdir)


async def measure(
    phase: Phase,
    plan: list[Planned],
    burst: list[Planned],
    catalogue: list[dict[str, Any]] | None,
    profile: bool = False,
) -> dict[str, Any]:
    """Start the phase, send the plan then the burst, stop it; every figure in one dict."""
    await phase.start(catalogue)
    try:
        steady = await _steady(phase, plan, profile)
        if burst:
            await asyncio.sleep(1.0)
            steady["burst"] = await _burst(phase, burst)
        # Each process's own peak, summed: what the bot needs in all.
        steady["peak_rss_mb"] = round(sum(proc.peak_rss_mb(pid) for pid in phase.pids), 1)
        steady["workers_peak_rss_mb"] = proc.children_peak_rss_mb(phase.pids)
        steady["double_acknowledgements"] = phase.server.stats.double_acknowledgements
    finally:
        await phase.stop()
    logged = phase.error_log_lines()
    steady["error_log_lines"] = len(logged)
    if logged:
        steady["first_error_log_line"] = logged[0][:300]
    return steady


async def _steady(phase: Phase, plan: list[Planned], profile: bool) -> dict[str, Any]:
    unknown_before = phase.server.stats.unknown_interactions
    phase.signal(signal.SIGUSR1)  # the lag probe starts afresh with the load
    cpu_before = sum(proc.cpu_seconds(pid) for pid in phase.pids)
    workers_before = proc.children_cpu_seconds(phase.pids)
    emulator_before = time.process_time()
    seconds = plan[-1].at if plan else 0.0
    sampler = await start_profile(phase.pid, phase.workdir, seconds) if profile else None
    rss: list[float] = []
    sampler_task = asyncio.create_task(proc.sample_rss(phase.pids, RSS_EVERY_S, rss))
    outcomes, wall = await phase.run(plan, phase.users, phase.places)
    sampler_task.cancel()
    cpu_used = sum(proc.cpu_seconds(pid) for pid in phase.pids) - cpu_before
    emulator_used = time.process_time() - emulator_before
    workers_used = sum(
        used - workers_before.get(child, 0.0)
        for child, used in proc.children_cpu_seconds(phase.pids).items()
    )
    steady = summarise(outcomes, wall)
    steady["loop_lag_ms"] = await phase.lag_now()
    steady["rss_mb_every_10s"] = rss[:: round(10 / RSS_EVERY_S)]
    per = 1000 / max(1, len(plan))
    steady["cpu_ms_per_interaction"] = round(cpu_used * per, 2)
    steady["workers_cpu_ms_per_interaction"] = round(workers_used * per, 2)
    steady["total_cpu_ms_per_interaction"] = round((cpu_used + workers_used) * per, 2)
    steady["cpu_percent"] = round(100 * cpu_used / wall, 1) if wall else None
    # This process (the emulator and the simulated users) shares the same cores.
    steady["emulator_cpu_ms_per_interaction"] = round(emulator_used * per, 2)
    steady["workers_cpu_percent"] = round(100 * workers_used / wall, 1) if wall else None
    if sampler is not None:
        steady["profile"] = await finish_profile(*sampler)
    steady["unknown_interactions"] = phase.server.stats.unknown_interactions - unknown_before
    return steady


async def _burst(phase: Phase, burst: list[Planned]) -> dict[str, Any]:
    unknown_before = phase.server.stats.unknown_interactions
    phase.signal(signal.SIGUSR1)
    outcomes, wall = await phase.run(burst, phase.burst_users, phase.burst_places)
    summary = summarise(outcomes, wall)
    summary["drain_s"] = round(wall, 2)
    summary["loop_lag_ms"] = await phase.lag_now()
    summary["unknown_interactions"] = phase.server.stats.unknown_interactions - unknown_before
    return summary
