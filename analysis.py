"""The notebook API: a :class:`CityGraph` over a store whose named queries return pandas DataFrames.

Every row that comes from a fact carries its evidence: the ``quote`` (the exact
source text), its ``start``/``end`` offsets and the source ``document``. Names
in Korean, English or Chinese are accepted wherever an entity is expected.

>>> import cityties
>>> g = cityties.open(":memory:")          # or a store directory, or an http(s) SPARQL endpoint
>>> int(g.stats()["documents"])
0
>>> g.search("충칭").empty
True
"""
from __future__ import annotations

import html
import json
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

import pandas as pd
from rdflib import Graph

from .errors import CitytiesError
from .frames import (
    CHANGE_COLUMNS, CURATION_COLUMNS, DOCUMENT_COLUMNS, ENCOUNTER_COLUMNS, EVIDENCE_COLUMNS, FACT_COLUMNS, MEETING_COLUMNS, MEMBER_COLUMNS,
    NEIGHBOUR_COLUMNS, PATH_COLUMNS, SEARCH_COLUMNS, TRIP_COLUMNS, _answer_frame, _changes_frame, _encounters_frame, _evidence,
    _facts_frame, _frame, _json_value, _py, _trip_frame, _trips_frame,
)
from .graph import queries
from .graph.export import export as _export, export_neighbourhood
from .graph import meetings as _meetings, trips as _trips
from .graph.network import neighbours as _neighbours, shortest_path, to_networkx as _to_networkx
from .graph.indexes import open_store
from .graph.store import PREFIXES, Store, StoreLocked
from .settings import Settings, load_settings

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from .ingest.batch import Report

MEMORY = ":memory:"

class EntityNotFound(CitytiesError, LookupError):
    """A name or IRI matches no entity in the store."""


