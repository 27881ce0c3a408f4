"""Run the ``>>>`` examples in every module's docstrings."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cityties

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(cityties.__path__, "cityties.")
    if not m.name.startswith(("cityties.tests", "cityties.notebooks", "cityties.bench", "cityties.scripts"))
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_layers_import_one_way():
    """graph imports no sibling; ingest imports graph only; api may import graph and ingest."""
    import ast
    from pathlib import Path
    root = Path(cityties.__file__).parent
    rules = {"graph": {"ingest", "api", "cli", "analysis"}, "ingest": {"api", "cli", "analysis"}}
    for layer, forbidden in rules.items():
        for path in (root / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.ImportFrom):
                    mod = node.module or ""
                    if node.level >= 2:
                        names.append(mod.split(".")[0])
                    elif mod.startswith("cityties."):
                        names.append(mod.split(".")[1])
                elif isinstance(node, ast.Import):
                    names += [a.name.split(".")[1] for a in node.names if a.name.startswith("cityties.")]
                bad = forbidden.intersection(names)
                assert not bad, f"{path.relative_to(root)} imports {bad}: {layer} must not"
