"""Curation in the browser: sign in with the service token, correct from the entity, fact and
document pages (every action previewed before it is applied), and the history with undo.

The token guards these writes as it guards uploads: a person signs in once with it
and a name (the PROV agent); the session cookie is HMAC-signed with a key derived
from the token, ``HttpOnly`` and ``SameSite=Strict``, and every form carries a CSRF
token derived from the session, checked on each POST.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..graph import curator, ranked
from ..graph.curation import OPERATIONS, CurationError
from ..graph.model import AGREEMENT_KINDS, ENTITY_TYPES, FACT_TYPES, STATUSES
from ..graph.proposal import Proposal
from ..settings import Settings
from .deps import SettingsDep, StoreDep
from .pages import templates

router = APIRouter(tags=["curation pages"], include_in_schema=False)

COOKIE = "cityties_curator"
_PROPOSAL = [f.name for f in fields(Proposal) if f.name not in ("who", "names")]


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in curator: the name curations are recorded under, and the form token."""

    who: str
    csrf: str


def _key(settings: Settings) -> bytes:
    return hmac.new(settings.token.encode(), b"cityties curation session", hashlib.sha256).digest()


def _sign(settings: Settings, payload: bytes) -> str:
    return hmac.new(_key(settings), payload, hashlib.sha256).hexdigest()


def _csrf(settings: Settings, sid: str) -> str:
    return _sign(settings, b"csrf:" + sid.encode())[:32]


def _settings(request: Request) -> Settings:
    return getattr(request.state, "settings", None) or request.app.state.settings


def session(request: Request) -> Session | None:
    """Return the curator signed in on this request, or None (also when writes are off)."""
    settings = _settings(request)
    raw = request.cookies.get(COOKIE, "")
    if not settings.token or "." not in raw:
        return None
    body, _, mac = raw.rpartition(".")
    try:
        payload = base64.urlsafe_b64decode(body.encode())
        data = json.loads(payload)
    except ValueError:
        return None
    if not hmac.compare_digest(mac, _sign(settings, payload)) or not isinstance(data, dict):
        return None
    return Session(str(data.get("who", "")), _csrf(settings, str(data.get("sid", ""))))


def _writes_on(request: Request) -> bool:
    return bool(_settings(request).token)


templates.env.globals.update(curation_session=session, curation_writes_on=_writes_on, OPERATIONS=OPERATIONS,
                             ENTITY_TYPES=ENTITY_TYPES, FACT_TYPES=FACT_TYPES, AGREEMENT_KINDS=AGREEMENT_KINDS,
                             STATUSES=STATUSES)


def _page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _local(path: str) -> str:
    """Keep a redirect on this site: a path, never a scheme or another host.

    >>> _local("/entity?iri=x"), _local("//evil.example/"), _local("https://evil.example/")
    ('/entity?iri=x', '/', '/')
    """
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else "/"


def _refuse(request: Request, message: str, status: int = 403) -> HTMLResponse:
    return _page(request, "error.html", status, title="교정 불가 Cannot curate", message=message)


def _checked(request: Request, csrf: str) -> Session | HTMLResponse:
    """Return the session when the form is this curator's own, else the page refusing it."""
    if not _writes_on(request):
        return _refuse(request, "쓰기가 꺼져 있습니다. Writes are off: start the service with a token.")
    s = session(request)
    if s is None:
        return _refuse(request, "먼저 로그인하세요. Sign in first (/curate/login).", 401)
    if not hmac.compare_digest(csrf, s.csrf):
        return _refuse(request, "양식이 만료되었습니다. The form is stale or not from this site (CSRF); reload the page.")
    return s


