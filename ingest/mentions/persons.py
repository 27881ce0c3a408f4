"""Persons: names beside titles (either order), foreign names, delegation tables, and
Hangul names followed by their Chinese characters.

>>> from cityties.ingest.lexicon import load_lexicon
>>> is_name("김수환", load_lexicon()), is_name("위원장", load_lexicon()), is_name("산업단지", load_lexicon())
(True, False, False)
"""
from __future__ import annotations

import re
from typing import Sequence

from ...graph.names import fold as norm_name
from ..gazetteer import Gazetteer
from ..lexicon import Lexicon, transcribe_hanzi
from ..source import SourceText
from .candidate import (
    BRACKET_HANZI,
    HANGUL,
    Candidate,
    Token,
    eojeol_rest,
    place_suffix,
)

_DITTO = {'"', "〃", "“", "”", "''", "상동", "동"}


def is_name(name: str, lexicon: Lexicon) -> bool:
    """Return True for a plausible Korean or transcribed Chinese person name."""
    if not 2 <= len(name) <= 5 or not all("가" <= c <= "힣" for c in name) or name in lexicon.stop_prefixes:
        return False
    if len(name) == 5 and not any(name.startswith(s) for s in lexicon.surnames_zh):
        return False  # five syllables only for a transcribed Chinese name (주어취차오)
    if name in lexicon.titles or any(name.endswith(t) for t in lexicon.titles if len(t) >= 2) \
            or name in lexicon.generic_stems or lexicon.suffix_type(name) \
            or any(name.endswith(h) for h in lexicon.generic_heads if len(h) >= 2):
        return False
    return name[0] in lexicon.surnames_ko or name[:2] in lexicon.surnames_ko or any(
        name.startswith(s) and len(name) > len(s) for s in lexicon.surnames_zh)


def analysis(kiwi, word: str) -> tuple[tuple, float]:
    """Return Kiwi's best reading of ``word`` alone, (tokens, log-probability), once per word."""
    cache = _ANALYSES.setdefault(id(kiwi), {})
    if word not in cache:
        tokens, score = kiwi.analyze(word, top_n=1)[0][:2]
        cache[word] = (tuple(tokens), score)
    return cache[word]


_ANALYSES: dict[int, dict[str, tuple[tuple, float]]] = {}


def known_word(kiwi, word: str) -> bool:
    """Return True when Kiwi reads ``word`` alone as a common word (국내외, 시스템, 하도록).

    Kiwi scores an analysis by log-probability: words in its dictionary score
    high, names it has never seen score low.
    """
    if kiwi is None:
        return False
    tokens, score = analysis(kiwi, word)
    return score > KNOWN_WORD_SCORE and not any(t.tag == "NNP" for t in tokens)


def inflected(kiwi, word: str) -> bool:
    """Return True when Kiwi reads ``word`` as a verb or adjective form (방문해준, 환영하는)."""
    if kiwi is None:
        return False
    return any(t.tag.startswith(("VV", "VA", "VX", "XSV", "XSA", "EP", "EF", "EC", "ETM"))
               for t in analysis(kiwi, word)[0])


KNOWN_WORD_SCORE = -20.5


def _known_place(gazetteer: Gazetteer | None, word: str, countries: bool = False) -> bool:
    """True when the gazetteer knows ``word`` as a city, district or province (or country) name."""
    if gazetteer is None:
        return False
    forms = [word] + ([word[:-1]] if len(word) >= 3 and word[-1] in "시군구도성현주" else [])
    types = ("City", "District", "Province", "Country") if countries else ("City", "District", "Province")
    return any(e.type in types for w in forms for e in gazetteer.lookup(w))


def _word_ends(rest: str, lexicon: Lexicon) -> bool:
    """True when what follows a title ends its word: nothing, a particle, or 등 with one ("영사등이")."""
    return not rest or rest in lexicon.particles or rest[:1] == "등" and (len(rest) == 1 or rest[1:] in lexicon.particles)


