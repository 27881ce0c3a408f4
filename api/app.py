"""The FastAPI application: ``create_app(store, settings)`` wires routers, errors and limits.

Every error on an API route leaves as ``{"error": code, "message": ...}`` with its
status; on a page a browser opens, as an HTML page (``error_pages.py``).
Request bodies are capped before a route reads them (``max_upload_bytes``
plus room for multipart framing). ``/docs`` serves Swagger UI from our own
files (the fastapi-offline package ships them), so it works offline.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import fastapi_offline
from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..graph.sandbox import QueryRefused, QueryTimeout
from ..errors import QueryError
from ..graph.store import Store, StoreError
from ..settings import Settings
from .deps import ApiError, keep_settings, sandbox_for
from .error_pages import error_page, field_problem, wants_html
from .routes import curation, documents, entities, exports, questions, sparql, trips

log = logging.getLogger(__name__)

MULTIPART_SLACK = 64 * 1024  # form boundaries and headers around an upload of the full allowed size
STATIC = Path(__file__).parent / "static"
SWAGGER = Path(fastapi_offline.__file__).parent / "static"  # swagger-ui-bundle.js and swagger-ui.css
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


def _answer(request: Request, status: int, code: str, message: str, headers: dict | None = None,
            problems: list[tuple[str, str]] | None = None, **extra: Any) -> Response:
    """Answer an error as JSON on API routes and as a page (with ``problems`` by field, in Korean
    and English) where a browser opens pages."""
    if wants_html(request):
        retry = (headers or {}).get("Retry-After")
        return error_page(request, status, problems, int(retry) if retry and retry.isdigit() else None, headers)
    return _error(status, code, message, headers, **extra)


def query_error(e: QueryError, timeout_s: float) -> ApiError:
    """Turn a query worker's refusal, time-out or failure into the API error that says so."""
    if isinstance(e, QueryRefused):
        status = 429 if e.code == "too_many" else 503
        code = {"too_many": "too_many_queries", "stopped": "query_stopped"}.get(e.code, "busy")
        return ApiError(status, code, f"{e}; try again in {e.retry_after} s",
                        headers={"Retry-After": str(e.retry_after)})
    if isinstance(e, QueryTimeout):
        return ApiError(503, "query_timeout", f"the query ran past the time limit of {timeout_s:g} s "
                                              "(sparql_timeout_s) and was stopped; narrow it or add a LIMIT",
                        headers={"Retry-After": str(e.retry_after)})
    return ApiError(400, "query_error", str(e))


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, e: ApiError) -> Response:
        return _answer(request, e.status, e.code, e.message, e.headers)

    @app.exception_handler(QueryError)
    async def sandboxed(request: Request, e: QueryError) -> Response:
        a = query_error(e, e.limit_s if isinstance(e, QueryTimeout) else 0.0)
        return _answer(request, a.status, a.code, a.message, a.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException) -> Response:
        return _answer(request, e.status_code, _CODES.get(e.status_code, "error"), str(e.detail),
                       getattr(e, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, e: RequestValidationError) -> Response:
        errors = jsonable_encoder(e.errors(), custom_encoder={bytes: lambda b: b.decode("utf-8", "replace")})
        parts = [f"{'.'.join(str(x) for x in err.get('loc', ()))}: {err.get('msg', '')}" for err in errors]
        return _answer(request, 422, "invalid_request", "; ".join(parts) or "invalid request",
                       problems=[field_problem(err) for err in errors], details=errors)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, e: StoreError) -> Response:
        return _answer(request, 503, "store_error", str(e))

    @app.exception_handler(Exception)
    async def crash(request: Request, e: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _answer(request, 500, "internal_error", f"an internal error occurred ({type(e).__name__}); "
                                                       "it has been logged")


def _install_docs(app: FastAPI) -> None:
    """Serve Swagger UI and the favicon from our own files: no CDN, so /docs works offline."""
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="cityties API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml",
                            headers={"Cache-Control": "max-age=86400"})


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    if getattr(app.state, "start_workers", False):  # `cityties serve`: ready before the first query
        threading.Thread(target=lambda: sandbox_for(app, app.state.store, app.state.settings).start(),
                         name="cityties-workers", daemon=True).start()
    yield
    sandbox = getattr(app.state, "sandbox", None)
    if sandbox is not None:  # kill the query workers with the service
        sandbox.close()


def _optional_router(module: str):
    """Return ``router`` of a sibling module when that module exists (pages come from a colleague)."""
    name = f"{__package__}.{module}"
    if importlib.util.find_spec(name) is None:
        return None
    return getattr(importlib.import_module(name), "router", None)


def create_app(store: Store, settings: Settings) -> FastAPI:
    """Build the service over ``store``: JSON API, /sparql, /ask, exports, pages and /docs."""

    app = FastAPI(title="cityties", version="0.1.0", docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="A knowledge graph of city-partnership relations: search, entity cards, "
                              "meetings, agreements, visits, paths, documents with evidence, template "
                              "questions (/api/ask), a read-only SPARQL endpoint (/sparql) and exports.",
                  dependencies=[Depends(keep_settings)])
    app.state.store = store
    app.state.settings = settings
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + MULTIPART_SLACK)
    _install_errors(app)
    _install_docs(app)
    pages = _optional_router("pages")
    if pages is not None:
        app.include_router(pages)  # first, so an HTML page may claim a path such as /ask
    for module in (entities, documents, questions, trips, sparql, exports, curation):
        app.include_router(module.router)
    if pages is not None:
        from . import curation_pages  # noqa: PLC0415 - its templates are the pages'
        app.include_router(curation_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
