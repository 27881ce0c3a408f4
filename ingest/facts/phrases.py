"""Relations read off noun phrases, and the phrase helpers the other fact rules share.

Posts ("충칭시 천민얼(陈敏尔) 당서기", "차이광중[蔡光忠, 텐센트 부총재]"), membership
("소프트웨어 정책연구소 김준연 박사") and containment ("충청시 우전대학교", "A, B 등이 입주"),
plus the sentence topic ("최성 시장은 …") and the organisations that only qualify a person.
"""
from __future__ import annotations

import re
from typing import Iterator

from ...graph.model import ADMIN_PLACES, ORG_TYPES, Fact
from .view import DocumentView, Spot

ACTOR_TYPES = frozenset({"Person", "GovernmentBody", "Organization", "Company", "University", "City", "District",
                         "Province"})
PARTY_TYPES = frozenset({"GovernmentBody", "Organization", "Company", "University", "City", "District", "Province"})
PLACES = ADMIN_PLACES
ORGS = ORG_TYPES

_TOPIC = re.compile(r"\s?(에서는|에서도|께서는|께서|은|는|이|가)(?=[\s,.]|$)")
_GROUP_TAIL = re.compile(r"^(?:\s*(?:일행|관계자|의원|위원|직원|공무원|대표단|방문단))?\s*(?:등\s*)?\d+\s*(?:명|인)(?=\s?(?:은|는|이|가)\s)"
                         r"|^\s*일행(?=(?:은|는|이|가)\s)")
_LED_GROUP = re.compile(r"\s*(?:부부|일행)?\s*(?:을|를)\s*(?:포함한|비롯한|필두로 한|단장으로 한|단장으로 하는|대표로 한|대표로 하는)\s+"
                        r"(?:(?:총\s*)?\d+\s*(?:명|인)의\s+)?")
COORDINATOR = re.compile(r"^\s*(?:와|과|및|,|·|、|X|x|&|그리고)\s*$")
_BULLETS = re.compile(r"^[\s\-•·○●◦▶▷☞※*>□■]+")
_PAREN = re.compile(r"\s*(?:\([^()]{0,60}\)|\[[^\[\]]{0,80}\]|（[^（）]{0,60}）)")
_RELATIVE = re.compile(r"\s*\S*(?:한|된|던|하는|되는|할|될)(?=\s|$)")


def strip_bullets(text: str) -> str:
    """Drop leading list bullets.

    >>> strip_bullets("  - ▶ 본문")
    '본문'
    """
    return _BULLETS.sub("", text)


# ---------------------------------------------------------------- helpers

def skip_paren(view: DocumentView, pos: int) -> int:
    """Return the offset after any brackets that start at ``pos`` ("(陈敏尔)", "[…]")."""
    m = _PAREN.match(view.text, pos)
    while m and m.end() > pos:
        pos = m.end()
        m = _PAREN.match(view.text, pos)
    return pos


def after_name(view: DocumentView, spot: Spot, with_title: bool = True) -> int:
    """Position after a mention, its brackets ("(陈敏尔)", "[…]") and a title ("시장")."""
    pos = skip_paren(view, spot.end)
    if with_title:
        t = view.title_at(pos if view.text[pos:pos + 1] != " " else pos + 1)
        if t:
            pos = skip_paren(view, t[0])
    return pos


