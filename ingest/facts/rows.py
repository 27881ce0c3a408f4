"""Facts from dated timeline rows and labelled fields, under the partner a section is about.

An exchange page lists its ties by partner: a heading that is only a place
("중국 청도시 노산구"), fields ("결 연 일 : 1998년 8월 3일", "결연명칭 : 서초구 -
노산구 … 우호도시 협정"), and dated rows whose subject is often left out
("2016. 8. 19. 자매결연협정체결", "노산구 대표단 … 우리구 방문 (1998년)").
A row without an actor is the home side's, unless it names home as its object
("우리구 방문"): then the partner acted. A field whose label names a kind of tie
lists partners ("우호도시(10개) : 무순시, 연길시, …").

>>> from cityties.graph.model import Entity, Mention
>>> from cityties.ingest.source import SourceText
>>> from cityties.ingest.facts import load_lexicon
>>> from cityties.ingest.facts.view import DocumentView
>>> text = "강원도 인제군\\n2016. 8. 19. 자매결연협정체결\\n2023. 1. 21. 인제군 방문\\n"
>>> ents = [Entity("home", "District", labels={"ko": "서구"}),
...         Entity("gw", "Province", mentions=(Mention(0, 3, "강원도"),)),
...         Entity("inje", "District", mentions=(Mention(4, 7, "인제군"), Mention(38, 41, "인제군")))]
>>> facts, _ = row_facts(DocumentView(SourceText(text), ents, "home", None, load_lexicon()))
>>> [(f.type, f.subject, f.object, f.date, f.kind) for f in facts]
[('located_in', 'inje', 'gw', None, None), ('agreement', 'home', 'inje', '2016-08-19', 'sister_city'), ('visited', 'home', 'inje', '2023-01-21', None)]
"""
from __future__ import annotations

import re
from typing import Iterator

from ...graph.model import Fact
from ..roles.home import load_role_words
from ..roles.segments import Segment, segment_lines
from .phrases import ACTOR_TYPES, ORGS, PLACES
from .view import DocumentView, Spot

_RANK = {"Country": 4, "Province": 3, "City": 2, "District": 1}
_HEADING_GAP = re.compile(r"[\s,·()\-–>]*")


class _Section:
    """What the lines so far said about the partner being described."""

    def __init__(self) -> None:
        self.partner: str | None = None
        self.date: str | None = None  # "결 연 일 : 1998년 8월 3일"
        self.kind: str | None = None  # "자매결연 체결일 : …": the tie this section is about


def row_facts(view: DocumentView) -> tuple[list[Fact], list[tuple[int, int]]]:
    """Return the facts of timeline rows and fields, and the line spans they account for."""
    facts: list[Fact] = []
    claimed: list[tuple[int, int]] = []
    section = _Section()
    for block in view.blocks:
        if block.kind == "table":
            continue
        for seg in segment_lines(view.text, block.start, block.end):
            found: list[Fact] = []
            if seg.kind == "prose":
                partner = _partner_heading(view, seg)
                if partner is not None:
                    section = _Section()
                    section.partner = partner[-1].entity
                    found = list(_chain(view, partner, seg))
                    facts += found
                continue
            if seg.kind == "field":
                found = list(_field(view, seg, section))
            else:
                found = list(_row(view, seg, section))
            if found:
                facts += found
                claimed.append((seg.start, seg.end))
    return facts, claimed


# ---------------------------------------------------------------- partners

def _partner_heading(view: DocumentView, seg: Segment) -> list[Spot] | None:
    """The places of a line that is nothing but places ("중국 청도시 노산구"), if it is one."""
    if seg.end - seg.start > 40:
        return None
    spots = [s for s in view.spots_in(seg.start, seg.end) if s.type in PLACES]
    if not spots or any(s.entity == view.home for s in spots):
        return None
    pos = seg.start
    for s in spots:
        if not _HEADING_GAP.fullmatch(view.text, pos, s.start):
            return None
        pos = s.end
    if not _HEADING_GAP.fullmatch(view.text, pos, seg.end):
        return None
    named = [s for s in spots if s.type != "Country"]
    return named or None


