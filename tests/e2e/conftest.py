"""End-to-end fixtures: the real CLI on the bundled corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from clirun import CORPUS, cityties


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store with the bundled corpus ingested once through the CLI."""
    store = tmp_path_factory.mktemp("corpus") / "store"
    cityties("ingest", str(CORPUS), "--quiet", store=store)
    return store
