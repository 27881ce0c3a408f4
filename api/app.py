"""The FastAPI application: ``create_app(store, settings)`` wires routers, errors and limits.

Every error leaves as ``{"error": code, "message": ...}`` with its status.
Request bodies are capped before a route reads them (``max_upload_bytes``
plus room for multipart framing).
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..graph.store import Store, StoreError
from ..settings import Settings
from .deps import ApiError
from .routes import documents, entities, exports, questions, sparql

log = logging.getLogger(__name__)

MULTIPART_SLACK = 64 * 1024  # form boundaries and headers around an upload of the full allowed size
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type",
          422: "invalid_request", 429: "too_many_requests", 503: "unavailable"}


class BodyTooLarge(StarletteHTTPException):
    """A request body past the cap (an HTTPException, so FastAPI's body parsing lets it through)."""


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is over the {self.limit:,}-byte limit (max_upload_bytes)"
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            response = JSONResponse({"error": "too_large", "message": message}, status_code=413,
                                    headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(413, message)
            return msg

        await self.app(scope, limited, send)


def _error(status: int, code: str, message: str, headers: dict | None = None, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status, headers=headers)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, e: ApiError) -> JSONResponse:
        return _error(e.status, e.code, e.message, e.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, e: StarletteHTTPException) -> JSONResponse:
        return _error(e.status_code, _CODES.get(e.status_code, "error"), str(e.detail), getattr(e, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, e: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(e.errors(), custom_encoder={bytes: lambda b: b.decode("utf-8", "replace")})
        parts = [f"{'.'.join(str(x) for x in err.get('loc', ()))}: {err.get('msg', '')}" for err in errors]
        return _error(422, "invalid_request", "; ".join(parts) or "invalid request", details=errors)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, e: StoreError) -> JSONResponse:
        return _error(503, "store_error", str(e))

    @app.exception_handler(Exception)
    async def crash(request: Request, e: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", f"an internal error occurred ({type(e).__name__}); "
                                             "it has been logged")


def _optional_router(module: str):
    """Return ``router`` of a sibling module when that module exists (pages come from a colleague)."""
    name = f"{__package__}.{module}"
    if importlib.util.find_spec(name) is None:
        return None
    return getattr(importlib.import_module(name), "router", None)


def create_app(store: Store, settings: Settings) -> FastAPI:
    """Build the service over ``store``: JSON API, /sparql, /ask, exports, pages and /docs."""

    app = FastAPI(title="cityties", version="0.1.0",
                  description="A knowledge graph of city-partnership relations: search, entity cards, "
                              "meetings, agreements, visits, paths, documents with evidence, template "
                              "questions (/api/ask), a read-only SPARQL endpoint (/sparql) and exports.")
    app.state.store = store
    app.state.settings = settings
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + MULTIPART_SLACK)
    _install_errors(app)
    pages = _optional_router("pages")
    if pages is not None:
        app.include_router(pages)  # first, so an HTML page may claim a path such as /ask
    for module in (entities, documents, questions, sparql, exports):
        app.include_router(module.router)
    static = Path(__file__).parent / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
    return app
