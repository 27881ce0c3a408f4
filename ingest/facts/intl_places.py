"""Posts and places in Chinese and English documents: holds_post/member_of, located_in."""
from __future__ import annotations

from typing import Iterator

from ...graph.model import Fact, Mention
from ..lexicon import load_name_lexicon
from ..mentions.script import fold_traditional
from .intl_reader import PLACES, Reader
from .intl_text import sentences


def post_facts(r: Reader, language: str) -> Iterator[Fact]:
    member = {t.casefold() for t in load_name_lexicon("zh").membership_titles | load_name_lexicon("en").membership_titles}
    spans = sentences(r.text, language)
    for person, posts in r.posts.items():
        for org, title, ps, pe in posts:
            ev = _evidence(r, spans, ps, pe)
            if title.casefold() in member:
                yield Fact("member_of", person, org, ev)
            else:
                yield Fact("holds_post", person, org, ev, title=title)


def home_post_facts(r: Reader) -> Iterator[Fact]:
    """A titled person with no body named holds the post at the home (我会林怡副会长), unless the
    title heads a place (a mayor is the city's, not the council's)."""
    home = r.entities.get(r.home) if r.home else None
    if home is None or home.type not in ("Organization", "GovernmentBody"):
        return
    place_titles = {t.casefold() for lang in ("zh", "en") for t in load_name_lexicon(lang).place_titles}
    spans = sentences(r.text, r.lang)
    for ent in r.entities.values():
        if ent.type == "Person" and ent.title and ent.id not in r.posts and \
                fold_traditional(ent.title).casefold() not in place_titles:
            m = ent.mentions[0]
            yield Fact("holds_post", ent.id, home.id, _evidence(r, spans, m.start, m.end), title=ent.title)


def _evidence(r: Reader, spans: list[tuple[int, int]], start: int, end: int) -> Mention:
    s, e = next(((a, b) for a, b in spans if a <= start and end <= b), (start, end))
    return Mention(s, e, r.written[s:e])


def area_facts(r: Reader) -> Iterator[Fact]:
    """Return the located_in facts the names say.

    A place chain (山东省潍坊市, "Weifang City, Shandong Province") places its lower
    place in the higher, never a place in a country (by convention); a body written
    after a place and 的 lies there (首尔中区的中国驻韩大使馆); an area named after its
    place (Tianjin Binhai New Area, 天津滨海新区) lies in that place.
    """
    spans = sentences(r.text, r.lang)
    for outer, inner in r.links:
        if outer.type != "Country" and outer.entity != inner.entity:
            yield Fact("located_in", inner.entity, outer.entity,
                       _evidence(r, spans, min(outer.start, inner.start), max(outer.end, inner.end)))
    for ent in r.entities.values():
        place = r.entities.get(ent.within) if ent.within else None
        if ent.type in ("District", "IndustrialPark") and place is not None and place.type in PLACES and \
                any(m.start == p.start and p.end < m.end for m in ent.mentions for p in place.mentions):
            m = ent.mentions[0]
            yield Fact("located_in", ent.id, ent.within, _evidence(r, spans, m.start, m.end))
