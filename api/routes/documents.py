"""Document endpoints: list, read one with its evidence spans, upload and ingest, delete.

Uploads and deletes need the bearer token. An uploaded file's name is reduced
to a bare name before it touches the disk, and it is written only inside a
fresh temporary directory, so no name can reach a path outside it.
"""
from __future__ import annotations

import dataclasses
import re
import tempfile
import threading
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile

from ...graph import queries
from ...graph.vocab import document_iri
from ..deps import ApiError, SettingsDep, StoreDep, require_token
from ..schemas import DeletedOut, DocumentOut, DocumentsPage, DocumentTextOut, ErrorOut, UploadOut

router = APIRouter(prefix="/api/documents", tags=["documents"],
                   responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}})

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\u202a-\u202e\u2066-\u2069]")
_WRITE_LOCK = threading.Lock()  # one ingest at a time: the embedded store has one writer
_RESOURCES_LOCK = threading.Lock()


def safe_name(filename: str | None) -> str:
    """Reduce an uploaded file name to a bare, harmless name (never a path).

    >>> safe_name("../../etc/passwd"), safe_name("C:\\\\x\\\\보고서 1.hwp"), safe_name("..")
    ('passwd', '보고서 1.hwp', 'upload')
    """
    name = PurePosixPath(PureWindowsPath(filename or "").name).name
    name = _UNSAFE.sub("_", name).strip(" .")[:150]
    return name or "upload"


def _valid_id(doc_id: str) -> str:
    if (not doc_id or len(doc_id) > 300 or _UNSAFE.sub("", doc_id.replace("/", "")) != doc_id.replace("/", "")
            or any(part in ("", ".", "..") for part in doc_id.split("/"))):
        raise ApiError(400, "bad_document_id", f"{doc_id!r} is not a usable document id: use letters, digits, "
                                               "dots and slashes (no empty, '.' or '..' parts, at most 300 characters)")
    return doc_id


@router.get("", response_model=DocumentsPage)
def list_documents(store: StoreDep, settings: SettingsDep,
                   limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
                   offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> DocumentsPage:
    """List the ingested documents by id."""
    docs = store.documents()
    limit = limit or settings.page_size
    items = docs[offset:offset + limit]
    return DocumentsPage(total=len(docs), items=[DocumentOut.model_validate(dataclasses.asdict(d)) for d in items],
                         limit=limit, offset=offset,
                         next_offset=offset + limit if offset + limit < len(docs) else None)


@router.get("/{doc_id:path}", response_model=DocumentTextOut)
def get_document(store: StoreDep, doc_id: str) -> DocumentTextOut:
    """Return one document's text and its facts, each with its evidence offsets into the text."""
    doc = queries.document(store, document_iri(doc_id)) if doc_id else None
    if doc is None:
        raise ApiError(404, "document_not_found", f"{doc_id!r}: no such document; see /api/documents")
    return DocumentTextOut.model_validate(dataclasses.asdict(doc))


@router.post("", response_model=UploadOut, status_code=201, dependencies=[Depends(require_token)],
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut},
                        415: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def upload_document(request: Request, store: StoreDep, settings: SettingsDep,
                    file: Annotated[UploadFile, File(description="a document: txt, md, html, pdf, docx, hwpx, hwp")],
                    id: Annotated[str | None, Form(description="document id (default: uploads/<file name>)")] = None,
                    home: Annotated[str | None, Form(max_length=500, description="the writing body (name or IRI); "
                                                     "default: read off the document")] = None,
                    ) -> UploadOut:
    """Upload one document, extract it and replace its graph (needs the bearer token)."""
    from ...ingest.load import SUPPORTED_SUFFIXES
    name = safe_name(file.filename)
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ApiError(415, "unsupported_type", f"{name}: unsupported file type; upload one of "
                                                f"{', '.join(SUPPORTED_SUFFIXES)}")
    doc_id = _valid_id(id or f"uploads/{name}")
    with tempfile.TemporaryDirectory(prefix="cityties-upload-", dir=settings.data_dir or None) as tmp:
        path = Path(tmp) / name
        if path.resolve().parent != Path(tmp).resolve():  # belt and braces over safe_name
            raise ApiError(400, "bad_file_name", f"{name!r} is not a usable file name")
        _save(file, path, settings.max_upload_bytes)
        x = _extract(request, path, doc_id, settings, home or None)
        from ...ingest.batch import write_extraction
        with _WRITE_LOCK:
            write_extraction(store, x)
    return UploadOut(id=doc_id, iri=document_iri(doc_id), entities=len(x.entities), facts=len(x.facts))


def _save(file: UploadFile, path: Path, cap: int) -> None:
    size = 0
    with path.open("wb") as out:
        while chunk := file.file.read(1 << 20):
            size += len(chunk)
            if size > cap:
                raise ApiError(413, "too_large", f"the upload is over the {cap:,}-byte limit (max_upload_bytes)")
            out.write(chunk)
    if size == 0:
        raise ApiError(422, "empty_upload", f"{path.name}: the uploaded file is empty")


def _extract(request: Request, path: Path, doc_id: str, settings, home: str | None = None):
    try:
        from ...ingest import pipeline
    except ImportError as e:
        raise ApiError(503, "extraction_unavailable",
                       f"this installation cannot extract documents yet ({e}); ingest with the CLI instead") from e
    from ...ingest.batch import content_hash
    from ...ingest.load import load_document
    from ...ingest.source import LoadError
    with _RESOURCES_LOCK:  # loading the gazetteer takes seconds; do it once per app
        resources = getattr(request.app.state, "resources", None)
        if resources is None:
            resources = request.app.state.resources = pipeline.load_resources(settings.data_dir or None)
    try:
        source = load_document(path, max_bytes=settings.max_upload_bytes)
        x = pipeline.extract(source, doc_id, f"upload:{path.name}", resources, home)
    except LoadError as e:
        raise ApiError(422, "unreadable_document", str(e)) from e
    return dataclasses.replace(x, document=dataclasses.replace(x.document, sha256=content_hash(path)))


@router.delete("/{doc_id:path}", response_model=DeletedOut, dependencies=[Depends(require_token)],
               responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}})
def delete_document(store: StoreDep, doc_id: str) -> DeletedOut:
    """Delete one document's graph (needs the bearer token); nothing else is touched."""
    with _WRITE_LOCK:
        dropped = bool(doc_id) and store.drop_document(document_iri(doc_id))
    if not dropped:
        raise ApiError(404, "document_not_found", f"{doc_id!r}: no such document; see /api/documents")
    return DeletedOut(id=doc_id, deleted=True)

