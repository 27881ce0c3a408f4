"""The reading state of one Chinese or English document: actors, subjects, delegations, sides."""
from __future__ import annotations

import re
from typing import Sequence

from ...graph.model import ADMIN_PLACES, ORG_TYPES, PLACE_TYPES, Entity
from ..resolve.spots import Spot, outermost
from .intl_text import find_words

ACTOR_TYPES = PLACE_TYPES | ORG_TYPES | {"Person"}
PLACES = ADMIN_PLACES - {"Country"}  # the places a chain, a title or a venue names
SIDE_TYPES = PLACES | ORG_TYPES  # what may be a party to an agreement
BODIES = ORG_TYPES | {"IndustrialPark"}  # what lies in a place written before it
RANK = {"Country": 0, "Province": 1, "City": 2, "District": 3}
# "Weifang City, Shandong Province": the specific place first, the general one after a comma
_BACKWARD_GAP = re.compile(r",[ \t]*")
# "a delegation from X", "a delegation of 31 members from the X"
_OWNER_GAP = re.compile(r"\s+(?:of\s+(?:[\w-]+\s+){0,3}?(?:members|people|persons|officials|delegates|guests)\s+)?"
                        r"(?:from|of)\s+(?:the\s+)?")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|[、和及与])\s*(?:the\s+)?")


