"""Trips: the journeys a document reports, derived from its facts.

A trip is what staff remember: who went, first to last day, where to, whom they
met, what was agreed. It is read off an Extraction's facts, not off its text: the
home side's (the writing body, everything within it and the persons holding
posts there; else whoever the document says visited somewhere) ``visited``,
``met``, ``attended`` and ``agreement`` facts, grouped into journeys by their
dates. A document's undated meetings and visits belong to its one journey, and
take the day of the itinerary when the itinerary names the same body, a body
inside it, or the only day meetings were held in that place. A fact that is no
part of a journey (a city profile's agreement, a background sentence) keeps
what the extraction gave it.

>>> from cityties.graph.model import Document, Entity, Extraction, Fact, Mention
>>> text = "12. 23. 위베이구 방문. 위베이구청 면담."
>>> council, cq, yubei, gov = (f"https://x/{k}" for k in ("council", "cq", "yubei", "gov"))
>>> ents = (Entity(council, "GovernmentBody"), Entity(cq, "City"), Entity(yubei, "District", {"ko": "위베이구"}),
...         Entity(gov, "GovernmentBody", {"ko": "위베이구청"}))
>>> def ev(quote): i = text.index(quote); return Mention(i, i + len(quote), quote)
>>> facts = (Fact("visited", council, yubei, ev("12. 23. 위베이구 방문."), date="2019-12-23", place=cq),
...          Fact("met", council, gov, ev("위베이구청 면담."), place=cq))
>>> x = with_trips(Extraction(Document("d", "d", home=council, text=text), ents, facts))
>>> [(t.start, t.end, len(t.parts)) for t in x.trips], x.facts[1].date
([('2019-12-23', '2019-12-23', 2)], '2019-12-23')
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable

from ..graph.model import TRIP_PARTS, Entity, Extraction, Fact, Trip, dedupe
from ..graph.names import fold

MAX_GAP_DAYS = 7  # dated parts further apart than this are two journeys
_REGIONS = frozenset({"City", "Province", "Country"})  # visiting these names no body
_PLACES = frozenset({"City", "District", "Province", "Country"})
_MEMBERSHIP = frozenset({"member_of", "holds_post"})


def with_trips(x: Extraction) -> Extraction:
    """Return ``x`` with its trips, and its journeys' undated parts dated from their itinerary."""
    stated = {_key(f) for f in x.facts if f.date}
    dated = replace(x, facts=date_parts(x), trips=())
    return replace(dated, trips=derive_trips(dated, stated))


def derive_trips(x: Extraction, stated: set[tuple] | None = None) -> tuple[Trip, ...]:
    """Group each travelling side's visits, meetings, attendances and agreements into journeys.

    Destinations are in the order the journey reached them: by the days the document states
    (``stated``: the facts that carried their own date), then by the days given from the itinerary.
    """
    ents = {e.id: e for e in x.entities}
    trips: list[Trip] = []
    for traveller, side in travellers(x):
        parts = [f for f in x.facts if _part_of(f, side)]
        for group in _journeys(parts):
            trips.append(_trip(traveller, side, group, x.facts, ents, stated))
    return tuple(sorted(trips, key=lambda t: (t.start or "", t.traveller)))


def _key(f: Fact) -> tuple:
    return (f.type, f.subject, f.object, f.evidence.start, f.evidence.end)


def travellers(x: Extraction) -> list[tuple[str, frozenset[str]]]:
    """Return who travels in this document and their side: the home (with everything within it
    and the persons holding posts there), else each body or person the document says visited
    somewhere."""
    ents = {e.id: e for e in x.entities}
    if x.document.home and x.document.home in ents:
        roots = [x.document.home]
    else:
        roots = list(dedupe(_body_of(f.subject, x.facts) for f in x.facts if f.type == "visited"))
    out: list[tuple[str, frozenset[str]]] = []
    claimed: set[str] = set()
    for root in roots:
        if root in claimed:
            continue
        side = home_side(root, x)
        claimed |= side
        out.append((root, side))
    return out


