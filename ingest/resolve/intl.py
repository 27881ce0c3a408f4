"""Entities of Chinese and English documents: one IRI per candidate, grouped into entities.

IRIs are deterministic: ``gazetteer_iri(key)`` for gazetteer names, else
``entity_iri(type, name)``; persons by their name, as the Korean resolver does.
A gloss in brackets shares the IRI of the name it follows.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

from ...graph.model import PLACE_TYPES, Entity, Mention, dedupe
from ...graph.vocab import WD, entity_iri, gazetteer_iri
from ..gazetteer import Gazetteer
from ..lexicon import load_name_lexicon
from ..mentions.candidate import Candidate
from ..mentions.script import fold_traditional
from .spots import Spot, outermost

_GLOSS_OPEN = re.compile(r"\s*[(（]\s*$")
_GLOSS_CLOSE = re.compile(r"^\s*[)）]")
_PLACES = PLACE_TYPES
_ZH_TITLES = load_name_lexicon("zh").titles
_PLACE_TITLES = {**load_name_lexicon("en").place_titles, **load_name_lexicon("zh").place_titles}


def person_posts(text: str, spots: Sequence[Spot]) -> dict[str, list[tuple[str, str, int, int]]]:
    """Map each titled person's IRI to (organisation IRI, title, span start, span end) for each post.

    The organisation is the name right before the title (高阳市市长李在俊, Goyang Mayor Lee),
    after "TITLE of" (Vice Mayor of Chengdu) or after "NAME of" (Professor Kim of KAU).
    Titles joined by 、 share the body before the first (贵阳市委副书记、市长王勇) or each
    have their own (协会会长、庆尚北道知事金宽容). A place title with no body (到访台中，拜会
    市长卢秀燕) is a post of the nearest place of its kind before it in the sentence.
    """
    written, text = text, fold_traditional(text)
    outer = [s for s in outermost(spots) if s.type not in ("Person", "Event")]
    posts: dict[str, list[tuple[str, str, int, int]]] = {}
    bare: list[Spot] = []
    for p in spots:
        if p.type != "Person" or p.title is None:
            continue
        found = _posts_before(text, written, p, outer)
        stationed, mission = text.rfind("驻", max(0, p.title_start - 8), p.title_start), None
        if stationed >= 0 and not re.search(r"[，。、,\s]", text[stationed:p.title_start]):
            # "驻釜山总领事王晓东", "中国驻韩大使戴兵": the place after 驻 is where the post is held; the
            # body is the mission the text names so (…驻釜山总领事馆), or none
            stem = text[stationed:p.title_end]
            mission = next((o for o in outer if o.type in ("GovernmentBody", "Organization")
                            and stem in text[o.start:o.end] and o.start != stationed), None)
            if mission is None:  # "中国驻韩大使邱国洪": no mission named, the post is the sending country's
                mission = next((o for o in outer if o.type == "Country" and o.end == stationed), None)
                if mission is not None:
                    stationed = mission.start
            found = [(mission, p.title)] if mission is not None else []
        if not found:
            org = _org_after_of(text, p, outer)
            found = [(org, p.title)] if org is not None else []
        if not found:
            bare.append(p)
        for org, title in found:
            at = org if mission is None else Spot(stationed, p.title_start, org.entity, org.type)
            span = (min(at.start, p.start, p.title_start), max(at.end, p.end, p.title_end))
            posts.setdefault(p.entity, []).append((org.entity, title, *span))
    taken = {o for ps in posts.values() for o, _, _, _ in ps}
    for p in bare:
        if p.entity in posts:
            continue  # 郑市长 again: the person's post is known
        kind = _PLACE_TITLES.get(fold_traditional(p.title))
        sentence_start = max(text.rfind(c, 0, p.title_start) for c in "。！？\n") + 1
        place = next((o for o in reversed(outer) if sentence_start <= o.start and o.end <= p.title_start
                      and o.type == kind and o.entity not in taken), None) if kind else None
        if place is not None:
            # the span leaves the place out: it stays an actor of its sentence (到访台中)
            posts.setdefault(p.entity, []).append((place.entity, p.title, min(p.start, p.title_start),
                                                   max(p.end, p.title_end)))
    return posts


def _org_ending_at(text: str, outer: Sequence[Spot], end: int) -> Spot | None:
    """The body or place written right before ``end`` (a title): 高阳市|市长, 平泽市长 sharing 市."""
    return next((o for o in reversed(outer) if o.end <= end and re.fullmatch(r"[ \t]*的?[ \t]*", text[o.end:end])
                 or o.end == end + 1 and o.start < end), None)


def _posts_before(text: str, written: str, p: Spot, outer: Sequence[Spot]) -> list[tuple[Spot, str]]:
    """(body, title) pairs written before a person: the title's own body, then 、-joined ones."""
    title_start, out = p.title_start, []
    chained = None
    if title_start and text[title_start - 1] in "、,，":  # 市委副书记、市长王勇: one body, two titles
        ends = {o.end for o in outer}
        chained = next((t for t in _ZH_TITLES if text.endswith(t, 0, title_start - 1)
                        and title_start - 1 - len(t) in ends), None)
    if chained:
        title_start -= len(chained) + 1
    org = _org_ending_at(text, outer, title_start)
    if org is None:
        return out
    out.append((org, p.title))
    if chained:
        out.append((org, written[title_start:title_start + len(chained)]))
    left = min(org.start, title_start)
    while left > 0 and text[left - 1] in "、,，":  # 协议会会长、庆尚北道知事金宽容: each its own body
        title = next((t for t in _ZH_TITLES if text.endswith(t, 0, left - 1)), None)
        other = _org_ending_at(text, outer, left - 1 - len(title)) if title else None
        if other is None:
            break
        out.append((other, written[left - 1 - len(title):left - 1]))
        left = other.start
    return out