class CityGraph:
    """A store of city-partnership facts, seen through named queries that return DataFrames.

    Make one with :func:`cityties.open`. "We" (``home``) is the configured home
    entity, else the body that wrote most documents, and everything within it.

    >>> g = open_graph(MEMORY)
    >>> list(g.documents().columns)
    ['id', 'title', 'date', 'source', 'home', 'sha256', 'iri']
    """

    def __init__(self, store: Store, settings: Settings | None = None, home: str | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._home = home or self.settings.home or None
        self._network: tuple[int, nx.MultiDiGraph] | None = None

    def __repr__(self) -> str:
        return f"CityGraph({self.store!r})"

    def __enter__(self) -> "CityGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (an on-disk store unlocks for other processes)."""
        self.store.close()

    # ------------------------------------------------------------ names

    def resolve(self, name_or_iri: str) -> str:
        """Return the IRI of an entity given by IRI or by name in any language.

        >>> open_graph(MEMORY).resolve("충칭")
        Traceback (most recent call last):
        ...
        cityties.analysis.EntityNotFound: no entity matches '충칭'; try g.search('충칭') for candidates
        """
        iri = queries.resolve_entity(self.store, name_or_iri)
        if iri is None:
            raise EntityNotFound(f"no entity matches {name_or_iri!r}; try g.search({name_or_iri!r}) for candidates")
        return iri

    def label(self, iri: str) -> str:
        """Return an entity's display label (Korean first), e.g. ``g.label(g.home)`` -> '고양시의회'."""
        return queries.display_labels(self.store, [iri]).get(iri, iri.rsplit("/", 1)[-1])

    @property
    def home(self) -> str | None:
        """The home entity's IRI ("we"): the configured one, else the author of most documents.

        Set it by name or IRI (``g.home = "고양시"``); None goes back to the default.
        """
        if self._home and not self._home.startswith(("http://", "https://")):
            self._home = self.resolve(self._home)  # a name given to open(): resolve it once
        return self._home or queries.default_home(self.store)

    @home.setter
    def home(self, name_or_iri: str | None) -> None:
        self._home = self.resolve(name_or_iri) if name_or_iri else None

    def _home_or(self, name: str | None) -> str:
        home = self.resolve(name) if name is not None else self.home
        if home is None:
            raise EntityNotFound("no home entity: no document in the store names one; pass a name, "
                                 "or set g.home = '<name>'")
        return home

    # ------------------------------------------------------------ named queries

    def search(self, q: str, limit: int = 20, types: Iterable[str] | None = None) -> pd.DataFrame:
        """Find entities whose labels, aliases or mentions contain ``q``, best first.

        Columns: label, type, matched, score, iri. ``types`` narrows to entity types.
        Example: ``g.search("충칭")`` or ``g.search("重庆", types=["City"])``.
        """
        hits = queries.search(self.store, q, limit=limit, types=tuple(types) if types else None)
        return _frame([{k: getattr(h, k) for k in SEARCH_COLUMNS} for h in hits], SEARCH_COLUMNS)

    def entity(self, name_or_iri: str) -> pd.DataFrame:
        """Return every fact about one entity, oldest first; the card is in ``.attrs``.

        Columns: FACT_COLUMNS (``direction`` is "out" when the entity is the subject).
        ``.attrs`` holds iri, type, label, labels, aliases, same_as and within.
        Example: ``g.entity("Chongqing").attrs["labels"]`` -> ``{'en': ['Chongqing'], 'ko': ['충칭'], ...}``.
        """
        card = queries.entity(self.store, self.resolve(name_or_iri))
        assert card is not None  # resolve() only returns IRIs the store knows
        df = _facts_frame(card.facts)
        df.attrs.update(iri=card.iri, type=card.type, label=card.label, labels=card.labels,
                        aliases=card.aliases, same_as=card.same_as, within=card.within)
        return df

    def meetings(self, place: str | None = None, home: str | None = None, limit: int = 10000) -> pd.DataFrame:
        """Return whom the home side met (in ``place``, when given), oldest first, with quotes.

        A meeting is in ``place`` when it took place there or the counterpart is
        located there (transitively: a district's officials count for its city).
        Columns: MEETING_COLUMNS; ``posts`` lists the counterpart's titles.
        Example: ``g.meetings("충칭")`` or ``g.meetings("Chongqing", home="고양시")``.
        """
        rows = _meetings.meetings(self.store, self._home_or(home), self.resolve(place) if place else None,
                                  limit=limit)
        return _frame([{
            "date": m.date, "who_label": m.who_label, "counterpart_label": m.counterpart_label,
            "counterpart_type": m.counterpart_type, "posts": "; ".join(m.posts), "place_label": m.place_label,
            **_evidence(m.evidence), "who": m.who, "counterpart": m.counterpart, "place": m.place,
        } for m in rows], MEETING_COLUMNS)

    def met(self, place: str | None = None, home: str | None = None, limit: int = 10000) -> pd.DataFrame:
        """Return whom the home side met or whose institution it visited (in ``place``): one row per
        counterpart and day, grouped by trip (newest first), as ``cityties ask`` answers.

        Columns: ENCOUNTER_COLUMNS; ``how`` is met and/or visited, ``present`` the persons of a body
        met that day, ``written`` the report's own spelling, the evidence the first quote.
        Example: ``g.met("충칭")``.
        """
        return _encounters_frame(_meetings.encounters(self.store, self._home_or(home),
                                                      self.resolve(place) if place else None, limit=limit))

    def trips(self, place: str | None = None, year: str | int | None = None, member: str | None = None,
              home: str | None = None, limit: int = 1000) -> pd.DataFrame:
        """Return the home side's trips, newest first: to ``place``, in ``year``, with ``member``.

        Columns: TRIP_COLUMNS (``destinations`` in order, ``members`` and ``facts`` counted).
        Example: ``g.trips("충칭")`` or ``g.trips(year=2019)``; ``g.trip(g.trips().id[0])`` for one.
        """
        rows = _trips.trips(self.store, self._home_or(home), self.resolve(place) if place else None,
                            year=str(year) if year else None, member=self.resolve(member) if member else None,
                            limit=limit)
        return _trips_frame(rows)

    def trip(self, trip_id: str) -> pd.DataFrame:
        """Return one trip's facts (visits, meetings, attendances, agreements) in order, with quotes;
        ``.attrs`` holds its label, dates, destinations and ``members`` (a DataFrame: MEMBER_COLUMNS).
        """
        t = _trips.trip(self.store, trip_id)
        if t is None:
            raise EntityNotFound(f"no trip has the id {trip_id!r}; g.trips() lists them")
        return _trip_frame(t)

    def ask(self, question: str) -> pd.DataFrame:
        """Answer a question as ``cityties ask`` and ``/ask`` do; one row per answer row.

        Columns: group, text, date, quote, document; ``.attrs`` holds intent, understood, message
        and suggestions. Example: ``g.ask("충칭에서 누구를 만났나")``.
        """
        from .graph.questions import answer

        return _answer_frame(answer(self.store, question, self.settings))

    def briefing(self, name: str, fmt: str = "md", home: str | None = None) -> str | bytes:
        """Return the briefing on a place or partner as Markdown (``fmt="docx"``: DOCX bytes).

        Example: ``from IPython.display import Markdown; Markdown(g.briefing("충칭"))``.
        """
        from .graph.briefdoc import to_docx, to_markdown
        from .graph.briefing import briefing

        b = briefing(self.store, self.resolve(name), self._home_or(home))
        assert b is not None  # resolve() only returns IRIs the store knows
        return to_docx(b) if fmt == "docx" else to_markdown(b)

    def agreements(self, name: str | None = None, status: str | None = None, limit: int = 10000) -> pd.DataFrame:
        """Return the agreements of ``name`` (default: home) and everything within it, oldest first.

        ``status`` keeps one of signed, proposed, planned. Columns: FACT_COLUMNS.
        Example: ``g.agreements("고양시", status="proposed")`` lists the proposals still open.
        """
        return _facts_frame(queries.agreements(self.store, self._home_or(name), limit=limit, status=status))

    def timeline(self, name: str | None = None, types: Iterable[str] = ("visited", "met", "attended", "agreement"),
                 limit: int = 10000) -> pd.DataFrame:
        """Return the dated activity of ``name`` (default: home) and everything within it, oldest first.

        Columns: FACT_COLUMNS. Example: ``g.timeline()`` or ``g.timeline("고양시의회", types=["visited"])``.
        """
        return _facts_frame(queries.timeline(self.store, self._home_or(name), limit=limit, types=tuple(types)))

    def neighbours(self, name: str, depth: int = 1, max_nodes: int = 500) -> pd.DataFrame:
        """Return the facts within ``depth`` hops of an entity; ``hops`` says how far each one lies.

        Columns: ``hops`` then FACT_COLUMNS. Example: ``g.neighbours("충칭", depth=2)``.
        """
        import networkx as nx

        iri = self.resolve(name)
        sub = _neighbours(self.store, iri, depth=depth, max_nodes=max_nodes)
        dist = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), iri)
        facts = self._facts([key for _, _, key in sub.edges(keys=True)])
        df = _facts_frame(facts)
        df.insert(0, "hops", [max(dist.get(s, 0), dist.get(o, 0)) for s, o in zip(df["subject"], df["object"])])
        return df.sort_values(["hops", "date", "start"], na_position="last", kind="stable").reset_index(drop=True)

    def path(self, a: str, b: str) -> pd.DataFrame:
        """Return the shortest chain of facts linking two entities, ignoring direction; empty when none.

        One row per step; ``reversed`` is True when the fact points from ``to`` to ``from``;
        "within" steps (containment) carry no quote. Example: ``g.path("고양시의회", "重庆")``.
        """
        ia, ib = self.resolve(a), self.resolve(b)
        g = self._cached_network()
        steps = [(u, v, attrs) for u, v, attrs in shortest_path(g, ia, ib) if v is not None]
        return _frame([{
            "step": i, "from_label": g.nodes[u].get("label", u), "type": attrs.get("type"),
            "to_label": g.nodes[v].get("label", v), "reversed": bool(attrs.get("reversed")),
            "date": attrs.get("date"), "quote": attrs.get("quote"), "document": attrs.get("document"),
            "from": u, "to": v,
        } for i, (u, v, attrs) in enumerate(steps, 1)], PATH_COLUMNS)

    def documents(self) -> pd.DataFrame:
        """Return the ingested documents. Columns: id, title, date, source, home, sha256, iri."""
        return _frame([{k: getattr(d, k) for k in DOCUMENT_COLUMNS} for d in self.store.documents()],
                      DOCUMENT_COLUMNS)

    def stats(self) -> pd.Series:
        """Count documents, entities and facts (also per type, as ``entities.City``, ``facts.met``)."""
        return pd.Series(queries.stats(self.store), name="count", dtype="int64")

    # ------------------------------------------------------------ the graph in other tools

    def to_networkx(self) -> nx.MultiDiGraph:
        """Return the whole graph as a networkx MultiDiGraph: entities as nodes, facts as edges.

        Node attributes: type, label, label_ko/zh/en. Edge attributes: type, date, kind, status,
        title, place, quote, document (``type == "within"`` for containment).
        Example: ``nx.degree_centrality(g.to_networkx().to_undirected())``.
        """
        return _to_networkx(self.store)

    def to_rdflib(self) -> Dataset:
        """Return an in-memory rdflib Dataset copy of every named graph, for your own SPARQL.

        The default graph is the union of the named graphs and the usual prefixes
        (ct, schema, skos, prov, oa, ...) are bound. Fine for a corpus; for large
        stores use :meth:`sparql`, which runs on the store's own engine.
        Example: ``g.to_rdflib().query("SELECT (COUNT(*) AS ?n) WHERE { ?f a ct:Fact }")``.
        """
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        with warnings.catch_warnings():  # rdflib's own N-Quads parser uses its deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(data=self.store.dump("nq").decode("utf-8"), format="nquads")
        return ds

    def sparql(self, query: str) -> pd.DataFrame | bool:
        """Run a SPARQL query on the store; return a DataFrame (ASK returns a bool).

        SELECT gives one column per variable: IRIs and text as str, numbers and
        booleans as Python values, unbound as None. CONSTRUCT and DESCRIBE give
        subject, predicate, object. The default graph is the union of all named
        graphs; the prefixes ct, schema, skos, prov, oa, owl, dcterms, rdf and xsd
        are predeclared. Example:
        ``g.sparql("SELECT ?t (COUNT(?f) AS ?n) WHERE { ?f ct:factType ?t } GROUP BY ?t")``.
        """
        data, media = self.store.results(query, "json")
        if media == "application/sparql-results+json":
            res = json.loads(data or b"{}")
            if "boolean" in res:
                return bool(res["boolean"])
            names = res.get("head", {}).get("vars", [])
            return _frame([{k: _json_value(b.get(k)) for k in names} for b in res["results"]["bindings"]], names)
        g = Graph()
        g.parse(data=data.decode("utf-8"), format="turtle")
        return _frame([{"subject": _py(s), "predicate": _py(p), "object": _py(o)} for s, p, o in sorted(g)],
                      ("subject", "predicate", "object"))

    def export(self, fmt: str, path: str | os.PathLike, focus: str | None = None, depth: int = 1) -> Path:
        """Write the graph (or ``focus``'s neighbourhood) to ``path``; return the path.

        Formats: ttl, trig, nq, jsonld (RDF), graphml (Gephi), csv (facts), csv-entities.
        Example: ``g.export("graphml", "cityties.graphml")``.
        """
        out = Path(path)
        out.write_bytes(export_neighbourhood(self.store, self.resolve(focus), fmt, depth=depth) if focus
                        else _export(self.store, fmt))
        return out

    def show(self, focus: str | None = None, depth: int = 2, height: int = 700) -> Any:
        """Render the interactive network view inline in Jupyter; works offline.

        The page (vis-network inlined) sits in a sandboxed iframe, so labels and
        quotes from documents cannot script the notebook. Example: ``g.show("충칭", depth=2)``.
        """
        from IPython.display import HTML

        from .api.view import render_view

        page = render_view(self.store, self.settings, focus=self.resolve(focus) if focus else None, depth=depth)
        # wrapped in a div: IPython warns about HTML that starts with an iframe
        return HTML(f'<div class="cityties-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
                    f'sandbox="allow-scripts" style="width:100%;height:{int(height)}px;border:1px solid #ddd">'
                    '</iframe></div>')

    def ingest(self, paths: str | os.PathLike | Iterable[str | os.PathLike], force: bool = False,
               progress: bool = True) -> Report:
        """Ingest files and folders into this graph's store; see :func:`ingest`.

        Example: ``g.ingest("data/corpus").summary()``.
        """
        return ingest(paths, self, force=force, progress=progress)

    # ------------------------------------------------------------ curation

    def curate(self, op: str, target: str = "", value: str = "", *, why: str = "", who: str | None = None,
               dry_run: bool = False, **fields: Any) -> pd.DataFrame:
        """Correct the graph; the correction is kept apart from extraction and outlives re-ingest.

        ``op`` is one of ``merge``, ``split``, ``rename``, ``retype``, ``set_within``, ``set_qid``,
        ``add_alias``, ``remove_alias``, ``reject``, ``confirm``, ``set_date``, ``set_place``,
        ``set_kind``, ``set_status``, ``add_fact``, ``set_home``, ``set_title`` (see
        ``cityties.graph.proposal.Proposal`` for the fields each takes). Returns what changed,
        one row per triple removed (``-``) or added (``+``); ``dry_run`` only says so.
        Example: ``g.curate("set_date", fact_iri, "2019-12-23", why="the itinerary says so")``.
        """
        from .graph.curator import record
        from .graph.proposal import Proposal
        outcome = record(self.store, Proposal(op, target, value, who=who or self._curator(), why=why,
                                              **{k: (tuple(v) if k == "names" else v) for k, v in fields.items()}),
                         dry_run=dry_run)
        df = _changes_frame(outcome.changes)
        df.attrs.update(seq=outcome.curation.seq, label=outcome.curation.label, written=outcome.written)
        return df

    def merge(self, name: str, into: str, *, why: str = "", who: str | None = None) -> pd.DataFrame:
        """Merge entity ``name`` into ``into``: the survivor keeps every name, the other's IRI redirects.

        Example: ``g.merge("충청임시정부", "대한민국임시정부", why="the same body")``.
        """
        return self.curate("merge", name, into, why=why, who=who)

    def reject(self, fact: str, *, why: str = "", who: str | None = None) -> pd.DataFrame:
        """Reject a fact (its IRI, as in the ``fact`` column): kept, deprecated, hidden from answers.

        Example: ``g.reject(g.entity("광복군사령부")["fact"][0], why="a memorial, not a visit")``.
        """
        return self.curate("reject", fact, why=why, who=who)

    def undo(self, number: int, *, why: str = "", who: str | None = None) -> pd.DataFrame:
        """Take curation ``number`` (the ``seq`` of :meth:`curations`) back; return what changed."""
        from .graph.curator import undo
        return _changes_frame(undo(self.store, number, who or self._curator(), why).changes)

    def curations(self) -> pd.DataFrame:
        """Return every curation, oldest first: seq, when, who, what, why, state (applied, orphaned
        or undone), documents it applies to, the reason when orphaned, op, target and id."""
        from .graph.curator import history
        return _frame([{
            "seq": s.curation.seq, "when": s.curation.when, "who": s.curation.who, "what": s.curation.label,
            "why": s.curation.why, "state": s.state, "documents": s.documents, "reason": s.reason,
            "op": s.curation.op, "target": s.curation.target, "replaced": "; ".join(s.curation.replaced),
            "id": s.curation.id,
        } for s in history(self.store)], CURATION_COLUMNS)

    def _curator(self) -> str:
        import getpass
        try:
            return self.settings.curator or getpass.getuser()
        except (KeyError, OSError):
            return "unknown"

    # ------------------------------------------------------------ helpers

    def _cached_network(self) -> nx.MultiDiGraph:
        # path() on a large store should not rebuild the whole network on every call
        gen = self.store.generation
        if self._network is None or self._network[0] != gen:
            self._network = (gen, _to_networkx(self.store))
        return self._network[1]

    def _facts(self, iris: list[str]) -> list[queries.FactRow]:
        return queries.facts_by_iri(self.store, iris)


