"""Facts from sentences: visits, meetings and attendance, with agreements and posts delegated.

Each rule reads one sentence (or one cell of a table that is neither a
delegation list nor an itinerary) through the document's entity mentions and
the cue words of the lexicon. The actor of a visit or meeting is the
sentence's topic ("최성 시장은 …"), else the home entity, else the last topic
the document named.
"""
from __future__ import annotations

import re
from typing import Iterator

from ...graph.model import Fact, dedupe
from .attendance import attendance_facts, participant_facts
from .counterparts import counterparts
from .phrases import (
    ACTOR_TYPES,
    ORGS,
    PARTY_TYPES,
    PLACES,
    after_name,
    cues,
    located_facts,
    bare_title_posts,
    post_facts,
    skip_paren,
    topic_group,
    unknown_topic,
    window_start,
)
from .tables import table_kind
from .ties import agreement_facts, cooperation_facts, we_city
from .view import DocumentView, Spot

_LABEL = re.compile(r"[\s\-•·○●◦▶▷☞※*>□■]*([가-힣 ]{1,8}?)\s*[:：]\s*")
# "기아자동차 공장 등을 시찰": a site of the body (its plant, head office, campus) is the body visited
_HEAD_OK = re.compile(r"(?:\s*(?:\([^()]*\)))?(?:\s*(?:공장|생산공장|생산라인|본사|사옥|캠퍼스|연구소|생산시설|현장)(?=[을를과와에,\s]))?"
                      r"(?:을|를|과|와|에|,|·|、|\s*및|\s*등|\s*$|\s*[’'\"”>」])")


_LEAD = r"[\s\-•·○]*(?:(?:이번|이날|당일|한편,?|오늘|지난\s?\d{1,2}일|\d{1,2}일(?:에는)?|[가-힣]{1,6}\s)\s*){0,3}?"


def _delegation_topic(view: DocumentView, start: int, end: int) -> bool:
    """True for "대표단은 …", "이날 대표단은 …": a delegation that the text named before."""
    head = view.text[start:min(end, start + 30)]
    words = [*view.lex.get("delegation_heads", []), *view.lex.get("group_anaphors", [])]
    if any(re.match(_LEAD + r"%s(?:은|는|이|가)\s" % re.escape(h), head) for h in words):
        return True
    # "이번 방문은 … 첫 방문으로 대표단은 먼저 …": the delegation as the topic of a later clause
    return any(re.search(r"(?:으로|며|고|서|,)\s+(?:이날\s+)?%s(?:은|는)\s" % re.escape(h), view.text[start:end])
               for h in view.lex.get("delegation_heads", []))


def _note_delegation(view: DocumentView, start: int, end: int, spots: list[Spot]) -> None:
    """Remember whose delegation the text speaks of: "지난시(市) 대표단이", "경산시 중국 방문단은"."""
    heads = tuple(view.lex.get("delegation_heads", []))
    for s in spots:
        if s.type not in ACTOR_TYPES or s.type == "Person":
            continue
        after = view.text[skip_paren(view, s.end):min(end, s.end + 16)].lstrip()
        if not after.startswith(heads):  # "동천시 우호대표단", "퉁저우 청소년 대표단"
            after = re.sub(r"^[가-힣]{1,4}\s?(?=%s)" % "|".join(map(re.escape, heads)), "", after)
        if after.startswith(heads):
            view.delegation = s.entity
            # "쑤저우시 대표단(단장 지징 부시장)": the head named in brackets
            m = re.search(r"\(\s*(?:단장|대표|团长)\s*[:：]?\s*", view.text[s.end:min(end, s.end + 24)])
            if m:
                head = next((p for p in view.spots_in(s.end + m.end(), min(end, s.end + m.end() + 12))
                             if p.type == "Person"), None)
                if head is not None:
                    view.leaders.setdefault(s.entity, head.entity)
            return


def _subjects(view: DocumentView, topic: list[Spot], carried: list[str]) -> list[str]:
    """Return who acts: the topic, else home, else the last topic named."""
    if topic:
        ids = [t.entity for t in topic]
        if view.home and all(t.type == "Person" for t in topic):
            ids = [view.home, *ids]
        return ids
    if view.home and not (carried and carried[0] == view.delegation and carried[0] not in view.own(view.home)):
        return [view.home]  # unless the visiting delegation the last sentence spoke of goes on
    return carried


# ---------------------------------------------------------------- rules

