"""Map an Extraction to RDF triples for its document's named graph, and back.

Facts are stored the way Wikidata stores statements: a truthy triple
(``?s ct:met ?o``) plus a qualified fact node carrying date, place, kind,
status, title and evidence (a Web Annotation text position selector with the
quote), derived from the document. A trip is a ``ct:Trip`` event node: its
traveller, ``schema:startDate``/``endDate``, members as ``schema:attendee``,
destinations in order as a ``schema:itinerary`` of ``schema:ListItem`` stops, and
its fact nodes as ``dcterms:hasPart``. Every node has a deterministic IRI, so the
same extraction always gives the same triples.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .model import Document, Entity, Extraction, Fact, Mention, Trip
from .vocab import (
    CLASS_ENTITY, CT, DCTERMS, ENTITY_CLASS, FACT_PREDICATE, OA, OWL, PREDICATE_FACT, PROV, RDF,
    SCHEMA, SKOS, XSD, document_iri,
)

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def guess_language(text: str) -> str | None:
    """Return the language tag a label's script suggests: ko, zh, en or None.

    >>> guess_language("충칭"), guess_language("重庆"), guess_language("Chongqing"), guess_language("2019")
    ('ko', 'zh', 'en', None)
    """
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text):
        return "zh"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return None


def date_literal(value: str) -> Literal:
    """Return an ISO date of any precision as a typed literal (xsd:date, gYearMonth or gYear).

    >>> date_literal("2019-12").datatype.endswith("gYearMonth")
    True
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
    return Literal(value, datatype=datatype)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def fact_iri(doc: str, fact: Fact) -> URIRef:
    """Return the fact node's IRI: stable for the same fact at the same evidence."""
    return URIRef(f"{doc}#fact-{_digest(fact.type, fact.subject, fact.object, fact.evidence.start, fact.evidence.end, fact.kind, fact.title)}")


def trip_key(doc: str, trip: Trip) -> str:
    """Return a trip's public identifier: stable for the same journey in the same document.

    >>> len(trip_key("https://w3id.org/cityties/doc/a.txt", Trip("https://x/council", start="2019-12-22")))
    16
    """
    return _digest(doc, trip.traveller, trip.start, trip.end, *trip.destinations)


def trip_iri(doc: str, trip: Trip) -> URIRef:
    """Return the trip node's IRI (the document's IRI with a ``#trip-<key>`` fragment)."""
    return URIRef(f"{doc}#trip-{trip_key(doc, trip)}")


def _selector(g: Graph, node: URIRef, span: Mention) -> None:
    g.add((node, RDF.type, OA.TextPositionSelector))
    g.add((node, OA.start, Literal(span.start)))
    g.add((node, OA.end, Literal(span.end)))
    g.add((node, OA.exact, Literal(span.text)))


def _document_triples(g: Graph, doc: URIRef, d: Document) -> None:
    g.add((doc, RDF.type, CT.Document))
    g.add((doc, RDF.type, PROV.Entity))
    g.add((doc, DCTERMS.identifier, Literal(d.id)))
    g.add((doc, CT.source, Literal(d.source)))
    g.add((doc, DCTERMS.language, Literal(d.language)))
    if d.title:
        g.add((doc, DCTERMS.title, Literal(d.title)))
    if d.home:
        g.add((doc, CT.home, URIRef(d.home)))
        if d.home_confidence is not None:
            g.add((doc, CT.homeConfidence, Literal(d.home_confidence, datatype=XSD.decimal)))
        if d.home_reason:
            g.add((doc, CT.homeReason, Literal(d.home_reason)))
    if d.date:
        g.add((doc, DCTERMS.date, date_literal(d.date)))
    if d.sha256:
        g.add((doc, CT.sha256, Literal(d.sha256)))
    if d.text is not None:
        g.add((doc, CT.text, Literal(d.text)))