def _chain(view: DocumentView, spots: list[Spot], seg: Segment) -> Iterator[Fact]:
    """"강원도 인제군", "청도시 노산구": each place lies in the larger one written before it."""
    ev = view.evidence(seg.start, seg.end)
    for a, b in zip(spots, spots[1:]):
        if _RANK.get(a.type, 0) > _RANK.get(b.type, 0) and a.entity != b.entity:
            yield Fact("located_in", b.entity, a.entity, ev)


# ---------------------------------------------------------------- fields

def _field(view: DocumentView, seg: Segment, section: _Section) -> Iterator[Fact]:
    lex = view.lex
    label = seg.label
    value_spots = [s for s in view.spots_in(seg.clause_start, seg.clause_end)]
    ev = view.evidence(seg.start, seg.end)
    label_kind = _kind(view, seg.start, seg.clause_start)
    if any(w in label for w in lex.get("agreement_date_labels", [])):
        section.date = view.date_in(seg.clause_start, seg.clause_end)
        if label_kind:
            section.kind = label_kind
            if section.partner and view.home and section.date:
                yield Fact("agreement", _home_side(view, label_kind), section.partner, ev, date=section.date,
                           kind=label_kind, status="signed")
        return
    if any(label.startswith(w) or label == w for w in lex.get("agreement_name_labels", [])):
        kind = _kind(view, seg.clause_start, seg.clause_end)
        if kind is None or view.home is None:
            return
        section.kind = section.kind or kind
        place = _signing_place(view, seg)
        for s in _parties(view, value_spots):
            yield Fact("agreement", _home_side(view, kind), s.entity, ev, date=section.date, place=place,
                       kind=kind, status=_status(view, seg.clause_start, seg.clause_end) or "signed")
        return
    if label_kind and view.home and _partner_list_label(view, label):
        # "우호도시(10개) : 무순시, 연길시 …", "우호도시 의향서체결(1) : 서주시(2024.4.)"
        for s in _parties(view, value_spots):
            close = _paren_after(view, s, seg.clause_end)
            date = view.date_in(*close) if close else None
            place = next((p.entity for p in view.spots_in(*close) if p.type in PLACES and
                          re.match(r"\s*체결", view.text[p.end:close[1]])), None) if close else None
            yield Fact("agreement", _home_side(view, label_kind), s.entity, ev, date=date, place=place,
                       kind=label_kind, status=_status(view, seg.start, seg.clause_start) or "signed")


def _partner_list_label(view: DocumentView, label: str) -> bool:
    """True for a label that only names a kind of tie ("친선결연도시(3개)", "우호도시 의향서체결(1)"),
    not one about it ("비망록 주요내용")."""
    rest = re.sub(r"\(\s*\d*\s*[개곳]?\s*\)", "", label)
    words = [w for w, _ in view.lex.get("agreement_kinds", [])] + \
        [w for ws in view.lex.get("agreement_status", {}).values() for w in ws] + view.lex.get("partner_list_rest", [])
    for w in sorted(words, key=len, reverse=True):
        rest = rest.replace(w.replace(" ", ""), "")
    return not re.sub(r"[\W\d_]", "", rest)


def _signing_place(view: DocumentView, seg: Segment) -> str | None:
    """The place a "(체결장소 : 서초구)" names inside the field."""
    labels = "|".join(re.escape(w) for w in view.lex.get("signing_place_labels", []))
    m = re.search(r"(?:%s)\s*[:：]\s*" % labels, view.text[seg.clause_start:seg.clause_end]) if labels else None
    if not m:
        return None
    at = seg.clause_start + m.end()
    spot = next((s for s in view.spots_in(at, seg.clause_end) if s.start - at <= 1), None)
    return spot.entity if spot is not None and spot.type in PLACES | ORGS else None


