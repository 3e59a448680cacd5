"""The salary domain stays pure: no Discord, no network, no store, no app code.

The bot depends on bot.salary, never the other way round; and the run-time
modules read the built tables without importing the pipeline that makes them.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot.salary
from tests.support import fresh_ast

PACKAGE = Path(bot.salary.__file__).parent
FORBIDDEN = ("discord", "aiohttp", "db")
# Build-time entry points that may import the pipeline; nothing the bot loads.
BUILD_ENTRIES = {"bot.salary.evaluate"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """Absolute names of every module (or member) the file imports."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(fresh_ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            yield base
            # `from . import x` names a submodule as often as a member.
            yield from (f"{base}.{alias.name}" for alias in node.names)


MODULES = sorted(PACKAGE.rglob("*.py"))


def _is_within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_domain_imports_nothing_from_outside(path: Path) -> None:
    for name in _imports(path):
        top = name.split(".")[0]
        assert top not in FORBIDDEN, f"{_module_name(path)} imports {name}"
        if top == "bot":
            assert _is_within(name, "bot.salary"), f"{_module_name(path)} imports {name}"


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if not _is_within(_module_name(p), "bot.salary.build")],
    ids=lambda p: _module_name(p),
)
def test_run_time_modules_do_not_import_the_build(path: Path) -> None:
    if _module_name(path) in BUILD_ENTRIES:
        return
    for name in _imports(path):
        assert not _is_within(name, "bot.salary.build"), f"{_module_name(path)} imports {name}"


def test_the_walk_sees_relative_imports() -> None:
    # Guards the checker itself: a resolver bug would make both tests above vacuous.
    names = set(_imports(PACKAGE / "build" / "bands.py"))
    assert {"bot.salary.bands", "bot.salary.build.aijobs"} <= names


def test_loading_the_model_loads_no_discord() -> None:
    code = (
        "import sys\n"
        "import bot.salary.model, bot.salary.compare, bot.salary.tips\n"
        "bad = sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('discord', 'aiohttp', 'db') or m.startswith('bot.salary.build'))\n"
        "print(','.join(bad))\n"
    )
    root = PACKAGE.parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
