"""Where each node of a network view sits: a force-directed layout computed once, on the server.

A browser that lays out 5,000 nodes itself (vis.js physics) needs half a minute; one
that is handed the positions draws them in about a second. The layout is
Fruchterman-Reingold from igraph's C core (grid-based above a few hundred nodes:
0.8 s for 5,000 nodes, 2.8 s for 20,000 on this project's 2-core machine, where
networkx's ``spring_layout`` took 102 s for 5,000 and ``forceatlas2_layout`` 11 s
for 1,000). Each connected component is laid out alone and the components are
packed in rows, largest first, so small islands neither fly off nor pile up.

:class:`Layouts` keeps the positions per store generation and view (focus and
filters), with what was drawn from them; a new generation starts from the old
positions, so a write moves little of what a user has already seen.

>>> import networkx as nx
>>> pos = layout(nx.path_graph(["a", "b", "c"]))
>>> sorted(pos), all(isinstance(v, float) for xy in pos.values() for v in xy)
(['a', 'b', 'c'], True)
"""
from __future__ import annotations

import math
import random
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, Mapping, TypeVar

import networkx as nx

EDGE_LENGTH = 110.0  # vis.js pixels between neighbours at zoom 1
GRID_FROM = 500  # nodes from which the grid-based variant is used (exact one is quadratic)
ITERATIONS = 500
_GAP = 2.0  # space between packed components, in edge lengths

Positions = dict[str, tuple[float, float]]
T = TypeVar("T")


def layout(g: nx.Graph, start: Mapping[str, tuple[float, float]] | None = None, seed: int = 7) -> Positions:
    """Return (x, y) per node of ``g`` in vis.js pixels; ``start`` gives known nodes' old positions."""
    rng = random.Random(seed)
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(g.nodes, key=str))
    undirected.add_edges_from((u, v) for u, v in g.edges() if u != v)
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(undirected)),
                   key=lambda c: (-len(c), str(c[0])))
    placed = [_component(undirected.subgraph(c), c, start or {}, rng) for c in parts]
    return _pack(placed)


def _component(g: nx.Graph, nodes: list[Hashable], start: Mapping, rng: random.Random) -> Positions:
    """Lay out one connected component around the origin, edges about EDGE_LENGTH long."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (EDGE_LENGTH, 0.0)}
    import igraph  # noqa: PLC0415 - its C core is only needed for drawing networks

    index = {node: i for i, node in enumerate(nodes)}
    h = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in g.edges()])
    spread = math.sqrt(n) / 2  # igraph's own start box: a wider one makes the grid variant slower
    known = [start[x] for x in nodes if x in start]
    if known:  # old positions are in pixels: centre them and bring them into the start box
        cx, cy = sum(p[0] for p in known) / len(known), sum(p[1] for p in known) / len(known)
        factor = spread / (max(max(abs(p[0] - cx), abs(p[1] - cy)) for p in known) or spread)
    seed = [[(start[x][0] - cx) * factor, (start[x][1] - cy) * factor] if x in start
            else [rng.uniform(-spread, spread), rng.uniform(-spread, spread)] for x in nodes]
    coords = h.layout_fruchterman_reingold(niter=ITERATIONS, seed=seed, grid=n >= GRID_FROM).coords
    lengths = sorted(math.dist(coords[index[u]], coords[index[v]]) for u, v in g.edges())
    scale = EDGE_LENGTH / max(lengths[len(lengths) // 2], 1e-9)
    cx = sum(c[0] for c in coords) / n
    cy = sum(c[1] for c in coords) / n
    return {node: ((coords[i][0] - cx) * scale, (coords[i][1] - cy) * scale) for node, i in index.items()}


def _pack(parts: list[Positions]) -> Positions:
    """Place laid-out components side by side in rows about as wide as the largest is tall.

    >>> _pack([{"a": (0.0, 0.0)}, {"b": (0.0, 0.0)}])
    {'a': (0.0, 0.0), 'b': (220.0, 0.0)}
    """
    gap = _GAP * EDGE_LENGTH
    boxes = []
    for pos in parts:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    total = sum((w + gap) * (h + gap) for _, _, w, h in boxes)
    width = max(max((w for _, _, w, _ in boxes), default=0.0), math.sqrt(total))
    out: Positions = {}
    x = y = row = 0.0
    for pos, (x0, y0, w, h) in zip(parts, boxes):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row + gap, 0.0
        out.update({node: (round(px - x0 + x, 1), round(py - y0 + y, 1)) for node, (px, py) in pos.items()})
        x += w + gap
        row = max(row, h)
    return out


class Layouts:
    """Drawings per (store generation, view key), the most recent ``size`` kept.

    A drawing is whatever the caller builds around a layout (nodes, edges, a message); it is
    built once per generation and view. A view asked for at a new generation is laid out
    starting from its positions at the last one.
    """

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._done: OrderedDict[tuple, Any] = OrderedDict()
        self._last: dict[Hashable, Positions] = {}  # per view key, whatever the generation
        self._lock = threading.Lock()

    def drawing(self, generation: int, key: Hashable, build: Callable[[Positions | None], tuple[T, Positions]]) -> T:
        """Return the drawing of this view at this generation: kept, or ``build(start)`` where
        ``start`` is the view's last positions (None the first time) and ``build`` returns the
        drawing and its positions."""
        full = (generation, key)
        with self._lock:
            if full in self._done:
                self._done.move_to_end(full)
                return self._done[full]
            start = self._last.get(key)
        drawing, positions = build(start)
        with self._lock:
            self._done[full] = drawing
            self._last[key] = positions
            while len(self._done) > self.size:
                old_key = self._done.popitem(last=False)[0][1]
                if all(k[1] != old_key for k in self._done):
                    self._last.pop(old_key, None)
        return drawing


__all__ = ["layout", "Layouts", "Positions", "EDGE_LENGTH"]
