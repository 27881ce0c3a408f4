"""The network view: entities as coloured, shaped nodes and facts as labelled edges (pyvis, vis.js).

``render_view`` returns one HTML page. Served at ``/view`` it loads vis-network
from ``/static``; written by ``cityties view -o file.html`` it carries everything
inline, so either way it works with no internet.

Node and edge lists are built in one pass over the networkx graph: pyvis's
``Network.from_nx`` and ``add_node`` check membership in a list and turn quadratic
(1.6 s for 5,000 nodes). Tooltips are HTML-escaped here and turned into DOM
elements by ``static/view.js``, so a label such as ``<script>`` shows as text.

Positions come from the server (``graph/layout.py``, kept per store generation and
view by :class:`~cityties.graph.layout.Layouts`), and the browser draws them with
physics off. Laying out in the browser instead (vis.js barnesHut, 200 stabilization
iterations) took 2.7-3.8 s for 1,000 nodes and 37 s for 5,000 in headless chromium on
the project's 2-core machine; drawn from server positions, 5,000 nodes are on screen in
about a second (``python -m cityties.bench.view``, figures in docs/benchmarks.md).
Hence ``view_max_nodes`` = 5,000: past it the view says so and shows one entity's
neighbourhood, with focus and filters to choose another part.
"""
from __future__ import annotations

import functools
import html
import itertools
import json
import math
from dataclasses import dataclass, replace
from importlib import resources
from typing import Iterable, Mapping

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from ..graph import queries
from ..graph.layout import Layouts, layout
from ..graph.model import ENTITY_TYPES, FACT_TYPES
from ..graph.network import neighbours, story, to_networkx, with_evidence
from ..graph.store import Store
from ..settings import Settings

# (colour, vis.js shape, Korean name) per entity type; the legend is drawn from this table.
TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    "City": ("#d62728", "dot", "도시"),
    "District": ("#ff7f0e", "dot", "구·현"),
    "Province": ("#8c564b", "dot", "성·도"),
    "Country": ("#7f7f7f", "dot", "국가"),
    "IndustrialPark": ("#bcbd22", "square", "산업단지"),
    "University": ("#9467bd", "triangle", "대학"),
    "Company": ("#17becf", "square", "기업"),
    "Organization": ("#2ca02c", "diamond", "기관·단체"),
    "GovernmentBody": ("#1f77b4", "diamond", "정부기관"),
    "Person": ("#e377c2", "star", "인물"),
    "Event": ("#aec7e8", "triangleDown", "행사"),
    "Entity": ("#c7c7c7", "dot", "기타"),
}

FACT_LABELS: dict[str, str] = {
    "visited": "방문 visited", "met": "면담 met", "agreement": "협약 agreement",
    "holds_post": "직위 holds post", "member_of": "소속 member of", "located_in": "위치 located in",
    "attended": "참석 attended", "cooperates_with": "협력 cooperates with", "within": "포함 within",
}

# Physics only where no positions are given (the small networks of entity pages); bounded so
# those settle quickly, and switched off once stabilized (static/view.js).
PHYSICS = {
    "solver": "barnesHut",
    "barnesHut": {"gravitationalConstant": -9000, "springLength": 150, "springConstant": 0.04,
                  "damping": 0.4, "avoidOverlap": 0.3},
    "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 25, "fit": True},
}
EDGE_LABELS_UP_TO = 300  # more facts than this are drawn one line per pair, unlabelled (on hover only)
LABELLED = 15  # nodes labelled on the canvas besides the focus and the places: the best-connected
LABEL_ALL_UP_TO = 40  # up to this many nodes, every one is labelled
_ALWAYS_LABELLED = frozenset({"City", "Province", "Country"})
_LABEL_MAX = 18
STORY_NODES = 120  # the opening view: the home side's partners, the best-connected first


