"""Measure what curation costs, each against a baseline in the same run, on synthetic trip reports.

- *re-ingest*: rewriting every document of an on-disk store (``Store.replace_document``, what
  ``cityties ingest --force`` does after extraction), with no curation recorded (the baseline)
  and with ``--curations`` recorded (aliases added, names removed, facts rejected and dated,
  entities merged), replayed on each document written.
- *one curation*: recording a curation that changes ``d`` documents (a name added to an entity
  they all name), against writing the same ``d`` documents anew (dropped, then written); and its undo.
- *store size*: quads and N-Quads bytes with the curations applied (the extraction kept beside
  each curated view) against the same documents uncurated.

``python -m cityties.bench.curation --docs 200 --curations 200``
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from cityties.bench.generate import World
from cityties.graph import curator
from cityties.graph.curation import Curation, FactRef, curations_to_rdf, identify
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.replay import fact_nodes
from cityties.graph.store import Store, open_store
from cityties.graph.vocab import CT, CURATION_GRAPH, OA, PREDICATE_FACT, document_iri


def documents(n: int, seed: int) -> list[tuple[str, Graph]]:
    """Return ``n`` synthetic documents as (IRI, graph)."""
    world = World(seed=seed, n_docs=n)
    return [(document_iri(x.document.id), extraction_to_rdf(x)) for x in map(world.document, range(n))]


def curations(docs: list[tuple[str, Graph]], n: int, seed: int) -> list[Curation]:
    """Return ``n`` curations spread over the documents' entities and facts, numbered and identified."""
    rnd = random.Random(seed)
    # duplicates and misnamed things are local: entities a few reports name, not a country every one names
    named = Counter(str(o) for _, g in docs for o in set(g.objects(None, CT.mentionOf)))
    entities = sorted(e for e, n in named.items() if n <= max(3, len(docs) // 50))
    out: list[Curation] = []
    while len(out) < n:
        kind = rnd.choice(("add_alias", "remove_alias", "reject", "set_date", "merge"))
        if kind in ("add_alias", "merge", "remove_alias"):
            e = rnd.choice(entities)
            value = {"add_alias": f"별칭{len(out)}", "remove_alias": "없는이름",
                     "merge": rnd.choice(entities)}[kind]
            if value == e:
                continue
            c = Curation(kind, e, (value,), entity_type="City" if kind == "merge" else None)
        else:
            doc, g = rnd.choice(docs)
            nodes = [n for ns in fact_nodes(g, doc).values() for n in ns]
            if not nodes:
                continue
            node = rnd.choice(nodes)
            ref = FactRef(doc, PREDICATE_FACT[str(g.value(node, CT.factType))], str(g.value(node, CT.subject)),
                          str(g.value(node, CT.object)), str(g.value(g.value(node, CT.evidence), OA.exact)))
            c = Curation(kind, ref.address, ("2020-01-01",) if kind == "set_date" else (), fact=ref)
        seq = len(out) + 1
        out.append(replace(c, seq=seq, who="bench", when="2026-01-01T00:00:00+00:00", id=identify(c, seq)))
    return out


def rewrite(store: Store, docs: list[tuple[str, Graph]], fresh: bool = False) -> float:
    """Rewrite every document (``fresh``: drop it first, so all of it is written); return the seconds."""
    started = time.perf_counter()
    for iri, g in docs:
        if fresh:
            store.drop_document(iri)
        store.replace_document(iri, g)
    return time.perf_counter() - started


def size(store: Store) -> tuple[int, int]:
    """Return the store's quads and the bytes of its N-Quads dump."""
    n = int(str(store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]))
    return n, len(store.dump("nq"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--curations", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    docs = documents(args.docs, args.seed)
    records = curations(docs, args.curations, args.seed)
    print(f"{len(docs)} documents, {sum(len(g) for _, g in docs):,} triples; {len(records)} curations "
          f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(c.op for c in records).items()))})")
    with tempfile.TemporaryDirectory(prefix="cityties-bench-curation-") as tmp:
        plain, curated = open_store(Path(tmp) / "plain"), open_store(Path(tmp) / "curated")
        rewrite(plain, docs)
        rewrite(curated, docs)
        curated.replace_graph(str(CURATION_GRAPH), curations_to_rdf(records).add(
            (CURATION_GRAPH, CT.revision, Literal("bench"))))
        base = [rewrite(plain, docs) for _ in range(2)]
        with_cur = [rewrite(curated, docs) for _ in range(2)]
        applied = sum(1 for s in curator.history(curated) if s.state == "applied")
        touched = len(curated.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g ct:curatedBy ?c } }"))
        print(f"re-ingest {len(docs)} documents: baseline {min(base):.2f} s, with {len(records)} curations "
              f"{min(with_cur):.2f} s ({min(with_cur) / min(base):.2f}x); {applied} curations applied, "
              f"{touched} documents curated")
        (pq, pb), (cq, cb) = size(plain), size(curated)
        print(f"store size: uncurated {pq:,} quads, {pb / 1e6:.1f} MB of N-Quads; curated {cq:,} quads, "
              f"{cb / 1e6:.1f} MB ({cb / pb:.2f}x bytes)")

        # one curation that changes d documents, against rewriting those d documents
        names = Counter(str(o) for _, g in docs for o in set(g.objects(None, CT.mentionOf)))
        for want in (1, 10, 50):
            entity = min(names, key=lambda e: abs(names[e] - want))
            touched = [(i, g) for i, g in docs if (None, None, URIRef(entity)) in g]
            times, undos, bases = [], [], []
            for r in range(args.repeats):
                c = Curation("add_alias", entity, (f"측정{want}-{r}",), who="bench")
                started = time.perf_counter()
                out = curator.record(plain, c)
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                curator.undo(plain, out.curation.seq, "bench")
                undos.append(time.perf_counter() - started)
                bases.append(rewrite(plain, touched, fresh=True))
            print(f"one curation over {len(touched)} documents: {statistics.median(times):.3f} s "
                  f"(undo {statistics.median(undos):.3f} s), writing them anew {statistics.median(bases):.3f} s: "
                  f"{statistics.median(times) / statistics.median(bases):.2f}x")
        plain.close()
        curated.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
