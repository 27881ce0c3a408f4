"""The model, its JSON contract and its RDF form."""
from __future__ import annotations

import json

import pytest
from rdflib.compare import isomorphic

from cityties.graph.model import Entity, Extraction, Fact, Mention, ModelError, from_json, to_json
from cityties.graph.rdf import extraction_to_rdf, rdf_to_extraction
from cityties.graph.vocab import document_iri

from graphs import COUNCIL, LIU, TEXT, small_extraction


def _canonical(x: Extraction) -> dict:
    """The contract with sets written as sorted lists (RDF keeps sets, not sequences)."""
    d = to_json(x)
    for e in d["entities"]:
        e["aliases"] = sorted(e["aliases"])
        e["mentions"] = sorted(e["mentions"], key=lambda m: (m["start"], m["end"]))
        e["same_as"] = sorted(e["same_as"])
    d["entities"].sort(key=lambda e: e["id"])
    d["facts"].sort(key=lambda f: json.dumps(f, sort_keys=True, ensure_ascii=False))
    return d


def test_round_trip_extraction_rdf_extraction():
    x = small_extraction()
    back = rdf_to_extraction(extraction_to_rdf(x), document_iri(x.document.id))
    assert _canonical(back) == _canonical(x)
    assert back.document.text == TEXT


def test_rdf_is_deterministic_and_isomorphic_across_runs():
    a, b = extraction_to_rdf(small_extraction()), extraction_to_rdf(small_extraction())
    assert isomorphic(a, b)
    assert sorted(a.serialize(format="nt").splitlines()) == sorted(b.serialize(format="nt").splitlines())
    assert not any(l.startswith("_:") for l in a.serialize(format="nt").splitlines())


def test_json_contract_round_trip_checks_offsets():
    x = small_extraction()
    data = json.loads(json.dumps(to_json(x), ensure_ascii=False))
    assert _canonical(from_json(data, TEXT)) == _canonical(x)
    data["facts"][0]["evidence"]["start"] += 1
    data["facts"][0]["evidence"]["end"] += 1
    with pytest.raises(ModelError):
        from_json(data, TEXT)


def test_mention_length_must_match_span():
    with pytest.raises(ModelError):
        Mention(0, 3, "충칭")


def test_fact_checks_kind_status_and_date():
    ev = Mention(0, 2, "고양")
    with pytest.raises(ModelError):
        Fact("agreement", COUNCIL, LIU, ev, kind="treaty")
    with pytest.raises(ModelError):
        Fact("agreement", COUNCIL, LIU, ev, status="maybe")
    with pytest.raises(ModelError):
        Fact("met", COUNCIL, LIU, ev, date="23.12.2019")


def test_extraction_rejects_facts_about_unknown_entities():
    x = small_extraction()
    with pytest.raises(ModelError):
        Extraction(x.document, x.entities[:1], x.facts)


def test_entity_rejects_unknown_type():
    with pytest.raises(ModelError):
        Entity("https://x/1", "Village")


def test_discover_ids_and_ignore_file(tmp_path):
    from cityties.ingest.batch import discover
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.hwp", "SOURCES.md", "notes.xyz", ".hidden.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / ".citytiesignore").write_text("# not documents\nSOURCES.md\n", encoding="utf-8")
    ids = [s.document_id for s in discover([folder], {".txt", ".hwp", ".md"})]
    assert ids == ["reports/a.txt", "reports/sub/b.hwp"]
    assert [s.document_id for s in discover([folder / "SOURCES.md"], {".md"})] == ["SOURCES.md"]
