"""SIGKILL ``cityties curate`` at random moments and check the curation is applied whole or not at all.

The curation renames 중국 (China), which every document of the corpus names, so one
transaction rewrites the curation graph and five document graphs. Each iteration
copies a freshly ingested store, starts the curation, kills it with SIGKILL at a
random moment within its measured run time, opens the store through the real CLI
(``cityties export --format nq``) and checks it is in one of two states, quad for
quad: as before (no curation record, every document graph as ingested) or as
after (one record, every document graph as a clean run of the same curation left
it). A search for the new name must find China exactly when the curation is in.
Prints a summary and exits 1 on any failure::

    .venv/bin/python scripts/curation_crash_loop.py --iterations 30

The suite runs a short form (``tests/e2e/test_curation_crash.py``).
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from clirun import CLI, CORPUS  # noqa: E402
from crash_loop import CHILD_TIMEOUT, cli, export_graphs, snapshot_code  # noqa: E402

from cityties.graph.vocab import CURATION_GRAPH, DOC_NS  # noqa: E402

CURATION = ("curate", "rename", "중국", "중국본토", "--lang", "ko", "--why", "crash test", "--who", "loop")
NEW_NAME = "중국본토"


@dataclass
class Summary:
    """What the loop did and found."""

    iterations: int = 0
    kills: int = 0  # killed while running
    finished_first: int = 0  # the curation ended before its kill came
    before: int = 0  # stores found as before the curation
    after: int = 0  # stores found with the curation applied whole
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.iterations} iterations, {self.kills} kills, {self.finished_first} finished before the kill, "
                f"{self.before} found before / {self.after} found after, {len(self.failures)} failures")


def _state(env: dict, store: Path) -> tuple[dict[str, set[str]], int]:
    """Return the store's document graphs (N-Quads lines) and how many curation records it holds."""
    graphs = export_graphs(env, store)
    records = sum(1 for line in graphs.get(str(CURATION_GRAPH), ()) if "ns#operation>" in line)
    return {g: lines for g, lines in graphs.items() if g.startswith(DOC_NS)}, records


def _finds_new_name(env: dict, store: Path) -> bool:
    """Say whether the label search index finds China by its new name (the index is rebuilt after a crash)."""
    proc = subprocess.run([*CLI, "--store", str(store), "export", "--format", "ttl", "--entity", NEW_NAME, "--depth", "0"],
                          capture_output=True, text=True, timeout=CHILD_TIMEOUT, env=env)
    return proc.returncode == 0 and NEW_NAME in proc.stdout


def crash_loop(iterations: int, corpus: Path, workdir: Path, rng: random.Random, log=print) -> Summary:
    """Run the loop; return what it found."""
    env = snapshot_code(workdir)
    template = workdir / "template"
    cli(env, template, "ingest", str(corpus), "--quiet")
    before, none = _state(env, template)
    assert none == 0 and len(before) >= 2, "the corpus gave too little to test"
    reference = workdir / "reference"
    shutil.copytree(template, reference)
    started = time.monotonic()
    cli(env, reference, *CURATION)
    took = time.monotonic() - started
    after, one = _state(env, reference)
    changed = sorted(g for g in before if before[g] != after.get(g))
    assert one == 1 and len(changed) >= 2, f"the curation changed {len(changed)} documents; it should change several"
    log(f"reference: the curation took {took:.1f} s and changed {len(changed)} documents")
    summary = Summary()
    for i in range(iterations):
        store = workdir / f"run{i}"
        shutil.copytree(template, store)
        proc = subprocess.Popen([*CLI, "--store", str(store), *CURATION], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # half the kills anywhere in the run, half in its last part, where the one write happens
        time.sleep(rng.uniform(0.15, took * 1.1) if i % 2 == 0 else rng.uniform(took * 0.6, took * 1.1))
        if proc.poll() is None:
            proc.kill()
            summary.kills += 1
        else:
            summary.finished_first += 1
        proc.wait(timeout=CHILD_TIMEOUT)
        summary.iterations += 1
        try:
            graphs, records = _state(env, store)
            found = _finds_new_name(env, store)
        except AssertionError as e:
            summary.failures.append(f"run {i}: the store does not open after the kill: {e}")
            continue
        if records == 0 and graphs == before and not found:
            summary.before += 1
        elif records == 1 and graphs == after and found:
            summary.after += 1
        else:
            odd = sorted(g for g in before if graphs.get(g) not in (before[g], after[g]))
            summary.failures.append(f"run {i}: {records} records, search finds the new name: {found}, "
                                    f"documents neither before nor after: {odd or 'none, but mixed'}")
        shutil.rmtree(store, ignore_errors=True)
        log(f"run {i}: {summary.line()}")
    return summary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cityties-curation-crash-") as tmp:
        summary = crash_loop(args.iterations, CORPUS, Path(tmp), random.Random(args.seed))
    print(summary.line())
    for failure in summary.failures:
        print(f"FAIL {failure}")
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
