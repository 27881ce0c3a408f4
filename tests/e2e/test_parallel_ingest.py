"""Parallel ingest in process: workers kept across batches, every document written whatever order they finish in."""
from __future__ import annotations

import shutil
from pathlib import Path

from cityties.graph.store import open_store
from cityties.ingest.batch import discover, ingest_parallel, worker_pool

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "tests" / "data" / "intl").glob("*.txt"))


def test_workers_are_kept_for_the_next_batch_and_write_every_document(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, docs in ((first, DOCS[:3]), (second, DOCS[3:])):
        folder.mkdir()
        for doc in docs:
            shutil.copyfile(doc, folder / doc.name)
    store = open_store(None)
    try:
        steps = list(ingest_parallel(discover([first], {".txt"}), store, jobs=2))
        pool = worker_pool(2)
        workers = set(pool._processes)  # the pids of the running workers
        assert steps[-1][1].documents == 3 and not steps[-1][1].failures
        steps = list(ingest_parallel(discover([second], {".txt"}), store, jobs=2))
        assert worker_pool(2) is pool and set(pool._processes) == workers  # no new process, no model reloaded
        assert steps[-1][1].documents == len(DOCS) - 3 and len(steps) == len(DOCS) - 3
        assert sorted(d.id for d in store.documents()) == sorted(f"{f.parent.name}/{f.name}" for f in
                                                                 [*(first / d.name for d in DOCS[:3]),
                                                                  *(second / d.name for d in DOCS[3:])])
        again = list(ingest_parallel(discover([first, second], {".txt"}), store, jobs=2))
        assert again[-1][1].skipped == len(DOCS) and again[-1][1].documents == 0
    finally:
        store.close()
