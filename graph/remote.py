"""A ``Store`` over a remote SPARQL 1.1 endpoint: Query, Update and the Graph Store HTTP Protocol.

Give the query endpoint's URL; the update and Graph Store URLs follow the engine's
documented defaults (see ``ENGINES``) and can be given explicitly. Queries run
without FROM, so the engine must treat the union of its named graphs as the
default graph (Virtuoso does; Fuseki needs ``tdb2:unionDefaultGraph true``; see
docs/remote-stores.md).

>>> default_urls("http://127.0.0.1:8890/sparql")
('virtuoso', 'http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-graph-crud')
>>> default_urls("http://localhost:3030/cities/query")[1:]
('http://localhost:3030/cities/update', 'http://localhost:3030/cities/data')
>>> default_urls("https://db.example.org/sparql")
('generic', 'https://db.example.org/sparql', None)
>>> default_urls("http://127.0.0.1:41234/sparql", engine="virtuoso")[2]
'http://127.0.0.1:41234/sparql-graph-crud'
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit, urlunsplit

import httpx
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from .store import PREFIXES, RDF_FORMATS, RESULT_FORMATS, Store, StoreError
from .vocab import BASE

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NT = "application/n-triples"
# INSERT DATA statements are compiled whole by some engines (Virtuoso's SQL compiler
# gives up on very large ones), so a replace sends several small ones in one request.
INSERT_CHUNK = 2000

# engine: (how to recognise its query URL, (query path suffix, update suffix, GSP suffix)),
# tried in this order; an unrecognised URL is a generic endpoint: updates on the same URL, no GSP
ENGINES: dict[str, tuple[re.Pattern[str], tuple[str, str, str]]] = {
    "neptune": (re.compile(r"neptune\.amazonaws\.com"), ("/sparql", "/sparql", "/sparql/gsp/")),
    "graphdb": (re.compile(r"/repositories/[^/]+/?$"), ("", "/statements", "/rdf-graphs/service")),
    "qlever": (re.compile(r":7001(/|$)|qlever"), ("", "", "")),  # read-only here: no update, no GSP
    "fuseki": (re.compile(r":3030/|/[^/]+/(query|update)$"), ("/query", "/update", "/data")),
    "virtuoso": (re.compile(r":8890/|/sparql-auth/?$"), ("/sparql", "/sparql", "/sparql-graph-crud")),
}


def default_urls(query_url: str, engine: str | None = None) -> tuple[str, str | None, str | None]:
    """Return (engine, update URL, Graph Store URL) derived from a query endpoint URL."""
    if engine is None:
        engine = next((name for name, (pattern, _) in ENGINES.items() if pattern.search(query_url)),
                      "generic")
    if engine == "qlever":
        return engine, None, None
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")
    if engine == "virtuoso" and path.endswith("/sparql-auth"):
        # the authenticated endpoints come in pairs: /sparql-auth and /sparql-graph-crud-auth
        base = path[: -len("/sparql-auth")]
        return engine, query_url, urlunsplit(parts._replace(path=base + "/sparql-graph-crud-auth"))
    if engine not in ENGINES:  # a generic SPARQL 1.1 endpoint: update on the same URL, no GSP
        return engine, query_url, None
    query_sfx, update_sfx, gsp_sfx = ENGINES[engine][1]
    if engine == "fuseki" and path.endswith("/sparql"):
        query_sfx = "/sparql"
    base = path[: len(path) - len(query_sfx)] if query_sfx and path.endswith(query_sfx) else path
    return (engine, urlunsplit(parts._replace(path=base + update_sfx)),
            urlunsplit(parts._replace(path=base + gsp_sfx)))


class ChallengeAuth(httpx.Auth):
    """Answer whichever challenge the server sends, Digest (Virtuoso's /sparql-auth) or Basic,
    and answer that scheme up front from then on."""

    def __init__(self, user: str, password: str) -> None:
        self._schemes = {"digest": httpx.DigestAuth(user, password), "basic": httpx.BasicAuth(user, password)}
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request):  # type: ignore[override]
        if self._scheme is not None:
            yield from self._schemes[self._scheme].auth_flow(request)
            return
        response = yield request
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        if response.status_code != 401 or scheme not in self._schemes:
            return
        self._scheme = scheme
        flow = self._schemes[scheme].auth_flow(request)
        next(flow)  # the request as the scheme would first send it; answer the challenge instead
        if scheme == "digest":
            yield flow.send(response)
        else:
            yield from self._schemes["basic"].auth_flow(request)


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)


def query_form(sparql: str) -> str:
    """Return the query's form: SELECT, ASK, CONSTRUCT or DESCRIBE.

    >>> query_form("PREFIX a: <http://x/select#> # ASK me\\n construct { ?s ?p ?o } where { ?s ?p ?o }")
    'CONSTRUCT'
    """
    prologue_free = re.sub(r"<[^>\s]*>", "<>", re.sub(r"(?m)#[^\n<>\"']*$", "", sparql))
    m = _FORM.search(prologue_free)
    if m is None:
        raise StoreError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return m.group(1).upper()


def with_prefixes(sparql: str) -> str:
    """Declare the project's prefixes (``ct:``, ``skos:``...) that the query uses but does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    missing = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()
               if p not in declared and f"{p}:" in sparql]
    return "\n".join([*missing, sparql]) if missing else sparql


