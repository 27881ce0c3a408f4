"""SIGKILL ``cityties ingest --force`` at random moments, again and again, and check the store each time.

Each iteration starts a forced ingest of the corpus into one store, kills it
with SIGKILL -- mostly a random moment after a random number of documents are
done, so the kill lands among the writes; sometimes at a random time from the
start -- then opens the store through the real CLI
(``cityties export --format nq``) and checks every named graph against a
reference ingest: a document's graph must be absent or equal, line for line,
to the reference.  After the last kill, a plain ingest must complete the set.
Prints a summary and exits 1 on any failure::

    .venv/bin/python scripts/crash_loop.py --iterations 50

The suite runs a short form (``tests/e2e/test_crash_loop.py``).  Every child
runs under a timeout, so a wedged store fails the loop instead of hanging it.
Every child also runs a snapshot of the package copied at the start: the
reference is only a reference if the extraction code cannot change under the
loop (in a shared checkout it does, every few minutes).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))  # reuse the e2e helpers rather than copy them

from clirun import CLI, CORPUS  # noqa: E402
from test_cli import graphs_of  # noqa: E402

from cityties.graph.vocab import DOC_NS  # noqa: E402

CHILD_TIMEOUT = 300.0  # seconds any one ingest or export may take before the loop calls it hung
_NOT_CODE = shutil.ignore_patterns(".venv", ".git", "tests", "notebooks", "test-output", "docs", "__pycache__",
                                   "*.egg-info")


@dataclass
class Summary:
    """What the loop did and found."""

    iterations: int = 0
    kills: int = 0  # killed while running
    finished_first: int = 0  # ingest ended before its kill came
    whole: int = 0  # document graphs found equal to the reference, summed over iterations
    absent: int = 0  # document graphs not (yet) in the store, summed over iterations
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.iterations} iterations, {self.kills} kills, {self.finished_first} finished before the kill, "
                f"documents {self.whole} whole / {self.absent} absent, {len(self.failures)} failures")


def snapshot_code(workdir: Path) -> dict[str, str]:
    """Copy the package into ``workdir/code/cityties``; return an environment whose children import that copy.

    A path on PYTHONPATH is searched before the editable install's finder, so
    ``python -m cityties.cli`` runs the copy.
    """
    target = workdir / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT, target / "cityties", ignore=_NOT_CODE)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(target), os.environ.get("PYTHONPATH")))),
            "PYTHONUNBUFFERED": "1"}


def cli(env: dict[str, str], store: Path, *args: str, log=None) -> str:
    """Run the CLI on ``store``; return its stdout; raise AssertionError with its stderr when it fails.

    With ``log``, an ingest that fails some documents (exit 1 with ``error:``
    lines) is not a failure of the loop: those documents are absent from the
    reference and from every run alike.  ``log`` gets their lines.
    """
    proc = subprocess.run([*CLI, "--store", str(store), *args], capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT, env=env)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    if log is not None and proc.returncode == 1 and errors:
        for line in errors:
            log(f"  (not a crash: the extractor fails this document) {line}")
    elif proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return proc.stdout


def export_graphs(env: dict[str, str], store: Path) -> dict[str, set[str]]:
    """Open the store through the CLI and return its N-Quads lines grouped by graph."""
    return graphs_of(cli(env, store, "export", "--format", "nq"))


class Progress:
    """Follow an ingest's progress bar on its stderr: how many documents are done, and when the bar appeared."""

    _COUNT = re.compile(rb"(\d+)/(\d+) \[")

    def __init__(self, proc: subprocess.Popen) -> None:
        self.done = -1  # -1 until the bar appears (the models are still loading)
        self.total = 0
        self.started = time.monotonic()
        self.bar_at: float | None = None
        self.errors: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(proc.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        pending = b""
        for chunk in iter(lambda: stream.read1(4096), b""):
            pending = (pending + chunk)[-8192:]
            counts = self._COUNT.findall(pending)
            if counts:
                self.done, self.total = int(counts[-1][0]), int(counts[-1][1])
                if self.bar_at is None:
                    self.bar_at = time.monotonic() - self.started
            self.errors += [line.decode("utf-8", "replace") for line in re.findall(rb"error: [^\r\n]*", chunk)]

    def join(self) -> None:
        self._thread.join(timeout=10)


def _ingest(env: dict[str, str], corpus: Path, store: Path, *flags: str) -> tuple[subprocess.Popen, Progress]:
    proc = subprocess.Popen([*CLI, "--store", str(store), "ingest", str(corpus), *flags],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return proc, Progress(proc)


@dataclass(frozen=True)
class Reference:
    """The graphs of a clean ingest and its timing: start-up until the bar, then seconds per document."""

    graphs: dict[str, set[str]]
    seconds: float
    startup: float
    per_document: float


def reference_ingest(env: dict[str, str], corpus: Path, store: Path, log=print) -> Reference:
    """Ingest the corpus cleanly into ``store``; return its graphs and how long the ingest took.

    A document the extractor fails (exit 1 with ``error:`` lines) is not a
    failure of the loop: it is absent from the reference and from every run alike.
    """
    proc, progress = _ingest(env, corpus, store)
    code = proc.wait(timeout=CHILD_TIMEOUT)
    took = time.monotonic() - progress.started
    progress.join()
    if code not in (0, 1) or (code == 1 and not progress.errors):
        raise AssertionError(f"the reference ingest of {corpus} exited {code}")
    for line in progress.errors:
        log(f"  (not a crash: the extractor fails this document) {line}")
    graphs = export_graphs(env, store)
    documents = sum(1 for name in graphs if name.startswith(DOC_NS))
    if not documents:
        raise AssertionError(f"the reference ingest of {corpus} wrote no document: nothing to test")
    startup = progress.bar_at if progress.bar_at is not None else took / 2
    return Reference(graphs, took, startup, (took - startup) / max(progress.total, 1))


def kill_once(env: dict[str, str], corpus: Path, store: Path, after_documents: int | None, delay: float) -> bool:
    """Start a forced ingest and SIGKILL it; return whether it was still running when the signal went.

    With ``after_documents`` the kill comes ``delay`` seconds after that many
    documents are done (so it lands among the writes, not while the models
    load); without, ``delay`` seconds after the start.
    """
    proc, progress = _ingest(env, corpus, store, "--force")
    try:
        if after_documents is not None:
            deadline = time.monotonic() + CHILD_TIMEOUT
            while progress.done < after_documents and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=CHILD_TIMEOUT)
        return True
    finally:
        progress.join()
        proc.stderr.close()


def check_store(env: dict[str, str], store: Path, reference: dict[str, set[str]], summary: Summary,
                label: str) -> None:
    """Record every document graph as whole or absent; record a failure for anything else."""
    try:
        graphs = export_graphs(env, store)
    except (AssertionError, subprocess.TimeoutExpired) as e:
        summary.failures.append(f"{label}: the store does not open: {str(e).splitlines()[0]}")
        return
    for name, lines in sorted(graphs.items()):
        if name not in reference:
            summary.failures.append(f"{label}: graph {name} is not in the reference ingest")
        elif lines != reference[name]:
            missing, extra = len(reference[name] - lines), len(lines - reference[name])
            summary.failures.append(f"{label}: graph {name} is half-written ({missing} quads missing, {extra} extra)")
        elif name.startswith(DOC_NS):
            summary.whole += 1
    summary.absent += sum(1 for name in reference if name.startswith(DOC_NS) and name not in graphs)


def crash_loop(iterations: int, corpus: Path, workdir: Path, rng: random.Random, log=print) -> Summary:
    """Run the loop in ``workdir``; return the summary.

    A clean ingest into ``workdir/reference`` is the reference and sets the
    clock: a quarter of the kills come at a random time from start to finish,
    the rest a random fraction of a document's time after a random number of
    documents are done, so most land while documents are being written.
    """
    env = snapshot_code(workdir)
    ref = reference_ingest(env, corpus, workdir / "reference", log)
    reference = ref.graphs
    documents = sum(1 for n in reference if n.startswith(DOC_NS))
    log(f"reference ingest: {documents} documents in {ref.seconds:.1f} s "
        f"({ref.startup:.1f} s start-up, {ref.per_document:.2f} s per document)")
    store = workdir / "killed"
    summary = Summary()
    for i in range(1, iterations + 1):
        if rng.random() < 0.25:
            after, delay = None, rng.uniform(0.2, ref.seconds)
            when = f"{delay:.1f} s after start"
        else:
            after, delay = rng.randrange(documents), rng.uniform(0, 1.5 * ref.per_document)
            when = f"{delay:.2f} s after document {after}"
        killed = kill_once(env, corpus, store, after, delay)
        summary.iterations += 1
        summary.kills += killed
        summary.finished_first += not killed
        before = len(summary.failures)
        check_store(env, store, reference, summary, f"iteration {i} (kill {when})")
        log(f"iteration {i}: {'killed' if killed else 'finished before'} {when}, "
            f"{'ok' if len(summary.failures) == before else summary.failures[-1]}")
    cli(env, store, "ingest", str(corpus), "--quiet", log=lambda line: None)
    final = export_graphs(env, store)
    if final != reference:
        differing = sorted(set(final) ^ set(reference) | {g for g in final if final[g] != reference.get(g)})
        summary.failures.append(f"final ingest: the store differs from the reference in {differing[:5]}")
    return summary


def main(argv: list[str] | None = None) -> int:
    """Parse flags, run the loop, print the summary; exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workdir", type=Path, help="Folder for the stores (default: a temporary one).")
    parser.add_argument("--seed", type=int, default=None, help="Seed the kill delays (default: random).")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"seed {seed}")
    with tempfile.TemporaryDirectory(prefix="crash-loop-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        summary = crash_loop(args.iterations, args.corpus, workdir, random.Random(seed))
    for failure in summary.failures:
        print(f"FAIL {failure}")
    print(summary.line())
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
