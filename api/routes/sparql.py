"""The read-only SPARQL 1.1 Protocol endpoint at ``/sparql``.

Every query is tokenized (strings, IRIs and comments skipped) before it runs:
update operations and SERVICE are refused with 403, and the outermost LIMIT is
capped at ``sparql_max_results``. Queries run in the query worker processes of
``graph/sandbox.py``: one past ``sparql_timeout_s`` is stopped (its worker is
killed and replaced), and the schedule shares the workers fairly between
clients; a refused or stopped query gets 429 or 503 with ``Retry-After``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from ...graph.sandbox import QueryFailed, Sandbox
from ...graph.store import PREFIXES
from ...graph.syntax import syntax_problem
from ...settings import Settings
from ..deps import ApiError, SandboxDep, SettingsDep, client_key
from ..schemas import ErrorOut

router = APIRouter(tags=["sparql"])

_TOKEN = re.compile(r"""
    (?P<skip>\s+|\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[^\W\d]\w*(?:[.\-]\w+)*)?:(?:[\w\-.:%\u00b7]|\\[_~.\-!$&'()*+,;=/?\#@%])*|_:[\w\-.]+)
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

RESULT_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/ld+json": "jsonld",
    "application/json": "jsonld", "application/n-triples": "nt", "text/plain": "nt",
}


@dataclass(frozen=True, slots=True)
class Checked:
    """A query that passed the read-only check: its form and its text with the LIMIT capped."""

    form: str
    text: str


def check_query(text: str, max_results: int) -> Checked:
    """Refuse updates and SERVICE; return the query form and the query with its top-level LIMIT capped.

    >>> check_query("SELECT * WHERE { ?s ?p 'DROP' } LIMIT 99999", 10).text
    "SELECT * WHERE { ?s ?p 'DROP' } LIMIT 10"
    >>> check_query("PREFIX x: <urn:x#> DELETE WHERE { ?s x:p ?o }", 10)
    Traceback (most recent call last):
    cityties.api.deps.ApiError: SPARQL updates are refused here: this endpoint is read-only (found DELETE)
    """
    # SPARQL unescapes \\uXXXX before parsing, so a keyword could hide behind escapes
    plain = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    if plain != text:
        _scan(plain)  # refuses hidden updates; the rewrite below works on the original text
    form, limit_at, values_at = _scan(text)
    if form in ("SELECT", "CONSTRUCT", "DESCRIBE"):
        if limit_at is not None:
            start, end = limit_at
            text = text[:start] + str(min(int(text[start:end]), max_results)) + text[end:]
        elif values_at is not None:
            text = f"{text[:values_at]} LIMIT {max_results}\n{text[values_at:]}"
        else:
            text = f"{text}\nLIMIT {max_results}"
    return Checked(form, text)


def _scan(text: str) -> tuple[str, tuple[int, int] | None, int | None]:
    depth, form, limit_at, values_at, after_limit = 0, None, None, None, False
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "skip":
            continue
        if kind == "other":
            depth += {"{": 1, "}": -1}.get(value, 0)
        elif kind == "number" and after_limit:
            limit_at = m.span()
        elif kind == "word":
            word = value.upper()
            if word in UPDATE_WORDS:
                raise ApiError(403, "update_refused",
                               f"SPARQL updates are refused here: this endpoint is read-only (found {word})")
            if word == "SERVICE":
                raise ApiError(403, "service_refused",
                               "SERVICE (federated queries to other endpoints) is refused here")
            if form is None and word in FORMS:
                form = word
            if depth == 0 and form is not None:
                if word == "VALUES" and values_at is None:
                    values_at = m.start()
        after_limit = kind == "word" and value.upper() == "LIMIT" and depth == 0
    if form is None:
        raise ApiError(400, "not_a_query", "expected a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    return form, limit_at, values_at


def negotiate(accept: str | None, form: str, fmt: str | None) -> str:
    """Choose the result format from ``format=`` or the Accept header (by q-value, then order)."""
    table = RESULT_MEDIA if form in ("SELECT", "ASK") else GRAPH_MEDIA
    names = set(table.values())
    if fmt:
        if fmt not in names:
            raise ApiError(406, "not_acceptable", f"format {fmt!r} does not fit a {form} query; "
                                                  f"use one of {', '.join(sorted(names))}")
        return fmt
    ranked = []
    for n, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, n, media.lower()))
    for negq, _, media in sorted(ranked):
        if negq == 0:
            break
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*", ""):
            return "json" if form in ("SELECT", "ASK") else "ttl"
    raise ApiError(406, "not_acceptable", f"cannot answer a {form} query in {accept!r}; accept one of "
                                          f"{', '.join(table)}")


