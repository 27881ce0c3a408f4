"""Where the graph lives: the ``Store`` interface and the embedded on-disk Oxigraph store.

Callers see rdflib terms and plain Python values only; no pyoxigraph type leaks
out of this module, so a store over a remote SPARQL 1.1 endpoint can implement
the same interface without changing them.

Queries see the union of all named graphs as their default graph.

>>> s = open_store(None)            # an in-memory store, for tests and notebooks
>>> s.replace_document("https://example.org/doc/a", _example_graph())
>>> [d.iri for d in s.documents()]
['https://example.org/doc/a']
>>> s.select("SELECT ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }")[0]["l"].value
'충칭'
"""
from __future__ import annotations

import abc
import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import CitytiesError
from .vocab import CT, DCTERMS

RDF_FORMATS = {
    # name: (media type, pyoxigraph format, holds named graphs)
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE, False),
    "trig": ("application/trig", ox.RdfFormat.TRIG, True),
    "nq": ("application/n-quads", ox.RdfFormat.N_QUADS, True),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES, False),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD, True),
}
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
PREFIXES = {
    "ct": str(CT._NS), "schema": "https://schema.org/", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#",
    "owl": "http://www.w3.org/2002/07/owl#", "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class StoreError(CitytiesError):
    """The store cannot be opened, read or written; the message says which and what to do."""


class StoreLocked(StoreError):
    """Another process holds the on-disk store open for writing."""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the store knows about one ingested document."""

    iri: str
    id: str
    source: str | None
    title: str | None
    date: str | None
    sha256: str | None
    home: str | None


class Store(abc.ABC):
    """A quad store holding one named graph per document plus gazetteer and curation graphs."""

    generation: int = 0  # bumped on every write made through this object (for caches)
    _observers: tuple["Observer", ...] = ()  # told of every write, see watcher()
    shared: bool = False  # other clients write the dataset too (an endpoint): we do not hear of every write

    def replace_document(self, doc_iri: str, triples: Graph) -> None:
        """Replace the named graph ``doc_iri`` with ``triples`` in one transaction, with the
        curation graph's corrections replayed on them (see ``graph.curator``)."""
        from .curator import WRITE_LOCK, curated  # noqa: PLC0415 - curation is built over the store
        with WRITE_LOCK:
            triples = curated(self, doc_iri, triples)
            self._observed_write({doc_iri: triples}, lambda: self._replace(doc_iri, triples))

    def replace_graph(self, graph_iri: str, triples: Graph) -> None:
        """Replace any named graph (gazetteer, curation) in one transaction."""
        self._observed_write({graph_iri: triples}, lambda: self._replace(graph_iri, triples))

    def replace_graphs(self, graphs: Mapping[str, Graph | None]) -> None:
        """Replace several named graphs (a Graph) or drop them (None), all in one transaction."""
        self._observed_write(graphs, lambda: self._replace_many(graphs))

    def drop_document(self, doc_iri: str) -> bool:
        """Drop a document's graph; return whether it was there."""
        return bool(self._observed_write({doc_iri: None}, lambda: self._drop(doc_iri)))

    def _replace(self, graph_iri: str, triples: Graph) -> None:
        """Write one named graph in the store itself (implementations that take writes)."""
        raise StoreError(f"{self!r} is read-only: cannot write <{graph_iri}>")

    def _replace_many(self, graphs: Mapping[str, Graph | None]) -> None:
        """Write several named graphs; implementations make it one transaction where they can."""
        for graph_iri, triples in graphs.items():
            if triples is None:
                self._drop(graph_iri)
            else:
                self._replace(graph_iri, triples)

    def _drop(self, graph_iri: str) -> bool:
        """Drop one named graph in the store itself; return whether it was there."""
        raise StoreError(f"{self!r} is read-only: cannot drop <{graph_iri}>")

    @abc.abstractmethod
    def select(self, sparql: str) -> list[dict[str, Node]]:
        """Run a SELECT query over the union of all graphs; rows map variable -> rdflib term."""

    @abc.abstractmethod
    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""

    @abc.abstractmethod
    def construct(self, sparql: str) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query; return an rdflib Graph."""

    @abc.abstractmethod
    def results(self, sparql: str, fmt: str) -> tuple[bytes, str]:
        """Run any read query and serialize its answer: SELECT/ASK in a SPARQL results format
        (json, xml, csv, tsv); CONSTRUCT/DESCRIBE in an RDF format (ttl, jsonld, nt).
        Return the bytes and their media type."""

    @abc.abstractmethod
    def dump(self, fmt: str, graph_iri: str | None = None) -> bytes:
        """Serialize the dataset (or one named graph) in ``fmt`` (see RDF_FORMATS)."""

    @abc.abstractmethod
    def graph(self, graph_iri: str) -> Graph:
        """Return the triples of one named graph."""

    def close(self) -> None:
        """Release the store (flush and unlock)."""
        self._close_observers()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- derived, same for every implementation

    def documents(self) -> list[DocumentInfo]:
        """List every ingested document, by id."""
        rows = self.select(
            "PREFIX ct: <%s> PREFIX dcterms: <http://purl.org/dc/terms/>\n"
            "SELECT ?d (SAMPLE(?id_) AS ?id) (SAMPLE(?src_) AS ?src) (SAMPLE(?t_) AS ?t) "
            "(SAMPLE(?date_) AS ?date) (SAMPLE(?h_) AS ?h) (SAMPLE(?home_) AS ?home) WHERE {\n"
            "  GRAPH ?d { ?d a ct:Document ; dcterms:identifier ?id_ .\n"
            "    OPTIONAL { ?d ct:source ?src_ } OPTIONAL { ?d dcterms:title ?t_ }\n"
            "    OPTIONAL { ?d dcterms:date ?date_ } OPTIONAL { ?d ct:sha256 ?h_ }\n"
            "    OPTIONAL { ?d ct:home ?home_ } } } GROUP BY ?d ORDER BY ?id" % CT._NS
        )
        return [DocumentInfo(iri=str(r["d"]), id=str(r["id"]), source=_opt(r.get("src")),
                             title=_opt(r.get("t")), date=_opt(r.get("date")),
                             sha256=_opt(r.get("h")), home=_opt(r.get("home")))
                for r in rows]

    # -- observers: what is kept beside the store (indexes) hears of every write made through it

    def watcher(self, kind: type, make: Any = None) -> Any:
        """Return the observer of class ``kind`` watching this store; when there is none and ``make``
        is given, the one ``make()`` returns, told of every write made through this object from now
        on and closed with it (see ``graph.indexes``)."""
        with _WRITE_ORDER:
            found = next((o for o in self._observers if isinstance(o, kind)), None)
            if found is None and make is not None:
                found = make()
                self._observers = (*self._observers, found)
            return found

    def sidecar(self, name: str) -> str | None:
        """Return the file beside the store that derived data ``name`` lives in, or None to keep it
        in memory (a store in memory, a remote one)."""
        return None

    def fingerprint(self) -> str:
        """Return a digest of the dataset's shape (graphs and their sizes) that changes when
        any graph is replaced or dropped; an index file saved with another one is stale."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return _digest(sorted(f"{r['g']} {r['n']}" for r in rows))

    def _observed_write(self, graphs: Mapping[str, Graph | None], write: Any) -> Any:
        """Run a store write of ``graphs`` (None: dropped) between telling the observers it comes
        and that it was made, in that order: if the store refuses it, they never hear it was."""
        with _WRITE_ORDER:
            for observer in self._observers:
                observer.writing(self)
            before = self.generation
            result = write()
            for observer in self._observers:
                observer.written(self, graphs, before)
            return result

    def _close_observers(self) -> None:
        with _WRITE_ORDER:
            observers, self._observers = self._observers, ()
            for observer in observers:
                observer.closing(self)

    def document_hash(self, doc_iri: str) -> str | None:
        """Return the content hash stored for a document, or None when it is absent."""
        rows = self.select("SELECT ?h WHERE { GRAPH <%s> { <%s> <%s> ?h } }" % (doc_iri, doc_iri, CT.sha256))
        return str(rows[0]["h"]) if rows else None


class Observer(Protocol):
    """What keeps derived data in step with a store (``graph.indexes``): told before and after
    each write made through the store, and when the store closes."""

    def writing(self, store: Store) -> None:
        """Get ready for a write (a crash from here on must leave the derived data visibly stale)."""

    def written(self, store: Store, graphs: Mapping[str, Graph | None], before: int) -> None:
        """Apply a write of ``graphs`` (None: dropped) made at store generation ``before``."""

    def closing(self, store: Store) -> None:
        """Save and close, the store closing."""


_WRITE_ORDER = threading.RLock()  # orders store writes and what their observers do with them


def _digest(lines: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _opt(node: Node | None) -> str | None:
    return None if node is None else str(node)


# ---------------------------------------------------------------- term conversion

def _to_rdflib(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise StoreError(f"unsupported RDF term {term!r}")


_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _nt_term(term: Node) -> str:
    r"""Return one term in N-Triples (what rdflib's serializer writes, four times faster).

    >>> _nt_term(URIRef("https://x/a")), _nt_term(Literal('say "hi"\n', lang="ko")), _nt_term(Literal(3))
    ('<https://x/a>', '"say \\"hi\\"\\n"@ko', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    >>> _nt_term(URIRef("https://x/a> } } ; DROP ALL ; #"))
    Traceback (most recent call last):
    ...
    cityties.graph.store.StoreError: not an IRI: 'https://x/a> } } ; DROP ALL ; #'
    """
    if isinstance(term, URIRef):
        if _NOT_IN_IRI.search(term):  # it goes into an update's text: nothing may end it early
            raise StoreError(f"not an IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = f'"{str(term).translate(_LITERAL_ESCAPES)}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{body}^^{_nt_term(term.datatype)}"
        return body
    if isinstance(term, BNode):
        return f"_:{term}"
    raise StoreError(f"unsupported RDF term {term!r}")


def _graph_to_ntriples(triples: Graph) -> bytes:
    return "".join(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} .\n" for s, p, o in triples).encode("utf-8")


def _lines(ntriples: bytes) -> set[str]:
    r"""Return N-Triples as a set of lines, tabs escaped as Oxigraph writes them (rdflib leaves them raw).

    >>> sorted(_lines(b'<a:x> <a:p> "1\t2" .\n'))
    ['<a:x> <a:p> "1\\t2" .']
    """
    # split on newlines only: splitlines() would also cut at U+2028 inside a literal
    return set(ntriples.decode("utf-8").replace("\t", "\\t").split("\n")) - {""}


class OxigraphStore(Store):
    """An embedded Oxigraph store: on disk when given a directory, in memory otherwise."""

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._lock = threading.RLock()
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreLocked(
                    f"{self.path}: the store is open in another process (a running `cityties serve`?); "
                    "stop it, or upload documents through the service") from e
            raise StoreError(f"{self.path}: cannot open the store ({e})") from e
        self._publisher = None
        if self.path is not None and not read_only:  # readers in other processes open its snapshots
            from .snapshot import Publisher  # noqa: PLC0415 - snapshot imports this module
            self._publisher = Publisher(self).start()

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path) if self.path else ':memory:'})"

    # -- writes: each one SPARQL update, which Oxigraph applies in one transaction

    def _replace(self, graph_iri: str, triples: Graph) -> None:
        self._replace_many({graph_iri: triples})

    def _replace_many(self, graphs: Mapping[str, Graph | None]) -> None:
        with self._lock:
            ops = [op for graph_iri, triples in graphs.items() for op in self._replace_ops(graph_iri, triples)]
            try:
                if ops:  # none when every graph is as stored already
                    self._store.update(" ;\n".join(ops))
            except (OSError, SyntaxError) as e:
                raise StoreError(f"{', '.join(graphs)}: cannot write the graph ({e})") from e
            self.generation += 1
            self._written()

    def _replace_ops(self, graph_iri: str, triples: Graph | None) -> list[str]:
        """Return the update operations that make the stored graph ``triples``: only the triples
        that differ when that is less than a full rewrite (parsing the update is most of its cost)."""
        if triples is None:
            return [f"DROP SILENT GRAPH <{graph_iri}>"]
        new = _lines(_graph_to_ntriples(triples))
        stored = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
        old = _lines(stored or b"")
        gone, added = old - new, new - old
        if len(gone) + len(added) >= len(new) or any(" _:" in x or x.startswith("_:") for x in gone | added):
            body = "\n".join(sorted(new))  # blank nodes cannot be deleted by value: rewrite the graph
            return [f"DROP SILENT GRAPH <{graph_iri}>", f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}"]
        ops = [f"DELETE DATA {{ GRAPH <{graph_iri}> {{\n{chr(10).join(sorted(gone))}\n}} }}"] if gone else []
        return ops + ([f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{chr(10).join(sorted(added))}\n}} }}"] if added else [])

    def _drop(self, doc_iri: str) -> bool:
        with self._lock:
            node = ox.NamedNode(doc_iri)
            if not self._store.contains_named_graph(node):
                return False
            self._store.remove_graph(node)
            self.generation += 1
            self._written()
            return True

    def _written(self) -> None:
        if self._publisher is not None:  # readers in other processes see the write at once
            self._publisher.nudge()

    # -- reads

    def _query(self, sparql: str) -> Any:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as e:
            from .syntax import syntax_message  # noqa: PLC0415 - only on errors
            raise StoreError(syntax_message(str(e), sparql, PREFIXES)) from e
        except OSError as e:
            raise StoreError(f"query failed: {e}") from e

    def select(self, sparql: str) -> list[dict[str, Node]]:
        res = self._query(sparql)
        if not isinstance(res, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        names = [v.value for v in res.variables]
        out = []
        for sol in res:
            row = {}
            for name in names:
                term = sol[name]
                if term is not None:
                    row[name] = _to_rdflib(term)
            out.append(row)
        return out

    def ask(self, sparql: str) -> bool:
        res = self._query(sparql)
        if not isinstance(res, ox.QueryBoolean):
            raise StoreError("ask() needs an ASK query")
        return bool(res)

    def construct(self, sparql: str) -> Graph:
        res = self._query(sparql)
        if not isinstance(res, ox.QueryTriples):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        g = Graph()
        g.parse(data=ox.serialize(res, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
        return g

    def results(self, sparql: str, fmt: str) -> tuple[bytes, str]:
        res = self._query(sparql)
        if isinstance(res, ox.QueryTriples):
            media, rdf_format, _ = RDF_FORMATS.get(fmt, RDF_FORMATS["ttl"])
            return ox.serialize(res, format=rdf_format, prefixes=PREFIXES) or b"", media
        media, res_format = RESULT_FORMATS.get(fmt, RESULT_FORMATS["json"])
        return res.serialize(format=res_format) or b"", media

    def dump(self, fmt: str, graph_iri: str | None = None) -> bytes:
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        _, rdf_format, quads = RDF_FORMATS[fmt]
        if graph_iri is not None:
            node = ox.NamedNode(graph_iri)
            quads_ = self._store.quads_for_pattern(None, None, None, node)
            data = ox.serialize(quads_ if quads else (q.triple for q in quads_), format=rdf_format,
                                prefixes=_prefixes_for(rdf_format))
        elif quads:
            data = self._store.dump(format=rdf_format, prefixes=_prefixes_for(rdf_format))
        else:  # a triple format: the union of every graph
            union = self._query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            data = ox.serialize(union, format=rdf_format, prefixes=_prefixes_for(rdf_format))
        data = data or b""
        if fmt in ("nq", "nt"):
            # line order is not part of the data; sorting makes exports comparable byte for byte
            # split on newlines only: splitlines() would also cut at U+2028 inside a literal
            lines = sorted(set(data.decode("utf-8").split("\n")) - {""})
            data = ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
        return data

    def graph(self, graph_iri: str) -> Graph:
        g = Graph()  # terms converted one by one: twice as fast as rdflib parsing a dump
        g.addN((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object), g)
               for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))
        return g

    def sidecar(self, name: str) -> str | None:
        return None if self.path is None else f"{self.path}.{name}"

    def fingerprint(self) -> str:
        # the quad count and graph names, read from the storage without a query: cheap at open
        with self._lock:
            return _digest([str(len(self._store)), *sorted(g.value for g in self._store.named_graphs()
                                                           if isinstance(g, ox.NamedNode))])

    def close(self) -> None:
        if getattr(self, "_publisher", None) is not None:
            self._publisher.close()
            self._publisher = None
        if getattr(self, "_store", None) is not None:
            self._close_observers()  # outside self._lock: a write takes the write order first, then ours
        with self._lock:
            store = getattr(self, "_store", None)
            if store is not None:
                try:
                    store.flush()
                except (OSError, RuntimeError):  # pyoxigraph raises RuntimeError on a read-only store
                    pass  # a read-only store has nothing to flush
                self._store = None  # type: ignore[assignment]
                del store


def _prefixes_for(fmt: Any) -> Mapping[str, str] | None:
    return PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None


def open_store(location: str | os.PathLike | None, read_only: bool = False) -> Store:
    """Open the store at ``location``: a directory (created if missing), an ``http(s)://``
    SPARQL endpoint, or None for a fresh in-memory store. ``read_only`` opens a directory
    beside a process that writes it (see ``graph/snapshot.py``)."""
    if location is not None and str(location).startswith(("http://", "https://")):
        from .remote import RemoteStore  # noqa: PLC0415 - only when asked for
        return RemoteStore(str(location))
    if read_only and location is not None:
        from .snapshot import open_reader  # noqa: PLC0415 - snapshot imports this module
        return open_reader(location)
    return OxigraphStore(location, read_only=read_only)


def _example_graph() -> Graph:
    from .vocab import RDF, SKOS
    g = Graph()
    d = URIRef("https://example.org/doc/a")
    g.add((d, RDF.type, CT.Document))
    g.add((d, DCTERMS.identifier, Literal("a")))
    g.add((URIRef("https://example.org/id/cq"), SKOS.prefLabel, Literal("충칭", lang="ko")))
    return g
