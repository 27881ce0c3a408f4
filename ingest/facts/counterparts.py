"""Whom a meeting was with: the counterparts named in a span, and the government a place stands for.

>>> _PHRASE_END.search("A시 부시장, B").group()
','
"""
from __future__ import annotations

import re

from .phrases import COORDINATOR, ORGS, affiliations, after_name, skip_paren
from .view import DocumentView, Spot


def counterparts(view: DocumentView, start: int, end: int, candidates: list[Spot]) -> list[str]:
    """Return whom a meeting was with, from the mentions in ``start..end``."""
    words = view.lex.get("counterpart_words", [])
    blockers = view.lex.get("modifier_blockers", [])
    affil = affiliations(view, start, end)
    out = []
    for s in candidates:
        after = view.text[s.end:end]
        if any(after.lstrip().startswith(b) for b in blockers) or re.match(r"\s*(등지)?에서", after):
            continue
        if s.start in affil or view.is_modifier(s):
            continue
        if s.type != "Person" and _person_in_phrase(view, s, end):
            continue  # "코리아 소사이어티 토마스 번 회장": the person is the counterpart
        if s.type == "Person" or s.type in ORGS or s.type == "IndustrialPark":
            out.append(s.entity)
        elif s.type in ("City", "District", "Province"):
            pos = after_name(view, s, False)
            nxt = re.sub(r"^\s*(?:\S+\s+)?", "", view.text[pos:end]) if not \
                any(view.text[pos:end].lstrip().startswith(w) for w in words) else view.text[pos:end].lstrip()
            title = view.title_at(pos, max_tokens=1) or view.title_at(pos + 1, max_tokens=1)
            if title and not any(title[1].endswith(w) for w in view.lex.get("press_titles", [])):
                out.append(s.entity)  # "부에나파크 시장", "위베이구 부구청장" (not "워싱턴 특파원")
            elif any(nxt.startswith(w) for w in words) or _coordinated_counterpart(view, s, end, words):
                # "청두시 관계자": officials of the city's government, when the text names it
                out.append(_government_of(view, s.entity) or s.entity)
    return out


def _government_of(view: DocumentView, place: str) -> str | None:
    """The body that governs ``place`` when the document names it ("청두시청", "청두시정부")."""
    suffixes = view.lex.get("government_suffixes", [])
    names = [n for n in view.names(place) if n]
    for e in view.entities.values():
        if e.type != "GovernmentBody":
            continue
        for n in e.names():
            if any(n == base + suf or n == base + " " + suf for base in names for suf in suffixes):
                return e.id
    return None


_PHRASE_END = re.compile(r",|、|\s및\s|(?<=[가-힣\)])(?:와|과)(?:의)?\s|\s등\s")


def _person_in_phrase(view: DocumentView, spot: Spot, end: int) -> bool:
    """True when a person is named later in the same list item as ``spot``."""
    stop = _PHRASE_END.search(view.text, skip_paren(view, spot.end), end)
    limit = stop.start() if stop else end
    return any(s.type == "Person" for s in view.spots_in(spot.end, limit))


def _coordinated_counterpart(view: DocumentView, spot: Spot, end: int, words: list[str]) -> bool:
    """True for "청두시" in "청두시 및 가오신구 관계자": a list that ends in a counterpart word."""
    nxt = view.next_spot(spot)
    while nxt is not None and nxt.start < end:
        gap_end = nxt.start
        while view.is_modifier(nxt) and view.next_spot(nxt) is not None:
            nxt = view.next_spot(nxt)  # "방콕시, 말레이시아 쿠알라룸푸르시": the country qualifies the city
        if not COORDINATOR.match(view.text[skip_paren(view, spot.end):gap_end]):
            return False
        rest = view.text[skip_paren(view, nxt.end):end].lstrip()
        if any(rest.startswith(w) for w in words):
            return True
        spot, nxt = nxt, view.next_spot(nxt)
    return False
