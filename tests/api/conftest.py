"""Fixtures for the API tests: a small hand-built graph, an app over it, and the ingested corpus."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cityties.api.app import create_app
from cityties.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))  # apigraph, beside this file
from apigraph import ROOT, TOKEN, build_store, pipeline_available  # noqa: E402


@pytest.fixture
def store():
    s = build_store()
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(store=str(tmp_path / "store"), token=TOKEN)


@pytest.fixture
def app(store, settings):
    return create_app(store, settings)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def corpus_store_dir(tmp_path_factory) -> Path:
    """Ingest the bundled corpus through the CLI into a fresh store (once per session)."""
    if not pipeline_available():
        pytest.skip("the extraction pipeline (cityties.ingest.pipeline) is not there yet")
    path = tmp_path_factory.mktemp("corpus") / "store"
    cli = Path(sys.executable).with_name("cityties")
    proc = subprocess.run([str(cli), "--store", str(path), "ingest", str(ROOT / "data" / "corpus"), "--quiet"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return path
