"""Dates as Korean public documents write them, resolved to ISO strings.

Full dates (``2019. 12. 23.(월)``, ``2018.8.21``, ``2018년 8월 21일``), short
ones that borrow the year from context (``12. 23.``, ``8월 21일``, ``8/21 (화)``,
``23일``), two-digit years (``'15. 4.``), partial dates (``2015년``,
``2018년 11월``) and ranges (``12. 22.(일) ~ 12. 27.(금)``, ``7월6일부터 8일까지``).

>>> [d.value for d in find_dates("출장기간 : 2019. 12. 22.(일) ~ 12. 27.(금)")]
['2019-12-22']
>>> find_dates("출장기간 : 2019. 12. 22.(일) ~ 12. 27.(금)")[0].end_value
'2019-12-27'
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..source import SourceText

_WD = r"(?:\s*\(\s*[월화수목금토일]\s*\))"  # a weekday in brackets: (월)
_RANGE_SEP = re.compile(r"^\s*(?:~|∼|〜|-|–|부터)\s*")
_RANGE_END = re.compile(r"\s*까지")

# Order matters: the longest, most explicit forms first; a later pattern never
# claims text an earlier one matched.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 2019. 12. 23.(월) / 2019.12.23 / 2018-09-07 / 2018/8/21
    ("ymd", re.compile(
        r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?P<s>[.\-/])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<d>\d{1,2})"
        r"(?!\d)(?:\s*\.)?" + _WD + "?")),
    # 2018년 8월 21일 / 2022 년 6 월 15 일
    ("ymd_ko", re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일" + _WD + "?")),
    # '15년 5. 8.
    ("y2_md", re.compile(
        r"['‘’`](?P<y>\d{2})\s*년\s*(?P<m>\d{1,2})\s*\.\s*(?P<d>\d{1,2})\s*\.(?!\d)")),
    # 2018년 11월 / 2015년 10월
    ("ym_ko", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*년\s*(?P<m>\d{1,2})\s*월(?!\s*\d)")),
    # 2014. 3. (a year and month, the month closed by a dot)
    ("ym", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*\.\s*(?P<m>\d{1,2})\s*\.(?!\s*\d)")),
    # '15. 4. / '14. 12.
    ("y2_m", re.compile(r"['‘’`](?P<y>\d{2})\s*\.\s*(?P<m>\d{1,2})\s*\.(?!\s*\d)")),
    # 2015년 / '15년
    ("y_ko", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*년")),
    ("y2_ko", re.compile(r"['‘’`](?P<y>\d{2})\s*년")),
    # 지난 3월 / 올해 5월: a month of the document's year (지난: the last such month before it)
    ("m_rel", re.compile(r"(?P<rel>지난|올해|금년|오는)\s*(?P<m>\d{1,2})\s*월(?!\s*\d)")),
    # 8월 21일 / 6월28일 / 6 월 15 일
    ("md_ko", re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일" + _WD + "?")),
    # 12. 23.(월) / 12. 23. / 12.23(월)
    ("md", re.compile(
        r"(?<![\d.,])(?P<m>\d{1,2})\s*\.\s*(?P<d>\d{1,2})"
        r"(?:\s*\." + _WD + "|" + _WD + r"|\s*\.(?!\s*\d))")),
    # 8/21 (화)
    ("md_slash", re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _WD)),
    # 25.(토) — a day with its weekday, as the end of a range
    ("d_wd", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\s*\.?" + _WD)),
    # 23일 (a day alone; month and year come from context)
    ("d_ko", re.compile(r"(?<![\d.월])(?P<d>\d{1,2})\s*일(?!\s*차)")),
)


# "제1일" is a day count, "5박 6일" a duration: neither is a date.
_NOT_A_DAY = re.compile(r"(제|박)\s*$")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date found in text: its span, what it says, and its ISO value (maybe partial)."""

    start: int
    end: int
    text: str
    value: str
    end_value: str | None = None  # the last day of a range
    explicit_year: bool = False


def _year2(y: str) -> int:
    n = int(y)
    return 2000 + n if n < 70 else 1900 + n


def _context_parts(context: str | None) -> tuple[int | None, int | None]:
    if not context:
        return None, None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?", context)
    if not m:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_BARE_DAYS = frozenset({"d_ko", "d_wd"})
_SAME = object()  # marker: a bare day takes its month from the running context (the default)


