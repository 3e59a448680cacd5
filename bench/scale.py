"""Scale-out load: the bot as one or several sharded processes, on SQLite or PostgreSQL.

    python bench/scale.py [--users 200] [--seconds 30] [--rate 30] [--burst 200]
        [--shards N --processes P] [--database postgresql://...]
    python -m bench.scale ...  (the same)

(bench/load.py is the single-process benchmark at 200/s; this one compares 1 and P
processes under one plan.) Both measure with bench/measure, whose docstring says how: the
same plan, the same bots and the same timing, so 1 and P processes compare like for like.
Prints one JSON object; goals are reported in it, never asserted.

Scale-out: `--shards N --processes P` runs the bot as P processes, process p taking the
shards p, p+P, ...; guilds are spread over the shards. Discord sends every DM to shard 0,
so with N > 1 all simulated users ask in servers, or one process would get all the DMs
(and 1 and 2 processes run the same plan in the same places).
`--database URL` puts the bot's store on that PostgreSQL server (a schema of its own,
dropped afterwards), shared by all the processes; without it each run uses a SQLite file.
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as a file: the checkout, not bench/, is where imports start
    sys.path[0] = str(Path(__file__).resolve().parents[1])

import argparse
import asyncio
import contextlib
import json
import tempfile
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from bench.measure.phase import Scale, bot_phase, floor_phase, measure
from bench.measure.plan import plan_burst, plan_load
from bench.measure.proc import machine
from bench.measure.schema import fresh_schema

GOALS = {"p99_ms": 100.0, "ratio_p99": 2.0, "peak_rss_mb": 200.0}


@contextlib.asynccontextmanager
async def bot_database(database: str | None) -> AsyncIterator[str | None]:
    """A fresh schema on the PostgreSQL server of `database`; None (SQLite files) stays None."""
    if database is None:
        yield None
        return
    async with fresh_schema(database) as url:
        yield url


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    plan = plan_load(args.users, args.seconds, args.rate, args.seed)
    burst = plan_burst(args.burst, args.seed + 1)
    with tempfile.TemporaryDirectory(prefix="salary-load-") as tmp:
        workdir = Path(tmp)
        async with bot_database(args.database) as database:
            measured = bot_phase(
                args.users, args.burst, workdir, Scale(args.shards, args.processes, database)
            )
            bot = await measure(measured, plan, burst, None)
        catalogue = measured.server.global_commands
        floor = await measure(floor_phase(args.users, args.burst, workdir), plan, burst, catalogue)
    bot_p99 = bot["first_response_ms"]["p99"]
    floor_p99 = floor["first_response_ms"]["p99"]
    ratio = round(bot_p99 / floor_p99, 2) if bot_p99 and floor_p99 else None
    return {
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
        "charts_shown": bot["charts_shown"],
        "charts_in_first_answer": bot["charts_in_first_answer"],
        "charts_left_for_a_button": bot["charts_left_for_a_button"],
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
        "machine": machine(),
    }


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


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main_async(parse_args(sys.argv[1:]))), indent=2))
