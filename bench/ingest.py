"""Time ``cityties ingest`` with one extraction job and with several, on the same real documents.

The documents are every readable one the repository and ``../shared`` hold (the
bundled corpus, the seeds, the test documents in Korean, Chinese and English, the
loader samples in HWP, HWPX, DOCX, PDF and HTML), copied under distinct names until
there are ``--documents`` of them. Each run is the real command in a fresh process
into a fresh store; runs alternate between the job counts so a busy neighbour
slows both alike::

    nice .venv/bin/python -m cityties.bench.ingest --documents 64 --jobs 1,2 --rounds 3

Prints one line per run and a markdown table (median wall time, documents/s and
speed-up over the first job count); ``--out`` puts the table into docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cityties.bench.run import ROOT, measured, with_section

SOURCES = (ROOT / "data" / "corpus", ROOT.parent / "shared" / "seeds", ROOT / "tests" / "data",
           ROOT.parent / "shared" / "samples")
SUFFIXES = {".txt", ".html", ".hwp", ".hwpx", ".docx", ".pdf"}
SKIP = re.compile(r"(^|/)(gold|README|SOURCES)|_drm_", re.I)  # answers, notes, and one that is meant to fail


def documents(sources: tuple[Path, ...] = SOURCES) -> list[Path]:
    """Return the distinct real documents under ``sources`` (the corpus repeats some seeds), sorted."""
    found: dict[str, Path] = {}
    for folder in sources:
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if (p.is_file() and p.suffix.lower() in SUFFIXES
                        and not SKIP.search(p.relative_to(folder).as_posix())):
                    found.setdefault(hashlib.sha256(p.read_bytes()).hexdigest(), p)
    return sorted(found.values())


def corpus(folder: Path, count: int) -> int:
    """Fill ``folder`` with ``count`` documents (the real ones, copied round by round); return count."""
    docs = documents()
    if not docs:
        raise SystemExit("no documents found (run from a checkout beside ../shared)")
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        src = docs[i % len(docs)]
        shutil.copyfile(src, folder / f"{i // len(docs)}_{src.name}")
    return count


def run(folder: Path, jobs: int, work: Path) -> tuple[float, float]:
    """Ingest ``folder`` into a fresh store with ``jobs`` workers; return the wall time and the CPU
    time (user + system, the command and its workers) in seconds."""
    store = Path(tempfile.mkdtemp(prefix="store-", dir=work))
    cmd = [sys.executable, "-m", "cityties.cli", "--store", str(store), "ingest", str(folder), "--quiet",
           "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"ingest --jobs {jobs} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(Path(f"{store}.snapshots"), ignore_errors=True)
    for side in Path(work).glob(f"{store.name}.*"):
        shutil.rmtree(side, ignore_errors=True) if side.is_dir() else side.unlink()
    return elapsed, cpu


def table(n: int, times: dict[int, list[tuple[float, float]]]) -> str:
    """Return the markdown table: per job count, the runs, their median, documents/s, speed-up, and
    the CPU time the runs used (what the job count can spread over idle cores)."""
    first = statistics.median(w for w, _ in times[min(times)])
    rows = [f"| `--jobs` | runs, s | median, s | documents/s | speed-up over `--jobs {min(times)}` | "
            "CPU time, median s | CPU / wall |",
            "|---:|---|---:|---:|---:|---:|---:|"]
    for jobs, runs in sorted(times.items()):
        med = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        rows.append(f"| {jobs} | {', '.join(f'{w:.1f}' for w, _ in runs)} | {med:.1f} | {n / med:.1f} | "
                    f"{first / med:.2f}x | {cpu:.1f} | {cpu / med:.2f} |")
    return "\n".join(rows)


def write_report(path: Path, text: str, command: str, n: int) -> None:
    """Replace the ingest section of ``path`` (between its markers), or add one."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(with_section(old, "ingest", (
        f"## Parallel ingest\n\n{measured()}; {n} documents ({len(documents())} distinct real ones, copied "
        f"round by round), each run the real `cityties ingest` into a fresh store.  \nCommand: `{command}`\n\n{text}")),
        encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Time the ingest at each job count and print (and optionally write) the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=64)
    ap.add_argument("--jobs", default="1,2", help="comma-separated job counts")
    ap.add_argument("--rounds", type=int, default=3, help="runs per job count, alternating")
    ap.add_argument("--out", default="-", help="report file (docs/benchmarks.md), or - to print only")
    args = ap.parse_args(argv)
    jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    work = Path(tempfile.mkdtemp(prefix="cityties-ingest-bench-"))
    times: dict[int, list[tuple[float, float]]] = {j: [] for j in jobs}
    try:
        n = corpus(work / "docs", args.documents)
        for r in range(args.rounds):
            for j in (jobs if r % 2 == 0 else reversed(jobs)):
                times[j].append(run(work / "docs", j, work))
                print(f"[ingest] round {r + 1} --jobs {j}: {times[j][-1][0]:.1f} s, CPU {times[j][-1][1]:.1f} s",
                      file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = table(n, times)
    print(text)
    if args.out != "-":
        write_report(Path(args.out), text, f"python -m cityties.bench.ingest --documents {args.documents} "
                                            f"--jobs {args.jobs} --rounds {args.rounds}", n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
