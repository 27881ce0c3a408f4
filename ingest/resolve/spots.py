"""Spots: entity mentions resolved to their entity, as the fact readers see them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ...graph.model import Entity


@dataclass(frozen=True, slots=True)
class Spot:
    """One entity mention in the text: its span, the entity's id and type, and for a titled person
    (Chinese and English readers) the title and where it is written."""

    start: int
    end: int
    entity: str
    type: str
    text: str = ""
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None


def entity_spots(entities: Sequence[Entity], n: int) -> list[Spot]:
    """Return every mention as a Spot in text order; where two overlap the longer one wins.

    >>> from cityties.graph.model import Mention
    >>> [(s.start, s.end) for s in entity_spots([Entity("a", "City", mentions=(Mention(0, 2, "충칭"), Mention(0, 3, "충칭시")))], 9)]
    [(0, 3)]
    """
    raw = [Spot(m.start, m.end, e.id, e.type) for e in entities for m in e.mentions if m.end <= n]
    raw.sort(key=lambda s: (-(s.end - s.start), s.start))
    taken = bytearray(n + 1)
    kept = []
    for s in raw:
        if any(taken[s.start:s.end]):
            continue
        taken[s.start:s.end] = b"\x01" * (s.end - s.start)
        kept.append(s)
    kept.sort(key=lambda s: s.start)
    return kept


def outermost(spots: Sequence[Spot]) -> list[Spot]:
    """Return the spots no other spot contains, in text order."""
    out: list[Spot] = []
    reach = -1
    for s in sorted(spots, key=lambda s: (s.start, -s.end)):
        if s.end > reach or (out and (out[-1].start, out[-1].end) == (s.start, s.end)):
            out.append(s)
            reach = max(reach, s.end)
    return out
