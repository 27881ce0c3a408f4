"""The import structure of ``graph/``: the store knows none of its indexes, and nothing imports in a circle."""
from __future__ import annotations

import ast
from pathlib import Path

GRAPH = Path(__file__).resolve().parents[2] / "graph"
INDEX_MODULES = {"indexes", "indexfile", "search", "labels", "access"}
# what store.py imports inside functions: open_store's remote and snapshot stores, the curation
# replayed on a document write, a syntax error's message; none of them an index
STORE_DEFERRED = {"curator", "remote", "snapshot", "syntax"}


def imports(path: Path, deferred: bool) -> set[str]:
    """Return the graph modules ``path`` imports: at module level, and inside functions when ``deferred``
    (imports only for type checkers are left out)."""
    modules = {p.stem for p in GRAPH.glob("*.py")}
    found: set[str] = set()

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom) and child.level == 1 and (top or deferred):
                found.update([child.module.split(".")[0]] if child.module else [a.name for a in child.names])
            visit(child, top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(ast.parse(path.read_text(encoding="utf-8")), True)
    return found & modules


def graph_of(deferred: bool) -> dict[str, set[str]]:
    return {p.stem: imports(p, deferred) for p in sorted(GRAPH.glob("*.py"))}


def cycle(graph: dict[str, set[str]], through: set[str] | None = None) -> list[str] | None:
    """Return one import cycle (through one of ``through`` when given), or None."""
    def path(start: str, goal: str) -> list[str] | None:
        stack, seen = [(start, [start])], {start}
        while stack:
            node, trail = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == goal:
                    return trail + [goal]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
        return None
    for start in sorted(through or graph):
        found = path(start, start)
        if found:
            return found
    return None


def test_the_helpers_find_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_level_import_cycle_in_graph():
    assert cycle(graph_of(deferred=False)) is None


def test_the_store_imports_no_index_module_not_even_inside_a_function():
    assert INDEX_MODULES & {p.stem for p in GRAPH.glob("*.py")} >= {"indexes", "search", "labels"}
    assert not imports(GRAPH / "store.py", deferred=True) & INDEX_MODULES
    assert imports(GRAPH / "store.py", deferred=True) <= STORE_DEFERRED | {"vocab"}


def test_no_index_module_lies_on_an_import_cycle():
    graph = graph_of(deferred=True)
    graph["store"] = imports(GRAPH / "store.py", deferred=False)  # its deferred imports: see STORE_DEFERRED
    assert cycle(graph, through=INDEX_MODULES & set(graph)) is None
