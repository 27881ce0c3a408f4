"""Curations in a store: record one (previewed first), undo one, list what became of each,
export and import them, and replay them on every document the store writes.

The curation graph holds the records; document graphs hold the curated view
(``graph.replay``), so every query, page, export and notebook sees corrections
without knowing about them. Each write is one transaction: the curation graph and
every document graph the curation changes are replaced together, so a crash
leaves a curation applied whole or not at all.
"""
from __future__ import annotations

import threading
import uuid
import warnings
import weakref
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Iterable

from rdflib import Dataset, Graph, Literal, URIRef

from . import queries
from .curation import Curation, CurationError, curations_to_rdf, from_rdf, identify, undone
from .preview import Change, change, describe
from .proposal import Proposal, is_note, note_graph, resolve, tail
from .replay import replay, unpack
from .store import Store, StoreError
from .vocab import CLASS_ENTITY, CT, CURATION_GRAPH, DOC_NS, document_id

WRITE_LOCK = threading.RLock()  # one curation or document write at a time in this process
_CACHE: "weakref.WeakKeyDictionary[Store, tuple[str, list[Curation]]]" = weakref.WeakKeyDictionary()
_CHUNK = 200


@dataclass(frozen=True, slots=True)
class Outcome:
    """A curation (or an undo) and what it changes, document by document; ``written`` once applied."""

    curation: Curation
    changes: tuple[Change, ...]
    written: bool


@dataclass(frozen=True, slots=True)
class Status:
    """One curation in the history: applied to how many documents, orphaned (and why) or undone."""

    curation: Curation
    state: str  # "applied", "orphaned" or "undone"
    documents: int
    reason: str | None = None


def now() -> str:
    """Return the current UTC time as an ISO 8601 timestamp (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# ---------------------------------------------------------------- reading

def revision(store: Store) -> str | None:
    """Return the curation graph's revision (a fresh token on every write), or None when empty."""
    g = str(CURATION_GRAPH)
    rows = store.select(f"SELECT ?r WHERE {{ GRAPH <{g}> {{ <{g}> ct:revision ?r }} }}")
    return str(rows[0]["r"]) if rows else None


def load(store: Store) -> list[Curation]:
    """Return every curation in the store (undone ones too), in the order they were made."""
    rev = revision(store)
    if rev is None:
        return []
    cached = _CACHE.get(store)
    if cached is not None and cached[0] == rev:
        return cached[1]
    records = from_rdf(store.graph(str(CURATION_GRAPH)))
    _CACHE[store] = (rev, records)
    return records


def curated(store: Store, doc_iri: str, raw: Graph) -> Graph:
    """Return a document's extraction with the store's curations replayed on it (what gets written)."""
    records = load(store)
    return replay(doc_iri, raw, records).graph if records else raw


def redirect(store: Store, iri: str) -> str | None:
    """Return the entity a merged entity's IRI now stands for, or None."""
    try:
        rows = store.select(f"""SELECT DISTINCT ?b WHERE {{ <{iri}> owl:sameAs ?b . ?b a ?c
          FILTER(?c IN ({", ".join(f"<{c}>" for c in CLASS_ENTITY)})) }} ORDER BY ?b LIMIT 1""")
    except StoreError:  # an IRI the engine cannot parse was never merged
        return None
    return str(rows[0]["b"]) if rows else None


def _documents(store: Store) -> set[str]:
    return {d.iri for d in store.documents()}


def _graphs_naming(store: Store, iris: Iterable[str]) -> set[str]:
    """Return the document graphs in which any of ``iris`` is a subject or an object."""
    iris, out = sorted(set(iris)), set()
    for i in range(0, len(iris), _CHUNK):
        values = " ".join(f"<{x}>" for x in iris[i:i + _CHUNK])
        out |= {str(r["g"]) for r in store.select(f"""SELECT DISTINCT ?g WHERE {{ VALUES ?e {{ {values} }}
          GRAPH ?g {{ {{ ?e ?p ?o }} UNION {{ ?s ?p ?e }} }} FILTER(STRSTARTS(STR(?g), "{DOC_NS}")) }}""")}
    return out


