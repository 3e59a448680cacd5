"""Load through the emulator: the real bot against a floor, both as their own processes.

    python bench/load.py [--quick] [--profile] [--users 4000] [--seconds 20] [--rate 200]
                         [--burst 2000] [--no-floor] [--only KIND]

The default plan is the rate a popular bot sees: 200 interactions a second for 20 s from
4,000 users (nobody comes near the per-user limit), then a burst of 2,000 at once.
`--quick` is the small plan (30/s for 30 s from 200 users, a burst of 200). `--profile`
samples the bot and its chart workers with py-spy (installed apart: it is no dependency)
during the steady load and adds the top functions by share of samples.

N simulated users (half in servers, half in DMs) send a fixed mix (estimate 50%, compare
15%, tips 10%, profile 15%, autocomplete 10%) at a steady rate through the emulator's
gateway to the real SalaryBot (`python -m bot.local.serve_bot`), then the same plan to a
floor bot that answers a constant (bench/floor_bot.py). Each bot gets its own emulator and
runs alone, so the two never share the two cores. A burst (one interaction from each of
`--burst` fresh users at once) is measured after the steady part and reported apart: a
backlog says more about the gateway than about the bot.

Time is measured in this process, from the INTERACTION_CREATE dispatch to the first
callback Discord would accept. Heavy commands are spread over the users so that nobody
exceeds the cooldown (5 per 30 s); any cooldown answer is still counted. CPU and peak RSS
are the bot's process and, apart, its chart workers. Prints one JSON object with the bot's
figures, the floor's and their ratios; goals are reported in it, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import json
import os
import platform
import random
import signal
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sampling import finish_profile, start_profile
from bot.emulator.driver import AUTOCOMPLETE, Driver
from bot.emulator.records import InteractionRecord
from bot.emulator.server import EmulatedUser, EmulatorServer, Place
from bot.flows.reply import TURNED_AWAY

REPO = Path(__file__).resolve().parents[1]

TOKEN = "bench-token"
GUILDS = 5
# Discord's limit for the first answer; later than this is an error even if it arrives.
FIRST_ANSWER_LIMIT_S = 3.0
CHART_WAIT_S = 15.0
DEFERRED = 5  # the callback type of "thinking…"
RSS_EVERY_S = 1.0
# The bot's heavy-command cooldown: 5 uses per 30 s per user (bot/ui/options.py).
COOLDOWN_USES, COOLDOWN_WINDOW_S = 5, 31.0
HEAVY = {"estimate", "compare", "tips"}
MIX = (("estimate", 50), ("compare", 15), ("tips", 10), ("profile", 15), ("autocomplete", 10))
GOALS = {
    "ratio_p99": 3.0,
    "ratio_p99_stretch": 1.5,
    "chart_edit_p99_ms": 1000.0,
    "cpu_ms_per_interaction": 2.5,
    "peak_rss_mb": 200.0,
}
QUICK = {"users": 200, "seconds": 30.0, "rate": 30.0, "burst": 200}
FULL = {"users": 4000, "seconds": 20.0, "rate": 200.0, "burst": 2000}

ROLES = (
    "ml_engineer",
    "data scientist",
    "MLE",
    "research scientist",
    "ai_engineer",
    "mlops_engineer",
)
LOCATIONS = (
    "seattle",
    "san francisco",
    "london",
    "germany",
    "toronto",
    "remote",
    "new york",
    "india",
)
LEVELS = ("entry", "mid", "senior", "principal")
SKILLS = ("python, pytorch", "python, sql, spark", "llm, nlp", "computer_vision")
TYPED = ("ml", "data", "sea", "lon", "res", "san", "ger", "r")


@dataclass
class Planned:
    at: float
    kind: str
    command: str
    options: dict[str, Any]
    user: int
    focused: str | None = None


@dataclass
class Outcome:
    kind: str
    first_ms: float | None = None
    chart_ms: float | None = None
    chart_offered: bool = False  # left out under load, with a "Show chart" button
    chart_in_first_answer: bool = False  # drawn in time to go with the answer, no edit
    problems: list[str] = field(default_factory=list)
    cooldown: bool = False
    answered_at: float | None = None
    deferred: bool = False  # the first answer was "thinking…", the content came after
    turned_away: bool = False  # "answering more questions than I can": shed under overload
    content_ms: float | None = None  # until the answer itself could be read


def _request(rng: random.Random, kind: str) -> tuple[str, dict[str, Any], str | None]:
    person: dict[str, Any] = {"role": rng.choice(ROLES), "location": rng.choice(LOCATIONS)}
    if rng.random() < 0.7:
        person["years"] = rng.randint(0, 20)
    else:
        person["level"] = rng.choice(LEVELS)
    if kind == "estimate":
        if rng.random() < 0.3:
            person["skills"] = rng.choice(SKILLS)
        return "estimate", person, None
    if kind == "compare":
        if rng.random() < 0.66:
            return "compare roles", person, None
        places = ", ".join(rng.sample(LOCATIONS, 3))
        return "compare locations", {"places": places, "role": person["role"]}, None
    if kind == "tips":
        return "tips", person, None
    if kind == "profile":
        if rng.random() < 0.5:
            return "profile set", person, None
        return "profile show", {}, None
    focused = rng.choice(("role", "location"))
    return "estimate", {focused: rng.choice(TYPED)}, focused


def _kinds(only: str | None) -> list[str]:
    return [only] if only else [kind for kind, weight in MIX for _ in range(weight)]


def plan_load(
    users: int, seconds: float, rate: float, seed: int, only: str | None = None
) -> list[Planned]:
    """The same list for both bots: what is sent, by whom, when."""
    rng = random.Random(seed)
    kinds = _kinds(only)
    heavy_uses: list[deque[float]] = [deque() for _ in range(users)]
    cursor = 0
    plan = []
    for index in range(round(seconds * rate)):
        at = index / rate
        kind = rng.choice(kinds)
        command, options, focused = _request(rng, kind)
        user = cursor % users
        if kind in HEAVY:
            # The next user with room under the cooldown; if none has, the cooldown shows.
            for step in range(users):
                candidate = (cursor + step) % users
                uses = heavy_uses[candidate]
                while uses and uses[0] <= at - COOLDOWN_WINDOW_S:
                    uses.popleft()
                if len(uses) < COOLDOWN_USES:
                    user = candidate
                    break
            heavy_uses[user].append(at)
        cursor = user + 1
        plan.append(Planned(at, kind, command, options, user, focused))
    return plan


def plan_burst(size: int, seed: int, only: str | None = None) -> list[Planned]:
    rng = random.Random(seed)
    kinds = _kinds(only)
    plan = []
    for user in range(size):
        kind = rng.choice(kinds)
        command, options, focused = _request(rng, kind)
        plan.append(Planned(0.0, kind, command, options, user, focused))
    return plan


# ----------------------------------------------------------------- measuring


def percentiles(samples: list[float]) -> dict[str, float | None]:
    if not samples:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(samples)

    def at(fraction: float) -> float:
        # Nearest rank: the smallest sample with at least `fraction` of samples at or below it.
        rank = max(1, -(-len(ordered) * fraction // 1))
        return round(ordered[int(rank) - 1], 2)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1], 2)}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of the whole line, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _status_mb(pid: int, name: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def peak_rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmRSS")


async def sample_rss(pid: int, every_s: float, into: list[float]) -> None:
    """The bot's resident memory every `every_s`: flat or growing under the load."""
    with contextlib.suppress(OSError):
        while True:
            into.append(rss_mb(pid))
            await asyncio.sleep(every_s)