@dataclass(frozen=True, slots=True)
class ViewData:
    """What one view draws: vis.js nodes and edges, and why it looks as it does."""

    nodes: list[dict]
    edges: list[dict]
    total: int  # entities that matched the filters before any cap
    focus: str | None
    focus_label: str | None
    message: str | None
    story: bool = False  # the opening view: the home side and its partners


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_MAX else text[:_LABEL_MAX - 1] + "…"


def _node_title(iri: str, attrs: dict, degree: int) -> str:
    """Return the tooltip as escaped HTML: type, labels per language, IRI and degree."""
    etype = attrs.get("type", "Entity")
    lines = [f"<b>{html.escape(attrs.get('label', iri))}</b>",
             html.escape(f"{TYPE_STYLE.get(etype, TYPE_STYLE['Entity'])[2]} {etype}")]
    for lang in ("ko", "zh", "en"):
        if attrs.get(f"label_{lang}"):
            lines.append(f"{lang}: {html.escape(attrs[f'label_{lang}'])}")
    lines.append(f"연결 links: {degree}")
    lines.append(f"<small>{html.escape(iri)}</small>")
    return "<br>".join(lines)


def _edge_title(attrs: dict) -> str:
    """Return an edge tooltip as escaped HTML: fact type, qualifiers, the quote and its document."""
    etype = attrs.get("type", "")
    lines = [f"<b>{html.escape(FACT_LABELS.get(etype, etype))}</b>"]
    for key in ("date", "kind", "status", "title"):
        if attrs.get(key):
            lines.append(f"{key}: {html.escape(str(attrs[key]))}")
    if attrs.get("quote"):
        lines.append(f"“{html.escape(attrs['quote'])}”")
    if attrs.get("document"):
        lines.append(f"<small>{html.escape(attrs['document'])}</small>")
    return "<br>".join(lines)


def important(g: nx.MultiDiGraph, keep: Iterable[str] = (), n: int = LABELLED) -> set[str]:
    """Return the nodes worth a label on the canvas: ``keep``, the places, and the ``n`` best connected.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> sorted(important(g, n=1))
    ['a']
    """
    degree = dict(g.degree())
    top = sorted(g, key=lambda x: (-degree[x], x))[:n]
    return {*keep, *top, *(x for x, a in g.nodes(data=True) if a.get("type") in _ALWAYS_LABELLED)} & set(g)


def network_data(g: nx.MultiDiGraph, labelled: set[str] | None = None,
                 positions: Mapping[str, tuple[float, float]] | None = None) -> tuple[list[dict], list[dict]]:
    """Return vis.js node and edge lists for ``g``, built in one pass over nodes and edges.

    With ``labelled``, only those nodes show their name on the canvas (every node keeps it in
    ``fullLabel`` and in its tooltip). With ``positions``, each node carries its place (``x``,
    ``y``) and the browser lays nothing out. Colours and shapes come from the node's group
    (``vis_options``). Past EDGE_LABELS_UP_TO facts, the facts between one pair of entities are
    one line, unlabelled, saying on hover what they are.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", type="City", label="<b>")
    >>> nodes, edges = network_data(g)
    >>> nodes[0]["label"], nodes[0]["group"], "&lt;b&gt;" in nodes[0]["title"]
    ('<b>', 'City', True)
    """
    degree = dict(g.degree())
    nodes = []
    for iri, attrs in g.nodes(data=True):
        group = attrs.get("type", "Entity") if attrs.get("type", "Entity") in TYPE_STYLE else "Entity"
        d = degree.get(iri, 0)
        name = _short(attrs.get("label") or iri.rsplit("/", 1)[-1])
        # vis.js draws labels as canvas text, never HTML; only the tooltip needs escaping.
        node = {"id": iri, "label": name if labelled is None or iri in labelled else "", "fullLabel": name,
                "title": _node_title(iri, attrs, d), "group": group, "size": round(8 + 5 * math.sqrt(d), 1)}
        if positions is not None and iri in positions:
            node["x"], node["y"] = positions[iri]
        nodes.append(node)
    if g.number_of_edges() <= EDGE_LABELS_UP_TO:
        return nodes, [_edge(s, o, [attrs], True) for s, o, attrs in g.edges(data=True)]
    pairs: dict[tuple[str, str], list[dict]] = {}
    for s, o, attrs in g.edges(data=True):
        pairs.setdefault((s, o), []).append(attrs)
    return nodes, [_edge(s, o, facts, False) for (s, o), facts in pairs.items()]


