"""Entity endpoints: search, card, facts, meetings, agreements, visits, neighbours, paths, stats.

Wherever an entity is asked for, an IRI or a name in any language will do.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from ...graph import queries
from ...graph.model import ENTITY_TYPES, STATUSES
from ..deps import ApiError, IndexDep, SandboxDep, SettingsDep, StoreDep, client_key
from ...graph.index import LabelIndex, Match, find_home
from ...graph.meetings import meetings as met_in
from ..schemas import (
    AgreementsPage, CardOut, EdgeOut, EntityRef, ErrorOut, FactOut, FactsPage, HitOut, MeetingOut,
    MeetingsPage, NeighboursOut, NodeOut, PathOut, PathStep, SearchPage, StatsOut, VisitsPage,
)

router = APIRouter(prefix="/api", tags=["entities"],
                   responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}})

Limit = Annotated[int | None, Query(ge=1, le=1000, description="page size (default: the page_size setting)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
EntityParam = Annotated[str, Query(min_length=1, max_length=500, description="an entity IRI or a name in any language")]
EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
PLACES = ("City", "District", "Province", "Country", "IndustrialPark")


def entity_or_404(index: LabelIndex, name: str, role: str = "entity",
                  types: tuple[str, ...] | None = None) -> Match:
    """Resolve an IRI or name, or raise a 404 naming what was not found."""
    match = index.resolve(name, types=types)
    if match is None and types:
        match = index.resolve(name)
    if match is None:
        raise ApiError(404, "entity_not_found",
                       f"{role} {name!r}: no entity has this IRI or a label like it; try /api/search?q=...")
    return match


def home_or_404(index: LabelIndex, home: str | None, configured: str) -> Match:
    """Resolve the home side: the ``home`` parameter, else the configured or default home."""
    if home:
        return entity_or_404(index, home, "home")
    match = find_home(index, configured)
    if match is None:
        raise ApiError(404, "no_home", "no home entity: the store has no documents with a home, "
                                       "and the `home` setting is empty")
    return match


def ref(m: Match) -> EntityRef:
    return EntityRef(iri=m.iri, label=m.label, type=m.type)


def paged(rows: list, limit: int, offset: int) -> tuple[list, int | None]:
    """Trim a list fetched with ``limit + 1`` rows; return it and the next offset."""
    return rows[:limit], (offset + limit if len(rows) > limit else None)


@router.get("/search", response_model=SearchPage)
def search(index: IndexDep, settings: SettingsDep,
           q: Annotated[str, Query(min_length=1, max_length=200, description="a name in Korean, Chinese or English")],
           type: Annotated[list[EntityType] | None, Query()] = None,
           fuzzy: bool = True, limit: Limit = None, offset: Offset = 0) -> SearchPage:
    """Find entities by label, alias or mention text in any language, tolerating misspellings."""
    limit = limit or settings.page_size
    hits = index.search(q, limit=limit + 1, offset=offset, types=tuple(type) if type else None, fuzzy=fuzzy)
    items, nxt = paged(hits, limit, offset)
    return SearchPage(query=q, items=[HitOut.model_validate(asdict(h)) for h in items],
                      limit=limit, offset=offset, next_offset=nxt)


@router.get("/entity", response_model=CardOut)
def entity_card(store: StoreDep, index: IndexDep, entity: EntityParam) -> CardOut:
    """Return an entity card: labels per language, type, aliases, links, containing places, facts."""
    m = entity_or_404(index, entity)
    card = queries.entity(store, m.iri)
    if card is None:
        raise ApiError(404, "entity_not_found", f"{entity!r}: not in the store")
    data = asdict(card)
    data["within"] = [{"iri": i, "label": lab} for i, lab in card.within]
    return CardOut.model_validate({**data, "label": card.label})


@router.get("/entity/facts", response_model=FactsPage)
def entity_facts(store: StoreDep, index: IndexDep, settings: SettingsDep, entity: EntityParam,
                 limit: Limit = None, offset: Offset = 0) -> FactsPage:
    """List the facts an entity takes part in, by date."""
    m = entity_or_404(index, entity)
    limit = limit or settings.page_size
    items, nxt = paged(queries.facts_of(store, m.iri, limit=limit + 1, offset=offset), limit, offset)
    return FactsPage(entity=ref(m), items=[FactOut.model_validate(asdict(f)) for f in items],
                     limit=limit, offset=offset, next_offset=nxt)


@router.get("/meetings", response_model=MeetingsPage)
def meetings(store: StoreDep, index: IndexDep, settings: SettingsDep,
             place: Annotated[str | None, Query(max_length=500, description="where (IRI or name)")] = None,
             home: Annotated[str | None, Query(max_length=500, description="whose meetings (default: home)")] = None,
             limit: Limit = None, offset: Offset = 0) -> MeetingsPage:
    """List who the home side (and everything within it) met, optionally in one place."""
    h = home_or_404(index, home, settings.home)
    p = entity_or_404(index, place, "place", PLACES) if place else None
    limit = limit or settings.page_size
    rows = met_in(store, h.iri, p.iri if p else None, limit=limit + 1, offset=offset)
    items, nxt = paged(rows, limit, offset)
    return MeetingsPage(home=ref(h), place=ref(p) if p else None,
                        items=[MeetingOut.model_validate(asdict(x)) for x in items],
                        limit=limit, offset=offset, next_offset=nxt)


@router.get("/agreements", response_model=AgreementsPage)
def agreements(store: StoreDep, index: IndexDep, settings: SettingsDep, entity: EntityParam,
               status: Annotated[Literal[STATUSES] | None, Query()] = None,  # type: ignore[valid-type]
               limit: Limit = None, offset: Offset = 0) -> AgreementsPage:
    """List an entity's agreements (and those of everything within it): kind, status, date, counterpart."""
    m = entity_or_404(index, entity)
    limit = limit or settings.page_size
    rows = queries.agreements(store, m.iri, limit=limit + 1, offset=offset, status=status)
    items, nxt = paged(rows, limit, offset)
    return AgreementsPage(entity=ref(m), status=status, items=[FactOut.model_validate(asdict(f)) for f in items],
                          limit=limit, offset=offset, next_offset=nxt)


