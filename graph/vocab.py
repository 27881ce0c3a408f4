"""The vocabulary: reused namespaces and the one small ``ct:`` namespace we mint.

``CT`` is closed (``_fail = True``): a typo raises instead of minting a wrong IRI.

>>> str(CT.met)
'https://w3id.org/cityties/ns#met'
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DCTERMS, DefinedNamespace

BASE = "https://w3id.org/cityties/"
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")


class CT(DefinedNamespace):
    """Terms that schema.org, SKOS, PROV and Web Annotation do not give us."""

    _fail = True
    _NS = Namespace(BASE + "ns#")

    # classes
    Fact: URIRef
    Document: URIRef
    Mention: URIRef
    District: URIRef
    Province: URIRef
    IndustrialPark: URIRef
    Trip: URIRef  # a journey a document reports (an event: schema:startDate, schema:endDate)
    # truthy relations, one per fact type
    visited: URIRef
    met: URIRef
    agreement: URIRef
    holdsPost: URIRef
    memberOf: URIRef
    locatedIn: URIRef
    attended: URIRef
    cooperatesWith: URIRef
    # fact node qualifiers
    factType: URIRef
    subject: URIRef
    object: URIRef
    date: URIRef
    kind: URIRef
    status: URIRef
    title: URIRef
    evidence: URIRef
    # documents and mentions
    source: URIRef
    sha256: URIRef
    text: URIRef
    home: URIRef
    homeConfidence: URIRef
    homeReason: URIRef
    mention: URIRef
    mentionOf: URIRef
    # trips: the rest is schema.org (startDate, endDate, attendee, itinerary of ListItems) and
    # dcterms:hasPart (the trip's fact nodes)
    traveller: URIRef
    # curation: records (graph/curation.py) and their marks on document graphs (graph/replay.py)
    rejected: URIRef
    Curation: URIRef
    DeprecatedFact: URIRef
    rank: URIRef
    DeprecatedRank: URIRef
    ConfirmedRank: URIRef
    operation: URIRef
    sequence: URIRef
    target: URIRef
    value: URIRef
    into: URIRef
    entityClass: URIRef
    replaced: URIRef
    undoneBy: URIRef
    inDocument: URIRef
    statement: URIRef
    fromEntity: URIRef
    toEntity: URIRef
    quote: URIRef
    note: URIRef
    noteBy: URIRef
    revision: URIRef
    curatedBy: URIRef
    extraction: URIRef


ENTITY_CLASS = {
    "City": SCHEMA.City,
    "District": CT.District,
    "Province": CT.Province,
    "Country": SCHEMA.Country,
    "IndustrialPark": CT.IndustrialPark,
    "University": SCHEMA.CollegeOrUniversity,
    "Company": SCHEMA.Corporation,
    "Organization": SCHEMA.Organization,
    "GovernmentBody": SCHEMA.GovernmentOrganization,
    "Person": SCHEMA.Person,
    "Event": SCHEMA.Event,
}
CLASS_ENTITY = {str(v): k for k, v in ENTITY_CLASS.items()}

FACT_PREDICATE = {
    "visited": CT.visited,
    "met": CT.met,
    "agreement": CT.agreement,
    "holds_post": CT.holdsPost,
    "member_of": CT.memberOf,
    "located_in": CT.locatedIn,
    "attended": CT.attended,
    "cooperates_with": CT.cooperatesWith,
}
PREDICATE_FACT = {str(v): k for k, v in FACT_PREDICATE.items()}

GAZETTEER_GRAPH = URIRef(BASE + "graph/gazetteer")
CURATION_GRAPH = URIRef(BASE + "graph/curation")
ENTITY_NS = BASE + "id/"
DOC_NS = BASE + "doc/"
CURATION_NS = BASE + "curation/"
FACT_NS = BASE + "fact/"  # fact addresses: type, ends and evidence, see graph/curation.py

_NOT_NAME = re.compile(r"[\W_]+")


def slug(name: str) -> str:
    """Normalize a name into an IRI-safe key: NFKC, case-folded, no spaces or punctuation.

    >>> slug("Chong qing-Shi")
    'chongqingshi'
    >>> slug(" 충칭 시 ")
    '충칭시'
    """
    folded = _NOT_NAME.sub("", unicodedata.normalize("NFKC", name).casefold())
    # again after the separators go: a space between a leading consonant and its vowel hid a syllable
    return unicodedata.normalize("NFKC", folded)


def gazetteer_iri(key: str) -> str:
    """Return the IRI of a gazetteer entry from its key (``geonames-1814906``, ``chongqing``).

    >>> gazetteer_iri("chongqing")
    'https://w3id.org/cityties/id/chongqing'
    """
    return ENTITY_NS + quote(key, safe="-_.~")


def entity_iri(entity_type: str, name: str, org: str | None = None) -> str:
    """Return the IRI of an entity not in the gazetteer: type + normalized name (+ organization).

    >>> entity_iri("University", "충칭우전대학교")
    'https://w3id.org/cityties/id/university/충칭우전대학교'
    >>> entity_iri("Person", "김 수환", org="고양시의회")
    'https://w3id.org/cityties/id/person/고양시의회/김수환'
    """
    parts = [entity_type.lower()]
    if org:
        parts.append(slug(org) or "_")
    parts.append(slug(name) or quote(name, safe=""))
    return ENTITY_NS + "/".join(parts)


def document_iri(document_id: str) -> str:
    """Return the IRI (and graph name) of a document from its stable id.

    >>> document_iri("corpus/000 report.txt")
    'https://w3id.org/cityties/doc/corpus/000%20report.txt'
    """
    return DOC_NS + quote(document_id, safe="/-_.~")


def document_id(iri: str) -> str:
    """Return the document id of a document IRI (the inverse of :func:`document_iri`)."""
    from urllib.parse import unquote
    if not iri.startswith(DOC_NS):
        raise ValueError(f"{iri} is not a cityties document IRI")
    return unquote(iri[len(DOC_NS):])


__all__ = [
    "BASE", "CT", "SCHEMA", "OA", "WD", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD", "DCTERMS",
    "ENTITY_CLASS", "CLASS_ENTITY", "FACT_PREDICATE", "PREDICATE_FACT", "GAZETTEER_GRAPH",
    "CURATION_GRAPH", "ENTITY_NS", "DOC_NS", "CURATION_NS", "FACT_NS", "slug", "gazetteer_iri", "entity_iri",
    "document_iri", "document_id",
]
