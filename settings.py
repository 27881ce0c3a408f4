"""Settings: one frozen value per entry point, from flags, then ``CITYTIES_*``, then defaults.

Every setting is a row of ``SETTINGS`` (name, default, help); the README's
settings table is checked against it by a test.

>>> s = load_settings({"port": "9000"}, environ={"CITYTIES_HOST": "0.0.0.0"})
>>> (s.host, s.port)
('0.0.0.0', 9000)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping


def default_store_dir() -> str:
    """Return the per-user data directory for the store (XDG_DATA_HOME or ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "cityties" / "store")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with its default. See SETTINGS for the help text."""

    store: str = ""
    data_dir: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    home: str = ""
    token: str = ""
    max_upload_bytes: int = 20 * 1024 * 1024
    sparql_timeout_s: float = 10.0
    sparql_max_results: int = 10000
    sparql_max_concurrent: int = 4
    sparql_share_s: float = 0.5
    sparql_memory_mb: int = 2048
    view_max_nodes: int = 5000  # drawn from server positions in ~1 s in headless chromium; see api/view.py
    max_depth: int = 4
    path_max_hops: int = 8
    ask_max_chars: int = 500
    page_size: int = 50
    jobs: int = 1
    curator: str = ""

    def __post_init__(self) -> None:
        if not self.store:
            object.__setattr__(self, "store", default_store_dir())


SETTINGS: tuple[tuple[str, str], ...] = (
    ("store", "store directory or SPARQL endpoint URL (default: the per-user data directory)"),
    ("data_dir", "extra gazetteer and lexicon data directory, read after the bundled data"),
    ("host", "address `cityties serve` listens on"),
    ("port", "port `cityties serve` listens on"),
    ("home", "IRI or name of the home entity (\"we\"); default: the body that wrote most documents"),
    ("token", "bearer token for the write endpoints; empty turns them off"),
    ("max_upload_bytes", "largest accepted upload, in bytes"),
    ("sparql_timeout_s", "time limit of one SPARQL query, in seconds"),
    ("sparql_max_results", "most rows one SPARQL query returns"),
    ("sparql_max_concurrent", "query worker processes: most SPARQL and deep neighbourhood queries running at once "
                              "(one client runs at most one fewer)"),
    ("sparql_share_s", "seconds a query runs before it may be stopped to make room for a waiting one"),
    ("sparql_memory_mb", "data memory (heap, not mapped libraries) one query worker may use, in MiB"),
    ("view_max_nodes", "most nodes the network view draws before it asks for a focus"),
    ("max_depth", "deepest neighbourhood or path search"),
    ("path_max_hops", "longest path (in facts) the shortest-path endpoint and /ask report"),
    ("ask_max_chars", "longest question /ask accepts"),
    ("page_size", "default page size of list endpoints"),
    ("jobs", "extraction worker processes for ingest"),
    ("curator", "name recorded as who made a curation from the command line or a notebook (default: the login name)"),
)


def load_settings(overrides: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from explicit overrides (flags), then CITYTIES_* variables, then defaults."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = (overrides or {}).get(f.name)
        if raw is None:
            raw = environ.get(f"CITYTIES_{f.name.upper()}")
        if raw is None:
            continue
        kind = type(f.default)
        try:
            values[f.name] = kind(raw)
        except (TypeError, ValueError) as e:
            raise ValueError(f"setting {f.name}: {raw!r} is not a valid {kind.__name__}") from e
    return Settings(**values)
