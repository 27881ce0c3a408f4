"""Extraction for Chinese and English documents: mentions -> entities -> facts, without Kiwi.

``extract_international`` is the counterpart of ``pipeline.extract`` for a
document whose language (``language.detect_language``) is ``zh`` or ``en``. It
uses the same resources (the gazetteer) and returns the same Extraction, with
deterministic IRIs: ``gazetteer_iri(key)`` for gazetteer names, else
``entity_iri(type, name)``; persons by their name, as the Korean resolver does.

>>> from cityties.ingest.gazetteer import Entry, Gazetteer
>>> from cityties.ingest.source import SourceText
>>> g = Gazetteer([Entry("chengdu", "City", {"en": "Chengdu", "zh": "成都"})])
>>> x = extract_international(SourceText("Vice Mayor of Chengdu Wang Lin visited Goyang City."), "d1", "d1.txt", g, "en")
>>> sorted((e.type, e.label("en")) for e in x.entities)
[('City', 'Chengdu'), ('City', 'Goyang City'), ('Person', 'Wang Lin')]
>>> [(f.type, x.entity(f.subject).label("en"), x.entity(f.object).label("en")) for f in x.facts]
[('visited', 'Wang Lin', 'Goyang City'), ('holds_post', 'Wang Lin', 'Chengdu')]
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Any, Sequence

from ..graph.model import Document, Entity, Extraction, Mention, dedupe
from ..graph.vocab import WD, entity_iri, gazetteer_iri
from .dates_intl import document_date_intl
from .facts_intl import Spot, extract_intl_facts, person_posts
from .gazetteer import Gazetteer
from .mentions_intl import Candidate, find_intl_mentions
from .source import SourceText

_GLOSS_OPEN = re.compile(r"\s*[(（]\s*$")
_GLOSS_CLOSE = re.compile(r"^\s*[)）]")
_PLACES = frozenset({"City", "District", "Province", "Country", "IndustrialPark"})


def extract_international(source: SourceText, document_id: str, source_path: str, resources: Any,
                          language: str) -> Extraction:
    """Return the Extraction of a Chinese or English document; ``resources`` is a pipeline
    ``Resources`` (its ``gazetteer`` and ``data_dir`` are used) or a bare Gazetteer.

    A language other than zh/en is read as English: the English reader needs no
    language knowledge beyond capitals and the shared gazetteer.
    """
    gazetteer: Gazetteer = getattr(resources, "gazetteer", resources)
    data_dir = getattr(resources, "data_dir", None)
    language = language if language in ("zh", "en") else "en"
    text = source.text
    candidates = find_intl_mentions(text, language, gazetteer, data_dir)
    iris = candidate_iris(text, candidates)
    spots = [Spot(c.start, c.end, iris[i], c.type, c.text, c.title, c.title_start, c.title_end)
             for i, c in enumerate(candidates)]
    posts = person_posts(text, spots)
    entities = build_entities(text, candidates, iris, gazetteer, language, posts)
    doc_date = source.date or document_date_intl(text)
    facts = extract_intl_facts(text, language, entities, spots, posts, doc_date, data_dir)
    document = Document(
        id=document_id, source=source_path, title=source.title or _first_line(text), language=language,
        home=None, date=doc_date, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text)
    return Extraction(document, tuple(entities), tuple(facts))


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:200] or None


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
    if c.key:
        return gazetteer_iri(c.key)
    if c.type == "Person":
        return entity_iri("Person", c.name or c.text)
    return entity_iri(c.type, canonical_name(c.text))


def canonical_name(name: str) -> str:
    """Return the name a body is keyed by: 人民政府 and People's Government shortened as news does.

    >>> canonical_name("重庆市人民政府外事办公室") == canonical_name("重庆市政府外事办公室")
    True
    >>> canonical_name("Guiyang Municipal People's Government")
    'Guiyang Municipal Government'
    """
    return re.sub(r"People['’]s Government", "Government", name.replace("人民政府", "政府"))


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
            if not c.key and c.name is None:
                labels.setdefault(_label_language(c.text), c.text)
        mentions = dedupe(Mention(candidates[i].start, candidates[i].end, candidates[i].text) for i in idx)
        aliases = tuple(a for a in dedupe(m.text for m in mentions) if a not in labels.values())
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
