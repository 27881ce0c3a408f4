"""The country an entity lies in, as far as the gazetteer and the document tell.

A gazetteer entity carries its country; another one takes the country of what it
lies within, else of the gazetteer place its name starts with ("방콕시의회" lies in
Bangkok's country, "횡성군의회" in Hoengseong's).

>>> from cityties.graph.vocab import gazetteer_iri
>>> from cityties.ingest.gazetteer import Entry, Gazetteer
>>> g = Gazetteer([Entry("bangkok", "City", {"ko": "방콕"}, country="TH")])
>>> ents = [Entity(gazetteer_iri("bangkok"), "City"), Entity("x", "GovernmentBody", labels={"ko": "방콕시의회"})]
>>> entity_countries(ents, g)
{'https://w3id.org/cityties/id/bangkok': 'TH', 'x': 'TH'}
"""
from __future__ import annotations

from typing import Sequence
from urllib.parse import unquote

from ...graph.model import Entity
from ...graph.vocab import ENTITY_NS
from ..gazetteer import Gazetteer


def gazetteer_key(entity_id: str, gazetteer: Gazetteer) -> str | None:
    """Return the gazetteer key behind an entity IRI, or None for an entity the gazetteer lacks."""
    if not entity_id.startswith(ENTITY_NS):
        return None
    key = unquote(entity_id[len(ENTITY_NS):])
    return key if key in gazetteer.entries else None


def entity_countries(entities: Sequence[Entity], gazetteer: Gazetteer) -> dict[str, str]:
    """Map entity ids to ISO country codes where the gazetteer or the names tell."""
    by_id = {e.id: e for e in entities}
    out: dict[str, str] = {}

    def country(e: Entity, depth: int = 0) -> str | None:
        if e.id in out or depth > 6:
            return out.get(e.id)
        key = gazetteer_key(e.id, gazetteer)
        if key is not None:
            return gazetteer.entry(key).country
        if e.within in by_id:
            found = country(by_id[e.within], depth + 1)
            if found:
                return found
        for name in sorted(e.names(), key=len, reverse=True):
            for size in range(min(len(name) - 1, 8), 1, -1):
                hits = [x for x in gazetteer.lookup(name[:size]) if x.country and x.type != "Country"]
                if hits and len({x.country for x in hits}) == 1:
                    return hits[0].country
        return None

    for e in entities:
        c = country(e)
        if c:
            out[e.id] = c
    return out