def _resolve(kind: str, g: dict[str, str | None], context: str | None,
             day_context: object = None) -> tuple[str | None, bool]:
    if kind in _BARE_DAYS and day_context is not _SAME:
        context = day_context  # "25일" means a day of the document's own month, or nothing we can know
    cy, cm = _context_parts(context)
    y = m = d = None
    explicit = False
    if g.get("y"):
        y = _year2(g["y"]) if kind.startswith("y2") else int(g["y"])
        explicit = True
    else:
        y = cy
    if g.get("m"):
        m = int(g["m"])
    elif g.get("d"):
        m = cm  # a day alone takes the context's month
        if m is None:
            return None, False
    if g.get("d"):
        d = int(g["d"])
    if kind == "m_rel" and y is not None and cm is not None:
        if g.get("rel") == "지난" and m is not None and m > cm:
            y -= 1  # "지난 11월" written in March is last year's November
        elif g.get("rel") == "오는" and m is not None and m < cm:
            y += 1
    return _iso(y, m, d), explicit


def find_dates(text: str, start: int = 0, end: int | None = None,
               context: str | None = None, day_context: object = _SAME) -> list[DateSpan]:
    """Return the dates in ``text[start:end]`` in order, with offsets into ``text``.

    ``context`` is an ISO date or year that fills what a short date leaves out;
    a date whose year stays unknown is dropped. Ranges give ``end_value``.
    ``day_context``, when given, is what a day written alone ("25일") is a day of:
    the document's own date, or None when the document states none (the day is
    then unknown, whatever dates the text names before it).

    >>> [d.value for d in find_dates("2018. 8. 21.(화) ~ 8. 24.(금)")]
    ['2018-08-21']
    >>> find_dates("일시 : 12. 23.(월) 11:00", context="2019")[0].value
    '2019-12-23'
    >>> find_dates("지난 7월6일부터 8일까지 방문", context="2017")[0].end_value
    '2017-07-08'
    >>> find_dates("'15. 4.부터 운영")[0].value
    '2015-04'
    >>> find_dates("11.3% 증가", context="2019")
    []
    >>> find_dates("2004년 10월 19일 결연, 25일 방문", day_context=None)[1:]
    []
    >>> find_dates("지난 3월 방문", context="2018-08-17")[0].value, find_dates("지난 11월", context="2018-03")[0].value
    ('2018-03', '2017-11')
    """
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, dict[str, str | None]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.start(), m.end()
            while e > s and text[e - 1].isspace():
                e -= 1
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "d_ko" and _NOT_A_DAY.search(text, max(0, s - 3), s):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m.groupdict()))
    found.sort()
    spans: list[DateSpan] = []
    running = context
    i = 0
    while i < len(found):
        s, e, kind, g = found[i]
        value, explicit = _resolve(kind, g, running, day_context)
        if value is None:
            i += 1
            continue
        end_value = None
        # A range: "A ~ B" or "A부터 B까지"; B borrows what it leaves out from A.
        if i + 1 < len(found):
            s2, e2, kind2, g2 = found[i + 1]
            if _RANGE_SEP.match(text[e:s2]) and text[e:s2].strip() in {"~", "∼", "〜", "-", "–", "부터"}:
                end_value, _ = _resolve(kind2, g2, value, _SAME)
                if end_value is not None and end_value >= value:
                    tail = _RANGE_END.match(text, e2)
                    e = tail.end() if tail else e2
                    i += 1
                else:
                    end_value = None
        spans.append(DateSpan(s, e, text[s:e], value, end_value, explicit))
        if explicit:
            running = value
        i += 1
    return spans


_LABELLED = re.compile(r"(보도일시|보도일자|배포일시|배포일자|발행일|발행일자|작성일|작성일자|등록일자|시행일자)\s*[:：]?\s*")
_HEAD_CHARS = 600


def document_date(source: SourceText) -> str | None:
    """Return the document's own date or year (ISO), or None.

    In order: the date the loader read from the file; a labelled date
    (보도일시, 발행일, 등록일자 …); the first explicit date or year in the title
    block (not a website's today banner); the most frequent explicit year in the text, if it
    is written more than once.
    """
    if source.date:
        return source.date
    text = source.text
    for m in _LABELLED.finditer(text):
        dates = find_dates(text, m.end(), min(len(text), m.end() + 40))
        if dates and dates[0].explicit_year and dates[0].start - m.end() < 3:
            return dates[0].value
    head = [d for d in find_dates(text, 0, min(len(text), _HEAD_CHARS)) if not _banner(text, d.end)]
    explicit = [d for d in head if d.explicit_year]
    if explicit:
        return explicit[0].value
    years = Counter(d.value[:4] for d in find_dates(text) if d.explicit_year and not _banner(text, d.end))
    if years and years.most_common(1)[0][1] >= 2:  # a year written once is as likely background
        return years.most_common(1)[0][0]
    return None


def _banner(text: str, end: int) -> bool:
    """True for a website's today banner: a date followed by the weather ("2024.03.29 (금) • 흐림 1.0℃").

    >>> _banner("2024.03.29 (금) • 흐림동두천 1.0℃", 10), _banner("2019. 12. 23. 충칭 방문", 13)
    (True, False)
    """
    return "℃" in text[end:end + 60] or "°C" in text[end:end + 60]
