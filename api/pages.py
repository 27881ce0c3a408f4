"""The web pages: home, search, entity, document, ask, trips, briefings and the network view (server-rendered HTML).

Korean first with English beside it, no build step, no script needed to read a page
(only the network drawings use vis.js, served from ``/static``). Every label and
quote comes from documents, so templates autoescape; only our own CSS and JS
are ever marked safe (inlined into the standalone view file).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..graph import queries
from ..graph.documents import named_in
from ..graph.index import LabelIndex, find_home, is_iri
from ..graph.meetings import Meeting, encounters, meetings
from ..graph.model import FACT_TYPES, PLACE_TYPES
from ..graph.curator import redirect
from ..graph.network import neighbours
from ..graph.questions import QuestionError, answer, examples, load_templates
from ..graph.ranked import rejected_in
from ..graph.store import Store, StoreError
from ..graph.trips import trip, trips
from ..settings import Settings
from . import view
from .briefing import briefing_response
from .deps import IndexDep, LayoutsDep, SandboxDep, SettingsDep, StoreDep, client_key

router = APIRouter(tags=["pages"], include_in_schema=False)

_env = view.environment()
templates = Jinja2Templates(env=_env)

STATUS_KO = {"signed": "체결", "proposed": "제안", "planned": "예정"}
KIND_KO = {"MOU": "양해각서 MOU", "MOA": "합의서 MOA", "memorandum": "각서 memorandum",
           "sister_city": "자매결연 sister city", "friendship_city": "우호도시 friendship city",
           "cooperation_agreement": "협력협정 cooperation agreement", "other": "기타 other"}
LANG_NAMES = {"ko": "한국어", "zh": "中文", "en": "English", "und": "—"}
HOME_REASONS = {"publisher line": "발행처 표기", "report title": "보고서 제목", "masthead": "제호",
                "press release": "보도자료", "site header": "누리집 머리말", "headline subject": "제목의 주어",
                "self-reference": "'우리 시' 등 자기 지칭", "contact line": "문의처", "subject of the text": "본문의 주어",
                "named most": "가장 많이 언급", "given": "사용자 지정"}
_ENTITY_FACT_LIMIT = 500
_MINI_NET_NODES = 40


_env.globals.update(STATUS_KO=STATUS_KO, KIND_KO=KIND_KO, LANG_NAMES=LANG_NAMES, HOME_REASONS=HOME_REASONS)


def quote_anchor(evidence: queries.Evidence) -> str:
    """Return the HTML id of a quote on its document page (facts sharing a quote share it).

    >>> quote_anchor(queries.Evidence("q", 3, 9, "https://w3id.org/cityties/doc/a", "a"))
    'q-3-9'
    """
    return f"q-{evidence.start}-{evidence.end}"


def evidence_url(evidence: queries.Evidence) -> str:
    """Return the document page URL that highlights this quote."""
    return f"/document?{urlencode({'id': evidence.document_id})}#{quote_anchor(evidence)}"


_env.globals.update(quote_anchor=quote_anchor, evidence_url=evidence_url)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of document text and the facts whose evidence covers it (anchors start here)."""

    text: str
    facts: tuple[str, ...]
    anchors: tuple[str, ...]


def segments(text: str, facts: list[queries.FactRow]) -> list[Segment]:
    """Split ``text`` at every evidence boundary so overlapping quotes can all be marked.

    >>> [(s.text, len(s.facts)) for s in segments("abcdef", [])]
    [('abcdef', 0)]
    """
    spans = [(max(0, f.evidence.start), min(len(text), f.evidence.end), quote_anchor(f.evidence))
             for f in facts if f.evidence.start < f.evidence.end]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = tuple(sorted({h for s, e, h in spans if s <= a and b <= e}))
        starting = tuple(sorted({h for s, _, h in spans if s == a}))
        out.append(Segment(text[a:b], covering, starting))
    return out


def _home(index: LabelIndex, settings: Settings) -> str | None:
    match = find_home(index, settings.home)
    return match.iri if match else None


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _examples(settings: Settings) -> list[str]:
    """Return the questions the pages offer: every template's example, Korean then English."""
    return examples(load_templates(settings.data_dir))