@router.get("/visits", response_model=VisitsPage)
def visits(store: StoreDep, index: IndexDep, settings: SettingsDep,
           place: Annotated[str | None, Query(max_length=500)] = None,
           home: Annotated[str | None, Query(max_length=500)] = None,
           limit: Limit = None, offset: Offset = 0) -> VisitsPage:
    """List the home side's visits, oldest first, optionally to one place."""
    h = home_or_404(index, home, settings.home)
    p = entity_or_404(index, place, "place", PLACES) if place else None
    limit = limit or settings.page_size
    rows = queries.visits(store, h.iri, p.iri if p else None, limit=limit + 1, offset=offset)
    items, nxt = paged(rows, limit, offset)
    return VisitsPage(home=ref(h), place=ref(p) if p else None,
                      items=[FactOut.model_validate(asdict(f)) for f in items],
                      limit=limit, offset=offset, next_offset=nxt)


@router.get("/timeline", response_model=FactsPage)
def timeline(store: StoreDep, index: IndexDep, settings: SettingsDep, entity: EntityParam,
             type: Annotated[list[Literal["visited", "met", "attended", "agreement"]] | None, Query()] = None,
             limit: Limit = None, offset: Offset = 0) -> FactsPage:
    """List the dated activity of an entity and everything within it (visits, meetings, events,
    agreements), oldest first."""
    m = entity_or_404(index, entity)
    limit = limit or settings.page_size
    kinds = tuple(type) if type else ("visited", "met", "attended", "agreement")
    rows = queries.timeline(store, m.iri, limit=limit + 1, offset=offset, types=kinds)
    items, nxt = paged(rows, limit, offset)
    return FactsPage(entity=ref(m), items=[FactOut.model_validate(asdict(f)) for f in items],
                     limit=limit, offset=offset, next_offset=nxt)


