"""The network view's layout: every node placed, neighbours near, islands apart, drawings kept per generation."""
from __future__ import annotations

import math
import statistics

import networkx as nx

from cityties.graph.layout import EDGE_LENGTH, Layouts, layout


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    hubs = [f"hub{i}" for i in range(3)]
    for i, hub in enumerate(hubs):  # three stars joined in a ring, and a few islands
        for j in range(40):
            g.add_edge(hub, f"leaf{i}-{j}", key=f"f{i}-{j}")
        g.add_edge(hub, hubs[(i + 1) % 3], key=f"ring{i}")
    g.add_edge("x", "y", key="island")
    g.add_node("alone")
    return g


def test_every_node_is_placed_with_neighbours_nearer_than_strangers():
    g = _graph()
    pos = layout(g)
    assert set(pos) == set(g) and all(math.isfinite(v) for xy in pos.values() for v in xy)
    edge = statistics.median(math.dist(pos[u], pos[v]) for u, v in g.edges() if u != v)
    assert 0.5 * EDGE_LENGTH < edge < 2 * EDGE_LENGTH  # drawn at the scale vis.js shows well
    nodes = sorted(g)
    pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1::7]]
    assert statistics.median(math.dist(pos[a], pos[b]) for a, b in pairs) > 2 * edge
    # the leaves of one hub sit around it, nearer to it than to the other hubs
    for i in range(3):
        own = statistics.median(math.dist(pos[f"hub{i}"], pos[f"leaf{i}-{j}"]) for j in range(40))
        other = statistics.median(math.dist(pos[f"hub{(i + 1) % 3}"], pos[f"leaf{i}-{j}"]) for j in range(40))
        assert own < other


def test_islands_do_not_overlap_the_main_component():
    g = _graph()
    pos = layout(g)
    main = [pos[n] for n in g if n not in ("x", "y", "alone")]
    box = (min(p[0] for p in main), min(p[1] for p in main), max(p[0] for p in main), max(p[1] for p in main))
    for n in ("x", "y", "alone"):
        x, y = pos[n]
        assert not (box[0] <= x <= box[2] and box[1] <= y <= box[3]), n


def test_a_drawing_is_built_once_per_generation_and_starts_from_the_last_one():
    g = _graph()
    layouts = Layouts(size=2)
    calls: list[object] = []

    def build(start):
        calls.append(start)
        pos = layout(g, start)
        return ("drawing", len(calls)), pos

    first = layouts.drawing(1, "whole", build)
    assert layouts.drawing(1, "whole", build) is first and len(calls) == 1
    second = layouts.drawing(2, "whole", build)  # the store was written: built again ...
    assert second == ("drawing", 2) and calls[1] is not None  # ... from the positions of generation 1
    layouts.drawing(2, "a", build)
    layouts.drawing(2, "b", build)  # only two kept: generation 2's whole view is gone
    assert layouts.drawing(2, "whole", build) == ("drawing", 5)


def test_a_new_generation_moves_known_nodes_little():
    g = _graph()
    before = layout(g)
    g.add_edge("hub0", "newcomer", key="new")
    after = layout(g, before)
    # positions are relative: compare the distances between hubs, before and after
    ring = [("hub0", "hub1"), ("hub1", "hub2"), ("hub2", "hub0")]
    for a, b in ring:
        assert math.dist(after[a], after[b]) < 3 * math.dist(before[a], before[b]) + EDGE_LENGTH
    assert "newcomer" in after
