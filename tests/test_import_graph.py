"""The house's arrows point one way: no import cycle among the project's modules.

Imports under `if TYPE_CHECKING:` are for the type checker only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import fresh_ast

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "cogs", "db")


def module_names() -> dict[str, Path]:
    names = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            names[name] = path
    return names


def _runtime_imports(tree: ast.AST, own: str, is_package: bool) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = own.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    names = module_names()
    graph = {}
    for name, path in names.items():
        tree = fresh_ast.parse(path.read_text(encoding="utf-8"), str(path))
        imported = _runtime_imports(tree, name, path.name == "__init__.py")
        # A package's own __init__ runs first anyway; only edges between modules count.
        graph[name] = {
            target
            for target in imported
            if target in names and target != name and not name.startswith(f"{target}.")
        }
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_graph_sees_the_imports() -> None:
    graph = import_graph()
    assert "bot.flows.answers" in graph["cogs.estimate"]
    assert "bot.salary.fields" in graph["bot.salary.query"]


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


# Which package may import which: arrows point one way, from the process down to the domain.
# A package may always import itself; bot.interaction is the one shared typing alias.
ALLOWED = {
    "bot.app": {"bot.ui", "bot.flows", "bot.render", "bot.salary", "cogs", "db", "bot.interaction"},
    "bot.local": {"bot.app", "bot.emulator", "bot.flows", "bot.render", "db"},
    "cogs": {"bot.ui", "bot.flows", "bot.render", "bot.salary", "db", "bot.interaction"},
    "bot.ui": {"bot.flows", "bot.render", "bot.salary", "db", "bot.interaction"},
    "bot.flows": {"bot.render", "bot.salary", "db", "bot.interaction"},
    "bot.render": {"bot.salary"},
    "bot.salary": set(),
    "bot.emulator": set(),
    "db": {"bot.salary.fields"},
    "bot.interaction": set(),
}
SUBPACKAGES = ("app", "local", "ui", "flows", "render", "salary", "emulator")


def package_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "bot" and len(parts) > 1 and parts[1] in SUBPACKAGES:
        return f"bot.{parts[1]}"
    return module if parts[0] == "bot" else parts[0]


def test_every_arrow_points_the_allowed_way() -> None:
    wrong = []
    for name, targets in import_graph().items():
        source = package_of(name)
        if source not in ALLOWED:
            continue  # bot/__main__.py starts whichever part is asked for
        for target in targets:
            allowed = ALLOWED[source]
            if package_of(target) != source and not any(
                target == a or target.startswith(f"{a}.") for a in allowed
            ):
                wrong.append(f"{name} -> {target}")
    assert not wrong, wrong


def test_the_rule_catches_a_wrong_arrow() -> None:
    assert package_of("bot.render.phrases") == "bot.render"
    assert "bot.flows" not in ALLOWED["bot.render"]
    assert "bot.ui" not in ALLOWED["bot.flows"]


def test_bot_top_level_stays_small() -> None:
    top = [path.name for path in (ROOT / "bot").glob("*.py")]
    assert len(top) <= 8, top


def test_flows_import_no_view() -> None:
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith("bot.flows"):
            assert not any(t.startswith("bot.ui") for t in targets), name


def test_salary_emulator_and_db_point_nowhere_else() -> None:
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith("bot.salary"):
            assert all(t.startswith("bot.salary") for t in targets), (name, targets)
        if name.startswith("db"):
            # The store's models read the salary field declaration, a pure leaf.
            allowed = ("db", "bot.salary.fields")
            assert all(t.startswith(allowed) for t in targets), (name, targets)
        if name.startswith("bot.emulator"):
            assert all(t.startswith("bot.emulator") for t in targets), (name, targets)
