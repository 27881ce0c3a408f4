"""The home entity: whose point of view a document takes.

A trip report is written by a council or committee ("…위원회 공무국外출장
결과보고서"), a newsletter by its publisher ("발행처: …"); a news article
reports in the third person and has no home.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from ...graph.model import Entity
from ..source import SourceText

_HOME_TYPES = ("GovernmentBody", "Organization", "City", "Company", "University")
# a publisher line starts a line: "발행처: …", "발행 : …"; "채권을 발행했다" is no publisher
_PUBLISHER = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:발행처|발행기관|발행인|펴낸곳|작성기관|작성부서|보고기관|주관부서)[ \t]*[:：]?|발행[ \t]*[:：])[ \t]*")
_REPORT = re.compile(r"(?:결과\s*보고|출장\s*보고서|귀국\s*보고서|연수\s*보고서|출장\s*결과|활동\s*보고서|공무국외\s*출장)")
_NEWS = re.compile(r"(?:[가-힣]{2,4}\s?기자(?:\s|$|[=@])|저작권자\s*©|무단\s*전재|재배포\s*금지|\[[가-힣]+=[가-힣A-Za-z]+\])")
_HEAD = 1200
# a contact line that starts a line: "문의: …", "※ 자료 문의 : …"
_CONTACT = re.compile(r"(?:^|\n)[ \t※*]*(?:자료\s*)?문의[ \t]*[:：][ \t]*")
# a newsletter's masthead names its publisher on the same line: "…진흥원 글로벌 뉴스레터 제42호"
_MASTHEAD = re.compile(r"(?:뉴스\s?레터|소식지|웹진|사보|뉴스브리프)")
# a press release: "보도자료" / "보 도 자 료" near the top; its headline starts "부천시, …"
_PRESS = re.compile(r"보\s*도\s*자\s*료|보도\s*참고\s*자료")


def infer_home(source: SourceText, entities: Sequence[Entity]) -> str | None:
    """Return the id of the entity the document speaks for, or None for third-person news.

    In order: a publisher line (발행처: X); for a report (결과보고서, 출장보고서 …),
    the body named most in its title block, a council before its committees;
    nothing for a text that reads as news (a byline, ©, "[고양=광교신문]").

    >>> from cityties.graph.model import Mention
    >>> t = "발행처: 글로벌혁신센터\\n본문"
    >>> infer_home(SourceText(t), [Entity("kic", "Organization", mentions=(Mention(5, 12, "글로벌혁신센터"),))])
    'kic'
    """
    text = source.text
    spans = [(m.start, m.end, e) for e in entities for m in e.mentions]
    spans.sort(key=lambda x: x[0])

    for m in _PUBLISHER.finditer(text, 0, min(len(text), _HEAD * 2)):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        for s, e, ent in spans:
            if m.end() <= s < line_end and ent.type in _HOME_TYPES:
                return ent.id

    head = text[:_HEAD]
    for line_m in re.finditer(r"[^\n]+", text[:400]):
        if not _MASTHEAD.search(line_m.group()):
            continue
        for s, e, ent in spans:
            if line_m.start() <= s < line_m.end() and ent.type in _HOME_TYPES:
                return ent.id
        break

    press = _PRESS.search(text[:300])
    if press and not _NEWS.search(text):
        # the first body named as the subject of a headline: "부천시, 베트남 다낭시와 … 체결"
        for s, e, ent in spans:
            if s < press.end() or s >= _HEAD or ent.type not in _HOME_TYPES:
                continue
            line_start = text.rfind("\n", 0, s) + 1
            # "[보도자료] 전북대학교, …": the release marker may open the headline line
            lead = _PRESS.sub("", text[line_start:s])
            if lead.strip(" \t[]【】()<>「」") == "" and text[e:e + 1] in (",", "，"):
                return ent.id

    if _REPORT.search(head) and not _NEWS.search(text):
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        by_id = {}
        for s, e, ent in spans:
            if s >= _HEAD or ent.type not in ("GovernmentBody", "Organization"):
                continue
            counts[ent.id] += 1
            first.setdefault(ent.id, s)
            by_id[ent.id] = ent
        if counts:
            def rank(eid: str) -> tuple:
                name = text[first[eid]:first[eid] + 40]
                # a council writes the report its committee went on
                council = "의회" in by_id[eid].label() or "의회" in name[:8]
                return (council, counts[eid], -first[eid])
            return max(counts, key=rank)
        return None

    if not _NEWS.search(text):
        # a release or newsletter item signs off with its desk: "문의: 수원시 국제협력과 031-…"
        for m in _CONTACT.finditer(text):
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            for s, e, ent in spans:
                if m.end() <= s < line_end and ent.type in _HOME_TYPES:
                    return ent.id

    # third-person news (a byline, ©, "[고양=광교신문]") and anything else: no home
    return None
