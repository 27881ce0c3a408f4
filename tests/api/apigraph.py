"""Helpers for the API tests: the small graph plus a signed-agreement document, and clients over it."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from cityties.api.app import create_app
from cityties.graph.model import Document, Entity, Extraction, Fact, Mention
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.store import open_store
from cityties.graph.vocab import document_iri, gazetteer_iri
from cityties.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
# the graph-layer tests keep the hand-built extraction beside them, outside any package
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from graphs import GOYANG, small_extraction  # noqa: E402

TOKEN = "test-token-1234"
CHENGDU = gazetteer_iri("chengdu")
SIGNED_TEXT = "고양시와 청두시는 2018. 5. 1. 우호도시 협약을 체결하였다. 이어 청두시를 방문하였다. 우한시도 언급되었다."
WUHAN = gazetteer_iri("wuhan")


def _span(text: str, needle: str) -> Mention:
    i = text.index(needle)
    return Mention(i, i + len(needle), needle)


def signed_extraction() -> Extraction:
    """A second document: a signed agreement with Chengdu, a visit there, and Wuhan named in passing."""
    t = SIGNED_TEXT
    ents = (
        Entity(GOYANG, "City", {"ko": "고양시", "en": "Goyang"}, ("고양",), (_span(t, "고양시"),)),
        Entity(CHENGDU, "City", {"ko": "청두", "en": "Chengdu", "zh": "成都"}, ("청두시",), (_span(t, "청두시"),)),
        Entity(WUHAN, "City", {"ko": "우한", "en": "Wuhan"}, (), (_span(t, "우한시"),)),  # named, in no fact
    )
    facts = (
        Fact("agreement", GOYANG, CHENGDU, _span(t, "고양시와 청두시는 2018. 5. 1. 우호도시 협약을 체결하였다."),
             kind="friendship_city", status="signed", date="2018-05-01"),
        Fact("visited", GOYANG, CHENGDU, _span(t, "이어 청두시를 방문하였다."), date="2018-05-01"),
    )
    return Extraction(Document(id="signed.txt", source="signed.txt", title="우호도시 협약", home=GOYANG,
                               date="2018-05-02", sha256="1" * 64, text=t), ents, facts)


def build_store():
    """Return an in-memory store holding the small graph and the signed-agreement document."""
    store = open_store(None)
    for x in (small_extraction(), signed_extraction()):
        store.replace_document(document_iri(x.document.id), extraction_to_rdf(x))
    return store


def make_client(store, **overrides) -> TestClient:
    """Return a client for an app whose settings differ, swapped in through dependency_overrides."""
    from cityties.api.deps import get_settings
    app = create_app(store, Settings(store="/nonexistent", token=TOKEN))
    custom = Settings(store="/nonexistent", **{"token": TOKEN, **overrides})
    app.dependency_overrides[get_settings] = lambda: custom
    return TestClient(app)


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def pipeline_available() -> bool:
    return importlib.util.find_spec("cityties.ingest.pipeline") is not None