def entity_triples(g: Graph, e: Entity, doc: URIRef | None = None) -> None:
    """Add an entity's type, SKOS labels, same_as, containment and (with ``doc``) its mentions."""
    node = URIRef(e.id)
    g.add((node, RDF.type, ENTITY_CLASS[e.type]))
    for lang, label in e.labels.items():
        g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
    for alias in e.aliases:
        lang = guess_language(alias)
        g.add((node, SKOS.altLabel, Literal(alias, lang=lang) if lang else Literal(alias)))
    for same in e.same_as:
        g.add((node, OWL.sameAs, URIRef(same)))
    if e.within:
        g.add((node, SCHEMA.containedInPlace, URIRef(e.within)))
    if e.title:
        g.add((node, CT.title, Literal(e.title)))
    if doc is not None:
        for m in e.mentions:
            mnode = URIRef(f"{doc}#m-{m.start}-{m.end}-{_digest(e.id)[:8]}")
            g.add((mnode, RDF.type, CT.Mention))
            g.add((mnode, CT.mentionOf, node))
            g.add((mnode, PROV.wasDerivedFrom, doc))
            _selector(g, mnode, m)


def _fact_triples(g: Graph, doc: URIRef, f: Fact) -> None:
    s, o = URIRef(f.subject), URIRef(f.object)
    pred = FACT_PREDICATE[f.type]
    g.add((s, pred, o))
    node = fact_iri(str(doc), f)
    g.add((node, RDF.type, CT.Fact))
    g.add((node, CT.factType, pred))
    g.add((node, CT.subject, s))
    g.add((node, CT.object, o))
    g.add((node, PROV.wasDerivedFrom, doc))
    if f.date:
        g.add((node, CT.date, date_literal(f.date)))
    if f.place:
        g.add((node, SCHEMA.location, URIRef(f.place)))
    if f.kind:
        g.add((node, CT.kind, Literal(f.kind)))
    if f.status:
        g.add((node, CT.status, Literal(f.status)))
    if f.title:
        g.add((node, CT.title, Literal(f.title)))
    ev = URIRef(f"{node}-evidence")
    g.add((node, CT.evidence, ev))
    _selector(g, ev, f.evidence)


def _trip_triples(g: Graph, doc: URIRef, t: Trip) -> None:
    node = trip_iri(str(doc), t)
    g.add((node, RDF.type, CT.Trip))
    g.add((node, DCTERMS.identifier, Literal(trip_key(str(doc), t))))
    g.add((node, PROV.wasDerivedFrom, doc))
    g.add((node, CT.traveller, URIRef(t.traveller)))
    if t.start:
        g.add((node, SCHEMA.startDate, date_literal(t.start)))
    if t.end:
        g.add((node, SCHEMA.endDate, date_literal(t.end)))
    for member in t.members:
        g.add((node, SCHEMA.attendee, URIRef(member)))
    for i, place in enumerate(t.destinations, 1):
        stop = URIRef(f"{node}-stop-{i}")
        g.add((node, SCHEMA.itinerary, stop))
        g.add((stop, RDF.type, SCHEMA.ListItem))
        g.add((stop, SCHEMA.position, Literal(i)))
        g.add((stop, SCHEMA.item, URIRef(place)))
    for f in t.parts:
        g.add((node, DCTERMS.hasPart, fact_iri(str(doc), f)))


def extraction_to_rdf(x: Extraction) -> Graph:
    """Return the triples of one document's named graph.

    >>> from cityties.graph.model import Document, Extraction
    >>> g = extraction_to_rdf(Extraction(Document(id="a.txt", source="a.txt")))
    >>> len(g) > 0
    True
    """
    g = Graph()
    doc = URIRef(document_iri(x.document.id))
    _document_triples(g, doc, x.document)
    for e in x.entities:
        entity_triples(g, e, doc)
    for f in x.facts:
        _fact_triples(g, doc, f)
    for t in x.trips:
        _trip_triples(g, doc, t)
    return g


# ---------------------------------------------------------------- back again

def _one(g: Graph, s: Node, p: Node) -> Node | None:
    return next(iter(sorted(g.objects(s, p))), None)


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _span(g: Graph, node: Node) -> Mention:
    return Mention(int(_one(g, node, OA.start)), int(_one(g, node, OA.end)), str(_one(g, node, OA.exact)))


def _float(node: Node | None) -> float | None:
    return float(node) if node is not None else None


