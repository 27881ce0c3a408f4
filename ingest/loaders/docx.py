"""Load DOCX: body paragraphs and tables in document order, headings by paragraph style.

python-docx resolves styles and paragraph text (runs, hyperlinks); the body
and table structure are walked on the raw XML so that content controls
(``w:sdt``) are entered and every ``w:tc`` is read once (python-docx's
``row.cells`` repeats merged cells).  Text inside nested tables joins its
outer cell, except in tables that only frame content (one cell; or one row or
column holding tables), which are unwrapped.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..source import LoadError, SourceText
from .archive import open_zip
from .builder import TextBuilder
from .masthead import find_date, guess_title, usable_title

_HEADING_STYLE = re.compile(r"(?:heading|제목|개요|outline)\s*(\d)", re.IGNORECASE)
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"),
                                          qn("w:sdtContent"))


def heading_level(style_name: str) -> int:
    """Return the heading level a paragraph style name implies, 0 for body text.

    >>> heading_level("Heading 2"), heading_level("Title"), heading_level("제목 1"), heading_level("Normal")
    (2, 1, 1, 0)
    """
    if style_name.strip().lower() in ("title", "제목"):
        return 1
    m = _HEADING_STYLE.fullmatch(style_name.strip())
    return int(m[1]) if m else 0


def _children(element):
    """Yield the block-level children of a body or cell, entering content controls."""
    for child in element:
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        elif child.tag in (_P, _TBL):
            yield child


def _cell_text(tc, parent) -> str:
    return " ".join(t for p in tc.iter(_P) if (t := Paragraph(p, parent).text).strip())


def _rows(tbl) -> list[list]:
    return [[tc for tc in tr if tc.tag == _TC] for tr in tbl if tr.tag == _TR]


def _is_layout(rows: list[list]) -> bool:
    cells = [c for r in rows for c in r]
    if len(cells) <= 1:
        return True
    one_line = len(rows) == 1 or all(len(r) == 1 for r in rows)
    return one_line and any(next(c.iter(_TBL), None) is not None for c in cells)


def _render(container, parent, builder: TextBuilder, levels: dict[str, int]) -> None:
    for child in _children(container):
        if child.tag == _P:
            paragraph = Paragraph(child, parent)
            style = child.pPr.pStyle if child.pPr is not None else None
            level = levels.get(style.val, 0) if style is not None else 0
            if level:
                builder.heading(paragraph.text, level=level)
            else:
                builder.paragraph(paragraph.text)
            continue
        rows = _rows(child)
        if _is_layout(rows):
            for tc in (c for r in rows for c in r):
                _render(tc, parent, builder, levels)
        else:
            builder.table([[_cell_text(tc, parent) for tc in row] for row in rows])


def load_docx(path: Path, *, max_unpacked_bytes: int) -> SourceText:
    """Load a DOCX file's body: paragraphs, headings and tables in order."""
    open_zip(path, max_unpacked_bytes).close()  # refuse zip bombs before python-docx unpacks anything
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        detail = " ".join(str(e).split())[:200]
        raise LoadError(f"{path.name}: not a readable DOCX ({type(e).__name__}: {detail})") from None
    # Resolving each paragraph's style through python-docx costs a lookup per
    # paragraph; one table of style id -> heading level is enough.
    levels = {style.style_id: level for style in document.styles
              if style.style_id and (level := heading_level(style.name or ""))}
    builder = TextBuilder()
    _render(document.element.body, document, builder, levels)
    text = builder.text()
    props = document.core_properties
    return builder.build(title=usable_title(props.title) or guess_title(text, builder.blocks), date=find_date(text),
                         format="docx", metadata={"author": props.author} if props.author else {})
