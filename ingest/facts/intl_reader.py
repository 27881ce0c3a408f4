"""The reading state of one Chinese or English document: actors, subjects, delegations, sides."""
from __future__ import annotations

import re
from typing import Sequence

from ...graph.model import Entity
from ..resolve.spots import Spot, outermost
from .intl_text import find_words

ACTOR_TYPES = frozenset({"City", "District", "Province", "IndustrialPark", "University", "Company",
                         "Organization", "GovernmentBody", "Person", "Country"})
PLACES = frozenset({"City", "District", "Province"})
SIDE_TYPES = frozenset({"City", "District", "Province", "University", "Company", "Organization", "GovernmentBody"})


class Reader:
    """The state one document's sentences share: delegation owner, last two sides, last date."""

    def __init__(self, text: str, language: str, entities: Sequence[Entity], spots: Sequence[Spot],
                 posts: dict, cues: dict) -> None:
        self.text, self.lang, self.cues, self.posts = text, language, cues, posts
        self.written = text  # the text as written, for evidence; ``text`` is what is read
        self.entities = {e.id: e for e in entities}
        self.spots = sorted((s for s in outermost(spots) if s.type in ACTOR_TYPES | {"Event"}),
                            key=lambda s: s.start)
        self._ending = {s.end: s for s in self.spots}
        self._starting = {s.start: s for s in self.spots}
        # the body named in a person's title is an attribute of the person, not an actor
        self.title_orgs = {(o.start, o.end) for o in self.spots for posts_of in posts.values()
                           for org, _, ps, pe in posts_of if org == o.entity and ps <= o.start and o.end <= pe}
        self.delegation: str | None = None
        self.sides: tuple[str, str] | None = None
        self.leaders: dict[str, str] = {}  # person -> the owner of the delegation they lead

    def find(self, key: str, start: int, end: int) -> list[tuple[int, int, str]]:
        words = [w[0] if isinstance(w, list) else w for w in self.cues.get(key, [])]
        return find_words(self.text, start, end, words, self.lang)

    def actors(self, start: int, end: int) -> list[Spot]:
        """Actors in the span: no title bodies, no country that only modifies the next place."""
        inside = [s for s in self.spots if start <= s.start and s.end <= end and s.type in ACTOR_TYPES
                  and (s.start, s.end) not in self.title_orgs]
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
        m = re.match(r"\s+(?:from|of)\s+(?:the\s+)?", self.text[d_end:d_end + 12])
        hit = self._starting.get(d_end + m.end()) if m else None
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
