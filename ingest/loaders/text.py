"""Load plain text and Markdown: decode, normalize, and find headings, tables and paragraphs.

The text is kept as written (only NFC, ``\\n`` line breaks, and inline HTML
tags a converter left behind taken out), because evidence quotes are verbatim
substrings of it, TABs included.  Blocks point into it:

- ``#`` headings (the span is the heading text without the hashes);
- TSV tables: two or more consecutive lines holding a TAB, one cell per field;
- Markdown pipe tables (``| a | b |`` with a ``|---|`` line);
- HTML ``<table>`` fragments: the block spans the markup, each cell spans the
  inner content of its ``<td>``/``<th>``;
- paragraphs: runs of other non-blank lines.

>>> t = parse_text("# 출장 개요\\n연번\\t성명\\n1\\t김수환\\n\\n끝.")
>>> [(b.kind, t.slice(b)) for b in t.blocks]
[('heading', '출장 개요'), ('table', '연번\\t성명\\n1\\t김수환'), ('paragraph', '끝.')]
>>> [t.slice(c) for c in t.tables()[0].rows[1].cells]
['1', '김수환']
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..source import Block, Cell, LoadError, Row, SourceText
from .builder import strip_markup, trimmed, tsv_table
from .encoding import EncodingError, decode_bytes
from .masthead import find_date, guess_title

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*")
_RULE = re.compile(r"\s*([-*_])(?:\s*\1){2,}\s*")
_PIPE_LINE = re.compile(r"\s*\|.*\|\s*")
_PIPE_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")
_HTML_TABLE_TAG = re.compile(r"<(/?)(table|tr|td|th)\b[^>]*>", re.IGNORECASE)


def normalize_text(raw: str) -> str:
    """Return ``raw`` in NFC with ``\\r\\n`` and lone ``\\r`` turned into ``\\n``; nothing else changes.

    >>> normalize_text("가\\r\\n나\\t다\\r")
    '가\\n나\\t다\\n'
    """
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def _cell(text: str, start: int, end: int) -> Cell:
    return Cell(*trimmed(text, start, end))


def _html_table_end(text: str, start: int) -> int | None:
    """Return the offset just past the ``</table>`` closing the table opened at ``start``."""
    depth = 0
    for m in _HTML_TABLE_TAG.finditer(text, start):
        if m[2].lower() != "table":
            continue
        depth += -1 if m[1] else 1
        if depth == 0:
            return m.end()
    return None


def _html_table(text: str, start: int, end: int) -> Block:
    """Return a table block for the ``<table>`` markup at ``start..end``, cells over their inner text."""
    rows: list[Row] = []
    cells: list[Cell] = []
    row_start = cell_start = None
    depth = 0

    def close_cell(at: int) -> None:
        nonlocal cell_start
        if cell_start is not None:
            cells.append(_cell(text, cell_start, at))
            cell_start = None

    def close_row(at: int) -> None:
        nonlocal row_start, cells
        if row_start is not None:
            rows.append(Row(row_start, at, tuple(cells)))
        row_start, cells = None, []

    for m in _HTML_TABLE_TAG.finditer(text, start, end):
        closing, tag = bool(m[1]), m[2].lower()
        if tag == "table":
            depth += -1 if closing else 1
            if depth == 0:
                close_cell(m.start())
                close_row(cells[-1].end if cells else m.start())
            continue
        if depth != 1:
            continue  # a nested table stays inside its cell's span
        if tag == "tr":
            close_cell(m.start())
            if closing:
                close_row(m.end())
            else:
                close_row(cells[-1].end if cells else m.start())
                row_start = m.start()
        elif closing:
            close_cell(m.start())
        else:
            close_cell(m.start())
            if row_start is None:  # a cell without <tr>: browsers open a row too
                row_start = m.start()
            cell_start = m.end()
    return Block("table", start, end, rows=tuple(r for r in rows if r.cells))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return (start, end) of each line in ``text[start:end]``, without the ``\\n``."""
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        spans.append((pos, stop))
        pos = stop + 1
    return spans