# ---------------------------------------------------------------- entry points

def open_graph(path_or_endpoint: str | os.PathLike | None = None, *, home: str | None = None,
               read_only: bool = False) -> CityGraph:
    """Open a store as a :class:`CityGraph` (what :func:`cityties.open` does).

    ``path_or_endpoint``: a store directory (created if missing), an ``http(s)://``
    SPARQL endpoint, ``":memory:"`` for a fresh in-memory store, or None for the
    configured store (``CITYTIES_STORE``, else the per-user data directory, as the CLI).
    ``read_only`` opens a directory another process (``cityties serve``) holds.
    """
    settings = load_settings({"store": str(path_or_endpoint)} if path_or_endpoint is not None else None)
    try:
        store = open_store(None if settings.store == MEMORY else settings.store, read_only=read_only)
    except StoreLocked as e:
        raise StoreLocked(f"{e}; or open it read-only: cityties.open({settings.store!r}, read_only=True)") from e
    return CityGraph(store, settings, home=home)


def _file_extractor(data_dir: str | None) -> Callable[[Path, str, str], Any]:
    """Return ``extract_file(path, document_id, sha256, home)`` with the extraction resources loaded once."""
    from .ingest.pipeline import extract_file, load_resources

    resources = load_resources(data_dir or None)
    return lambda path, doc_id, digest, home=None: extract_file(path, doc_id, resources, digest, home)


