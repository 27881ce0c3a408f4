"""Run the real `cityties` command line from tests."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
CLI = [sys.executable, "-m", "cityties.cli"]


def cityties(*args: str, store: Path | None = None, check: bool = True,
             timeout: float = 600, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `cityties` command line; return the completed process."""
    cmd = [*CLI, *(["--store", str(store)] if store else []), *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return proc