def term_from_json(value: dict[str, Any]) -> Node:
    """Return the rdflib term of one SPARQL JSON results binding.

    >>> term_from_json({"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "3"})
    rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):  # "typed-literal" is SPARQL 1.0 JSON, still sent by Virtuoso
        lang = value.get("xml:lang") or value.get("lang")
        if lang:
            return Literal(value["value"], lang=lang)
        dt = value.get("datatype")
        if dt and dt != XSD_STRING:  # plain and xsd:string are one thing in RDF 1.1
            return Literal(value["value"], datatype=URIRef(dt))
        return Literal(value["value"])
    raise StoreError(f"unsupported term in SPARQL results: {value!r}")


def _normalize_strings(g: Graph) -> Graph:
    """Drop explicit xsd:string datatypes so terms compare equal to the embedded store's."""
    odd = [(s, p, o) for s, p, o in g if isinstance(o, Literal) and str(o.datatype or "") == XSD_STRING]
    for s, p, o in odd:
        g.remove((s, p, o))
        g.add((s, p, Literal(str(o))))
    return g


class RemoteStore(Store):
    """A store on a SPARQL 1.1 server; graphs named under ``graph_prefix`` are the dataset."""

    shared = True

    def __init__(self, query_url: str, *, update_url: str | None = None, gsp_url: str | None = None,
                 engine: str | None = None, auth: httpx.Auth | tuple[str, str] | None = None,
                 timeout: float = 120.0, replace: str | None = None,
                 graph_prefix: str = BASE) -> None:
        parts = urlsplit(query_url)
        if parts.username and auth is None:  # http://user:password@host/sparql
            auth = (parts.username, parts.password or "")
            query_url = urlunsplit(parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")))
        self.engine, default_update, default_gsp = default_urls(query_url, engine)
        self.query_url = query_url
        self.update_url = update_url or default_update
        self.gsp_url = gsp_url or default_gsp
        # replace a graph with a Graph Store PUT (one request, any size) unless told otherwise
        self.replace_mode = replace or ("gsp" if self.gsp_url else "update")
        if self.replace_mode not in ("gsp", "update"):
            raise StoreError(f"replace={replace!r}: use 'gsp' or 'update'")
        self.graph_prefix = graph_prefix
        if isinstance(auth, tuple):
            auth = ChallengeAuth(*auth)
        self._client = httpx.Client(auth=auth, timeout=timeout, follow_redirects=True)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, engine={self.engine!r})"

    # -- HTTP

    def _send(self, method: str, url: str, what: str, **kw: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kw)
        except httpx.HTTPError as e:
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({e}); is the server running?") from e
        if response.status_code >= 400 and not (method in ("GET", "DELETE") and response.status_code == 404):
            hint = ""
            if response.status_code in (401, 403):
                hint = (" — the endpoint refuses writes: give credentials (auth=..., or user:password@ "
                        "in the URL)" + (", or GRANT SPARQL_UPDATE TO \"SPARQL\" in Virtuoso"
                                         if self.engine == "virtuoso" else ""))
            body = " ".join(response.text.split())[:400]
            raise StoreError(f"{url}: {what} failed with HTTP {response.status_code}{hint}: {body}")
        return response

    def _query(self, sparql: str, accept: str) -> httpx.Response:
        return self._send("POST", self.query_url, "query", data={"query": with_prefixes(sparql)},
                          headers={"Accept": accept})

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request (one request; the engine applies it as a whole)."""
        if not self.update_url:
            raise StoreError(f"{self.query_url}: this {self.engine} endpoint takes no updates (read-only)")
        self._send("POST", self.update_url, "update", data={"update": with_prefixes(sparql)})
        self.generation += 1

    def _solutions(self, sparql: str) -> tuple[list[str], list[dict[str, Node]], bool | None]:
        response = self._query(sparql, RESULT_FORMATS["json"][0])
        try:
            data = response.json()
        except json.JSONDecodeError as e:
            raise StoreError(f"{self.query_url}: the answer is not SPARQL JSON results ({e})") from e
        if "boolean" in data:
            return [], [], bool(data["boolean"])
        names = data.get("head", {}).get("vars", [])
        bindings = data.get("results", {}).get("bindings", [])
        if names == ["__ASK_RETVAL"]:  # Virtuoso answers ASK as a one-row table, or an empty one
            return [], [], bool(bindings) and str(bindings[0]["__ASK_RETVAL"]["value"]) not in ("0", "false")
        rows = [{k: term_from_json(v) for k, v in b.items()} for b in bindings]
        return names, rows, None

    # -- writes

    def _replace(self, graph_iri: str, triples: Graph) -> None:
        # control characters escaped: rdflib writes them raw, and Virtuoso then takes the body for text/plain
        text = triples.serialize(format="nt", encoding="utf-8").decode("utf-8").translate(_CONTROL_ESCAPES)
        data = text.encode("utf-8")
        if self.replace_mode == "gsp":
            # N-Triples is Turtle; every engine's GSP takes text/turtle
            self._send("PUT", self.gsp_url, f"replace graph <{graph_iri}>", params={"graph": graph_iri},
                       content=data, headers={"Content-Type": "text/turtle; charset=utf-8"})
            self.generation += 1
            return
        self.update(" ;\n".join(_replace_ops(graph_iri, text)))

    def _replace_many(self, graphs: Mapping[str, Graph | None]) -> None:
        # one update request, which the engine applies as a whole (a Graph Store PUT per graph would not)
        ops = []
        for graph_iri, triples in graphs.items():
            if triples is None:
                ops.append(f"DROP SILENT GRAPH <{graph_iri}>")
            else:
                text = triples.serialize(format="nt", encoding="utf-8").decode("utf-8").translate(_CONTROL_ESCAPES)
                ops.extend(_replace_ops(graph_iri, text))
        self.update(" ;\n".join(ops))

    def _drop(self, doc_iri: str) -> bool:
        if not self.ask(f"ASK {{ GRAPH <{doc_iri}> {{ ?s ?p ?o }} }}"):
            return False
        self.update(f"DROP SILENT GRAPH <{doc_iri}>")
        return True

    # -- reads

    def select(self, sparql: str) -> list[dict[str, Node]]:
        if query_form(sparql) != "SELECT":
            raise StoreError("select() needs a SELECT query")
        return self._solutions(sparql)[1]

    def ask(self, sparql: str) -> bool:
        if query_form(sparql) != "ASK":
            raise StoreError("ask() needs an ASK query")
        return bool(self._solutions(sparql)[2])

    def construct(self, sparql: str) -> Graph:
        if query_form(sparql) not in ("CONSTRUCT", "DESCRIBE"):
            raise StoreError("construct() needs a CONSTRUCT or DESCRIBE query")
        response = self._query(sparql, f"{_NT}, text/turtle;q=0.9")
        return self._parse(response, f"{self.query_url} (CONSTRUCT)")

    def _parse(self, response: httpx.Response, source: str) -> Graph:
        media = response.headers.get("content-type", _NT).split(";")[0].strip() or _NT
        if media == "text/plain":  # N-Triples' old media type
            media = _NT
        g = Graph()
        try:
            g.parse(data=response.content, format=media)
        except Exception as e:  # rdflib raises parser-specific errors
            raise StoreError(f"{source}: cannot parse the {media} answer ({e})") from e
        return _normalize_strings(g)

    def results(self, sparql: str, fmt: str) -> tuple[bytes, str]:
        # serialized here, not passed through: engines differ (Virtuoso answers ASK as a table)
        form = query_form(sparql)
        if form in ("CONSTRUCT", "DESCRIBE"):
            media = RDF_FORMATS.get(fmt, RDF_FORMATS["ttl"])[0]
            return _serialize_graph(self.construct(sparql), fmt if fmt in RDF_FORMATS else "ttl"), media
        media = RESULT_FORMATS.get(fmt, RESULT_FORMATS["json"])[0]
        names, rows, boolean = self._solutions(sparql)
        if fmt == "tsv":
            return _tsv(names, rows, boolean), media
        result = Result("ASK" if boolean is not None else "SELECT")
        if boolean is not None:
            result.askAnswer = boolean
        else:
            result.vars = [_var(n) for n in names]
            result.bindings = [{_var(k): v for k, v in row.items()} for row in rows]
        return result.serialize(format=fmt if fmt in RESULT_FORMATS else "json") or b"", media

    def graph_iris(self) -> list[str]:
        """Return the named graphs of the dataset (those under ``graph_prefix``), sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "
                           f'"{self.graph_prefix}")) }}')
        return sorted(str(r["g"]) for r in rows)

    def graph(self, graph_iri: str) -> Graph:
        if not self.gsp_url:
            return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
        response = self._send("GET", self.gsp_url, f"read graph <{graph_iri}>", params={"graph": graph_iri},
                              headers={"Accept": f"{_NT}, text/turtle;q=0.9"})
        if response.status_code == 404:
            return Graph()
        return self._parse(response, f"{self.gsp_url} graph <{graph_iri}>")

    def dump(self, fmt: str, graph_iri: str | None = None) -> bytes:
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        iris = [graph_iri] if graph_iri is not None else self.graph_iris()
        if not RDF_FORMATS[fmt][2]:  # a triple format: the union of the graphs
            union = Graph()
            for iri in iris:
                union += self.graph(iri)
            return _serialize_graph(union, fmt)
        ds = Dataset()
        for iri in iris:
            named = ds.graph(URIRef(iri))
            for triple in self.graph(iri):
                named.add(triple)
        return _serialize_graph(ds, fmt)

    def close(self) -> None:
        self._close_observers()
        self._client.close()


