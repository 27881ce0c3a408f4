"""Decode the bytes of a text or HTML file, guessing the encoding Korean files come in.

Order matters: a BOM is certain; UTF-16 without a BOM is checked before UTF-8
because ASCII-only UTF-16 is valid UTF-8 (with NULs); UTF-8 strict fails on
almost any legacy Korean byte; CP949 (a superset of EUC-KR) is the legacy
default of Korean Windows; charset-normalizer gets what is left.

>>> decode_bytes("고양시".encode("cp949"))
('고양시', 'cp949')
>>> decode_bytes("고양시 의회".encode("utf-16-le"))
('고양시 의회', 'utf-16-le')
"""
from __future__ import annotations

import codecs

from ..source import LoadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 64 * 1024


class EncodingError(LoadError, ValueError):
    """The bytes fit no encoding we try."""


def _utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le' or 'utf-16-be' when NUL bytes sit on one parity only."""
    sample = data[:_SAMPLE]
    if len(sample) < 2 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    # ASCII in UTF-16 puts its NUL on the high byte: odd offsets in LE, even in BE.
    # Hangul (U+AC00..U+D7A3) has no NUL byte at all, so a Korean text shows
    # NULs only from its spaces, digits and line breaks - still one parity.
    if odd and odd >= 20 * even:
        return "utf-16-le"
    if even and even >= 20 * odd:
        return "utf-16-be"
    return None


def _printable_share(text: str) -> float:
    if not text:
        return 1.0
    good = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r")
    return good / len(text)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return the decoded text and the encoding used; raise EncodingError when nothing fits.

    ``declared`` (an HTML ``<meta charset>``, say) is tried after a BOM and
    before guessing.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name
            except UnicodeDecodeError as e:
                raise EncodingError(f"starts with a {name} byte-order mark but is not {name} ({e.reason})") from e
    candidates: list[str] = []
    if declared:
        try:
            candidates.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    if guess := _utf16_without_bom(data):
        candidates.append(guess)
    candidates += ["utf-8", "cp949"]
    for name in candidates:
        # euc-kr documents use cp949's extra syllables in practice; read both as cp949.
        name = "cp949" if name in ("euc_kr", "euc-kr", "ks_c_5601-1987") else name
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name.startswith("utf-16") and _printable_share(text[:4096]) < 0.95:
            continue
        return text, name
    from charset_normalizer import from_bytes  # imported late: only for the rare leftovers

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    raise EncodingError("cannot tell its text encoding (tried UTF-8, UTF-16, CP949, charset-normalizer)")
