"""The briefing as a page: HTML with its timeline and network drawn as inline SVG, or a download.

``render_briefing`` serves ``/briefing/{entity}`` and writes ``cityties brief --format html``
(standalone: the stylesheet inlined, no link that needs the server).
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ..graph.briefdoc import to_docx, to_markdown
from ..graph.briefing import Briefing
from ..graph.charts import network_svg, timeline_svg
from .view import environment, static_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_briefing(b: Briefing, standalone: bool = False) -> str:
    """Render the briefing page; the SVG is ours, built with every label escaped (graph.charts)."""
    timeline = Markup(timeline_svg([(m.kind, m.start, m.end, m.label) for m in b.timeline]))  # noqa: S704
    network = Markup(network_svg(b.nodes, b.edges))  # noqa: S704
    inline = {"style.css": static_text("style.css")} if standalone else {}
    return environment().get_template("briefing.html").render(
        b=b, timeline=timeline, network=network, standalone=standalone, inline=inline)


def briefing_response(b: Briefing, fmt: str) -> Response:
    """Return the briefing as an HTML page, or as a Markdown or DOCX download."""
    name = quote(f"briefing-{b.label}")
    if fmt == "md":
        return Response(to_markdown(b), media_type="text/markdown; charset=utf-8",
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}.md"})
    if fmt == "docx":
        return Response(to_docx(b), media_type=DOCX,
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}.docx"})
    return HTMLResponse(render_briefing(b))


__all__ = ["render_briefing", "briefing_response"]