def _replace_ops(graph_iri: str, text: str) -> list[str]:
    """Return the update operations that replace a graph with these N-Triples."""
    lines = [ln for ln in text.split("\n") if ln.strip()]  # not splitlines(): U+2028 may sit in a literal
    ops = [f"DROP SILENT GRAPH <{graph_iri}>"]
    for i in range(0, len(lines), INSERT_CHUNK):
        body = "\n".join(lines[i:i + INSERT_CHUNK])
        ops.append(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}")
    return ops


def _var(name: str) -> Variable:
    return Variable(name)


def _tsv(names: list[str], rows: Iterable[dict[str, Node]], boolean: bool | None) -> bytes:
    """Write SPARQL 1.1 TSV results (terms in N-Triples syntax); rdflib has no TSV writer."""
    if boolean is not None:
        return b"true\n" if boolean else b"false\n"
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in rows:
        lines.append("\t".join(row[n].n3() if n in row else "" for n in names))
    return ("\n".join(lines) + "\n").encode("utf-8")


_CONTROL_ESCAPES = {0x09: "\\t", 0x08: "\\b", 0x0C: "\\f",
                    **{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in (0x08, 0x09, 0x0A, 0x0C, 0x0D)}}


def _serialize_graph(g: Graph, fmt: str) -> bytes:
    """Serialize like the embedded store: prefixes in Turtle/TriG, sorted lines in N-Triples/N-Quads."""
    name = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}[fmt]
    if fmt in ("ttl", "trig"):
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri, override=True, replace=True)
    data = g.serialize(format=name, encoding="utf-8")
    if fmt in ("nq", "nt"):
        # escape control characters as Oxigraph does (rdflib writes them raw), so that exports
        # of the same data are byte for byte the same from either store
        text = data.decode("utf-8").translate(_CONTROL_ESCAPES)
        lines = sorted(set(text.split("\n")) - {""})  # not splitlines(): U+2028 may sit in a literal
        data = ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
    return data


__all__ = ["RemoteStore", "ChallengeAuth", "ENGINES", "default_urls", "query_form", "with_prefixes",
           "term_from_json"]
