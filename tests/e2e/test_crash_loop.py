"""The short form of scripts/crash_loop.py: a few SIGKILLs during ingest, the store whole or absent each time.

The long form: ``.venv/bin/python scripts/crash_loop.py --iterations 50``.
"""
from __future__ import annotations

import importlib.util
import random
import sys

from clirun import CORPUS, ROOT

ITERATIONS = 6


def _crash_loop_module():
    spec = importlib.util.spec_from_file_location("crash_loop", ROOT / "scripts" / "crash_loop.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_random_sigkills_leave_every_document_whole_or_absent(tmp_path):
    loop = _crash_loop_module()
    summary = loop.crash_loop(ITERATIONS, CORPUS, tmp_path, random.Random(2019))
    print(f"\ncrash loop: {summary.line()}")
    assert summary.failures == []
    assert summary.iterations == ITERATIONS
    assert summary.kills >= 2, "runs should be killed mid-way, not finish first"
