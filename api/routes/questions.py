"""Template questions as JSON: ``/api/ask?q=...`` (the ``/ask`` page is in ``api.pages``)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...graph.questions import QuestionError, answer
from ..deps import ApiError, IndexDep, SettingsDep, StoreDep
from ..schemas import AskOut, ErrorOut

router = APIRouter(tags=["questions"], responses={400: {"model": ErrorOut}})


@router.get("/api/ask", response_model=AskOut)
def ask(store: StoreDep, index: IndexDep, settings: SettingsDep,
        q: Annotated[str, Query(description="a question in Korean or English, e.g. 충칭에서 누구를 만났나")]) -> AskOut:
    """Answer a template question; one no template fits gets what was understood of it and the
    closest questions that can be answered."""
    try:
        return AskOut.model_validate(answer(store, q, settings, index=index))
    except QuestionError as e:
        raise ApiError(400, "bad_question", str(e)) from e
