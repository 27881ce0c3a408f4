"""Shared fixtures: where the shared folder is, and a small graph built from the model."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_dir(name: str) -> Path:
    """Return ../shared/<name>; skip when absent outside CI, fail inside CI."""
    path = SHARED / name
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the checkout")
        pytest.skip(f"{path} is absent (tests on shared documents need ../shared beside the checkout)")
    return path


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store with the bundled corpus ingested once through the CLI (end-to-end and reliability tests)."""
    from clirun import CORPUS, cityties  # tests/e2e, on the test path
    store = tmp_path_factory.mktemp("corpus") / "store"
    cityties("ingest", str(CORPUS), "--quiet", store=store)
    return store