def _mini_network(store: Store, iri: str, meetings: list[Meeting]) -> dict | None:
    """Return the vis.js payload of an entity's neighbourhood (None when it stands alone).

    A city rarely is a fact's subject or object itself (people meet its offices), so the
    meetings held there and the containment between the drawn entities are added.
    """
    g = neighbours(store, iri, depth=1, max_nodes=_MINI_NET_NODES)
    for m in meetings:
        if g.number_of_nodes() >= _MINI_NET_NODES:
            break
        g.add_edge(m.who, m.counterpart, key=f"meeting:{m.who}:{m.counterpart}:{m.evidence.start}", type="met",
                   date=m.date, quote=m.evidence.quote, document=m.evidence.document_id)
        if m.place and m.place != iri:
            g.add_edge(m.place, iri, key=f"within:{m.place}", type="within")
    missing = [n for n in g if "type" not in g.nodes[n]]
    if missing:
        names = queries.display_labels(store, missing)
        for n in missing:
            g.nodes[n].update(type=queries.entity_type(store, n) or "Entity", label=names.get(n, n.rsplit("/", 1)[-1]))
    values = " ".join(f"<{n}>" for n in g)
    for r in store.select(f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?a schema:containedInPlace ?b }}"):
        a, b = str(r["a"]), str(r["b"])
        if b in g and not g.has_edge(a, b):
            g.add_edge(a, b, key=f"within:{a}", type="within")
    if g.number_of_nodes() < 2:
        return None
    nodes, edges = view.network_data(g)
    options = view.vis_options()
    options["physics"]["stabilization"]["iterations"] = 150
    return {"nodes": nodes, "edges": edges, "options": options, "entityBase": "/entity?iri="}


@router.get("/", response_class=HTMLResponse)
def home_page(request: Request, store: StoreDep, settings: SettingsDep, index: IndexDep) -> HTMLResponse:
    """Show the search box, the question box and the corpus at a glance."""
    stats = queries.stats(store)
    docs = sorted(store.documents(), key=lambda d: (d.date or "", d.id), reverse=True)
    home = _home(index, settings)
    return _page(request, "home.html", stats=stats, recent=docs[:8], documents=len(docs),
                 cities=queries.top_entities(store, "City", 12),
                 bodies=queries.top_entities(store, "GovernmentBody", 6),
                 home=home, home_label=index.name(home) if home else None,
                 trips=trips(store, home, limit=5) if home else [], examples=_examples(settings)[:6],
                 ask_max=settings.ask_max_chars)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, index: IndexDep, q: str = Query("", max_length=200)) -> HTMLResponse:
    """List the entities whose names (any language, aliases, mentions) match ``q``, misspellings too."""
    hits = index.search(q, limit=50) if q.strip() else []
    return _page(request, "search.html", q=q, search_q=q, hits=hits)


@router.get("/entity", response_class=HTMLResponse)
def entity_page(request: Request, store: StoreDep, settings: SettingsDep, index: IndexDep,
                iri: str = Query(..., max_length=2000)) -> HTMLResponse:
    """Show one entity: names, type, agreements, meetings there, facts by type, a small network."""
    try:
        card = queries.entity(store, iri) if iri.startswith(("http://", "https://")) else None
    except (ValueError, StoreError):  # not an IRI the store can parse: same as unknown
        card = None
    if card is None:
        survivor = redirect(store, iri) if is_iri(iri) else None  # merged into another: go there
        if survivor:
            return RedirectResponse(f"/entity?{urlencode({'iri': survivor})}", status_code=301)
        return _page(request, "error.html", 404, title="개체 없음 Not found",
                     message=f"이 IRI의 개체가 없습니다. No entity has the IRI {iri}.")
    grouped: dict[str, list[queries.FactRow]] = {}
    for row in card.facts[:_ENTITY_FACT_LIMIT]:
        grouped.setdefault(row.type, []).append(row)
    home = _home(index, settings)
    met_here, encountered = [], []
    if home and card.type in PLACE_TYPES:
        met_here = meetings(store, home, place=iri, limit=200)
        encountered = encounters(store, home, place=iri, limit=200)
    agreements = queries.agreements(store, iri, limit=200)
    if agreements:  # shown in their own table with status; not twice
        grouped.pop("agreement", None)
    order = [t for t in FACT_TYPES if t in grouped] + [t for t in grouped if t not in FACT_TYPES]
    return _page(request, "entity.html", card=card, groups=[(t, grouped[t]) for t in order],
                 agreements=agreements, encounters=encountered, truncated=len(card.facts) > _ENTITY_FACT_LIMIT,
                 network=_mini_network(store, iri, met_here), home=home)


@router.get("/document", response_class=HTMLResponse)
def document_page(request: Request, store: StoreDep, id: str | None = Query(None, max_length=2000),
                  iri: str | None = Query(None, max_length=2000)) -> HTMLResponse:
    """Show a document's text with every fact's evidence marked and anchored."""
    from ..graph.vocab import document_iri
    doc_iri = iri or (document_iri(id) if id else None)
    try:
        doc = queries.document(store, doc_iri) if doc_iri else None
    except (ValueError, StoreError):
        doc = None
    if doc is None:
        return _page(request, "error.html", 404, title="문서 없음 Not found",
                     message=f"문서를 찾을 수 없습니다. No document {id or iri or ''!s} in the store.")
    return _page(request, "document.html", doc=doc, segments=segments(doc.text, doc.facts),
                 rejected=rejected_in(store, doc.iri), named=named_in(store, doc.iri))


