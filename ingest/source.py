r"""What a loader returns: the document's NFC text, its blocks with offsets, and metadata.

Every offset is a code-point index into ``SourceText.text``.

>>> t = SourceText(text="제목\n본문", blocks=(Block("heading", 0, 2), Block("paragraph", 3, 5)))
>>> t.slice(t.blocks[1])
'본문'
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..errors import CitytiesError


class LoadError(CitytiesError):
    """A file that cannot be read as a document; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its span in the text (may be empty: ``start == end``)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: its span and its cells in column order."""

    start: int
    end: int
    cells: tuple[Cell, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph or table; a table carries its rows (the first is usually the header)."""

    kind: str  # "heading" | "paragraph" | "table"
    start: int
    end: int
    rows: tuple[Row, ...] = ()
    level: int = 0  # heading level, when known


@dataclass(frozen=True, slots=True)
class SourceText:
    """A loaded document: NFC text, blocks over it, and what the file says about itself."""

    text: str
    blocks: tuple[Block, ...] = ()
    title: str | None = None
    date: str | None = None  # ISO, when the document states it
    format: str = "txt"
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not unicodedata.is_normalized("NFC", self.text):
            raise ValueError("SourceText.text must be NFC-normalized")
        n = len(self.text)
        for b in self.blocks:
            if not 0 <= b.start <= b.end <= n:
                raise ValueError(f"block {b.kind} {b.start}..{b.end} lies outside the text (length {n})")

    def slice(self, span: Block | Row | Cell) -> str:
        """Return the text under a block, row or cell."""
        return self.text[span.start:span.end]

    def tables(self) -> tuple[Block, ...]:
        """Return the table blocks."""
        return tuple(b for b in self.blocks if b.kind == "table")
