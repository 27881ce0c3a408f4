"""Replay curations on one document's extraction: the curated graph a store holds.

A document's graph in the store is its extraction with every curation that has
not been undone applied in the order they were made. Each operation looks for its
target in the graph (an entity described there, a fact with its address, the
document itself) and says whether it found one; one found nowhere is orphaned.

When any curation applies, the graph also keeps the extraction itself
(``ct:extraction``: its sorted N-Triples, gzipped, base64) and ``ct:curatedBy``
each curation that applied. Undo and new curations recompute the view from that
extraction, never from an earlier view.

>>> from rdflib import Graph
>>> replay("https://w3id.org/cityties/doc/a", Graph(), []).applied
()
"""
from __future__ import annotations

import base64
import gzip
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .curation import Curation, fact_address, normalize_quote
from .model import Fact, Mention
from .rdf import _fact_triples, date_literal, fact_iri, guess_language
from .vocab import (
    CT, DCTERMS, ENTITY_CLASS, OA, OWL, PREDICATE_FACT, RDF, SCHEMA, SKOS, WD, XSD, slug,
)

ENTITY_CLASSES = frozenset(ENTITY_CLASS.values())
BOOKKEEPING = (CT.extraction, CT.curatedBy)  # what replay adds beside the view itself
_QUALIFIER = {"set_date": CT.date, "set_place": SCHEMA.location, "set_kind": CT.kind, "set_status": CT.status}


@dataclass(frozen=True, slots=True)
class Replayed:
    """A document's curated graph and the curations that found their target in it."""

    graph: Graph
    applied: tuple[str, ...]


def replay(doc_iri: str, raw: Graph, curations: Iterable[Curation], packed: Literal | None = None,
           copy: bool = True) -> Replayed:
    """Apply the curations (in order; undone ones skipped) to a document's extraction.

    The extraction is returned as it is when no curation can concern the document;
    otherwise a copy is curated (``copy=False``: ``raw`` itself, for a caller that
    owns it). ``packed`` is :func:`pack` of ``raw`` when the caller has it already.
    """
    doc = URIRef(doc_iri)
    relevant = _relevant(raw, doc_iri, [c for c in curations if c.undone is None])
    if not relevant:
        return Replayed(raw, ())
    packed = packed if packed is not None else pack(raw)
    g = raw
    if copy:
        g = Graph()
        g += raw
    applied = tuple(c.id for c in relevant if _APPLY[c.op](g, doc, c))
    if applied:
        g.add((doc, CT.extraction, packed))
        for cid in applied:
            g.add((doc, CT.curatedBy, URIRef(cid)))
    return Replayed(g, applied)


def _relevant(raw: Graph, doc_iri: str, curations: list[Curation]) -> list[Curation]:
    """Return the curations that may find their target in this document, in order: those naming
    it, its facts, or an entity it names (or that an earlier merge or split brings in)."""
    nodes = {str(n) for t in raw for n in (t[0], t[2]) if isinstance(n, URIRef)}
    out = []
    for c in curations:
        if c.spec.target == "entity":
            if c.target not in nodes:
                continue
            nodes.update(x for x in (c.value if c.op == "merge" else None, c.into) if x)
        elif (c.fact.document if c.fact else c.target) != doc_iri:
            continue
        out.append(c)
    return out


# ---------------------------------------------------------------- the extraction kept beside the view

