"""Facts from tables: delegation lists (소속/직위/성명) and itineraries (일자/일정, 체크리스트).

A table's kind comes from its header row, matched against the header words in
the lexicon; rows are read by column role when they line up with the header,
else cell by cell.
"""
from __future__ import annotations

import re
from typing import Iterator

from ...graph.model import Fact
from ..source import Block, Row
from .counterparts import counterparts
from .phrases import strip_bullets
from .view import DocumentView, Spot

_ROLE_ORDER = ("change", "plan", "actual", "name", "post", "org", "remark", "date", "place", "content", "time")
# "인천▶충청", "인천 → 충칭": a move; a spaced ▶ is a bullet, not an arrow
_ARROW = re.compile(r"([^\s()▶→>·]+)(?:\s*(?:→|->|⇒|➝)\s*|▶)([^\s()▶→>·]+)")
_VISIT_MARK = re.compile(r"\[[^\]]*방문[^\]]*\]")
_SEGMENT = re.compile(r"(?:^|\s)[○●◦•·▶▷☞※*](?=\s)|<li>|</li>|\n")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def header_roles(view: DocumentView, block: Block) -> tuple[int, dict[int, str]] | None:
    """Return (header row index, {cell index: role}) for a table whose header we recognise."""
    headers = view.lex.get("table_headers", {})
    for r_index, row in enumerate(block.rows[:3]):
        roles: dict[int, str] = {}
        for c_index, cell in enumerate(row.cells):
            text = _norm(view.text[cell.start:cell.end])
            if not text or len(text) > 20:
                continue
            for role in _ROLE_ORDER:
                if any(text.startswith(_norm(w)) for w in headers.get(role, ())):
                    if role not in roles.values():
                        roles[c_index] = role
                    break
        if len(roles) >= 2:
            return r_index, roles
    return None


def table_kind(view: DocumentView, block: Block) -> str | None:
    """Return "delegation", "itinerary" or None for a table block."""
    found = header_roles(view, block)
    if not found:
        return None
    roles = set(found[1].values())
    if "name" in roles and roles & {"post", "org"}:
        return "delegation"
    # a schedule has dates or times; "구분 | 내용" alone is any table at all
    if roles & {"plan", "actual"} or (roles & {"date", "time"} and roles & {"content", "place"}):
        return "itinerary"
    return None


def table_facts(view: DocumentView) -> Iterator[Fact]:
    """Yield the facts of every delegation and itinerary table."""
    base = _trip_base(view)
    for block in view.blocks:
        if block.kind != "table" or not block.rows:
            continue
        kind = table_kind(view, block)
        if kind == "delegation":
            yield from _delegation(view, block)
        elif kind == "itinerary" and view.home:
            yield from _itinerary(view, block, base)


# ---------------------------------------------------------------- delegation

