"""Posts and places in Chinese and English documents: holds_post/member_of, located_in."""
from __future__ import annotations

from typing import Iterator

from ...graph.model import Fact, Mention
from ..lexicon import load_name_lexicon
from .intl_reader import PLACES, Reader
from .intl_text import sentences


def post_facts(r: Reader, language: str) -> Iterator[Fact]:
    member = load_name_lexicon("zh").membership_titles | load_name_lexicon("en").membership_titles
    spans = sentences(r.text, language)
    for person, posts in r.posts.items():
        for org, title, ps, pe in posts:
            s, e = next(((a, b) for a, b in spans if a <= ps and pe <= b), (ps, pe))
            ev = Mention(s, e, r.written[s:e])
            yield Fact("member_of" if title in member else "holds_post", person, org, ev,
                       title=None if title in member else title)


def area_facts(r: Reader) -> Iterator[Fact]:
    """An area named after its place (Tianjin Binhai New Area, 天津滨海新区) lies in that place."""
    spans = sentences(r.text, r.lang)
    for ent in r.entities.values():
        place = r.entities.get(ent.within) if ent.within else None
        if ent.type in ("District", "IndustrialPark") and place is not None and place.type in PLACES and \
                any(m.start == p.start and p.end < m.end for m in ent.mentions for p in place.mentions):
            m = ent.mentions[0]
            s, e = next(((a, b) for a, b in spans if a <= m.start and m.end <= b), (m.start, m.end))
            yield Fact("located_in", ent.id, ent.within, Mention(s, e, r.written[s:e]))
