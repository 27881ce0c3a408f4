"""Load PDFs from their text layer: ruled tables with pdfplumber, the text around them as paragraphs.

pdfplumber finds tables from ruling lines; the words outside those tables are
read as lines, and lines close together form a paragraph.  Blocks follow the
page from top to bottom; a page set in two columns is read column by column.
When pdfplumber fails on a damaged file, pypdf's plain text is the fallback
(paragraphs only).  Scanned PDFs have no text layer and are refused: they
need OCR first.
"""
from __future__ import annotations

import re

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
import pypdf
from pdfminer.pdfdocument import PDFPasswordIncorrect

from ..source import LoadError, SourceText
from .builder import TextBuilder
from .masthead import find_date, guess_title, usable_title

# Lines closer than this many line heights belong to one paragraph.
_PARAGRAPH_GAP = 0.8
_WRAPPED = 0.9  # a line reaching 90% of the text width was wrapped, not ended
_HAN = re.compile(r"[\u3400-\u9fff]")
# A column gutter is an empty vertical strip at least this wide (points), with
# at least this many text lines on each side.
_GUTTER = 8.0
_MIN_COLUMN_LINES = 5


@contextmanager
def _quiet_parsers() -> Iterator[None]:
    """Hold back pypdf's and pdfminer's warnings about damaged files: our LoadError says it once."""
    loggers = [logging.getLogger(name) for name in ("pypdf", "pdfminer")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _paragraphs(lines: list[dict]) -> list[tuple[float, str]]:
    """Group text lines (pdfplumber's dicts with text, x0, x1, top, bottom) into (top, paragraph) pairs.

    A line that reaches the right edge of the text was wrapped by the layout, so the
    next line goes on the same sentence: joined with a space (nothing between two
    Chinese characters). A shorter line ended where its author ended it: a newline.

    >>> line = lambda text, top, x1: {"text": text, "x0": 0, "x1": x1, "top": top, "bottom": top + 10}
    >>> _paragraphs([line("고양시 대표단이 충칭시를", 0, 500), line("방문했다.", 12, 90),
    ...              line("일정", 24, 40), line("다", 60, 20)])
    [(0, '고양시 대표단이 충칭시를 방문했다.\\n일정'), (60, '다')]
    """
    right = max((line.get("x1", 0) for line in lines), default=0)
    groups: list[tuple[float, list[str]]] = []
    prev = None
    for line in lines:
        height = line["bottom"] - line["top"]
        if prev is None or line["top"] - prev["bottom"] > _PARAGRAPH_GAP * max(prev["bottom"] - prev["top"],
                                                                              height, 1):
            groups.append((line["top"], [line["text"]]))
        elif prev.get("x1", 0) >= _WRAPPED * right and prev["text"] and line["text"]:
            texts = groups[-1][1]
            joint = "" if _HAN.match(prev["text"][-1]) and _HAN.match(line["text"][0]) else " "
            texts[-1] = texts[-1] + joint + line["text"]
        else:
            groups[-1][1].append(line["text"])
        prev = line
    return [(top, "\n".join(texts)) for top, texts in groups]


def _line_extents(words: list[dict]) -> list[tuple[float, float]]:
    """Return (x0, x1) per text line, words grouped by their rounded top."""
    lines: dict[int, list[float]] = {}
    for w in words:
        extent = lines.setdefault(round(w["top"] / 2), [w["x0"], w["x1"]])
        extent[0], extent[1] = min(extent[0], w["x0"]), max(extent[1], w["x1"])
    return [(x0, x1) for x0, x1 in lines.values()]


def find_gutter(words: list[dict], width: float) -> float | None:
    """Return the x of an empty vertical strip splitting the page into two columns, or None.

    The strip (no word crosses it) must lie in the middle half of the page,
    be at least ``_GUTTER`` wide, and each side must hold enough lines, 40% of
    them filling most of their column: the short fields of a tabular layout
    leave gaps too, and must not be split.

    >>> line = lambda top, x0, x1: {"top": top, "x0": x0, "x1": x1}
    >>> left = [line(t * 12, 20, 240) for t in range(6)]
    >>> right = [line(t * 12, 290, 515) for t in range(6)]
    >>> find_gutter(left + right, 540)
    265.0
    >>> find_gutter(left + right + [line(100, 20, 515)], 540) is None
    True
    """
    gaps, reach = [], None
    for w in sorted(words, key=lambda w: w["x0"]):
        if reach is not None and w["x0"] - reach >= _GUTTER:
            gaps.append((reach, w["x0"]))
        reach = w["x1"] if reach is None else max(reach, w["x1"])
    for a, b in gaps:
        middle = (a + b) / 2
        if not width * 0.25 <= middle <= width * 0.75:
            continue
        sides = (_line_extents([w for w in words if w["x1"] <= a]), _line_extents([w for w in words if w["x0"] >= b]))
        if min(len(side) for side in sides) < _MIN_COLUMN_LINES:
            continue
        full = total = 0
        for side in sides:
            column = max(x1 for _, x1 in side) - min(x0 for x0, _ in side)
            full += sum(x1 - x0 >= 0.6 * column for x0, x1 in side)
            total += len(side)
        if full >= 0.4 * total:
            return middle
    return None


def _render_region(region, builder: TextBuilder) -> None:
    tables = [t for t in region.find_tables() if t.cells]
    boxes = [t.bbox for t in tables]
    outside = region.filter(lambda obj: not (obj.get("object_type") == "char" and _inside(obj, boxes)))
    items: list[tuple[float, str, object]] = [(top, "text", text)
                                             for top, text in _paragraphs(outside.extract_text_lines())]
    items += [(t.bbox[1], "table", t) for t in tables]
    for _, kind, item in sorted(items, key=lambda i: i[0]):
        if kind == "text":
            builder.paragraph(item)
            continue
        rows = [[cell or "" for cell in row] for row in item.extract()]
        if sum(len(r) for r in rows) <= 1:  # a framed box, not a table
            builder.paragraph(" ".join(c for r in rows for c in r))
        else:
            builder.table(rows)


def _render_page(page, builder: TextBuilder) -> None:
    """Render a page; a two-column page is read column by column, left first."""
    gutter = find_gutter(page.extract_words(), page.width)
    if gutter is None:
        _render_region(page, builder)
        return
    x0, top, x1, bottom = page.bbox
    _render_region(page.crop((x0, top, gutter, bottom), strict=False), builder)
    _render_region(page.crop((gutter, top, x1, bottom), strict=False), builder)


def _check_encryption(path: Path) -> int:
    """Raise LoadError for a PDF that needs a password; return its page count."""
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(f"{path.name}: password-protected PDF; save an unprotected copy first")
        return len(reader.pages)
    except LoadError:
        raise
    except Exception as e:  # pypdf raises many types on damaged files
        detail = " ".join(str(e).split())[:200]
        raise LoadError(f"{path.name}: not a readable PDF ({type(e).__name__}: {detail})") from None


def _fallback(path: Path) -> TextBuilder:
    builder = TextBuilder()
    reader = pypdf.PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt("")
    for page in reader.pages:
        for chunk in (page.extract_text() or "").split("\n\n"):
            builder.paragraph(chunk)
    return builder


def load_pdf(path: Path) -> SourceText:
    """Load a PDF's text layer; raise LoadError for scanned, encrypted or broken files."""
    with _quiet_parsers():
        return _load(path)


def _load(path: Path) -> SourceText:
    pages = _check_encryption(path)
    meta: dict = {}
    engine = "pdfplumber"
    try:
        builder = TextBuilder()
        with pdfplumber.open(str(path), password="") as pdf:
            meta = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
            for page in pdf.pages:
                _render_page(page, builder)
                page.close()  # drop the page's parsed objects: long reports otherwise pile them up
    except PDFPasswordIncorrect:
        raise LoadError(f"{path.name}: password-protected PDF; save an unprotected copy first") from None
    except Exception:  # pdfminer trips on some damaged files that pypdf still reads
        builder = _fallback(path)
        engine = "pypdf"
    text = builder.text()
    if not text.strip():
        raise LoadError(f"{path.name}: no text layer (scanned PDF?); OCR it first")
    return builder.build(title=usable_title(meta.get("Title")) or guess_title(text, builder.blocks),
                         date=find_date(text), format="pdf",
                         metadata={"pages": pages, "engine": engine,
                                   **{k.lower(): v for k, v in meta.items() if k in ("Author", "Producer", "Creator")}})