def _paren_after(view: DocumentView, spot: Spot, end: int) -> tuple[int, int] | None:
    m = re.match(r"\s*\(([^()]*)\)", view.text[spot.end:end])
    return (spot.end + m.start(1), spot.end + m.end(1)) if m else None


def _parties(view: DocumentView, spots: list[Spot]) -> list[Spot]:
    """The partners a list names: places and bodies, not home, not a place qualifying the next one."""
    own = view.own(view.home) if view.home else set()
    out = []
    for s in spots:
        if s.entity in own or s.type not in PLACES | ORGS | {"IndustrialPark"} or s.type == "Country":
            continue
        if view.is_modifier(s) or _inside_paren(view, s):
            continue
        out.append(s)
    return out


def _inside_paren(view: DocumentView, spot: Spot) -> bool:
    line_start = view.text.rfind("\n", 0, spot.start) + 1
    before = view.text[line_start:spot.start]
    return before.count("(") > before.count(")")


# ---------------------------------------------------------------- rows

def _row(view: DocumentView, seg: Segment, section: _Section) -> Iterator[Fact]:
    lex = view.lex
    text = view.text
    cs, ce = seg.clause_start, seg.clause_end
    date = seg.date.value if seg.date else None
    ev = view.evidence(seg.start, seg.end)
    spots = [s for s in view.spots_in(cs, ce) if s.type != "Country"]
    home = view.home
    we = _we_spans(view, cs, ce)
    actor = _actor(view, spots, cs, ce)
    partner = section.partner
    emitted = False

    kind = _kind(view, cs, ce, final=True) or (section.kind if _status(view, cs, ce) == "proposed" else None)
    if kind and not any(w in text[cs:ce] for w in lex.get("row_no_fact_words", [])):
        status = _status(view, cs, ce) or "signed"
        side_a = actor.entity if actor is not None else (_home_side(view, kind) if home else None)
        others = [s.entity for s in _parties(view, spots) if actor is None or s.entity != actor.entity]
        others = _most_specific(view, others)
        side_b = others[-1] if others else (partner if side_a != partner else _home_side(view, kind))
        if side_a and side_b and side_a != side_b:
            yield Fact("agreement", side_a, side_b, ev, date=date, kind=kind, status=status)
            emitted = True

    visit = _first_cue(text, cs, ce, lex.get("row_visit_words", []))
    if visit is not None:
        target = _visit_object(view, spots, actor, cs, visit, we)
        subject = actor.entity if actor is not None else None
        if target is None or (partner and target in view.own(partner) and target != partner):
            target = partner if subject != partner else home
        if subject is None:
            subject = partner if target in (home, view.home_city) else home
        if subject and target and subject != target and target not in view.own(subject):
            yield Fact("visited", subject, target, ev, date=date)
            emitted = True

    attend = _first_cue(text, cs, ce, lex.get("attend_verbs", []))
    events = [s for s in spots if s.type == "Event"]
    if attend is not None and events:
        event = events[-1]
        subject = actor.entity if actor is not None and actor.type != "Event" else None
        if subject is None:
            ours = home and any(n and n in view.text[event.start:event.end]
                                for n in view.names(home) | ({*view.names(view.home_city)} if view.home_city else set()))
            subject = partner if (ours or _we_spans(view, cs, event.start)) and partner else home
        if subject and subject != event.entity:
            yield Fact("attended", subject, event.entity, ev, date=date)
            emitted = True

    if not emitted and home and _first_cue(text, cs, ce, lex.get("row_cooperation_words", [])) is not None \
            and not any(w in text[cs:ce] for w in lex.get("row_no_fact_words", [])):
        others = _most_specific(view, [s.entity for s in _parties(view, spots)])
        other = others[-1] if others else partner
        if other and other != home:
            yield Fact("cooperates_with", home, other, ev, date=date)


