"""Scale-out load: the bot as one or several sharded processes, on SQLite or PostgreSQL.

    python bench/scale.py [--users 200] [--seconds 30] [--rate 30] [--burst 200]
        [--shards N --processes P] [--database postgresql://...]

(bench/load.py is the single-process benchmark at 200/s; this one compares 1 and P
processes under one plan.)

N simulated users (half in servers, half in DMs) send a fixed mix (estimate 50%, compare
15%, tips 10%, profile 15%, autocomplete 10%) at a steady rate through the emulator's
gateway to the real SalaryBot (`python -m bot.local.serve_bot`), then the same plan to a
floor bot that answers a constant (bench/floor_bot.py). Each bot gets its own emulator and
runs alone, so the two never share the two cores. A burst (one interaction from each of
`--burst` fresh users at once) is measured after the steady part and reported apart: a
backlog says more about the gateway than about the bot.

Time is measured in this process, from the INTERACTION_CREATE dispatch to the first
callback Discord would accept. Heavy commands are spread over the users so that nobody
exceeds the cooldown (5 per 30 s); any cooldown answer is still counted. Prints one JSON
object; goals are reported in it, never asserted.

Scale-out: `--shards N --processes P` runs the bot as P processes, process p taking the
shards p, p+P, ...; guilds are spread over the shards. Discord sends every DM to shard 0,
so with N > 1 all simulated users ask in servers, or one process would get all the DMs
(and 1 and 2 processes run the same plan in the same places).
`--database URL` puts the bot's store on that PostgreSQL server (a schema of its own,
dropped afterwards), shared by all the processes; without it each run uses a SQLite file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import json
import os
import platform
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The plan, the request shapes and the measuring helpers are the single-process
# benchmark's: the same load, so 1 and P processes compare like for like.
from load import (
    CHART_WAIT_S,
    FIRST_ANSWER_LIMIT_S,
    GUILDS,
    MIX,
    TOKEN,
    Planned,
    _answer_text,
    cpu_model,
    cpu_seconds,
    peak_rss_mb,
    percentiles,
    plan_burst,
    plan_load,
)

from bot.emulator.driver import AUTOCOMPLETE, Driver
from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatedUser, EmulatorServer, Place

REPO = Path(__file__).resolve().parents[1]

# The bot's heavy-command cooldown: 5 uses per 30 s per user (bot/ui/options.py).
COOLDOWN_USES, COOLDOWN_WINDOW_S = 5, 31.0
GOALS = {"p99_ms": 100.0, "ratio_p99": 2.0, "peak_rss_mb": 200.0}


@dataclass
class Outcome:
    kind: str
    first_ms: float | None = None
    chart_ms: float | None = None
    problems: list[str] = field(default_factory=list)
    cooldown: bool = False
    answered_at: float | None = None


# ----------------------------------------------------------------- measuring


# ----------------------------------------------------------------- one bot under load


@dataclass
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


@contextlib.asynccontextmanager
async def bench_schema(database: str | None) -> Any:
    """The URL of a fresh schema on the server, dropped afterwards; None stays None."""
    if database is None:
        yield None
        return
    import asyncpg

    schema = f"bench_load_{os.getpid()}"
    conn = await asyncpg.connect(database)
    try:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
        yield f"{database}{'&' if '?' in database else '?'}search_path={schema}"
    finally:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await conn.close()


class Phase:
    """One bot process against its own emulator, driven with a plan."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        users: int,
        burst: int,
        workdir: Path,
        scale: Scale | None = None,
    ) -> None:
        self.name = name
        self.argv = argv
        self.workdir = workdir
        self.scale = scale or Scale()
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
        self.log_file = workdir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None
        self.processes: list[asyncio.subprocess.Process] = []

    def _people(
        self, prefix: str, count: int, guilds: list[dict[str, Any]]
    ) -> tuple[list[EmulatedUser], list[Place]]:
        users = [self.server.add_user(f"{prefix}{i}") for i in range(count)]
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
                *self.argv,
                "--api",
                self.server.api_base,
                "--gateway",
                self.server.gateway_url,
                "--lag-file",
                str(self.lag_file if index == 0 else self.lag_file.with_suffix(f".{index}")),
                *self.scale.shard_args(index),
            ]
            with self.log_file.with_suffix(f".{index}.log" if index else ".log").open("wb") as log:
                process = await asyncio.create_subprocess_exec(
                    sys.executable, *argv, cwd=self.workdir, env=env, stdout=log, stderr=log
                )
            self.processes.append(process)
        self.process = self.processes[0]
        await asyncio.wait_for(self.server.identified.wait(), timeout=120)
        # Ready once a command is answered in a server and in a DM (GUILD_CREATE processed).
        await self.run(plan_burst(10, seed=99), self.warm_users, self.warm_places)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

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
            tasks.append(asyncio.create_task(self.one(item, users[item.user], places[item.user])))
        outcomes = await asyncio.gather(*tasks)
        answered = [o.answered_at for o in outcomes if o.answered_at is not None]
        return outcomes, (max(answered) if answered else time.monotonic()) - started

    async def one(self, item: Planned, user: EmulatedUser, place: Place) -> Outcome:
        outcome = Outcome(item.kind)
        if item.focused is not None:
            data = self.driver.command_data(
                place, item.command, item.options, focused=item.focused, partial=True
            )
            record = await self.driver._send(AUTOCOMPLETE, user, place, data)
        else:
            record = await self.driver.slash(user, place, item.command, item.options)
        try:
            await record.wait_for(
                lambda r: r.first_response_at is not None or bool(r.rejected_callbacks),
                timeout=FIRST_ANSWER_LIMIT_S + 2,
            )
        except TimeoutError:
            outcome.problems.append("no answer")
            return outcome
        if record.first_response_at is None:
            outcome.problems.append("answer refused")
            return outcome
        outcome.answered_at = record.first_response_at
        outcome.first_ms = (record.first_response_at - record.created) * 1000
        if outcome.first_ms > FIRST_ANSWER_LIMIT_S * 1000:
            outcome.problems.append("answer after 3 s")
        text = _answer_text(record)
        outcome.cooldown = "Easy there" in text
        if "Something went wrong" in text:
            outcome.problems.append("error answer")
        charted = item.kind in ("estimate", "compare") and item.focused is None
        if self.name == "bot" and charted and not outcome.cooldown:
            await self._chart(record, outcome)
        return outcome

    @staticmethod
    async def _chart(record: InteractionRecord, outcome: Outcome) -> None:
        try:
            await record.wait_for(lambda r: r.last_edit_at is not None, timeout=CHART_WAIT_S)
        except TimeoutError:
            outcome.problems.append("no chart")
            return
        assert record.last_edit_at is not None
        outcome.chart_ms = (record.last_edit_at - record.created) * 1000


