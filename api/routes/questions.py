"""Template questions: ``/api/ask?q=...`` (and ``/ask`` unless an HTML page claims it)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..ask import QuestionError, answer
from ..deps import ApiError, IndexDep, SettingsDep, StoreDep
from ..schemas import AskOut, ErrorOut

router = APIRouter(tags=["questions"], responses={400: {"model": ErrorOut}})


def _ask(store, index, settings, q: str) -> AskOut:
    try:
        return AskOut.model_validate(answer(store, q, settings, index=index))
    except QuestionError as e:
        raise ApiError(400, "bad_question", str(e)) from e


@router.get("/api/ask", response_model=AskOut)
def ask(store: StoreDep, index: IndexDep, settings: SettingsDep,
        q: Annotated[str, Query(description="a question in Korean or English, e.g. 충칭에서 누구를 만났나")]) -> AskOut:
    """Answer a template question; an unmatched question gets the list of questions it can answer."""
    return _ask(store, index, settings, q)


@router.get("/ask", response_model=AskOut, include_in_schema=False)
def ask_short(store: StoreDep, index: IndexDep, settings: SettingsDep, q: Annotated[str, Query()]) -> AskOut:
    """Answer a template question (the short path; same as /api/ask)."""
    return _ask(store, index, settings, q)