def _edge(s: str, o: str, facts: list[dict], labelled: bool) -> dict:
    """Return one vis.js edge for the facts from ``s`` to ``o`` (styled by the first)."""
    attrs = facts[0]
    etype = attrs.get("type", "")
    title = _edge_title(attrs)
    if len(facts) > 1:
        title += f"<br><small>+{len(facts) - 1:,} 사실 more facts</small>"
    edge = {"from": s, "to": o, "title": title}
    if labelled:  # arrows, like labels, only where they can be seen: a big drawing is read zoomed out
        edge.update(label=etype if not attrs.get("date") else f"{etype} {attrs['date']}", arrows="to")
    if etype == "within":
        edge.update(color={"color": "#bbbbbb"}, dashes=[2, 4], label="")
    elif etype == "agreement" and attrs.get("status") != "signed":
        edge["dashes"] = True  # proposed or planned agreements are not yet real ties
    return edge


def _filtered(g: nx.MultiDiGraph, types: Iterable[str] | None, fact_types: Iterable[str] | None,
              date_from: str | None, date_to: str | None, keep: str | None) -> nx.MultiDiGraph:
    """Return the subgraph whose nodes and edges pass the filters (dates compare as ISO prefixes)."""
    types, fact_types = set(types or ()), set(fact_types or ())
    nodes = {n for n, a in g.nodes(data=True) if not types or a.get("type") in types or n == keep}
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, g.nodes[n]) for n in nodes)
    edge_filter = bool(fact_types or date_from or date_to)
    for s, o, k, a in g.edges(keys=True, data=True):
        if s not in nodes or o not in nodes:
            continue
        if fact_types and a.get("type") not in fact_types:
            continue
        date = a.get("date")
        if (date_from or date_to) and (not date or (date_from and date[:len(date_from)] < date_from)
                                       or (date_to and date[:len(date_to)] > date_to)):
            continue
        out.add_edge(s, o, key=k, **a)
    if edge_filter:  # a fact filter asks about facts: entities left without one are noise
        out.remove_nodes_from([n for n in list(out) if out.degree(n) == 0 and n != keep])
    return out


def _cap(g: nx.MultiDiGraph, limit: int, keep: str | None) -> nx.MultiDiGraph:
    """Keep the ``limit`` best-connected nodes (and ``keep``)."""
    degree = dict(g.degree())
    ranked = sorted(g, key=lambda n: (n != keep, -degree[n], n))[:limit]
    return g.subgraph(ranked).copy()


