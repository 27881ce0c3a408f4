"""Curations: staff corrections kept as data, apart from extraction, in one named graph.

A :class:`Curation` is one act of a person (merge two entities, reject a fact, set
a date, add a fact by hand), with PROV who, when and why and the value it replaced.
It names what it acts on by stable IRIs: an entity, a document, or a fact's
*address* (the fact's document, type, ends and normalized evidence quote; never
offsets, row numbers or extraction order), so it finds its target again when the
documents are extracted anew. ``graph.replay`` applies curations to one document's
graph; ``graph.curator`` records, undoes, lists, exports and imports them.

>>> c = Curation("add_alias", "https://w3id.org/cityties/id/chongqing", ("重庆市",), who="kim")
>>> c.values, c.lang
(('重庆市',), 'zh')
>>> fact_address("https://w3id.org/cityties/doc/a.txt", "met", "https://x/a", "https://x/b", " 만났다 ") == \\
...     fact_address("https://w3id.org/cityties/doc/a.txt", "met", "https://x/a", "https://x/b", "만났다")
True
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import CitytiesError
from .model import AGREEMENT_KINDS, ENTITY_TYPES, FACT_TYPES, STATUSES
from .operations import OPERATIONS, QUALIFIERS, Operation
from .rdf import date_literal, guess_language
from .vocab import (
    BASE, CLASS_ENTITY, CT, CURATION_NS, ENTITY_CLASS, FACT_NS, FACT_PREDICATE, PREDICATE_FACT, PROV,
    RDF, RDFS, SCHEMA, WD, XSD, slug,
)


class CurationError(CitytiesError, ValueError):
    """A curation that cannot be made: an unknown operation, entity or fact, or a bad value."""


_QUALIFIER_PREDICATE = {"date": CT.date, "place": SCHEMA.location, "kind": CT.kind, "status": CT.status,
                        "title": CT.title}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^Q[1-9]\d*$")
AGENT_NS = BASE + "agent/"


def normalize_quote(text: str) -> str:
    """Fold an evidence quote for addressing: NFC, runs of white space made one space.

    >>> normalize_quote(" 충칭\\n  우전대학교 ")
    '충칭 우전대학교'
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def _digest(*parts: object, size: int = 20) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:size]


def fact_address(document: str, fact_type: str, subject: str, obj: str, quote_: str) -> str:
    """Return the address of a fact: its document, type, ends and normalized quote, hashed.

    The same statement found again after re-extraction has the same address, wherever
    its offsets moved; a fact whose sentence was edited away has none any more.
    """
    return FACT_NS + _digest(document, fact_type, subject, obj, normalize_quote(quote_))


@dataclass(frozen=True, slots=True)
class FactRef:
    """The fact a curation acts on (or adds), by what addresses it."""

    document: str  # document IRI
    type: str
    subject: str
    object: str
    quote: str

    def __post_init__(self) -> None:
        if self.type not in FACT_TYPES:
            raise CurationError(f"fact type {self.type!r} is not one of {', '.join(FACT_TYPES)}")
        if not normalize_quote(self.quote):
            raise CurationError("a fact needs its evidence quote")

    @property
    def address(self) -> str:
        return fact_address(self.document, self.type, self.subject, self.object, self.quote)


@dataclass(frozen=True, slots=True)
class Undo:
    """Who took a curation back, when and why."""

    who: str
    when: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Curation:
    """One correction: the operation, its target and values, and PROV who/when/why.

    ``target`` is an entity IRI, a document IRI or a fact address (``fact.address``).
    ``id`` and ``seq`` are given when the curation is recorded (``graph.curator``).
    """

    op: str
    target: str
    values: tuple[str, ...] = ()
    lang: str | None = None  # rename and aliases: the label's language
    into: str | None = None  # merge: the survivor; split: the entity the names move to
    entity_type: str | None = None  # merge: the survivor's type; split: the new entity's type
    fact: FactRef | None = None
    qualifiers: tuple[tuple[str, str], ...] = ()  # add_fact: (date|place|kind|status|title, value)
    note: str | None = None  # add_fact citing a person: what they said
    note_by: str | None = None
    who: str = ""
    when: str = ""
    why: str = ""
    replaced: tuple[str, ...] = ()
    label: str = ""  # what it did, in words, with the names of the day
    seq: int = 0
    id: str = ""
    undone: Undo | None = None

    def __post_init__(self) -> None:
        spec = OPERATIONS.get(self.op)
        if spec is None:
            raise CurationError(f"unknown operation {self.op!r}; use one of {', '.join(OPERATIONS)}")
        values = tuple(v.strip() for v in self.values if v is not None and v.strip())
        if spec.value == "names":
            values = tuple(sorted(set(values)))  # a set of names: the same set, the same curation
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "qualifiers", tuple(sorted((k, v.strip()) for k, v in self.qualifiers if v and v.strip())))
        if self.lang is None and spec.value in ("label", "text", "names") and values:
            object.__setattr__(self, "lang", guess_language(values[0]))
        if not values and spec.value not in ("none",) and not spec.clears:
            raise CurationError(f"{self.op} needs a value ({spec.value})")
        if len(values) > 1 and spec.value != "names":
            raise CurationError(f"{self.op} takes one value, not {len(values)}")
        for v in values:
            _check_value(spec.value, v, self.op)
        for name, v in self.qualifiers:
            if name not in QUALIFIERS:
                raise CurationError(f"a fact has no qualifier {name!r}; use {', '.join(QUALIFIERS)}")
            _check_value({"place": "entity", "title": "text"}.get(name, name), v, self.op)
        if self.entity_type is not None and self.entity_type not in ENTITY_TYPES:
            raise CurationError(f"entity type {self.entity_type!r} is not one of {', '.join(ENTITY_TYPES)}")
        if spec.target == "fact" and self.fact is None:
            raise CurationError(f"{self.op} needs the fact it acts on")

    @property
    def spec(self) -> Operation:
        return OPERATIONS[self.op]

    @property
    def value(self) -> str | None:
        return self.values[0] if self.values else None

    def key(self) -> str:
        """Return a digest of what the curation does (not who, when or why): two people
        making the same correction make the same key."""
        return _digest(self.op, self.target, "\x1e".join(self.values), self.lang, self.into, self.entity_type,
                       self.fact.address if self.fact else "", sorted(self.qualifiers), self.note, self.note_by)


