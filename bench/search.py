"""Measure label search: the old in-memory scan (LabelIndex before the search index) against
the SQLite FTS5 trigram index, at 10k and 50k synthetic entities.

Each entity has a Korean, a Chinese and an English name built from the generator's
syllables, so names share syllables the way real ones do::

    python -m cityties.bench.search --sizes 10k 50k --queries 30
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
import unicodedata
from typing import Callable

from rapidfuzz import fuzz, process
from rdflib import Graph, Literal, URIRef

from cityties.bench.generate import ORG_KINDS, SYLLABLES, parse_size
from cityties.graph.queries import display_labels, labels, normalize
from cityties.graph.search import FUZZY_CUTOFF, SearchIndex
from cityties.graph.store import Store, open_store
from cityties.graph.vocab import RDF, SCHEMA, SKOS, entity_iri

SUFFIXES = (("시", "市", "City"),) + tuple((ko, zh, en) for _, ko, zh, en in ORG_KINDS)
PER_DOC = 200  # entities per synthetic document graph


def names(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """Return ``n`` (Korean, Chinese, English) names: two or three syllables and a suffix."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = rnd.sample(SYLLABLES, rnd.choice((2, 2, 3)))
        suffix = rnd.choice(SUFFIXES)
        ko = "".join(p[0] for p in parts) + suffix[0]
        zh = "".join(p[1] for p in parts) + suffix[1]
        en = " ".join(p[2].capitalize() for p in parts) + " " + suffix[2]
        out.append((ko, zh, en))
    return out


def load(store: Store, world: list[tuple[str, str, str]]) -> None:
    """Write the entities into the store, ``PER_DOC`` to a named graph."""
    for start in range(0, len(world), PER_DOC):
        g = Graph()
        for i, (ko, zh, en) in enumerate(world[start:start + PER_DOC], start):
            e = URIRef(iri(i))
            g.add((e, RDF.type, SCHEMA.Organization))
            g.add((e, SKOS.prefLabel, Literal(ko, lang="ko")))
            g.add((e, SKOS.prefLabel, Literal(zh, lang="zh")))
            g.add((e, SKOS.altLabel, Literal(en, lang="en")))
        store.replace_document(f"https://w3id.org/cityties/doc/bench-{start}", g)


class ScanIndex:
    """The label index as it was: every label in a list, each search scans them all."""

    def __init__(self, store: Store) -> None:
        self.rows = sorted({(i, t, lab, normalize(lab)) for i, t, lab in labels(store)})
        self.by_jamo: dict[str, list[int]] = {}
        for n, row in enumerate(self.rows):
            if row[3]:
                self.by_jamo.setdefault(unicodedata.normalize("NFD", row[3]), []).append(n)
        self.names = display_labels(store, sorted({r[0] for r in self.rows}))

    def search(self, q: str, limit: int = 20) -> list[tuple[str, float]]:
        nq = normalize(q)
        best: dict[str, float] = {}
        for iri, _, _, nl in self.rows:
            if nl and nq in nl:
                score = 1.0 if nl == nq else 0.8 if nl.startswith(nq) else 0.5 * len(nq) / len(nl) + 0.1
                best[iri] = max(best.get(iri, 0.0), score)
        if len(nq) >= 2:
            for key, score, _ in process.extract(unicodedata.normalize("NFD", nq), list(self.by_jamo),
                                                 scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=50):
                for n in self.by_jamo[key]:
                    iri = self.rows[n][0]
                    best[iri] = max(best.get(iri, 0.0), 0.6 * score / 100)
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def misspell(ko: str, rnd: random.Random) -> str:
    """Change one vowel of one syllable, the commonest Hangul misspelling (충칭 -> 충청)."""
    i = rnd.randrange(len(ko) - 1)  # not the suffix
    code = ord(ko[i]) - 0xAC00
    if not 0 <= code < 11172:
        return ko
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    vowel = (vowel + 1 + rnd.randrange(3)) % 21
    return ko[:i] + chr(0xAC00 + lead * 588 + vowel * 28 + tail) + ko[i + 1:]