def view_data(store: Store, settings: Settings, focus: str | None = None, depth: int = 2,
              types: Iterable[str] | None = None, fact_types: Iterable[str] | None = None,
              date_from: str | None = None, date_to: str | None = None, *,
              whole: nx.MultiDiGraph | None = None, layouts: Layouts | None = None,
              home: str | None = None) -> ViewData:
    """Choose what to draw: the home side's story (``home``, with no focus or filter), the whole
    graph, or one entity's neighbourhood when focused or too big, and where each node sits.

    ``whole`` is the store as networkx when the caller keeps one cached (it is not modified);
    ``layouts`` keeps each drawing per store generation and view (without it, all is computed).
    """
    if home and not (focus or types or fact_types or date_from or date_to):
        def opening(start: Mapping[str, tuple[float, float]] | None) -> tuple[ViewData | None, dict]:
            return _story(store, settings, home, start)

        data = layouts.drawing(store.generation, ("story", home), opening) if layouts is not None \
            else opening(None)[0]
        if data is not None:
            return data
    limit = max(1, settings.view_max_nodes)
    depth = max(1, min(int(depth), settings.max_depth))
    iri = queries.resolve_entity(store, focus) if focus else None
    message = None
    if focus and iri is None:
        message = f"‘{focus}’ 을(를) 찾지 못했습니다. No entity matches ‘{focus}’; showing the whole graph."
    types, fact_types = tuple(sorted(set(types or ()))), tuple(sorted(set(fact_types or ())))

    def build(start: Mapping[str, tuple[float, float]] | None) -> tuple[ViewData, dict]:
        return _draw(store, iri, depth, limit, types, fact_types, date_from, date_to, whole, start)

    key = (iri, depth if iri else None, types, fact_types, date_from, date_to, limit)
    data = layouts.drawing(store.generation, key, build) if layouts is not None else build(None)[0]
    if message:
        data = replace(data, message=f"{message} {data.message}" if data.message else message)
    return data


def _story(store: Store, settings: Settings, home: str,
           start: Mapping[str, tuple[float, float]] | None) -> tuple[ViewData | None, dict]:
    """Return the opening drawing: the home side and its partners, labels on the best-connected
    (None when the home side has no partner to show)."""
    g = story(store, home, max_nodes=min(STORY_NODES, max(1, settings.view_max_nodes)))
    if g.number_of_nodes() <= 1:
        return None, {}
    positions = layout(g, start)
    nodes, edges = network_data(g, important(g, {home}), positions)
    for edge in edges:  # the story reads from the nodes; an edge says what it is on hover
        edge["label"] = ""
    for node in nodes:
        if node["id"] == home:
            node.update(borderWidth=4, color={"background": TYPE_STYLE[node["group"]][0], "border": "#111111"},
                        font={"size": 16})
    label = g.nodes[home].get("label")
    message = (f"{label} 측과 그 상대만 보입니다. Showing {label} and its partners; "
               f"labels on the best-connected — the whole graph is one click away.")
    return ViewData(nodes, edges, g.number_of_nodes(), home, label, message, story=True), positions


def _draw(store: Store, iri: str | None, depth: int, limit: int, types: tuple[str, ...],
          fact_types: tuple[str, ...], date_from: str | None, date_to: str | None,
          whole: nx.MultiDiGraph | None, start: Mapping[str, tuple[float, float]] | None) -> tuple[ViewData, dict]:
    """Return one view's drawing and its positions (see view_data)."""
    message = None
    if iri:
        g = neighbours(store, iri, depth=depth, max_nodes=limit * 2)
    else:
        g = whole if whole is not None else to_networkx(store, evidence=False)  # quotes only where shown
    g = _filtered(g, types, fact_types, date_from, date_to, iri)
    if iri is None and not (types or fact_types or date_from or date_to):
        # Entities named in no fact float around the drawing as a ring of noise.
        alone = [n for n in g if g.degree(n) == 0]
        if alone and len(alone) < g.number_of_nodes():
            g.remove_nodes_from(alone)
            message = (f"사실이 없는 개체 {len(alone):,}개는 숨겼습니다. {len(alone):,} entities named in no "
                       f"fact are hidden; search finds them.")
    total = g.number_of_nodes()
    if total > limit and iri is None:
        # Too big to draw: the entities nearest the best-connected one, as many as draw well.
        degree = dict(g.degree())
        iri = max(g, key=lambda n: (degree[n], n))
        g = g.subgraph(_nearest(g, iri, limit)).copy()
        too_big = (f"그래프가 너무 큽니다 ({total:,}개 노드, 한도 {limit:,}). 가장 많이 연결된 개체와 그 가까운 "
                   f"개체들을 보여 줍니다. The graph has {total:,} entities, more than the {limit:,} this view "
                   f"draws smoothly; showing the {g.number_of_nodes():,} nearest the best-connected entity. "
                   f"Pick a focus or filters to see another part.")
        message = f"{message} {too_big}" if message else too_big
    if g.number_of_nodes() > limit:
        message = (message or "") + (f" 가장 많이 연결된 {limit:,}개만 표시합니다. Showing the {limit:,} "
                                     f"best-connected of {g.number_of_nodes():,} entities.")
        g = _cap(g, limit, iri)
    if g.number_of_edges() <= EDGE_LABELS_UP_TO:  # few enough facts to show each with its quote
        with_evidence(store, g)
    positions = layout(g, start)
    labelled = important(g, {iri} if iri else ()) if g.number_of_nodes() > LABEL_ALL_UP_TO else None
    nodes, edges = network_data(g, labelled, positions)
    for node in nodes:
        if node["id"] == iri:  # the focus stands out: thick dark border, bold label
            node.update(borderWidth=4, color={"background": TYPE_STYLE[node["group"]][0], "border": "#111111"},
                        font={"size": 16})
    label = g.nodes[iri].get("label") if iri and iri in g else None
    return ViewData(nodes, edges, total, iri, label, message.strip() if message else None), positions


