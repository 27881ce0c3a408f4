"""What a document says about itself near its top: its date and a title.

Korean public documents state their date in a labelled field ("보도일시 2018. 9. 4.(화)",
"등록일자\\t2018. 9. 14.") or on a line of its own under the masthead
("2022.07.13").  Only those are taken: a date inside running text is an event
date, not the document's.
"""
from __future__ import annotations

import re
from datetime import date

from ..source import Block

_YMD = r"(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})\s*[.일]?"
_LABELS = ("보도일시", "보도일자", "보도일", "배포일시", "배포일자", "배포일", "등록일자", "등록일",
           "작성일자", "작성일", "시행일자", "시행일", "발행일자", "발행일", "기안일자", "결재일자",
           "게재일", "입력")
# A label must start a word: 일자 inside 출장일자 is a trip date, not the document's.
_LABELLED = re.compile(r"(?<![가-힣])(?:" + "|".join(_LABELS) + r")\s*[:：]?\s*" + _YMD)
_ALONE = re.compile(r"^[\s\[(]*" + _YMD + r"\s*(?:\(\s*[월화수목금토일]\s*\))?[\s\])]*$")
_HEAD_CHARS = 3000
# site chrome next to a masthead date: weather readings and their credit line
_CHROME = re.compile(r"℃|°C|기상청|날씨|미세먼지|weather", re.IGNORECASE)
_CHROME_REACH = 3  # lines after the date
_HEAD_LINES = 15
_MARKUP = re.compile(r"^\s*#{1,6}\s+|\*\*|__|<[^>]+>")


def _iso(m: re.Match) -> str | None:
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """Return the document's own date as ISO, or None when its top states none.

    >>> find_date("보도일시 2018. 9. 4.(화) 조간(온라인 9. 3. 12:00)부터")
    '2018-09-04'
    >>> find_date("\\n\\n주간 중국 창업 제 287호\\n\\n2022.07.13\\n")
    '2022-07-13'
    >>> find_date("지난 2019. 12. 23. 방문했다.") is None
    True
    >>> find_date("출장시행일자 2019. 12. 22.") is None
    True

    A news site's masthead shows today's date beside its weather widget: that is the day
    the page was read, not the article's.

    >>> find_date("2024.03.29 (금)\\n  • 흐림동두천 1.0℃\\n기상청 제공\\n") is None
    True
    """
    head = text[:_HEAD_CHARS]
    m = _LABELLED.search(head)
    if m and (found := _iso(m)):
        return found
    lines = [line for line in head.split("\n") if line.strip()][:_HEAD_LINES]
    for i, line in enumerate(lines):
        m = _ALONE.match(line)
        if m and (found := _iso(m)) and not any(_CHROME.search(x) for x in lines[i + 1:i + 1 + _CHROME_REACH]):
            return found
    return None


def guess_title(text: str, blocks: tuple[Block, ...]) -> str | None:
    """Return the document's title: its first real heading near the top, else the first line
    of a paragraph that reads as a title (more than a date or a number, not a bullet item).

    >>> from cityties.ingest.source import Block
    >>> text = "2024.03.29 (금)\\n• 흐림 서울 3.2℃\\n기상청 제공\\n**고양시** 보도자료"
    >>> guess_title(text, (Block("paragraph", 0, len(text)),))
    '고양시 보도자료'
    >>> text = "시민과 함께\\n# 목 차\\n# 출장 결과 보고서"
    >>> guess_title(text, (Block("paragraph", 0, 6), Block("heading", 7, 12), Block("heading", 13, 24)))
    '출장 결과 보고서'
    """
    for block in (b for b in blocks if b.kind != "table" and b.start < _TITLE_REACH):
        lines = text[block.start:block.end].split("\n")
        # a heading block, or a Markdown heading a converter kept as a plain paragraph
        for line in lines[:1] if block.kind == "heading" else [x for x in lines if x.lstrip().startswith("#")]:
            line = _clean(line)
            if _reads_as_title(line) and _squeeze(line) not in _NOT_TITLES:
                return line[:200]
    for block in blocks:
        if block.kind == "table":
            continue
        for line in text[block.start:block.end].split("\n"):
            line = _clean(line)
            if _reads_as_title(line) and not _BULLET.match(line):
                return line[:200]
    return None


_TITLE_REACH = 3000  # a heading further down is a section, not the title
_NOT_TITLES = {"목차", "차례", "contents", "tableofcontents", "index"}
_BULLET = re.compile(r"^[•·▶▷◆◇■□○●※*>]")


def _clean(line: str) -> str:
    return _MARKUP.sub("", line).strip(" -–—\t#")


def _squeeze(line: str) -> str:
    return re.sub(r"\W+", "", line).casefold()


# a credit or caption line ("기상청 제공", "사진=고양시", "자료: 통계청") is not a title
_CAPTION = re.compile(r"^\S{0,12}\s*제공$|^(?:사진|자료|출처|그래픽|그림|표)\s*[=:：]", re.IGNORECASE)


def _reads_as_title(line: str) -> bool:
    return (len(line) >= 2 and not _ALONE.match(line) and len(re.findall(r"[^\W\d_]", line)) >= 2
            and not _CAPTION.match(line) and not _CHROME.search(line))


# Office suites fill the title property with their template's word for "title".
_FILE_NAME = re.compile(r"\.(?:pdf|hwpx?|docx?|txt|html?|xlsx?|pptx?)$", re.IGNORECASE)
_PLACEHOLDER_TITLES = {"제목", "제목 없음", "title", "untitled", "문서", "document", "새 문서", "noname"}


def usable_title(candidate: str | None) -> str | None:
    """Return a metadata title if it reads as one: two letters or more and not a template placeholder.

    >>> usable_title("2"), usable_title("제목"), usable_title("규정.pdf"), usable_title(" 고양시 보도자료 ")
    (None, None, None, '고양시 보도자료')
    """
    if not candidate:
        return None
    title = " ".join(candidate.split())
    if (title.lower() in _PLACEHOLDER_TITLES or len(re.findall(r"[^\W\d_]", title)) < 2
            or _FILE_NAME.search(title)):
        return None
    return title[:200]