def pack(raw: Graph) -> Literal:
    """Return an extraction as one literal: sorted N-Triples, gzipped, base64 (the same graph, the same text).

    >>> from rdflib import Graph, URIRef
    >>> g = Graph().add((URIRef("https://x/a"), URIRef("https://x/p"), URIRef("https://x/b")))
    >>> len(unpack(pack(g))), pack(g) == pack(unpack(pack(g)))
    (1, True)
    """
    lines = sorted(set(raw.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")) - {""})
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)
    return Literal(base64.b64encode(data).decode("ascii"), datatype=XSD.base64Binary)


def unpack(blob: Node) -> Graph:
    """Return the extraction :func:`pack` stored."""
    g = Graph()
    g.parse(data=gzip.decompress(base64.b64decode(str(blob))).decode("utf-8"), format="nt")
    return g


def extraction(g: Graph, doc_iri: str) -> Graph:
    """Return the extraction behind a stored document graph (the graph itself when uncurated)."""
    blob = g.value(URIRef(doc_iri), CT.extraction)
    return g if blob is None else unpack(blob)


def view(g: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """Yield a stored graph's triples but the bookkeeping :func:`mark` added (for comparing views)."""
    return (t for t in g if t[1] not in BOOKKEEPING)


# ---------------------------------------------------------------- facts

def fact_nodes(g: Graph, doc: URIRef) -> dict[str, list[Node]]:
    """Return the graph's fact nodes (live and deprecated) by address."""
    out: dict[str, list[Node]] = {}
    for cls in (CT.Fact, CT.DeprecatedFact):
        for node in g.subjects(RDF.type, cls):
            ftype = PREDICATE_FACT.get(str(g.value(node, CT.factType)))
            s, o = g.value(node, CT.subject), g.value(node, CT.object)
            quote = g.value(g.value(node, CT.evidence), OA.exact)
            if ftype and s is not None and o is not None and quote is not None:
                out.setdefault(fact_address(str(doc), ftype, str(s), str(o), str(quote)), []).append(node)
    return out


def _truthy(g: Graph, node: Node) -> tuple[Node, Node, Node] | None:
    s, p, o = g.value(node, CT.subject), g.value(node, CT.factType), g.value(node, CT.object)
    return None if None in (s, p, o) else (s, p, o)


def _drop_truthy(g: Graph, node: Node) -> None:
    """Remove a fact's truthy triple unless another live fact of the graph states it too."""
    t = _truthy(g, node)
    if t is None:
        return
    for other in g.subjects(CT.subject, t[0]):
        if other != node and (other, RDF.type, CT.Fact) in g and _truthy(g, other) == t:
            return
    g.remove(t)


def _set_rank(g: Graph, node: Node, rank: URIRef) -> None:
    g.set((node, CT.rank, rank))
    if rank == CT.DeprecatedRank:
        if (node, RDF.type, CT.Fact) in g:
            _drop_truthy(g, node)
        g.remove((node, RDF.type, CT.Fact))
        g.add((node, RDF.type, CT.DeprecatedFact))
    else:
        g.remove((node, RDF.type, CT.DeprecatedFact))
        g.add((node, RDF.type, CT.Fact))
        t = _truthy(g, node)
        if t is not None:
            g.add(t)


def _retarget(g: Graph, node: Node, old: Node, new: Node) -> None:
    """Point a fact's ends and place at ``new`` instead of ``old``, truthy triple included."""
    live = (node, RDF.type, CT.Fact) in g
    if live:
        _drop_truthy(g, node)
    for p in (CT.subject, CT.object, SCHEMA.location):
        if (node, p, old) in g:
            g.remove((node, p, old))
            g.add((node, p, new))
    t = _truthy(g, node)
    if live and t is not None:
        g.add(t)


def _on_facts(action: Callable[[Graph, Node, Curation], None]) -> Callable[[Graph, URIRef, Curation], bool]:
    def apply(g: Graph, doc: URIRef, c: Curation) -> bool:
        if c.fact is None or c.fact.document != str(doc):
            return False
        nodes = fact_nodes(g, doc).get(c.target, [])
        for node in nodes:
            action(g, node, c)
        return bool(nodes)
    return apply


def _qualifier(g: Graph, node: Node, c: Curation) -> None:
    pred = _QUALIFIER[c.op]
    g.remove((node, pred, None))
    if c.value:
        g.add((node, pred, _qualifier_term(c.op, c.value)))


def _qualifier_term(op: str, value: str) -> Node:
    return {"set_date": date_literal, "set_place": URIRef}.get(op, Literal)(value)


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Return where ``quote`` is in ``text``: exactly, else with any white space between its words.

    >>> locate("충칭에서\\n  우전대학교를 방문", "충칭에서 우전대학교를")
    (0, 13)
    """
    at = text.find(quote)
    if at >= 0 and quote:
        return at, at + len(quote)
    words = normalize_quote(quote).split(" ")
    if not words or words == [""]:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def _add_fact(g: Graph, doc: URIRef, c: Curation) -> bool:
    if c.fact is None or c.fact.document != str(doc):
        return False
    text = g.value(doc, CT.text)
    span = locate(str(text), c.fact.quote) if text is not None else None
    if span is None:
        return False
    q = dict(c.qualifiers)
    fact = Fact(type=c.fact.type, subject=c.fact.subject, object=c.fact.object,
                evidence=Mention(span[0], span[1], str(text)[span[0]:span[1]]), date=q.get("date"),
                place=q.get("place"), kind=q.get("kind"), status=q.get("status"), title=q.get("title"))
    _fact_triples(g, doc, fact)
    g.set((fact_iri(str(doc), fact), CT.rank, CT.ConfirmedRank))
    return True


# ---------------------------------------------------------------- entities

def described(g: Graph, e: Node) -> bool:
    """Say whether the graph describes entity ``e`` (gives it an entity type)."""
    return any(o in ENTITY_CLASSES for o in g.objects(e, RDF.type))


def _on_entity(action: Callable[[Graph, URIRef, Curation], bool | None]) -> Callable[[Graph, URIRef, Curation], bool]:
    def apply(g: Graph, doc: URIRef, c: Curation) -> bool:
        e = URIRef(c.target)
        if not described(g, e):
            return False
        return action(g, e, c) is not False
    return apply


def _rename(g: Graph, e: URIRef, c: Curation) -> None:
    # the name it replaces stays a name (an alias), as a merged entity's do: searches keep finding it
    for label in list(g.objects(e, SKOS.prefLabel)):
        if getattr(label, "language", None) == c.lang:
            g.remove((e, SKOS.prefLabel, label))
            if str(label) != c.value:
                g.add((e, SKOS.altLabel, label))
    g.remove((e, SKOS.altLabel, Literal(c.value, lang=c.lang)))
    g.add((e, SKOS.prefLabel, Literal(c.value, lang=c.lang)))


def _retype(g: Graph, e: URIRef, c: Curation) -> None:
    for cls in list(g.objects(e, RDF.type)):
        if cls in ENTITY_CLASSES:
            g.remove((e, RDF.type, cls))
    g.add((e, RDF.type, ENTITY_CLASS[c.value]))


def _set_within(g: Graph, e: URIRef, c: Curation) -> None:
    g.remove((e, SCHEMA.containedInPlace, None))
    if c.value:
        g.add((e, SCHEMA.containedInPlace, URIRef(c.value)))


def _set_qid(g: Graph, e: URIRef, c: Curation) -> None:
    for same in list(g.objects(e, OWL.sameAs)):
        if str(same).startswith(str(WD)):
            g.remove((e, OWL.sameAs, same))
    if c.value:
        g.add((e, OWL.sameAs, WD[c.value]))


def _add_alias(g: Graph, e: URIRef, c: Curation) -> None:
    g.add((e, SKOS.altLabel, Literal(c.value, lang=c.lang) if c.lang else Literal(c.value)))


def _remove_alias(g: Graph, e: URIRef, c: Curation) -> bool:
    gone = [a for a in g.objects(e, SKOS.altLabel) if slug(str(a)) == slug(c.value or "")]
    for a in gone:
        g.remove((e, SKOS.altLabel, a))
    return bool(gone)


def _merge(g: Graph, doc: URIRef, c: Curation) -> bool:
    """Rewrite the merged entity to the survivor everywhere in the graph; the survivor takes
    the merged entity's names as aliases, and the merged IRI stays as ``owl:sameAs`` the survivor."""
    a, b = URIRef(c.target), URIRef(c.value or "")
    if (a, None, None) not in g and (None, None, a) not in g:
        return False
    had_type = described(g, b)
    names = {str(n) for n in g.objects(b, SKOS.prefLabel)}
    for s, p, o in list(g.triples((a, None, None))):
        g.remove((s, p, o))
        if p in (SKOS.prefLabel, SKOS.altLabel):
            if str(o) not in names:
                g.add((b, SKOS.altLabel, o))
        elif p == CT.title:
            if (b, CT.title, None) not in g:
                g.add((b, p, o))
        elif not ((p == RDF.type and o in ENTITY_CLASSES) or p in (OWL.sameAs, SCHEMA.containedInPlace)):
            g.add((b, p, b if o == a else o))  # its facts' truthy triples, and anything else it states
    for s, p, _ in list(g.triples((None, None, a))):
        g.remove((s, p, a))
        g.add((s, p, b))
    g.remove((b, SCHEMA.containedInPlace, b))
    if not had_type and c.entity_type:
        g.add((b, RDF.type, ENTITY_CLASS[c.entity_type]))
    g.add((a, OWL.sameAs, b))
    return True


def _split(g: Graph, e: URIRef, c: Curation) -> bool:
    """Move the names (labels and mentions) to their own entity, and the facts whose quote
    names the entity only by them."""
    new = URIRef(c.into or "")
    names = {slug(n) for n in c.values}
    moved = False
    for m in list(g.subjects(CT.mentionOf, e)):
        if slug(str(g.value(m, OA.exact) or "")) in names:
            g.remove((m, CT.mentionOf, e))
            g.add((m, CT.mentionOf, new))
            moved = True
    for p in (SKOS.prefLabel, SKOS.altLabel):
        for label in list(g.objects(e, p)):
            if slug(str(label)) in names:
                g.remove((e, p, label))
                moved = True
    if not moved:
        return False
    if c.entity_type:  # a new entity: its first name is its label
        g.add((new, RDF.type, ENTITY_CLASS[c.entity_type]))
    for i, name in enumerate(c.values):
        pred = SKOS.prefLabel if i == 0 and c.entity_type else SKOS.altLabel
        g.add((new, pred, Literal(name, lang=guess_language(name))))
    rest = {slug(str(x)) for p in (SKOS.prefLabel, SKOS.altLabel) for x in g.objects(e, p)}
    rest |= {slug(str(g.value(m, OA.exact) or "")) for m in g.subjects(CT.mentionOf, e)}
    rest.discard("")
    for node in {n for p in (CT.subject, CT.object, SCHEMA.location) for n in g.subjects(p, e)}:
        quote = slug(str(g.value(g.value(node, CT.evidence), OA.exact) or ""))
        if not any(n in quote for n in names):
            continue
        for n in names:
            quote = quote.replace(n, "\x00")
        if not any(r in quote for r in rest):
            _retarget(g, node, e, new)
    return True


# ---------------------------------------------------------------- documents

def _on_document(pred: URIRef, kind: Callable[[str], Node]) -> Callable[[Graph, URIRef, Curation], bool]:
    def apply(g: Graph, doc: URIRef, c: Curation) -> bool:
        if c.target != str(doc) or (doc, RDF.type, CT.Document) not in g:
            return False
        g.remove((doc, pred, None))
        if c.value:
            g.add((doc, pred, kind(c.value)))
        if pred == CT.home:  # a person said so: sure, and given (as a home given at ingest is)
            g.remove((doc, CT.homeConfidence, None))
            g.remove((doc, CT.homeReason, None))
            if c.value:
                g.add((doc, CT.homeConfidence, Literal(1.0, datatype=XSD.decimal)))
                g.add((doc, CT.homeReason, Literal("given")))
        return True
    return apply


_APPLY: dict[str, Callable[[Graph, URIRef, Curation], bool]] = {
    "merge": _merge,
    "split": _on_entity(_split),
    "rename": _on_entity(_rename),
    "retype": _on_entity(_retype),
    "set_within": _on_entity(_set_within),
    "set_qid": _on_entity(_set_qid),
    "add_alias": _on_entity(_add_alias),
    "remove_alias": _on_entity(_remove_alias),
    "reject": _on_facts(lambda g, node, c: _set_rank(g, node, CT.DeprecatedRank)),
    "confirm": _on_facts(lambda g, node, c: _set_rank(g, node, CT.ConfirmedRank)),
    "set_date": _on_facts(_qualifier),
    "set_place": _on_facts(_qualifier),
    "set_kind": _on_facts(_qualifier),
    "set_status": _on_facts(_qualifier),
    "add_fact": _add_fact,
    "set_home": _on_document(CT.home, URIRef),
    "set_title": _on_document(DCTERMS.title, Literal),
}

__all__ = ["Replayed", "replay", "pack", "unpack", "extraction", "view", "fact_nodes", "locate",
           "described", "BOOKKEEPING", "ENTITY_CLASSES"]
