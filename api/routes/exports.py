"""Exports (whole graph, one entity's neighbourhood) and content negotiation on entity IRIs.

Entity IRIs are ``https://w3id.org/cityties/id/...``; w3id redirects them to
``/id/...`` here, which sends browsers to the entity page and machines Turtle
or JSON-LD.
"""
from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse

from ...graph import export as ex
from ...graph.curator import redirect
from ...graph.vocab import ENTITY_NS
from ..deps import ApiError, IndexDep, SandboxDep, SettingsDep, StoreDep, client_key
from ...graph.index import is_iri, known_type
from ..schemas import ErrorOut
from .entities import EntityParam, entity_or_404

router = APIRouter(tags=["exports"], responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}})

ExportFormat = Literal["ttl", "trig", "nq", "jsonld", "graphml", "csv", "csv-entities", "csv-trips"]
_SUFFIX = {"ttl": "ttl", "trig": "trig", "nq": "nq", "jsonld": "jsonld", "graphml": "graphml",
           "csv": "facts.csv", "csv-entities": "entities.csv", "csv-trips": "trips.csv"}
_CONTENT = {"content": {media: {} for media, _ in ex.FORMATS.values()}, "description": "the export"}
ENTITY_PAGE = "/entity"  # served by api/pages.py: /entity?iri=<entity IRI>


def _download(data: bytes, fmt: str, stem: str) -> Response:
    media = ex.FORMATS[fmt][0]
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{stem}.{_SUFFIX[fmt]}"'})


@router.get("/api/export", response_class=Response, responses={200: _CONTENT})
def export_all(store: StoreDep, format: ExportFormat = "ttl") -> Response:
    """Export the whole graph: Turtle, TriG, N-Quads, JSON-LD, GraphML (Gephi) or CSV."""
    return _download(ex.export(store, format), format, "cityties")


@router.get("/api/export/entity", response_class=Response, responses={200: _CONTENT})
def export_entity(request: Request, sandbox: SandboxDep, index: IndexDep, settings: SettingsDep,
                  entity: EntityParam, format: ExportFormat = "ttl",
                  depth: Annotated[int, Query(ge=0)] = 1) -> Response:
    """Export one entity's neighbourhood (facts within ``depth``) in any export format."""
    if depth > settings.max_depth:
        raise ApiError(400, "depth_too_large", f"depth {depth} is over the limit of {settings.max_depth} "
                                               "(the max_depth setting)")
    m = entity_or_404(index, entity)
    data = sandbox.call(client_key(request), "export_neighbourhood", m.iri, format, depth=depth,
                        max_nodes=settings.view_max_nodes)  # in a query worker, as every deep neighbourhood
    return _download(data, format, "cityties-" + m.iri.rsplit("/", 1)[-1][:60].encode("ascii", "ignore").decode()
                     .replace('"', "") or "entity")


_MACHINE = {"text/turtle": "ttl", "application/x-turtle": "ttl", "application/ld+json": "jsonld",
            "application/n-triples": "nt", "application/json": "jsonld"}


def _wants(accept: str) -> str:
    """Pick html, ttl, jsonld or nt from an Accept header (highest q first; Turtle by default)."""
    ranked = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [p.strip().lower() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)
        ranked.append((-q, n, media))
    for negq, _, media in sorted(ranked):
        if negq == 0:
            break
        if media in ("text/html", "application/xhtml+xml"):
            return "html"
        if media in _MACHINE:
            return _MACHINE[media]
    return "ttl"


@router.get("/id/{path:path}", response_class=Response, responses={
    200: {"content": {"text/turtle": {}, "application/ld+json": {}, "application/n-triples": {}}},
    303: {"description": "browsers: see the entity page"}})
def entity_iri(request: Request, store: StoreDep, path: str,
               format: Annotated[Literal["html", "ttl", "jsonld", "nt"] | None, Query()] = None) -> Response:
    """Dereference an entity IRI: HTML (a redirect to the entity page) or Turtle / JSON-LD / N-Triples."""
    # IRIs keep Hangul as is but percent-encode what a slug could not hold; try both spellings
    candidates = dict.fromkeys((ENTITY_NS + path, ENTITY_NS + quote(path, safe="/-_.~")))
    iri = next((c for c in candidates if known_type(store, c)), None)
    iri = iri or next((c for c in candidates if is_iri(c) and redirect(store, c)), None)  # merged: owl:sameAs
    if iri is None:
        raise ApiError(404, "entity_not_found", f"{ENTITY_NS}{path}: no such entity")
    chosen = format or _wants(request.headers.get("accept", "*/*"))
    if chosen == "html":
        return RedirectResponse(f"{ENTITY_PAGE}?iri={quote(iri, safe='')}", status_code=303,
                                headers={"Vary": "Accept"})
    body, media = store.results(f"DESCRIBE <{iri}>", chosen)
    return Response(body, media_type=media, headers={"Vary": "Accept"})
