"""Curation endpoints: the history, a curation (previewed with ``dry_run``), undo, export, import.

Writes need the bearer token, as uploads and deletes do. Every write is one
transaction over the curation graph and the documents it changes.
"""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Annotated

from fastapi import APIRouter, Depends, File, Path, Response, UploadFile

from ...graph import curator
from ...graph.curation import CurationError
from ...graph.proposal import Proposal
from ..deps import ApiError, SettingsDep, StoreDep, require_token
from ..schemas import CurationIn, ErrorOut, HistoryOut, ImportedOut, OutcomeOut, UndoIn

router = APIRouter(prefix="/api/curations", tags=["curation"],
                   responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}})
_WRITE = {"dependencies": [Depends(require_token)],
          "responses": {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}}}
_PROPOSAL = {f.name for f in fields(Proposal)}


def _bad(e: CurationError) -> ApiError:
    return ApiError(400, "bad_curation", str(e))


def history_out(store) -> HistoryOut:
    """Return the history with its counts by state."""
    items = curator.history(store)
    counts = {state: sum(1 for s in items if s.state == state) for state in ("applied", "orphaned", "undone")}
    return HistoryOut.model_validate({"items": [asdict(s) for s in items], "counts": counts})


@router.get("", response_model=HistoryOut)
def list_curations(store: StoreDep) -> HistoryOut:
    """List every curation, oldest first: applied (to how many documents), orphaned (why) or undone."""
    return history_out(store)


@router.post("", response_model=OutcomeOut, status_code=201, **_WRITE)
def make_curation(store: StoreDep, body: CurationIn, response: Response) -> OutcomeOut:
    """Make a curation and apply it to every document it changes (needs the bearer token);
    with ``dry_run`` only say what it would change."""
    proposal = Proposal(**{k: (tuple(v) if k == "names" else v) for k, v in body.model_dump().items() if k in _PROPOSAL})
    try:
        outcome = curator.record(store, proposal, dry_run=body.dry_run)
    except CurationError as e:
        raise _bad(e) from e
    if body.dry_run:
        response.status_code = 200
    return OutcomeOut.model_validate(asdict(outcome))


@router.post("/{seq}/undo", response_model=OutcomeOut, **_WRITE)
def undo_curation(store: StoreDep, seq: Annotated[int, Path(ge=1, le=10**9)], body: UndoIn) -> OutcomeOut:
    """Take curation ``seq`` back (needs the bearer token): the record stays, marked undone."""
    try:
        outcome = curator.undo(store, seq, body.who, body.why, dry_run=body.dry_run)
    except CurationError as e:
        raise (ApiError(404, "curation_not_found", str(e)) if "no curation" in str(e) else _bad(e)) from e
    return OutcomeOut.model_validate(asdict(outcome))


@router.get("/export", response_class=Response,
            responses={200: {"content": {"application/trig": {}}, "description": "the curations, TriG"}})
def export_curations(store: StoreDep) -> Response:
    """Download every curation as TriG, to import into another store."""
    return Response(curator.export_curations(store), media_type="application/trig",
                    headers={"Content-Disposition": 'attachment; filename="curations.trig"'})


@router.post("/import", response_model=ImportedOut, **_WRITE)
def import_curations(store: StoreDep, settings: SettingsDep,
                     file: Annotated[UploadFile, File(description="curations exported as TriG")]) -> ImportedOut:
    """Add another team's curations and apply them (needs the bearer token); known ones are skipped."""
    data = file.file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise ApiError(413, "too_large", f"the file is over the {settings.max_upload_bytes:,}-byte limit")
    try:
        imported = curator.import_curations(store, data)
    except (CurationError, UnicodeDecodeError) as e:
        raise _bad(CurationError(str(e))) from e
    return ImportedOut.model_validate(asdict(imported))
