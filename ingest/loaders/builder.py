"""A shared builder that renders headings, paragraphs and tables into one text with offsets.

Loaders for structured formats (HTML, PDF, DOCX, HWPX, HWP) do not have a
plain text to point into, so they render one: one block per line, table rows
on their own lines with cells separated by TAB.  Cell text has its TABs and
line breaks folded to spaces, so the rendered text is itself a valid TSV and
the text loader would find the same tables in it.

>>> b = TextBuilder()
>>> b.heading("보도자료", level=1)
>>> b.paragraph("고양시가  충칭시를\\n방문했다.")
>>> b.table([["소속", "성명"], ["고양시의회", "김수환"]])
>>> t = b.build(format="txt")
>>> t.text
'보도자료\\n고양시가  충칭시를\\n방문했다.\\n소속\\t성명\\n고양시의회\\t김수환'
>>> [t.slice(c) for c in t.tables()[0].rows[1].cells]
['고양시의회', '김수환']
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..source import Block, Cell, Row, SourceText

# Vertical tab (Word's manual line break) and form feed (a page break) end a
# line; the other C0/C1 controls carry no text.
_LINE_CONTROL = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_CELL_BREAK = re.compile(r"[\t\n]+")
_SPACE_RUN = re.compile(r"[ \u00a0\u3000]{2,}")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Return ``start..end`` shrunk past surrounding whitespace (an all-blank span collapses to ``end``).

    >>> trimmed(" 가 ", 0, 3)
    (1, 2)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tsv_table(text: str, lines: list[tuple[int, int]]) -> Block:
    r"""Return a table block over lines of ``text``: one row per line, one cell per TAB-separated field.

    >>> text = "성명\t직위\n김수환\t 위원장"
    >>> block = tsv_table(text, [(0, 5), (6, 14)])
    >>> [[text[c.start:c.end] for c in row.cells] for row in block.rows]
    [['성명', '직위'], ['김수환', '위원장']]
    """
    rows = []
    for a, b in lines:
        cells, pos = [], a
        for field in text[a:b].split("\t"):
            cells.append(Cell(*trimmed(text, pos, pos + len(field))))
            pos += len(field) + 1
        rows.append(Row(a, b, tuple(cells)))
    return Block("table", lines[0][0], lines[-1][1], rows=tuple(rows))


def tab_runs_as_tables(text: str, blocks: tuple[Block, ...], breaks: frozenset[int] = frozenset()) -> tuple[Block, ...]:
    r"""Return the blocks with each run of two or more one-line, TAB-holding paragraphs made a table.

    Word processors keep a TSV pasted into them as paragraphs with TABs (that
    is what LibreOffice makes of a .txt); the text loader reads those lines as
    a table, and so do the other loaders now.

    >>> text = "연번\t성명\n1\t김수환\n끝"
    >>> spans = (Block("paragraph", 0, 5), Block("paragraph", 6, 11), Block("paragraph", 12, 13))
    >>> [b.kind for b in tab_runs_as_tables(text, spans)]
    ['table', 'paragraph']
    """
    def tabbed(block: Block) -> bool:
        piece = text[block.start:block.end]
        return block.kind == "paragraph" and "\t" in piece and "\n" not in piece

    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and tabbed(blocks[j]) and (j == i or j not in breaks):
            j += 1
        if j - i >= 2:
            out.append(tsv_table(text, [(b.start, b.end) for b in blocks[i:j]]))
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return tuple(out)


# Inline HTML that converters leave in text exports (a checklist's checkboxes, a cell's bullet list).
# Table tags stay: the table finder reads them. <가오신구> or <https://...> are not markup.
_INLINE_TAGS = ("a", "b", "big", "br", "center", "del", "div", "em", "font", "hr", "i", "img", "input", "ins",
                "li", "mark", "ol", "p", "s", "small", "span", "strike", "strong", "sub", "sup", "u", "ul")
_INLINE_TAG = re.compile(r"<(/?)(" + "|".join(_INLINE_TAGS) + r")(?=[\s/>])(?:\s+[^<>]*?)?\s*/?>", re.IGNORECASE)
_CHECKBOX = re.compile(r"<input\b[^<>]*\btype\s*=\s*[\"']?checkbox[^<>]*>", re.IGNORECASE)


def strip_markup(text: str) -> str:
    """Return ``text`` without inline HTML tags; a checkbox becomes the ☐ (☑ when checked) a
    printed form shows. Lines stay lines, so tables keep their rows.

    >>> strip_markup('<input type="checkbox"/> 출장목적\t<ul style="x"> - 2014년 <b>설립</b></ul>')
    '☐ 출장목적\t - 2014년 설립'
    >>> strip_markup("<가오신구>와 <https://x.kr> 그대로")
    '<가오신구>와 <https://x.kr> 그대로'
    """
    text = _CHECKBOX.sub(lambda m: "☑" if re.search(r"\bchecked\b", m[0], re.IGNORECASE) else "☐", text)
    return _INLINE_TAG.sub("", text)


def clean_text(raw: str) -> str:
    """Return ``raw`` as NFC with Unix line breaks, plain spaces, no control characters and no
    inline markup left as text (see :func:`strip_markup`).

    >>> clean_text("가\\r\\n나\\x0b다\\u00a0라\\x01")
    '가\\n나\\n다 라'
    """
    # Rendered formats use NBSP as an ordinary space (HTML &nbsp;, HWP's tied space).
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _CONTROL.sub("", _LINE_CONTROL.sub("\n", text))
    return strip_markup(unicodedata.normalize("NFC", text))


def clean_cell(raw: str) -> str:
    """Return cell text on one line: breaks and TABs folded to one space, ends trimmed.

    >>> clean_cell(" 고양시\\n 의회\\t")
    '고양시 의회'
    """
    text = _CELL_BREAK.sub(" ", clean_text(raw))
    return _SPACE_RUN.sub(" ", text).strip()


class TextBuilder:
    """Accumulate blocks into one text, recording every block, row and cell offset."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._breaks: set[int] = set()  # indexes of blocks that follow an empty paragraph

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Return the blocks appended so far (runs of TAB paragraphs become tables only in :meth:`build`)."""
        return tab_runs_as_tables(self.text(), tuple(self._blocks), frozenset(self._breaks))

    def _separate(self) -> None:
        if self._length:
            self._append("\n")

    def _append(self, piece: str) -> int:
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        return start

    def paragraph(self, raw: str, *, kind: str = "paragraph", level: int = 0) -> None:
        """Append a paragraph (or heading) block; blank text appends nothing."""
        # TABs at the ends stay: a TSV row may end in an empty cell (LibreOffice keeps them too).
        text = clean_text(raw).strip(" \n\u3000")
        if not text.strip():
            self._breaks.add(len(self._blocks))
            return
        self._separate()
        start = self._append(text)
        self._blocks.append(Block(kind, start, start + len(text), level=level))

    def heading(self, raw: str, *, level: int = 1) -> None:
        """Append a heading block of the given level."""
        self.paragraph(raw, kind="heading", level=level)

    def table(self, rows: Iterable[Iterable[str]]) -> None:
        """Append a table block: one line per row, cells separated by TAB; empty rows are dropped."""
        cleaned = [[clean_cell(c) for c in row] for row in rows]
        cleaned = [row for row in cleaned if any(row)]
        if not cleaned:
            return
        self._separate()
        table_start = self._length
        built: list[Row] = []
        for i, row in enumerate(cleaned):
            if i:
                self._append("\n")
            row_start = self._length
            cells: list[Cell] = []
            for j, cell in enumerate(row):
                if j:
                    self._append("\t")
                start = self._append(cell)
                cells.append(Cell(start, start + len(cell)))
            built.append(Row(row_start, self._length, tuple(cells)))
        self._blocks.append(Block("table", table_start, self._length, rows=tuple(built)))

    def preformatted(self, raw: str, blocks_of) -> None:
        """Append text kept line for line (``<pre>``), its blocks found by ``blocks_of(text)``."""
        text = clean_text(raw).strip("\n")
        if not text.strip():
            return
        self._separate()
        offset = self._length
        self._append(text)
        for b in blocks_of(text):
            rows = tuple(Row(r.start + offset, r.end + offset,
                             tuple(Cell(c.start + offset, c.end + offset) for c in r.cells)) for r in b.rows)
            self._blocks.append(Block(b.kind, b.start + offset, b.end + offset, rows=rows, level=b.level))

    def text(self) -> str:
        """Return the text built so far."""
        return "".join(self._parts)

    def build(self, *, title: str | None = None, date: str | None = None,
              format: str, metadata: dict | None = None) -> SourceText:
        """Return the finished :class:`SourceText`."""
        return SourceText(text=self.text(), blocks=self.blocks, title=title, date=date,
                          format=format, metadata=dict(metadata or {}))
