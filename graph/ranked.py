"""Facts with their rank, rejected ones included: what the fact, entity and document pages
show beside the answers (which see live facts only, ``a ct:Fact``).

A rejected fact stays in its document's graph as a ``ct:DeprecatedFact`` with
``ct:rank ct:DeprecatedRank`` and no truthy triple; a confirmed one has
``ct:rank ct:ConfirmedRank``.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import queries
from .curation import fact_address
from .store import Store

_LIVE = "?f a ct:Fact ;"
if _LIVE not in queries._FACT_PATTERN:  # pragma: no cover - a change to the pattern must come here too
    raise ImportError("graph.queries._FACT_PATTERN no longer starts with '?f a ct:Fact ;'")
_ANY = queries._FACT_PATTERN.replace(_LIVE, "?f a ?fclass ;", 1) + """
  OPTIONAL { ?f ct:rank ?rank } VALUES ?fclass { ct:Fact ct:DeprecatedFact }"""


def _rank(row: dict) -> str | None:
    rank = row.get("rank")
    return None if rank is None else str(rank).rsplit("#", 1)[-1].removesuffix("Rank").lower()


@dataclass(frozen=True, slots=True)
class RankedFact:
    """A fact as its page shows it: the row, its rank (deprecated, confirmed or None) and address."""

    row: queries.FactRow
    rank: str | None
    address: str

    @property
    def rejected(self) -> bool:
        return self.rank == "deprecated"


def _ranked(store: Store, rows: list[dict], focus: str | None) -> list[RankedFact]:
    facts = queries._fact_rows(store, rows, focus)
    return [RankedFact(f, _rank(r), fact_address(f.evidence.document, f.type, f.subject, f.object, f.evidence.quote))
            for f, r in zip(facts, rows)]


def fact(store: Store, iri: str) -> RankedFact | None:
    """Return one fact (live or rejected) by its IRI, or None."""
    rows = store.select(f"SELECT * WHERE {{ VALUES ?f {{ {queries._iri(iri)} }} {_ANY} }} LIMIT 1")
    return _ranked(store, rows, None)[0] if rows else None


def facts_of(store: Store, iri: str, limit: int = 1000) -> list[RankedFact]:
    """Return every fact naming ``iri`` as subject or object, rejected ones too, by date."""
    node = queries._iri(iri)
    rows = store.select(f"""SELECT * WHERE {{
      {{ VALUES ?s {{ {node} }} {_ANY} }} UNION {{ VALUES ?o {{ {node} }} {_ANY} }}
    }} ORDER BY ?date ?ftype ?start ?f LIMIT {int(limit)}""")
    return _ranked(store, rows, iri)


def rejected_in(store: Store, doc_iri: str) -> list[RankedFact]:
    """Return the rejected facts of one document, in text order."""
    node = queries._iri(doc_iri)
    rows = store.select(f"""SELECT * WHERE {{ GRAPH {node} {{ {_ANY} FILTER(?doc = {node}) }}
      FILTER(?fclass = ct:DeprecatedFact) }} ORDER BY ?start ?f""")
    return _ranked(store, rows, None)


__all__ = ["RankedFact", "fact", "facts_of", "rejected_in"]
