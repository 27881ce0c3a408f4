"""Agreements (MOU, 협약, 자매결연 … with kind and status) and cooperation between two parties."""
from __future__ import annotations

import re
from typing import Iterator

from ...graph.model import Fact
from .phrases import (
    PARTY_TYPES,
    affiliations,
    cues,
    post_facts,
    skip_paren,
    topic_group,
    unknown_topic,
    window_start,
)
from .view import DocumentView, Spot

# ---------------------------------------------------------------- agreements

def agreement_words(view: DocumentView, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """Return (start, end, kind, status) for each agreement word with a status word after it."""
    text = view.text
    lex = view.lex
    signed_only = set(lex.get("agreement_signed_only", []))
    found: list[tuple[int, int, str, str]] = []
    for word, kind in sorted(lex.get("agreement_kinds", []), key=lambda p: -len(p[0])):
        for m in re.finditer(re.escape(word), text[start:end]):
            s, e = start + m.start(), start + m.end()
            if any(s < fe and fs < e for fs, fe, _, _ in found):
                continue
            after = text[e:e + 8]
            if any(after.lstrip().startswith(n) or after.startswith(n) for n in
                   lex.get("agreement_not_after", [])) or re.match(r"\w{0,3}\s*이상", after):
                continue
            status = _status_after(view, e, end) or _status_after(view, start, s)
            if status is None or (word in signed_only and status != "signed"):
                continue
            found.append((s, e, kind, status))
    # "우호도시 협정": a generic word next to a specific one adds nothing
    generic = set(lex.get("agreement_generic", []))
    specific = [(s, e) for s, e, _, _ in found if text[s:e] not in generic]
    found = [f for f in found if text[f[0]:f[1]] not in generic
             or not any(abs(f[0] - e) <= 3 or abs(s - f[1]) <= 3 for s, e in specific)]
    return sorted(found)


def _status_after(view: DocumentView, pos: int, end: int) -> str | None:
    """The status the first status word after ``pos`` gives, read through to its verb.

    "체결을 요청함" is a request: a status word right after another one wins.
    """
    text = view.text[pos:end]
    hits = sorted(((m.start(), m.end(), status)
                   for status, words in view.lex.get("agreement_status", {}).items()
                   for w in words for m in re.finditer(re.escape(w), text)),
                  key=lambda h: (h[0], -h[1]))  # at one place the longest word speaks: 체결한다 over 체결
    if not hits:
        return None
    _, e, status = hits[0]
    for s2, e2, st2 in hits[1:]:
        if s2 < e:
            continue
        if s2 - e > 6:
            break
        e, status = e2, st2
    return status


# "…에서" names where an agreement was signed, not who signed it: "다낭시 인민위원회 청사에서"



_BYLINE = re.compile(r"\[[^\[\]\n=]{1,20}=\s*$")


def _in_byline(text: str, start: int, end: int) -> bool:
    """True for the outlet or place of a news byline: "[김포=한빛일보]" names no party."""
    before = text[max(0, start - 22):start]
    return "[" in before and (_BYLINE.search(before) is not None or before.rstrip().endswith("[")) \
        and text[end:end + 1] in ("]", "=")


def _parties(view: DocumentView, start: int, end: int, spots: list[Spot]) -> list[Spot]:
    """Return the mentions that can be a party to an agreement."""
    affil = affiliations(view, start, end)
    # "홍콩에 중국과학원을 설립하는 MOU": a place where something is set up is no party
    founding = re.search(r"설립|건립|위치|소재|입주", view.text[start:end]) is not None
    return [s for s in spots
            if s.type in PARTY_TYPES and s.start not in affil and not view.is_modifier(s)
            and not re.match(r"\s*(?:%s)?\s*에서\s" % view.words("venue_words"), view.text[skip_paren(view, s.end):end])
            and not _in_byline(view.text, s.start, s.end)
            and not (founding and re.match(r"\s*에\s", view.text[skip_paren(view, s.end):end]))]


def we_city(view: DocumentView, start: int, end: int) -> str | None:
    """Return the home city when the text says "우리시" (our city)."""
    text = view.text[start:end]
    if view.home_city and any(w in text for w in view.lex.get("we_city_words", [])):
        return view.home_city
    return None


def agreement_facts(view: DocumentView, start: int, end: int, spots: list[Spot], topic: list[Spot],
                    carried: list[str], ev, date) -> Iterator[Fact]:
    """Yield agreements with kind and status; the topic is one side, the others the other."""
    kinds = agreement_words(view, start, end)
    if not kinds:
        # "A와 B 체결": a signed agreement whose kind the text does not name
        for a, b in _linked_pairs(view, start, end, spots):
            view.last_pair = (a, b)
            yield Fact("agreement", a, b, ev, date=date, kind="other", status="signed")
        return
    pair = view.pair_in(start, end) or view.last_pair
    for ks, ke, kind, status in kinds[:2]:
        if status == "signed" and view.coming(start, ks) and view.planned(start, end):
            status = "planned"  # "오는 9월 … 협정을 체결하고 … 추진할 예정이다": still to come
        before = [s for s in spots if s.start < ks]
        parties = _parties(view, start, ks, before)
        we = we_city(view, start, end)
        topic_ids = [t.entity for t in topic if t.type in PARTY_TYPES]
        signers: dict[str, str] = {}
        if not parties and not topic_ids:
            # "박형준 부산시장은 … 에릭 가세티 로스앤젤레스 시장과 업무협약을 체결했다": persons sign
            # for the bodies their titles name, and the bodies are the parties
            signers = _signers(view, start, ks, before)
            topic_ids = [signers[t.entity] for t in topic[:1] if t.entity in signers]
            if topic_ids:  # a person signs only as the sentence's topic or beside it
                parties = [Spot(p.start, p.end, signers[p.entity], view.type_of(signers[p.entity]))
                           for p in before if p.entity in signers and signers[p.entity] not in topic_ids]
            else:
                signers = {}
        side_a = topic_ids or ([] if unknown_topic(view, start, end) else
                               [p for p in carried if p in view.entities and view.type_of(p) in PARTY_TYPES][:1])
        others = [p.entity for p in parties if p.entity not in side_a]
        # "성저우시는 중국 절강성 인구 74만명의 도시로 … 우호결연을 맺은": what holds the topic is no partner
        others = [o for o in others if not any(o in view.own(a) for a in side_a)]
        if we and we not in side_a:
            others.append(we)
        others = list(dict.fromkeys(others))
        if side_a and not others:
            after = _relative_party(view, ke, end, side_a)
            if after is not None:  # "자매결연을 체결한 중국 베이징시 퉁저우구와": the partner follows
                others = [after]
            elif pair and side_a[0] in pair and any(len(view.text[t.start:t.end]) <= 2 for t in topic):
                # "구는 … 합의서를 체결하고": the text's own place, tied again to its last partner
                others = [pair[1] if pair[0] == side_a[0] else pair[0]]
        if not side_a and len(others) >= 2:
            if _listed(view, parties):
                continue  # "푸단대학·난징대학 등 … 대학과": the other side is not named here
            side_a, others = others[:1], others[1:]
        if not others and len(side_a) >= 2:
            side_a, others = side_a[:1], side_a[1:]
        if len(side_a) + len(others) == 1:
            # "양저우시와는 1997년 자매결연을 맺은 이후": the partner alone, the home side implied
            side_a, others = _home_partner(view, parties or topic, ks, kind, side_a + others)
        if not others and not side_a and view.pair_in(start, end):
            side_a, others = [pair[0]], [pair[1]]  # "두 도시는 … 양해각서를 체결한다"
        for a in side_a:
            for b in others:
                view.last_pair = (a, b)
                yield Fact("agreement", a, b, ev, date=date, kind=kind, status=status)
        if status == "signed" and side_a and others:  # the persons who signed together met
            signed_by = {org: person for person, org in signers.items()}
            first = {p.entity: p.start for p in reversed(before)}
            for a in side_a:
                for b in others:
                    if a in signed_by and b in signed_by:
                        x, y = sorted((signed_by[a], signed_by[b]), key=lambda p: first[p])  # as written
                        if signers[y] in (view.home, view.home_city) or y in view.home_side:
                            x, y = y, x  # the home side met the other
                        yield Fact("met", x, y, ev, date=date)


def _signers(view: DocumentView, start: int, end: int, spots: list[Spot]) -> dict[str, str]:
    """Map each person named before an agreement word to the body their title names there."""
    out: dict[str, str] = {}
    for f in post_facts(view, start, end, spots, None):
        if f.type == "holds_post" and view.type_of(f.object) in PARTY_TYPES:
            out.setdefault(f.subject, f.object)
    return out


_WITH_TOPIC = re.compile(r"\s*(?:와|과)(?:는|도)?\s")
_CITY_KINDS = {"sister_city", "friendship_city"}


def _home_partner(view: DocumentView, parties: list[Spot], cue: int, kind: str,
                  lone: list[str]) -> tuple[list[str], list[str]]:
    """Pair a lone partner written "X와(는) …" with home (its city for city-to-city kinds);
    a lone topic of a city-to-city tie ("성저우시는 … 우호결연을 맺은 이래") with the text's own city."""
    home = view.home_city if kind in _CITY_KINDS and view.home_city else view.home
    spot = next((s for s in parties if s.entity == lone[0]), None)
    if spot is None and kind in _CITY_KINDS and view.local_city and view.local_city != lone[0] \
            and lone[0] in view.entities and view.type_of(lone[0]) in ("City", "District"):
        return lone, [view.local_city]
    if not home or spot is None or home == lone[0] or lone[0] in (view.home, view.home_city):
        return lone, []
    if not _WITH_TOPIC.match(view.text, skip_paren(view, spot.end), cue):
        return lone, []
    return [home], lone





def _relative_party(view: DocumentView, ke: int, end: int, side_a: list[str]) -> str | None:
    """The party a relative clause describes: "자매결연을 체결한 (중국 베이징시) 퉁저우구"."""
    m = re.compile(r"[을를]?\s*(?:%s)(?:한|은|했던|하였던|한지)\s" % view.words("signing_verbs")).match(view.text, ke, end)
    if not m:
        return None
    for s in view.spots_in(ke + m.end(), min(end, ke + m.end() + 40)):
        if s.type in PARTY_TYPES and s.entity not in side_a and not view.is_modifier(s) and s.type != "Country":
            return s.entity
    return None


def _listed(view: DocumentView, parties: list[Spot]) -> bool:
    """True when all parties form one list joined by commas, dots or 및."""
    return len(parties) >= 2 and all(
        re.fullmatch(r"\s*(?:,|·|、|및)\s*", view.text[skip_paren(view, a.end):b.start])
        for a, b in zip(parties, parties[1:]))


def _linked_pairs(view: DocumentView, start: int, end: int, spots: list[Spot]) -> list[tuple[str, str]]:
    """Pairs written "A와 B 체결" inside the span."""
    out = []
    words = "|".join(re.escape(w) for w in view.lex.get("bare_agreement_words", []))
    if not words:
        return out
    parties = [s for s in spots if s.type in PARTY_TYPES and not view.is_modifier(s)]
    for a, b in zip(parties, parties[1:]):
        gap = view.text[skip_paren(view, a.end):b.start]
        tail = view.text[skip_paren(view, b.end):end]
        if re.fullmatch(r"\s*(?:와|과)\s+(?:\S+\s+)?", gap) and re.match(r"\s*(?:이|가|은|는)?\s*(?:%s)" % words, tail):
            out.append((a.entity, b.entity))
    return out


_WITH = re.compile(r"\s*(?:등\s*)?(?:와|과)(?:의)?(?=[\s\W]|$)")


_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,30}\))?\s*(?:,|、|와|과|및)\s*")
_AMONG = re.compile(r"\s*(?:\([^()]{0,30}\))?\s*(?:\d+\s*자\s*|양\s*자\s*)?간[\s의]")


