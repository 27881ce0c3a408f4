"""The writing body: read off a document, or given with --home, a sidecar, or the upload form."""
from __future__ import annotations

import json

from cityties.graph.vocab import document_iri

from clirun import cityties

# Written for this test: a district page's header and breadcrumb, then its partner's timeline.
PAGE = ("본문 바로가기 주메뉴 바로가기\n\n행복한 남구\n\n> 행복한 남구>구정소개>자매도시\n\n"
        "• 베트남 후에시\n  • 결연일 : 2010. 5. 3.\n  • 교류내용\n    2012. 4. 2. 후에시 대표단 남구 방문\n")
NEWS = "목포시, 중국 옌청시와 우호 교류\n목포시는 옌청시를 방문했다.\n홍길동 기자 hong@news.kr\n"


def _doc(store, doc_id: str) -> dict:
    from cityties.graph.store import open_store
    s = open_store(str(store), read_only=True)
    try:
        from cityties.graph import queries
        d = queries.document(s, document_iri(doc_id))
        return {"home_label": d.home_label, "reason": d.home_reason, "confidence": d.home_confidence}
    finally:
        s.close()


def test_the_writing_body_is_read_off_a_page_and_recorded(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    x = json.loads(cityties("extract", str(page), "--format", "json").stdout)
    home = next(e for e in x["entities"] if e["id"] == x["document"]["home"])
    assert home["labels"].get("ko") == "남구" or "남구" in {m["text"] for m in home["mentions"]}
    assert x["document"]["home_reason"] == "site header" and 0 < x["document"]["home_confidence"] <= 1


def test_home_given_on_the_command_line_or_in_a_sidecar_wins(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    x = json.loads(cityties("extract", str(news), "--format", "json").stdout)
    assert x["document"]["home"] is None  # third-person news speaks for no one
    given = json.loads(cityties("extract", str(news), "--format", "json", "--home", "목포시").stdout)
    assert given["document"]["home_reason"] == "given" and given["document"]["home_confidence"] == 1.0
    assert "목포시" in json.dumps(next(e for e in given["entities"] if e["id"] == given["document"]["home"]),
                                 ensure_ascii=False)

    store = tmp_path / "store"
    (tmp_path / "news.txt.meta.json").write_text(json.dumps({"home": "목포시"}), encoding="utf-8")
    cityties("ingest", str(news), "--quiet", store=store)
    assert _doc(store, "news.txt")["reason"] == "given"
    # a different --home re-ingests the unchanged file (the given home is part of what was ingested)
    out = cityties("ingest", str(news), "--quiet", "--home", "옌청시", store=store).stdout
    assert out.startswith("1 documents")
    assert _doc(store, "news.txt")["home_label"] in ("옌청시", "옌청")


def test_a_broken_sidecar_is_one_line_naming_it(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    (tmp_path / "news.txt.meta.json").write_text("{home: 목포시", encoding="utf-8")
    proc = cityties("ingest", str(news), "--quiet", store=tmp_path / "s", check=False)
    assert proc.returncode != 0
    assert "news.txt.meta.json" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
