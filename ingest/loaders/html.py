"""Load HTML pages and fragments: the main text, one block per paragraph, and the tables.

Scripts, styles, navigation, frames and forms are dropped; when a page has one
``<main>`` (or else one ``<article>``), only that is read.  Besides ``<table>``, the
positioned-div tables of Hancom's HTML export (``div.htb`` holding
``div.hce`` cells placed by ``left``/``top``) are read as tables.  The text
returned is this loader's rendering: offsets point into it, not into the markup.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import lxml.html
from lxml import etree

from ..source import LoadError, SourceText
from .builder import TextBuilder
from .encoding import EncodingError, decode_bytes
from .masthead import find_date, guess_title, usable_title
from .text import find_blocks

_DROPPED = {"script", "style", "nav", "iframe", "frame", "noscript", "template", "svg", "math", "object",
            "embed", "form", "button", "select", "textarea", "aside", "head", "img", "video", "audio", "canvas"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd",
           "blockquote", "pre", "address", "figure", "figcaption", "hr", "fieldset", "details", "summary",
           "body", "html", "caption", "center", "tbody", "thead", "tfoot", "tr", "td", "th"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_LINE_END = re.compile(r"[\r\n\f]")
_BREAK = "\u2028"  # marks <br> in the buffer; source newlines are only whitespace
_SOURCE_SPACE = " \t\r\n\f"
_WRAP = "\u2029"  # marks where Hancom export wrapped a line (div.hls)
_SENTENCE_END = re.compile(r"[.!?。]\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[□■○●◦◎※▶▷►•·\-–*]|o\s|[0-9]+[.)]|[가-하][.)]|[①-⑳])")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_POSITION = re.compile(r"(left|top)\s*:\s*(-?\d+(?:\.\d+)?)")


def collapse_whitespace(text: str) -> str:
    r"""Collapse HTML whitespace runs to one space, or to one TAB when the run is TABs and spaces only.

    Word processors export a TAB between words as a literal TAB; a run with a
    line break is source indentation.

    >>> collapse_whitespace("연번\t소속 \n\t\t<p>  성명")
    '연번\t소속 <p> 성명'
    """
    return _WHITESPACE.sub(lambda m: "\t" if "\t" in m[0] and not _LINE_END.search(m[0]) else " ", text)


def join_wrapped(text: str) -> str:
    r"""Rejoin lines that a layout wrapped: keep a line break only after a sentence or before a list item.

    Hancom's HTML export puts every printed line in its own div and wraps
    Korean inside words ("비행" / "성능"); the space at a wrap between words
    stays at the end of the line, so wrapped pieces join with nothing.

    >>> join_wrapped(_WRAP.join(["한국형발사체의 비행", "성능을 확인한다.", "□ 다음\xa0", "문단"]))
    '한국형발사체의 비행성능을 확인한다.\u2028□ 다음\xa0문단'
    """
    pieces = text.split(_WRAP)
    out = pieces[0]
    for piece in pieces[1:]:
        # Whitespace between the line divs is source indentation; a wrap at a
        # space keeps that space as &nbsp; (not stripped here).
        out, piece = out.rstrip(_SOURCE_SPACE), piece.lstrip(_SOURCE_SPACE)
        if _SENTENCE_END.search(out) or _LIST_MARKER.match(piece):
            out += _BREAK
        out += piece
    return out


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _inline_text(el: etree._Element) -> str:
    """Return all visible text under ``el`` on one line, a space where blocks or ``<br>`` meet.

    >>> _inline_text(lxml.html.fragment_fromstring("<td>고양시<br>의회<script>x</script> <p>방문</p></td>"))
    '고양시 의회 방문'
    """
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            tag = _tag(child)
            if tag and tag not in _DROPPED:
                spaced = tag in _BLOCKS or tag == "br"
                parts.append(" " if spaced else "")
                walk(child)
                parts.append(" " if spaced else "")
            parts.append(child.tail or "")

    walk(el)
    return _WHITESPACE.sub(" ", "".join(parts)).strip()


def _raw_text(el: etree._Element) -> str:
    """Return the text under ``el`` with its whitespace as written and ``<br>`` as a line break."""
    parts: list[str] = [el.text or ""]
    for child in el:
        tag = _tag(child)
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in _DROPPED:
            parts.append(_raw_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    rows = []
    for child in table:
        tag = _tag(child)
        if tag in ("thead", "tbody", "tfoot"):
            rows += [[c for c in tr if _tag(c) in ("td", "th")] for tr in child if _tag(tr) == "tr"]
        elif tag == "tr":
            rows.append([c for c in child if _tag(c) in ("td", "th")])
    return [r for r in rows if r]


def _hancom_rows(htb: etree._Element) -> list[list[etree._Element]]:
    """Return the ``div.hce`` cells of a Hancom positioned table, grouped by top and sorted by left."""
    placed = []
    for cell in htb:
        if "hce" not in _classes(cell):
            continue
        pos = {k: float(v) for k, v in _POSITION.findall(cell.get("style", ""))}
        placed.append((round(pos.get("top", 0.0), 1), pos.get("left", 0.0), cell))
    rows: dict[float, list[tuple[float, etree._Element]]] = {}
    for top, left, cell in placed:
        rows.setdefault(top, []).append((left, cell))
    return [[cell for _, cell in sorted(rows[top], key=lambda c: c[0])] for top in sorted(rows)]


def _has_table(el: etree._Element) -> bool:
    return any(_tag(d) == "table" or "htb" in _classes(d) for d in el.iterdescendants())


def _is_layout(rows: list[list[etree._Element]]) -> bool:
    """Say whether a table only frames content: a single cell, or one row/column holding tables."""
    cells = [c for r in rows for c in r]
    if len(cells) <= 1:
        return True
    one_line = len(rows) == 1 or all(len(r) == 1 for r in rows)
    return one_line and any(_has_table(c) for c in cells)


class _Renderer:
    """Walk the DOM, gathering inline text into paragraphs and emitting tables and headings."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer.clear()
        lines = (collapse_whitespace(line).strip(" \xa0") for line in join_wrapped(text).split(_BREAK))
        self.builder.paragraph("\n".join(line for line in lines if line))

    def table(self, rows: list[list[etree._Element]]) -> None:
        self.flush()
        if _is_layout(rows):
            for cell in (c for r in rows for c in r):
                self.visit(cell)
            self.flush()
        else:
            self.builder.table([[_inline_text(c) for c in r] for r in rows])

    def visit(self, el: etree._Element) -> None:
        tag = _tag(el)
        if not tag or tag in _DROPPED or "hpN" in _classes(el):  # hpN: Hancom's page numbers
            return
        if tag == "table":
            self.table(_rows(el))
            return
        if "htb" in _classes(el):
            self.table(_hancom_rows(el))
            return
        if tag in _HEADINGS:
            self.flush()
            self.builder.heading(_inline_text(el), level=_HEADINGS[tag])
            return
        if tag in ("pre", "xmp", "plaintext", "listing"):
            self.flush()
            self.builder.preformatted(_raw_text(el), find_blocks)
            return
        if tag == "br":
            self.buffer.append(_BREAK)
            return
        # Hancom export puts every line in its own div.hls; each ends a line, not a paragraph.
        block = tag in _BLOCKS and "hls" not in _classes(el)
        if block:
            self.flush()
        elif "hls" in _classes(el):
            self.buffer.append(_WRAP)
        self.buffer.append(el.text or "")
        for child in el:
            self.visit(child)
            self.buffer.append(child.tail or "")
        if block:
            self.flush()


