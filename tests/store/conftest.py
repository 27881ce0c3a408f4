"""Fixtures for the store contract: the same tests over the embedded store and over Virtuoso.

Virtuoso comes from Debian's ``virtuoso-opensource-7-bin``; one server is started
for the whole session, on free loopback ports, and stopped at its end. Without the
binary the Virtuoso half is skipped, unless CI is set: there it fails.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "unit")]  # virtuoso.py and graphs.py (small_extraction)

import virtuoso  # noqa: E402

from cityties.graph.remote import RemoteStore  # noqa: E402
from cityties.graph.store import OxigraphStore, Store  # noqa: E402

KINDS = ("oxigraph", "virtuoso")


@pytest.fixture(scope="session")
def virtuoso_server():
    """Start one Virtuoso for the session; skip (or fail under CI) when it is not installed."""
    try:
        server = virtuoso.start()
    except virtuoso.VirtuosoMissing as e:
        if os.environ.get("CI"):
            pytest.fail(f"{e} (CI must install {virtuoso.PACKAGE})")
        pytest.skip(f"{e}; the Virtuoso half of the store tests is skipped")
    yield server
    server.stop()


def clear(store: RemoteStore) -> None:
    """Drop every cityties graph from the remote store, so each test starts empty."""
    iris = store.graph_iris()
    if iris:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in iris))


def make_store(kind: str, request: pytest.FixtureRequest, directory: Path) -> Store:
    """Open an empty store of ``kind``: an on-disk Oxigraph in ``directory``, or the session's Virtuoso."""
    if kind == "oxigraph":
        return OxigraphStore(directory / "store")
    server = request.getfixturevalue("virtuoso_server")
    store = RemoteStore(server.url, engine="virtuoso")  # a random port: say which engine it is
    clear(store)
    return store


@pytest.fixture(scope="session")
def store_factory():
    """Return :func:`make_store` (a fixture, as conftest modules cannot be imported by name)."""
    return make_store


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    """An empty store, once per implementation."""
    s = make_store(request.param, request, tmp_path)
    yield s
    s.close()
