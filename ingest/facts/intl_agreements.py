"""Agreements and cooperation in Chinese and English sentences: kind, status and the two parties."""
from __future__ import annotations

import re
from typing import Iterator

from ...graph.model import Fact, Mention
from .intl_reader import SIDE_TYPES, Reader
from .intl_text import find_words


def _status(r: Reader, s: int, ks: int, ke: int, e: int) -> str | None:
    """Proposed before planned before signed among words before the agreement word, else after it."""
    status = r.cues["agreement_status"]
    for lo, hi in ((s, ks), (ke, e)):
        for st in ("proposed", "planned", "signed"):
            if find_words(r.text, lo, hi, status[st], r.lang):
                return st
    return None


def agreement_facts(r: Reader, s: int, e: int, ks: int, ke: int, word: str, ev: Mention,
               date: str | None) -> Iterator[Fact]:
    kind = dict((w, k) for w, k in r.cues["agreement_kinds"])[word]
    status = _status(r, s, ks, ke, e)
    if status is None:
        return
    places = kind in ("sister_city", "friendship_city") or bool(r.find("city_pair_words", s, ke))
    pair = _with_pair(r, s, e, ks) or _clause_pair(r, s, ks)
    if pair is None and r.find("pair_words", s, ks) and r.sides:
        pair = r.sides
    if pair is None:
        actors = [a.entity for a in r.actors(s, ks) if a.type in SIDE_TYPES | {"Person"}]
        if len(dict.fromkeys(actors)) >= 2:
            pair = tuple(list(dict.fromkeys(actors))[:2])
    if pair is None:
        return
    a, b = r.lift(pair[0], places), r.lift(pair[1], places)
    if a != b and r.entities[a].type in SIDE_TYPES and r.entities[b].type in SIDE_TYPES:
        r.sides = (a, b)
        yield Fact("agreement", a, b, ev, date=date, kind=kind, status=status)


def _with_pair(r: Reader, s: int, e: int, ks: int) -> tuple[str, str] | None:
    """"A与B签署" / "A and B agreed" / "A … with B": A the subject, B the one after the conjunction
    nearest before the agreement word (else the first after it)."""
    actors = r.actors(s, e)
    hits = r.find("with_words", s, e)
    for ws, we, _ in [h for h in reversed(hits) if h[1] <= ks] + [h for h in hits if h[1] > ks]:
        gap = re.match(r"\s*(?:the\s+)?", r.text[we:we + 6])
        after = r.actor_at(we + gap.end(), actors)
        if after is None or after.type not in SIDE_TYPES | {"Person"}:
            continue  # 台中市与韩国交流: a country is no party to a city's agreement
        first = r.subject(s, ws)
        if first is None or first == after.entity:
            continue
        return first, after.entity
    return None


def _clause_pair(r: Reader, s: int, ks: int) -> tuple[str, str] | None:
    """"A与B交流密切，共缔结C 1个姊妹市": the sentence's subject and the party named in the
    agreement word's own clause (Chinese clauses end at ，；)."""
    if r.lang != "zh":
        return None
    clause = max(r.text.rfind(c, s, ks) for c in "，；") + 1
    if clause <= s:
        return None
    party = next((a for a in reversed(r.actors(clause, ks)) if a.type in SIDE_TYPES), None)
    first = r.subject(s, clause)
    if party is None or first is None or first == party.entity:
        return None
    return first, party.entity


def cooperation_facts(r: Reader, s: int, e: int, ev: Mention, date: str | None) -> Iterator[Fact]:
    for cs, ce, _ in r.find("cooperation_words", s, e):
        actors = r.actors(s, e)
        for ws, we, _ in r.find("with_words", s, e):
            gap = re.match(r"\s*(?:the\s+)?", r.text[we:we + 6])
            after = r.actor_at(we + gap.end(), actors)
            before = [a for a in actors if a.end <= ws]
            if after and before and (r.lang != "zh" or we <= cs):
                a, b = r.lift(before[-1].entity), r.lift(after.entity)
                if a != b:
                    yield Fact("cooperates_with", a, b, ev, date=date)
                    return
        if r.find("pair_words", s, cs) and r.sides:
            places = bool(r.find("city_pair_words", s, cs))
            a, b = r.lift(r.sides[0], places), r.lift(r.sides[1], places)
            if a != b:
                yield Fact("cooperates_with", a, b, ev, date=date)
            return