def _org_after_of(text: str, p: Spot, outer: Sequence[Spot]) -> Spot | None:
    """The body after "TITLE of" or "NAME of"/"from": Vice Mayor of Chengdu, Kim of KAU."""
    for after in (p.title_end, p.end):
        m = re.match(r"\s+(?:of|from)\s+(?:the\s+)?", text[after:after + 14])
        if m:
            org = next((o for o in outer if o.start == after + m.end()), None)
            if org is not None:
                return org
    return None


def candidate_iris(text: str, candidates: Sequence[Candidate]) -> list[str]:
    """Return one IRI per candidate; a gloss in brackets shares the IRI of the name it follows.

    >>> cs = [Candidate(0, 23, "Tianjin Binhai New Area", "District"), Candidate(25, 31, "天津滨海新区", "District")]
    >>> a, b = candidate_iris("Tianjin Binhai New Area (天津滨海新区)", cs)
    >>> a == b
    True
    """
    own = [_own_iri(c) for c in candidates]
    alias: dict[str, str] = {}
    outer = [i for i, c in enumerate(candidates)
             if not any(o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end)
                        for o in candidates)]
    for a, b in zip(outer, outer[1:]):
        ca, cb = candidates[a], candidates[b]
        if _GLOSS_OPEN.fullmatch(text[ca.end:cb.start] or "x") and _GLOSS_CLOSE.match(text[cb.end:]) \
                and _same_kind(ca, cb):
            keep, drop = (own[b], own[a]) if cb.key and not ca.key else (own[a], own[b])
            if keep != drop:
                alias[drop] = _root(alias, keep)
    return [_root(alias, iri) for iri in own]


def _root(alias: dict[str, str], iri: str) -> str:
    while iri in alias:
        iri = alias[iri]
    return iri


def _same_kind(a: Candidate, b: Candidate) -> bool:
    return a.type == b.type or (a.type in _PLACES and b.type in _PLACES and not (a.key and b.key))