def identify(c: Curation, occurrence: int) -> str:
    """Return the curation's IRI: its key, and how many times the same act was made before.

    A team's corrections imported into another store keep their IRIs, so importing
    twice, or importing back what was exported, adds nothing twice.
    """
    return CURATION_NS + _digest(c.key(), occurrence, size=16)


def _check_value(kind: str, value: str, op: str) -> None:
    ok = {
        "entity": lambda v: v.startswith(("http://", "https://")) and not re.search(r'[\s<>"{}|^`\\]', v),
        "type": lambda v: v in ENTITY_TYPES,
        "qid": lambda v: bool(_QID.match(v)),
        "date": lambda v: bool(_DATE.match(v)),
        "kind": lambda v: v in AGREEMENT_KINDS,
        "status": lambda v: v in STATUSES,
    }.get(kind, lambda v: len(v) <= 2000)
    if not ok(value):
        hint = {"entity": "an entity IRI", "type": f"one of {', '.join(ENTITY_TYPES)}",
                "qid": "a Wikidata QID such as Q11725", "date": "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
                "kind": f"one of {', '.join(AGREEMENT_KINDS)}", "status": f"one of {', '.join(STATUSES)}"}
        raise CurationError(f"{op}: {value[:80]!r} is not {hint.get(kind, 'a text of at most 2,000 characters')}")


# ---------------------------------------------------------------- values as RDF terms

def term(kind: str, value: str, lang: str | None = None) -> Node:
    """Return a value of one kind as the RDF term stored for it.

    >>> term("qid", "Q11725"), term("type", "City")
    (rdflib.term.URIRef('http://www.wikidata.org/entity/Q11725'), rdflib.term.URIRef('https://schema.org/City'))
    """
    if kind == "entity":
        return URIRef(value)
    if kind == "type":
        return ENTITY_CLASS[value]
    if kind == "qid":
        return WD[value]
    if kind == "date":
        return date_literal(value)
    if kind in ("label", "text", "names"):
        return Literal(value, lang=lang or guess_language(value))
    return Literal(value)


def untyped(kind: str, node: Node) -> str:
    """Return a stored RDF term as the plain value :func:`term` made it from."""
    if kind == "type":
        return CLASS_ENTITY.get(str(node), str(node))
    if kind == "qid":
        return str(node).rsplit("/", 1)[-1]
    return str(node)


def agent_iri(name: str) -> URIRef:
    """Return the PROV agent IRI of a person's name."""
    return URIRef(AGENT_NS + quote(slug(name) or "unknown", safe=""))


def _time(when: str) -> Literal:
    return Literal(when, datatype=XSD.dateTime)


