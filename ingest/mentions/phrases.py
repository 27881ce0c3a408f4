"""Korean names that end in an organisation or place suffix, read off Kiwi's tokens.

"충칭우전대학교", "위베이구 인민정부", "구이양 빅데이터거래소": a run of nouns that ends in a
suffix of ``data/lexicon/ko/mentions.json`` (대학교, 인민정부, 거래소 …) is one name, its
type given by the suffix; a leading place name inside it is noted (``place_end``).
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from rapidfuzz import fuzz

from ...graph.model import ADMIN_PLACES, PLACE_TYPES
from ..gazetteer import Gazetteer, jamo, norm
from ..lexicon import Lexicon, transcribe_hanzi
from .candidate import (
    BRACKET_HANZI,
    BRACKET_LATIN,
    HANGUL,
    NOUNISH,
    PROPER,
    WORDCH,
    Candidate,
    Token,
    place_suffix,
)


def phrase_mentions(text: str, toks: Sequence[Token], lexicon: Lexicon, gazetteer: Gazetteer,
                    known: Sequence[Candidate]) -> list[Candidate]:
    """Return noun phrases ending in an organisation, park, event or place suffix.

    The phrase grows left over whole words: over proper words (Kiwi NNP, Latin,
    known names) freely, over one common word only when the head is a bare suffix
    (OKTA 비즈니스 센터, not 출신 헤리티지 재단).
    """
    places = {c.start: c for c in known if c.type in PLACE_TYPES}
    known_spans = [(c.start, c.end) for c in known]
    starts = [t.start for t in toks]
    words = _eojeols(text, toks)
    out = []
    for w, (ws, we, wtoks) in enumerate(words):
        t = wtoks[-1]
        if t.tag not in NOUNISH:
            continue
        surface = text[ws:we]
        hit = lexicon.suffix_type(surface)
        place_hit = None if hit else place_suffix(surface, lexicon)
        if hit is None and place_hit is None:
            continue
        suffix, etype = hit if hit is not None else place_hit
        if place_hit is not None and (not any(x.tag == "NNP" for x in wtoks)
                                      or any(surface.endswith(f) for f in lexicon.not_place_endings)):
            continue  # a common word ending in 시/구/성 is not a place
        bare = norm(surface) == norm(suffix) or norm(surface) in lexicon.generic_heads
        if hit is not None and bare and suffix in lexicon.fused_suffixes:
            continue  # "스마트 공장" is no name; "우시공장" is
        start, common_used, k = ws, False, w
        over_body = False  # a generic head grown over a body's own name: 시엔타오빅데이터밸리 관리위원회
        # a zone named by a lexicon suffix grows over its city: 옌타이 경제기술개발구
        zone = hit is not None and etype == "District" and len(suffix) >= 3 and not bare
        # an anniversary is named by the tie it marks: 공주시-야마구치시 자매결연 30주년 기념식
        anniversary = etype == "Event" and w > 0 and text[words[w - 1][0]:words[w - 1][1]].isdigit() \
            and text[words[w - 1][1]:ws] == "주년 "
        while hit is not None and (etype not in ADMIN_PLACES or zone) and k > 0 and k - w > -4:
            # a place name does not grow: 쓰촨성 청두시
            ps, pe, ptoks = words[k - 1]
            if text[pe:words[k][0]] != " " and not (anniversary and k == w and text[pe:ws] == "주년 "):
                # a name with its gloss in brackets: 티베트(西藏) 자치구 인민대표회의
                if not (re.fullmatch(r"[)）] ", text[pe:words[k][0]]) and k >= 2 and ptoks[0].tag == "SH"
                        and text[words[k - 2][1]:ps] in ("(", "（")
                        and text[words[k][0]:words[k][1]] in lexicon.place_suffixes):
                    break
                k -= 1
                ps, pe, ptoks = words[k - 1]
            word = text[ps:pe]
            if word in lexicon.stop_prefixes or word in lexicon.titles:
                break
            if etype == "GovernmentBody" and ps in places and places[ps].type == "Country" \
                    and places[ps].end == pe and start in places:
                break  # 일본 삿포로시의회: the country locates a body named for its city, as in 중국 청도시
            if not bare and lexicon.suffix_type(word) is not None:
                break  # 충칭임시정부 광복군사령부: two bodies side by side
            if lexicon.strip_particle(word) != word and not any(a <= ps and pe <= b for a, b in known_spans) \
                    and not (bare and lexicon.suffix_type(word) is not None):  # 인민대표회의 상무위원회
                break  # 미국서: a word with a particle ends the phrase
            proper = (any(x.tag in ("NNP", "SH") or (x.tag == "SL" and x.end - x.start >= 2) for x in ptoks)
                      or any(a <= ps and pe <= b for a, b in known_spans)
                      or any(ps <= a < pe for a, _ in known_spans)
                      or (bare and (lexicon.suffix_type(word) or ("", ""))[0] not in ("", word))
                      # a mission named for its post: 주다낭 (총영사관), 주베트남 (대사관)
                      or (word[:1] == "주" and len(word) >= 3 and bool(gazetteer.lookup(word[1:])))
                      or (anniversary and (word.isdigit() or word in lexicon.anniversary_words))
                      # a place's unit written apart: 티베트(西藏) 자치구 인민대표회의
                      or (len(word) >= 2 and word in lexicon.place_suffixes and k >= 2
                          and any(a == words[k - 2][0] for a, _ in known_spans)))
            if zone and not any(a <= ps and pe <= b for a, b in known_spans):
                break  # only a known place joins a zone's name
            if not proper:
                if not bare or common_used or len(word) < 2 or k != w:
                    break
                common_used = True
            elif bare and k == w and etype == "GovernmentBody":
                hit_word = lexicon.suffix_type(word)
                over_body = hit_word is not None and len(word) - len(hit_word[0]) >= 2 and \
                    norm(word) not in lexicon.generic_heads
            start, k = ps, k - 1
        while anniversary and start > 0 and text[start - 1] in "-–~·":
            pair = next((a for a, b in known_spans if b == start - 1), None)  # 공주시-야마구치시
            if pair is None:
                break
            start = pair
        anded = hit is not None and etype in ("GovernmentBody", "Organization") and not bare and k == w \
            and " " not in text[start:we] and _over_and(text, start, words, k, lexicon, known_spans) != start
        if anded:  # a name as proper alone as its last word: 신경제발전국 -> 과학기술 및 신경제발전국
            start = _over_and(text, start, words, k, lexicon, known_spans)
        start = _extend_by_hanzi(text, start, we, words, k, gazetteer)
        while start < we and not HANGUL.match(text[start]) and not text[start].isalpha():
            start += 1
        span = text[start:we]
        m = re.match(r"(\d{1,2}[.)]\s+|[A-Za-z][.)]\s+)", span)
        if m:
            start, span = start + m.end(), span[m.end():]
        place = places.get(start)
        place_end = place.end if place is not None and place.end < we else None
        if place_end is None and " " in span:
            first_word = span.split(" ", 1)[0]
            unit = place_suffix(first_word, lexicon)
            if unit and not lexicon.suffix_type(first_word) \
                    and not any(first_word.endswith(f) for f in lexicon.not_place_endings) \
                    and any(x.tag == "NNP" for x in toks if start <= x.start < start + len(first_word)):
                place_end = start + len(first_word)
                # the place itself is a mention too: 난안구 in 난안구 차이나스마트밸리
                out.append(Candidate(start, place_end, first_word, unit[1], "place"))
        head = text[place_end:we].strip() if place_end else span
        nhead = norm(head)
        stem = nhead[: -len(norm(suffix))] if nhead.endswith(norm(suffix)) else nhead
        if place_end is None and (len(stem) < 2 or nhead in lexicon.generic_heads):
            continue
        stem_end = we - len(suffix)
        inner = toks[bisect.bisect_left(starts, start):bisect.bisect_left(starts, we)]
        pieces = [text[x.start:min(x.end, stem_end)] for x in inner if x.start < stem_end]
        generic = all(p in lexicon.generic_stems or not WORDCH.search(p) for p in pieces)
        stem_proper = any(x.tag in PROPER and x.start < stem_end
                          and text[x.start:min(x.end, stem_end)] not in lexicon.generic_stems for x in inner)
        proper = (place_end is not None or stem_proper or _opens_with_place(span, gazetteer)
                  or any(start <= a and b <= we for a, b in known_spans)
                  or BRACKET_LATIN.match(text, we) is not None or BRACKET_HANZI.match(text, we) is not None
                  or ((" " not in span or anded) and len(stem) >= 3 and not generic) or over_body
                  # 의회사무국: a body's own unit, the stem itself a body word
                  or (" " not in span and len(stem) >= 2 and (lexicon.suffix_type(stem) or ("",))[0] == stem
                      and etype == "GovernmentBody"))
        if not proper and anniversary and any(w_ in lexicon.anniversary_words for w_ in span.split()):
            proper = True
        if not proper and etype == "Event" and bare and common_used and not generic:
            # an event is named by what it is about: 국제우호도시 원탁회의, a compound before its kind
            proper = sum(1 for x in inner if x.start < ws and x.tag.startswith("NN")) >= 3
        if not proper and suffix == "위원회" and " " not in span and len(stem) >= 3 and start == ws:
            # 청주시의회 행정문화위원회: a council's standing committee, named by its remit
            prev = text[max(0, ws - 12):ws].rstrip()
            proper = prev.endswith("의회") and text[ws - 1:ws] == " "
        if not proper or (etype == "GovernmentBody" and _unit_follows(text, we, words, w, lexicon)):
            continue
        out.append(Candidate(start, we, span, etype, "phrase" if hit else "place", place_end=place_end,
                             place_keys=place.keys if place is not None and place_end == place.end else ()))
    return out


def _unit_follows(text: str, end: int, words, w: int, lexicon: Lexicon) -> bool:
    """True when a body's own unit follows its name: 인민대표회의 상무위원회 is one name, not two."""
    if w + 1 >= len(words) or text[end:words[w + 1][0]] != " ":
        return False
    word = lexicon.strip_particle(text[words[w + 1][0]:words[w + 1][1]])
    hit = lexicon.suffix_type(word)
    return (hit is not None and hit[1] == "GovernmentBody" and len(word) >= 3
            and norm(word) in lexicon.generic_heads and norm(word) == norm(hit[0]))


