"""Trips and briefings as JSON: ``/api/trips``, ``/api/trips/{id}``, ``/api/briefing``."""
from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request

from ...graph.trips import TripRow, trip, trips
from ..deps import ApiError, IndexDep, SandboxDep, SettingsDep, StoreDep, client_key
from ..schemas import BriefingOut, EntityRef, ErrorOut, TripOut, TripsPage
from .entities import PLACES, EntityParam, Limit, Offset, entity_or_404, home_or_404, paged, ref

router = APIRouter(prefix="/api", tags=["trips"], responses={404: {"model": ErrorOut}})


def trip_out(t: TripRow) -> TripOut:
    """Return a trip as its response model."""
    data = asdict(t)
    data.update(label=t.label, traveller=EntityRef(iri=t.traveller, label=t.traveller_label),
                destinations=[EntityRef(iri=i, label=label) for i, label in t.destinations])
    return TripOut.model_validate(data)


@router.get("/trips", response_model=TripsPage)
def list_trips(store: StoreDep, index: IndexDep, settings: SettingsDep,
               place: Annotated[str | None, Query(max_length=500, description="a destination (IRI or name)")] = None,
               home: Annotated[str | None, Query(max_length=500, description="whose trips (default: home)")] = None,
               year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
               member: Annotated[str | None, Query(max_length=500, description="a person who went")] = None,
               limit: Limit = None, offset: Offset = 0) -> TripsPage:
    """List the home side's trips, newest first: to a place, in a year, with a member."""
    h = home_or_404(index, home, settings.home)
    p = entity_or_404(index, place, "place", PLACES) if place else None
    m = entity_or_404(index, member, "member", ("Person",)) if member else None
    limit = limit or settings.page_size
    rows = trips(store, h.iri, p.iri if p else None, year=year, member=m.iri if m else None,
                 limit=limit + 1, offset=offset)
    items, nxt = paged(rows, limit, offset)
    return TripsPage(items=[trip_out(t) for t in items], limit=limit, offset=offset, next_offset=nxt)


@router.get("/trips/{trip_id}", response_model=TripOut)
def one_trip(store: StoreDep, trip_id: str) -> TripOut:
    """Return one trip: members with their posts, destinations in order, and its facts with quotes."""
    t = trip(store, trip_id) if len(trip_id) <= 200 else None
    if t is None:
        raise ApiError(404, "trip_not_found", f"no trip has the id {trip_id!r}; list them at /api/trips")
    return trip_out(t)


@router.get("/briefing", response_model=BriefingOut)
def briefing(request: Request, sandbox: SandboxDep, index: IndexDep, settings: SettingsDep, entity: EntityParam,
             home: Annotated[str | None, Query(max_length=500)] = None) -> BriefingOut:
    """Return the briefing on a place or partner, every statement footnoted to its quotes (it runs
    in a query worker, where its time limit can stop it)."""
    e = entity_or_404(index, entity)
    h = home_or_404(index, home, settings.home)
    b = sandbox.call(client_key(request), "briefing", e.iri, h.iri)
    if b is None:
        raise ApiError(404, "entity_not_found", f"{entity!r}: not in the store")
    return BriefingOut(entity=ref(e), home=ref(h),
                       sections=[{"key": s.key, "title_ko": s.title_ko, "title_en": s.title_en,
                                  "items": [asdict(i) for i in s.items]} for s in b.sections],
                       notes=[asdict(n) for n in b.notes])