def _edge(s: str, o: str, key: object, attrs: dict) -> EdgeOut:
    return EdgeOut(source=s, target=o, fact=str(key), **{k: (None if v is None else str(v)) for k, v in attrs.items()
                                                         if k in EdgeOut.model_fields and k not in ("source", "target", "fact")})


@router.get("/neighbours", response_model=NeighboursOut)
def neighbours(request: Request, sandbox: SandboxDep, index: IndexDep, settings: SettingsDep,
               entity: EntityParam, depth: Annotated[int, Query(ge=0)] = 1,
               max_nodes: Annotated[int | None, Query(ge=1)] = None) -> NeighboursOut:
    """Return the entities within ``depth`` facts of an entity, and the facts between them."""
    if depth > settings.max_depth:
        raise ApiError(400, "depth_too_large", f"depth {depth} is over the limit of {settings.max_depth} "
                                               "(the max_depth setting); ask for less")
    cap = settings.view_max_nodes
    if max_nodes is not None and max_nodes > cap:
        raise ApiError(400, "too_many_nodes", f"max_nodes {max_nodes} is over the limit of {cap} "
                                              "(the view_max_nodes setting)")
    m = entity_or_404(index, entity)
    max_nodes = max_nodes or cap
    # in a query worker: a deep neighbourhood of a hub is work a client can make expensive
    g = sandbox.call(client_key(request), "neighbours", m.iri, depth=depth, max_nodes=max_nodes)
    nodes = [NodeOut(iri=n, **{k: a.get(k) for k in ("type", "label", "label_ko", "label_zh", "label_en")})
             for n, a in g.nodes(data=True)]
    edges = [_edge(s, o, k, a) for s, o, k, a in g.edges(keys=True, data=True)]
    return NeighboursOut(entity=ref(m), depth=depth, max_nodes=max_nodes, truncated=len(nodes) >= max_nodes,
                         nodes=nodes, edges=edges)


@router.get("/path", response_model=PathOut)
def path(index: IndexDep, settings: SettingsDep,
         source: Annotated[str, Query(min_length=1, max_length=500, description="from (IRI or name)")],
         target: Annotated[str, Query(min_length=1, max_length=500, description="to (IRI or name)")]) -> PathOut:
    """Return the shortest chain of facts between two entities, in either direction."""
    a, b = entity_or_404(index, source, "source"), entity_or_404(index, target, "target")
    return path_between(index, a, b, settings.path_max_hops)


def path_between(index: LabelIndex, a: Match, b: Match, max_hops: int) -> PathOut:
    """Find the shortest path from ``a`` to ``b`` over the whole graph (at most ``max_hops`` facts)."""
    steps = index.path(a.iri, b.iri)
    if not steps and a.iri != b.iri:
        return PathOut(source=ref(a), target=ref(b), found=False, steps=[],
                       message=f"no chain of facts links {a.label} and {b.label}")
    if len(steps) > max_hops:
        return PathOut(source=ref(a), target=ref(b), found=False, steps=[], length=len(steps),
                       message=f"the shortest chain has {len(steps)} facts, over the limit of {max_hops} "
                               "(the path_max_hops setting)")
    out = []
    for node, nxt, key, attrs, backwards in steps:
        s, o = (nxt, node) if backwards else (node, nxt)
        out.append(PathStep(node=EntityRef(iri=node, label=index.name(node)),
                            next=EntityRef(iri=nxt, label=index.name(nxt)),
                            fact=_edge(s, o, key, attrs), reversed=backwards))
    out.append(PathStep(node=EntityRef(iri=b.iri, label=b.label)))
    return PathOut(source=ref(a), target=ref(b), found=True, length=len(steps), steps=out)


@router.get("/stats", response_model=StatsOut)
def stats(store: StoreDep) -> StatsOut:
    """Count documents, entities and facts, by type."""
    return StatsOut(counts=queries.stats(store))