def home_side(root: str, x: Extraction) -> frozenset[str]:
    """Return ``root``, the city a home body sits in, everything within either, and the persons
    who hold posts in or belong to any of them."""
    ents = {e.id: e for e in x.entities}
    roots = {root}
    own = ents.get(root)
    seat = ents.get(own.within) if own is not None and own.type not in _PLACES and own.within else None
    if seat is not None and seat.type in ("City", "District"):
        roots.add(seat.id)
    side = {e.id for e in x.entities if _inside(e.id, roots, ents)}
    side |= {f.subject for f in x.facts if f.type in _MEMBERSHIP and f.object in side}
    return frozenset(side)


def date_parts(x: Extraction) -> tuple[Fact, ...]:
    """Return the facts with each journey's undated visits and meetings dated from its itinerary.

    A part takes a day when the dated parts of its journey agree on one: those about the same
    body; else about a body or district its name or location places it in (위베이구청 in
    위베이구), or the body a met person holds a post in; else, for a meeting, the meetings held
    in the same place; else, when the journey is dated on one day only, the parts in the same
    place told after it.
    """
    ents = {e.id: e for e in x.entities}
    facts = list(x.facts)
    for _, side in travellers(x):
        parts = [i for i, f in enumerate(facts) if _part_of(f, side) and f.type != "agreement"]
        dated = [facts[i] for i in parts if _full(facts[i].date)]
        if not dated or len(_journeys(dated)) != 1:
            continue  # undated parts of a document with several journeys stay undated
        for i in parts:
            f = facts[i]
            if f.date is None:
                day = _day_of(f, dated, ents, x.facts)
                if day:
                    facts[i] = replace(f, date=day)
    return tuple(facts)


# ---------------------------------------------------------------- helpers

def _inside(iri: str, roots: set[str], ents: dict[str, Entity]) -> bool:
    seen: set[str] = set()
    while iri and iri not in seen:
        if iri in roots:
            return True
        seen.add(iri)
        e = ents.get(iri)
        iri = e.within if e else None
    return False


def _body_of(iri: str, facts: Iterable[Fact]) -> str:
    """A person stands for the body they hold a post in (the delegation), when one is named."""
    for f in facts:
        if f.subject == iri and f.type in _MEMBERSHIP:
            return f.object
    return iri


def _part_of(f: Fact, side: frozenset[str]) -> bool:
    if f.type not in TRIP_PARTS:
        return False
    if f.type == "agreement":
        return (f.subject in side) != (f.object in side)
    return f.subject in side and f.object not in side


def _full(d: str | None) -> bool:
    return d is not None and len(d) == 10


def _journeys(parts: list[Fact]) -> list[list[Fact]]:
    """Split parts into journeys: full dates within MAX_GAP_DAYS of each other join; a partial
    date joins the journey in its month, else forms its own; undated parts join a document's
    only journey (or form one when no part has a date but something was visited or met).
    Agreements join only a journey their date falls in, or the only one when undated."""
    dated = sorted((f for f in parts if _full(f.date) and f.type != "agreement"), key=lambda f: f.date)
    groups: list[list[Fact]] = []
    for f in dated:
        if groups and (date.fromisoformat(f.date) - date.fromisoformat(groups[-1][-1].date)).days <= MAX_GAP_DAYS:
            groups[-1].append(f)
        else:
            groups.append([f])
    for f in sorted((f for f in parts if f.date and not _full(f.date) and f.type != "agreement"),
                    key=lambda f: f.date):
        month = next((g for g in groups if any(d.date == f.date or (len(f.date) == 7 and d.date.startswith(f.date))
                                               for d in g)), None)
        if month is None:
            month = []
            groups.append(month)
        month.append(f)
    undated = [f for f in parts if f.date is None and f.type != "agreement"]
    if len(groups) == 1:
        groups[0].extend(undated)
    elif not groups and any(f.type in ("visited", "met") for f in undated):
        groups.append(undated)
    for f in (f for f in parts if f.type == "agreement"):
        span = [g for g in groups if _within_span(f.date, g)] if f.date else groups if len(groups) == 1 else []
        if len(span) == 1:
            span[0].append(f)
    return [sorted(g, key=lambda f: (f.date is None, f.date or "", f.evidence.start)) for g in groups]


