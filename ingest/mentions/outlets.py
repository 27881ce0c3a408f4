"""News outlets a press copy names in its byline, dateline or credit line.

Most documents about city ties are copies of news items, and each names its publisher
in a few fixed slots: "[시민일보=이대우 기자]", "[경기=동양뉴스통신] 유일훈 기자=",
"(서울=연합뉴스)", "[일요신문]서울 …", "저작권자 © 헤드라인제주", "<헤드라인제주>",
"/연합뉴스", "来源：中国江苏网", "中国江苏网2月8日讯", "SEOUL, Oct. 31 (Yonhap) —". The
slot is the evidence: a name found there is a Company (the project's type for a
publisher), whatever its words. Words that end like an outlet (data/lexicon/press.json)
make the looser slots (a bracket opening a line, a closing credit) count too.

>>> [(c.text, c.type, c.source) for c in outlet_mentions("[시민일보=이대우 기자]최근 서울 종로구의회는")]
[('시민일보', 'Company', 'outlet')]
>>> [c.text for c in outlet_mentions("[경기=동양뉴스통신] 유일훈 기자= 경기 성남시의회는")]
['동양뉴스통신']
>>> [c.text for c in outlet_mentions("[사진] 협약식 모습")]
[]
>>> [c.text for c in outlet_mentions("MUAN, South Korea, Oct. 31 (Yonhap) — The governors")]
['Yonhap']
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from .candidate import Candidate

_NAME = r"[가-힣A-Za-z\u3400-\u9fff][가-힣A-Za-z0-9\u3400-\u9fff .&·-]{0,18}?"
# (pattern, the group naming the outlet, whether the slot is certain without an outlet ending)
_SLOTS = (
    # [시민일보=이대우 기자], [더팩트ㅣ전주=이정수 기자]: the outlet, then its reporter
    (re.compile(rf"\[\s*({_NAME})\s*(?:[ㅣ|│/]\s*[가-힣]{{1,6}}\s*)?=\s*[가-힣]{{2,4}}\s*(?:기자|특파원)"), 1, True),
    # [경기=동양뉴스통신], (서울=연합뉴스): the dateline's place, then the outlet
    (re.compile(rf"[\[(]\s*[가-힣]{{1,6}}\s*=\s*({_NAME})\s*[\])]"), 1, True),
    # 저작권자 © 헤드라인제주, ⓒ 시민일보, Copyright © Yonhap
    (re.compile(rf"(?:저작권자|Copyright|版权所有)?\s*[©ⓒ]\s*(?:\d{{4}}\s*)?({_NAME})(?=[\s.,(\[<]|$)"), 1, True),
    # 来源：中国江苏网, 来源:韩联社
    (re.compile(rf"来源\s*[:：]\s*({_NAME})(?=[\s,，。]|$)"), 1, True),
    # 中国江苏网2月8日讯
    (re.compile(r"(?:^|\n)\s*([\u3400-\u9fff]{2,10}?)\s*\d{1,2}月\d{1,2}日(?:电|讯)"), 1, True),
    # SEOUL, Oct. 31 (Yonhap) —
    (re.compile(r"\b[A-Z]{3,}(?:, [A-Z][A-Za-z .]+)?, [A-Z][a-z]{2,4}\.? \d{1,2} \(([A-Z][A-Za-z .]{1,30})\)"), 1, True),
    # [일요신문]서울 …, [PEDIEN] 조원휘 …: a bracket opening a line
    (re.compile(rf"(?:^|\n)\s*\[\s*({_NAME})\s*\]"), 1, False),
    # <헤드라인제주> or /연합뉴스 closing a paragraph
    (re.compile(rf"[<〈]\s*({_NAME})\s*[>〉]\s*(?=\n|$)"), 1, False),
    (re.compile(rf"(?:^|\n|\s)/\s?({_NAME})\s*(?=\n|$)"), 1, False),
)


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], frozenset[str]]:
    data = json.loads(resources.files("cityties").joinpath("data", "lexicon", "press.json").read_text("utf-8"))
    return tuple(data["outlet_endings"]), frozenset(data["not_outlets"])


def outlet_mentions(text: str) -> list[Candidate]:
    """Return the news outlets named in ``text``'s press slots, each span once, in text order."""
    endings, not_outlets = _words()
    found: dict[tuple[int, int], Candidate] = {}
    for pattern, group, certain in _SLOTS:
        for m in pattern.finditer(text):
            name = m.group(group).strip()
            start = m.start(group) + (len(m.group(group)) - len(m.group(group).lstrip()))
            if len(name) < 2 or name in not_outlets or name.isdigit() or name.endswith(("기자", "특파원")):
                continue
            if not certain and not name.endswith(endings) and not (name.isascii() and name.isupper()):
                continue  # a loose slot needs a name that reads as an outlet (…일보, …뉴스, PEDIEN)
            found.setdefault((start, start + len(name)), Candidate(start, start + len(name), name, "Company", "outlet"))
    return sorted(found.values(), key=lambda c: c.start)
