"""Events in Chinese and English sentences: where an event was held, who spoke at it.

An event "held in" a place (第19届…大会在韩国蔚山举行, "the forum was held in Jinan") keeps
that place for every attendance. Speaking at an event is attending it: "NAME、NAME在大会
开幕式上发言", "NAME delivered a speech at the forum". A generic word (大会, "the forum")
stands for the last event the document named.
"""
from __future__ import annotations

from typing import Iterator

from ...graph.model import Fact, Mention
from ..resolve.spots import Spot
from .intl_reader import PLACES, Reader


def last_event(r: Reader, before: int) -> Spot | None:
    """The last event named before ``before``."""
    return next((s for s in reversed(r.spots) if s.type == "Event" and s.end <= before), None)


def event_at(r: Reader, start: int, end: int) -> Spot | None:
    """The event named in ``start..end``, or the one a generic word there stands for."""
    named = next((s for s in r.spots if s.type == "Event" and start <= s.start and s.end <= end), None)
    if named is None and r.find("event_back_words", start, end):
        return last_event(r, start)
    return named


def note_venues(r: Reader, s: int, e: int) -> None:
    """Remember where an event of this sentence was held: the first place after it."""
    held = r.find("held_words", s, e)
    if not held:
        return
    event = event_at(r, s, held[0][0]) or event_at(r, held[0][1], e)
    if event is None:
        return
    place = next((a for a in r.actors(event.end, e) if a.type in PLACES), None)
    if place is not None:
        r.venues.setdefault(event.entity, place.entity)


def speech_facts(r: Reader, s: int, e: int, ev: Mention, date: str | None) -> Iterator[Fact]:
    """attended for those who spoke at an event: every person before "在 EVENT 上" and the cue."""
    for cs, _, _ in r.find("speech_words", s, e):
        at = [p for p in r.find("place_words", s, cs)]
        if not at:
            continue
        event = event_at(r, at[-1][1], cs)
        if event is None:
            continue
        speakers = [a.entity for a in r.actors(s, at[-1][0]) if a.type == "Person"]
        if not speakers:
            first = r.subject(s, at[-1][0])
            speakers = [first] if first else []
        for who in dict.fromkeys(speakers):
            yield Fact("attended", who, event.entity, ev, date=date, place=r.venues.get(event.entity))