def topic_group(view: DocumentView, start: int, end: int, before: int | None = None,
                allow_relative: bool = False) -> list[Spot]:
    """Return the sentence topic: the mention(s) before 은/는/이/가, with coordinated ones.

    With ``before``, the last topic before that offset; a subject of a relative
    clause ("과기부가 체결한 …") counts only with ``allow_relative``.
    """
    spots = view.spots_in(start, end)
    heads = view.lex.get("delegation_heads", [])
    found = None
    found_owner = None
    part_of_title: set[int] = set()
    for i, s in enumerate(spots):
        if before is not None and s.start >= before:
            break
        if i in part_of_title:
            continue  # 용인 in "이상일 용인시장은" names the mayor's city, not a subject
        pos = after_name(view, s, with_title=True)
        tail = view.text[pos:min(end, pos + 16)]
        # "스티브호건 시장 부부를 포함한 대표단 일행이", "최원철 시장을 비롯한 8명의 방문단은": the
        # group led by the name acts, and the name with it
        led = _LED_GROUP.match(view.text, pos, end)
        head_at = re.match(r"(?:[가-힣]+\s)?[가-힣]{0,4}?(?:%s)" % "|".join(map(re.escape, heads)),
                           view.text[led.end():end]) if led and heads else None
        owner = None
        if head_at and any(w in view.text[led.end():end] for w in view.lex.get("visit_words", [])):
            tail = view.text[led.end() + head_at.end():min(end, led.end() + head_at.end() + 16)]
            # "이환설 의장을 필두로 한 여주시 방문단이": the body whose group it is acts with its leader
            owner = next((x for x in spots if led.end() <= x.start < led.end() + head_at.end()
                          and x.type in ACTOR_TYPES and x.type != "Person"), None)
        # "난징시 부시장 일행이", "고양시 및 고양시의회 방문단은": the body acts through its people
        head = next((h for h in heads if tail.lstrip().startswith(h)), None)
        if head is None and not _TOPIC.match(tail):
            # "퉁저우 청소년 대표단이", "동천시 우호대표단이": one word, apart or fused, may name
            # who the delegation is
            m = next((m for h in heads if (m := re.match(r"\s*[가-힣]{2,4}\s?(?=%s)" % re.escape(h), tail))), None)
            head = next((h for h in heads if m and tail[m.end():].startswith(h)), None)
            if head:
                tail = tail[m.end():]
        if head:
            tail = tail.lstrip()[len(head):]
            if tail.startswith("("):  # "대표단(단장 지징 부시장)이": the head in brackets, then the particle
                tail = re.sub(r"^\([^()]{0,40}\)", "", view.text[pos:min(end, pos + 60)].lstrip()[len(head):])
        # "대표단 일행 5명이", "의원 10명은": more words for the group, and its size
        tail = _GROUP_TAIL.sub("", tail, count=1)
        m = _TOPIC.match(tail)
        if not m:
            continue
        nxt = spots[i + 1] if i + 1 < len(spots) else None
        fused_title = nxt is not None and s.type == "Person" and nxt.end <= pos and \
            view.text[s.end:nxt.start].strip() == ""  # "이상일 용인시장은": the city is part of the title
        if fused_title:
            part_of_title.add(i + 1)
        if nxt is not None and nxt.start < pos and nxt.entity != s.entity and not fused_title and \
                not re.search(r"[(\[（]", view.text[s.end:nxt.start]):
            continue  # another name sits between this one and the particle
        if not allow_relative and m.group(1) in ("이", "가") and _RELATIVE.match(tail, m.end()):
            continue
        found = i
        found_owner = owner
        if owner is not None and s.type == "Person":
            view.leaders.setdefault(owner.entity, s.entity)  # the delegation's head acts with it
        if before is None:
            break
    if found is None:
        return []
    group = [spots[found]] + ([found_owner] if found_owner is not None else [])
    j = found - 1
    while j >= 0 and COORDINATOR.match(view.text[after_name(view, spots[j], False):group[0].start]):
        group.insert(0, spots[j])
        j -= 1
    group = [g for g in group if not view.is_modifier(g)] or group
    return [g for g in group if g.type in ACTOR_TYPES]


def affiliations(view: DocumentView, start: int, end: int) -> set[int]:
    """Start offsets of organisation mentions that only qualify a person ("LG CNS의 유인상")."""
    out = set()
    spots = view.spots_in(start, end)
    for a, b in zip(spots, spots[1:]):
        gap = view.text[a.end:b.start]
        if b.type == "Person" and a.type != "Person" and re.fullmatch(r"\s*(?:\([^()]*\))?\s*의?\s*", gap):
            out.add(a.start)
    for a, b in zip(spots, spots[1:]):
        m = re.fullmatch(r"\s*([가-힣 ]{1,12}?)(?:인|이자)\s+", view.text[a.end:b.start])
        if b.type == "Person" and a.type in ORGS and m and \
                any(m.group(1).strip().endswith(t) for t in view.titles):
            out.add(a.start)
    for s in spots:
        if s.type in ORGS | PLACES:
            nxt = view.text[s.end:s.end + 8]
            if view.title_at(s.end) or (nxt[:1] == " " and view.title_at(s.end + 1)):
                # "KIC 회장", "고양시장": the mention names a post's body, not a party
                prev = view.prev_spot(s)
                if prev and prev.type == "Person" and s.start - prev.end <= 12:
                    out.add(s.start)
    return out