def children(pid: int) -> list[int]:
    """The bot's child processes: its chart workers (and multiprocessing's helper)."""
    with contextlib.suppress(OSError):
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


def children_cpu_seconds(pid: int) -> dict[int, float]:
    used = {}
    for child in children(pid):
        with contextlib.suppress(OSError):
            used[child] = cpu_seconds(child)
    return used


def children_peak_rss_mb(pid: int) -> float:
    total = 0.0
    for child in children(pid):
        with contextlib.suppress(OSError):
            total += peak_rss_mb(child)
    return round(total, 1)


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


# ----------------------------------------------------------------- one bot under load


class Phase:
    """One bot process against its own emulator, driven with a plan."""

    def __init__(self, name: str, argv: list[str], users: int, burst: int, workdir: Path) -> None:
        self.name = name
        self.argv = argv
        self.workdir = workdir
        self.server = EmulatorServer(token=TOKEN)
        self.driver = Driver(self.server)
        guilds = [
            self.server.add_guild(f"guild {i}", ("general", "careers")) for i in range(GUILDS)
        ]
        self.users, self.places = self._people("user", users, guilds)
        self.burst_users, self.burst_places = self._people("burst", burst, guilds)
        self.warm_users, self.warm_places = self._people("warm", 10, guilds)
        self.lag_file = workdir / f"{name}-lag.json"
        self.log_file = workdir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    def _people(
        self, prefix: str, count: int, guilds: list[dict[str, Any]]
    ) -> tuple[list[EmulatedUser], list[Place]]:
        users = [self.server.add_user(f"{prefix}{i}") for i in range(count)]
        places = [
            self.server.in_guild(guilds[i % GUILDS], i % 2) if i % 2 == 0 else self.server.dm(user)
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
        argv = [
            *self.argv,
            "--api",
            self.server.api_base,
            "--gateway",
            self.server.gateway_url,
            "--lag-file",
            str(self.lag_file),
        ]
        with self.log_file.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, *argv, cwd=self.workdir, env=env, stdout=log, stderr=log
            )
        await asyncio.wait_for(self.server.identified.wait(), timeout=60)
        # Ready once a command is answered in a server and in a DM (GUILD_CREATE processed).
        await self.run(plan_burst(10, seed=99), self.warm_users, self.warm_places)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def signal(self, signum: int) -> None:
        assert self.process is not None
        self.process.send_signal(signum)

    async def lag_now(self) -> dict[str, Any]:
        self.lag_file.unlink(missing_ok=True)
        self.signal(signal.SIGUSR2)
        for _ in range(200):
            await asyncio.sleep(0.01)
            with contextlib.suppress(OSError, ValueError):
                return dict(json.loads(self.lag_file.read_text()))
        return {}

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout=30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        await self.server.stop()

    def error_log_lines(self) -> list[str]:
        text = self.log_file.read_text(errors="replace")
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
        outcome.content_ms = outcome.first_ms
        if record.response_type == DEFERRED:
            outcome.deferred = True
            try:
                await record.wait_for(_has_content, timeout=CHART_WAIT_S)
            except TimeoutError:
                outcome.problems.append("thinking, never answered")
                return outcome
            assert record.last_edit_at is not None
            outcome.content_ms = (record.last_edit_at - record.created) * 1000
        text = _answer_text(record)
        outcome.cooldown = "Easy there" in text
        outcome.turned_away = TURNED_AWAY in text
        if "Something went wrong" in text:
            outcome.problems.append("error answer")
        charted = item.kind in ("estimate", "compare") and item.focused is None
        if self.name == "bot" and charted and not (outcome.cooldown or outcome.turned_away):
            await self._chart(record, outcome)
        return outcome

    @staticmethod
    async def _chart(record: InteractionRecord, outcome: Outcome) -> None:
        try:
            await record.wait_for(_has_chart_or_button, timeout=CHART_WAIT_S)
        except TimeoutError:
            outcome.problems.append("no chart")
            return
        # The chart came with the first answer, or in an edit after it.
        shown_at = record.last_edit_at or record.first_response_at
        assert shown_at is not None
        if record.message.files:
            outcome.chart_ms = (shown_at - record.created) * 1000
            outcome.chart_in_first_answer = record.last_edit_at is None
        else:
            outcome.chart_offered = True