def sentence_facts(view: DocumentView, claimed: list[tuple[int, int]] = ()) -> Iterator[Fact]:
    """Yield the facts of every sentence outside delegation and itinerary tables.

    A line a row reader accounted for (``claimed``: a timeline row, a field) gives only
    the posts and places its names carry.
    """
    carried: list[str] = []
    claimed = sorted(claimed)
    skip_blocks = {i for i, b in enumerate(view.blocks) if b.kind == "table" and table_kind(view, b)}
    label_list: tuple[str, int] | None = None  # a "참가도시 :" label whose list runs on
    section = -1
    for unit in view.units:
        if unit.block in skip_blocks:
            continue
        if view.section_of(unit.start) != section:
            section = view.section_of(unit.start)
            carried.clear()  # a topic does not outlive its section
        spans = [(unit.start, unit.end)] if unit.row is None else \
            [(c.start, c.end) for c in unit.row.cells if c.end > c.start]
        for start, end in spans:
            if any(a <= start and end <= b for a, b in claimed):
                spots = view.spots_in(start, end)
                ev = view.evidence(start, end)
                yield from located_facts(view, start, end, spots, ev)
                posts = list(post_facts(view, start, end, spots, ev))
                yield from posts
                view.posted |= {f.subject for f in posts if f.type == "holds_post"}
                yield from bare_title_posts(view, start, end, spots, ev, view.posted)
                continue
            for fact in _sentence(view, start, end, carried, label_list):
                yield fact
            label_list = _label_state(view, start, end, label_list)


def _label_state(view: DocumentView, start: int, end: int, state):
    """Track a "참가도시 :" label whose list continues on the following ※ lines."""
    m = _LABEL.match(view.text, start, end)
    if m and re.sub(r"\s", "", m.group(1)) in {re.sub(r"\s", "", w) for w in view.lex.get("participant_labels", [])}:
        return (m.group(1), start)
    line = view.text[start:end].lstrip(" -\t")
    if state and line[:1] in "※*":
        return state
    return None


