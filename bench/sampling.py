"""A CPU profile of a running process and its children with py-spy, summarised as shares.

py-spy is a measuring tool, installed apart (`pip install py-spy`), never a dependency of
the bot. It samples from outside the process, so the bot runs unchanged while measured.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

TOP = 15
ROOT = str(Path(__file__).resolve().parents[1])
SAMPLES_PER_S = 200


def py_spy() -> str | None:
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


async def start_profile(
    pid: int, workdir: Path, seconds: float
) -> tuple[asyncio.subprocess.Process | None, Path, str | None]:
    out = workdir / f"profile-{pid}.txt"
    tool = py_spy()
    if tool is None:
        return None, out, "py-spy is not installed: pip install py-spy"
    process = await asyncio.create_subprocess_exec(
        tool,
        "record",
        "--pid",
        str(pid),
        "--subprocesses",  # the chart workers too
        "--nonblocking",  # never pauses the bot, so the figures stay honest
        "--rate",
        str(SAMPLES_PER_S),
        "--duration",
        str(max(1, round(seconds))),
        "--format",
        "raw",
        "--output",
        str(out),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    return process, out, None


def _frame_name(frame: str) -> str:
    # py-spy raw frames read "function (path/to/file.py:line)"; keep the function and file.
    name, _, where = frame.partition(" (")
    path = where.rsplit(":", 1)[0]
    short = "/".join(Path(path).parts[-2:]) if path else "?"
    return f"{name} ({short})"


def summarise(text: str, ours: str) -> dict[str, Any]:
    """Self and inclusive shares of the samples, by function, from py-spy's raw format."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    processes: Counter[str] = Counter()
    total = 0
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        processes[frames[0][:80]] += count
        names = [_frame_name(f) for f in frames[1:]] or ["(idle)"]
        own[names[-1]] += count
        # Inclusive shares of the project's own functions: where its time goes, by step.
        for name in {_frame_name(f) for f in frames[1:] if ours in f and ".venv" not in f}:
            inclusive[name] += count

    def shares(counter: Counter[str]) -> list[list[Any]]:
        return [[name, round(100 * n / total, 1)] for name, n in counter.most_common(TOP)]

    return {
        "samples": total,
        "by_process_percent": shares(processes),
        "self_percent": shares(own) if total else [],
        "inclusive_percent": shares(inclusive) if total else [],
    }


async def finish_profile(
    process: asyncio.subprocess.Process | None, out: Path, problem: str | None
) -> dict[str, Any]:
    if process is None:
        return {"error": problem}
    _, err = await process.communicate()
    text = await asyncio.to_thread(_read, out)
    if text is None:
        return {"error": err.decode(errors="replace").strip()[-300:] or "no profile written"}
    # PROFILE_RAW=path keeps py-spy's raw stacks for reading beyond the summary.
    if keep := os.environ.get("PROFILE_RAW"):
        await asyncio.to_thread(Path(keep).write_text, text)
    return summarise(text, ROOT)


def _read(out: Path) -> str | None:
    return out.read_text(errors="replace") if out.exists() else None