def summarise(outcomes: list[Outcome], wall_s: float) -> dict[str, Any]:
    problems = Counter(problem for o in outcomes for problem in o.problems)
    firsts = [o.first_ms for o in outcomes if o.first_ms is not None]
    by_kind = {
        kind: percentiles([o.first_ms for o in outcomes if o.kind == kind and o.first_ms])
        for kind, _ in MIX
    }
    return {
        "interactions": len(outcomes),
        "errors": sum(problems.values()),
        "error_kinds": dict(problems),
        "cooldown_answers": sum(o.cooldown for o in outcomes),
        "first_response_ms": percentiles(firsts),
        "first_response_ms_by_kind": by_kind,
        "chart_edit_ms": percentiles([o.chart_ms for o in outcomes if o.chart_ms is not None]),
        "throughput_per_s": round(len(firsts) / wall_s, 1) if wall_s > 0 else None,
    }


async def measure(
    phase: Phase, plan: list[Planned], burst: list[Planned], catalogue: list[dict[str, Any]] | None
) -> dict[str, Any]:
    await phase.start(catalogue)
    try:
        unknown_before = phase.server.stats.unknown_interactions
        phase.signal(signal.SIGUSR1)  # the lag probe starts afresh with the load
        cpu_before = sum(cpu_seconds(pid) for pid in phase.pids)
        outcomes, wall = await phase.run(plan, phase.users, phase.places)
        cpu_used = sum(cpu_seconds(pid) for pid in phase.pids) - cpu_before
        steady = summarise(outcomes, wall)
        steady["loop_lag_ms"] = await phase.lag_now()
        steady["cpu_ms_per_interaction"] = round(cpu_used * 1000 / max(1, len(plan)), 2)
        steady["cpu_percent"] = round(100 * cpu_used / wall, 1) if wall else None
        steady["unknown_interactions"] = phase.server.stats.unknown_interactions - unknown_before
        if burst:
            await asyncio.sleep(1.0)
            unknown_before = phase.server.stats.unknown_interactions
            phase.signal(signal.SIGUSR1)
            burst_outcomes, burst_wall = await phase.run(
                burst, phase.burst_users, phase.burst_places
            )
            burst_summary = summarise(burst_outcomes, burst_wall)
            burst_summary["drain_s"] = round(burst_wall, 2)
            burst_summary["loop_lag_ms"] = await phase.lag_now()
            burst_summary["unknown_interactions"] = (
                phase.server.stats.unknown_interactions - unknown_before
            )
            steady["burst"] = burst_summary
        # Each process's own peak, summed: what the bot needs in all.
        steady["peak_rss_mb"] = round(sum(peak_rss_mb(pid) for pid in phase.pids), 1)
        steady["double_acknowledgements"] = phase.server.stats.double_acknowledgements
    finally:
        await phase.stop()
    logged = phase.error_log_lines()
    steady["error_log_lines"] = len(logged)
    if logged:
        steady["first_error_log_line"] = logged[0][:300]
    return steady


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    plan = plan_load(args.users, args.seconds, args.rate, args.seed)
    burst = plan_burst(args.burst, args.seed + 1)
    with tempfile.TemporaryDirectory(prefix="salary-load-") as tmp:
        workdir = Path(tmp)
        async with bench_schema(args.database) as database:
            scale = Scale(args.shards, args.processes, database)
            bot_phase = Phase(
                "bot", ["-m", "bot.local.serve_bot"], args.users, args.burst, workdir, scale
            )
            bot = await measure(bot_phase, plan, burst, None)
        catalogue = bot_phase.server.global_commands
        floor_phase = Phase(
            "floor", [str(REPO / "bench" / "floor_bot.py")], args.users, args.burst, workdir
        )
        floor = await measure(floor_phase, plan, burst, catalogue)
    bot_p99 = bot["first_response_ms"]["p99"]
    floor_p99 = floor["first_response_ms"]["p99"]
    ratio = round(bot_p99 / floor_p99, 2) if bot_p99 and floor_p99 else None
    result: dict[str, Any] = {
        "users": args.users,
        "rate_per_s": args.rate,
        "seconds": args.seconds,
        "mix": dict(Counter(item.kind for item in plan)),
        "interactions": bot["interactions"],
        "errors": bot["errors"] + bot["error_log_lines"] + bot["double_acknowledgements"],
        "unknown_interactions": bot["unknown_interactions"],
        "first_response_ms": bot["first_response_ms"],
        "floor_first_response_ms": floor["first_response_ms"],
        "ratio_p99": ratio,
        "throughput_per_s": bot["throughput_per_s"],
        "peak_rss_mb": bot["peak_rss_mb"],
        "cpu_ms_per_interaction": bot["cpu_ms_per_interaction"],
        "cpu_percent": bot["cpu_percent"],
        "loop_lag_ms": bot["loop_lag_ms"],
        "chart_edit_ms": bot["chart_edit_ms"],
        "cooldown_answers": bot["cooldown_answers"],
        "scale": {
            "shards": args.shards,
            "processes": args.processes,
            "database": "postgresql" if args.database else "sqlite",
            "users_in_dms": args.shards == 1,
        },
        "bot": bot,
        "floor": floor,
        "goals_met": {
            "p99_under_100ms": bot_p99 is not None and bot_p99 < GOALS["p99_ms"],
            "p99_at_most_2x_floor": ratio is not None and ratio <= GOALS["ratio_p99"],
            "zero_errors": bot["errors"] + bot["error_log_lines"] == 0,
            "zero_unknown_interactions": bot["unknown_interactions"] == 0,
            "rss_under_200mb": bot["peak_rss_mb"] < GOALS["peak_rss_mb"],
        },
        "machine": {
            "cpus": os.cpu_count(),
            "cpu_model": cpu_model(),
            "python": platform.python_version(),
        },
    }
    return result


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="simulated users (default 200)")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the steady load")
    parser.add_argument(
        "--rate", type=float, default=30.0, help="interactions per second (default 30)"
    )
    parser.add_argument(
        "--burst", type=int, default=None, help="interactions sent at once after (default: users)"
    )
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--shards", type=int, default=1, help="shards in all (default 1)")
    parser.add_argument(
        "--processes", type=int, default=1, help="bot processes sharing the shards (default 1)"
    )
    parser.add_argument(
        "--database", default=None, help="a postgresql:// URL for the bot (default: SQLite)"
    )
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds <= 0 or args.rate <= 0:
        parser.error("users, seconds and rate must be positive")
    if args.shards < 1 or not 1 <= args.processes <= args.shards:
        parser.error("--processes must be between 1 and --shards")
    if args.processes > 1 and args.database is None:
        parser.error("several processes share one store: --database postgresql://... is needed")
    if args.burst is None:
        args.burst = args.users
    return args


def main() -> None:
    args = parse_args(sys.argv[1:])
    result = asyncio.run(main_async(args))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
