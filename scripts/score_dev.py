"""Extract every seed document and score the output with the shared scorer.

Usage: .venv/bin/python scripts/score_dev.py [--seeds DIR] [--gold DIR] [--out DIR] [--json]

Writes <out>/<seed base name>.json (default: a fresh temp dir), then runs
../shared/eval/score.py (beside the checkout) on it and prints its report plus timings.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import json
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from cityties.graph.model import to_json
from cityties.ingest.pipeline import extract, load_resources
from cityties.ingest.source import SourceText

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared beside the checkout


def load(path: Path) -> SourceText:
    try:
        from cityties.ingest.load import load_document
    except ImportError:
        return SourceText(text=unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    return load_document(path)


def bench(res, sources: list[SourceText], rounds: int) -> None:
    """Print chars/s of bare Kiwi tokenize and of extract, best of ``rounds``, interleaved."""
    n = sum(len(s.text) for s in sources)
    best = {"kiwi": float("inf"), "extract": float("inf")}
    for _ in range(rounds):
        t = time.perf_counter()
        for s in sources:
            res.kiwi.tokenize(s.text)
        best["kiwi"] = min(best["kiwi"], time.perf_counter() - t)
        t = time.perf_counter()
        for i, s in enumerate(sources):
            extract(s, str(i), str(i), res)
        best["extract"] = min(best["extract"], time.perf_counter() - t)
    print(f"# bench ({n} chars, best of {rounds}): kiwi.tokenize {n / best['kiwi']:,.0f} chars/s, "
          f"extract {n / best['extract']:,.0f} chars/s = {best['kiwi'] / best['extract']:.0%} of Kiwi",
          file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=str(SHARED / "seeds"))
    ap.add_argument("--gold", default=str(SHARED / "gold"))
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    ap.add_argument("--out")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--bench", type=int, default=0, metavar="N",
                    help="also time N rounds of bare Kiwi tokenize vs extract on the same texts (best round)")
    args = ap.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="cityties-score-"))
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    res = load_resources()
    t1 = time.perf_counter()
    chars = 0
    for p in sorted(Path(args.seeds).glob("*.txt")):
        src = load(p)
        chars += len(src.text)
        try:
            x = extract(src, p.name, str(p), res)
        except Exception as exc:  # a colleague's half-written facts must not stop entity scoring
            print(f"# {p.name}: facts failed ({type(exc).__name__}: {exc}); entities only", file=sys.stderr)
            x = extract(src, p.name, str(p), replace(res, fact_lexicon=None))
        (out / f"{p.stem}.json").write_text(json.dumps(to_json(x), ensure_ascii=False, indent=1), encoding="utf-8")
    t2 = time.perf_counter()
    cmd = [sys.executable, args.scorer, args.gold, str(out)] + (["--json"] if args.json else [])
    rc = subprocess.call(cmd)
    if args.bench:
        bench(res, [load(p) for p in sorted(Path(args.seeds).glob("*.txt"))], args.bench)
    print(f"# output: {out}  load {t1 - t0:.2f}s  extract {t2 - t1:.2f}s  {chars / (t2 - t1):,.0f} chars/s",
          file=sys.stderr)
    return rc


if __name__ == "__main__":
    sys.exit(main())