def picked(size: int, n: int, seed: int = 11) -> list[int]:
    """Return the entity numbers the queries are drawn from."""
    rnd = random.Random(seed)
    return [rnd.randrange(size) for _ in range(n)]


def iri(n: int) -> str:
    """Return the IRI of synthetic entity ``n``."""
    return entity_iri("Organization", f"bench-{n}")


def queries(world: list[tuple[str, str, str]], n: int, seed: int = 11) -> dict[str, list[str]]:
    """Return ``n`` queries of each kind, drawn from the world's names."""
    rnd = random.Random(seed)
    picks = [world[i] for i in picked(len(world), n, seed)]
    return {
        "exact (ko)": [ko for ko, _, _ in picks],
        "prefix (ko, 2 syl.)": [ko[:2] for ko, _, _ in picks],
        "substring (ko, 3 syl.)": [ko[1:4] for ko, _, _ in picks],
        "fuzzy (ko, 1 vowel off)": [misspell(ko, rnd) for ko, _, _ in picks],
        "hanzi (2 chars)": [zh[:2] for _, zh, _ in picks],
        "latin (word)": [en.split()[1].lower() for _, _, en in picks],
    }


def timed(fn: Callable[[str], object], qs: list[str]) -> tuple[float, float]:
    """Return p50 and p95 latency in ms of ``fn`` over the queries, after one warm-up call."""
    fn(qs[0])
    times = []
    for q in qs:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def run(size: int, n: int) -> list[str]:
    """Measure one size; return the markdown table rows."""
    world = names(size)
    store = open_store(None)
    load(store, world)
    t = time.perf_counter()
    old = ScanIndex(store)
    old_build = time.perf_counter() - t
    new = SearchIndex(":memory:")
    t = time.perf_counter()
    new.rebuild(store)
    new_build = time.perf_counter() - t
    lines = [f"| {size:,} entities, {len(old.rows):,} labels | build | {old_build * 1000:,.0f} ms | "
             f"{new_build * 1000:,.0f} ms | |"]
    for kind, qs in queries(world, n).items():
        o50, o95 = timed(old.search, qs)
        n50, n95 = timed(lambda q: new.search(q), qs)
        lines.append(f"| | {kind} | {o50:.1f} / {o95:.1f} ms | {n50:.1f} / {n95:.1f} ms | {o50 / n50:.1f}x |")
        if kind.startswith("fuzzy"):  # did the misspelt entity come back in the first 20?
            wanted = [iri(i) for i in picked(len(world), n)]
            old_found = sum(w in {h[0] for h in old.search(q)} for q, w in zip(qs, wanted))
            new_found = sum(w in {h.iri for h in new.search(q)} for q, w in zip(qs, wanted))
            lines.append(f"| | fuzzy: misspelt entity in the top 20 | {old_found}/{len(qs)} | "
                         f"{new_found}/{len(qs)} | |")
    # what every endpoint does with a name: resolve it to the one best entity
    exact = queries(world, n)["exact (ko)"]
    o50, o95 = timed(lambda q: old.search(q, limit=1), exact)
    n50, n95 = timed(lambda q: new.search(q, limit=1), exact)
    lines.append(f"| | resolve (exact ko, limit 1) | {o50:.1f} / {o95:.1f} ms | {n50:.1f} / {n95:.1f} ms | "
                 f"{o50 / n50:.1f}x |")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the comparison as a markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["10k", "50k"])
    ap.add_argument("--queries", type=int, default=30, help="queries of each kind")
    args = ap.parse_args(argv)
    print("| size | query | old scan p50 / p95 | FTS5 index p50 / p95 | p50 speed-up |")
    print("|---|---|---|---|---|")
    for size in args.sizes:
        for line in run(parse_size(size), args.queries):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
