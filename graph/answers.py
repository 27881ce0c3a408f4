"""What each question template answers: rows of fields, each with the evidence behind it.

``graph.questions`` matches a question to an intent and resolves its slots; the
function for that intent here reads the named queries and returns :class:`Rows`
(dicts of fields, ``evidence`` and an optional ``group``, e.g. the trip a meeting
belonged to), which ``questions`` turns into sentences with the template's row text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import queries
from .index import LabelIndex, Match
from .indexes import search_index
from .meetings import encounters, home_side, people
from .romanization import matches
from .store import Store
from .trips import TripRow, trip, trips, trips_of_facts


class Rows(list):
    """Answer rows, with an optional note for the reader."""

    message: str | None = None
    too_long: int | None = None  # set by the path intent: the length of a path over the limit


@dataclass(frozen=True, slots=True)
class Ask:
    """One question being answered: the store, "we", the resolved slots and the words to use."""

    store: Store
    index: LabelIndex
    home: Match
    slots: dict[str, Any]
    settings: Any
    lang: str
    words: dict

    def iri(self, slot: str) -> str | None:
        value = self.slots.get(slot)
        return value.iri if isinstance(value, Match) else None


def persons_spelt(index: LabelIndex, text: str, limit: int = 10) -> list[Match]:
    """Return the persons whose names (Hangul, hanzi or Latin) are spelt like ``text`` in Latin
    letters: "Liu" finds 리우 and 刘, "Li Lu" finds 리루 (李璐)."""
    names: dict[str, list[str]] = {}
    for iri, label in search_index(index.store).named("Person"):
        names.setdefault(iri, []).append(label)
    found = [iri for iri, ns in names.items() if matches(text, ns)]
    labels = search_index(index.store).names(found)
    out = [Match(iri, "Person", labels.get(iri, iri.rsplit("/", 1)[-1]), text, 0.7, False) for iri in found]
    return sorted(out, key=lambda m: (m.label, m.iri))[:limit]


def group_label(t: TripRow | None, words: dict) -> str:
    """Return how a trip heads its rows: dates, destinations and who travelled."""
    if t is None:
        return words["no_trip"]
    return words["grouped"].format(when=t.when or words["no_date"],
                                   destinations="·".join(label for _, label in t.destinations) or "—",
                                   traveller=t.traveller_label)


def _met(a: Ask) -> Rows:
    rows = encounters(a.store, a.home.iri, a.iri("place"), limit=a.settings.page_size * 4)
    return Rows({"who": ", ".join(e.who), "counterpart": e.name, "counterpart_label": e.counterpart_label,
                 "counterpart_iri": e.counterpart,
                 "counterpart_type": e.counterpart_type, "posts": list(e.posts), "present": list(e.present),
                 "how": list(e.how), "date": e.date, "place": e.place_label,
                 "trip": e.trip.label if e.trip else None, "trip_id": e.trip.id if e.trip else None,
                 "group": group_label(e.trip, a.words), "evidence": list(e.evidence)} for e in rows)


def _agreement_row(f: queries.FactRow) -> dict:
    return {"subject": f.subject_label, "object": f.object_label, "subject_iri": f.subject,
            "object_iri": f.object, "kind": f.kind, "status": f.status, "date": f.date, "evidence": [f.evidence]}


def open_first(facts: list[queries.FactRow]) -> list[queries.FactRow]:
    """Order agreements as staff read them: proposed and planned before signed, newest first."""
    dated = sorted(facts, key=lambda f: f.date or "", reverse=True)
    return sorted(dated, key=lambda f: f.status == "signed")


def _agreements(a: Ask) -> Rows:
    other = a.slots["entity"]
    ours = set(queries.contained_in(a.store, a.home.iri))
    theirs = queries.agreements(a.store, other.iri, limit=1000)
    mine = [f for f in theirs if f.subject in ours or f.object in ours]
    rows = Rows(_agreement_row(f) for f in open_first(mine or theirs))
    if theirs and not mine:
        rows.message = f"{other.label}: {len(theirs)} agreement(s), none with {a.home.label}"
    return rows


def _visits(a: Ask) -> Rows:
    facts = queries.visits(a.store, a.home.iri, a.iri("place"), limit=a.settings.page_size * 4)
    in_trip = trips_of_facts(a.store, [f.fact for f in facts])
    rows, seen = Rows(), set()
    for f in sorted(facts, key=lambda f: (f.date or ""), reverse=True):
        t = in_trip.get(f.fact)
        if t is not None and t.id in seen:
            continue
        if t is not None:
            seen.add(t.id)
            mine = [g for g in facts if g.fact in in_trip and in_trip[g.fact].id == t.id]
            targets = list(dict.fromkeys(g.object_label for g in mine))
            rows.append({"who": t.traveller_label, "target": ", ".join(targets), "target_iri": f.object,
                         "date": t.when or f.date, "place": f.place_label, "trip": t.label, "trip_id": t.id,
                         "group": group_label(t, a.words), "evidence": [g.evidence for g in mine[:3]]})
        else:
            rows.append({"who": f.subject_label, "target": f.object_label, "target_iri": f.object, "date": f.date,
                         "place": f.place_label, "group": a.words["no_trip"], "evidence": [f.evidence]})
    dated = [r for r in rows if r["date"]]
    if dated:
        rows.message = a.words["last"].format(text=f"{dated[0]['date']} ({dated[0]['who']})")
    return rows


def _trips(a: Ask) -> Rows:
    rows = Rows()
    for row in trips(a.store, a.home.iri, a.iri("place"), limit=a.settings.page_size):
        whole = trip(a.store, row.id)
        first = [p.evidence for p in (whole.parts if whole else ())][:2]
        rows.append({"when": row.when or a.words["no_date"], "date": row.start, "traveller": row.traveller_label,
                     "traveller_iri": row.traveller,
                     "destinations": "·".join(label for _, label in row.destinations) or "—",
                     "size": row.size, "members": row.crew, "trip_id": row.id, "trip": row.label,
                     "document": row.document_id, "evidence": first})
    return rows


def _trip_members(a: Ask) -> Rows:
    rows = Rows()
    for row in trips(a.store, a.home.iri, a.iri("place"), year=a.slots.get("year"), limit=5):
        whole = trip(a.store, row.id)
        for m in (whole.members if whole else ()):
            rows.append({"member": m.label, "member_iri": m.iri, "posts": [p.text() for p in m.posts if p.text()],
                         "trip_label": row.label, "trip_id": row.id, "date": row.start,
                         "group": group_label(row, a.words), "evidence": [m.evidence] if m.evidence else []})
    return rows


def _people(a: Ask) -> Rows:
    e = a.slots["entity"]
    how = a.words["people_how"]
    return Rows({"person": p.label, "person_iri": p.iri, "posts": list(p.posts), "date": p.last,
                 "how": ", ".join(how.get(h, h) for h in p.how), "evidence": list(p.evidence[:3])}
                for p in people(a.store, e.iri, exclude=a.home.iri))


def _path(a: Ask) -> Rows:
    src, dst = a.slots["source"], a.slots["target"]
    steps = a.index.path(src.iri, dst.iri)
    rows = Rows()
    if len(steps) > a.settings.path_max_hops:
        rows.too_long = len(steps)
        return rows
    for s, o, key, attrs, reversed_ in steps:
        start, end = (o, s) if reversed_ else (s, o)
        ev = [e for e in (_fact_evidence(a.store, start, key),) if e]
        rows.append({"from": a.index.name(start), "to": a.index.name(end), "from_iri": start, "to_iri": end,
                     "type": attrs.get("type"), "date": attrs.get("date"), "evidence": ev})
    return rows


def _fact_evidence(store: Store, subject: str, fact: str) -> queries.Evidence | None:
    for f in queries.facts_of(store, subject, limit=1000):
        if f.fact == fact:
            return f.evidence
    return None


def open_proposals(store: Store, home: str) -> list[queries.FactRow]:
    """Return the home side's proposed or planned agreements not settled by a later signing
    between the same two parties, newest first."""
    facts = queries.agreements(store, home, limit=1000)
    signed = [f for f in facts if f.status == "signed"]

    def settled(f: queries.FactRow) -> bool:
        pair = {f.subject, f.object}
        return any({g.subject, g.object} == pair and (g.date or "") >= (f.date or "") for g in signed)

    return open_first([f for f in facts if f.status in ("proposed", "planned") and not settled(f)])


def _open_proposals(a: Ask) -> Rows:
    return Rows(_agreement_row(f) for f in open_proposals(a.store, a.home.iri))


def _signed(a: Ask) -> Rows:
    return Rows(_agreement_row(f) for f in open_first(queries.agreements(a.store, a.home.iri, limit=1000,
                                                                         status="signed")))


def _who_is(a: Ask) -> Rows:
    first = a.slots["entity"]
    text = next((e for e in (first.matched,) if e), "")
    others = persons_spelt(a.index, text) if first.type == "Person" and first.score < 0.8 else []
    ours = {x[1:-1] for x in home_side(a.store, a.home.iri)}
    rows = Rows()
    for m in [first, *[o for o in others if o.iri != first.iri]][:5]:
        rows.extend(_card_rows(a, m.iri, ours))
    return rows


def _card_rows(a: Ask, iri: str, ours: set[str]) -> list[dict]:
    card = queries.entity(a.store, iri)
    if card is None:
        return []
    names = "; ".join(f"{lang}: {', '.join(v)}" for lang, v in sorted(card.labels.items()))
    within = ", ".join(label for _, label in card.within)
    posts = [f"{f.title}, {f.object_label}" if f.title else f.object_label
             for f in card.facts if f.type in ("holds_post", "member_of") and f.subject == iri]
    side = "우리 쪽 our side" if iri in ours else ""
    summary = (f"{card.label} ({card.type})" + (f" — {'; '.join(dict.fromkeys(posts))}" if posts else "")
               + (f" — {names}" if names else "") + (f" — in {within}" if within else "")
               + (f" — {side}" if side else ""))
    in_trip = trips_of_facts(a.store, [f.fact for f in card.facts])
    rows = [{"text": summary, "iri": card.iri, "type": card.type, "labels": card.labels, "aliases": card.aliases,
             "same_as": card.same_as, "group": card.label,
             "evidence": [f.evidence for f in card.facts if f.type in ("holds_post", "member_of")][:1]}]
    for f in sorted(card.facts, key=lambda f: (f.type in ("holds_post", "member_of"), f.date or ""), reverse=False)[:30]:
        other = f.object_label if f.direction == "out" else f.subject_label
        detail = ", ".join(x for x in (f.title, f.kind, f.status) if x)
        t = in_trip.get(f.fact)
        rows.append({"text": f"{f.date or '-'}: {f.type} {other}" + (f" ({detail})" if detail else "")
                     + (f" [{t.label}]" if t else ""), "type": f.type, "date": f.date, "other": other,
                     "trip": t.label if t else None, "trip_id": t.id if t else None, "group": card.label,
                     "evidence": [f.evidence]})
    return rows


INTENTS: dict[str, Callable[[Ask], Rows]] = {
    "met": _met, "agreements": _agreements, "visits": _visits, "path": _path, "trips": _trips,
    "trip_members": _trip_members, "people": _people, "open_proposals": _open_proposals, "signed": _signed,
    "who_is": _who_is,
}

__all__ = ["Ask", "Rows", "INTENTS", "persons_spelt", "group_label", "open_first", "open_proposals"]