def _sentence(view: DocumentView, start: int, end: int, carried: list[str], label_list) -> Iterator[Fact]:
    """Yield the facts of one sentence."""
    text = view.text
    if _FILE_NAME.search(text, start, end):
        return  # "(11-1)허난성 방문(도청방문).jpg": a picture's file name, not a sentence
    spots = view.spots_in(start, end)
    ev = view.evidence(start, end)
    date = view.date_in(start, end) or view.section_date(start)
    lex = view.lex
    yield from located_facts(view, start, end, spots, ev)
    posts = list(post_facts(view, start, end, spots, ev))
    yield from posts
    view.posted |= {f.subject for f in posts if f.type == "holds_post"}
    yield from bare_title_posts(view, start, end, spots, ev, view.posted)
    if not spots:
        if we_city(view, start, end) or view.pair_in(start, end):
            # "우리 시는 …", "양 도시는 … 협약을 체결했다": the sides are known without a name
            yield from agreement_facts(view, start, end, spots, [], carried, ev, date)
        return
    _note_delegation(view, start, end, spots)
    topic = topic_group(view, start, end)
    # "이날 대표단은 염태영 수원시장과 … 접견": the delegation named before acts
    delegation = view.delegation if not topic and view.delegation in view.entities and \
        _delegation_topic(view, start, end) else None
    last_topic = topic_group(view, start, end, before=end)
    if last_topic:
        # "A는 …했으며, B는 …했다": the last subject named carries on
        carried[:] = [t.entity for t in last_topic if t.type != "Person" or not view.home]
    elif unknown_topic(view, start, end) and not _delegation_topic(view, start, end):
        carried.clear()  # "민정사무국은 …": a new subject we cannot name
    subjects = [delegation] if delegation else _subjects(view, topic, carried)
    topic_ids = {t.entity for t in topic} | ({delegation} if delegation else set())

    # labelled lines: "출장국가 : 중국(충청시, 구이양시)", "참 석 : …", "도 시: 충칭시"
    label = _LABEL.match(text, start, end)
    label_word = re.sub(r"\s", "", label.group(1)) if label else ""
    if label_word in {re.sub(r"\s", "", w) for w in lex.get("topic_labels", [])}:
        firsts = [s for s in spots if s.start >= label.end() and s.type in PARTY_TYPES and not view.is_modifier(s)]
        if firsts:
            carried[:] = [firsts[0].entity]
        return
    listed = label_word in {re.sub(r"\s", "", w) for w in lex.get("participant_labels", [])}
    continuing = label_list is not None and text[start:end].lstrip(" -\t")[:1] in "※*"
    if listed or continuing:
        yield from participant_facts(view, start, end, spots, ev, date)
        return
    if label_word in {re.sub(r"\s", "", w) for w in lex.get("meeting_labels", [])} and view.home:
        # "면담자 : 우시시 인대 상무위원회 부주임 저우밍(周明)": the people met, else their body
        named = [s for s in view.spots_in(label.end(), end) if not view.is_modifier(s)]
        people = [s for s in named if s.type == "Person"]
        for s in people or [s for s in named if s.type in ORGS][:1]:
            if s.entity not in view.home_side:
                yield Fact("met", view.home, s.entity, ev, date=date)
        return
    if label_word in {re.sub(r"\s", "", w) for w in lex.get("visit_labels", [])} and view.home:
        for s in _listed_places(view, label.end(), end):
            yield Fact("visited", view.home, s, ev, date=date)
        return

    heading = _visit_heading(view, start, end, spots)
    if heading is not None:
        yield Fact("visited", view.home, heading, ev, date=view.date_in(start, end))
        return

    yield from agreement_facts(view, start, end, spots, topic, carried, ev, date)
    visit_cues = cues(text, start, end, lex.get("visit_words", []), lex.get("visit_not_after", []))
    meet_cues = cues(text, start, end, lex.get("meeting_words", []))
    briefings = [(cs, ce) for cs, ce in cues(text, start, end, lex.get("briefing_words", []))
                 if any(vs < cs for vs, _ in visit_cues)]
    # "파마라타시의회를 방문해 … 정책을 청취한다": a briefing at a body visited is a meeting with it
    meet_cues += briefings
    all_cue_ends = [e for _, e in visit_cues + meet_cues]
    floor = [after_name(view, t) for t in topic] + all_cue_ends
    visited_at: list[tuple[int, list[Spot]]] = []  # what each visit cue visited, by where it stands
    described: list[tuple[list[str], int]] = []  # the visitors a relative clause describes, and their NP's end
    for cs, ce in visit_cues:
        visitors = _relative_visitors(view, ce, end)  # "방문한 …", "찾은 …": done, whatever follows
        if not visitors and _future_visit(view, start, end, cs, ce):
            continue  # "오는 9월 칭다오시를 방문해 … 할 예정이다": a plan, not a visit
        ws = window_start(view, start, cs, [f for f in floor if f <= cs])
        near = topic_group(view, start, end, before=cs)
        # "성남시의회는 … 대표단 일행이 시의회를 방문했다고 밝혔다": the topic that frames a report may
        # be what the nearer subject visited
        actors = {t.entity for t in near} if near and not topic_ids & {t.entity for t in near} else topic_ids
        objs = [s for s in view.spots_in(ws, cs)
                if s.type in PLACES | ORGS | {"IndustrialPark"} and s.entity not in actors
                and not view.is_modifier(s) and not re.match(r"\s*(등지)?에서", text[s.end:cs])
                and _is_head(view, s, cs, lex)]
        objs = _near(view, objs, cs)
        visited_at.append((cs, objs))
        if visitors:
            described.append(visitors)
            # "대전시의회를 찾은 삿포로시의회 대표단", "도의회를 방문한 마오 완춘 주석을 비롯한 …":
            # the visit is the visitors' whom the clause describes, not the sentence topic's
            for s in objs:
                for v in visitors[0]:
                    if s.entity not in view.own(v):
                        yield Fact("visited", v, s.entity, ev, date=date)
            continue
        for s in objs:
            for subj in (_subjects(view, near, carried) if near else subjects):
                if s.entity not in view.own(subj):
                    if s.type in ("City", "District") and subj in view.entities and \
                            view.type_of(subj) in ("City", "District", "GovernmentBody"):
                        view.last_pair = (subj, s.entity)  # "양 도시" next means these two
                    yield Fact("visited", subj, s.entity, ev, date=date)
    for cs, ce in meet_cues:
        if _future_visit(view, start, end, cs, ce):
            continue  # "… 기업대표들과 간담회 … 만남을 가질 예정이다": still to come
        ws = window_start(view, start, cs, [f for f in floor if f <= cs])
        cands = [s for s in view.spots_in(ws, cs) if s.entity not in topic_ids]
        targets = counterparts(view, ws, cs, cands)
        if not targets:
            # "간담회를 진행했던 민·관(A, B, C 등)": the counterparts follow in brackets
            m = re.match(r"[^()。.]{0,30}?\(", text[ce:end])
            if m:
                close = text.find(")", ce + m.end(), end)
                if close > 0:
                    inner = view.spots_in(ce + m.end(), close)
                    targets = counterparts(view, ce + m.end(), close, inner)
        visited_before = next((objs for at, objs in reversed(visited_at) if at < cs and objs), [])
        if not targets and "관계자" in text[ws:cs]:
            targets = [s.entity for s in visited_before]
        if not targets and (cs, ce) in briefings:
            targets = [s.entity for s in visited_before if s.type in ORGS]
        near = topic_group(view, start, end, before=cs)
        # "전주를 방문한 쑤저우시 대표단은 … 시장을 예방했다": the visitors the clause describes meet
        by = next((v for v, np_end in described if np_end <= cs), None) if not near else None
        for t in targets:
            for subj in (_subjects(view, near, carried) if near else by or subjects):
                # the home side's own people are met only by visitors
                if t != subj and not (t in view.home_side and (subj in view.home_side or subj in view.own(view.home)
                                                               if view.home else True)):
                    view.last_meeting = (subj, date)
                    yield Fact("met", subj, t, ev, date=date)
        # "… 오슬로에서 … 간담회": the meeting's city was visited
        for s in view.spots_in(start, cs):
            if s.type == "City" and re.match(r"\s*(등지)?에서", text[s.end:s.end + 6]) and s.entity not in topic_ids:
                for c in [*_chain_before(view, s, start), s]:
                    for subj in subjects:
                        yield Fact("visited", subj, c.entity, ev, date=date)
    yield from _visit_compounds(view, start, end, spots, subjects, topic_ids, ev, date)
    yield from _received(view, start, end, subjects, ev, date)
    yield from _listed_after_cue(view, start, end, meet_cues, subjects, ev, date)
    yield from _present(view, start, end, meet_cues, ev, date)
    yield from attendance_facts(view, start, end, spots, topic, subjects, ev, date)
    yield from cooperation_facts(view, start, end, spots, topic, carried, ev, date)


