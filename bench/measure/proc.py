"""What Linux's /proc says of a process: CPU time, memory, children; and the machine."""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
from pathlib import Path


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


async def sample_rss(pids: list[int], every_s: float, into: list[float]) -> None:
    """The resident memory of `pids`, summed, every `every_s`: flat or growing under load."""
    with contextlib.suppress(OSError):
        while True:
            into.append(round(sum(rss_mb(pid) for pid in pids), 1))
            await asyncio.sleep(every_s)


def children(pid: int) -> list[int]:
    """A bot's child processes: its chart workers (and multiprocessing's helper)."""
    with contextlib.suppress(OSError):
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


def children_cpu_seconds(pids: list[int]) -> dict[int, float]:
    used = {}
    for child in (child for pid in pids for child in children(pid)):
        with contextlib.suppress(OSError):
            used[child] = cpu_seconds(child)
    return used


def children_peak_rss_mb(pids: list[int]) -> float:
    total = 0.0
    for child in (child for pid in pids for child in children(pid)):
        with contextlib.suppress(OSError):
            total += peak_rss_mb(child)
    return round(total, 1)


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine() -> dict[str, object]:
    return {"cpus": os.cpu_count(), "cpu_model": cpu_model(), "python": platform.python_version()}
