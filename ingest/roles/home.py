"""The writing body ("home"): whose point of view a document takes, with a confidence.

A trip report is written by a council or committee ("…위원회 공무국외출장
결과보고서"), a newsletter by its publisher ("발행처: …"), a press release by its
issuer, a city's exchange page by the city whose site it is ("> 함께하는 서구 >
구정현황 > 교류도시", "우리 구"). A news article reports in the third person and
has none. Each signal adds to a body's score; the best score above a floor wins.
The signal words live in ``data/lexicon/<lang>/roles.json``.

>>> from cityties.graph.model import Mention
>>> t = "발행처: 글로벌혁신센터\\n본문"
>>> writing_body(SourceText(t), [Entity("kic", "Organization", mentions=(Mention(5, 12, "글로벌혁신센터"),))])
Authorship(entity='kic', confidence=1.0, reason='publisher line')
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

from ...graph.model import Entity
from ..source import SourceText

HOME_TYPES = frozenset({"GovernmentBody", "Organization", "City", "District", "Province", "Company", "University"})
_HEAD = 1200  # a title block, masthead or site header lies within the first characters
_FLOOR = 3.0  # below this score the document speaks for no one we can name


@dataclass(frozen=True, slots=True)
class Authorship:
    """Who wrote a document: an entity id (or None), how sure we are (0..1), and why."""

    entity: str | None
    confidence: float = 0.0
    reason: str = ""


@lru_cache(maxsize=16)
def load_role_words(language: str = "ko", data_dir: Path | None = None) -> dict:
    """Return ``lexicon/<language>/roles.json`` (from ``data_dir`` when it has one)."""
    path = Path(data_dir) / "lexicon" / language / "roles.json" if data_dir else None
    if path is not None and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    node = resources.files("cityties").joinpath("data", "lexicon", language, "roles.json")
    return json.loads(node.read_text(encoding="utf-8")) if node.is_file() else {}


def _words(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!)"


def is_news(text: str, words: dict) -> bool:
    """True for a text that reads as third-person news: a byline, a copyright line, "[고양=광교신문]"."""
    if any(w in text for w in words.get("news_marks", [])):
        return True
    byline = words.get("news_byline")
    return bool(byline and re.search(byline, text))


class _Scores:
    """Score per entity, with the strongest reason seen."""

    def __init__(self) -> None:
        self.score: dict[str, float] = defaultdict(float)
        self.reason: dict[str, tuple[float, str]] = {}

    def add(self, entity: str, points: float, reason: str) -> None:
        self.score[entity] += points
        if points > self.reason.get(entity, (0.0, ""))[0]:
            self.reason[entity] = (points, reason)

    def best(self) -> tuple[str, float, str] | None:
        if not self.score:
            return None
        eid = max(self.score, key=lambda e: (self.score[e], self.reason[e][0], e))
        return eid, self.score[eid], self.reason[eid][1]


def writing_body(source: SourceText, entities: Sequence[Entity], language: str = "ko",
                 foreign: frozenset[str] = frozenset(), data_dir: Path | None = None) -> Authorship:
    """Return who wrote ``source``: the body a publisher line, report title, site header,
    press-release headline or self-reference ("우리 시", "我会", "our city") points to.

    ``foreign`` holds entity ids known to lie outside the document's own country
    (a Korean city page is written by a Korean body, not by its Chinese partner).
    """
    text = source.text
    words = load_role_words(language, data_dir)
    # a council named by its unit alone ("도의회") stands for one named elsewhere: no naming of its own
    spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions
                    if e.type in HOME_TYPES and e.id not in foreign
                    and not (len(m.text) == 3 and m.text.endswith("의회"))), key=lambda x: x[0])
    if not spans:
        return Authorship(None)

    def on_line(pos: int) -> list[tuple[int, int, Entity]]:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        return [s for s in spans if pos <= s[0] < line_end]

    # 1. a publisher line ("발행처: …"), or a source line naming a press release
    #    ("출처 : 여주시청 보도자료"; a bare "출처:" under a table names where its figures came from)
    press_words = _words(words.get("press_words", []))
    for label_key, needs_press in (("publisher_labels", False), ("source_labels", True)):
        labels = _words(words.get(label_key, []))
        for m in re.finditer(r"(?:^|\n)[ \t※*\[(]*(?:%s)[ \t]*[:：][ \t]*" % labels, text):
            hit = on_line(m.end())
            line_end = text.find("\n", m.end())
            line = text[m.end():len(text) if line_end < 0 else line_end]
            if hit and (not needs_press or re.search(press_words, line)):
                return Authorship(hit[0][2].id, 1.0, "publisher line")

    news = is_news(text, words)
    scores = _Scores()
    head_end = min(len(text), _HEAD)
    by_id = {ent.id: ent for _, _, ent in spans}
    council = _words(words.get("council_words", []))

    # 2. a report's title block names its author, a council before its committees
    if not news and re.search(_words(words.get("report_words", [])), text[:head_end]):
        named: dict[str, float] = {}
        for s, e, ent in spans:
            if s < head_end and ent.type in ("GovernmentBody", "Organization"):
                bonus = 1.0 if re.search(council, text[s:e + 4]) else 0.0  # a council writes its committee's report
                named[ent.id] = max(named.get(ent.id, 0.0), 5.0 + bonus)
        for eid, points in named.items():
            scores.add(eid, points, "report title")

    # 3. a newsletter's masthead: "…진흥원 글로벌 뉴스레터 제42호"
    masthead = _words(words.get("masthead_words", []))
    for line in re.finditer(r"[^\n]+", text[:400]):
        if re.search(masthead, line.group()):
            for s, e, ent in on_line(line.start()):
                scores.add(ent.id, 5.0, "masthead")
            break

    # 4. a press release: the body heading its headline ("부천시, 베트남 다낭시와 … 체결")
    press = re.search(press_words, text[:300])
    if press and not news:
        for s, e, ent in spans:
            if press.end() <= s < head_end and text[e:e + 1] in (",", "，"):
                scores.add(ent.id, 5.0, "press release")
                break

    # 5. a web page's header and breadcrumbs name the site ("> 함께하는 서구>구정현황>교류도시")
    chrome = any(w in text[:head_end] for w in words.get("web_chrome", []))
    header = _header_lines(text, head_end)
    for ls, le in header:
        crumb = ">" in text[ls:le]
        for s, e, ent in spans:
            if ls <= s < le:
                scores.add(ent.id, 3.0 if (crumb or chrome) else 1.0, "site header")

    # 6. a headline whose subject is a body travelling or receiving ("횡성군의회 11명 8일간 호주 연수")
    delegation = _words(words.get("delegation_words", []))
    if not news and header and re.search(delegation, text):
        ls, le = header[-1] if not chrome else header[0]
        for s, e, ent in spans:
            if s >= le:
                break
            if s >= ls and ent.type in ("GovernmentBody", "Organization", "City", "District"):
                scores.add(ent.id, 2.0, "headline subject")
                break

    # 7. "우리 시" / "우리구" / "我市" / "our city": the city the text names most of that kind,
    #    and the bodies named after it (고양시의회 for 우리 시)
    kinds = {kind for w, kind in words.get("self_reference", {}).items() if w in text}
    if kinds:
        counts: dict[str, int] = defaultdict(int)
        for s, e, ent in spans:
            counts[ent.id] += 1
        fits = [eid for eid in counts if by_id[eid].type in kinds or (
            "council" in kinds and by_id[eid].type == "GovernmentBody" and re.search(council, by_id[eid].label()))]
        if fits:
            top = max(fits, key=lambda eid: (counts[eid], -min(s for s, _, x in spans if x.id == eid)))
            scores.add(top, 2.0 + min(counts[top], 6) / 3, "self-reference")
            names = {n for n in by_id[top].names() if len(n) >= 2}
            for eid, ent in by_id.items():
                if eid != top and ent.type == "GovernmentBody" and any(
                        n2.startswith(n) and len(n2) > len(n) for n in names for n2 in ent.names()):
                    scores.add(eid, 1.0, "self-reference")

    # 8. a release or newsletter item signs off with its desk: "문의: 수원시 국제협력과 031-…"
    if not news:
        contact = _words(words.get("contact_labels", []))
        for m in re.finditer(r"(?:^|\n)[ \t※*]*(?:%s)[ \t]*[:：][ \t]*" % contact, text):
            for s, e, ent in on_line(m.end())[:1]:
                scores.add(ent.id, 5.0, "contact line")

    # 9. the body a text keeps coming back to as its subject, when nothing says it is news,
    #    and the one it names most (a council inherits the mentions of the city it is named after)
    if not news:
        for eid, points in _topics(text, spans).items():
            scores.add(eid, points, "subject of the text")
        top = _dominant(spans, by_id, council)
        if top is not None:
            scores.add(top, 1.5, "named most")

    best = scores.best()
    if best is None or best[1] < _FLOOR or (news and best[2] not in ("masthead", "press release")):
        return Authorship(None)
    return Authorship(best[0], round(min(1.0, best[1] / 8), 2), best[2])


def infer_home(source: SourceText, entities: Sequence[Entity], language: str = "ko",
               foreign: frozenset[str] = frozenset(), data_dir: Path | None = None) -> str | None:
    """Return the id of the entity the document speaks for, or None for third-person news.

    >>> from cityties.graph.model import Mention
    >>> t = "[고양=광교신문] 고양시가 구이양시를 방문했다. 저작권자 © 광교신문"
    >>> infer_home(SourceText(t), [Entity("goyang", "City", mentions=(Mention(12, 15, "고양시"),))]) is None
    True
    """
    return writing_body(source, entities, language, foreign, data_dir).entity


def _header_lines(text: str, head_end: int) -> list[tuple[int, int]]:
    """The short lines a page opens with, before its first long line of prose."""
    out = []
    for m in re.finditer(r"[^\n]+", text[:head_end]):
        line = m.group().strip()
        if not line:
            continue
        if line[0] in _BULLETS:
            break  # a list has begun: the page's content, not its header
        if len(line) > 40 or len(out) >= 6 or _SENTENCE_END.search(line) or m.end() >= len(text.rstrip()):
            break
        out.append((m.start(), m.end()))
    return out


_BULLETS = "•·○●◦▶▷-*□■◇◆※"
_SENTENCE_END = re.compile(r"(?:[다요음함됨임]\.|[。！？!?]|\.\s*$)")


def _dominant(spans: list[tuple[int, int, Entity]], by_id: dict[str, Entity], council: str) -> str | None:
    """The body named most often (at least twice, and more than any other), if one is."""
    counts: dict[str, int] = defaultdict(int)
    for _, _, ent in spans:
        counts[ent.id] += 1
    total = dict(counts)
    for eid, ent in by_id.items():
        if ent.type == "GovernmentBody" and re.search(council, ent.label()):
            for cid, city in by_id.items():
                if city.type in ("City", "District", "Province") and any(
                        n2.startswith(n) and len(n2) > len(n) for n in city.names() if len(n) >= 2
                        for n2 in ent.names()):
                    total[eid] += counts[cid]
                    break
    ranked = sorted(total.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


_TOPIC = re.compile(r"[시군구도]?\s?(?:은|는|이|가|에서는)\s")


def _topics(text: str, spans: list[tuple[int, int, Entity]]) -> dict[str, float]:
    """Points for bodies named as a sentence's subject ("서울시의회는 …", "창원시는 …"), and for
    the one named first in the opening line (a headline's subject)."""
    points: dict[str, float] = defaultdict(float)
    for s, e, ent in spans:
        line_start = s == 0 or text[s - 1] == "\n"
        if (_TOPIC.match(text, e) or (line_start and text[e:e + 1] in ",，")) and \
                (s == 0 or not text[s - 1].isalnum()):
            points[ent.id] += 1.0
    first_line_end = text.find("\n", text.find(next((c for c in text if not c.isspace()), "")) + 1)
    for s, e, ent in spans:
        if s < max(first_line_end, 0) or s < 80:
            points[ent.id] += 1.0
            break
    return {eid: min(p, 4.0) for eid, p in points.items()}