def documents_for(store: Store, curations: Iterable[Curation], wide: bool = False) -> set[str]:
    """Return the documents whose view the curations may change. ``wide`` also takes in the
    documents of merge survivors and split targets (a batch whose later curations act on them)."""
    curations = list(curations)
    entities = {c.target for c in curations if c.spec.target == "entity"}
    if wide:
        entities |= {x for c in curations for x in (c.value if c.op == "merge" else None, c.into) if x}
    docs = _graphs_naming(store, entities) if entities else set()
    present = _documents(store)
    for c in curations:
        doc = c.target if c.spec.target == "document" else c.fact.document if c.fact else None
        if doc and (doc in present or (c.op == "add_fact" and is_note(doc))):
            docs.add(doc)
    return docs


def _curated_by(store: Store, cid: str) -> set[str]:
    return {str(r["g"]) for r in store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g ct:curatedBy <{cid}> }} }}")}


# ---------------------------------------------------------------- writing

def _rebuild(store: Store, docs: Iterable[str], records: list[Curation],
             rows: bool = True) -> tuple[dict[str, Graph | None], tuple[Change, ...]]:
    """Recompute the view of each document from its extraction and the records; say what changes
    in each (``rows=False``: which documents only, without naming every triple)."""
    by_id = {c.id: c for c in records}
    graphs: dict[str, Graph | None] = {}
    changes = []
    for doc in sorted(docs):
        stored = store.graph(doc)
        blob = stored.value(URIRef(doc), CT.extraction)
        if blob is not None:  # curated already: its extraction travels with it
            result = replay(doc, unpack(blob), records, packed=blob, copy=False)
        elif len(stored):
            result = replay(doc, stored, records)
        else:  # a note not written yet: its extraction comes from the record citing it
            note = next((c for c in records if c.op == "add_fact" and c.note and c.fact and c.fact.document == doc),
                        None)
            if note is None:
                continue
            result = replay(doc, note_graph(note), records, copy=False)
        keep = not is_note(doc) or any(by_id[cid].op == "add_fact" for cid in result.applied)
        graphs[doc] = result.graph if keep else None  # a note no fact cites any more goes
        changes.append(change(store, doc, stored, graphs[doc], rows=rows))
    return graphs, tuple(x for x in changes if x.size or x.dropped)


def _write(store: Store, records: list[Curation], graphs: dict[str, Graph | None]) -> None:
    cg = curations_to_rdf(records)
    cg.add((CURATION_GRAPH, CT.revision, Literal(uuid.uuid4().hex)))
    store.replace_graphs({str(CURATION_GRAPH): cg, **graphs})
    _CACHE.pop(store, None)


def _numbered(c: Curation, records: list[Curation], seq: int) -> Curation:
    """Give a new curation its sequence number and IRI; refuse one that repeats an active one."""
    key = c.key()
    same = [r for r in records if r.key() == key]
    active = next((r for r in same if r.undone is None), None)
    if active is not None:
        raise CurationError(f"#{active.seq} already does this ({active.label or active.op}, by {active.who or '?'})")
    return replace(c, seq=seq, id=identify(c, len(same)))


def record(store: Store, proposal: Proposal | Curation, dry_run: bool = False) -> Outcome:
    """Record a curation and apply it to every document it changes, in one transaction.

    With ``dry_run`` nothing is written: the outcome says what would change (the preview).
    """
    with WRITE_LOCK:
        records = load(store)
        c = resolve(store, proposal) if isinstance(proposal, Proposal) else proposal
        c = replace(c, who=c.who or "unknown", when=c.when or now(), label=c.label or describe(store, c))
        c = _numbered(c, records, max((r.seq for r in records), default=0) + 1)
        records = [*records, c]
        graphs, changes = _rebuild(store, documents_for(store, [c]), records, rows=dry_run)
        if not dry_run:
            _write(store, records, graphs)
        return Outcome(c, changes, not dry_run)


def undo(store: Store, seq: int, who: str, why: str = "", dry_run: bool = False) -> Outcome:
    """Take curation number ``seq`` back: its record stays, marked undone; the documents it
    changed are recomputed without it, in one transaction."""
    with WRITE_LOCK:
        records = load(store)
        c = next((r for r in records if r.seq == seq), None)
        if c is None:
            raise CurationError(f"no curation #{seq}; `cityties curate log` lists them")
        if c.undone is not None:
            raise CurationError(f"#{seq} was undone already ({c.undone.when}, by {c.undone.who})")
        gone = undone(c, who or "unknown", now(), why)
        records = [gone if r.id == c.id else r for r in records]
        docs = _curated_by(store, c.id) | ({c.fact.document} if c.op == "add_fact" and c.note and c.fact else set())
        graphs, changes = _rebuild(store, docs, records, rows=dry_run)
        if not dry_run:
            _write(store, records, graphs)
        return Outcome(gone, changes, not dry_run)


