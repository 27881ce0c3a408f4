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


def agreement_facts(r: Reader, s: int, e: int, ks: int, ke: int, kind: str | None, ev: Mention,
                    date: str | None, scope: int | None = None) -> Iterator[Fact]:
    """Agreements of one agreement word (``kind`` None for "sisterhood and friendship cities"):
    one per party listed after the conjunction ("with Fukuoka, Osaka, and Nagasaki")."""
    status = _status(r, s, ks, ke, e)
    if status is None:
        return
    places = kind in ("sister_city", "friendship_city", None) or bool(r.find("city_pair_words", s, ke))
    pairs = _with_pairs(r, s, e, ks, ke, scope or e) or [p for p in [_clause_pair(r, s, ks)] if p]
    if not pairs and r.find("pair_words", s, ks) and r.sides:
        pairs = [r.sides]
    if not pairs:
        actors = list(dict.fromkeys(a.entity for a in r.actors(s, ks) if a.type in SIDE_TYPES | {"Person"}))
        pairs = [(actors[0], actors[1])] if len(actors) >= 2 else []
    for first, second in pairs:
        a, b = r.lift(first, places), r.lift(second, places)
        if a != b and r.entities[a].type in SIDE_TYPES and r.entities[b].type in SIDE_TYPES:
            r.sides = (a, b)
            if r.partners_from != s:  # the partners of this sentence's agreements, for "同两座城市交流"
                r.partners_from, r.partners = s, []
            r.partners.append((a, b))
            yield Fact("agreement", a, b, ev, date=date, kind=kind, status=status)
            if status == "signed" and r.entities[first].type == r.entities[second].type == "Person":
                yield Fact("met", first, second, ev, date=date)  # who signed together met


def _with_pairs(r: Reader, s: int, e: int, ks: int, ke: int, scope: int) -> list[tuple[str, str]]:
    """"A与B签署" / "A and B agreed" / "A signed … with B, C and D": A the subject, B (C, D) the
    parties after the conjunction. Chinese looks for the conjunction nearest before the agreement
    word first, English for the first one after it (up to the next agreement word)."""
    actors = r.actors(s, e)
    hits = r.find("with_words", s, e)
    before = [h for h in reversed(hits) if h[1] <= ks]
    after = [h for h in hits if ke <= h[0] < scope]
    for ws, we, _ in (before + after if r.lang == "zh" else after + before):
        gap = re.match(r"\s*(?:the\s+)?", r.text[we:we + 6])
        party = r.actor_at(we + gap.end(), actors)
        if party is None or party.type not in SIDE_TYPES | {"Person"}:
            continue  # 台中市与韩国交流: a country is no party to a city's agreement
        main = r.main_subject(s, e)
        first = main.entity if main is not None and main.start < ws else r.subject(s, ws)
        if (first is None or first == party.entity) and main is not None:
            first = main.entity
        if first is None or first == party.entity:
            continue
        return [(first, p.entity) for p in r.listed(party, actors)]
    return []


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
                if a != b and "Country" not in (r.entities[a].type, r.entities[b].type):  # "Busan and Japan"
                    yield Fact("cooperates_with", a, b, ev, date=date)
                    return
        if r.find("pair_words", s, cs) and r.sides:
            places = bool(r.find("city_pair_words", s, cs))
            a, b = r.lift(r.sides[0], places), r.lift(r.sides[1], places)
            if a != b:
                yield Fact("cooperates_with", a, b, ev, date=date)
            return


def partner_cooperation_facts(r: Reader, s: int, e: int, ev: Mention, date: str | None) -> Iterator[Fact]:
    """"之后一直同两座城市展开交流" / "has cooperated with both cities since": cooperation with every
    partner of the agreements just read, when the conjunction is followed by a word for them."""
    if len(r.partners) < 2 or not r.find("cooperation_words", s, e):
        return
    for _, we, _ in r.find("with_words", s, e):
        if any(ps == we or ps == we + 1 and r.text[we] == " " for ps, _, _ in r.find("partner_words", we, e)):
            for a, b in r.partners:
                yield Fact("cooperates_with", a, b, ev, date=date)
            return