@router.get("/curate/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = Query("/", max_length=2000)) -> HTMLResponse:
    """Ask for the service token and the curator's name."""
    return _page(request, "curate_login.html", next=_local(next), error=None, writes_on=_writes_on(request))


@router.post("/curate/login", response_class=HTMLResponse)
def login(request: Request, settings: SettingsDep, token: str = Form("", max_length=500),
          who: str = Form("", max_length=200), next: str = Form("/", max_length=2000)) -> Response:
    """Sign in: a right token sets the signed session cookie."""
    if not settings.token or not who.strip() or not hmac.compare_digest(token.encode(), settings.token.encode()):
        return _page(request, "curate_login.html", 401, next=_local(next), writes_on=_writes_on(request),
                     error="토큰이 맞지 않거나 이름이 없습니다. Wrong token, or no name.")
    payload = json.dumps({"who": who.strip(), "sid": secrets.token_urlsafe(16)}).encode()
    value = base64.urlsafe_b64encode(payload).decode() + "." + _sign(settings, payload)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(COOKIE, value, httponly=True, samesite="strict", path="/")
    return response


@router.post("/curate/logout")
def logout() -> Response:
    """Sign out."""
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


async def _submitted(request: Request, csrf: str) -> tuple[Session, Proposal, dict[str, str]] | HTMLResponse:
    """Return the curator and the curation a form asks for, or the page refusing the form."""
    s = _checked(request, csrf)
    if not isinstance(s, Session):
        return s
    form = await request.form()
    fields_ = {k: str(form.get(k, ""))[:2000] for k in _PROPOSAL}
    names = tuple(n.strip() for n in str(form.get("names", "")).replace("，", ",").split(",") if n.strip())
    return s, Proposal(**fields_, names=names, who=s.who), {**fields_, "names": ", ".join(names)}


@router.post("/curate/preview", response_class=HTMLResponse)
async def preview(request: Request, store: StoreDep, csrf: str = Form("", max_length=100),
                  next: str = Form("/", max_length=2000)) -> HTMLResponse:
    """Show what a curation would change, with a button to apply it."""
    return await _curate(request, store, csrf, next, dry_run=True)


@router.post("/curate/apply", response_class=HTMLResponse)
async def apply(request: Request, store: StoreDep, csrf: str = Form("", max_length=100),
                next: str = Form("/", max_length=2000)) -> Response:
    """Apply a previewed curation, then go back to the page it was made on."""
    return await _curate(request, store, csrf, next, dry_run=False)


async def _curate(request: Request, store, csrf: str, next: str, dry_run: bool) -> Response:
    submitted = await _submitted(request, csrf)
    if not isinstance(submitted, tuple):
        return submitted
    s, proposal, echo = submitted
    try:
        outcome = curator.record(store, proposal, dry_run=dry_run)
    except CurationError as e:
        return _page(request, "curate_preview.html", 400, outcome=None, error=str(e), fields=echo,
                     next=_local(next), session=s)
    if dry_run:
        return _page(request, "curate_preview.html", outcome=outcome, error=None, fields=echo, next=_local(next),
                     session=s)
    c = outcome.curation
    if c.op == "merge":  # the page it was made on now redirects; go to the survivor
        next = "/entity?" + urlencode({"iri": c.value})
    return RedirectResponse(_local(next) + ("&" if "?" in next else "?") + f"curated={c.seq}", status_code=303)


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, store: StoreDep, state: str = Query("", max_length=20)) -> HTMLResponse:
    """List every curation with who, when, why, what became of it, and an undo."""
    items = curator.history(store)
    counts = {k: sum(1 for i in items if i.state == k) for k in ("applied", "orphaned", "undone")}
    shown = [i for i in items if not state or i.state == state]
    return _page(request, "curate_history.html", items=list(reversed(shown)), counts=counts, state=state)


@router.post("/history/{seq}/undo", response_class=HTMLResponse)
def undo(request: Request, store: StoreDep, seq: int, csrf: str = Form("", max_length=100),
         why: str = Form("", max_length=2000), confirm: str = Form("", max_length=10)) -> Response:
    """Preview taking a curation back; with ``confirm``, take it back."""
    s = _checked(request, csrf)
    if not isinstance(s, Session):
        return s
    try:
        outcome = curator.undo(store, seq, s.who, why, dry_run=not confirm)
    except CurationError as e:
        return _refuse(request, str(e), 400)
    if confirm:
        return RedirectResponse(f"/history?undone={seq}", status_code=303)
    return _page(request, "curate_preview.html", outcome=outcome, error=None, fields={"why": why},
                 next="/history", session=s, undo_seq=seq)


@router.get("/fact", response_class=HTMLResponse)
def fact_page(request: Request, store: StoreDep, iri: str = Query(..., max_length=2000)) -> HTMLResponse:
    """Show one fact (struck through when rejected), its evidence, its curations and the forms."""
    try:
        fact = ranked.fact(store, iri) if iri.startswith(("http://", "https://")) else None
    except ValueError:
        fact = None
    if fact is None:
        return _page(request, "error.html", 404, title="사실 없음 Not found",
                     message=f"이 IRI의 사실이 없습니다. No fact has the IRI {iri}.")
    return _page(request, "curate_fact.html", fact=fact, history=curator.curations_of(store, fact.address))


__all__ = ["router", "session", "Session", "COOKIE"]
