"""Attendance: who was at an event, from attendance cues, speeches and participant lists.

"…포럼에 참석", "개막식에서 축사", "참가도시 : A, B, C": the topic, the listed people and
bodies, and the home side at the event the sentence (or its section) names.
"""
from __future__ import annotations

import re
from typing import Iterator

from ...graph.model import Fact
from .counterparts import counterparts
from .phrases import ACTOR_TYPES, affiliations, cues, skip_paren
from .view import DocumentView, Spot


def participant_facts(view: DocumentView, start: int, end: int, spots: list[Spot], ev, date) -> Iterator[Fact]:
    """A participant list: attendees of the section's event, or a meeting's counterparts."""
    event = view.current_event(start)
    if event:
        text = view.text
        for s in spots:
            if s.type in ("Event",) or view.is_modifier(s):
                continue
            inner = view.spots_in(s.end, min(end, s.end + 80))
            if text[s.end:s.end + 1] == "(" and (s.type == "Country" or inner and inner[0].start == s.end + 1
                                                 and inner[0].entity != s.entity):
                continue  # "미국(볼드윈, …)", "벨기에(antwerp province)": the country heads the list
            yield Fact("attended", s.entity, event, ev, date=date)
        return
    sec_start = view.section_span(start)[0]
    line_end = view.text.find("\n", sec_start)
    heading = view.text[sec_start:line_end if 0 <= line_end < start else start]
    if view.home and any(w in heading for w in view.lex.get("meeting_words", [])):
        for t in counterparts(view, start, end, spots):
            yield Fact("met", view.home, t, ev, date=date)


def _host(view: DocumentView, start: int, end: int) -> list[Spot]:
    """The body that hosts: "진흥원이 주최하는 …"."""
    words = "|".join(re.escape(w) for w in view.lex.get("host_words", []))
    for s in view.spots_in(start, end):
        if s.type in ACTOR_TYPES - {"Person"} and \
                re.match(r"\s?(?:이|가|은|는)\s*(?:%s)" % words, view.text[skip_paren(view, s.end):end]):
            return [s]
    return []


def attendance_facts(view: DocumentView, start: int, end: int, spots: list[Spot], topic: list[Spot],
                subjects: list[str], ev, date) -> Iterator[Fact]:
    """Yield attended facts: the topic, listed people and the home side at an event."""
    text = view.text[start:end]
    lex = view.lex
    attend = cues(view.text, start, end, lex.get("attend_words", []), ["자"])
    speech = [w for w in lex.get("speech_words", []) if w in text]
    if not attend and not speech:
        # "고양시가 … 열린 ‘…총회’에서 1위를 차지": the topic acted at the event
        for e in spots:
            if e.type == "Event" and topic and re.match(r"\s*[’'\"”>」』]?\s*에서\s", view.text[e.end:end]):
                for t in topic:
                    if t.type in ACTOR_TYPES:
                        yield Fact("attended", t.entity, e.entity, ev, date=date)
        return
    events = [s for s in spots if s.type == "Event"]
    if events:
        # the event an attendance word follows ("… 포럼에 참석"), else the first one named
        near = [e for e in events if any(0 <= cs - e.end <= 15 for cs, _ in attend)]
        chosen = [e.entity for e in (near or events[:1])]
    else:
        last = view.current_event(start)
        chosen = [last] if last else []
    if not chosen:
        return
    verbs = [w for w in lex.get("attend_verbs", ["참석", "참가"])
             if cues(view.text, start, end, [w], ["자"])]
    hosts = any(w in text for w in lex.get("host_words", []))
    people = [t for t in topic if t.type == "Person"]
    if not attend and not people:
        return  # a speech cue alone speaks for a person only
    host_topic = _host(view, start, end) if hosts and not topic else []
    attendees: list[str] = [t.entity for t in (topic or host_topic) if t.type in ACTOR_TYPES]
    if not topic and view.home and verbs:
        attendees.append(view.home)
    if verbs:
        affil = affiliations(view, start, end)
        words = lex.get("attendee_words", [])
        for s in spots:
            if s.start in affil or view.is_modifier(s) or s.type == "Event":
                continue
            after = view.text[s.end:end]
            if re.match(r"\s*(등지)?에서", after):
                continue
            if s.type in ("Person", "Company", "University"):
                attendees.append(s.entity)
            elif s.type in ("City", "GovernmentBody", "Organization") and \
                    any(after.lstrip().startswith(w) for w in words):
                attendees.append(s.entity)
    asked = re.compile(r"[가-힣]{0,3}\s?(?:%s)" % view.words("ask_after_cue"))
    if attend and all(asked.match(view.text, ce) for _, ce in attend):
        return  # "…엑스포에 참가해 줄 것을 요청": asked or planned, not attended
    if re.search(view.words("co_host_words"), text):
        # "A와 B가 공동 주최": co-organisers are not attendees (no "organised" relation)
        attendees = [a for a in attendees if a not in {t.entity for t in topic}]
    for a in dict.fromkeys(attendees):
        for event in chosen:
            if a != event:
                yield Fact("attended", a, event, ev, date=date or view.event_date(event))