_UNKNOWN_TOPIC = re.compile(r"[\s\-•·○●◦▶▷☞※*>□■]*(?:\S+\s+){0,2}?([가-힣A-Za-z]{2,})(?<![에로와과])(은|는)\s")


def unknown_topic(view: DocumentView, start: int, end: int) -> bool:
    """True when the sentence opens with a topic that is no known entity ("양측은", "민정사무국은")."""
    m = _UNKNOWN_TOPIC.match(view.text, start, end)
    if not m:
        return False
    return not any(s.start < m.end(1) and m.start(1) < s.end for s in view.spots_in(start, m.end()))


# ---------------------------------------------------------------- posts

def post_facts(view: DocumentView, start: int, end: int, spots: list[Spot], ev) -> Iterator[Fact]:
    """Yield holds_post and member_of facts for the persons named in ``start..end``."""
    text = view.text
    membership = set(view.lex.get("membership_titles", []))
    for i, p in enumerate(spots):
        if p.type != "Person":
            continue
        # "고양시(시장 이재준)는", "성저우시(시장:진영방陳玲芳)": the body, then its head in brackets
        if i > 0 and spots[i - 1].type in ORGS | PLACES:
            m = re.fullmatch(r"\s*\(\s*([가-힣 ]{1,12}?)\s*[:：]?\s*", text[spots[i - 1].end:p.start])
            closes = re.match(r"[\u3400-\u9fff]{0,4}\s*\)", text[p.end:p.end + 8])
            if m and closes and any(m.group(1).endswith(t) for t in view.titles):
                yield Fact("holds_post", p.entity, spots[i - 1].entity, ev, title=m.group(1))
                continue
            # "인제군수(이순선)": the body fused with its head's title, the name in brackets
            m = re.fullmatch(r"([가-힣]{0,3})\(\s*", text[spots[i - 1].end:p.start])
            name = text[spots[i - 1].start:spots[i - 1].end]
            if m and text[p.end:p.end + 1] == ")":
                title = next((t for t in view.titles if (name + m.group(1)).endswith(t)
                              and len(t) > len(m.group(1))), None) if m.group(1) else None
                if title is not None:
                    yield Fact("holds_post", p.entity, spots[i - 1].entity, ev, title=title)
                    continue
        # "차이광중[蔡光忠, 텐센트 부총재 겸 서남지역 총경리]"
        m = re.match(r"\s*\[([^\[\]]{1,120})\]", text[p.end:end])
        if m:
            inner_s = p.end + m.start(1)
            inner_e = p.end + m.end(1)
            yield from _bracket_posts(view, p, inner_s, inner_e, ev, membership)
            continue
        pos = skip_paren(view, p.end)
        # "센터장: 김종문"
        before = text[max(start, p.start - 20):p.start]
        colon = re.search(r"([가-힣]{1,10})\s*[:：]\s*$", before)
        # a masthead line names the publisher's people; an approval table (결재란) names
        # staff of some unit the table does not say, so it gives no post
        if colon and view.home and any(colon.group(1).endswith(t) for t in view.titles) and \
                _row_start(view, p.start) == p.start and "\t" not in text[start:end]:
            view.home_side.add(p.entity)
            yield Fact("holds_post", p.entity, view.home, ev, title=colon.group(1))
            continue
        org = None
        left = spots[i - 1] if i > 0 else None
        # "국제협력과장 윤서진": the department, its head's title fused to it, the name
        if left and left.type in ORGS and text[left.end:left.end + 1] == "장" and \
                re.fullmatch(r"장[ \t]+", text[left.end:p.start]):
            unit = text[left.end - 1:left.end]
            yield Fact("holds_post", p.entity, left.entity, ev, title=(unit + "장"))
            continue
        # "옌타이시 부시장 쑨리화", "박닌성 인민위원회 부주석 응우옌 흐엉 장": body, title, name
        if left and left.type in ORGS | PLACES:
            g = re.fullmatch(r"(?:\([^()]{1,30}\))?[ \t]+([가-힣]{1,12})[ \t]+", text[left.end:p.start])
            if g and g.group(1).endswith(view._title_tuple):
                title = g.group(1)
                kind = "member_of" if title in membership else "holds_post"
                yield Fact(kind, p.entity, left.entity, ev, title=title if kind == "holds_post" else None)
                continue
        # "LG CNS의 유인상", "이리(伊利)그룹의 판강": the body right before the person
        if left and left.type in ORGS | PLACES and \
                re.fullmatch(r"\s*(?:\([^()]*\))?(?:[가-힣]{1,3}(?=의))?\s*의?\s*", text[left.end:p.start]):
            org = left
        right = spots[i + 1] if i + 1 < len(spots) else None
        adjacent = right is not None and re.fullmatch(r"\s?", text[pos:right.start]) is not None
        if adjacent and right.type == "Country" and i + 2 < len(spots) and \
                spots[i + 2].type in ORGS | PLACES and text[right.end:spots[i + 2].start] == " ":
            right = spots[i + 2]  # "이지마 히로유키 일본 삿포로시의회 의장": the country only locates the body
        t_pos = pos + 1 if text[pos:pos + 1] == " " else pos
        title = view.title_at(t_pos)
        if title and org:
            kind = "member_of" if _strip(title[1]) in membership else "holds_post"
            yield Fact(kind, p.entity, org.entity, ev, title=title[1] if kind == "holds_post" else None)
        elif title and (group := _group_body(view, title[0], end, spots[i + 1:])):
            if _strip(title[1]) not in membership:
                yield Fact("holds_post", p.entity, group, ev, title=title[1])
        elif adjacent and right.type in ORGS | PLACES:
            t2 = view.title_at(right.end) or view.title_at(right.end + 1) if text[right.end:right.end + 1] in (" ", "") \
                else view.title_at(right.end)
            if t2 and t2[0] - right.end <= 12:
                full = text[right.start:t2[0]]
                title = full if t2[0] - right.end <= 3 else t2[1]
                if _strip(t2[1]) in membership:  # "김기영 시의회 의원": a member, not a post
                    yield Fact("member_of", p.entity, right.entity, ev)
                else:
                    yield Fact("holds_post", p.entity, right.entity, ev, title=title)
        # "위고 의장인 박원순"
        if left and left.type in ORGS:
            gap = text[left.end:p.start]
            mm = re.fullmatch(r"\s*([가-힣 ]{1,12}?)(?:인|이자)\s+", gap)
            if mm and any(mm.group(1).strip().endswith(t) for t in view.titles):
                yield Fact("holds_post", p.entity, left.entity, ev, title=mm.group(1).strip())


