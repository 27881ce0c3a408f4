"""Dates and places a trip's facts take from the document's schedule, when their own sentence has none.

A report says "위베이구청 … 간담회" in its conclusion and "12월 23일 충청시 위베이구" in
its itinerary: the meeting was that day. Every schedule row (a table row, or a line
that opens with its day) dates the places and bodies it names; a fact of the home
side without a date takes the first day its object, or the place its object lies
in, is on the schedule. A background sentence ("2004년 자매결연을 맺은 …") is no
schedule row and dates nothing.

>>> from cityties.graph.model import Entity, Mention
>>> from cityties.ingest.source import SourceText
>>> from cityties.ingest.facts import load_lexicon
>>> from cityties.ingest.facts.view import DocumentView
>>> text = "출장기간 : 2019. 12. 22. ~ 12. 27.\\n12. 23.(월) 충청시 위베이구 방문\\n"
>>> ents = [Entity("yubei", "District", mentions=(Mention(46, 50, "위베이구"),))]
>>> schedule_dates(DocumentView(SourceText(text), ents, None, "2019-12-22", load_lexicon()))
{'yubei': '2019-12-23'}
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...graph.model import Fact
from .view import DocumentView

_DAY_LINE = re.compile(r"[\s\-•·○●◦▶▷□■\d.)]*?(?:(?:19|20)\d{2}\s*[년.]\s*)?"
                       r"(?:\d{1,2}\s*월\s*\d{1,2}\s*일|\d{1,2}\s*\.\s*\d{1,2}\s*\.)")
_TRIP_TYPES = frozenset({"visited", "met", "attended"})


def schedule_dates(view: DocumentView) -> dict[str, str]:
    """Map each entity named on the schedule to its day there (ISO): a place's first, a body's most named."""
    seen: dict[str, list[str]] = {}
    for block in view.blocks:
        if block.kind == "table":
            rows = [(r.start, r.end) for r in block.rows]
        else:
            rows = []
            pos = block.start
            for line in view.text[block.start:block.end].split("\n"):
                if _DAY_LINE.match(line) and len(line) < 200:
                    rows.append((pos, pos + len(line)))
                pos += len(line) + 1
        for start, end in rows:
            day = view.date_in(start, end)
            if day is None or len(day) < 10:
                continue
            for spot in {s.entity: s for s in view.spots_in(start, end)}.values():
                if spot.type != "Country":
                    seen.setdefault(spot.entity, []).append(day)
    # a city is reached on the first day it is on the schedule; a body is seen on the day it is
    # named most (a schedule names a body again on the day of its visit)
    return {eid: min(days) if view.type_of(eid) in ("City", "Province") else
            max(sorted(set(days)), key=days.count) for eid, days in seen.items()}


def dated_by_schedule(view: DocumentView, facts: list[Fact]) -> list[Fact]:
    """Give the home side's undated visits, meetings and attendance the day the schedule names."""
    days = schedule_dates(view)
    if not days or not view.home:
        return facts
    ours = view.own(view.home) | view.home_side | {f.subject for f in facts
                                                    if f.type in ("member_of", "holds_post") and f.object == view.home}
    out = []
    for f in facts:
        if f.type in _TRIP_TYPES and f.subject in ours:
            if f.date is None:
                day = _day_of(view, f.object, days) or (_day_of(view, f.place, days) if f.place else None)
            elif view.date_in(f.evidence.start, f.evidence.end) is None:
                # the date is only the section's (the trip's first day): the schedule knows the day
                day = _day_of(view, f.object, days)
            elif f.type == "visited" and view.type_of(f.object) in ("City", "Province"):
                # a visit to a city begins on the first day the schedule has the travellers there
                day = min(f.date, days.get(f.object, f.date)) if len(f.date) == 10 else None
            else:
                day = None
            if day is not None:
                f = replace(f, date=day)
        out.append(f)
    return out


def _day_of(view: DocumentView, entity: str | None, days: dict[str, str]) -> str | None:
    """The schedule's day for an entity, else for what it lies within or is named after."""
    seen: set[str] = set()
    while entity and entity not in seen:
        if entity in days:
            return days[entity]
        seen.add(entity)
        e = view.entities.get(entity)
        if e is None:
            return None
        prefixes = [(len(n), o) for o in days if o != entity and o in view.entities for n in view.names(o)
                    if n and len(n) >= 2 and any(name.startswith(n) for name in view.names(entity))]
        if prefixes:
            return days[max(prefixes)[1]]  # "위베이구청" is dated by "위베이구" (not by "충칭" of "충칭시 위베이구청")
        entity = e.within
    return None