# ---------------------------------------------------------------- sharing

def export_curations(store: Store) -> bytes:
    """Serialize every curation (undone ones too) as TriG, in the curation graph."""
    return store.dump("trig", str(CURATION_GRAPH))


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import added (renumbered after this store's own) and how many it already had."""

    added: tuple[Curation, ...]
    known: int
    documents: int


def import_curations(store: Store, data: bytes, fmt: str = "trig") -> Imported:
    """Add another team's curations (a :func:`export_curations` file) and apply them, in one
    transaction. A curation this store has already (the same IRI) is not added twice."""
    ds = Dataset()
    try:
        with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(data=data.decode("utf-8"), format=fmt)
    except Exception as e:  # noqa: BLE001 - rdflib raises many kinds; the message names the input
        raise CurationError(f"the curations file is not valid {fmt.upper()}: {str(e).splitlines()[0][:200]}") from e
    everything = Graph()
    for g in ds.graphs():
        everything += g
    incoming = from_rdf(everything)
    with WRITE_LOCK:
        records = load(store)
        known = {c.id for c in records}
        seq = max((r.seq for r in records), default=0)
        added = tuple(replace(c, seq=seq + i) for i, c in enumerate((c for c in incoming if c.id not in known), 1))
        if not added:
            return Imported((), len(incoming), 0)
        records = [*records, *added]
        docs = documents_for(store, [c for c in added if c.undone is None], wide=True)
        graphs, _ = _rebuild(store, docs, records, rows=False)
        _write(store, records, graphs)
        return Imported(added, len(incoming) - len(added), len(graphs))


# ---------------------------------------------------------------- what became of each

def history(store: Store) -> list[Status]:
    """Return every curation with its state: applied (to how many documents), orphaned (why) or undone."""
    records = load(store)
    counts = {str(r["c"]): int(str(r["n"])) for r in store.select(
        "SELECT ?c (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g ct:curatedBy ?c } } GROUP BY ?c")}
    present = _documents(store) if any(counts.get(c.id, 0) == 0 for c in records) else set()
    out = []
    for c in records:
        n = counts.get(c.id, 0)
        if c.undone is not None:
            out.append(Status(c, "undone", n))
        elif n:
            out.append(Status(c, "applied", n))
        else:
            out.append(Status(c, "orphaned", 0, orphan_reason(store, c, present)))
    return out


def orphan_reason(store: Store, c: Curation, present: set[str]) -> str:
    """Say why a curation finds nothing to apply to."""
    doc = c.target if c.spec.target == "document" else c.fact.document if c.fact else None
    if doc is not None:
        name = document_id(doc) if doc.startswith(DOC_NS) else doc
        if doc not in present:
            return f"document {name} is no longer in the store"
        if c.op == "add_fact":
            return f"document {name} no longer holds the quote “{c.fact.quote[:80]}”"
        if c.fact:
            return (f"document {name} no longer yields the fact {c.fact.type} {tail(c.fact.subject)} → "
                    f"{tail(c.fact.object)} (“{c.fact.quote[:80]}”)")
        return f"document {name} cannot take it"
    named = queries.entity_type(store, c.target) is not None
    if not named:
        return f"no document mentions {tail(c.target)} any more"
    if c.op == "remove_alias":
        return f"no document gives {tail(c.target)} the name “{c.value}” any more"
    if c.op == "split":
        return f"no document calls {tail(c.target)} {', '.join(f'“{n}”' for n in c.values)} any more"
    return f"no document describes {tail(c.target)} any more"


def curations_of(store: Store, target: str) -> list[Status]:
    """Return the history of the curations acting on one entity, fact address or document."""
    return [s for s in history(store) if target in (s.curation.target, s.curation.value, s.curation.into)]


__all__ = ["WRITE_LOCK", "Outcome", "Status", "Imported", "now", "revision", "load", "curated", "redirect",
           "documents_for", "record", "undo", "export_curations", "import_curations", "history",
           "orphan_reason", "curations_of"]
