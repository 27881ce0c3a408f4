"""Response models of the JSON API: the only place pydantic appears.

Named queries return frozen dataclasses; routes turn them into these models
with :func:`dataclasses.asdict` at the boundary.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    """An error: a stable code for programs and a message for people."""

    error: str = Field(examples=["not_found"])
    message: str


class EntityRef(BaseModel):
    """An entity named in an answer."""

    iri: str
    label: str
    type: str | None = None


class Page(BaseModel):
    """Paging of a list: ``next_offset`` is null on the last page."""

    limit: int
    offset: int
    next_offset: int | None = None


class EvidenceOut(BaseModel):
    """The quote a fact was read from, its offsets and its document."""

    quote: str
    start: int
    end: int
    document: str
    document_id: str
    document_title: str | None = None


class HitOut(BaseModel):
    """One search hit."""

    iri: str
    type: str
    label: str
    matched: str = Field(description="the label, alias or mention text that matched")
    score: float
    fuzzy: bool = Field(description="true when only a misspelling-tolerant match found it")


class SearchPage(Page):
    """Entities whose labels match a query."""

    query: str
    items: list[HitOut]


class FactOut(BaseModel):
    """One qualified fact and its evidence."""

    fact: str
    type: str
    direction: str
    subject: str
    subject_label: str
    object: str
    object_label: str
    date: str | None = None
    place: str | None = None
    place_label: str | None = None
    kind: str | None = None
    status: str | None = None
    title: str | None = None
    evidence: EvidenceOut


class CardOut(BaseModel):
    """An entity card: labels by language, type, aliases, links, containing places and facts."""

    iri: str
    type: str
    label: str
    labels: dict[str, list[str]]
    aliases: list[str]
    same_as: list[str]
    within: list[EntityRef]
    title: str | None = None
    facts: list[FactOut]


class FactsPage(Page):
    """A page of facts about one entity."""

    entity: EntityRef
    items: list[FactOut]


class MeetingOut(BaseModel):
    """A meeting of the home side with a counterpart."""

    who: str
    who_label: str
    counterpart: str
    counterpart_label: str
    counterpart_type: str
    posts: list[str]
    date: str | None = None
    place: str | None = None
    place_label: str | None = None
    evidence: EvidenceOut


class MeetingsPage(Page):
    """Who the home side met, optionally in one place."""

    home: EntityRef
    place: EntityRef | None = None
    items: list[MeetingOut]


class AgreementsPage(Page):
    """Agreements of an entity; ``status`` tells signed from proposed and planned."""

    entity: EntityRef
    status: str | None = None
    items: list[FactOut]


class VisitsPage(Page):
    """Dated visits of the home side, oldest first."""

    home: EntityRef
    place: EntityRef | None = None
    items: list[FactOut]


class NodeOut(BaseModel):
    """An entity in a network answer."""

    iri: str
    type: str
    label: str
    label_ko: str | None = None
    label_zh: str | None = None
    label_en: str | None = None


class EdgeOut(BaseModel):
    """A fact (or containment) between two entities in a network answer."""

    source: str
    target: str
    fact: str
    type: str
    date: str | None = None
    kind: str | None = None
    status: str | None = None
    title: str | None = None
    place: str | None = None
    quote: str | None = None
    document: str | None = None


class NeighboursOut(BaseModel):
    """The entities within ``depth`` facts of one entity."""

    entity: EntityRef
    depth: int
    max_nodes: int
    truncated: bool = Field(description="true when the node cap cut the neighbourhood short")
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class PathStep(BaseModel):
    """One step of a path: a node and the fact that leads to the next one."""

    node: EntityRef
    next: EntityRef | None = None
    fact: EdgeOut | None = None
    reversed: bool = Field(False, description="true when the fact points from the next node to this one")


class PathOut(BaseModel):
    """The shortest chain of facts between two entities."""

    source: EntityRef
    target: EntityRef
    found: bool
    length: int | None = None
    steps: list[PathStep]
    message: str | None = None


class DocumentOut(BaseModel):
    """One ingested document."""

    iri: str
    id: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    sha256: str | None = None
    home: str | None = None


class DocumentsPage(Page):
    """Ingested documents, by id."""

    total: int
    items: list[DocumentOut]


class DocumentTextOut(BaseModel):
    """A document's text and its facts; each fact's evidence offsets index into ``text``."""

    iri: str
    id: str
    title: str | None = None
    source: str | None = None
    text: str
    facts: list[FactOut]
    home: str | None = Field(None, description="IRI of the writing body (whose point of view the document takes)")
    home_label: str | None = None
    home_confidence: float | None = Field(None, description="0..1; 1.0 when the user named it")
    home_reason: str | None = Field(None, description="what named it: publisher line, site header, given …")


class UploadOut(BaseModel):
    """What an upload ingested."""

    id: str
    iri: str
    entities: int
    facts: int


class DeletedOut(BaseModel):
    """A deleted document."""

    id: str
    deleted: bool


class StatsOut(BaseModel):
    """Counts of documents, entities and facts (by type)."""

    counts: dict[str, int]


class AskRow(BaseModel):
    """One row of an answer: a sentence, its fields and the evidence behind it."""

    text: str
    date: str | None = None
    group: str | None = Field(None, description="the heading the row goes under, e.g. the trip it belonged to")
    fields: dict[str, Any] = Field(default_factory=dict)
    evidence: list[EvidenceOut] = Field(default_factory=list)


class AskEntity(BaseModel):
    """A name the question used and the entity it was resolved to (null when none matched)."""

    role: str
    text: str
    iri: str | None = None
    label: str | None = None
    type: str | None = None


class AskOut(BaseModel):
    """The answer to a template question."""

    question: str
    language: str
    intent: str | None = Field(description="the template understood; null when none matched")
    understood: str | None = None
    home: EntityRef | None = None
    entities: list[AskEntity] = Field(default_factory=list)
    rows: list[AskRow] = Field(default_factory=list)
    message: str | None = None
    suggestions: list[str] = Field(default_factory=list,
                                   description="the answerable questions closest to one no template fits")
    examples: list[str] = Field(default_factory=list, description="questions this endpoint can answer")


class PostOut(BaseModel):
    """A post a person holds: the title as written and the body."""

    title: str | None = None
    org: str | None = None
    org_label: str | None = None


class MemberOut(BaseModel):
    """A person who went on a trip, with posts and the quote that lists them."""

    iri: str
    label: str
    posts: list[PostOut] = Field(default_factory=list)
    evidence: EvidenceOut | None = None


class TripOut(BaseModel):
    """A trip: who went, first and last day, destinations in order, its facts, its report."""

    id: str
    iri: str
    label: str
    traveller: EntityRef
    start: str | None = None
    end: str | None = None
    destinations: list[EntityRef]
    document: str
    document_id: str
    document_title: str | None = None
    size: int = Field(description="how many facts (visits, meetings, attendances, agreements) it holds")
    crew: int = Field(description="how many members went")
    members: list[MemberOut] = Field(default_factory=list)
    parts: list[FactOut] = Field(default_factory=list)


class TripsPage(Page):
    """Trips, newest first."""

    items: list[TripOut]


class BriefingItemOut(BaseModel):
    """One statement of a briefing with its footnotes (numbers into ``notes``)."""

    text: str
    date: str | None = None
    notes: list[int] = Field(default_factory=list)
    iri: str | None = None
    detail: str | None = None


class BriefingSectionOut(BaseModel):
    """A part of a briefing."""

    key: str
    title_ko: str
    title_en: str
    items: list[BriefingItemOut]


class BriefingOut(BaseModel):
    """A briefing on a place or partner: trips, meetings, agreements, people, ties; every statement
    footnoted to the quotes in ``notes`` (footnote n is ``notes[n - 1]``)."""

    entity: EntityRef
    home: EntityRef
    sections: list[BriefingSectionOut]
    notes: list[EvidenceOut]