def _listed_between(view: DocumentView, spots: list[Spot], start: int, cue: int, ok) -> list[str]:
    """Parties listed before "간": "A, B, C 3자 간 공동연구" -> [A, B, C]."""
    text = view.text
    chain: list[Spot] = []
    for s in spots:
        if s.start >= cue:
            break
        if s.type not in ok or view.is_modifier(s):
            continue
        if chain and not _LIST_GAP.fullmatch(text, chain[-1].end, s.start):
            chain = []
        chain.append(s)
        if len(chain) >= 2 and _AMONG.match(text, s.end, cue):
            return list(dict.fromkeys(x.entity for x in chain))
    return []


def cooperation_facts(view: DocumentView, start: int, end: int, spots: list[Spot], topic: list[Spot],
                      carried: list[str], ev, date) -> Iterator[Fact]:
    """Yield cooperates_with facts: "A는 B와 협력", "A, B 등과 협력", "A과 B의 협력"."""
    text = view.text
    kinds = agreement_words(view, start, end)
    # a cooperation word beside an agreement word names the agreement ("협력 협약"), not a tie of its own
    hits = [(cs, ce) for cs, ce in cues(text, start, end, view.lex.get("cooperation_words", []))
            if not any(ks - 8 <= cs <= ke + 8 for ks, ke, _, _ in kinds)]
    if not hits:
        return
    affil = affiliations(view, start, end)
    ok = PARTY_TYPES | {"IndustrialPark"}
    done: set[tuple[str, str]] = set()
    for cue, _ in hits:
        partners: list[Spot] = []
        for s in spots:
            if s.start >= cue or s.start in affil or view.is_modifier(s) or s.type not in ok:
                continue
            after_pos = skip_paren(view, s.end)
            m = _WITH.match(text, after_pos, cue)
            near = m is not None and cue - m.end() <= 16 and not _breaks(view, m.end(), cue)
            if near or _coordinated_to_partner(view, s, cue):
                partners.append(s)
        pairs: list[tuple[str, str]] = []
        pair = _pair_of(view, spots, cue, ok)
        among = _listed_between(view, spots, start, cue, ok)
        if among:
            pairs = [(a, b) for i, a in enumerate(among) for b in among[i + 1:] if a != b]
        elif pair:
            pairs = [pair]
        elif partners:
            head = topic_group(view, start, end, before=partners[0].start)
            if head and _unnamed_topic_between(view, head[-1].end, partners[0].start):
                head = []  # "텐센트는 신설 본부가 … 와 손을 잡고": the nearer topic is unnamed
            side_a = [t.entity for t in head if t.type in ok]
            if not side_a and not unknown_topic(view, start, end) and \
                    not _unnamed_topic_between(view, start, partners[0].start):
                if carried:
                    side_a = carried[:1]
                elif view.home:
                    side_a = [view.home]
            pairs = [(a, b.entity) for a in side_a for b in partners if a != b.entity]
        else:
            head = topic_group(view, start, end, before=cue)
            ids = [t.entity for t in head if t.type in ok]
            if len(ids) >= 2:
                pairs = [(ids[0], b) for b in ids[1:]]
            elif view.pair_in(start, cue):
                pairs = [view.pair_in(start, cue)]  # "두 도시 공무원 간의 교환 근무"
        for a, b in pairs:
            if (a, b) not in done:
                done.add((a, b))
                yield Fact("cooperates_with", a, b, ev, date=date)


