"""What one document says about names: the entities it names and how it spells each.

A document's misspellings and captions (충청 for 충칭, 충칭시지도) are not names of
the entity anywhere else; here, in the document's own context, they are shown
beside the entity they were read as, so a reader of that document finds it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .meetings import entity_types
from .queries import _iri, display_labels
from .store import Store


@dataclass(frozen=True, slots=True)
class Named:
    """An entity a document names: its label, type and the document's own spellings of it."""

    iri: str
    label: str
    type: str
    spellings: tuple[str, ...]
    count: int


def named_in(store: Store, doc: str, limit: int = 500) -> list[Named]:
    """Return the entities named in document ``doc`` (its IRI), most mentioned first."""
    rows = store.select(f"""SELECT ?e ?exact (COUNT(?m) AS ?n) WHERE {{ GRAPH {_iri(doc)} {{
      ?m ct:mentionOf ?e ; oa:exact ?exact }} }} GROUP BY ?e ?exact""")
    spelt: dict[str, dict[str, int]] = {}
    for r in rows:
        spelt.setdefault(str(r["e"]), {})[str(r["exact"])] = int(str(r["n"]))
    labels = display_labels(store, sorted(spelt))
    types = entity_types(store, sorted(spelt))
    out = [Named(e, labels.get(e, e.rsplit("/", 1)[-1]), types.get(e, "Entity"),
                 tuple(sorted(ways, key=lambda w: (-ways[w], w))), sum(ways.values()))
           for e, ways in spelt.items()]
    out.sort(key=lambda n: (-n.count, n.label))
    return out[:limit]


__all__ = ["Named", "named_in"]