def _has_content(record: InteractionRecord) -> bool:
    return bool(record.messages()) and bool(_answer_text(record))


def _has_chart_or_button(record: InteractionRecord) -> bool:
    if not record.messages():
        return False
    message = record.message
    return bool(message.files) or any(b.get("label") == "Show chart" for b in message.buttons())


def _answer_text(record: InteractionRecord) -> str:
    with contextlib.suppress(AssertionError):
        return record.message.text()
    return ""


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
        # Until the answer could be read: the first answer, or the edit after "thinking…".
        "content_ms": percentiles([o.content_ms for o in outcomes if o.content_ms is not None]),
        "deferred_at_once": sum(o.deferred for o in outcomes),
        "turned_away": sum(o.turned_away for o in outcomes),
        "first_response_ms_by_kind": by_kind,
        "chart_edit_ms": percentiles([o.chart_ms for o in outcomes if o.chart_ms is not None]),
        "charts_shown": sum(o.chart_ms is not None for o in outcomes),
        "charts_in_first_answer": sum(o.chart_in_first_answer for o in outcomes),
        "charts_left_for_a_button": sum(o.chart_offered for o in outcomes),
        "throughput_per_s": round(len(firsts) / wall_s, 1) if wall_s > 0 else None,
    }


async def measure(
    phase: Phase,
    plan: list[Planned],
    burst: list[Planned],
    catalogue: list[dict[str, Any]] | None,
    profile: bool = False,
) -> dict[str, Any]:
    await phase.start(catalogue)
    try:
        unknown_before = phase.server.stats.unknown_interactions
        phase.signal(signal.SIGUSR1)  # the lag probe starts afresh with the load
        cpu_before = cpu_seconds(phase.pid)
        workers_before = children_cpu_seconds(phase.pid)
        emulator_before = time.process_time()
        seconds = plan[-1].at if plan else 0.0
        sampler = await start_profile(phase.pid, phase.workdir, seconds) if profile else None
        rss: list[float] = []
        sampler_task = asyncio.create_task(sample_rss(phase.pid, RSS_EVERY_S, rss))
        outcomes, wall = await phase.run(plan, phase.users, phase.places)
        sampler_task.cancel()
        cpu_used = cpu_seconds(phase.pid) - cpu_before
        emulator_used = time.process_time() - emulator_before
        workers_used = sum(
            used - workers_before.get(child, 0.0)
            for child, used in children_cpu_seconds(phase.pid).items()
        )
        steady = summarise(outcomes, wall)
        steady["loop_lag_ms"] = await phase.lag_now()
        steady["rss_mb_every_10s"] = rss[:: round(10 / RSS_EVERY_S)]
        per = 1000 / max(1, len(plan))
        steady["cpu_ms_per_interaction"] = round(cpu_used * per, 2)
        steady["workers_cpu_ms_per_interaction"] = round(workers_used * per, 2)
        steady["total_cpu_ms_per_interaction"] = round((cpu_used + workers_used) * per, 2)
        steady["cpu_percent"] = round(100 * cpu_used / wall, 1) if wall else None
        # This process (the emulator and the simulated users) shares the same two cores.
        steady["emulator_cpu_ms_per_interaction"] = round(emulator_used * per, 2)
        steady["workers_cpu_percent"] = round(100 * workers_used / wall, 1) if wall else None
        if sampler is not None:
            steady["profile"] = await finish_profile(*sampler)
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
        steady["peak_rss_mb"] = peak_rss_mb(phase.pid)
        steady["workers_peak_rss_mb"] = children_peak_rss_mb(phase.pid)
        steady["double_acknowledgements"] = phase.server.stats.double_acknowledgements
    finally:
        await phase.stop()
    logged = phase.error_log_lines()
    steady["error_log_lines"] = len(logged)
    if logged:
        steady["first_error_log_line"] = logged[0][:300]
    return steady


