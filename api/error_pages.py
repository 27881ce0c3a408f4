"""Error pages: what a person in a browser sees when a page cannot be shown, in Korean and English.

API routes (``/api``, ``/sparql``, ``/openapi.json``) answer ``{"error": code, "message": ...}``;
everything else a browser opens answers an HTML page that says what went wrong in
words, never with the name of an internal setting.

>>> field_problem({"type": "string_too_long", "loc": ["query", "q"], "ctx": {"max_length": 200}, "input": "x" * 300})
('검색어: 200자 이하로 입력해 주세요 (입력 300자).', 'Search text: at most 200 characters (you entered 300).')
"""
from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from .view import environment

JSON_PREFIXES = ("/api/", "/sparql", "/openapi.json")
FIELDS = {  # query parameter: (Korean, English)
    "q": ("검색어", "Search text"), "iri": ("개체 주소", "Entity address"), "id": ("문서", "Document"),
    "focus": ("중심 개체", "Focus entity"), "depth": ("깊이", "Depth"), "type": ("유형", "Type"),
    "fact": ("사실 유형", "Fact type"), "date_from": ("시작 날짜", "From date"), "date_to": ("끝 날짜", "To date"),
}
TITLES = {  # status: (Korean, English, what to do in Korean, in English)
    400: ("요청을 처리할 수 없습니다", "The request cannot be handled",
          "입력한 내용을 확인해 주세요.", "Please check what you entered."),
    404: ("페이지를 찾을 수 없습니다", "Page not found",
          "주소를 확인하거나 이름으로 검색해 보세요.", "Check the address, or search by name."),
    405: ("이 방법으로는 열 수 없는 페이지입니다", "This page cannot be opened this way",
          "홈에서 다시 시작해 주세요.", "Start again from the home page."),
    413: ("보낸 내용이 너무 큽니다", "What was sent is too large",
          "더 작은 파일이나 짧은 글로 다시 시도해 주세요.", "Try again with a smaller file or shorter text."),
    422: ("입력을 확인해 주세요", "Please check what you entered", "", ""),
    429: ("요청이 너무 많습니다", "Too many requests at once",
          "잠시 후 다시 시도해 주세요.", "Please try again in a moment."),
    500: ("일시적인 오류가 발생했습니다", "Something went wrong on our side",
          "오류는 기록되었습니다. 잠시 후 다시 시도해 주세요.", "It has been logged; please try again later."),
    503: ("지금은 답할 수 없습니다", "The service is busy",
          "잠시 후 다시 시도해 주세요.", "Please try again in a moment."),
}


def wants_html(request: Request) -> bool:
    """Say whether an error on this request should be a page (a browser on a page route) or JSON."""
    path = request.url.path
    if path == "/api" or path.startswith(JSON_PREFIXES):
        return False
    accept = request.headers.get("accept", "")
    if path.startswith("/id/"):  # content negotiation: machines asked for RDF
        return "text/html" in accept
    return "text/html" in accept or "json" not in accept


def field_problem(error: dict[str, Any]) -> tuple[str, str]:
    """Say what is wrong with one input field, in Korean and in English, from a validation error."""
    name = str((error.get("loc") or ["", "?"])[-1])
    ko_name, en_name = FIELDS.get(name, (name, name))
    kind, ctx, given = error.get("type", ""), error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return f"{ko_name}: 값이 필요합니다.", f"{en_name}: a value is required."
    if kind == "string_too_long":
        n, got = ctx.get("max_length"), len(given) if isinstance(given, str) else None
        return (f"{ko_name}: {n}자 이하로 입력해 주세요" + (f" (입력 {got}자)." if got else "."),
                f"{en_name}: at most {n} characters" + (f" (you entered {got})." if got else "."))
    if kind == "string_too_short":
        return f"{ko_name}: 내용을 입력해 주세요.", f"{en_name}: please enter something."
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "?")
        ko = {"greater_than_equal": "이상", "greater_than": "초과", "less_than_equal": "이하", "less_than": "미만"}
        en = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
              "less_than": "less than"}
        return f"{ko_name}: {bound} {ko[kind]}이어야 합니다.", f"{en_name}: must be {en[kind]} {bound}."
    if kind.startswith(("int_", "float_")):
        return f"{ko_name}: 숫자를 입력해 주세요.", f"{en_name}: please enter a number."
    if kind in ("literal_error", "enum"):
        return (f"{ko_name}: 고를 수 있는 값이 아닙니다.",
                f"{en_name}: not one of the choices ({ctx.get('expected', '')}).".replace(" ().", "."))
    return f"{ko_name}: 올바른 값이 아닙니다.", f"{en_name}: not a valid value."


def error_page(request: Request, status: int, details: list[tuple[str, str]] | None = None,
               retry_after: int | None = None, headers: dict[str, str] | None = None) -> HTMLResponse:
    """Render the error page for ``status`` with per-field ``details`` (Korean, English)."""
    ko, en, todo_ko, todo_en = TITLES.get(status, TITLES[500 if status >= 500 else 400])
    if retry_after:
        todo_ko, todo_en = f"{retry_after}초 뒤에 다시 시도해 주세요.", f"Please try again in {retry_after} seconds."
    html = environment().get_template("error.html").render(
        title=f"{ko} {en}", message=f"{todo_ko} {todo_en}".strip(), details=details or [], status=status)
    return HTMLResponse(html, status_code=status, headers=headers)


__all__ = ["wants_html", "field_problem", "error_page", "JSON_PREFIXES"]