def _kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _HEADING.fullmatch(line):
        return "heading"
    if _PIPE_LINE.fullmatch(line):
        return "pipe"
    if "\t" in line:
        return "tab"
    if _RULE.fullmatch(line):
        return "blank"  # a thematic break separates paragraphs like a blank line
    return "text"


def _pipe_table(text: str, lines: list[tuple[int, int]]) -> Block:
    rows = []
    for a, b in lines:
        line = text[a:b]
        if _PIPE_SEPARATOR.fullmatch(line):
            continue
        bars = [a + i for i, ch in enumerate(line) if ch == "|"]
        cells = tuple(_cell(text, left + 1, right) for left, right in zip(bars, bars[1:]))
        rows.append(Row(a, b, cells))
    return Block("table", lines[0][0], lines[-1][1], rows=tuple(rows))


def _line_blocks(text: str, start: int, end: int) -> list[Block]:
    """Return the heading, table and paragraph blocks of a region without HTML tables."""
    blocks: list[Block] = []
    spans = _lines(text, start, end)
    kinds = [_kind(text[a:b]) for a, b in spans]
    i = 0
    while i < len(spans):
        kind = kinds[i]
        j = i + 1
        if kind == "heading":
            m = _HEADING.fullmatch(text[spans[i][0]:spans[i][1]])
            a = spans[i][0] + m.start(2)
            b = spans[i][0] + m.end(2)
            if a < b:
                blocks.append(Block("heading", a, b, level=len(m[1])))
        elif kind in ("tab", "pipe"):
            while j < len(spans) and kinds[j] == kind:
                j += 1
            run = spans[i:j]
            is_pipe_table = kind == "pipe" and len(run) >= 2 and _PIPE_SEPARATOR.fullmatch(text[run[1][0]:run[1][1]])
            if kind == "tab" and len(run) >= 2:
                blocks.append(tsv_table(text, run))
            elif is_pipe_table:
                blocks.append(_pipe_table(text, run))
            else:
                kind = "text"
        if kind == "text":
            while j < len(spans) and kinds[j] == "text":
                j += 1
            a, b = trimmed(text, spans[i][0], spans[j - 1][1])
            blocks.append(Block("paragraph", a, b))
        i = j
    return blocks


def find_blocks(text: str) -> tuple[Block, ...]:
    """Return the blocks of a normalized text in reading order.

    >>> text = "머리말\\n<table><tr><td> 고양 </td><td>충칭</td></tr></table>\\n끝"
    >>> t = SourceText(text, find_blocks(text))
    >>> [t.slice(c) for c in t.tables()[0].rows[0].cells]
    ['고양', '충칭']
    """
    blocks: list[Block] = []
    pos = 0
    for m in re.finditer(r"<table\b[^>]*>", text, re.IGNORECASE):
        if m.start() < pos:
            continue  # nested inside a table already taken
        stop = _html_table_end(text, m.start())
        if stop is None:
            continue
        blocks += _line_blocks(text, pos, m.start())
        blocks.append(_html_table(text, m.start(), stop))
        pos = stop
    blocks += _line_blocks(text, pos, len(text))
    return tuple(blocks)


def parse_text(text: str, *, format: str = "txt", metadata: dict | None = None) -> SourceText:
    """Return a SourceText over ``text`` (normalized, inline markup stripped) with its blocks, title
    and date; every offset indexes the text returned."""
    text = strip_markup(normalize_text(text))
    blocks = find_blocks(text)
    return SourceText(text=text, blocks=blocks, title=guess_title(text, blocks), date=find_date(text),
                      format=format, metadata=dict(metadata or {}))


def load_text(path: Path, data: bytes | None = None) -> SourceText:
    """Load a ``.txt`` or ``.md`` file, detecting its encoding."""
    data = path.read_bytes() if data is None else data
    try:
        raw, encoding = decode_bytes(data)
    except EncodingError as e:
        raise LoadError(f"{path.name}: {e}") from None
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    return parse_text(raw, format=fmt, metadata={"encoding": encoding})
