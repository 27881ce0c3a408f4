"""Load HWP 5 binary documents (OLE2 compound files) with olefile.

Layout (Hancom's "HWP 5.0 file format" spec): ``FileHeader`` holds a 32-byte
signature, the version and flags (bit 0 compressed, 1 password, 2
distribution, 4 DRM); ``BodyText/SectionN`` streams hold records, raw-deflated
when compressed.  A record header is one little-endian uint32: tag id (10
bits), level (10), size (12; 0xFFF means a uint32 size follows).

A paragraph is PARA_HEADER (66) with children PARA_TEXT (67) and CTRL_HEADER
(71) for the objects anchored in it.  A table control (id ``'tbl '``) has a
TABLE (77) record and, per cell, a LIST_HEADER (72) (its row and column at
bytes 8..12) followed by the cell's paragraphs on the same level.  Paragraphs
in an outline style ("개요 N", from DocInfo's STYLE records) are headings.
"""
from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import olefile

from ..source import LoadError, SourceText
from .builder import TextBuilder
from .masthead import find_date, guess_title, usable_title

TAG_STYLE = 26
TAG_PARA_HEADER = 66
TAG_PARA_TEXT = 67
TAG_CTRL_HEADER = 71
TAG_LIST_HEADER = 72
TAG_TABLE = 77

_SIGNATURE = b"HWP Document File"
_FLAG_COMPRESSED, _FLAG_PASSWORD, _FLAG_DISTRIBUTION, _FLAG_DRM = 0x1, 0x2, 0x4, 0x10
# Controls that occupy one UTF-16 unit; every other code below 32 is an
# inline or extended control that occupies eight (the code, 12 bytes of
# parameters or a control id, the code again).
_CHAR_CONTROLS = {0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31}
_CONTROL_TEXT = {9: "\t", 10: "\n", 24: "-", 30: " ", 31: " "}
# Page headers and footers repeat on every page; hidden comments are not document text.
_SKIPPED_CONTROLS = {b"head", b"foot", b"tcmt"}
_SECTION = re.compile(r"Section(\d+)")
_OUTLINE = re.compile(r"(?:개요|Outline)\s*(\d+)")


@dataclass(slots=True)
class Record:
    """One record and, after :func:`record_tree`, the records nested under it."""

    tag: int
    level: int
    data: bytes
    children: list[Record] = field(default_factory=list)


def parse_records(data: bytes) -> list[Record]:
    """Split a decompressed stream into records (a truncated tail is dropped).

    >>> header = (TAG_PARA_TEXT | (1 << 10) | (4 << 20)).to_bytes(4, "little")
    >>> [(r.tag, r.level, r.data) for r in parse_records(header + "가나".encode("utf-16-le"))]
    [(67, 1, b'\\x00\\xac\\x98\\xb0')]
    """
    records = []
    pos, n = 0, len(data)
    while pos + 4 <= n:
        (header,) = struct.unpack_from("<I", data, pos)
        pos += 4
        tag, level, size = header & 0x3FF, (header >> 10) & 0x3FF, header >> 20
        if size == 0xFFF:
            if pos + 4 > n:
                break
            (size,) = struct.unpack_from("<I", data, pos)
            pos += 4
        if pos + size > n:
            break
        records.append(Record(tag, level, data[pos:pos + size]))
        pos += size
    return records


def record_tree(records: list[Record]) -> list[Record]:
    """Nest each record under the nearest earlier record one level up; return the roots."""
    roots: list[Record] = []
    stack: list[Record] = []
    for record in records:
        while stack and stack[-1].level >= record.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(record)
        stack.append(record)
    return roots


