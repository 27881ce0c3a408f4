"""What a curation changes, in words: a one-line description, and each document's triples
removed and added, with names instead of IRIs (shown before a curation is applied).
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from . import queries
from .curation import Curation
from .proposal import tail
from .replay import view
from .store import PREFIXES, Store
from .vocab import CT, DOC_NS, OA, PREDICATE_FACT, SKOS, document_id

ROWS = 200  # triples shown per document and direction; the rest are counted


@dataclass(frozen=True, slots=True)
class Row:
    """One triple in words: subject, predicate (prefixed) and object, with the names of both ends."""

    subject: str
    subject_label: str
    predicate: str
    object: str
    object_label: str


@dataclass(frozen=True, slots=True)
class Change:
    """What a write does to one document's graph (bookkeeping left out)."""

    document: str
    document_id: str
    removed: tuple[Row, ...]
    added: tuple[Row, ...]
    more: int  # rows not shown
    dropped: bool = False  # the graph goes (a note no fact cites any more)
    size: int = 0  # triples removed and added, shown or not


def short(iri: str) -> str:
    """Return an IRI with a known prefix (``skos:altLabel``), else whole.

    >>> short("http://www.w3.org/2004/02/skos/core#altLabel")
    'skos:altLabel'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _labels(graphs: list[Graph], store: Store, iris: set[str]) -> dict[str, str]:
    """Name every IRI: its label in the graphs at hand (a new entity has no other), else the store's."""
    ranked: dict[str, tuple[int, str]] = {}
    for g in graphs:
        for pred, base in ((SKOS.prefLabel, 0), (SKOS.altLabel, 2)):
            for s, o in g.subject_objects(pred):
                rank = (base + (getattr(o, "language", None) != "ko"), str(o))
                if str(s) in iris and rank < ranked.get(str(s), (9, "")):
                    ranked[str(s)] = rank
    for g in graphs:  # name the ends of the facts in the change too
        iris |= {str(o) for node in list(iris) for p in (CT.subject, CT.object) for o in g.objects(URIRef(node), p)}
    known = sorted(i for i in iris if not i.startswith(DOC_NS))
    names = queries.display_labels(store, known) if known else {}  # the names people know them by
    names.update({k: v[1] for k, v in ranked.items() if k not in names})  # a new entity has no other
    for g in graphs:  # fact and evidence nodes: what they say
        for node in g.subjects(CT.factType, None):
            if str(node) in iris:
                ftype = PREDICATE_FACT.get(str(g.value(node, CT.factType)), "fact")
                ends = [names.get(str(g.value(node, p)), tail(str(g.value(node, p)))) for p in (CT.subject, CT.object)]
                names[str(node)] = f"{ftype}: {ends[0]} → {ends[1]}"
        for node, quote in g.subject_objects(OA.exact):
            if str(node) in iris and str(node) not in names:
                names[str(node)] = f"“{str(quote)[:60]}”"
    return names


def _rows(triples: set, names: dict[str, str]) -> list[Row]:
    def name(n: Node) -> str:
        if isinstance(n, Literal):
            return str(n) + (f"@{n.language}" if n.language else "")
        text = str(n)
        if text in names:
            return names[text]
        if text.startswith(DOC_NS):
            return document_id(text)
        return short(text) if short(text) != text else tail(text)

    rows = [Row(str(s), name(s), short(str(p)), str(o), name(o)) for s, p, o in triples]
    return sorted(rows, key=lambda r: (r.subject_label, r.predicate, r.object_label))


def change(store: Store, doc: str, old: Graph, new: Graph | None, rows: bool = True) -> Change:
    """Describe what replacing ``old`` with ``new`` (None: dropping it) does to a document; with
    ``rows`` false, only how much (no triple named: naming them is most of the cost)."""
    after = new if new is not None else Graph()
    before_t, after_t = set(view(old)), set(view(after))
    removed, added = before_t - after_t, after_t - before_t
    dropped, size = new is None and len(old) > 0, len(removed) + len(added)
    if not rows:
        return Change(doc, document_id(doc), (), (), size, dropped, size)
    iris = {str(x) for t in (*removed, *added) for x in (t[0], t[2]) if isinstance(x, URIRef)}
    names = _labels([after, old], store, set(iris))
    out, gone = _rows(added, names), _rows(removed, names)
    more = max(0, len(out) - ROWS) + max(0, len(gone) - ROWS)
    return Change(doc, document_id(doc), tuple(gone[:ROWS]), tuple(out[:ROWS]), more, dropped, size)


def describe(store: Store, c: Curation) -> str:
    """Say what a curation does, in words, with today's names of what it names."""
    iris = [x for x in (c.target, c.value if c.spec.value == "entity" else None, c.into,
                        *((c.fact.subject, c.fact.object) if c.fact else ()),
                        dict(c.qualifiers).get("place")) if x and not x.startswith((DOC_NS, CT._NS))]
    names = queries.display_labels(store, [x for x in iris if "/fact/" not in x]) if iris else {}

    def n(iri: str | None) -> str:
        return names.get(iri or "", tail(iri or "")) if iri else "—"

    fact = f"{c.fact.type} {n(c.fact.subject)} → {n(c.fact.object)} (“{c.fact.quote[:50]}”)" if c.fact else ""
    doc = document_id(c.target) if c.spec.target == "document" else ""
    v = c.value or ""
    return {
        "merge": f"merge {n(c.target)} into {n(c.value)}",
        "split": f"split {', '.join(f'“{x}”' for x in c.values)} out of {n(c.target)} into {n(c.into)}",
        "rename": f"rename {n(c.target)} ({c.lang}) to “{v}”",
        "retype": f"make {n(c.target)} a {v}",
        "set_within": f"place {n(c.target)} within {n(c.value)}" if v else f"place {n(c.target)} within nothing",
        "set_qid": f"link {n(c.target)} to Wikidata {v}" if v else f"unlink {n(c.target)} from Wikidata",
        "add_alias": f"add the name “{v}” to {n(c.target)}",
        "remove_alias": f"remove the name “{v}” from {n(c.target)}",
        "reject": f"reject the fact {fact}",
        "confirm": f"confirm the fact {fact}",
        "set_date": f"date the fact {fact} {v or 'nothing'}",
        "set_place": f"place the fact {fact} in {n(c.value) if v else 'nothing'}",
        "set_kind": f"make the fact {fact} a {v or 'no kind'}",
        "set_status": f"give the fact {fact} the status {v or 'none'}",
        "add_fact": f"add the fact {fact}" + (f", as {c.note_by} says" if c.note_by else
                                              f", from {document_id(c.fact.document)}" if c.fact else ""),
        "set_home": f"make {n(c.value) if v else 'nobody'} the home of document {doc}",
        "set_title": f"title document {doc} “{v}”",
    }[c.op]


__all__ = ["Row", "Change", "ROWS", "short", "change", "describe"]