class Reader:
    """The state one document's sentences share: delegation owner, last two sides, last date."""

    def __init__(self, text: str, language: str, entities: Sequence[Entity], spots: Sequence[Spot],
                 posts: dict, cues: dict, home: str | None = None, known_within: dict | None = None) -> None:
        self.text, self.lang, self.cues, self.posts = text, language, cues, posts
        self.written = text  # the text as written, for evidence; ``text`` is what is read
        self.entities = {e.id: e for e in entities}
        self.known_within = known_within or {}  # gazetteer IRI -> (IRI, type) of the place it lies in
        self.home = home if home in self.entities else None  # the writing body, when the document has one
        self.spots = sorted([s for s in outermost(spots) if s.type in ACTOR_TYPES | {"Event"}] + self._self_spots(),
                            key=lambda s: s.start)
        self._ending = {s.end: s for s in self.spots}
        self._starting = {s.start: s for s in self.spots}
        self.links = self._place_links()
        self.modifiers = {(outer.start, outer.end) for outer, _ in self.links}
        # the body named in a person's title is an attribute of the person, not an actor; so are
        # the places that body's name is placed in (南韩京畿道|安养市|市长)
        self.title_orgs = {(o.start, o.end) for o in self.spots for posts_of in posts.values()
                           for org, _, ps, pe in posts_of if ps <= o.start and o.end <= pe
                           and (org == o.entity or text[ps:ps + 1] in "驻駐" and o.type != "Person")}  # 驻釜山总领事: where it is held
        for outer, inner in sorted(self.links, key=lambda link: -link[0].start):
            if (inner.start, inner.end) in self.title_orgs:
                self.title_orgs.add((outer.start, outer.end))
        self.delegation: str | None = None
        self.sides: tuple[str, str] | None = None
        self.host: tuple[str, str | None] | None = None  # who held the last meeting, and where
        self.leaders: dict[str, str] = {}  # person -> the owner of the delegation they lead
        self.venues: dict[str, str] = {}  # event -> the place it was held in
        self.partners: list[tuple[str, str]] = []  # the agreements of the last sentence that had some
        self.partners_from = -1

    def _self_spots(self) -> list[Spot]:
        """The home's own words for itself (我会, 本市, "our city") as mentions of the home."""
        if self.home is None:
            return []
        kind = self.entities[self.home].type
        return [Spot(hs, he, self.home, kind, self.text[hs:he])
                for hs, he, _ in find_words(self.text, 0, len(self.text), self.cues.get("self_words", []), self.lang)]

    def _place_links(self) -> list[tuple[Spot, Spot]]:
        """Return (containing place, contained place) pairs written as a chain.

        A chain is a place of a higher rank right before one of a lower rank (山东省潍坊市,
        韩国京畿道), or after it behind a comma ("Weifang City, Shandong Province"). A pair the
        gazetteer contradicts (the inner place lies elsewhere) is no chain. A body written
        after a place and a genitive word (首尔中区的中国驻韩大使馆) is placed there too.
        """
        places = [p for p in self.spots if p.type in RANK]
        genitive = tuple(self.cues.get("genitive_words", ()))
        out = [(a, b) for a, b in zip(self.spots, self.spots[1:])  # 首尔中区的大使馆: the body lies there
               if a.type in PLACES and b.type in BODIES and self.text[a.end:b.start] in genitive]
        for a, b in zip(places, places[1:]):
            gap = self.text[a.end:b.start]
            if RANK[a.type] < RANK[b.type] and gap == "":
                outer, inner = a, b
            elif RANK[a.type] > RANK[b.type] and _BACKWARD_GAP.fullmatch(gap):
                outer, inner = b, a
            else:
                continue
            if self._fits(inner.entity, outer):
                out.append((outer, inner))
        return out

    def _fits(self, inner: str, outer: Spot) -> bool:
        """False when the gazetteer puts ``inner`` in another place of ``outer``'s rank or below."""
        own = self.entities[inner].within
        known, known_type = self.known_within.get(inner) or (own, self.entities[own].type if own else None)
        if known is None or known == outer.entity:
            return True
        return RANK.get(known_type, 9) < RANK[outer.type]  # in China, and written after 江苏省: fits

    def locator(self, spot: Spot) -> str | None:
        """The place a body or place is written in (the 首尔中区 of 首尔中区的大使馆), if any."""
        return next((o.entity for o, i in self.links if i is spot and o.type in PLACES), None)

    def actor_at(self, pos: int, actors: Sequence[Spot]) -> Spot | None:
        """The actor written at ``pos``: the place a chain starting there ends in (山东省|潍坊市)."""
        moved = True
        while moved:
            moved = False
            for outer, inner in self.links:
                if outer.start == pos and inner.start > pos:
                    pos, moved = inner.start, True
        found = next((a for a in actors if a.start == pos), None)
        if found is None:  # "Los Angeles Mayor Eric Garcetti": the person whose title starts there
            person = next((p for p, posts in self.posts.items() for _, _, ps, _ in posts if ps == pos), None)
            found = next((a for a in actors if a.entity == person and a.start > pos), None)
        return found

    def listed(self, first: Spot, actors: Sequence[Spot]) -> list[Spot]:
        """``first`` and the actors listed after it: "Fukuoka, Osaka, and Nagasaki", "A、B和C"."""
        out = [first]
        while True:
            m = _LIST_GAP.match(self.text, out[-1].end)
            nxt = self.actor_at(m.end(), actors) if m else None
            if nxt is None or nxt.type != first.type and {nxt.type, first.type} - PLACES:
                return out
            out.append(nxt)

    def main_subject(self, start: int, end: int) -> Spot | None:
        """The subject after a leading clause: "Since signing … with X, Busan has …" -> Busan."""
        if not any(hs == start for hs, _, _ in self.find("clause_openers", start, start + 12)):
            return None
        return next((a for a in self.actors(start, end) if re.search(r",\s*(?:the\s+)?$", self.text[start:a.start])),
                    None)

    def find(self, key: str, start: int, end: int) -> list[tuple[int, int, str]]:
        words = [w[0] if isinstance(w, list) else w for w in self.cues.get(key, [])]
        return find_words(self.text, start, end, words, self.lang)

    def actors(self, start: int, end: int) -> list[Spot]:
        """Actors in the span: no title bodies, no place or country that only places the next one."""
        inside = [s for s in self.spots if start <= s.start and s.end <= end and s.type in ACTOR_TYPES
                  and (s.start, s.end) not in self.title_orgs and (s.start, s.end) not in self.modifiers]
        out = []
        for k, s in enumerate(inside):
            nxt = inside[k + 1] if k + 1 < len(inside) else None
            if s.type == "Country" and (self.text[s.end:s.end + 2] in ("'s", "’s") or nxt is not None and
                                        nxt.type in PLACES | {"GovernmentBody"} and nxt.start - s.end <= 1):
                continue
            out.append(s)
        return out

    def owner(self, d_start: int, d_end: int) -> str | None:
        """The owner a delegation phrase names: X代表团, the X delegation, a delegation from X, X率领的代表团."""
        gap = re.search(r"[ \t]*$", self.text[max(0, d_start - 4):d_start])
        before = self._ending.get(d_start - len(gap.group()))
        if before is not None and before.type != "Person":
            return before.entity
        m = _OWNER_GAP.match(self.text, d_end)
        hit = self._starting.get(m.end()) if m else None
        return hit.entity if hit is not None else None

    def leader_owner(self, start: int, end: int) -> str | None:
        """The organisation of the person who leads the delegation in ``start..end``."""
        for ls, le, _ in self.find("leader_words", start, end):
            people = [s for s in self.spots if s.type == "Person" and (s.end <= ls and self.lang == "zh" or
                                                                       s.start >= le and self.lang != "zh")]
            person = people[-1] if self.lang == "zh" and people else (people[0] if people else None)
            if person is not None and self.posts.get(person.entity):
                return self.posts[person.entity][0][0]
        return None

    def subject(self, start: int, cue: int) -> str | None:
        """The first actor before the cue, a delegation word standing for its owner."""
        actors = self.actors(start, cue)
        dele = self.find("delegation_words", start, cue)
        first_actor = actors[0] if actors else None
        if dele and (first_actor is None or dele[0][0] < first_actor.start or
                     self.owner(dele[0][0], dele[0][1]) == first_actor.entity):
            ds, de, _ = dele[0]
            return self.owner(ds, de) or self.delegation
        if first_actor is not None and first_actor.type == "Person" and \
                self.find("group_words", max(start, first_actor.start - 40), first_actor.start):
            # "Seven members including Li Dengai from the X Council visited": the group is X's
            lifted = self.lift(first_actor.entity)
            return lifted if lifted != first_actor.entity else self.home or lifted
        return first_actor.entity if first_actor else None

    def lift(self, iri: str, places: bool = False) -> str:
        """A person's side is their organisation; with ``places``, a body's side is its place."""
        if self.entities[iri].type == "Person":
            iri = self.posts[iri][0][0] if self.posts.get(iri) else self.leaders.get(iri, iri)
        seen = set()
        while places and self.entities[iri].type not in PLACES and iri not in seen:
            seen.add(iri)
            up = self.entities[iri].within
            if up is None or up not in self.entities:
                break
            iri = up
        return iri