def _we_spans(view: DocumentView, start: int, end: int) -> list[tuple[int, int]]:
    """Where the row says "우리구" / "우리 시": home, unnamed."""
    words = load_role_words("ko").get("self_reference", {})
    return [(m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), view.text[start:end])]


def _actor(view: DocumentView, spots: list[Spot], start: int, end: int) -> Spot | None:
    """Who acts in a row: the name it opens with, or a name followed by 대표단 / 공무원 / …."""
    words = view.lex.get("delegation_words", [])
    for s in spots:
        if s.type not in ACTOR_TYPES:
            continue
        after = view.text[s.end:end].lstrip()
        opens = view.text[start:s.start].strip(" \t,·-") == ""
        led = any(after.startswith(w) for w in words)
        if led or (opens and s.type in ORGS | {"Person"}) or (opens and after[:1] in (",", "，")):
            return s
        if opens and view.title_at(s.end + (1 if view.text[s.end:s.end + 1] == " " else 0), max_tokens=1):
            return s  # "인제군수(이순선) 제안", "남통시 시장 일행"
    return None


def _visit_object(view: DocumentView, spots: list[Spot], actor: Spot | None, start: int, cue: int,
                  we: list[tuple[int, int]]) -> str | None:
    """What a row's visit went to: the place or body right before the cue, "우리구" for home."""
    if we and any(s < cue for s, _ in we):
        return view.home_city or view.home
    before = [s for s in spots if s.end <= cue and (actor is None or s.entity != actor.entity)
              and s.type in PLACES | ORGS | {"IndustrialPark"}]
    return before[-1].entity if before else None


def _most_specific(view: DocumentView, ids: list[str]) -> list[str]:
    """Drop a place that another named one lies in ("강원도 인제군" -> 인제군)."""
    return [i for i in ids if not any(j != i and i in view.own(j) for j in ids)]


def _home_side(view: DocumentView, kind: str | None) -> str:
    """The home side of a tie: its city for city-to-city kinds (a council's page speaks for its city)."""
    if kind in ("sister_city", "friendship_city") and view.home_city:
        return view.home_city
    return view.home  # type: ignore[return-value]


def _kind(view: DocumentView, start: int, end: int, final: bool = False) -> str | None:
    """The kind of tie a span names; a document word (의향서, 합의서, MOU) outranks a relation word.

    A word inside a name ("국제우호도시 시장회의") names no tie; with ``final``, a word
    neither followed by a status word nor closing the span ("친선결연도시 무용단 초청") neither.
    """
    text = view.text[start:end]
    documents = view.lex.get("agreement_documents", [])
    names = [(s.start - start, s.end - start) for s in view.spots_in(start, end) if s.type not in PLACES]
    found = [(i, w, k) for w, k in view.lex.get("agreement_kinds", [])
             for i in [text.find(w)] if i >= 0 and not any(a <= i < b for a, b in names)]
    if final:
        found = [f for f in found if not text[f[0] + len(f[1]):].strip(" .,)")
                 or _status(view, start + f[0], end) is not None]
    if not found:
        return None
    docs = [f for f in found if f[1] in documents]
    pick = max(docs or found, key=lambda f: (len(f[1]), -f[0]))
    return pick[2]


def _status(view: DocumentView, start: int, end: int) -> str | None:
    """Signed, proposed or planned, from the last status word of the span."""
    text = view.text[start:end]
    best = None
    for status, words in view.lex.get("agreement_status", {}).items():
        for w in words:
            i = text.rfind(w)
            if i >= 0 and (best is None or (i, len(w)) > best[:2]):
                best = (i, len(w), status)
    return best[2] if best else None


def _first_cue(text: str, start: int, end: int, words: list[str]) -> int | None:
    hits = [i for i in (text.find(w, start, end) for w in words) if i >= 0]
    return min(hits) if hits else None
