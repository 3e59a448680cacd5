"""Load through the emulator: the real bot against a floor, both as their own processes.

    python bench/load.py [--quick] [--profile] [--users 4000] [--seconds 20] [--rate 200]
                         [--burst 2000] [--no-floor] [--only KIND]
    python -m bench.load ...  (the same)

The default plan is the rate a popular bot sees: 200 interactions a second for 20 s from
4,000 users (nobody comes near the per-user limit), then a burst of 2,000 at once.
`--quick` is the small plan (30/s for 30 s from 200 users, a burst of 200). `--profile`
samples the bot and its chart workers with py-spy (installed apart: it is no dependency)
during the steady load and adds the top functions by share of samples.

The plan, the bots and how each interaction is timed are bench/measure's (its docstring
says how). CPU and peak RSS are the bot's process and, apart, its chart workers. Prints
one JSON object with the bot's figures, the floor's and their ratios; goals are reported
in it, never asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as a file: the checkout, not bench/, is where imports start
    sys.path[0] = str(Path(__file__).resolve().parents[1])

import argparse
import asyncio
import json
import tempfile
from collections import Counter
from typing import Any

from bench.measure.phase import bot_phase, floor_phase, measure
from bench.measure.plan import KINDS, plan_burst, plan_load
from bench.measure.proc import machine

GOALS = {
    "ratio_p99": 3.0,
    "ratio_p99_stretch": 1.5,
    "chart_edit_p99_ms": 1000.0,
    "cpu_ms_per_interaction": 2.5,
    "peak_rss_mb": 200.0,
}
QUICK = {"users": 200, "seconds": 30.0, "rate": 30.0, "burst": 200}
FULL = {"users": 4000, "seconds": 20.0, "rate": 200.0, "burst": 2000}


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
        measured = bot_phase(args.users, args.burst, workdir)
        bot = await measure(measured, plan, burst, None, profile=args.profile)
        floor: dict[str, Any] | None = None
        if not args.no_floor:
            catalogue = measured.server.global_commands
            floor = await measure(
                floor_phase(args.users, args.burst, workdir), plan, burst, catalogue
            )
    compared = ratios(bot, floor) if floor is not None else {}
    ratio = compared.get("first_response_p99")
    burst_unknown = bot.get("burst", {}).get("unknown_interactions", 0)
    errors = bot["errors"] + bot["error_log_lines"] + bot["double_acknowledgements"]
    errors += bot.get("burst", {}).get("errors", 0)
    chart_p99 = bot["chart_edit_ms"]["p99"]
    return {
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
        "machine": machine(),
    }


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
    parser.add_argument("--only", choices=KINDS, help="send one kind only (where CPU goes)")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.users < 1 or args.seconds <= 0 or args.rate <= 0 or args.burst < 0:
        parser.error("users, seconds and rate must be positive")
    return args


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main_async(parse_args(sys.argv[1:]))), indent=2))