def _own_iri(c: Candidate) -> str:
    """The candidate's own IRI; traditional and simplified spellings of a name share it."""
    if c.key:
        return gazetteer_iri(c.key)
    if c.type == "Person":
        return entity_iri("Person", fold_traditional(c.name or c.text))
    return entity_iri(c.type, canonical_name(fold_traditional(c.text)))


def canonical_name(name: str) -> str:
    """Return the name a body is keyed by: 人民政府, People's Government and "City Council" shortened.

    >>> canonical_name("重庆市人民政府外事办公室") == canonical_name("重庆市政府外事办公室")
    True
    >>> canonical_name("Guiyang Municipal People's Government"), canonical_name("Kaohsiung City Council")
    ('Guiyang Government', 'Kaohsiung Council')
    """
    name = re.sub(r"People['’]s Government", "Government", name.replace("人民政府", "政府"))
    return re.sub(r" (?:City|Municipal|Metropolitan) (Council|Government)$", r" \1", name)


def _label_language(name: str) -> str:
    if re.search(r"[가-힣]", name):
        return "ko"
    return "zh" if re.search(r"[\u3400-\u9fff]", name) else "en"


def build_entities(text: str, candidates: Sequence[Candidate], iris: Sequence[str], gazetteer: Gazetteer,
                   language: str, posts: dict[str, list[tuple[str, str, int, int]]]) -> list[Entity]:
    """Group candidates by IRI into entities with labels per language, aliases and containment."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, iri in enumerate(iris):
        groups[iri].append(i)
    present = set(groups)
    out = []
    for iri, idx in groups.items():
        first = candidates[idx[0]]
        entry = gazetteer.entries.get(first.key) if first.key else None
        etype = entry.type if entry else _group_type([candidates[i] for i in idx])
        labels: dict[str, str] = dict(entry.labels) if entry else {}
        for i in idx:
            c = candidates[i]
            if c.name is None:  # a gazetteer entry without a label in this language takes the name as written
                labels.setdefault(_label_language(c.text), c.text)
        ko_label, readings = gazetteer.korean_names(entry.key) if entry else (None, ())
        if ko_label:  # a Chinese place a Chinese text names: asked for in Korean as 쑤첸 or 숙천
            labels.setdefault("ko", ko_label)
        mentions = dedupe(Mention(candidates[i].start, candidates[i].end, candidates[i].text) for i in idx)
        aliases = tuple(a for a in dedupe([*(m.text for m in mentions), *readings]) if a not in labels.values())
        within = _within([candidates[i] for i in idx], candidates, iris, iri)
        if within is None and entry is not None and entry.within and gazetteer_iri(entry.within) in present:
            within = gazetteer_iri(entry.within)
        title = None
        if etype == "Person" and not posts.get(iri):
            title = next((candidates[i].title for i in idx if candidates[i].title), None)
        out.append(Entity(id=iri, type=etype, labels=labels, aliases=aliases, mentions=tuple(mentions),
                          same_as=(str(WD) + entry.wikidata,) if entry and entry.wikidata else (),
                          within=within, title=title))
    out.sort(key=lambda e: e.mentions[0].start)
    return out


def _group_type(cands: Sequence[Candidate]) -> str:
    types = [c.type for c in cands]
    return max(set(types), key=types.count)


def _within(group: Sequence[Candidate], candidates: Sequence[Candidate], iris: Sequence[str],
            iri: str) -> str | None:
    """The longest place or body a name starts with: 重庆市人民政府 for 重庆市人民政府外事办公室."""
    best: tuple[int, str] | None = None
    for c in group:
        if c.type == "Person":
            continue
        for j, n in enumerate(candidates):
            if n.start == c.start and n.end < c.end and iris[j] != iri and \
                    (n.type in _PLACES or n.type == "GovernmentBody") and (best is None or n.end - n.start > best[0]):
                best = (n.end - n.start, iris[j])
    return best[1] if best else None