@router.post("/ask", response_class=HTMLResponse)
async def ask_form(request: Request, settings: SettingsDep) -> Response:
    """Take a question from the form (POST, so a long one fits) and show its answer page."""
    form = await request.form()
    q = str(form.get("q") or "")
    if len(q) > settings.ask_max_chars:
        return _too_long(request, q, settings)
    return RedirectResponse(f"/ask?{urlencode({'q': q})}", status_code=303)  # a page to bookmark and reload


def _too_long(request: Request, q: str, settings: Settings) -> HTMLResponse:
    return _page(request, "ask.html", 422, q=q[:settings.ask_max_chars], result=None, examples=_examples(settings),
                 ask_max=settings.ask_max_chars,
                 error=f"질문이 너무 깁니다: {len(q):,}자 (최대 {settings.ask_max_chars:,}자). 짧게 줄여 주세요. "
                       f"The question has {len(q):,} characters; at most {settings.ask_max_chars:,} fit.")


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, store: StoreDep, settings: SettingsDep, index: IndexDep,
             q: str = Query("", max_length=100_000)) -> HTMLResponse:
    """Answer a question in Korean or English and show the rows, grouped, with their evidence."""
    result, error = None, None
    if len(q) > settings.ask_max_chars:
        return _too_long(request, q, settings)
    if q.strip():
        try:
            result = answer(store, q, settings, index)
        except QuestionError as e:
            error = str(e)
    return _page(request, "ask.html", q=q, result=result, error=error, examples=_examples(settings),
                 ask_max=settings.ask_max_chars)


@router.get("/trips", response_class=HTMLResponse)
def trips_page(request: Request, store: StoreDep, settings: SettingsDep, index: IndexDep,
               place: str = Query("", max_length=500), year: str = Query("", max_length=4)) -> HTMLResponse:
    """List our trips, newest first, optionally to one place or in one year."""
    home = _home(index, settings)
    match = index.resolve(place, types=tuple(PLACE_TYPES)) if place.strip() else None
    rows = trips(store, home, match.iri if match else None, year=year if year.isdigit() else None,
                 limit=200) if home and (match or not place.strip()) else []
    return _page(request, "trips.html", rows=rows, place=place, year=year, match=match,
                 home=home, home_label=index.name(home) if home else None)


@router.get("/trips/{trip_id}", response_class=HTMLResponse)
def trip_page(request: Request, store: StoreDep, trip_id: str) -> HTMLResponse:
    """Show one trip: who went, when, where to in order, whom they met, what was agreed, the report."""
    t = trip(store, trip_id) if len(trip_id) <= 200 else None
    if t is None:
        return _page(request, "error.html", 404, title="출장 없음 Not found",
                     message=f"이 출장이 없습니다. No trip has the id {trip_id}.")
    kinds = {k: [p for p in t.parts if p.type == k] for k in ("met", "visited", "attended", "agreement")}
    return _page(request, "trip.html", trip=t, kinds=kinds)


@router.get("/briefing/{entity:path}", response_class=HTMLResponse)
def briefing_page(request: Request, sandbox: SandboxDep, settings: SettingsDep, index: IndexDep, entity: str,
                  format: str = Query("html", pattern="^(html|md|docx)$")):
    """Show the briefing on a place or partner (``format=md`` or ``docx`` to download it); it is
    gathered in a query worker, where its time limit can stop it."""
    match = index.resolve(entity) if 0 < len(entity) <= 500 else None
    home = _home(index, settings)
    b = sandbox.call(client_key(request), "briefing", match.iri, home) if match and home else None
    if b is None:
        return _page(request, "error.html", 404, title="개체 없음 Not found",
                     message=f"‘{entity}’에 해당하는 개체가 없습니다. No entity is named like ‘{entity}’.")
    return briefing_response(b, format)


@router.get("/view", response_class=HTMLResponse)
def view_page(store: StoreDep, settings: SettingsDep, index: IndexDep, layouts: LayoutsDep,
              focus: str | None = Query(None, max_length=2000),
              depth: int = Query(2, ge=1, le=10), type: list[str] = Query([]), fact: list[str] = Query([]),
              date_from: str | None = Query(None, max_length=10),
              date_to: str | None = Query(None, max_length=10), all: bool = False) -> HTMLResponse:
    """Draw the network: first the home side and its partners; the whole graph (``all``),
    filtered by entity type, fact type and dates, or around one entity."""
    if focus and not focus.startswith(("http://", "https://")):
        match = index.resolve(focus)  # the label index also finds misspelt names
        focus = match.iri if match else focus
    home = None if all or focus else _home(index, settings)
    html = view.render_view(store, settings, focus=focus or None, depth=depth, types=type, fact_types=fact,
                            date_from=date_from or None, date_to=date_to or None, standalone=False,
                            home=home, layouts=layouts)
    return HTMLResponse(html)


__all__ = ["router", "segments", "quote_anchor", "evidence_url"]