# a title naming no body: the kind of body or place whose post it is, by the unit it heads
_BARE_TITLES = {"시장": ("City", ""), "부시장": ("City", ""), "군수": ("District", "군"), "부군수": ("District", "군"),
                "구청장": ("District", "구"), "부구청장": ("District", "구"), "도지사": ("Province", ""),
                "지사": ("Province", ""), "부지사": ("Province", ""), "의장": ("GovernmentBody", "의회"),
                "부의장": ("GovernmentBody", "의회"), "위원장": ("GovernmentBody", "위원회")}


_BARE_TITLE = re.compile(r"[ \t]?([가-힣]{2,4}?)(?=$|[^가-힣]|(?:은|는|이|가|을|를|과|와|의|에게|께|도|으로|로|이며|이자|등)(?![가-힣]))")


def bare_title_posts(view: DocumentView, start: int, end: int, spots: list[Spot], ev,
                     placed: set[str]) -> Iterator[Fact]:
    """"우비주 의장": a title that names no body is a post of the nearest body of its kind named
    before it in the sentence ("타이베이시의회를 방문, 우비주 의장과"). The text's own body is not
    assumed: "천원징 부시장은 천안시와의 …" on 천안's report is the partner city's deputy mayor."""
    text = view.text
    for i, p in enumerate(spots):
        if p.type != "Person" or p.entity in placed:
            continue
        m = _BARE_TITLE.match(text, p.end, end)
        want = _BARE_TITLES.get(m.group(1)) if m else None
        if want is None:
            continue
        etype, ending = want
        fits = [s for s in spots[:i] if s.type == etype and s.entity != p.entity
                and any(n.endswith(ending) for n in view.names(s.entity))]
        body = fits[-1].entity if fits else None
        if body is not None:
            placed.add(p.entity)
            yield Fact("holds_post", p.entity, body, ev, title=m.group(1))