async def run_query(request: Request, sandbox: Sandbox, settings: Settings, text: str, fmt: str | None) -> Response:
    """Check the query, run it in a query worker (stopped at the time limit) and send its answer."""
    # off the event loop: tokenizing a query of megabytes takes a while
    checked = await run_in_threadpool(check_query, text, settings.sparql_max_results)
    chosen = negotiate(request.headers.get("accept"), checked.form, fmt)
    try:
        body, media = await run_in_threadpool(sandbox.results, client_key(request), checked.text, chosen)
    except QueryFailed as e:
        if checked.text != text and str(e).startswith("SPARQL syntax error"):
            # the error's position is in the query with our LIMIT; say it in the text that was sent
            raise QueryFailed(syntax_problem(text, PREFIXES) or str(e)) from None
        raise
    if media.startswith("text/") and "charset" not in media:
        media += "; charset=utf-8"
    return Response(body, media_type=media,
                    headers={"X-Result-Cap": str(settings.sparql_max_results), "Vary": "Accept"})


_RESPONSES = {
    200: {"description": "SPARQL results (JSON, XML, CSV, TSV) or RDF (Turtle, JSON-LD, N-Triples)",
          "content": {m: {} for m in (*RESULT_MEDIA, *GRAPH_MEDIA)}},
    400: {"model": ErrorOut}, 403: {"model": ErrorOut}, 406: {"model": ErrorOut},
    415: {"model": ErrorOut}, 429: {"model": ErrorOut}, 503: {"model": ErrorOut},
}


@router.get("/api/status", tags=["status"])
def status(request: Request) -> dict:
    """Report the query workers: how many run and wait; how many queries were answered, stopped
    at the time limit, stopped to make room, or refused; how many workers were killed."""
    sandbox = getattr(request.app.state, "sandbox", None)
    return {"sparql": sandbox.status() if sandbox is not None else None}


def _no_dataset(params: dict) -> None:
    if any(params.get(k) for k in ("default-graph-uri", "named-graph-uri")):
        raise ApiError(400, "dataset_unsupported", "default-graph-uri and named-graph-uri are not supported: "
                                                   "queries see the union of all graphs; use GRAPH in the query")


@router.get("/sparql", responses=_RESPONSES, response_class=Response)
async def sparql_get(request: Request, sandbox: SandboxDep, settings: SettingsDep,
                     query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
                     format: Annotated[str | None, Query(description="json, xml, csv, tsv, ttl, jsonld or nt "
                                                                     "(overrides Accept)")] = None) -> Response:
    """Run a read-only SPARQL query (SPARQL 1.1 Protocol, query via GET)."""
    if request.query_params.get("update"):
        raise ApiError(403, "update_refused", "SPARQL updates are refused here: this endpoint is read-only")
    _no_dataset(dict(request.query_params))
    if not query:
        raise ApiError(400, "missing_query", "pass a query: /sparql?query=SELECT...")
    return await run_query(request, sandbox, settings, query, format)


@router.post("/sparql", responses=_RESPONSES, response_class=Response, openapi_extra={"requestBody": {
    "content": {"application/sparql-query": {"schema": {"type": "string"}},
                "application/x-www-form-urlencoded": {"schema": {
                    "type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}}}}})
async def sparql_post(request: Request, sandbox: SandboxDep, settings: SettingsDep,
                      format: Annotated[str | None, Query()] = None) -> Response:
    """Run a read-only SPARQL query (SPARQL 1.1 Protocol, query via POST, direct or form-encoded)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    try:
        body = await run_in_threadpool(raw.decode, "utf-8")  # a megabyte query: not on the event loop
    except UnicodeDecodeError:
        raise ApiError(400, "bad_encoding", "the request body is not UTF-8") from None
    if ctype == "application/sparql-update":
        raise ApiError(403, "update_refused", "SPARQL updates are refused here: this endpoint is read-only")
    if ctype == "application/sparql-query":
        _no_dataset(dict(request.query_params))
        text = body
    elif ctype == "application/x-www-form-urlencoded":
        form = {k: v[0] for k, v in (await run_in_threadpool(parse_qs, body, keep_blank_values=True)).items()}
        if form.get("update"):
            raise ApiError(403, "update_refused", "SPARQL updates are refused here: this endpoint is read-only")
        _no_dataset(form)
        text = form.get("query", "")
    else:
        raise ApiError(415, "unsupported_media_type", "POST a query as application/sparql-query or as the "
                                                      "`query` field of application/x-www-form-urlencoded")
    if not text.strip():
        raise ApiError(400, "missing_query", "the request has no query")
    return await run_query(request, sandbox, settings, text, format)