def _present(view: DocumentView, start: int, end: int, meet_cues: list[tuple[int, int]], ev,
             date) -> Iterator[Fact]:
    """"외교부에서는 짱찌아 홍 과장과 천 바오런 사무관 등이 배석했다": those present at the last
    meeting were met by whoever met there."""
    if view.last_meeting is None:
        return
    subj, when = view.last_meeting
    for ps, _ in cues(view.text, start, end, view.lex.get("present_words", [])):
        after = max([start] + [ce for cs, ce in meet_cues if ce <= ps])
        for s in view.spots_in(after, ps):
            if s.type == "Person" and s.entity != subj and s.entity not in view.home_side:
                yield Fact("met", subj, s.entity, ev, date=date or when)


def _visit_compounds(view: DocumentView, start: int, end: int, spots: list[Spot], subjects: list[str],
                     topic_ids: set[str], ev, date) -> Iterator[Fact]:
    """A place named in a visit compound was visited: "경산시 중국 방문단은", "중국 방문길에 올랐다",
    "이번 방콕출장 일정" — by the body written just before it, else the sentence's subjects."""
    text = view.text
    compound = re.compile(r"\s?(?:%s)" % view.words("visit_compounds"))
    for i, s in enumerate(spots):
        if s.type not in ("City", "Province", "Country") or s.entity in topic_ids or not compound.match(text, s.end) \
                or _future_visit(view, start, end, s.end, s.end):
            continue
        prev = spots[i - 1] if i else None
        by = [prev.entity] if prev is not None and prev.type in ACTOR_TYPES and text[prev.end:s.start] == " " \
            else subjects
        for subj in by:
            if s.entity not in view.own(subj) and subj != s.entity:
                yield Fact("visited", subj, s.entity, ev, date=date)


_ENUM = re.compile(r"[ \t]*(?:[가-하][.)]|\d{1,2}[.)]|\(\d{1,2}\)|[①-⑳□■◎○●▶-])?[ \t]*")




_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp|hwpx?|pdf|docx?)[ \t]*$", re.I | re.M)
_PAST = re.compile(r"(?:했|였|었|았|쳤|렸|졌|왔|갔)(?:다|으며|고|는데|던)")


_RELATIVE_VISIT = re.compile(r"(?:한|했던|중인|하고 있는|온|은)\s")
_NP_END = re.compile(r"(?:과|와|을|를|은|는|이|가|에게|께|으로부터|로부터|의)(?=[\s,.])")