def _group_body(view: DocumentView, pos: int, end: int, after: list[Spot]) -> str | None:
    """Return the body whose group a titled person heads or joins, named after the title.

    "왕쥔 부주임 등 티베트 자치구 인민대표회의 상무위원회 관계자 8명이": the last name of
    the chain after 등; "장후이롱 부시장을 단장으로 … 구성된 이번 우호대표단은": the
    delegation the text named before, when the sentence speaks of it.
    """
    text = view.text
    m = re.match(r"\s*등\s+", text[pos:end])
    if m:
        chain: list[Spot] = []
        at = pos + m.end()
        for s in after:
            if s.start != at or s.type not in ORGS | PLACES:
                break
            chain.append(s)
            at = skip_paren(view, s.end)
            at += 1 if text[at:at + 1] == " " else 0
        rest = text[at:at + 8]
        if chain and rest.startswith(tuple(view.lex.get("delegation_heads", [])) + ("관계자", "대표", "간부")):
            return chain[-1].entity
        return None
    heads = view.lex.get("delegation_heads", [])
    if view.delegation in view.entities and re.match(r"[을를]\s*단장으로", text[pos:pos + 8]) and \
            any(h in text[pos:end] for h in heads):
        return view.delegation
    return None


def _strip(title: str) -> str:
    return title.strip().split()[-1] if title.strip() else title


def _bracket_posts(view: DocumentView, person: Spot, start: int, end: int, ev, membership) -> Iterator[Fact]:
    """Yield posts written in brackets after a name: "[蔡光忠, 텐센트 부총재]"."""
    text = view.text
    comma = text.find(",", start, end)
    body = comma + 1 if comma >= 0 else start
    orgs = [s for s in view.spots_in(body, end) if s.type in ORGS | {"IndustrialPark"}]
    pending: list[Spot] = []
    for k, org in enumerate(orgs):
        stop = orgs[k + 1].start if k + 1 < len(orgs) else end
        seg = text[skip_paren(view, org.end):stop]
        seg = re.split(r"[•·]|\s겸\s(?=\S*\s*$)", seg)[0] if "•" in seg or "·" in seg else seg
        seg = re.sub(r"^\s*의\s*", "", seg).strip(" ,")
        if seg and any(seg.endswith(t) for t in view.titles):
            for o in [*pending, org]:
                kind = "member_of" if _strip(seg) in membership else "holds_post"
                yield Fact(kind, person.entity, o.entity, ev, title=seg if kind == "holds_post" else None)
            pending = []
        else:
            pending.append(org)


# ---------------------------------------------------------------- located_in

def located_facts(view: DocumentView, start: int, end: int, spots: list[Spot], ev) -> Iterator[Fact]:
    """Yield located_in facts: names that begin with a place, a place before a name, residents."""
    text = view.text
    place_names = _place_prefixes(view)
    for s in spots:
        if s.type in ("Person", "Event", "Country"):
            continue
        # "충청시 우전대학교" written as one name
        surface = text[s.start:s.end]
        for name, pid in place_names:
            if pid == s.entity or not surface.startswith(name) or len(surface) <= len(name):
                continue
            glued = surface[len(name)] != " "
            ptype = view.entities[pid].type
            if s.type == "GovernmentBody" or (glued and s.type in ("City", "Province", "University")):
                continue  # 창원대학교: a university named for its city is no statement of place
            if _RANK.get(s.type, 0) >= _RANK[ptype] or (ptype in ("Country", "Province") and s.type in ORGS):
                continue
            yield Fact("located_in", s.entity, pid, ev)
            break
    for i, a in enumerate(spots):
        # "충청시 우전대학교", "섬서성(陝西省) 동천시": one space between a place, with its gloss,
        # and what it holds
        pos = skip_paren(view, a.end)
        b = next((x for x in spots[i + 1:] if x.start >= pos), None)
        if b is None or text[pos:b.start] != " ":
            continue
        if a.type not in PLACES or a.type == "Country" or b.type in ("Person", "Event", "GovernmentBody"):
            continue  # "중국 청도시" names the country for the reader; it states no containment worth a fact
        if _RANK.get(b.type, 0) >= _RANK[a.type] or (a.type == "Country" and b.type in ORGS):
            continue
        yield Fact("located_in", b.entity, a.entity, ev)
    yield from _residents(view, start, end, spots, ev)


