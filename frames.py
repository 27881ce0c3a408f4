"""DataFrames of the notebook API: the columns of each answer and the rows that fill them.

Labels come first, then the evidence (``quote``, ``document``, offsets), then IRIs
for joins; every frame has its columns even when it has no rows.

>>> list(_frame([], SEARCH_COLUMNS).columns)
['label', 'type', 'matched', 'score', 'iri']
"""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd
from rdflib import Literal, URIRef

from .graph import queries
from .graph.meetings import Encounter
from .graph.trips import TripRow

EVIDENCE_COLUMNS = ("quote", "document", "document_title", "start", "end")
SEARCH_COLUMNS = ("label", "type", "matched", "score", "iri")
FACT_COLUMNS = ("date", "type", "subject_label", "object_label", "place_label", "kind", "status", "title",
                *EVIDENCE_COLUMNS, "subject", "object", "place", "direction", "fact", "document_iri")
MEETING_COLUMNS = ("date", "who_label", "counterpart_label", "counterpart_type", "posts", "place_label",
                   *EVIDENCE_COLUMNS, "who", "counterpart", "place", "document_iri")
NEIGHBOUR_COLUMNS = ("hops", *FACT_COLUMNS)
PATH_COLUMNS = ("step", "from_label", "type", "to_label", "reversed", "date", "quote", "document", "from", "to")
DOCUMENT_COLUMNS = ("id", "title", "date", "source", "home", "sha256", "iri")

_NUMERIC = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
            "decimal", "double", "float", "boolean"}


ENCOUNTER_COLUMNS = ("trip", "date", "counterpart_label", "counterpart_type", "how", "posts", "present",
                     "place_label", "written", *EVIDENCE_COLUMNS, "counterpart", "place", "trip_id", "document_iri")
TRIP_COLUMNS = ("start", "end", "traveller_label", "destinations", "members", "facts", "document", "document_title",
                "id", "traveller", "iri")
MEMBER_COLUMNS = ("label", "posts", "quote", "document", "iri")
CURATION_COLUMNS = ("seq", "when", "who", "what", "why", "state", "documents", "reason", "op", "target", "replaced",
                    "id")
CHANGE_COLUMNS = ("document", "change", "subject", "predicate", "object")


def _frame(rows: list[dict], columns: Iterable[str]) -> pd.DataFrame:
    # fixed columns even when empty, so `df["quote"]` works on an empty answer too
    return pd.DataFrame(rows, columns=list(columns))


def _evidence(ev: queries.Evidence) -> dict:
    return {"quote": ev.quote, "document": ev.document_id, "document_title": ev.document_title,
            "start": ev.start, "end": ev.end, "document_iri": ev.document}


def _facts_frame(facts: Iterable[queries.FactRow]) -> pd.DataFrame:
    return _frame([{
        "date": f.date, "type": f.type, "subject_label": f.subject_label, "object_label": f.object_label,
        "place_label": f.place_label, "kind": f.kind, "status": f.status, "title": f.title,
        **_evidence(f.evidence), "subject": f.subject, "object": f.object, "place": f.place,
        "direction": f.direction, "fact": f.fact,
    } for f in facts], FACT_COLUMNS)


def _changes_frame(changes: Iterable[Any]) -> pd.DataFrame:
    return _frame([{"document": ch.document_id, "change": sign, "subject": r.subject_label,
                    "predicate": r.predicate, "object": r.object_label}
                   for ch in changes for sign, rows in (("-", ch.removed), ("+", ch.added)) for r in rows],
                  CHANGE_COLUMNS)


def _json_value(b: dict | None) -> Any:
    if b is None:
        return None
    if b.get("type") == "literal" and b.get("datatype", "").rsplit("#", 1)[-1] in _NUMERIC:
        return Literal(b["value"], datatype=URIRef(b["datatype"])).toPython()
    return b["value"]


def _py(term: Any) -> Any:
    return term.toPython() if isinstance(term, Literal) and term.datatype else str(term)


def _encounters_frame(rows: Iterable[Encounter]) -> pd.DataFrame:
    return _frame([{
        "trip": e.trip.label if e.trip else None, "date": e.date, "counterpart_label": e.counterpart_label,
        "counterpart_type": e.counterpart_type, "how": ", ".join(e.how), "posts": "; ".join(e.posts),
        "present": "; ".join(e.present), "place_label": e.place_label, "written": e.written,
        **_evidence(e.evidence[0]), "counterpart": e.counterpart, "place": e.place,
        "trip_id": e.trip.id if e.trip else None,
    } for e in rows], ENCOUNTER_COLUMNS)


def _trips_frame(rows: Iterable[TripRow]) -> pd.DataFrame:
    return _frame([{
        "start": t.start, "end": t.end, "traveller_label": t.traveller_label,
        "destinations": " → ".join(label for _, label in t.destinations), "members": t.crew, "facts": t.size,
        "document": t.document_id, "document_title": t.document_title, "id": t.id, "traveller": t.traveller,
        "iri": t.iri,
    } for t in rows], TRIP_COLUMNS)


def _trip_frame(t: TripRow) -> pd.DataFrame:
    df = _facts_frame(t.parts)
    df.attrs.update(id=t.id, label=t.label, start=t.start, end=t.end, traveller=t.traveller_label,
                    destinations=[label for _, label in t.destinations], document=t.document_id,
                    members=_frame([{"label": m.label, "posts": "; ".join(p.text() for p in m.posts),
                                     "quote": m.evidence.quote if m.evidence else None,
                                     "document": m.evidence.document_id if m.evidence else None,
                                     "iri": m.iri} for m in t.members], MEMBER_COLUMNS))
    return df


def _answer_frame(result: dict) -> pd.DataFrame:
    df = _frame([{"group": r.get("group"), "text": r["text"], "date": r.get("date"),
                  "quote": r["evidence"][0]["quote"] if r["evidence"] else None,
                  "document": r["evidence"][0]["document_id"] if r["evidence"] else None}
                 for r in result["rows"]], ("group", "text", "date", "quote", "document"))
    df.attrs.update({k: result.get(k) for k in ("intent", "understood", "message", "suggestions")})
    return df
