"""What each line of a document is: a dated timeline row, a labelled field, or prose.

Municipal exchange pages and trip reports hold most of their ties outside
sentences: dated rows ("2016. 8. 19. 자매결연협정체결", "노산구 대표단 …
우리구 방문 (1998년)"), labelled fields ("결 연 일 : 1998년 8월 3일",
"우호도시(10개) : 무순시, 연길시, …"). This module finds them by their shape
alone; the fact readers (``facts.rows``) decide what they state.

>>> text = "• 결 연 일 : 1998년 8월 3일\\n2016. 8. 19. 자매결연협정체결\\n시는 교류를 넓혀 왔다."
>>> [(s.kind, text[s.start:s.end]) for s in segment_lines(text)]
[('field', '결 연 일 : 1998년 8월 3일'), ('timeline', '2016. 8. 19. 자매결연협정체결'), ('prose', '시는 교류를 넓혀 왔다.')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateSpan, find_dates

_BULLETS = re.compile(r"[\s\-–•·○●◦▶▷☞※*>□■◇◆❍➊-➓①-⑳]*")
# prose ends in a finite verb: 했다. / 합니다 / 하였음 / 예정이다
_SENTENCE = re.compile(r"(?:[다요]\s*[.!?]?|[음함됨임]\s*\.)[\s\"'”’)]*$")
_FIELD = re.compile(r"(?P<label>[^:：\n]{1,24}?)\s*[:：]\s*(?=\S)")
_MAX_ROW = 140  # a timeline row is a clause, not a paragraph
_DATES_ONLY = re.compile(r"[\s\d.,~∼〜\-–년월일부터까지()'‘’]*")


@dataclass(frozen=True, slots=True)
class Segment:
    """One line: its span (bullets trimmed), its kind, and for a row its date, for a field its value."""

    start: int
    end: int
    kind: str  # "timeline" | "field" | "prose"
    clause_start: int = 0  # a row's words without its date; a field's value
    clause_end: int = 0
    date: DateSpan | None = None  # a row's date (None when it lists several years)
    label: str = ""  # a field's label, blanks removed ("결연일")


def segment_lines(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Classify every non-blank line of ``text[start:end]``."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        m = _BULLETS.match(text, ls, le)
        s = m.end() if m else ls
        e = le
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append(classify(text, s, e))
    return out


def classify(text: str, start: int, end: int) -> Segment:
    """Return the kind of the line ``text[start:end]`` (bullets already trimmed).

    >>> t = "서초구 대표단 우호도시 협정 의향서 체결차 노산구 방문 (1997년)"
    >>> seg = classify(t, 0, len(t)); seg.kind, seg.date.value, t[seg.clause_start:seg.clause_end]
    ('timeline', '1997', '서초구 대표단 우호도시 협정 의향서 체결차 노산구 방문')
    >>> classify("12:30 도착", 0, 8).kind
    'prose'
    """
    line = text[start:end]
    field = _FIELD.match(text, start, end)
    if field and re.search(r"[가-힣A-Za-z]", field.group("label")) and not re.search(r"\d\s*$", field.group("label")):
        label = re.sub(r"\s+", "", field.group("label"))
        return Segment(start, end, "field", field.end(), end, None, label)
    if end - start > _MAX_ROW or _SENTENCE.search(line):
        return Segment(start, end, "prose")
    dates = [d for d in find_dates(text, start, end, day_context=None) if d.explicit_year]
    if not dates:
        return Segment(start, end, "prose")
    first, last = dates[0], dates[-1]
    if first.start - start <= 1:
        # "2016. 8. 19. ~ 8. 20. 서구청 공무원 인제군 직원연수": the date leads
        cs = first.end
        while cs < end and text[cs] in " \t.)":
            cs += 1
        return Segment(start, end, "timeline", cs, end, first, "")
    tail = re.search(r"\(([^()]*)\)\s*$", line)
    if tail and start + tail.start(1) <= first.start and _DATES_ONLY.fullmatch(tail.group(1)):
        # "… 우리구 방문 (1998년)"; several years "(2005년, 2008년)" give the row no one date
        in_tail = [d for d in dates if d.start >= start + tail.start(1)]
        several = len(in_tail) > 1 and not (len(in_tail) == 2 and re.search(r"~|∼|〜|부터", tail.group(1)))
        ce = start + tail.start()
        while ce > start and text[ce - 1].isspace():
            ce -= 1
        return Segment(start, end, "timeline", start, ce, None if several else in_tail[0], "")
    if end - last.end <= 1 and len(dates) == 1:
        # "한국 경상북도 의성군 국내 자매결연 2013. 07. 13.": the date closes the row
        ce = last.start
        while ce > start and text[ce - 1].isspace():
            ce -= 1
        return Segment(start, end, "timeline", start, ce, last, "")
    return Segment(start, end, "prose")
