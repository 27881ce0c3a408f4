"""The indexes of a store: derived data kept beside it, in step with every write made through it.

The store knows nothing of them. An :class:`Indexes` watches a store (``Store.watcher``)
and hears of every document replace and drop and every curation write (all go
through ``Store._observed_write``); it applies each to the index files open, in the
order the store made them, and after the store did: a write the store refuses never
reaches an index. Each kind of index is an :class:`~cityties.graph.indexfile.IndexFile`
in its own file beside the store (``<store>.search.sqlite``, ``<store>.facts.sqlite``), saved with the store's
fingerprint at close and rebuilt when that no longer matches (a crash, a write by other
means, an older cityties); a store in memory keeps its indexes in memory, built on
first use. Open stores with :func:`open_store` so that on-disk indexes follow every
write from the start.

>>> from rdflib import Graph, Literal, URIRef
>>> from cityties.graph.store import OxigraphStore
>>> from cityties.graph.vocab import RDF, SCHEMA, SKOS
>>> s = OxigraphStore(None)
>>> cq = URIRef("https://w3id.org/cityties/id/cq")
>>> s.replace_document("https://w3id.org/cityties/doc/a",
...     Graph().add((cq, RDF.type, SCHEMA.City)).add((cq, SKOS.prefLabel, Literal("충칭", lang="ko"))))
>>> [h.label for h in search_index(s).search("충칭")]
['충칭']
"""
from __future__ import annotations

import contextvars
import os
import sqlite3
import threading
from contextlib import contextmanager
from typing import Iterator, Mapping, TypeVar

from rdflib import Graph

from . import store as stores
from .access import FactIndex
from .indexfile import IndexFile, IndexFileError
from .search import SearchIndex
from .store import Store

KINDS: tuple[type[IndexFile], ...] = (SearchIndex, FactIndex)  # every index a store on disk keeps in step
_LOCK = threading.RLock()  # opening, rebuilding and updating indexes, one at a time
I = TypeVar("I", bound=IndexFile)
_SPARQL_ONLY = contextvars.ContextVar("sparql_only", default=False)


class Indexes:
    """The open indexes of one store, told of its writes as its observer."""

    def __init__(self) -> None:
        self._open: dict[type[IndexFile], IndexFile] = {}
        self._unsettled: set[type[IndexFile]] = set()  # written since the file last matched the store
        self._stale: set[type[IndexFile]] = set()  # files a read-only store found stale: SPARQL answers

    def get(self, store: Store, kind: type[I]) -> I:
        """Return the index ``kind`` of ``store``, opened or rebuilt on first use and whenever the
        store was written by other means (a raw SPARQL update) than those we hear of."""
        with _LOCK:
            index = self._open.get(kind)
            if index is None:
                index = self._open[kind] = _open_index(store, kind)  # type: ignore[assignment]
            elif index.generation != store.generation:
                index.rebuild(store)
            return index  # type: ignore[return-value]

    def usable(self, store: Store, kind: type[I]) -> I | None:
        """Return the index ``kind`` where reading it needs no rebuild from a large store: one open
        already, one in step in its file, one of a writable store or of a store in memory. None for
        a read-only store whose file is missing or stale (a query worker on a snapshot the writer
        has written past): a copy built in memory for each snapshot would cost more than asking
        the store by SPARQL."""
        with _LOCK:
            if kind in self._open or not getattr(store, "read_only", False) or store.sidecar(kind.FILE) is None:
                return self.get(store, kind)
            if kind in self._stale:
                return None
            index = _open_index(store, kind, in_memory=False)
            if index is None:
                self._stale.add(kind)
                return None
            self._open[kind] = index
            return index  # type: ignore[return-value]

    def writing(self, store: Store) -> None:
        """Open the index files before a write, their fingerprint forgotten until they are saved."""
        with _LOCK:
            for kind in KINDS:
                if kind not in self._open and store.sidecar(kind.FILE) is None:
                    continue  # an index in memory is built from the store when first asked for
                index = self.get(store, kind)
                if kind not in self._unsettled:
                    index.unsettle()  # a crash between the store write and ours now shows at the next open
                    self._unsettled.add(kind)

    def written(self, store: Store, graphs: Mapping[str, Graph | None], before: int) -> None:
        """Apply a store write to every open index that was in step before it."""
        with _LOCK:
            for index in self._open.values():
                if index.generation != before:
                    continue  # out of step already; get() rebuilds it
                try:
                    for graph_iri, triples in graphs.items():
                        if triples is None:
                            index.drop(graph_iri)
                        else:
                            index.replace(graph_iri, triples)
                except Exception:  # noqa: BLE001 - the store write stands; a stale index is rebuilt
                    index.generation = -1
                    continue
                index.generation = store.generation

    def closing(self, store: Store) -> None:
        """Close the index files, first recording those in step with the store as such."""
        with _LOCK:
            opened, self._open = self._open, {}
            fingerprint = None
            for kind, index in opened.items():
                if kind in self._unsettled and index.generation == store.generation and store.sidecar(kind.FILE):
                    fingerprint = fingerprint or store.fingerprint()
                    index.settle(fingerprint)
                index.close()
            self._unsettled = set()


