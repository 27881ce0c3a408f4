"""The domain model: documents, mentions, entities, facts, trips and one extraction.

Plain frozen values. An :class:`Extraction` is also the JSON contract that
``cityties extract FILE --format json`` prints (see ``to_json`` / ``from_json``).

>>> m = Mention(3, 6, "충칭시")
>>> m.end - m.start
3
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _day
from typing import Any, Iterable, Mapping

from ..errors import CitytiesError

ENTITY_TYPES = (
    "City", "District", "Province", "Country", "IndustrialPark", "University",
    "Company", "Organization", "GovernmentBody", "Person", "Event",
)
PLACE_TYPES = frozenset({"City", "District", "Province", "Country", "IndustrialPark"})
ADMIN_PLACES = PLACE_TYPES - {"IndustrialPark"}  # places that govern: a country, province, city, district
ORG_TYPES = frozenset({"GovernmentBody", "Organization", "Company", "University"})
FACT_TYPES = (
    "visited", "met", "agreement", "holds_post", "member_of", "located_in",
    "attended", "cooperates_with",
)
SYMMETRIC_FACTS = frozenset({"agreement", "cooperates_with"})
TRIP_PARTS = frozenset({"visited", "met", "attended", "agreement"})
AGREEMENT_KINDS = (
    "MOU", "MOA", "memorandum", "sister_city", "friendship_city",
    "cooperation_agreement", "other",
)
STATUSES = ("signed", "proposed", "planned")
LANGUAGES = ("ko", "zh", "en")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ModelError(CitytiesError, ValueError):
    """A value that breaks the model's rules (a bad type, span or date)."""


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise ModelError(message)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document's NFC text: ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        _check(0 <= self.start <= self.end, f"mention span {self.start}..{self.end} is not a span")
        _check(self.end - self.start == len(self.text),
               f"mention {self.text!r} has length {len(self.text)}, span {self.start}..{self.end}")

    def check_against(self, text: str) -> None:
        """Raise ModelError unless this span slices ``text`` to ``self.text``."""
        _check(text[self.start:self.end] == self.text,
               f"span {self.start}..{self.end} slices to {text[self.start:self.end]!r}, "
               f"not {self.text!r}")


Evidence = Mention  # an evidence quote is a span like any other


@dataclass(frozen=True, slots=True)
class Document:
    """One source document. ``id`` is stable: the source path relative to its corpus root."""

    id: str
    source: str
    title: str | None = None
    language: str = "ko"
    home: str | None = None
    date: str | None = None
    sha256: str | None = None
    text: str | None = None
    home_confidence: float | None = None  # 0..1: how sure the writing body is (1.0 when given)
    home_reason: str | None = None  # what named it: "publisher line", "site header", "given" …

    def __post_init__(self) -> None:
        _check(bool(self.id), "document id is empty")
        _check(self.home_confidence is None or 0.0 <= self.home_confidence <= 1.0,
               f"home confidence {self.home_confidence!r} is not between 0 and 1")
        _check(self.date is None or bool(_DATE.match(self.date)),
               f"document date {self.date!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)")


@dataclass(frozen=True, slots=True)
class Entity:
    """One real thing: a place, body, person or event, with a stable IRI as ``id``."""

    id: str
    type: str
    labels: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    same_as: tuple[str, ...] = ()
    within: str | None = None
    title: str | None = None  # a person's title when no organisation is named

    def __post_init__(self) -> None:
        _check(self.type in ENTITY_TYPES, f"entity type {self.type!r} is not one of {ENTITY_TYPES}")
        _check(bool(self.id), "entity id is empty")
        object.__setattr__(self, "labels", dict(self.labels))
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "mentions", tuple(self.mentions))
        object.__setattr__(self, "same_as", tuple(self.same_as))

    def label(self, lang: str = "ko") -> str:
        """Return the label in ``lang``, else any label, else the first alias or mention."""
        if lang in self.labels:
            return self.labels[lang]
        for candidate in (*self.labels.values(), *self.aliases, *(m.text for m in self.mentions)):
            return candidate
        return self.id.rsplit("/", 1)[-1]

    def names(self) -> set[str]:
        """Every surface form: labels, aliases and mention texts."""
        return {*self.labels.values(), *self.aliases, *(m.text for m in self.mentions)}


@dataclass(frozen=True, slots=True)
class Fact:
    """A typed relation between two entities with its evidence quote."""

    type: str
    subject: str
    object: str
    evidence: Mention
    date: str | None = None
    place: str | None = None
    kind: str | None = None
    status: str | None = None
    title: str | None = None

    def __post_init__(self) -> None:
        _check(self.type in FACT_TYPES, f"fact type {self.type!r} is not one of {FACT_TYPES}")
        _check(self.kind is None or self.kind in AGREEMENT_KINDS,
               f"agreement kind {self.kind!r} is not one of {AGREEMENT_KINDS}")
        _check(self.status is None or self.status in STATUSES,
               f"status {self.status!r} is not one of {STATUSES}")
        _check(self.date is None or bool(_DATE.match(self.date)),
               f"fact date {self.date!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)")