_MAX_DEPTH = 10_000  # nesting levels walked; deeper documents are refused as "nested too deeply"
_PARSER_DEPTH = 2_000  # libxml2's HTML parser truncates documents nested deeper than about 2,048


def _depth(root: etree._Element) -> int:
    """Return the deepest nesting level under ``root`` (iteratively: no recursion limit).

    >>> _depth(lxml.html.fragment_fromstring("<div><p><b>x</b></p></div>"))
    3
    """
    deepest, stack = 0, [(root, 1)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in el)
    return deepest


def _decode(data: bytes, path: Path) -> str:
    declared = _CHARSET.search(data[:4096])
    try:
        text, _ = decode_bytes(data, declared[1].decode("ascii") if declared else None)
    except EncodingError as e:
        raise LoadError(f"{path.name}: {e}") from None
    return text


def parse_html(markup: str) -> SourceText:
    """Return the rendered text, blocks, title and date of an HTML document or fragment.

    >>> t = parse_html("<h1>방문</h1><p>고양시 <b>의회</b></p>"
    ...                "<table><tr><td>성명</td><td>김수환</td></tr></table>")
    >>> t.text
    '방문\\n고양시 의회\\n성명\\t김수환'
    """
    if not markup.strip():
        return SourceText("", format="html")
    # lxml refuses str input that declares an encoding; the bytes are decoded already.
    markup = _XML_DECLARATION.sub("", markup.lstrip("\ufeff"), count=1)
    # huge_tree: libxml2 otherwise drops, without a word, everything nested past depth 256
    root = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(huge_tree=True))
    if _depth(root) >= _PARSER_DEPTH:
        # libxml2 stops nesting there and drops what follows: refuse rather than lose text unseen
        raise ValueError(f"nested more than {_PARSER_DEPTH:,} elements deep; libxml2 cannot read past that")
    title_el = root.find(".//title")
    title = _inline_text(title_el) if title_el is not None else None
    # One <main>, or a lone <article>, is the page's content; a list of articles is not.
    mains = root.xpath("//main") or root.xpath("//article")
    main = mains[0] if len(mains) == 1 else None
    renderer = _Renderer()
    # huge_tree keeps thousands of nesting levels; the walk is recursive, one frame a level
    depth_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(depth_limit, 3 * _MAX_DEPTH))
    try:
        renderer.visit(main if main is not None else root)
    finally:
        sys.setrecursionlimit(depth_limit)
    renderer.flush()
    builder = renderer.builder
    text = builder.text()
    return builder.build(title=usable_title(title) or guess_title(text, builder.blocks), date=find_date(text),
                         format="html")


def load_html(path: Path, data: bytes | None = None) -> SourceText:
    """Load an HTML file (any encoding a BOM, ``<meta charset>`` or detection gives)."""
    data = path.read_bytes() if data is None else data
    try:
        return parse_html(_decode(data, path))
    except (etree.ParserError, ValueError) as e:
        raise LoadError(f"{path.name}: cannot parse the HTML ({e})") from None