def _relative_visitors(view: DocumentView, ce: int, end: int) -> tuple[list[str], int] | None:
    """Return who a relative visit clause describes, and where their noun phrase ends.

    "9일 대전시의회를 찾은 이지마 히로유키 … 삿포로시의회 대표단 6명을 맞이하고":
    the persons and bodies of the noun phrase after "찾은"/"방문한", up to its particle.
    """
    text = view.text
    m = _RELATIVE_VISIT.match(text, ce) if not text[ce - 1:ce] == "은" else re.compile(r"\s").match(text, ce)
    if m is None or (m.group().startswith("은") and not text[ce - 1:ce] == "찾"):
        return None  # "이번 방문은": the noun and its topic particle, no clause
    np_start = m.end()
    heads = tuple(view.lex.get("delegation_heads", []))
    out: list[str] = []
    stop = min(end, np_start + 80)
    for s in view.spots_in(np_start, stop):
        gap = text[s.end:stop]
        if s.type == "Person" or s.type in ORGS:
            out.append(s.entity)
        elif s.type in PLACES - {"Country"} and gap.lstrip().startswith(heads):
            out.append(s.entity)  # "삿포로시 대표단"
        after = skip_paren(view, s.end)
        title = view.title_at(after + 1 if text[after:after + 1] == " " else after, max_tokens=1)
        pos = title[0] if title else after
        rest = re.sub(r"^\s*(?:(?:%s|일행|관계자)\s*)?(?:\d+\s*명\s*)?" % "|".join(map(re.escape, heads)), "",
                      text[pos:stop])
        particle = _NP_END.match(rest)
        if particle and not re.match(r"(?:을|를)\s*비롯한", rest):
            return (list(dedupe(out)), pos + (len(text[pos:stop]) - len(rest)) + particle.end()) if out else None
    return None


def _future_visit(view: DocumentView, start: int, end: int, cs: int, ce: int) -> bool:
    """True for a visit or meeting still to come: "방문할 예정", "오는 9월 … 방문해 … 예정이다",
    "… 간담회 등 … 만남을 가질 예정이다" (no past tense between the cue and the planned end)."""
    text = view.text
    if re.compile(r"\s?(?:%s)" % view.words("plan_after_cue")).match(text, ce, end):
        return True
    if not view.planned(start, end):
        return False
    return view.coming(start, cs) or not _PAST.search(text, ce, end)


_AFTER_CUE = re.compile(r"(?:식)?(?:에는|에도|엔)\s")
_ITEM_GAP = re.compile(r"\s*(?:,|、|와|과|및)\s")


def _listed_after_cue(view: DocumentView, start: int, end: int, meet_cues, subjects: list[str],
                      ev, date) -> Iterator[Fact]:
    """"간담회에는 X시 부시장 A, 국제교류과장 B가 참석했다": the people listed after the cue were met.

    Also for signing ceremonies ("협약식에는 …"). A person listed under a home-side body
    ("전북대학교 김영호 총장과 …") is the subject's own; the next names without a body of their own
    inherit the body named before them.
    """
    if not subjects:
        return
    text = view.text
    lex = view.lex
    hits = list(meet_cues) + cues(text, start, end, lex.get("ceremony_words", []))
    verbs = lex.get("attend_verbs", [])
    own = set().union(*(view.own(subj) for subj in subjects))
    done: set[str] = set()
    for cs, ce in hits:
        m = _AFTER_CUE.match(text, ce, end)
        if not m:
            continue
        found = [p for p in (text.find(v, m.end(), end) for v in verbs) if p >= 0]
        if not found:
            continue
        body = None
        last = m.end()
        listed = view.spots_in(m.end(), min(found))
        for i, s in enumerate(listed):
            department = s.type in ORGS and text[s.end:s.end + 1] == "장"
            if _ITEM_GAP.search(text[last:s.start]) and s.type != "Person" and not department:
                body = None  # a new list item names its own body
            last = s.end
            if s.type != "Person":
                # a department fused with its head's title ("대외협력처장") belongs to the body before it
                if (s.type in ORGS or s.type in PLACES) and not department:
                    body = s.entity
                continue
            # "박성훈 김포시장과 …": the body may follow the name, before the title
            nxt = listed[i + 1] if i + 1 < len(listed) else None
            after = nxt.entity if nxt is not None and nxt.type != "Person" and \
                re.fullmatch(r"\s?", text[s.end:nxt.start]) else None
            if any(b is not None and (b in own or b in view.entities and view.entities[b].within in own)
                   for b in (body, after)) or s.entity in view.home_side or s.entity in done:
                continue
            done.add(s.entity)
            for subj in subjects:
                if subj != s.entity:
                    yield Fact("met", subj, s.entity, ev, date=date)