def to_rdf(g: Graph, c: Curation) -> None:
    """Add one curation's triples (a ``prov:Activity``) to ``g``."""
    if not c.id:
        raise CurationError("a curation gets its IRI when it is recorded")
    node, spec = URIRef(c.id), c.spec
    for cls in (CT.Curation, PROV.Activity):
        g.add((node, RDF.type, cls))
    g.add((node, CT.operation, Literal(c.op)))
    g.add((node, CT.sequence, Literal(c.seq)))
    g.add((node, CT.target, URIRef(c.target)))
    for v in c.values:
        g.add((node, CT.value, term(spec.value, v, c.lang)))
    for v in c.replaced:
        g.add((node, CT.replaced, term(spec.value, v, c.lang)))
    if c.into:
        g.add((node, CT.into, URIRef(c.into)))
    if c.entity_type:
        g.add((node, CT.entityClass, ENTITY_CLASS[c.entity_type]))
    if c.fact:
        for p, o in ((CT.inDocument, URIRef(c.fact.document)), (CT.statement, FACT_PREDICATE[c.fact.type]),
                     (CT.fromEntity, URIRef(c.fact.subject)), (CT.toEntity, URIRef(c.fact.object)),
                     (CT.quote, Literal(c.fact.quote))):
            g.add((node, p, o))
    for name, v in c.qualifiers:
        g.add((node, _QUALIFIER_PREDICATE[name], term({"place": "entity"}.get(name, name), v)))
    if c.note:
        g.add((node, CT.note, Literal(c.note)))
    if c.note_by:
        g.add((node, CT.noteBy, Literal(c.note_by)))
    _provenance(g, node, c.who, c.when, c.why)
    if c.label:
        g.add((node, RDFS.label, Literal(c.label)))
    if c.undone:
        undo = URIRef(f"{c.id}#undo")
        g.add((node, CT.undoneBy, undo))
        g.add((undo, RDF.type, PROV.Activity))
        _provenance(g, undo, c.undone.who, c.undone.when, c.undone.why)


def _provenance(g: Graph, node: URIRef, who: str, when: str, why: str) -> None:
    agent = agent_iri(who)
    g.add((node, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(who or "unknown")))
    if when:
        g.add((node, PROV.endedAtTime, _time(when)))
    if why:
        g.add((node, RDFS.comment, Literal(why)))


def _one(g: Graph, s: Node, p: Node) -> Node | None:
    return next(iter(sorted(g.objects(s, p))), None)


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _who(g: Graph, node: Node) -> str:
    agent = _one(g, node, PROV.wasAssociatedWith)
    return _text(_one(g, agent, RDFS.label)) or "" if agent is not None else ""


def from_rdf(g: Graph) -> list[Curation]:
    """Read every curation in ``g``, in the order they were made (their ``seq``)."""
    out = []
    for node in set(g.subjects(RDF.type, CT.Curation)):
        op = str(_one(g, node, CT.operation))
        spec = OPERATIONS.get(op)
        if spec is None:
            raise CurationError(f"<{node}> has an unknown operation {op!r}")
        values = sorted(g.objects(node, CT.value))
        fact = None
        if (node, CT.statement, None) in g:
            fact = FactRef(document=str(_one(g, node, CT.inDocument)),
                           type=PREDICATE_FACT[str(_one(g, node, CT.statement))],
                           subject=str(_one(g, node, CT.fromEntity)), object=str(_one(g, node, CT.toEntity)),
                           quote=str(_one(g, node, CT.quote)))
        qualifiers = tuple((name, untyped("entity" if name == "place" else name, v))
                           for name, p in _QUALIFIER_PREDICATE.items() for v in sorted(g.objects(node, p)))
        undo = _one(g, node, CT.undoneBy)
        first = values[0] if values else None
        out.append(Curation(
            op=op, target=str(_one(g, node, CT.target)), values=tuple(untyped(spec.value, v) for v in values),
            lang=getattr(first, "language", None) if spec.value in ("label", "text", "names") else None,
            into=_text(_one(g, node, CT.into)),
            entity_type=CLASS_ENTITY.get(str(_one(g, node, CT.entityClass))) if (node, CT.entityClass, None) in g else None,
            fact=fact, qualifiers=qualifiers, note=_text(_one(g, node, CT.note)), note_by=_text(_one(g, node, CT.noteBy)),
            who=_who(g, node), when=_text(_one(g, node, PROV.endedAtTime)) or "",
            why=_text(_one(g, node, RDFS.comment)) or "",
            replaced=tuple(untyped(spec.value, v) for v in sorted(g.objects(node, CT.replaced))),
            label=_text(_one(g, node, RDFS.label)) or "", seq=int(_one(g, node, CT.sequence) or 0), id=str(node),
            undone=Undo(_who(g, undo), _text(_one(g, undo, PROV.endedAtTime)) or "",
                        _text(_one(g, undo, RDFS.comment)) or "") if undo is not None else None,
        ))
    out.sort(key=lambda c: (c.seq, c.when, c.id))
    return out


def curations_to_rdf(curations: Iterable[Curation]) -> Graph:
    """Return the triples of a set of curations (the curation graph, or an export)."""
    g = Graph()
    for c in curations:
        to_rdf(g, c)
    return g


def undone(c: Curation, who: str, when: str, why: str = "") -> Curation:
    """Return the curation marked as taken back."""
    return replace(c, undone=Undo(who, when, why))


__all__ = [
    "CurationError", "Operation", "OPERATIONS", "QUALIFIERS", "FactRef", "Undo", "Curation", "normalize_quote",
    "fact_address", "identify", "term", "untyped", "agent_iri", "to_rdf", "from_rdf", "curations_to_rdf", "undone",
]