_RANK = {"Country": 4, "Province": 3, "City": 2, "District": 1}


def _place_prefixes(view: DocumentView) -> list[tuple[str, str]]:
    cache = getattr(view, "_place_prefix_cache", None)
    if cache is None:
        cache = []
        for e in view.entities.values():
            if e.type in PLACES:
                for n in e.names():
                    if n and len(n) >= 2 and re.search(r"[가-힣]", n):
                        cache.append((n, e.id))
        cache.sort(key=lambda p: -len(p[0]))
        view._place_prefix_cache = cache
    return cache


def _residents(view: DocumentView, start: int, end: int, spots: list[Spot], ev) -> Iterator[Fact]:
    """"A, B 등이 입주" / "X는 A, B 등 … 기업을 유치" / "X 관내 Y": companies located in a place."""
    text = view.text
    lex = view.lex
    for word, hosting in [(w, False) for w in lex.get("located_words", [])] + \
                         [(w, True) for w in lex.get("hosting_words", [])]:
        i = text.find(word, start, end)
        if i < 0:
            continue
        container = None
        if hosting:
            topic = topic_group(view, start, end)
            container = next((t.entity for t in topic if t.type in PLACES | {"IndustrialPark"}), None)
        else:
            marked = [s for s in spots if s.start < i and s.type in PLACES | {"IndustrialPark"}
                      and re.match(r"에\s", text[s.end:s.end + 2])]
            if marked:
                container = marked[-1].entity
            else:
                row_first = [s for s in view.spots_in(_row_start(view, start), start)
                             if s.type in PLACES | {"IndustrialPark"}]
                container = row_first[0].entity if row_first else None
        if not container:
            continue
        residents = [s for s in spots if s.start < i and s.type in ("Company", "Organization", "University")
                     and s.entity != container and not view.is_modifier(s)]
        # keep only the list that runs up to the cue word
        tail: list[Spot] = []
        for s in reversed(residents):
            if (not tail and i - s.end <= 40) or (tail and _coordinated_to(view, s, tail)):
                tail.insert(0, s)
            elif tail:
                break
        for s in tail:
            yield Fact("located_in", s.entity, container, ev)
    for s in spots:
        m = re.match(r"\s*관내\s*[‘'\"“<]?", text[s.end:end])
        if m and s.type in PLACES:
            nxt = view.next_spot(s)
            if nxt and nxt.start == s.end + m.end() and nxt.type not in ("Person", "Event"):
                yield Fact("located_in", nxt.entity, s.entity, ev)


def _coordinated_to(view: DocumentView, spot: Spot, group: list[Spot]) -> bool:
    """True when ``spot`` is listed right before the first of ``group`` ("HP, Atos Origin(프랑스), NEC")."""
    return re.fullmatch(r"\s*(?:\([^()]*\))?\s*(?:,|·|、|및)\s*",
                        view.text[spot.end:group[0].start]) is not None


def _row_start(view: DocumentView, pos: int) -> int:
    """Return where the table row holding ``pos`` starts (``pos`` itself outside tables)."""
    for block in view.blocks:
        if block.kind == "table" and block.start <= pos <= block.end:
            for row in block.rows:
                if row.start <= pos < row.end:
                    return row.start
    return pos


# ---------------------------------------------------------------- cue words

def cues(text: str, start: int, end: int, words: list[str], not_after: list[str] = ()) -> list[tuple[int, int]]:
    """Return non-overlapping (start, end) spans of cue words, longest first, skipping ``not_after``."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        for m in re.finditer(re.escape(w), text[start:end]):
            s, e = start + m.start(), start + m.end()
            if any(text.startswith(n, e) or text.startswith(" " + n, e) for n in not_after):
                continue
            if any(s < oe and os_ < e for os_, oe in out):
                continue
            out.append((s, e))
    return sorted(out)

def window_start(view: DocumentView, start: int, cue: int, floor: list[int]) -> int:
    """Return where the argument window of a cue at ``cue`` starts: after the last clause end."""
    pos = max([start] + [f for f in floor if f <= cue])
    words = "|".join(re.escape(b.strip()) for b in view.lex.get("clause_breaks", []))
    if words:
        ends = [pos + m.end() for m in re.finditer(r"(?:%s)[\s,]" % words, view.text[pos:cue])]
        if ends:
            pos = ends[-1]
    return pos