def _over_and(text: str, start: int, words, k: int, lexicon: Lexicon, known_spans) -> int:
    """Grow a bureau's name over "X 및" when X is a bare field word opening a list item:
    "과학기술 및 신경제발전국", "국제협력 및 투자서비스국" (not "외사판공실 및 투자서비스국": two bodies).
    """
    if k < 1:
        return start
    ps, pe, ptoks = words[k - 1]
    word = text[ps:pe]
    if text[pe:start] != " 및 " or len(word) < 2 \
            or lexicon.strip_particle(word) != word or lexicon.suffix_type(word) is not None \
            or word in lexicon.stop_prefixes or any(a < pe and ps < b for a, b in known_spans) \
            or not all(t.tag.startswith("NN") for t in ptoks):
        return start
    before = text[max(0, ps - 2):ps]
    return ps if ps == 0 or before[-1:] in "\n\t(,:：·" or before in (", ", ": ", "： ") else start


def _extend_by_hanzi(text: str, start: int, end: int, words, k: int, gazetteer: Gazetteer) -> int:
    """Grow a phrase left over a word that transcribes the opening of the Chinese name in
    brackets after it: 시엔타오 국제빅데이터밸리(仙桃国际大数据谷) takes 시엔타오."""
    b = BRACKET_HANZI.match(text, end)
    if b is None or k == 0:
        return start
    ps, pe, _ = words[k - 1]
    if text[pe:start] != " ":
        return start
    word = text[ps:pe]
    if not all("가" <= ch <= "힣" for ch in word):
        return start
    hanzi = b.group(1)
    for size in range(1, min(4, len(hanzi)) + 1):
        opening = transcribe_hanzi(hanzi[:size], gazetteer._pinyin)
        if fuzz.ratio(jamo(word), jamo(opening)) >= 85:
            return ps
    return start


def _opens_with_place(span: str, gazetteer: Gazetteer) -> bool:
    """Return True when a word of the phrase begins with a known place (고양실리콘밸리)."""
    for word in span.split():
        m = next(iter(gazetteer.find(word, starts=lambda i: i == 0, ends=lambda s, e: e - s >= 2)), None)
        if m is not None and m.end < len(word) and any(
                gazetteer.entry(k).type in PLACE_TYPES for k in m.keys):
            return True
    return False


def _eojeols(text: str, toks: Sequence[Token]) -> list[tuple[int, int, list[Token]]]:
    """Group Kiwi tokens into runs of nouns with no gap: (start, end, tokens)."""
    out: list[tuple[int, int, list[Token]]] = []
    run: list[Token] = []
    for t in toks:
        if run and (t.start != run[-1].end or t.tag not in NOUNISH):
            out.append((run[0].start, run[-1].end, run))
            run = []
        if t.tag in NOUNISH:
            run.append(t)
        elif run:
            out.append((run[0].start, run[-1].end, run))
            run = []
    if run:
        out.append((run[0].start, run[-1].end, run))
    return out


