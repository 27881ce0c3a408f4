"""Curation over every store implementation: the embedded Oxigraph and Virtuoso answer alike.

A curation rewrites the curation graph and the documents it changes in one update; the
queries that find its documents, its history and its redirects run on each engine.
"""
from __future__ import annotations

import pytest
from graphs import GOYANG, GUIYANG, LIU, YUBEI, YUBEI_GOV, small_extraction
from rdflib.compare import isomorphic

from cityties.graph import curator, meetings, queries, ranked
from cityties.graph.proposal import Proposal
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.vocab import document_iri

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

DOC = document_iri(small_extraction().document.id)


def test_curate_reingest_undo_and_history_on_every_store(store):
    raw = extraction_to_rdf(small_extraction())
    store.replace_document(DOC, raw)
    [met] = [f.row.fact for f in ranked.facts_of(store, LIU) if f.row.type == "met"]
    curator.record(store, Proposal("reject", met, who="kim"))
    curator.record(store, Proposal("merge", "위베이구청", "위베이구", who="kim"))
    curator.record(store, Proposal("set_status", [f.row.fact for f in ranked.facts_of(store, GUIYANG)
                                                  if f.row.type == "agreement"][0], "signed", who="kim"))
    store.replace_document(DOC, extraction_to_rdf(small_extraction()))  # re-ingest: replayed
    assert [m.counterpart for m in meetings.meetings(store, GOYANG)] == [YUBEI]
    assert queries.resolve_entity(store, YUBEI_GOV) == YUBEI
    assert [a.status for a in queries.agreements(store, GOYANG)] == ["signed"]
    assert [(s.state, s.documents) for s in curator.history(store)] == [("applied", 1)] * 3
    for seq in (3, 2, 1):
        curator.undo(store, seq, "lee")
    assert isomorphic(store.graph(DOC), raw)
    assert [s.state for s in curator.history(store)] == ["undone"] * 3
