"""What routes depend on: the store, the settings, the label index, the query workers, the token
check, and ApiError.

``create_app`` puts the store and settings on ``app.state``; tests replace
:func:`get_store` and :func:`get_settings` through ``app.dependency_overrides``.
"""
from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..graph.layout import Layouts
from ..graph.sandbox import Limits, Sandbox
from ..graph.store import Store
from ..settings import Settings
from ..graph.index import LabelIndex


class ApiError(Exception):
    """An error the API reports as ``{"error": code, "message": ...}`` with ``status``."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def get_store(request: Request) -> Store:
    """Return the store the app was created with."""
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with."""
    return request.app.state.settings


_INDEX_LOCK = threading.Lock()


def get_index(request: Request, store: Annotated[Store, Depends(get_store)]) -> LabelIndex:
    """Return the label index of ``store``, rebuilt when the store's generation moved on."""
    with _INDEX_LOCK:
        index = getattr(request.app.state, "label_index", None)
        if index is None or index.store is not store:
            index = request.app.state.label_index = LabelIndex(store)
        return index


def get_layouts(request: Request, store: Annotated[Store, Depends(get_store)]) -> Layouts:
    """Return the network view's positions of ``store``, kept per store generation and view."""
    with _INDEX_LOCK:
        kept = getattr(request.app.state, "layouts", None)
        if kept is None or kept[0] is not store:
            kept = request.app.state.layouts = (store, Layouts())
        return kept[1]


_SANDBOX_LOCK = threading.Lock()


def sandbox_limits(settings: Settings) -> Limits:
    """Return the query workers' limits the settings ask for."""
    return Limits(workers=settings.sparql_max_concurrent, timeout_s=settings.sparql_timeout_s,
                  share_s=settings.sparql_share_s, memory_mb=settings.sparql_memory_mb)


def sandbox_for(app: Any, store: Store, settings: Settings) -> Sandbox:
    """Return the app's query workers (started on first use; made anew when the settings differ)."""
    with _SANDBOX_LOCK:
        current = getattr(app.state, "sandbox", None)
        limits = sandbox_limits(settings)
        if current is None or current.store is not store or current.limits != limits:
            if current is not None:
                current.close()
            current = app.state.sandbox = Sandbox(store, limits, location=settings.store)
        return current


def get_sandbox(request: Request, store: Annotated[Store, Depends(get_store)],
                settings: Annotated[Settings, Depends(get_settings)]) -> Sandbox:
    """Return the app's query workers."""
    return sandbox_for(request.app, store, settings)


def client_key(request: Request) -> str:
    """Return who is asking, for sharing the query workers fairly: the client's address."""
    return request.client.host if request.client else "unknown"


_BEARER = HTTPBearer(auto_error=False, description="the token `cityties serve` was started with")


def require_token(settings: Annotated[Settings, Depends(get_settings)],
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)] = None) -> None:
    """Allow the request only with ``Authorization: Bearer <settings.token>``."""
    if not settings.token:
        raise ApiError(403, "writes_disabled",
                       "write endpoints are off: start the service with a token "
                       "(`cityties serve --token ...` or CITYTIES_TOKEN) to enable them")
    given = credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else ""
    # compare in constant time so the token cannot be guessed byte by byte from response times
    if not given or not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise ApiError(401, "unauthorized", "this endpoint needs the header `Authorization: Bearer <token>`",
                       headers={"WWW-Authenticate": "Bearer"})


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def keep_settings(request: Request, settings: SettingsDep) -> None:
    """Keep the request's settings on ``request.state``, for templates (which see no dependencies)."""
    request.state.settings = settings

IndexDep = Annotated[LabelIndex, Depends(get_index)]
LayoutsDep = Annotated[Layouts, Depends(get_layouts)]
SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]