def person_mentions(text: str, lexicon: Lexicon, toks: Sequence[Token], kiwi=None,
                    gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Return persons written next to a title, in either order.

    Forms: 김수환 위원장, 위원장 김수환, 의정팀장 : 백기현, 최성 고양시장 (organisation
    fused with the title), 이헌수 KIC 회장 (a Latin organisation between).
    """
    titles = "|".join(re.escape(t) for t in lexicon.titles)
    tag_at = {}
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        split = nxt is not None and nxt.start == t.end and nxt.tag.startswith("J")
        tag_at[t.start] = t.tag if t.tag != "NNG" else ("NNG" if t.end - t.start == 3 else
                                                         "NNG-" if split else "NNG+")
    out = []
    latin_named = re.compile(rf"(?<![가-힣])([가-힣]{{2,5}}(?: [가-힣]{{1,3}})?)\s?\(([A-Z][a-z]+(?: [A-Z][a-z]+){{1,2}})\)\s?({titles})")
    for m in latin_named.finditer(text):  # 제이슨 구(Jason Ku) 소장
        words = m.group(1).split()
        if lexicon.suffix_type(words[-1]) or any(
                w in lexicon.generic_stems or (len(w) >= 2 and known_word(kiwi, w)) for w in words):
            continue
        out.append(Candidate(m.start(1), m.end(1), m.group(1), "Person", "person", latin=(m.group(2),),
                             title=m.group(3)))
    # a title, then a foreign name with its romanisation: 부주석 응우옌 흐엉 장(Nguyen Huong Giang)
    romanised = re.compile(rf"(?<![가-힣])({titles}) ([가-힣]{{1,4}}(?: [가-힣]{{1,4}}){{0,3}})\s?"
                           rf"\(([A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){{1,3}})\)")
    for m in romanised.finditer(text):
        words, latin = m.group(2).split(), m.group(3).split()
        if len(latin) < len(words) or lexicon.suffix_type(words[-1]) or any(
                w in lexicon.titles or w in lexicon.generic_stems or place_suffix(w, lexicon)
                or (gazetteer is not None and gazetteer.lookup(w)) for w in words):
            continue  # 시장 뉴욕(New York), 위원 한국개발연구원(…): a place or body, not a person
        out.append(Candidate(m.start(2), m.end(2), m.group(2), "Person", "person", latin=(m.group(3),),
                             title=m.group(1)))
    # a foreign name of two or three words before a title: 다나카 히로시 과장, 응우옌 반 훙 부위원장
    spaced = re.compile(rf"(?<![\w])([가-힣]{{2,4}} (?:[가-힣]{{1,4}} )?[가-힣]{{1,4}}) ({titles})")
    for m in spaced.finditer(text):
        words = m.group(1).split()
        rest = eojeol_rest(text, m.end())
        if rest and rest not in lexicon.particles:
            continue
        if is_name("".join(words), lexicon) and len("".join(words)) <= 4:
            continue  # a Korean name with a space is handled below
        if any(lexicon.strip_particle(w) != w for w in words[:-1]) or any(
                lexicon.strip_particle(w).endswith(t) for w in words for t in lexicon.titles if len(t) >= 2):
            continue  # 뱅크의 이종선, 부시장과 사무국장: not one foreign name
        if any(w in lexicon.stop_prefixes or w in lexicon.titles or lexicon.suffix_type(w) or place_suffix(w, lexicon)
               and not w.endswith("시") or (len(w) >= 2 and known_word(kiwi, w)) or w in lexicon.generic_stems
               or inflected(kiwi, w)
               or (gazetteer is not None and gazetteer.lookup(w)) or w in lexicon.particles
               for w in words):
            continue
        out.append(Candidate(m.start(1), m.end(1), m.group(1), "Person", "person", title=m.group(2)))
    # a foreign name of two words, its place or body, then the title: 이토 카즈키 야마구치 시장,
    # 이지마 히로유키 일본 삿포로시의회 의장
    out += _named_before_body(text, lexicon, kiwi, gazetteer, titles)
    # a title, then a foreign name of two words without romanisation: 부시장 다나카 히로시,
    titled_two = re.compile(rf"({titles}) ([가-힣]{{2,4}}) ([가-힣]{{2,5}})(?=[\s,.·)」』”\"'])")
    for m in titled_two.finditer(text):
        first, second = m.group(2), lexicon.strip_particle(m.group(3))
        if len(second) < 2 or len(second) > 4:
            continue
        words = (first, second)
        if any(w in lexicon.titles or w in lexicon.generic_stems or w in lexicon.stop_prefixes
               or w in lexicon.particles or lexicon.suffix_type(w)
               or lexicon.strip_particle(w) != w and w is first
               or any(w.endswith(t) for t in lexicon.titles if len(t) >= 2)
               or (len(w) >= 2 and known_word(kiwi, w)) for w in words):
            continue  # 부시장 박정민 일행이, 부시장 천원징과 면담함: not one foreign name
        if gazetteer is not None and gazetteer.lookup(first):
            continue  # a known place; a foreign name may merely end like one (하야시, 히로시)
        name = f"{first} {second}"
        out.append(Candidate(m.start(2), m.start(2) + len(name), name, "Person", "person", title=m.group(1)))
    out += bracketed_persons(text, lexicon, kiwi)
    out += department_heads(text, lexicon, kiwi)
    plain = re.compile(rf"(?<![가-힣])([가-힣]{{2,4}})(\s?)()()({titles})")
    # the title must end its word (a particle may follow): "총영사관 영사", not "총영사" + "관"
    particles = "|".join(sorted((re.escape(x) for x in lexicon.particles), key=len, reverse=True))
    title_end = rf"(?=$|[^가-힣]|등?(?:{particles})(?![가-힣])|등(?![가-힣]))"  # "영사등이": 등 fused
    fused = re.compile(rf"(?<![가-힣])([가-힣]{{2,4}})(\s)([A-Z][A-Za-z&]{{1,10}}|[가-힣]{{1,16}}?)(\s?)({titles}){title_end}")
    seen: set[int] = set()
    before = re.compile(rf"(?<![가-힣])({titles})(\s?[:：]?\s?)([가-힣]{{2,6}})")
    # 채진원 경북도 국제관계대사, 김인태 전주 부시장: a name, a known place, then a title word
    placed = re.compile(rf"(?<![가-힣])([가-힣]{{2,4}}) ([가-힣]{{2,6}}) (?:(?:신임|전임|초대|현|전|前) )?"
                        rf"([가-힣]{{0,8}}?(?:{titles})){title_end}")
    for m in placed.finditer(text):
        name, place, title = m.group(1), m.group(2), m.group(3)
        rest = eojeol_rest(text, m.end())
        if not _word_ends(rest, lexicon) or not _known_place(gazetteer, place, countries=True) \
                or not is_name(name, lexicon) or known_word(kiwi, name) or _known_place(gazetteer, name) \
                or not name_tag(tag_at.get(m.start(1), "NNP"), name, lexicon):
            continue
        seen.update((m.start(1), m.start(2)))
        # 하광윤 중국 협력팀장: a country says where the work is, not whose post it is
        org = None if _known_place(gazetteer, place, countries=True) and not _known_place(gazetteer, place) else place
        out.append(Candidate(m.start(1), m.end(1), name, "Person", "person", title=title, org=org))
    for m in (*plain.finditer(text), *fused.finditer(text)):
        if m.start(1) in seen:
            continue  # 박정민 부시장: the plain reading wins over 박정민 + 부(시) + 시장
        name, org, title = m.group(1), m.group(3) or None, m.group(5)
        body = None
        rest = eojeol_rest(text, m.end())
        if not _word_ends(rest, lexicon):
            continue
        if not m.group(2) and not org:
            # 이해원부팀장: give the title the characters it can take (부 + 팀장)
            while len(name) > 2 and name[-1] + title in lexicon.titles:
                name, title = name[:-1], name[-1] + title
        if org is not None:
            fused = not m.group(4)
            unit_title = title in ("시장", "군수", "구청장", "도지사")
            # 김화묵 강릉문화원장: the title's first letters end the body's name (문화원 + 원장)
            completes = fused and not org.isascii() and any(
                lexicon.suffix_type(org + title[:k]) for k in range(1, len(title)))
            # 김기영 시의회 의원, 박상진 주우한대한민국총영사관 영사: a named body between name and title
            spaced_body = not fused and not org.isascii() and lexicon.suffix_type(org) is not None
            # 김인태 전주 부시장: a known place between name and title is the post's
            spaced_place = not fused and not org.isascii() and not spaced_body and _known_place(gazetteer, org)
            spaced_body = spaced_body or spaced_place
            head_word = fused and (lexicon.suffix_type(org) is not None or norm_name(org) in lexicon.generic_heads)
            if not m.group(2) or (fused and not unit_title and not completes and org[-1:] not in "시군구도부청처원회"
                                  and not org.isascii() and not head_word) \
                    or (not fused and not org.isascii() and not spaced_body):  # 서희봉 연맹회장: a head word fused
                continue
            if title in ("시장", "군수", "구청장") and fused and not org.isascii():
                org += title[0]
            elif completes and not unit_title:
                k = next(k for k in range(1, len(title)) if lexicon.suffix_type(org + title[:k]))
                org += title[:k]
            if place_suffix(name, lexicon) and (spaced_body or completes):
                continue  # 박닌성 인민위원회 부주석: a place, then its body, then a title
            suffix = lexicon.suffix_type(org)
            if (completes or spaced_body) and not unit_title and suffix is not None and not spaced_place \
                    and norm_name(org) not in lexicon.generic_heads and len(org) - len(suffix[0]) >= 2 \
                    and org[: len(org) - len(suffix[0])] not in lexicon.generic_stems:
                # the body is a mention too: 강릉문화원(장), 외사판공실 (지도자)
                body = Candidate(m.start(3), m.start(3) + len(org), org, suffix[1], "phrase")
        if not is_name(name, lexicon) or not name_tag(tag_at.get(m.start(1), "NNP"), name, lexicon) \
                or known_word(kiwi, name):
            continue
        if len(name) == 4 and gazetteer is not None and any(e.type == "Country" for e in gazetteer.lookup(name[:2])):
            continue  # 한국예총 경상북도연합회 회장: a body named after its country, not a person
        if org is None and m.group(2) and _known_place(gazetteer, name):
            prev = re.search(r"(?<![가-힣])([가-힣]{2,4}) $", text[max(0, m.start(1) - 6):m.start(1)])
            if prev and is_name(prev.group(1), lexicon) and not known_word(kiwi, prev.group(1)):
                continue  # 김인태 전주 부시장: 전주 is the deputy mayor's city, 김인태 the person
        if not m.group(2) and not org and title in ("시장", "부시장", "군수", "구청장", "도지사", "성장", "주지사") \
                and gazetteer is not None and (gazetteer.lookup(name) or gazetteer.lookup(name + title[0])):
            continue  # 옌타이시장: the mayor of a known place, not a person named 옌타이
        seen.add(m.start(1))
        out.append(Candidate(m.start(1), m.start(1) + len(name), name, "Person", "person",
                             title=title, org=org or None))
        if body is not None:
            out.append(body)
    for m in before.finditer(text):
        title, word = m.group(1), m.group(3)
        word += eojeol_rest(text, m.end())
        tag = tag_at.get(m.start(3), "NNP")
        # without a colon (의정팀장 : 백기현) a word Kiwi knows whole (임명식) is no name
        if ":" not in m.group(2) and "：" not in m.group(2) and tag == "NNG":
            continue
        for size in (3, 2, 4):  # 최은영이 = 최은영 + 이
            name, rest = word[:size], word[size:]
            if len(name) == size and (not rest or rest in lexicon.particles) and is_name(name, lexicon) \
                    and name_tag(tag, name, lexicon) and not known_word(kiwi, name):
                out.append(Candidate(m.start(3), m.start(3) + size, name, "Person", "person", title=title))
                break
    return out


_STATIONED = re.compile(r"주[한일중미러]")  # 주한 (일본대사): stationed in Korea, Japan, China, …


def _named_before_body(text: str, lexicon: Lexicon, kiwi, gazetteer: Gazetteer | None, titles: str) -> list[Candidate]:
    """Return two-word foreign names written before the place or body they serve and a title."""
    if gazetteer is None:
        return []
    particles = "|".join(sorted((re.escape(x) for x in lexicon.particles), key=len, reverse=True))
    # a lookahead, so that a match that fails the checks below does not hide one starting a word later
    pattern = re.compile(rf"(?<![\w])(?=([가-힣]{{2,4}}) ([가-힣]{{2,4}}) ((?:[가-힣]{{2,12}} ){{0,1}}[가-힣]{{2,12}}?)\s?"
                         rf"({titles})(?:{particles})?(?![가-힣]))")
    out = []
    for m in pattern.finditer(text):
        first, second, between = m.group(1), m.group(2), m.group(3).split()
        if not all(gazetteer.lookup(w) or lexicon.suffix_type(w) or place_suffix(w, lexicon) or _STATIONED.fullmatch(w)
                   for w in between):
            continue  # what stands between must be a place or a body: 야마구치, 일본 삿포로시의회, 주한 일본
        if any(w in lexicon.titles or w in lexicon.generic_stems or w in lexicon.stop_prefixes
               or (lexicon.strip_particle(w) != w and not w.endswith("에"))  # 이리에 사치에: names end so
               or lexicon.suffix_type(w)
               # 다케이시, 하야시: a name may end like a place; a known place may not
               or place_suffix(w, lexicon) and (not w.endswith("시") or gazetteer.lookup(w) or gazetteer.lookup(w[:-1])
                                                or len(w) < 3)
               or any(w.endswith(t) for t in lexicon.titles if len(t) >= 2)
               or known_word(kiwi, w) or _STATIONED.fullmatch(w) for w in (first, second)):
            continue
        if is_name(first + second, lexicon) and len(first + second) <= 4:
            continue  # a Korean name written with a space
        if gazetteer.lookup(second) or any(e.type != "City" or e.population >= 100_000 or e.curated
                                           for e in gazetteer.lookup(first)):
            continue  # a place named before a place (일본 야마구치), not a family name (이토)
        name = f"{first} {second}"
        out.append(Candidate(m.start(1), m.start(1) + len(name), name, "Person", "person", title=m.group(4)))
    return out


def persons_before_bodies(text: str, lexicon: Lexicon, kiwi, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return a name that a body's phrase grew over when the body's title follows it:
    "샤오펑 북경 동성구 정치협상회의 회장" is 샤오펑, the chairman of that conference."""
    starts = {c.start for c in cands if c.source != "phrase"}
    titles = tuple(sorted(lexicon.titles, key=len, reverse=True))
    out = []
    for c in cands:
        if c.source != "phrase" or c.type not in ("GovernmentBody", "Organization", "University", "Company") \
                or c.text.count(" ") < 1:
            continue
        after = text[c.end:c.end + 8].lstrip()
        title = next((t for t in titles if after.startswith(t)), None)
        if title is None:
            continue
        words = c.text.split(" ")
        prev = re.search(r"(?<![가-힣])([가-힣]{2,4}) $", text[max(0, c.start - 6):c.start])
        at = c.start
        if prev and c.start - len(prev.group(0)) not in starts:  # "샤오펑 북경 동성구 정치협상회의 회장": the name before the body
            words, at = [prev.group(1), *words], c.start - len(prev.group(0))
        for name in words[:-2]:  # "이날 샤오펑 북경 …": words the phrase grew over before the name
            if is_name(name, lexicon) and not known_word(kiwi, name) and not lexicon.suffix_type(name) \
                    and not place_suffix(name, lexicon):
                out.append(Candidate(at, at + len(name), name, "Person", "person", title=title))
                break
            if not known_word(kiwi, name):
                break
            at += len(name) + 1
    return out


# a foreign name written in Hangul is one token Kiwi scores low (이지마 -24.8, 스티브호건 -32.5);
# words it knows score higher (대표단 -21.8)
_FOREIGN_NAME_SCORE = -23.5


def persons_after_bodies(text: str, lexicon: Lexicon, kiwi, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return a one-word foreign name between its place or body and a title: 오로라시 스티브호건 시장."""
    titles = "|".join(re.escape(t) for t in sorted(lexicon.titles, key=len, reverse=True))
    particles = "|".join(sorted((re.escape(x) for x in lexicon.particles), key=len, reverse=True))
    pattern = re.compile(rf" ([가-힣]{{3,6}}) ({titles})(?:{particles})?(?![가-힣])")
    taken = {c.start for c in cands}
    out = []
    for c in cands:
        if c.type not in ("City", "District", "Province", "GovernmentBody", "Organization", "University", "Company"):
            continue
        m = pattern.match(text, c.end)
        if m is None or m.start(1) in taken:
            continue
        name = m.group(1)
        if kiwi is not None:
            tokens, score = analysis(kiwi, name)
            if len(tokens) != 1 or score > _FOREIGN_NAME_SCORE:
                continue  # a word Kiwi knows (대표단) or composes (글로벌생태부), not a name it never saw
        if known_word(kiwi, name) or inflected(kiwi, name) or name in lexicon.titles \
                or lexicon.suffix_type(name) or place_suffix(name, lexicon) or name in lexicon.generic_stems \
                or any(name.endswith(t) for t in lexicon.titles if len(t) >= 2):
            continue
        out.append(Candidate(m.start(1), m.end(1), name, "Person", "person", title=m.group(2)))
    return out


def shared_title_persons(text: str, lexicon: Lexicon, kiwi, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return the names listed before a titled person that share the title: 강현철·임규연 시의원."""
    out = []
    for c in cands:
        if c.type != "Person" or c.source != "person" or not c.title:
            continue
        at = c.start
        while (m := re.search(r"(?<![가-힣])([가-힣]{2,4})[·ㆍ]$", text[max(0, at - 6):at])) is not None:
            name = m.group(1)
            if not is_name(name, lexicon) or known_word(kiwi, name):
                break
            at -= len(m.group(0))
            out.append(Candidate(at, at + len(name), name, "Person", "person", title=c.title, org=c.org))
    return out


def bracketed_persons(text: str, lexicon: Lexicon, kiwi=None) -> list[Candidate]:
    """Return persons named in brackets beside their post: "인제군수(이순선)", "성저우시(시장:진영방陳玲芳)".

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> [(c.text, c.title, c.org) for c in bracketed_persons("인제군수(이순선) 제안, 성저우시(시장:진영방陳玲芳)는", load_lexicon())]
    [('이순선', '군수', '인제군'), ('인제군', None, None), ('진영방', '시장', None)]
    """
    titles = "|".join(re.escape(t) for t in lexicon.titles)
    out = []
    after = re.compile(rf"(?<![가-힣])([가-힣]{{0,12}}?)({titles})\(\s*([가-힣]{{2,4}})\s*\)")
    for m in after.finditer(text):
        name, org, title = m.group(3), m.group(1) or None, m.group(2)
        if not is_name(name, lexicon) or known_word(kiwi, name):
            continue
        if org and title in ("시장", "군수", "구청장"):
            org += title[0]
        out.append(Candidate(m.start(3), m.end(3), name, "Person", "person", title=title, org=org))
        unit = place_suffix(org, lexicon) if org else None
        if unit is not None:  # the place fused with the title is a mention too: 인제군(수)
            out.append(Candidate(m.start(1), m.start(1) + len(org), org, unit[1], "place"))
    inside = re.compile(rf"\(\s*({titles})\s*[:：]?\s*([가-힣]{{2,4}})(?=[\u3400-\u9fff]|\s*[),])")
    for m in inside.finditer(text):
        name = m.group(2)
        if is_name(name, lexicon) and not known_word(kiwi, name):
            out.append(Candidate(m.start(2), m.end(2), name, "Person", "person", title=m.group(1)))
    return out


def department_heads(text: str, lexicon: Lexicon, kiwi=None) -> list[Candidate]:
    """Return a department fused with its head's title, and the head named after it:
    "국제협력과장 윤서진" -> the body 국제협력과, the person 윤서진 (title 과장, org 국제협력과).

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> [(c.text, c.type, c.title) for c in department_heads("국제협력과장 윤서진과 함께", load_lexicon())]
    [('국제협력과', 'GovernmentBody', None), ('윤서진', 'Person', '과장')]
    """
    heads = lexicon.department_heads or {}
    if not heads:
        return []
    titles = "|".join(re.escape(t) for t in sorted(heads, key=len, reverse=True))
    out = []
    for m in re.finditer(rf"(?<![가-힣\t])([가-힣]{{2,10}}?)({titles}) ([가-힣]{{2,5}})(?![가-힣])", text):
        stem, title, name = m.group(1), m.group(2), m.group(3)
        name_start = m.start(3)
        bare = lexicon.strip_particle(name)
        if bare != name and is_name(bare, lexicon):
            name = bare  # "임재원과" = 임재원 + 과
        unit = heads[title]
        if len(stem) < 3 or stem in lexicon.generic_stems or not is_name(name, lexicon) or known_word(kiwi, name):
            continue
        body = stem + unit
        out.append(Candidate(m.start(), m.start() + len(body), body, "GovernmentBody", "phrase"))
        out.append(Candidate(name_start, name_start + len(name), name, "Person", "person", title=title, org=body))
    return out



def word_offsets(words: Sequence[str]) -> list[int]:
    """Return where each word starts in ``" ".join(words)``."""
    out, pos = [], 0
    for w in words:
        out.append(pos)
        pos += len(w) + 1
    return out


def name_tag(tag: str, name: str, lexicon: Lexicon | None = None) -> bool:
    """Accept Kiwi's proper-noun tag, or a common-noun tag on a three-syllable Korean name.

    Next to a title, Kiwi often splits an unknown name (이종선 -> 이종 + 선); a word it
    knows as a whole (시스템) or one cut by a particle (예방 + 을) is no name.
    """
    if tag == "NNP":
        return True
    if tag == "NNG" and lexicon is not None and len(name) >= 3 and any(
            name.startswith(s) and len(name) > len(s) for s in lexicon.surnames_zh):
        return True  # 탕페이: a Chinese name in Hangul, which Kiwi has never seen whole
    return tag in ("NNG", "NNG+", "XR") and len(name) == 3 and (lexicon is None or name[0] in lexicon.surnames_ko)


def table_rows(source: SourceText) -> list[list[tuple[int, int]]]:
    """Return table rows as cell spans (an empty row between tables): the loader's table
    blocks, else TAB-separated lines."""
    rows: list[list[tuple[int, int]]] = []
    for block in source.tables():
        rows += [[(c.start, c.end) for c in r.cells] for r in block.rows]
        rows.append([])
    if rows:
        return rows
    pos = 0
    for line in source.text.split("\n"):
        if "\t" in line:
            cells, s = [], pos
            for part in line.split("\t"):
                cells.append((s, s + len(part)))
                s += len(part) + 1
            rows.append(cells)
        else:
            rows.append([])
        pos += len(line) + 1
    return rows


def table_mentions(source: SourceText, lexicon: Lexicon) -> list[Candidate]:
    """Return persons from tables with a 성명 column, with 직위 as title and 소속 as organisation."""
    text, out = source.text, []
    header: dict[str, int] | None = None
    last_org = None
    for cells in table_rows(source):
        values = [text[s:e].strip() for s, e in cells]
        if not cells:
            header = None
            continue
        named = {v.replace(" ", ""): k for k, v in enumerate(values)}
        if "성명" in named or "이름" in named:
            header, last_org = named, None
            continue
        if header is None:
            continue
        col = header.get("성명", header.get("이름"))
        if col is None or col >= len(cells):
            continue
        s, e = cells[col]
        raw = text[s:e]
        name = raw.strip()
        if not is_name(name.replace(" ", ""), lexicon) or " " in name:
            continue
        s += len(raw) - len(raw.lstrip())
        title_col = next((header[h] for h in ("직위", "직책", "직급") if h in header), None)
        org_col = header.get("소속")
        title = values[title_col] if title_col is not None and title_col < len(values) else None
        org = values[org_col] if org_col is not None and org_col < len(values) else None
        if org in _DITTO or not org:
            org = last_org
        last_org = org
        out.append(Candidate(s, s + len(name), name, "Person", "table", title=title or None, org=org))
    return out


def titled_backrefs(text: str, lexicon: Lexicon, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return "이 시장은", "염 시장과": a surname and a title standing for the one person named
    before with both (이상일 용인시장 … 이 시장은 …); the mention is the surname.

    >>> from cityties.ingest.lexicon import load_lexicon
    >>> full = [Candidate(0, 3, "이상일", "Person", "person", title="시장", org="용인시")]
    >>> [(c.text, c.name, c.org) for c in titled_backrefs("이상일 용인시장은 … 이 시장은 말했다", load_lexicon(), full)]
    [('이', '이상일', '용인시')]
    """
    named: dict[tuple[str, str], list[Candidate]] = {}
    for c in cands:
        if c.type == "Person" and c.title and len(c.text) >= 2 and " " not in c.text:
            named.setdefault((c.text[0], c.title), []).append(c)
    if not named:
        return []
    titles = "|".join(re.escape(t) for t in sorted({t for _, t in named}, key=len, reverse=True))
    out = []
    for m in re.finditer(rf"(?<![가-힣])([가-힣]) ({titles})(?![가-힣])|(?<![가-힣])([가-힣]) ({titles})(?=[은는이가과와을를의도께])",
                         text):
        surname, title = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        start = m.start(1) if m.group(1) else m.start(3)
        people = {c.text: c for c in named.get((surname, title), []) if c.end <= start}
        if len(people) == 1:
            person = next(iter(people.values()))
            out.append(Candidate(start, start + 1, surname, "Person", "person", title=title, org=person.org,
                                 name=person.text))
    return out


def repeat_persons(text: str, lexicon: Lexicon, cands: Sequence[Candidate]) -> list[Candidate]:
    """Return further occurrences of person names already found (followed by a non-letter or particle)."""
    names = {c.text for c in cands if c.type == "Person" and len(c.text) >= 3}
    taken = {(c.start, c.end) for c in cands}
    out = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            s, e = m.start(), m.end()
            if (s, e) in taken or (s > 0 and HANGUL.match(text[s - 1])):
                continue
            rest = eojeol_rest(text, e)
            if rest and rest not in lexicon.particles:
                continue
            out.append(Candidate(s, e, name, "Person", "person"))
    return out


# the last character of a Chinese place name, the Korean reading of it, and the place's type
_HANZI_UNITS = {"縣": ("현", "District"), "县": ("현", "District"), "區": ("구", "District"),
                "区": ("구", "District"), "市": ("시", "City"), "省": ("성", "Province")}


def hanzi_mentions(text: str, lexicon: Lexicon, gazetteer: Gazetteer, known: Sequence[Candidate]) -> list[Candidate]:
    """Return Hangul names followed by their Chinese characters: 천민얼(陈敏尔) 당서기, 이리(伊利).

    A gazetteer hit on the characters gives the type; otherwise the name is a
    person only when a title sits in the bracket or right beside the name.
    """
    ends = {c.end for c in known}
    out = []
    titles = lexicon.titles
    for m in re.finditer(r"(?<![가-힣])([가-힣]{2,8})(?=\s?[\(\[（【]\s*[\u3400-\u9fff])", text):
        if m.end() in ends:
            continue
        b = BRACKET_HANZI.match(text, m.end())
        if not b:
            continue
        name, hanzi = m.group(1), b.group(1)
        entries = gazetteer.lookup(hanzi)
        if entries:
            out.append(Candidate(m.start(), m.end(), name, entries[0].type, "hanzi",
                                 tuple(e.key for e in entries), hanzi=hanzi))
            continue
        unit = _HANZI_UNITS.get(hanzi[-1:])
        if unit and name.endswith(unit[0]) and len(name) >= 3 and len(hanzi) >= 3:
            # 의군현(宜君縣): a place the gazetteer does not know, typed by the unit both scripts write
            out.append(Candidate(m.start(), m.end(), name, unit[1], "hanzi", hanzi=hanzi))
            continue
        start = m.start()
        if 2 <= len(hanzi) <= 4:
            # "마오 완춘(毛万春)": a Chinese name read out with a space after the family name
            family = re.search(r"(?<![가-힣])([가-힣]{1,2}) $", text[max(0, start - 4):start])
            if family and transcribe_hanzi(hanzi[0], lexicon.pinyin) == family.group(1) and \
                    transcribe_hanzi(hanzi[1:], lexicon.pinyin) == name:
                start -= len(family.group(0))
                name = text[start:m.end()]
        if not (2 <= len(hanzi) <= 4 and (is_name(name, lexicon) or start < m.start()) and len(name) <= 6):
            continue
        opener = text[m.end():b.end()].strip()[:1]
        closer = {"(": ")", "[": "]", "（": "）", "【": "】"}.get(opener, ")")
        close = re.search(re.escape(closer), text[b.end() - 1:b.end() + 80])
        inside = text[b.end() - 1: b.end() - 1 + close.start()] if close else ""
        after = text[b.end() - 1 + close.end():][:16].lstrip() if close else ""
        before = text[max(0, m.start() - 12):m.start()].rstrip()
        after_words = [lexicon.strip_particle(w) for w in after.split()[:2]]
        titled = (any(inside.rstrip().endswith(t) for t in titles) or any(after.startswith(t) for t in titles)
                  or any(w.endswith(t) for w in after_words for t in titles if len(t) >= 2)
                  or any(before.endswith(t) for t in titles))
        if titled:
            title = next((t for t in titles if after.startswith(t)), None) or next(
                (t for t in titles if inside.rstrip().endswith(t)), None) or next(
                (t for w in after_words for t in titles if len(t) >= 2 and w.endswith(t)), None)
            out.append(Candidate(start, m.end(), name, "Person", "hanzi", hanzi=hanzi, title=title))
    return out