def _received(view: DocumentView, start: int, end: int, subjects: list[str], ev, date) -> Iterator[Fact]:
    """"…시청에서 다카하시시 방문단을 맞았다": the delegation received came to the receiver."""
    text = view.text
    heads = "|".join(re.escape(h) for h in view.lex.get("delegation_heads", []))
    for cs, _ in cues(text, start, end, view.lex.get("receiving_words", [])):
        for s in view.spots_in(start, cs):
            if s.type not in PARTY_TYPES:
                continue
            if re.match(r"\s*(?:[가-힣]{1,4}\s)?(?:%s)\s?(?:을|를|\s)" % heads, text[skip_paren(view, s.end):cs]):
                for subj in subjects:
                    if subj != s.entity and subj not in view.own(s.entity):
                        yield Fact("visited", s.entity, subj, ev, date=date)


def _visit_heading(view: DocumentView, start: int, end: int, spots: list[Spot]) -> str | None:
    """A report's section heading that is only a body and the day it was seen:
    "가. 옌퐁공단 (2024. 3. 6.(수))" — the home side visited it that day."""
    if not view.home or not spots:
        return None
    text = view.text
    start += text[start:end].rstrip().rfind("\n") + 1  # a heading is one line, the last of its unit
    m = _ENUM.match(text, start, end)
    pos = m.end() if m else start
    names = [s for s in spots if s.start >= pos]
    if not names or names[0].start != pos:
        return None
    last = pos
    for s in names:
        if s.start < last or text[last:s.start].strip():
            break
        last = s.end
    rest = text[last:end]
    if not re.fullmatch(r"\s*\(.{4,40}\)\s*", rest) or view.date_in(last, end) is None:
        return None
    head = [s for s in names if s.end <= last][-1]
    if head.type not in ORGS | {"IndustrialPark"} | PLACES or head.entity == view.home:
        return None
    return head.entity


def _is_head(view: DocumentView, spot: Spot, limit: int, lex: dict) -> bool:
    """True when the mention heads its noun phrase ("청두시를 방문"), not "고양시 홍보부스를 방문"."""
    after = view.text[spot.end:limit]
    if _HEAD_OK.match(after):
        return True
    pos = skip_paren(view, spot.end)
    pos += len(view.text[pos:limit]) - len(view.text[pos:limit].lstrip())
    if pos >= limit:
        return True
    # "청두시 방문", but not "중국 시찰단은": a delegation is no visit
    found = cues(view.text, pos, limit, lex.get("visit_words", []), lex.get("visit_not_after", []))
    return bool(found) and found[0][0] == pos


def _near(view: DocumentView, objs: list[Spot], cue: int, reach: int = 40) -> list[Spot]:
    """Keep the objects close to the cue, and those listed with them ("충칭, 청두시를 방문")."""
    kept: list[Spot] = []
    for s in reversed(objs):
        gap = view.text[skip_paren(view, s.end):kept[0].start] if kept else ""
        if cue - s.end <= reach or (kept and re.fullmatch(r"\s*(?:,|·|、|및|와|과)\s*", gap)):
            kept.insert(0, s)
    return kept


def _chain_before(view: DocumentView, spot: Spot, start: int) -> list[Spot]:
    """Mentions listed before ``spot`` ("LA·샌프란시스코·산호세")."""
    out: list[Spot] = []
    prev = view.prev_spot(spot)
    while prev is not None and prev.start >= start and prev.type == spot.type and \
            re.fullmatch(r"\s*(?:,|·|、|및|와|과)\s*", view.text[prev.end:spot.start]):
        out.insert(0, prev)
        spot, prev = prev, view.prev_spot(prev)
    return out


def _listed_places(view: DocumentView, start: int, end: int) -> list[str]:
    """Places listed after a label; a country heading its own list ("중국(A, B)") is left out."""
    out = []
    for s in view.spots_in(start, end):
        if s.type not in PLACES | {"IndustrialPark"} or view.is_modifier(s):
            continue
        if s.type == "Country" and view.text[s.end:s.end + 1] == "(" and \
                view.spots_in(s.end, min(end, s.end + 60)):
            continue
        out.append(s.entity)
    return out