def _span(group: list[Fact]) -> tuple[str | None, str | None]:
    days = sorted(f.date for f in group if f.date and f.type != "agreement")
    return (days[0], days[-1]) if days else (None, None)


def _within_span(day: str, group: list[Fact]) -> bool:
    start, end = _span(group)
    if not start or not end:
        return False
    return start[:len(day)] <= day <= end[:len(day)] if len(day) < 10 else start <= day <= end


def _trip(traveller: str, side: frozenset[str], group: list[Fact], facts: tuple[Fact, ...],
          ents: dict[str, Entity], stated: set[tuple] | None = None) -> Trip:
    start, end = _span(group)
    stops = []
    told = stated if stated is not None else {_key(f) for f in group if f.date}
    for f in sorted(group, key=lambda f: (_key(f) not in told, f.date or "9999", f.evidence.start)):
        if f.type == "agreement":
            continue
        stop = _stop(f, ents)
        if stop and stop not in side and ents.get(stop) is not None and ents[stop].type in _PLACES:
            stops.append(stop)
    people = [f.subject for f in group if ents.get(f.subject) is not None and ents[f.subject].type == "Person"]
    people += [f.subject for f in facts if f.type in _MEMBERSHIP and f.subject in side
               and ents.get(f.subject) is not None and ents[f.subject].type == "Person"]
    return Trip(traveller=traveller, parts=tuple(dedupe(group)), start=start, end=end,
                destinations=_finest(dedupe(stops), ents), members=dedupe(people))


def _stop(f: Fact, ents: dict[str, Entity]) -> str | None:
    """Where a part took the journey: a city visited, else the city it happened in (a district's
    city), else its place."""
    obj = ents.get(f.object)
    at = f.object if obj is not None and obj.type == "City" else f.place or (
        f.object if obj is not None and obj.type in _PLACES else None)
    seen: set[str] = set()
    while at in ents and ents[at].type == "District" and ents[at].within and at not in seen:
        seen.add(at)
        at = ents[at].within
    return at


def _finest(stops: tuple[str, ...], ents: dict[str, Entity]) -> tuple[str, ...]:
    """Drop a destination that holds another (China when Chongqing is there), and a country when
    any city is there."""
    above: set[str] = set()
    for s in stops:
        seen, at = set(), ents[s].within
        while at and at not in seen:
            seen.add(at)
            above.add(at)
            at = ents[at].within if at in ents else None
    cities = any(ents[s].type == "City" for s in stops)
    return tuple(s for s in stops if s not in above and not (cities and ents[s].type == "Country"))


def _names(e: Entity | None) -> set[str]:
    return {n for n in (fold(x) for x in (e.names() if e else ())) if len(n) >= 2}


def _day_of(f: Fact, dated: list[Fact], ents: dict[str, Entity], facts: tuple[Fact, ...]) -> str | None:
    """The one day the dated parts give this undated part, or None (see ``date_parts``)."""
    same = {d.date for d in dated if d.object == f.object}
    if same:
        return same.pop() if len(same) == 1 else None
    obj = ents.get(f.object)
    homes = {obj.within} if obj and obj.within else set()
    homes |= {g.object for g in facts if g.subject == f.object and g.type in ("located_in", *_MEMBERSHIP)}
    names = _names(obj)
    related = set()
    for d in dated:
        other = ents.get(d.object)
        if other is None or other.type in _REGIONS:
            continue
        if d.object in homes or any(n in m for n in _names(other) for m in names if n != m):
            related.add(d.date)
    if related:
        return related.pop() if len(related) == 1 else None
    if f.type == "met" and f.place:
        here = {d.date for d in dated if d.type == "met" and d.place == f.place}
        if len(here) == 1:
            return here.pop()
    days = {d.date for d in dated}
    if len(days) == 1 and f.place and any(d.place == f.place and d.evidence.start < f.evidence.start for d in dated):
        return days.pop()  # the one day the journey is known to have been there, told before
    return None


__all__ = ["with_trips", "derive_trips", "date_parts", "travellers", "home_side", "MAX_GAP_DAYS"]