def _cell_text(view: DocumentView, row: Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    c = row.cells[index]
    return view.text[c.start:c.end].strip()


def _cell_spots(view: DocumentView, row: Row, index: int | None) -> list[Spot]:
    if index is None or index >= len(row.cells):
        return []
    c = row.cells[index]
    return view.spots_in(c.start, c.end)


def _committee(view: DocumentView) -> str | None:
    """The committee a delegation's 위원장/위원 belong to: a 위원회 body named early and often."""
    scores: dict[str, float] = {}
    home = view.entities.get(view.home) if view.home else None
    ours = {None, view.home, home.within if home else None}
    for s in view.spots:
        # a committee named within another place (우시시 인민대표대회 상무위원회) is the hosts'
        if s.type == "GovernmentBody" and view.text[s.start:s.end].rstrip().endswith("위원회") \
                and view.entities[s.entity].within in ours:
            scores[s.entity] = scores.get(s.entity, 0) + (3 if s.start < 1500 else 1)
    return max(scores, key=scores.get) if scores else None


def _delegation(view: DocumentView, block: Block) -> Iterator[Fact]:
    """Yield member_of and holds_post facts for each row of a delegation table."""
    h_index, roles = header_roles(view, block)  # type: ignore[misc]
    col = {role: i for i, role in roles.items()}
    width = len(block.rows[h_index].cells)
    ditto = set(view.lex.get("ditto_marks", []))
    committee_posts = set(view.lex.get("committee_posts", []))
    roles_only = set(view.lex.get("delegation_roles", []))
    membership = set(view.lex.get("membership_titles", []))
    committee = _committee(view)
    org: str | None = None
    for row in block.rows[h_index + 1:]:
        aligned = len(row.cells) == width
        persons = [s for s in (_cell_spots(view, row, col.get("name")) if aligned else view.spots_in(row.start, row.end))
                   if s.type == "Person"]
        if not persons:
            continue
        person = persons[0].entity
        ev = view.evidence(row.start, row.end)
        org_text = _cell_text(view, row, col.get("org"))
        org_spots = [s for s in _cell_spots(view, row, col.get("org"))
                     if s.type in ("GovernmentBody", "Organization", "Company", "University", "City",
                                  "Province", "District")]
        if org_spots:
            org = org_spots[0].entity
        elif org_text and org_text not in ditto:
            org = None
        if org:
            if org == view.home or view.entities[org].within == view.home:
                view.home_side.add(person)
            yield Fact("member_of", person, org, ev)
        post_text = _cell_text(view, row, col.get("post"))
        post_spots = [s for s in _cell_spots(view, row, col.get("post")) if s.type != "Person"]
        if post_text:
            if post_spots:
                target = post_spots[-1].entity
                title = view.text[post_spots[-1].end:row.cells[col["post"]].end].strip() or post_text
            elif post_text in committee_posts and committee:
                target, title = committee, post_text
            else:
                target, title = org, post_text
            if target and title not in membership:
                yield Fact("holds_post", person, target, ev, title=title)
        remark = _cell_text(view, row, col.get("remark"))
        if org and remark and remark not in roles_only and any(remark.endswith(t) for t in view.titles):
            yield Fact("holds_post", person, org, ev, title=remark)


# ---------------------------------------------------------------- itinerary

def _trip_base(view: DocumentView) -> set[str]:
    """Where the trip starts and ends: the origin of the first move in any table."""
    for block in view.blocks:
        if block.kind != "table":
            continue
        for row in block.rows:
            m = _ARROW.search(view.text, row.start, row.end)
            if m:
                return {s.entity for s in view.spots_in(m.start(1), m.end(1))}
    return set()


def _itinerary(view: DocumentView, block: Block, base: set[str]) -> Iterator[Fact]:
    """Yield visited, met and attended facts for each row of an itinerary or checklist."""
    h_index, roles = header_roles(view, block)  # type: ignore[misc]
    col = {role: i for i, role in roles.items()}
    width = len(block.rows[h_index].cells)
    same = set(view.lex.get("same_as_plan", []))
    date: str | None = None
    for row in block.rows[h_index + 1:]:
        aligned = len(row.cells) == width
        row_date = view.date_in(row.start, row.end)
        if row_date and len(row_date) == 10:
            date = row_date
        spans: list[tuple[int, int]] = []
        if aligned and ("plan" in col or "actual" in col):
            actual = row.cells[col["actual"]] if "actual" in col else None
            chosen = actual
            if actual is None or view.text[actual.start:actual.end].strip() in same | {""}:
                chosen = row.cells[col["plan"]] if "plan" in col else None
            if chosen is not None:
                spans.append((chosen.start, chosen.end))
        elif aligned and "content" in col:
            for role in ("content", "place"):
                if role in col:
                    c = row.cells[col[role]]
                    spans.append((c.start, c.end))
        else:
            skip = {col.get("date"), col.get("time"), col.get("remark"), col.get("change")} if aligned else set()
            spans.extend((c.start, c.end) for i, c in enumerate(row.cells) if i not in skip)
        ev = view.evidence(row.start, row.end)
        for start, end in spans:
            for seg_start, seg_end in _segments(view.text, start, end):
                yield from _segment_facts(view, seg_start, seg_end, date, base, ev)


def _segments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a schedule cell at its bullets (○, ·, ▶ …) and visit marks ([기관방문 1])."""
    cuts = [start]
    for m in _SEGMENT.finditer(text, start, end):
        cuts.extend((m.start(), m.end()))
    for m in _VISIT_MARK.finditer(text, start, end):
        cuts.append(m.start())
    cuts.append(end)
    cuts = sorted(set(cuts))
    for s, e in zip(cuts, cuts[1:]):
        if text[s:e].strip():
            yield s, e


def _segment_facts(view: DocumentView, start: int, end: int, date: str | None,
                   base: set[str], ev) -> Iterator[Fact]:
    """Yield the facts of one schedule entry ("[기관방문 1] X", "X 시찰", "A▶B")."""
    text = view.text[start:end]
    home = view.home
    # the trip's base and the home side are never what the delegation visited
    own = {home, view.home_city, view.entities[home].within} | base
    spots = [s for s in view.spots_in(start, end) if s.entity not in own]
    if not spots:
        return
    moved: set[str] = set()
    for m in _ARROW.finditer(view.text, start, end):
        for s in view.spots_in(m.start(2), m.end(2)):
            moved.add(s.entity)
            if s.type in ("City", "District", "Province", "Country") and s.entity not in base:
                yield Fact("visited", home, s.entity, ev, date=date)
        for s in view.spots_in(m.start(1), m.end(1)):
            moved.add(s.entity)
    lex = view.lex
    has_visit = bool(_VISIT_MARK.search(text)) or any(w in text for w in lex.get("visit_words", []))
    has_meet = any(w in text for w in lex.get("meeting_words", []))
    has_attend = any(w in text for w in lex.get("attend_words", []))
    objects = [s for s in spots if s.entity not in moved and s.type not in ("Person", "Event")
               and not view.is_modifier(s)]
    events = [s for s in spots if s.type == "Event"]
    if has_attend and events:
        for e in events:
            yield Fact("attended", home, e.entity, ev, date=date)
    if has_meet:
        for target in counterparts(view, start, end, objects):
            yield Fact("met", home, target, ev, date=date)
    if has_visit and not has_meet:
        for s in objects:
            yield Fact("visited", home, s.entity, ev, date=date)
    elif not (has_visit or has_meet or has_attend) and objects and _names_only(view, text, start, spots):
        for s in objects:
            yield Fact("visited", home, s.entity, ev, date=date)
    if has_visit and has_meet:
        # "X 시찰 및 관계자 면담": the visit cue's objects were visited too
        cut = min(text.find(w) for w in lex.get("meeting_words", []) if w in text) + start
        for s in objects:
            if s.end <= cut:
                yield Fact("visited", home, s.entity, ev, date=date)


def _names_only(view: DocumentView, text: str, start: int, spots: list[Spot]) -> bool:
    """True when a segment is little more than names ("구이양 빅데이터 전람관")."""
    chars = list(text)
    for s in spots:
        for i in range(s.start - start, s.end - start):
            chars[i] = " "
    rest = re.sub(r"[\s\W\d_]+", "", strip_bullets("".join(chars)))
    return len(rest) <= 3
