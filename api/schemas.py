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


# ---------------------------------------------------------------- curation

class FactRefOut(BaseModel):
    """The fact a curation acts on: its document, type, ends and evidence quote (its address)."""

    document: str
    type: str
    subject: str
    object: str
    quote: str


class UndoOut(BaseModel):
    """Who took a curation back, when and why."""

    who: str
    when: str
    why: str


class CurationOut(BaseModel):
    """One curation record: what it does (``label``), to what, with PROV who/when/why and the
    value it replaced."""

    seq: int
    id: str
    op: str
    label: str
    target: str
    values: list[str]
    lang: str | None = None
    into: str | None = None
    entity_type: str | None = None
    fact: FactRefOut | None = None
    qualifiers: list[tuple[str, str]] = []
    note: str | None = None
    note_by: str | None = None
    who: str
    when: str
    why: str
    replaced: list[str]
    undone: UndoOut | None = None


class RowOut(BaseModel):
    """One triple in words."""

    subject: str
    subject_label: str
    predicate: str
    object: str
    object_label: str


class ChangeOut(BaseModel):
    """What a curation does to one document's graph: triples removed and added."""

    document: str
    document_id: str
    removed: list[RowOut]
    added: list[RowOut]
    more: int = Field(description="rows left out of removed and added")
    dropped: bool
    size: int = Field(description="triples removed and added (a written curation names none of them)")


class OutcomeOut(BaseModel):
    """A curation (or an undo) and its changes; ``written`` is false for a preview (dry run)."""

    curation: CurationOut
    changes: list[ChangeOut]
    written: bool


class StatusOut(BaseModel):
    """A curation in the history: applied (to how many documents), orphaned (with the reason) or undone."""

    curation: CurationOut
    state: str = Field(examples=["applied", "orphaned", "undone"])
    documents: int
    reason: str | None = None


class HistoryOut(BaseModel):
    """Every curation, oldest first, with counts by state."""

    items: list[StatusOut]
    counts: dict[str, int]


class ImportedOut(BaseModel):
    """What an import added and how many of its curations the store had already."""

    added: list[CurationOut]
    known: int
    documents: int


_TEXT = Field("", max_length=2000)


class CurationIn(BaseModel):
    """A curation as a person asks for it (see ``graph.proposal.Proposal``): entities by IRI or
    name, a fact by its IRI, a document by id. ``dry_run`` previews without writing."""

    op: str = Field(examples=["merge", "reject", "set_date"], max_length=40)
    target: str = _TEXT
    value: str = _TEXT
    names: list[str] = Field([], max_length=50)
    lang: str = Field("", max_length=10)
    into: str = _TEXT
    entity_type: str = Field("", max_length=40)
    fact_type: str = Field("", max_length=40)
    subject: str = _TEXT
    object: str = _TEXT
    document: str = _TEXT
    quote: str = _TEXT
    note: str = _TEXT
    note_by: str = Field("", max_length=200)
    date: str = Field("", max_length=10)
    place: str = _TEXT
    kind: str = Field("", max_length=40)
    status: str = Field("", max_length=40)
    title: str = Field("", max_length=200)
    who: str = Field(min_length=1, max_length=200, description="who makes the curation (PROV agent)")
    why: str = _TEXT
    dry_run: bool = False


class UndoIn(BaseModel):
    """Who takes a curation back, and why; ``dry_run`` previews without writing."""

    who: str = Field(min_length=1, max_length=200)
    why: str = _TEXT
    dry_run: bool = False
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