def para_text(data: bytes) -> str:
    """Return the text of a PARA_TEXT record, controls turned into TAB, line break or nothing.

    >>> unit = lambda c: c.to_bytes(2, "little")
    >>> table = unit(11) + b"lbt " + bytes(8) + unit(11)
    >>> para_text("가".encode("utf-16-le") + unit(9) + bytes(14) + table + "나".encode("utf-16-le") + unit(13))
    '가\\t나'
    """
    units = struct.unpack(f"<{len(data) // 2}H", data[:len(data) // 2 * 2])
    out = bytearray()
    i = 0
    while i < len(units):
        code = units[i]
        if code >= 32:
            out += data[2 * i:2 * i + 2]
            i += 1
            continue
        if code in _CONTROL_TEXT:
            out += _CONTROL_TEXT[code].encode("utf-16-le")
        i += 1 if code in _CHAR_CONTROLS else 8
    return out.decode("utf-16-le", errors="replace")


def _control_id(record: Record) -> bytes:
    return record.data[:4][::-1]  # stored as a little-endian uint32 of four ASCII chars


def _paragraph_text(para: Record) -> str:
    return "".join(para_text(c.data) for c in para.children if c.tag == TAG_PARA_TEXT)


def _flat_text(records: list[Record]) -> str:
    """Return the text of paragraphs and everything nested in them, one space between paragraphs."""
    texts = []
    for record in records:
        if record.tag == TAG_PARA_HEADER:
            texts.append(_paragraph_text(record))
        texts.append(_flat_text(record.children))
    return " ".join(t for t in texts if t.strip())


def _cells(table_ctrl: Record) -> list[tuple[int, int, list[Record]]]:
    """Return (row, column, paragraphs) per cell of a table control."""
    cells: list[tuple[int, int, list[Record]]] = []
    for child in table_ctrl.children:
        if child.tag == TAG_LIST_HEADER:
            col, row = struct.unpack_from("<HH", child.data, 8) if len(child.data) >= 12 else (0, len(cells))
            cells.append((row, col, []))
        elif child.tag == TAG_PARA_HEADER and cells:
            cells[-1][2].append(child)
    return cells


def _is_layout(cells: list[tuple[int, int, list[Record]]]) -> bool:
    """Say whether a table only frames content: a single cell, or one row/column holding tables."""
    if len(cells) <= 1:
        return True
    one_line = len({r for r, _, _ in cells}) == 1 or len({c for _, c, _ in cells}) == 1

    def has_table(records: list[Record]) -> bool:
        return any((r.tag == TAG_CTRL_HEADER and _control_id(r) == b"tbl ") or has_table(r.children)
                   for r in records)

    return one_line and any(has_table(paras) for _, _, paras in cells)


def style_levels(docinfo: list[Record]) -> dict[int, int]:
    """Return {style index: outline level} for the outline styles ("개요 N" / "Outline N") in DocInfo.

    >>> def style(name): return Record(TAG_STYLE, 0, len(name).to_bytes(2, "little") + name.encode("utf-16-le"))
    >>> style_levels([style("바탕글"), style("본문"), style("개요 1")])
    {2: 1}
    """
    levels = {}
    styles = [r for r in docinfo if r.tag == TAG_STYLE]
    for index, record in enumerate(styles):
        (length,) = struct.unpack_from("<H", record.data, 0) if len(record.data) >= 2 else (0,)
        name = record.data[2:2 + 2 * length].decode("utf-16-le", "replace")
        m = _OUTLINE.fullmatch(name.strip())
        if m:
            levels[index] = int(m[1])
    return levels


def _emit_paragraphs(paragraphs: list[Record], builder: TextBuilder, levels: dict[int, int]) -> None:
    for para in paragraphs:
        # PARA_HEADER: nChars u32, control mask u32, para shape u16, then the style index (u8).
        level = levels.get(para.data[10], 0) if len(para.data) > 10 else 0
        if level:
            builder.heading(_paragraph_text(para), level=level)
        else:
            builder.paragraph(_paragraph_text(para))
        for child in para.children:
            if child.tag == TAG_PARA_HEADER:  # a list whose LIST_HEADER hangs off the paragraph itself
                _emit_paragraphs([child], builder, levels)
            elif child.tag != TAG_CTRL_HEADER or _control_id(child) in _SKIPPED_CONTROLS:
                continue
            elif _control_id(child) == b"tbl ":
                _emit_table(child, builder, levels)
            else:  # text boxes, footnotes, master pages: their paragraphs sit somewhere below the control
                _emit_paragraphs(_nested_paragraphs(child), builder, levels)


def _nested_paragraphs(record: Record) -> list[Record]:
    found = []
    for child in record.children:
        if child.tag == TAG_PARA_HEADER:
            found.append(child)
        else:
            found += _nested_paragraphs(child)
    return found


def _emit_table(ctrl: Record, builder: TextBuilder, levels: dict[int, int]) -> None:
    cells = _cells(ctrl)
    if _is_layout(cells):
        for _, _, paras in sorted(cells, key=lambda c: (c[0], c[1])):
            _emit_paragraphs(paras, builder, levels)
        return
    rows: dict[int, list[tuple[int, str]]] = {}
    for row, col, paras in cells:
        rows.setdefault(row, []).append((col, _flat_text(paras)))
    builder.table([[text for _, text in sorted(rows[r])] for r in sorted(rows)])


def _inflate(data: bytes, limit: int, path: Path, name: str) -> bytes:
    inflater = zlib.decompressobj(-15)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as e:
        raise LoadError(f"{path.name}: {name} is not valid deflate data ({e})") from None
    if len(out) > limit:
        raise LoadError(f"{path.name}: {name} unpacks to over {limit:,} bytes (zip bomb?); "
                        "raise max_unpacked_bytes to load it")
    return out


def _title(ole: olefile.OleFileIO) -> str | None:
    if not ole.exists("\x05HwpSummaryInformation"):
        return None
    try:
        props = ole.getproperties("\x05HwpSummaryInformation")
    except Exception:  # a damaged property set only costs us the title
        return None
    title = props.get(2)  # PIDSI_TITLE
    if isinstance(title, bytes):
        title = title.decode("utf-16-le", "ignore")
    # olefile misreads HWP's VT_LPWSTR lengths and runs on into the next
    # properties; the title proper ends at the first NUL.
    return usable_title(title.split("\x00", 1)[0] if isinstance(title, str) else None)


def load_hwp(path: Path, *, max_unpacked_bytes: int) -> SourceText:
    """Load an HWP 5 file: paragraphs and tables of every body section in order."""
    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError):
        # olefile's own messages on damaged files read like Python advice; say what it means
        raise LoadError(f"{path.name}: damaged or not an HWP file (its OLE2 container cannot be read)") from None
    with ole:
        if not ole.exists("FileHeader"):
            kind = "Word 97-2003 (.doc)" if ole.exists("WordDocument") else "OLE2"
            raise LoadError(f"{path.name}: a {kind} file, not HWP; save it as DOCX, HWPX or PDF first")
        header = ole.openstream("FileHeader").read(256)
        if not header.startswith(_SIGNATURE):
            raise LoadError(f"{path.name}: FileHeader lacks the HWP signature; not an HWP 5 document")
        version = ".".join(str(b) for b in reversed(header[32:36]))
        (flags,) = struct.unpack_from("<I", header, 36)
        if flags & _FLAG_PASSWORD:
            raise LoadError(f"{path.name}: password-protected HWP; save an unprotected copy first")
        if flags & (_FLAG_DISTRIBUTION | _FLAG_DRM) or ole.exists("ViewText"):
            raise LoadError(f"{path.name}: distribution (DRM) document: the body is encrypted; "
                            "ask the author for an editable copy")
        sections = sorted((int(m[1]), "/".join(entry)) for entry in ole.listdir()
                          if len(entry) == 2 and entry[0] == "BodyText" and (m := _SECTION.fullmatch(entry[1])))
        if not sections:
            raise LoadError(f"{path.name}: no BodyText/Section streams")
        builder = TextBuilder()
        budget = max_unpacked_bytes

        def stream(name: str) -> bytes:
            nonlocal budget
            data = ole.openstream(name).read()
            if flags & _FLAG_COMPRESSED:
                data = _inflate(data, budget, path, name)
            budget -= len(data)
            return data

        levels = style_levels(parse_records(stream("DocInfo"))) if ole.exists("DocInfo") else {}
        for _, name in sections:
            roots = record_tree(parse_records(stream(name)))
            _emit_paragraphs([r for r in roots if r.tag == TAG_PARA_HEADER], builder, levels)
        meta_title = _title(ole)
    text = builder.text()
    if not text.strip():
        raise LoadError(f"{path.name}: no text in the body (only images or objects?)")
    return builder.build(title=meta_title or guess_title(text, builder.blocks), date=find_date(text),
                         format="hwp", metadata={"version": version, "compressed": bool(flags & _FLAG_COMPRESSED),
                                                 "sections": len(sections)})
