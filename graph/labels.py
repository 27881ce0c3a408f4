"""What a graph contributes to the search index: its labels and aliases, and types.

One function reads them from an rdflib graph about to be written (kept in step
with each write), one from the whole store (a rebuild); both give the same rows.
Mention texts are not names: a document's misspelling (충청 for 충칭) or a caption
(충칭시지도) resolves to an entity inside that document, where the document page
shows it, but is never offered as the entity's name nor matched by a search.

>>> from rdflib import Graph, Literal, URIRef
>>> from cityties.graph.vocab import SCHEMA
>>> cq = URIRef("https://w3id.org/cityties/id/cq")
>>> labels_of(Graph().add((cq, RDF.type, SCHEMA.City)).add((cq, SKOS.prefLabel, Literal("충칭", lang="ko"))))
({('https://w3id.org/cityties/id/cq', '충칭', 0, 'ko')}, {('https://w3id.org/cityties/id/cq', 'City')})
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rdflib import Graph, Literal, URIRef

from .names import fold as normalize
from .names import jamo
from .vocab import CLASS_ENTITY, RDF, SKOS

if TYPE_CHECKING:
    from .store import Store

PREF, ALT, MENTION = 0, 1, 2  # label kinds, in the order a display name prefers them


def labels_of(triples: Graph) -> tuple[set[tuple[str, str, int, str | None]], set[tuple[str, str]]]:
    """Return the (IRI, label, kind, language) and (IRI, type) rows one graph contributes."""
    rows: set[tuple[str, str, int, str | None]] = set()
    for pred, kind in ((SKOS.prefLabel, PREF), (SKOS.altLabel, ALT)):
        for s, o in triples.subject_objects(pred):
            if isinstance(s, URIRef) and isinstance(o, Literal):
                rows.add((str(s), str(o), kind, o.language))
    types = {(str(s), CLASS_ENTITY[str(c)]) for s, c in triples.subject_objects(RDF.type)
             if isinstance(s, URIRef) and str(c) in CLASS_ENTITY}
    return rows, types


def labels_in(store: "Store") -> tuple[list[tuple], list[tuple]]:
    """Return every graph's label rows (with their normalized and jamo forms) and type rows."""
    classes = " ".join(f"<{c}>" for c in CLASS_ENTITY)  # our own class IRIs
    labels = store.select("""SELECT DISTINCT ?g ?e ?l ?k WHERE { GRAPH ?g {
      { ?e skos:prefLabel ?l BIND(0 AS ?k) } UNION { ?e skos:altLabel ?l BIND(1 AS ?k) } } FILTER(isIRI(?e)) }""")
    types = store.select(f"SELECT DISTINCT ?g ?e ?c WHERE {{ VALUES ?c {{ {classes} }} "
                         f"GRAPH ?g {{ ?e a ?c }} FILTER(isIRI(?e)) }}")
    # 0/1 arrive as integers or their strings (Virtuoso); a language tag only on tagged literals
    label_rows = list(with_forms((str(r["g"]), str(r["e"]), str(r["l"]), int(str(r["k"])),
                                  getattr(r["l"], "language", None)) for r in labels))
    type_rows = sorted({(str(r["g"]), str(r["e"]), CLASS_ENTITY[str(r["c"])]) for r in types})
    return label_rows, type_rows


def with_forms(rows: Iterable[tuple[str, str, str, int, str | None]]) -> Iterable[tuple]:
    """Add the normalized and jamo forms; skip labels that normalize to nothing."""
    for graph_iri, iri, label, kind, lang in rows:
        norm = normalize(label)
        if norm:
            yield graph_iri, iri, label, norm, jamo(label), kind, lang or None


__all__ = ["PREF", "ALT", "MENTION", "jamo", "labels_of", "labels_in", "with_forms"]