def _nearest(g: nx.MultiDiGraph, start: str, limit: int) -> list[str]:
    """Return up to ``limit`` nodes nearest ``start`` (ignoring direction), at each distance the
    best-connected first.

    >>> _nearest(nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "d"), ("d", "e"), ("d", "f")]), "a", 4)
    ['a', 'd', 'b', 'c']
    """
    und = g.to_undirected(as_view=True)
    degree = dict(g.degree())
    seen, out, level = {start}, [start], [start]
    while level and len(out) < limit:
        found = {m for n in level for m in und[n] if m not in seen}
        level = sorted(found, key=lambda n: (-degree[n], n))[:limit - len(out)]
        seen.update(found)
        out += level
    return out


def vis_options(height: str = "100%", physics: bool = True) -> dict:
    """Return the vis.js options: pyvis's defaults, our physics (off when the server placed the
    nodes), tooltips and interaction."""
    net = Network(height=height, width="100%", directed=True, cdn_resources="remote")
    options = json.loads(net.options.to_json())
    options["physics"] = {**options.get("physics", {}), **PHYSICS, "enabled": physics}
    options["interaction"] = {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                              "hideEdgesOnDrag": True}
    options["groups"] = {t: {"color": colour, "shape": shape} for t, (colour, shape, _) in TYPE_STYLE.items()}
    options["layout"] = {"improvedLayout": False}  # its Kamada-Kawai pass freezes big graphs
    options["edges"] = {**options.get("edges", {}), "font": {"size": 9, "align": "middle"},
                        "smooth": False, "color": {"inherit": False, "color": "#9aa5b1"}}
    options["nodes"] = {"font": {"size": 13, "face": "Noto Sans CJK KR, sans-serif"}}
    return options


@functools.cache
def environment() -> Environment:
    """Return the Jinja2 environment of every page (autoescaping on, shared names as globals)."""
    folder = resources.files("cityties.api") / "templates"
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(default=True))
    env.globals.update(TYPE_STYLE=TYPE_STYLE, FACT_LABELS=FACT_LABELS,
                       TYPE_KO={t: style[2] for t, style in TYPE_STYLE.items()})
    env.filters["groupby_order"] = groupby_order
    return env


def groupby_order(items: Iterable[dict], key: str) -> list[tuple[object, list[dict]]]:
    """Group consecutive items by ``item[key]``, keeping their order (Jinja's groupby sorts).

    >>> groupby_order([{"g": "b"}, {"g": "b"}, {"g": "a"}], "g")
    [('b', [{'g': 'b'}, {'g': 'b'}]), ('a', [{'g': 'a'}])]
    """
    return [(k, list(g)) for k, g in itertools.groupby(items, key=lambda item: item.get(key))]


