"""Small pictures drawn as inline SVG on the server: a timeline and a focused network.

No script and no remote resource: a page, a saved HTML file or a printout shows
them as they are. Every label comes from documents, so every text is escaped.

>>> svg = timeline_svg([("trip", "2019-12-22", "2019-12-26", "<충칭>")])
>>> svg.startswith("<svg") and "&lt;충칭&gt;" in svg and "<충칭>" not in svg
True
"""
from __future__ import annotations

import math
from datetime import date
from html import escape
from typing import Iterable

COLOURS = {"trip": "#1f77b4", "met": "#d62728", "agreement": "#2ca02c", "focus": "#111111", "home": "#1f77b4",
           "partner": "#2ca02c", "person": "#e377c2", "place": "#ff7f0e"}
LEGEND = {"trip": "출장 trip", "met": "면담·방문 met", "agreement": "협약 agreement"}


def _day(text: str) -> date:
    """Return the first day an ISO date of any precision can mean.

    >>> _day("2019-12"), _day("2015")
    (datetime.date(2019, 12, 1), datetime.date(2015, 1, 1))
    """
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def timeline_svg(marks: Iterable[tuple[str, str, str, str]], width: int = 720) -> str:
    """Draw (kind, start, end, label) marks on one axis from the first year to the last: trips
    as bars, meetings and agreements as dots, one lane per kind."""
    marks = [m for m in marks if m[1]]
    lanes = [k for k in ("trip", "met", "agreement") if any(m[0] == k for m in marks)]
    height = 40 + 34 * max(1, len(lanes))
    if not marks:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" role="img" '
                f'aria-label="timeline"><text x="8" y="24" font-size="12" fill="#666">'
                f'날짜가 있는 사실 없음 · nothing dated</text></svg>')
    first = _day(min(m[1] for m in marks)).year
    last = max(_day(m[2] or m[1]).year for m in marks) + 1
    left, right = 110, width - 16
    span = (date(last, 1, 1) - date(first, 1, 1)).days or 1

    def x(text: str) -> float:
        return left + (right - left) * (_day(text) - date(first, 1, 1)).days / span

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="timeline" font-family="sans-serif">']
    axis = height - 22
    out.append(f'<line x1="{left}" y1="{axis}" x2="{right}" y2="{axis}" stroke="#999"/>')
    step = max(1, (last - first) // 8)
    for year in range(first, last + 1, step):
        px = x(f"{year}")
        out.append(f'<line x1="{px:.1f}" y1="{axis}" x2="{px:.1f}" y2="{axis + 4}" stroke="#999"/>'
                   f'<text x="{px:.1f}" y="{axis + 16}" font-size="11" text-anchor="middle" fill="#555">{year}</text>')
    for lane, kind in enumerate(lanes):
        y = 20 + 34 * lane
        out.append(f'<text x="4" y="{y + 4}" font-size="11" fill="#333">{escape(LEGEND[kind])}</text>')
        for k, start, end, label in marks:
            if k != kind:
                continue
            tip = f"<title>{escape(start)}{' – ' + escape(end) if end and end != start else ''} {escape(label)}</title>"
            if kind == "trip":
                a, b = x(start), max(x(end or start), x(start) + 4)
                out.append(f'<rect x="{a:.1f}" y="{y - 7}" width="{b - a:.1f}" height="14" rx="3" '
                           f'fill="{COLOURS[kind]}" opacity="0.8">{tip}</rect>')
            else:
                out.append(f'<circle cx="{x(start):.1f}" cy="{y}" r="5" fill="{COLOURS[kind]}" opacity="0.75">{tip}</circle>')
    out.append("</svg>")
    return "".join(out)


def network_svg(nodes: Iterable[tuple[str, str, str]], edges: Iterable[tuple[str, str, str]],
                size: int = 520) -> str:
    """Draw the focus in the middle, us on the left, the others on a circle around it; edges as
    lines (dashed for agreements not signed). Node labels are escaped text.

    >>> "<text" in network_svg([("a", "A&B", "focus"), ("b", "B", "home")], [("b", "a", "met")])
    True
    """
    nodes = list(nodes)
    edges = list(edges)
    c = size / 2
    pos: dict[str, tuple[float, float]] = {}
    ring = [n for n in nodes if n[2] not in ("focus", "home")]
    for iri, _, role in nodes:
        if role == "focus":
            pos[iri] = (c, c)
    homes = [n for n in nodes if n[2] == "home"]
    for i, (iri, _, _) in enumerate(homes):
        pos[iri] = (56, c + (i - (len(homes) - 1) / 2) * 44)
    radius = size * 0.36
    for i, (iri, _, _) in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / max(1, len(ring))
        pos[iri] = (c + radius * math.cos(angle) * 1.05 + 30, c + radius * math.sin(angle))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 60}" height="{size}" '
           f'viewBox="0 0 {size + 60} {size}" role="img" aria-label="network" font-family="sans-serif">']
    for a, b, kind in edges:
        if a not in pos or b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[a], pos[b]
        dash = ' stroke-dasharray="5,4"' if kind.startswith("agreement") and not kind.endswith("signed") else ""
        colour = "#ccc" if kind in ("within", "person") else COLOURS.get(kind.split(":")[0], "#999")
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                   f'stroke-width="1.4"{dash}/>')
    for iri, label, role in nodes:
        if iri not in pos:
            continue
        x, y = pos[iri]
        r = 13 if role in ("focus", "home") else 7
        short = label if len(label) <= 16 else label[:15] + "…"
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{COLOURS.get(role, "#999")}"><title>'
                   f'{escape(label)}</title></circle>'
                   f'<text x="{x:.1f}" y="{y + r + 12:.1f}" font-size="11" text-anchor="middle" fill="#222">'
                   f'{escape(short)}</text>')
    out.append("</svg>")
    return "".join(out)


__all__ = ["timeline_svg", "network_svg", "COLOURS", "LEGEND"]