def ingest(paths: str | os.PathLike | Iterable[str | os.PathLike], store: CityGraph | Store | str | os.PathLike | None = None,
           *, force: bool = False, progress: bool = True) -> Report:
    """Ingest files and folders into a store, with a progress bar (a widget in Jupyter).

    ``store`` is a :class:`CityGraph`, a ``Store``, a store directory or endpoint, or
    None for the configured store. Unchanged files are skipped unless ``force``.
    A file that fails is listed in the report's ``failures``; the others go in.
    Example: ``cityties.ingest("data/corpus", store="my-store").summary()``.
    """
    from tqdm import TqdmWarning
    with warnings.catch_warnings():
        # without ipywidgets tqdm.auto falls back to a text bar, which Jupyter shows fine;
        # its warning about the missing widget would look like a failure to an analyst
        warnings.simplefilter("ignore", TqdmWarning)
        from tqdm.auto import tqdm

    from .ingest.batch import Report, discover, ingest_sources
    from .ingest.load import SUPPORTED_SUFFIXES

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    sources = discover(list(paths), SUPPORTED_SUFFIXES)
    graph = store if isinstance(store, CityGraph) else None
    own = graph is None and not isinstance(store, Store)
    settings = graph.settings if graph else load_settings()
    target = graph.store if graph else store if isinstance(store, Store) else open_graph(store).store
    report = Report()
    try:
        extract_file = _file_extractor(settings.data_dir)
        with tqdm(total=len(sources), unit="doc", disable=not progress) as bar:
            for src, report in ingest_sources(sources, target, extract_file, force=force):
                bar.set_postfix_str(src.path.name[:30], refresh=False)
                bar.update(1)
    finally:
        if own:
            target.close()
    return report


__all__ = ["CityGraph", "EntityNotFound", "open_graph", "ingest", "SEARCH_COLUMNS", "FACT_COLUMNS",
           "MEETING_COLUMNS", "NEIGHBOUR_COLUMNS", "PATH_COLUMNS", "DOCUMENT_COLUMNS", "ENCOUNTER_COLUMNS",
           "TRIP_COLUMNS", "MEMBER_COLUMNS", "EVIDENCE_COLUMNS", "CURATION_COLUMNS", "CHANGE_COLUMNS"]
