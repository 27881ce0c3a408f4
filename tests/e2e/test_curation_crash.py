"""The short form of scripts/curation_crash_loop.py: SIGKILLs during a curation, each leaving it whole or absent.

The long form: ``.venv/bin/python scripts/curation_crash_loop.py --iterations 30``.
"""
from __future__ import annotations

import importlib.util
import random
import sys

from clirun import CORPUS, ROOT

ITERATIONS = 4


def _loop_module():
    spec = importlib.util.spec_from_file_location("curation_crash_loop", ROOT / "scripts" / "curation_crash_loop.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_sigkills_during_a_curation_leave_it_applied_whole_or_not_at_all(tmp_path):
    loop = _loop_module()
    summary = loop.crash_loop(ITERATIONS, CORPUS, tmp_path, random.Random(12))
    print(f"\ncuration crash loop: {summary.line()}")
    assert summary.failures == []
    assert summary.iterations == ITERATIONS and summary.before + summary.after == ITERATIONS
    assert summary.kills >= 2, "runs should be killed mid-way, not finish first"
