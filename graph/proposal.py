"""Proposals: what a person asks for, resolved against the store into a :class:`Curation`.

Front ends (pages, API, CLI, notebooks) fill a :class:`Proposal` with what a
person typed: names or IRIs, a fact's IRI, a document's id. :func:`resolve`
finds each in the curated graph, checks the request makes sense there, and notes
the value it replaces, so the record says what was there before.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import unquote

from . import queries
from .curation import OPERATIONS, Curation, CurationError, FactRef, normalize_quote
from rdflib import Graph

from .model import Document, Extraction
from .rdf import extraction_to_rdf, guess_language
from .replay import locate
from .store import Store
from .vocab import DOC_NS, PREDICATE_FACT, WD, document_id, document_iri, entity_iri

NOTES = "notes/"  # document ids of the notes facts added by hand cite


@dataclass(frozen=True, slots=True)
class Proposal:
    """A curation as a person asks for it; names may stand for entities, ids for documents.

    ``target`` is an entity (IRI or name), a fact (its IRI, or ``<document id>#fact-...``)
    or a document (id or IRI), as the operation wants. ``add_fact`` takes ``fact_type``,
    ``subject``, ``object`` and either ``document`` with ``quote`` or ``note`` with ``note_by``.
    """

    op: str
    target: str = ""
    value: str = ""
    names: tuple[str, ...] = ()  # split: the names to move out
    lang: str = ""  # rename: the label's language (default: its script's)
    into: str = ""  # split: an existing entity to move the names to
    entity_type: str = ""  # split: the type of the new entity (default: the old one's)
    fact_type: str = ""
    subject: str = ""
    object: str = ""
    document: str = ""
    quote: str = ""
    note: str = ""
    note_by: str = ""
    date: str = ""
    place: str = ""
    kind: str = ""
    status: str = ""
    title: str = ""
    who: str = ""
    why: str = ""


def tail(iri: str) -> str:
    """Return the readable end of an IRI (for a thing the store no longer knows).

    >>> tail("https://w3id.org/cityties/id/organization/%EA%B4%91%EB%B3%B5%EA%B5%B0")
    '광복군'
    """
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def entity(store: Store, name_or_iri: str, role: str = "entity") -> str:
    """Return the IRI of an entity given by IRI or name (a merged IRI leads to the survivor)."""
    iri = queries.resolve_entity(store, name_or_iri.strip()) if name_or_iri.strip() else None
    if iri is None:
        raise CurationError(f"{role} {name_or_iri!r}: no entity has this IRI or name; search for it first")
    return iri


def document(store: Store, id_or_iri: str) -> str:
    """Return the IRI of a document given by id or IRI."""
    iri = id_or_iri if id_or_iri.startswith(DOC_NS) else document_iri(id_or_iri.strip())
    if not store.ask(f"ASK {{ GRAPH <{iri}> {{ <{iri}> a ct:Document }} }}"):
        raise CurationError(f"document {id_or_iri!r}: not in the store (see `cityties docs`)")
    return iri


@dataclass(frozen=True, slots=True)
class FactState:
    """A fact as the store holds it now: what addresses it, its qualifiers and its rank."""

    iri: str
    ref: FactRef
    date: str | None
    place: str | None
    kind: str | None
    status: str | None
    rank: str | None  # "deprecated", "confirmed" or None


def fact_iri(text: str) -> str:
    """Return a fact's IRI from its IRI or its short form ``<document id>#fact-<hex>``.

    >>> fact_iri("corpus/a.txt#fact-0123")
    'https://w3id.org/cityties/doc/corpus/a.txt#fact-0123'
    """
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return text
    doc, sep, frag = text.partition("#")
    if not sep or not frag:
        raise CurationError(f"{text!r} is not a fact: give its IRI or <document id>#fact-...")
    return f"{document_iri(doc)}#{frag}"


def fact(store: Store, text: str) -> FactState:
    """Return the fact (live or rejected) the IRI names."""
    iri = fact_iri(text)
    if any(c in iri for c in '<>"{}|^`\\ \n'):
        raise CurationError(f"{text!r} is not a fact IRI")
    rows = store.select(f"""SELECT ?g ?t ?s ?o ?q ?date ?place ?kind ?status ?rank WHERE {{ GRAPH ?g {{
      <{iri}> a ?c ; ct:factType ?t ; ct:subject ?s ; ct:object ?o ; ct:evidence/oa:exact ?q .
      OPTIONAL {{ <{iri}> ct:date ?date }} OPTIONAL {{ <{iri}> schema:location ?place }}
      OPTIONAL {{ <{iri}> ct:kind ?kind }} OPTIONAL {{ <{iri}> ct:status ?status }}
      OPTIONAL {{ <{iri}> ct:rank ?rank }} }} FILTER(?c IN (ct:Fact, ct:DeprecatedFact)) }} LIMIT 1""")
    if not rows:
        raise CurationError(f"fact {text!r}: not in the store (a fact's IRI is on its page, or in g.entity(...)['fact'])")
    r = rows[0]
    rank = r.get("rank")
    return FactState(
        iri=iri, ref=FactRef(str(r["g"]), PREDICATE_FACT[str(r["t"])], str(r["s"]), str(r["o"]), str(r["q"])),
        date=_s(r.get("date")), place=_s(r.get("place")), kind=_s(r.get("kind")), status=_s(r.get("status")),
        rank=None if rank is None else str(rank).rsplit("#", 1)[-1].removesuffix("Rank").lower())


def _s(node) -> str | None:
    return None if node is None else str(node)


def note_document(note: str, note_by: str) -> str:
    """Return the IRI of the document a note stands in (one per note text and author)."""
    digest = hashlib.sha1(f"{normalize_quote(note)}\x1f{note_by.strip()}".encode("utf-8")).hexdigest()[:12]
    return document_iri(NOTES + digest)


def note_text(note: str, note_by: str) -> str:
    """Return the text of a note's document: the note, then who said it."""
    return f"{note.strip()}\n— {note_by.strip()}"


def note_graph(c: Curation) -> Graph:
    """Return the extraction of the document a fact added by hand from a note cites."""
    assert c.fact is not None and c.note and c.note_by
    doc_id = document_id(c.fact.document)
    text = note_text(c.note, c.note_by)
    return extraction_to_rdf(Extraction(Document(
        id=doc_id, source=f"note:{c.note_by.strip()}", title=f"메모 Note — {c.note_by.strip()}",
        language=guess_language(c.note) or "ko", date=(c.when or "")[:10] or None, text=text)))


def is_note(doc_iri: str) -> bool:
    """Say whether a document IRI is one of the notes facts added by hand cite."""
    return doc_iri.startswith(document_iri(NOTES))


def resolve(store: Store, p: Proposal) -> Curation:
    """Resolve a proposal against the curated graph: find its targets, check it, note what it replaces."""
    spec = OPERATIONS.get(p.op)
    if spec is None:
        raise CurationError(f"unknown operation {p.op!r}; use one of {', '.join(OPERATIONS)}")
    base = {"who": p.who.strip(), "why": p.why.strip()}
    if p.op == "add_fact":
        return _add_fact(store, p, base)
    if spec.target == "document":
        doc = document(store, p.target)
        info = next((d for d in store.documents() if d.iri == doc), None)
        old = (info.home if p.op == "set_home" else info.title) if info else None
        value = entity(store, p.value, "home") if p.op == "set_home" and p.value.strip() else p.value
        return Curation(p.op, doc, (value,), replaced=(old,) if old else (), **base)
    if spec.target == "fact":
        f = fact(store, p.target)
        old = {"set_date": f.date, "set_place": f.place, "set_kind": f.kind, "set_status": f.status}.get(p.op)
        value = entity(store, p.value, "place") if p.op == "set_place" and p.value.strip() else p.value
        return Curation(p.op, f.ref.address, (value,), fact=f.ref, replaced=(old,) if old else (), **base)
    e = entity(store, p.target)
    card = queries.entity(store, e)
    if card is None:
        raise CurationError(f"entity {p.target!r}: not in the store")
    if p.op == "merge":
        into = entity(store, p.value, "survivor")
        if into == e:
            raise CurationError(f"{card.label}: an entity cannot be merged into itself")
        return Curation("merge", e, (into,), entity_type=queries.entity_type(store, into), **base)
    if p.op == "split":
        return _split(store, p, card, base)
    if p.op == "rename":
        lang = p.lang.strip() or guess_language(p.value) or "ko"
        return Curation("rename", e, (p.value,), lang=lang, replaced=tuple(card.labels.get(lang, ())), **base)
    if p.op == "retype":
        return Curation("retype", e, (p.value.strip(),), replaced=(card.type,), **base)
    if p.op == "set_within":
        value = entity(store, p.value, "place") if p.value.strip() else ""
        return Curation("set_within", e, (value,), replaced=tuple(w for w, _ in card.within), **base)
    if p.op == "set_qid":
        qid = p.value.strip().rstrip("/").rsplit("/", 1)[-1]
        old = tuple(s.rsplit("/", 1)[-1] for s in card.same_as if s.startswith(str(WD)))
        return Curation("set_qid", e, (qid,), replaced=old, **base)
    names = {*(n for ns in card.labels.values() for n in ns), *card.aliases}
    if p.op == "add_alias" and p.value.strip() in names:
        raise CurationError(f"{card.label} is already called {p.value.strip()!r}")
    if p.op == "remove_alias" and p.value.strip() not in card.aliases:
        raise CurationError(f"{card.label} has no alias {p.value.strip()!r}; its aliases: "
                            f"{', '.join(card.aliases) or 'none'}")
    return Curation(p.op, e, (p.value,), lang=p.lang.strip() or None, **base)


def _split(store: Store, p: Proposal, card: queries.Card, base: dict) -> Curation:
    names = tuple(n.strip() for n in (p.names or (p.value,)) if n.strip())
    if not names:
        raise CurationError("split needs the names to move out")
    rows = store.select(f"""SELECT DISTINCT ?l WHERE {{
      {{ <{card.iri}> skos:prefLabel|skos:altLabel ?l }} UNION {{ ?m ct:mentionOf <{card.iri}> ; oa:exact ?l }} }}""")
    known = {queries.normalize(str(r["l"])) for r in rows}
    missing = [n for n in names if queries.normalize(n) not in known]
    if missing:
        raise CurationError(f"{card.label} is never called {', '.join(map(repr, missing))}; nothing to split out")
    if p.into.strip():
        into, etype = entity(store, p.into, "into"), None
    else:
        etype = p.entity_type.strip() or card.type
        into = entity_iri(etype, names[0])
        if queries.entity_type(store, into):
            etype = None  # that entity exists already: the names join it
    if into == card.iri:
        raise CurationError(f"{card.label}: split the names out into another entity")
    return Curation("split", card.iri, names, into=into, entity_type=etype, **base)


def _add_fact(store: Store, p: Proposal, base: dict) -> Curation:
    ftype = p.fact_type.strip()
    s, o = entity(store, p.subject, "subject"), entity(store, p.object, "object")
    qualifiers = tuple((k, v) for k, v in (("date", p.date), ("place", entity(store, p.place, "place")
                                                                 if p.place.strip() else ""),
                                           ("kind", p.kind), ("status", p.status), ("title", p.title)) if v)
    if p.note.strip():
        if not p.note_by.strip():
            raise CurationError("a fact added from a note needs the name of the person who gave it")
        doc, quote = note_document(p.note, p.note_by), p.note.strip()
        ref = FactRef(doc, ftype, s, o, quote)
        return Curation("add_fact", ref.address, fact=ref, qualifiers=qualifiers, note=p.note.strip(),
                        note_by=p.note_by.strip(), **base)
    if not (p.document.strip() and p.quote.strip()):
        raise CurationError("a fact added by hand cites a document and a quote from it, or a note and who gave it")
    doc = document(store, p.document)
    rows = store.select(f"SELECT ?t WHERE {{ GRAPH <{doc}> {{ <{doc}> ct:text ?t }} }}")
    text = str(rows[0]["t"]) if rows else ""
    if locate(text, p.quote.strip()) is None:
        raise CurationError(f"document {document_id(doc)!r} does not contain the quote {p.quote.strip()[:60]!r}")
    ref = FactRef(doc, ftype, s, o, p.quote.strip())
    return Curation("add_fact", ref.address, fact=ref, qualifiers=qualifiers, **base)


__all__ = ["Proposal", "FactState", "NOTES", "tail", "entity", "document", "fact", "fact_iri", "note_document",
           "note_text", "note_graph", "is_note", "resolve"]