def rdf_to_extraction(g: Graph, doc: str) -> Extraction:
    """Rebuild the Extraction of document ``doc`` (its IRI) from its named graph's triples.

    Aliases come back sorted and mentions in text order: RDF keeps sets, not sequences.
    """
    d = URIRef(doc)
    document = Document(
        id=str(_one(g, d, DCTERMS.identifier)), source=str(_one(g, d, CT.source)),
        title=_str(_one(g, d, DCTERMS.title)), language=str(_one(g, d, DCTERMS.language) or "ko"),
        home=_str(_one(g, d, CT.home)), date=_str(_one(g, d, DCTERMS.date)),
        sha256=_str(_one(g, d, CT.sha256)), text=_str(_one(g, d, CT.text)),
        home_confidence=_float(_one(g, d, CT.homeConfidence)), home_reason=_str(_one(g, d, CT.homeReason)),
    )
    mentions: dict[str, list[Mention]] = {}
    for m in g.subjects(RDF.type, CT.Mention):
        mentions.setdefault(str(_one(g, m, CT.mentionOf)), []).append(_span(g, m))
    entities = []
    for cls, etype in sorted(CLASS_ENTITY.items()):
        for node in sorted(g.subjects(RDF.type, URIRef(cls))):
            labels = {lit.language: str(lit) for lit in g.objects(node, SKOS.prefLabel) if lit.language}
            entities.append(Entity(
                id=str(node), type=etype, labels=labels,
                aliases=tuple(sorted(str(a) for a in g.objects(node, SKOS.altLabel))),
                mentions=tuple(sorted(mentions.get(str(node), ()), key=lambda m: (m.start, m.end))),
                same_as=tuple(sorted(str(s) for s in g.objects(node, OWL.sameAs))),
                within=_str(_one(g, node, SCHEMA.containedInPlace)),
                title=_str(_one(g, node, CT.title)),
            ))
    facts, by_node = [], {}
    for node in sorted(g.subjects(RDF.type, CT.Fact)):
        facts.append(by_node.setdefault(node, Fact(
            type=PREDICATE_FACT[str(_one(g, node, CT.factType))],
            subject=str(_one(g, node, CT.subject)), object=str(_one(g, node, CT.object)),
            evidence=_span(g, _one(g, node, CT.evidence)), date=_str(_one(g, node, CT.date)),
            place=_str(_one(g, node, SCHEMA.location)), kind=_str(_one(g, node, CT.kind)),
            status=_str(_one(g, node, CT.status)), title=_str(_one(g, node, CT.title)),
        )))
    facts.sort(key=lambda f: (f.evidence.start, f.type, f.subject, f.object))
    return Extraction(document, tuple(entities), tuple(facts), tuple(_trips_back(g, by_node)))


def _trips_back(g: Graph, facts: dict[Node, Fact]) -> list[Trip]:
    """Rebuild the trips of a document graph, in order of start date (members and parts as sets)."""
    trips = []
    for node in g.subjects(RDF.type, CT.Trip):
        stops = sorted((int(_one(g, s, SCHEMA.position)), str(_one(g, s, SCHEMA.item)))
                       for s in g.objects(node, SCHEMA.itinerary))
        parts = sorted((facts[p] for p in g.objects(node, DCTERMS.hasPart) if p in facts),
                       key=lambda f: (f.evidence.start, f.type, f.subject, f.object))
        trips.append(Trip(traveller=str(_one(g, node, CT.traveller)), parts=tuple(parts),
                          start=_str(_one(g, node, SCHEMA.startDate)), end=_str(_one(g, node, SCHEMA.endDate)),
                          destinations=tuple(p for _, p in stops),
                          members=tuple(sorted(str(m) for m in g.objects(node, SCHEMA.attendee)))))
    return sorted(trips, key=lambda t: (t.start or "", t.traveller, t.destinations))


def entities_to_rdf(entities: Iterable[Entity]) -> Graph:
    """Return the triples describing entities alone (for the gazetteer graph)."""
    g = Graph()
    for e in entities:
        entity_triples(g, e)
    return g
