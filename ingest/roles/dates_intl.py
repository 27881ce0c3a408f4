"""Dates as Chinese and English partnership news write them, resolved to ISO strings.

Chinese: ``2019年12月23日``, ``12月23日`` (the year from context), ``2019年12月``,
``2019年``, ``7日`` (the month from context) and ranges ``8月22日至25日``. English:
``December 23, 2019``, ``Dec. 23, 2019``, ``23 Dec 2019``, ``23rd of December 2019``,
``May 2020``, ``on 4 June`` (the year from context), ``on Monday`` (the last Monday on or
before the date in context), ``in 2014`` / ``since 2014``, and ISO ``2019-12-23``. The values come back as :class:`~cityties.ingest.roles.dates.DateSpan`,
the same value the Korean reader returns.

>>> [d.value for d in find_dates_intl("2019年12月23日，重庆市副市长会见了代表团")]
['2019-12-23']
>>> [d.value for d in find_dates_intl("GOYANG, March 14, 2023 – the mayor met 23 Dec 2019")]
['2023-03-14', '2019-12-23']
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from .dates import DateSpan

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Capitalised only: "may" the modal verb is no month.
_MON = r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
       r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_ORD = r"(?:st|nd|rd|th)?"
_Y = r"(?P<y>(?:19|20)\d{2})(?!\d)"

# Longest, most explicit forms first; a later pattern never claims text an earlier one took.
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)" + _Y + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(r"(?<![\d-])" + _Y + r"-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+" + _Y),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _Y),
    re.compile(r"(?<!\d)" + _Y + r"\s*年\s*(?P<m>\d{1,2})\s*月"),
    re.compile(_MON + r",?\s+" + _Y),
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})" + _ORD + r"(?![\d:])"),
    re.compile(r"(?<![\d.,])(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MON),
    re.compile(r"(?<!\d)" + _Y + r"\s*年"),
    re.compile(r"(?<![\d月.年/-])(?P<d>\d{1,2})\s*[日号](?![\d])"),
    re.compile(r"\b[Oo]n\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    re.compile(r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bfrom )|(?<=\bIn )|(?<=\bSince ))" + _Y),
)
# "8月22日至25日", "22日-25日": the end day of a range
_RANGE_END = re.compile(r"\s*(?:至|到|~|～|-|–|—)\s*(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]")


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or (m is not None and not 1 <= m <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _relative(g: dict[str, str | None], context: str | None) -> str | None:
    """A day of the month or a weekday, resolved against a full date: the latest one on or before it.

    >>> _relative({"d": "7"}, "2026-01-09"), _relative({"d": "28"}, "2026-01-09")
    ('2026-01-07', '2025-12-28')
    >>> _relative({"wd": "Monday"}, "2024-04-16"), _relative({"d": "7"}, "2026")
    ('2024-04-15', None)
    """
    if context is None or len(context) != 10:
        return None
    ref = date.fromisoformat(context)
    if g.get("wd"):
        return (ref - timedelta(days=(ref.weekday() - _WEEKDAYS.index(g["wd"])) % 7)).isoformat()
    day = int(g["d"])
    year, month = (ref.year, ref.month) if day <= ref.day else \
        ((ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(g: dict[str, str | None]) -> int | None:
    if g.get("mon"):
        return _MONTHS[g["mon"].rstrip(".").lower()]
    return int(g["m"]) if g.get("m") else None


def find_dates_intl(text: str, start: int = 0, end: int | None = None,
                    context: str | None = None) -> list[DateSpan]:
    """Return the Chinese and English dates in ``text[start:end]`` in order, offsets into ``text``.

    ``context`` (an ISO date or year) gives the year a short date leaves out; a
    date whose year stays unknown is dropped. A later explicit year becomes the
    context of the dates after it.

    >>> [(d.text, d.value) for d in find_dates_intl("On 5 June, they toured the park", context="2019-06-05")]
    [('5 June', '2019-06-05')]
    >>> d = find_dates_intl("2018年8月22日至25日，代表团访问高阳市")[0]
    >>> d.value, d.end_value, d.text
    ('2018-08-22', '2018-08-25', '2018年8月22日至25日')
    >>> [d.value for d in find_dates_intl("friendship cities since 2014, and a 2023 Universiade")]
    ['2014']
    >>> find_dates_intl("8月23日，市长会见了张伟") == []  # no year anywhere: dropped
    True
    """
    end = len(text) if end is None else end
    taken: list[tuple[int, int, dict[str, str | None]]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te, _ in taken):
                continue
            taken.append((s, e, m.groupdict()))
    taken.sort(key=lambda t: t[0])
    running = context
    out: list[DateSpan] = []
    for s, e, g in taken:
        if g.get("wd") or (g.get("d") and not g.get("m") and not g.get("mon")):
            value = _relative(g, running)  # "7日", "on Monday": from the full date in context
            if value is not None:
                out.append(DateSpan(s, e, text[s:e], value, None, False))
            continue
        explicit = bool(g.get("y"))
        year = int(g["y"]) if explicit else (int(running[:4]) if running else None)
        month = _month(g)
        day = int(g["d"]) if g.get("d") else None
        value = _iso(year, month, day)
        if value is None:
            continue
        end_value = None
        tail = _RANGE_END.match(text, e, end)
        if tail and day is not None:
            end_value = _iso(year, int(tail["m"]) if tail["m"] else month, int(tail["d"]))
            if end_value is not None and end_value >= value:
                e = tail.end()
            else:
                end_value = None
        out.append(DateSpan(s, e, text[s:e], value, end_value, explicit))
        if explicit:
            running = value
    return out


def document_date_intl(text: str, head: int = 400) -> str | None:
    """Return the document's own date: the first dated line near the top, else its commonest year.

    >>> document_date_intl("Goyang and Chengdu Sign MOU\\n\\nGOYANG, March 14, 2023 – The Mayor met")
    '2023-03-14'
    >>> document_date_intl("no date here") is None
    True
    """
    first = [d for d in find_dates_intl(text, 0, min(len(text), head)) if d.explicit_year]
    if first:
        return first[0].value
    years = Counter(d.value[:4] for d in find_dates_intl(text) if d.explicit_year)
    return years.most_common(1)[0][0] if years else None
