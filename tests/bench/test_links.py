"""The load benchmarks reach the bot through two modules only, so a move in bot/ is one edit."""

from __future__ import annotations

import ast
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
LINKS = {"bot_links.py", "floor_links.py"}
OURS = ("bot", "cogs", "db")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_only_the_link_modules_import_the_bot() -> None:
    loop = [
        *(BENCH / "measure").glob("*.py"),
        *(BENCH / name for name in ("load.py", "scale.py", "floor_bot.py")),
    ]
    reaching = {
        path.name for path in loop if any(name.split(".")[0] in OURS for name in imported(path))
    }
    assert reaching == LINKS


def test_the_load_benchmarks_import_the_shared_loop_as_a_package() -> None:
    for name in ("load.py", "scale.py"):
        names = imported(BENCH / name)
        assert "bench.measure.phase" in names
        assert "load" not in names  # never a sibling script as a top-level module