@dataclass(frozen=True, slots=True)
class Trip:
    """One journey a document reports: who travelled, when, where to, and the facts it produced.

    ``traveller`` is the body (or person) whose journey it is, ``members`` the persons who
    went, ``destinations`` the places in the order they were first reached, ``parts`` its
    visit, meeting, attendance and agreement facts. Dates are ISO, of any precision.

    >>> ev = Mention(0, 2, "방문")
    >>> t = Trip("https://x/council", (Fact("visited", "https://x/council", "https://x/cq", ev, date="2019-12-23"),),
    ...          start="2019-12-22", end="2019-12-27", destinations=("https://x/cq",))
    >>> t.days
    6
    """

    traveller: str
    parts: tuple[Fact, ...] = ()
    start: str | None = None
    end: str | None = None
    destinations: tuple[str, ...] = ()
    members: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("parts", "destinations", "members"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _check(bool(self.traveller), "trip traveller is empty")
        for f in self.parts:
            _check(f.type in TRIP_PARTS, f"a trip's part is a {f.type} fact, not one of {sorted(TRIP_PARTS)}")
        for d in (self.start, self.end):
            _check(d is None or bool(_DATE.match(d)), f"trip date {d!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)")
        _check(not (self.start and self.end) or self.start[:len(self.end)] <= self.end,
               f"trip starts {self.start} after it ends {self.end}")

    @property
    def days(self) -> int | None:
        """Return how many calendar days the trip spans (None unless both ends are full dates)."""
        if not (self.start and self.end and len(self.start) == len(self.end) == 10):
            return None
        return (_day.fromisoformat(self.end) - _day.fromisoformat(self.start)).days + 1


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one document yields: the document, its entities, its facts and its trips."""

    document: Document
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    trips: tuple[Trip, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "entities", tuple(self.entities))
        object.__setattr__(self, "facts", tuple(self.facts))
        object.__setattr__(self, "trips", tuple(self.trips))
        ids = {e.id for e in self.entities}
        for f in self.facts:
            _check(f.subject in ids and f.object in ids,
                   f"fact {f.type} {f.subject} -> {f.object} names an entity not in the extraction")
        facts = set(self.facts)
        for t in self.trips:
            _check(all(f in facts for f in t.parts), "a trip's part is not one of the extraction's facts")
            for iri in (t.traveller, *t.destinations, *t.members):
                _check(iri in ids, f"trip names {iri}, an entity not in the extraction")
        if self.document.text is not None:
            for e in self.entities:
                for m in e.mentions:
                    m.check_against(self.document.text)
            for f in self.facts:
                f.evidence.check_against(self.document.text)

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with this id (KeyError if absent)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


# ---------------------------------------------------------------- JSON contract

def _span_json(m: Mention) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text}


def to_json(x: Extraction) -> dict[str, Any]:
    """Return the extraction as the JSON contract of DESIGN.md (a plain dict)."""
    d = x.document
    return {
        "document": {"id": d.id, "source": d.source, "title": d.title, "language": d.language,
                     "home": d.home, "home_confidence": d.home_confidence, "home_reason": d.home_reason,
                     "date": d.date, "sha256": d.sha256},
        "entities": [
            {"id": e.id, "type": e.type, "labels": dict(e.labels), "aliases": list(e.aliases),
             "mentions": [_span_json(m) for m in e.mentions], "same_as": list(e.same_as),
             "within": e.within, **({"title": e.title} if e.title else {})}
            for e in x.entities
        ],
        "facts": [
            {"type": f.type, "subject": f.subject, "object": f.object, "date": f.date,
             "place": f.place, "kind": f.kind, "status": f.status, "title": f.title,
             "evidence": _span_json(f.evidence)}
            for f in x.facts
        ],
        **({"trips": _trips_json(x)} if x.trips else {}),
    }


def _trips_json(x: Extraction) -> list[dict[str, Any]]:
    index: dict[Fact, int] = {}
    for i, f in enumerate(x.facts):
        index.setdefault(f, i)
    return [{"traveller": t.traveller, "start": t.start, "end": t.end, "destinations": list(t.destinations),
             "members": list(t.members), "parts": [index[f] for f in t.parts]} for t in x.trips]


def _span(d: Mapping[str, Any]) -> Mention:
    return Mention(int(d["start"]), int(d["end"]), d["text"])


def from_json(data: Mapping[str, Any], text: str | None = None) -> Extraction:
    """Build an Extraction from the JSON contract; with ``text``, check every span."""
    doc = data["document"]
    document = Document(id=doc["id"], source=doc.get("source") or doc["id"], title=doc.get("title"),
                        language=doc.get("language") or "ko", home=doc.get("home"),
                        date=doc.get("date"), sha256=doc.get("sha256"), text=text,
                        home_confidence=doc.get("home_confidence"), home_reason=doc.get("home_reason"))
    entities = [
        Entity(id=e["id"], type=e["type"], labels=e.get("labels") or {},
               aliases=tuple(e.get("aliases") or ()),
               mentions=tuple(_span(m) for m in e.get("mentions") or ()),
               same_as=tuple(e.get("same_as") or ()), within=e.get("within"), title=e.get("title"))
        for e in data.get("entities") or ()
    ]
    facts = [
        Fact(type=f["type"], subject=f["subject"], object=f["object"], evidence=_span(f["evidence"]),
             date=f.get("date"), place=f.get("place"), kind=f.get("kind"), status=f.get("status"),
             title=f.get("title"))
        for f in data.get("facts") or ()
    ]
    trips = []
    for t in data.get("trips") or ():  # optional: older extractions have none
        parts = []
        for i in t.get("parts") or ():
            _check(isinstance(i, int) and 0 <= i < len(facts), f"trip part {i!r} is not an index into the facts")
            parts.append(facts[i])
        trips.append(Trip(traveller=t["traveller"], parts=tuple(parts), start=t.get("start"), end=t.get("end"),
                          destinations=tuple(t.get("destinations") or ()), members=tuple(t.get("members") or ())))
    return Extraction(document, tuple(entities), tuple(facts), tuple(trips))


def dedupe(items: Iterable[Any]) -> tuple[Any, ...]:
    """Return items in first-seen order without repeats.

    >>> dedupe([2, 1, 2, 3, 1])
    (2, 1, 3)
    """
    return tuple(dict.fromkeys(items))