_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def island(payload: dict) -> Markup:
    """Return ``payload`` as JSON to put inside a ``<script type="application/json">``: UTF-8
    text, not ``\\uXXXX`` escapes (a Hangul name costs 3 bytes, not 6), and nothing that could
    close the element (``<``, ``>``, ``&`` and quotes escaped as Jinja's ``tojson`` does).

    >>> str(island({"a": "</script>충칭"}))
    '{"a":"\\\\u003c/script\\\\u003e충칭"}'
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_SAFE:  # str.replace, not str.translate: 10 ms, not 200, for 3 MB
        text = text.replace(char, escape)
    return Markup(text)


def _by_index(nodes: list[dict], edges: list[dict]) -> list[dict]:
    """Return ``edges`` with their ends as positions in ``nodes``, not IRIs (``view.js`` maps
    them back): a big drawing's page is a third smaller and parses faster.

    >>> _by_index([{"id": "a"}, {"id": "b"}], [{"from": "b", "to": "a"}])
    [{'from': 1, 'to': 0}]
    """
    at = {n["id"]: i for i, n in enumerate(nodes)}
    return [{**e, "from": at[e["from"]], "to": at[e["to"]]} for e in edges]


def static_text(name: str) -> str:
    """Return the text of one file of ``api/static`` (to inline it)."""
    return (resources.files("cityties.api") / "static" / name).read_text(encoding="utf-8")


def render_view(store: Store, settings: Settings, focus: str | None = None, depth: int = 2,
                types: Iterable[str] | None = None, fact_types: Iterable[str] | None = None,
                date_from: str | None = None, date_to: str | None = None, *,
                standalone: bool = True, whole: nx.MultiDiGraph | None = None,
                layouts: Layouts | None = None, home: str | None = None) -> str:
    """Render the network view as one HTML page, every node at its place (no physics in the browser).

    ``standalone`` (the CLI's file) inlines vis-network and the scripts and leaves out the
    filter form and links that need the server; the ``/view`` route passes False.
    """
    types = [t for t in (types or ()) if t in ENTITY_TYPES]
    fact_types = [t for t in (fact_types or ()) if t in (*FACT_TYPES, "within")]
    data = view_data(store, settings, focus, depth, types, fact_types, date_from, date_to, whole=whole,
                     layouts=layouts, home=home)
    options = vis_options(physics=False)
    if len(data.nodes) > EDGE_LABELS_UP_TO:  # a big drawing zooms and pans as nodes alone
        options["interaction"]["hideEdgesOnZoom"] = True
        options["edges"]["arrows"] = {"to": {"enabled": False}}
    payload = {"nodes": data.nodes, "edges": _by_index(data.nodes, data.edges), "options": options,
               "entityBase": None if standalone else "/entity?iri="}
    inline = {name: static_text(name) for name in ("vis-network.min.js", "vis-network.css", "view.js",
                                                    "style.css")} if standalone else {}
    return environment().get_template("view.html").render(
        data=data, payload=island(payload), inline=inline, standalone=standalone,
        legend=[(t, *TYPE_STYLE[t]) for t in (*ENTITY_TYPES, "Entity")],
        fact_labels=FACT_LABELS, entity_types=ENTITY_TYPES, fact_types=(*FACT_TYPES, "within"),
        chosen_types=set(types), chosen_facts=set(fact_types), focus=focus or "", depth=depth,
        date_from=date_from or "", date_to=date_to or "", limit=settings.view_max_nodes,
        max_depth=settings.max_depth)


__all__ = ["TYPE_STYLE", "FACT_LABELS", "ViewData", "network_data", "view_data", "vis_options",
           "render_view", "island", "static_text", "environment", "important", "groupby_order",
           "EDGE_LABELS_UP_TO"]