def indexes(store: Store) -> Indexes:
    """Return the indexes watching ``store``, watching it from now on if none did yet."""
    return store.watcher(Indexes, Indexes)


def search_index(store: Store) -> SearchIndex:
    """Return the label search index of ``store`` (see ``graph.search``)."""
    return indexes(store).get(store, SearchIndex)


def fact_index(store: Store) -> FactIndex | None:
    """Return the access paths of ``store`` (fact rows and links, see ``graph.access``), or None
    for a store others write too (an endpoint), where rows kept from our writes alone could lag,
    and inside :func:`sparql_only`."""
    return None if store.shared or _SPARQL_ONLY.get() else indexes(store).usable(store, FactIndex)


def name_index(store: Store) -> SearchIndex | None:
    """Return the search index to read display names from, or None where SPARQL must answer
    (as :func:`fact_index`)."""
    return None if store.shared or _SPARQL_ONLY.get() else indexes(store).usable(store, SearchIndex)


@contextmanager
def sparql_only() -> Iterator[None]:
    """Answer the named queries by SPARQL alone within the block, no access path read (the
    tests and the benchmark compare both answers)."""
    token = _SPARQL_ONLY.set(True)
    try:
        yield
    finally:
        _SPARQL_ONLY.reset(token)


def open_store(location: str | os.PathLike | None, read_only: bool = False) -> Store:
    """Open the store at ``location`` (see :func:`cityties.graph.store.open_store`) with its
    indexes watching it, so that index files beside it follow every write from the first."""
    store = stores.open_store(location, read_only=read_only)
    indexes(store)
    return store


def _open_index(store: Store, kind: type[I], in_memory: bool = True) -> I | None:
    """Open the index ``kind`` of ``store``: its file when it is in step with the store, else
    one rebuilt from the store (in the file when the store is writable, else in memory, or
    None when not ``in_memory``)."""
    location = store.sidecar(kind.FILE)
    if location is None:
        return _built(store, kind(":memory:"))
    fingerprint = store.fingerprint()
    read_only = getattr(store, "read_only", False)
    try:
        index = kind(location, read_only=read_only)
        if index.fresh_for(fingerprint):
            index.generation = store.generation
            return index
        if read_only:
            index.close()
    except (IndexFileError, sqlite3.DatabaseError):
        if not read_only:
            raise
    if read_only:  # another process may be writing that file: keep ours in memory
        return _built(store, kind(":memory:")) if in_memory else None
    index.rebuild(store)
    index.settle(fingerprint)
    return index


def _built(store: Store, index: I) -> I:
    index.rebuild(store)
    return index


__all__ = ["KINDS", "Indexes", "indexes", "search_index", "fact_index", "name_index", "sparql_only", "open_store"]