# a subject word: "…은/는", or "…가" that is no common noun ending in 가 (국가, 평가, 증가 …)
_TOPIC_WORD = re.compile(r"[가-힣A-Za-z]{2,}(?:(?<![에로와과])(?:은|는)|가)\s")
_NOUNS_IN_GA = frozenset({"국가", "평가", "증가", "추가", "참가", "부가", "가가", "대가", "시가", "주가", "전문가"})


def _unnamed_topic_between(view: DocumentView, start: int, end: int) -> bool:
    """True when a topic-marked word that is no entity stands between the offsets."""
    for m in _TOPIC_WORD.finditer(view.text, start, end):
        word = m.group().strip()
        if word.endswith("가") and any(word.endswith(n) for n in _NOUNS_IN_GA):
            continue
        if not any(s.start < m.end() and m.start() < s.end for s in view.spots_in(max(0, m.start() - 30), m.end())):
            return True
    return False


def _breaks(view: DocumentView, start: int, end: int) -> bool:
    """True when a clause ends between the two offsets ("…와 연계하고, … 협력")."""
    return window_start(view, start, end, []) > start


def _pair_of(view: DocumentView, spots: list[Spot], cue: int, ok: frozenset) -> tuple[str, str] | None:
    """"KIC 중국과 청둥고신구의 심도 있는 협력": both sides in one phrase before the cue."""
    for a, b in zip(spots, spots[1:]):
        if b.start >= cue or a.type not in ok or b.type not in ok:
            continue
        if re.fullmatch(r"\s*(?:와|과)\s+", view.text[skip_paren(view, a.end):b.start]):
            tail = view.text[skip_paren(view, b.end):cue]
            if re.match(r"의\s", tail) and len(tail) <= 16:
                return a.entity, b.entity
    return None


def _coordinated_to_partner(view: DocumentView, spot: Spot, cue: int) -> bool:
    """True for "알리바바" in "알리바바, Jusjoun Bigdate, DHC 등과 협력"."""
    nxt = view.next_spot(spot)
    while nxt is not None and nxt.start < cue:
        gap = view.text[skip_paren(view, spot.end):nxt.start]
        if not re.fullmatch(r"\s*(?:,|·|、|및|와|과)\s*", gap):
            return False
        after = view.text[skip_paren(view, nxt.end):cue]
        if re.match(r"\s*(?:등\s*)?(?:와|과)(?:의)?(?=[\s\W]|$)", after):
            return True
        spot, nxt = nxt, view.next_spot(nxt)
    return False


