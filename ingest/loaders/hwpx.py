"""Load HWPX (OWPML: a zip of XML parts) by reading ``Contents/section*.xml`` directly.

A paragraph ``hp:p`` holds runs; a run holds text ``hp:t`` and objects: tables
``hp:tbl`` (rows ``hp:tr``, cells ``hp:tc`` whose ``hp:subList`` holds more
paragraphs), text boxes (``hp:drawText``), footnotes.  Each paragraph's own
text becomes a block, followed by the tables and text boxes anchored in it.
Headers and footers are left out: they repeat on every page.  Tables that
only frame content (one cell; or one row or column of cells holding tables)
are unwrapped into the paragraphs and tables they hold.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..source import LoadError, SourceText
from .archive import local_name, open_zip, read_xml
from .builder import TextBuilder
from .masthead import find_date, guess_title, usable_title

_SECTION = re.compile(r"Contents/section(\d+)\.xml")
_OUTLINE = re.compile(r"(?:개요|Outline)\s*(\d+)")
_SKIPPED = {"header", "footer", "shapeComment", "parameters", "fieldBegin", "fieldEnd", "linesegarray"}


def _t_text(t: etree._Element) -> str:
    """Return the text of an ``hp:t``, with its inline tab and line-break elements."""
    parts = [t.text or ""]
    for child in t:
        name = local_name(child)
        if name == "tab":
            parts.append("\t")
        elif name == "lineBreak":
            parts.append("\n")
        elif name in ("nbSpace", "fwSpace"):
            parts.append(" ")
        elif name == "hyphen":
            parts.append("-")
        parts.append(child.tail or "")
    return "".join(parts)


def _flat_text(element: etree._Element) -> str:
    """Return all text under ``element`` (a cell, say), one space between paragraphs."""
    texts = []
    for p in element.iter("{*}p"):
        own = "".join(_t_text(t) for t in p.iter("{*}t") if _owner_paragraph(t) is p)
        if own.strip():
            texts.append(own)
    return " ".join(texts)


def _owner_paragraph(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and local_name(parent) != "p":
        parent = parent.getparent()
    return parent


def _table_rows(tbl: etree._Element) -> list[list[str]]:
    return [[_flat_text(tc) for tc in tr.iterchildren("{*}tc")] for tr in tbl.iterchildren("{*}tr")]


def _paragraph(p: etree._Element, builder: TextBuilder, levels: dict[str, int]) -> None:
    """Append a paragraph's own text, then the tables and text boxes anchored in it."""
    own: list[str] = []
    nested: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            name = local_name(child)
            if name == "t":
                own.append(_t_text(child))
            elif name == "tbl" or name == "subList":
                nested.append(child)
            elif name not in _SKIPPED:
                walk(child)

    walk(p)
    level = levels.get(p.get("styleIDRef", ""), 0)
    if level:
        builder.heading("".join(own), level=level)
    else:
        builder.paragraph("".join(own))
    for element in nested:
        if local_name(element) == "tbl" and not _is_layout(element):
            builder.table(_table_rows(element))
        elif local_name(element) == "tbl":
            for sub in element.iterfind("{*}tr/{*}tc/{*}subList"):
                for inner in sub.iterchildren("{*}p"):
                    _paragraph(inner, builder, levels)
        else:
            for inner in element.iterchildren("{*}p"):
                _paragraph(inner, builder, levels)


def _is_layout(tbl: etree._Element) -> bool:
    """Say whether a table only frames content: a single cell, or one row/column holding tables."""
    rows = list(tbl.iterchildren("{*}tr"))
    cells = [tc for tr in rows for tc in tr.iterchildren("{*}tc")]
    if len(cells) <= 1:
        return True
    one_line = len(rows) == 1 or all(len(list(tr.iterchildren("{*}tc"))) == 1 for tr in rows)
    return one_line and any(next(tc.iter("{*}tbl"), None) is not None for tc in cells)


def _heading_levels(z, path: Path) -> dict[str, int]:
    """Return {style id: outline level} for the outline (개요 N) paragraph styles."""
    if "Contents/header.xml" not in z.namelist():
        return {}
    levels = {}
    for style in read_xml(z, "Contents/header.xml", path).iter("{*}style"):
        m = _OUTLINE.fullmatch(style.get("name", "")) or _OUTLINE.fullmatch(style.get("engName", ""))
        if m:
            levels[style.get("id", "")] = int(m[1])
    return levels


def _metadata(z, path: Path) -> dict:
    if "Contents/content.hpf" not in z.namelist():
        return {}
    root = read_xml(z, "Contents/content.hpf", path)
    meta = {}
    for element in root.iter("{*}title", "{*}meta"):
        key = "title" if local_name(element) == "title" else element.get("name", "")
        value = (element.text or "").strip()
        if key and value:
            meta[key] = value
    return meta


def load_hwpx(path: Path, *, max_unpacked_bytes: int) -> SourceText:
    """Load an HWPX file: paragraphs and tables of every section in order."""
    with open_zip(path, max_unpacked_bytes) as z:
        sections = sorted((int(m[1]), name) for name in z.namelist() if (m := _SECTION.fullmatch(name)))
        if not sections:
            raise LoadError(f"{path.name}: no Contents/section*.xml; not an HWPX document")
        levels = _heading_levels(z, path)
        meta = _metadata(z, path)
        builder = TextBuilder()
        for _, name in sections:
            root = read_xml(z, name, path)
            for p in root.iterchildren("{*}p"):
                _paragraph(p, builder, levels)
    text = builder.text()
    title = usable_title(meta.get("title")) or guess_title(text, builder.blocks)
    return builder.build(title=title, date=find_date(text), format="hwpx",
                         metadata={"sections": len(sections), **{k: v for k, v in meta.items() if k != "title"}})
