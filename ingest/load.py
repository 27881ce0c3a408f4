"""Load any supported document into a SourceText, choosing the loader by content first.

The file's first bytes decide over its name: HWPX files are often renamed
``.hwp``, and web pages are saved as ``.txt``.  The name decides only between
formats that share a container or have no magic (text, Markdown, HTML).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from .source import LoadError, SourceText

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".hwpx", ".hwp")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<table", b"<p>", b"<p ", b"<!--")


def _looks_like_html(head: bytes) -> bool:
    """Say whether the start of a file is HTML markup (after any BOM and whitespace).

    >>> _looks_like_html(b"\\xef\\xbb\\xbf  <!DOCTYPE html><html>")
    True
    >>> _looks_like_html(b"<table> in a sentence") or _looks_like_html("고양".encode())
    False
    """
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            if bom != b"\xef\xbb\xbf":
                head = head.replace(b"\x00", b"")
            break
    head = head.lstrip().lower()
    if head.startswith(b"<table"):
        return b"<tr" in head or b"<td" in head[:2048]
    return head.startswith(_HTML_STARTS)


def sniff_format(path: Path, head: bytes) -> str:
    """Return the format name for a file: hwp, hwpx, docx, pdf, html, md or txt.

    Raise LoadError for containers that hold none of them (a legacy ``.doc``,
    an ``.xlsx``) and for unknown kinds of file.
    """
    suffix = path.suffix.lower()
    if head.startswith(_OLE2):
        return "hwp"  # the HWP loader tells a legacy .doc/.xls apart
    if head.startswith(_ZIP):
        return _zip_format(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if suffix in (".html", ".htm", ".xhtml") or _looks_like_html(head):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".txt", ".text", ".tsv", ".csv", ""):
        return "txt"
    if suffix in (".pdf", ".docx", ".hwpx", ".hwp"):
        raise LoadError(f"{path.name}: not a {suffix[1:].upper()} file (its first bytes are {head[:8]!r})")
    raise LoadError(f"{path.name}: unsupported file type {suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype")[:64].decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError) as e:
        raise LoadError(f"{path.name}: broken zip container ({e})") from None
    if mimetype.startswith("application/hwp") or any(n.startswith("Contents/section") for n in names):
        return "hwpx"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        kind = "a spreadsheet"
    elif "ppt/presentation.xml" in names:
        kind = "a presentation"
    else:
        kind = "a zip archive"
    raise LoadError(f"{path.name}: {kind}, not a document; supported: {', '.join(SUPPORTED_SUFFIXES)}")


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES) -> SourceText:
    """Load a document file into a SourceText; raise LoadError naming the file and the reason.

    ``max_bytes`` caps the file size; ``max_unpacked_bytes`` caps what zip
    members and compressed HWP streams may expand to (zip bombs).
    """
    path = Path(path)
    fmt = "file"
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise LoadError(f"{path.name}: not a regular file")
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file") from None
    except OSError as e:
        raise LoadError(f"{path.name}: cannot read ({e.strerror})") from None
    if size > max_bytes:
        raise LoadError(f"{path.name}: {size:,} bytes is over the {max_bytes:,}-byte limit; raise max_bytes to load it")
    if size == 0:
        raise LoadError(f"{path.name}: empty file")
    try:
        with path.open("rb") as f:
            head = f.read(4096)
        fmt = sniff_format(path, head)
        doc = _LOADERS[fmt](path, max_unpacked_bytes)
    except LoadError:
        raise
    except OSError as e:
        raise LoadError(f"{path.name}: cannot read ({e.strerror or e})") from e
    except RecursionError as e:
        raise LoadError(f"{path.name}: nested too deeply to read") from e
    except Exception as e:
        # Documents are untrusted input: a malformed one must cost only itself
        # in a batch.  The cause stays chained for --debug.
        detail = " ".join(str(e).split())[:200]
        raise LoadError(f"{path.name}: malformed {fmt.upper()} ({type(e).__name__}: {detail})") from e
    if not doc.text.strip():
        raise LoadError(f"{path.name}: no text in this {fmt.upper()} document")
    return doc


def _load_text(path: Path, max_unpacked_bytes: int) -> SourceText:
    from .loaders.text import load_text
    return load_text(path)


def _load_html(path: Path, max_unpacked_bytes: int) -> SourceText:
    from .loaders.html import load_html
    return load_html(path)


def _load_pdf(path: Path, max_unpacked_bytes: int) -> SourceText:
    from .loaders.pdf import load_pdf
    return load_pdf(path)


def _load_docx(path: Path, max_unpacked_bytes: int) -> SourceText:
    from .loaders.docx import load_docx
    return load_docx(path, max_unpacked_bytes=max_unpacked_bytes)


def _load_hwpx(path: Path, max_unpacked_bytes: int) -> SourceText:
    from .loaders.hwpx import load_hwpx
    return load_hwpx(path, max_unpacked_bytes=max_unpacked_bytes)


def _load_hwp(path: Path, max_unpacked_bytes: int) -> SourceText:
    from .loaders.hwp import load_hwp
    return load_hwp(path, max_unpacked_bytes=max_unpacked_bytes)


# Loaders import their parsing libraries only when a file of their kind comes along.
_LOADERS = {"txt": _load_text, "md": _load_text, "html": _load_html, "pdf": _load_pdf,
            "docx": _load_docx, "hwpx": _load_hwpx, "hwp": _load_hwp}