def _ratio(bot: float | None, floor: float | None) -> float | None:
    return round(bot / floor, 2) if bot and floor else None


def ratios(bot: dict[str, Any], floor: dict[str, Any]) -> dict[str, float | None]:
    first, floor_first = bot["first_response_ms"], floor["first_response_ms"]
    burst, floor_burst = bot.get("burst", {}), floor.get("burst", {})
    return {
        "first_response_p50": _ratio(first["p50"], floor_first["p50"]),
        "first_response_p99": _ratio(first["p99"], floor_first["p99"]),
        "first_response_max": _ratio(first["max"], floor_first["max"]),
        "burst_p99": _ratio(
            burst.get("first_response_ms", {}).get("p99"),
            floor_burst.get("first_response_ms", {}).get("p99"),
        ),
        "cpu_ms_per_interaction": _ratio(
            bot["total_cpu_ms_per_interaction"], floor["total_cpu_ms_per_interaction"]
        ),
    }


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    plan = plan_load(args.users, args.seconds, args.rate, args.seed, args.only)
    burst = plan_burst(args.burst, args.seed + 1, args.only)
    with tempfile.TemporaryDirectory(prefix="salary-load-") as tmp:
        workdir = Path(tmp)
        bot_phase = Phase("bot", ["-m", "bot.local.serve_bot"], args.users, args.burst, workdir)
        bot = await measure(bot_phase, plan, burst, None, profile=args.profile)
        floor: dict[str, Any] | None = None
        if not args.no_floor:
            floor_phase = Phase(
                "floor", [str(REPO / "bench" / "floor_bot.py")], args.users, args.burst, workdir
            )
            floor = await measure(floor_phase, plan, burst, bot_phase.server.global_commands)
    compared = ratios(bot, floor) if floor is not None else {}
    ratio = compared.get("first_response_p99")
    burst_unknown = bot.get("burst", {}).get("unknown_interactions", 0)
    errors = bot["errors"] + bot["error_log_lines"] + bot["double_acknowledgements"]
    errors += bot.get("burst", {}).get("errors", 0)
    chart_p99 = bot["chart_edit_ms"]["p99"]
    result: dict[str, Any] = {
        "plan": {
            "users": args.users,
            "rate_per_s": args.rate,
            "seconds": args.seconds,
            "burst": args.burst,
            "mix": dict(Counter(item.kind for item in plan)),
        },
        "bot": {
            "first_response_ms": bot["first_response_ms"],
            "content_ms": bot["content_ms"],
            "deferred_at_once": bot["deferred_at_once"],
            "turned_away": bot["turned_away"] + bot.get("burst", {}).get("turned_away", 0),
            "chart_edit_ms": bot["chart_edit_ms"],
            "charts_shown": bot["charts_shown"],
            "charts_in_first_answer": bot["charts_in_first_answer"],
            "charts_left_for_a_button": bot["charts_left_for_a_button"],
            "cpu_ms_per_interaction": bot["total_cpu_ms_per_interaction"],
            "bot_process_cpu_ms_per_interaction": bot["cpu_ms_per_interaction"],
            "workers_cpu_ms_per_interaction": bot["workers_cpu_ms_per_interaction"],
            "emulator_cpu_ms_per_interaction": bot["emulator_cpu_ms_per_interaction"],
            "burst_first_response_ms": bot.get("burst", {}).get("first_response_ms"),
            "burst_content_ms": bot.get("burst", {}).get("content_ms"),
            "peak_rss_mb": bot["peak_rss_mb"],
            "rss_mb_every_10s": bot["rss_mb_every_10s"],
            "workers_peak_rss_mb": bot["workers_peak_rss_mb"],
            "errors": errors,
            "unknown_interactions": bot["unknown_interactions"] + burst_unknown,
        },
        "floor": None
        if floor is None
        else {
            "first_response_ms": floor["first_response_ms"],
            "cpu_ms_per_interaction": floor["total_cpu_ms_per_interaction"],
            "emulator_cpu_ms_per_interaction": floor["emulator_cpu_ms_per_interaction"],
            "burst_first_response_ms": floor.get("burst", {}).get("first_response_ms"),
            "peak_rss_mb": floor["peak_rss_mb"],
        },
        "ratios_bot_to_floor": compared,
        "goals_met": {
            "p99_at_most_3x_floor": ratio is not None and ratio <= GOALS["ratio_p99"],
            "p99_at_most_1_5x_floor_stretch": ratio is not None
            and ratio <= GOALS["ratio_p99_stretch"],
            "chart_edit_p99_under_1s": chart_p99 is not None
            and chart_p99 < GOALS["chart_edit_p99_ms"],
            "cpu_under_2_5ms_per_interaction": bot["total_cpu_ms_per_interaction"]
            < GOALS["cpu_ms_per_interaction"],
            "zero_unknown_interactions_in_burst": burst_unknown == 0,
            "zero_errors": errors == 0,
            "rss_under_200mb": bot["peak_rss_mb"] < GOALS["peak_rss_mb"],
        },
        "details": {"bot": bot, "floor": floor},
        "machine": {
            "cpus": os.cpu_count(),
            "cpu_model": cpu_model(),
            "python": platform.python_version(),
        },
    }
    return result


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the small plan: 30/s for 30 s")
    parser.add_argument("--profile", action="store_true", help="sample the bot with py-spy")
    parser.add_argument("--no-floor", action="store_true", help="measure the bot alone")
    parser.add_argument("--users", type=int, help=f"simulated users (default {FULL['users']})")
    parser.add_argument("--seconds", type=float, help="length of the steady load")
    parser.add_argument("--rate", type=float, help="interactions per second")
    parser.add_argument("--burst", type=int, help="interactions sent at once after")
    parser.add_argument("--seed", type=int, default=6)
    kinds = [kind for kind, _ in MIX]
    parser.add_argument("--only", choices=kinds, help="send one kind only (where CPU goes)")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.users < 1 or args.seconds <= 0 or args.rate <= 0 or args.burst < 0:
        parser.error("users, seconds and rate must be positive")
    return args


def main() -> None:
    args = parse_args(sys.argv[1:])
    result = asyncio.run(main_async(args))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
