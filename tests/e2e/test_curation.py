"""Curation end to end on the bundled corpus: corrections made through the CLI and the notebook API,
then the corpus re-ingested with a changed extractor, and a document edited and re-ingested.

Every curation must come out applied, or listed as orphaned with its reason, never dropped.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx

import cityties
from cityties.graph.vocab import gazetteer_iri

from clirun import CORPUS, ROOT, cityties as run
from test_shared_store import TOKEN, service  # noqa: F401 - the running service, a fixture

CHONGQING = gazetteer_iri("chongqing")
PROVISIONAL = gazetteer_iri("korean_provisional_government")
XIANTAO = "https://w3id.org/cityties/id/industrialpark/chongqing/시엔타오빅데이터밸리"


def fact_ids(store: Path, entity: str) -> list[tuple[str, str, str, str]]:
    """Return (fact id, type, 'subject → object', date) of an entity's facts, from `cityties curate facts`."""
    out = run("curate", "facts", entity, store=store).stdout
    return [tuple(line.split("\t")[:4]) for line in out.splitlines()]


def one(facts, ftype: str, ends: str, date: str | None = None) -> str:
    [fid] = [f[0] for f in facts if f[1] == ftype and f[2] == ends and (date is None or f[3] == date)]
    return fid


def log(store: Path, env: dict | None = None) -> list[dict]:
    return json.loads(run("curate", "log", "--json", store=store, env=env).stdout)


def data_dir_with_one_more_lexicon_entry(tmp: Path) -> Path:
    """A data directory whose Korean lexicon types names ending in 광복군사령부 as government bodies."""
    lexicon = tmp / "data" / "lexicon" / "ko"
    lexicon.mkdir(parents=True)
    for name in ("mentions.json", "facts.json"):  # a data dir's file replaces the bundled one whole
        shutil.copy(ROOT / "data" / "lexicon" / "ko" / name, lexicon / name)
    words = json.loads((lexicon / "mentions.json").read_text(encoding="utf-8"))
    words["suffixes"]["광복군사령부"] = "GovernmentBody"  # the one new entry
    (lexicon / "mentions.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    return tmp / "data"


def test_curations_outlive_a_reingest_with_a_changed_extractor(corpus_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    council = fact_ids(store, "고양시의회")
    hq_visit = one(council, "visited", "고양시의회 → 광복군사령부")
    arrival = one(council, "visited", "고양시의회 → 충칭", "2019-12-22")
    chengdu_park = one(council, "visited", "고양시의회 → 청두 첨단산업단지")
    chengdu_hall = one(council, "met", "고양시의회 → 청두시청")
    [gy_mou] = [f[0] for f in fact_ids(store, "충칭우전대학") if f[1] == "agreement"]

    # through the command line, as staff would
    merged = run("curate", "merge", "충청임시정부", "대한민국임시정부", "--why", "one body", "--who", "kim", store=store)
    assert merged.stdout.startswith("#1 merge 충청임시정부 into 대한민국임시정부 — 1 document changed")
    preview = run("curate", "reject", hq_visit, "--dry-run", "--who", "kim", store=store).stdout
    assert preview.startswith("preview: reject the fact visited") and "rdf:type  ct:DeprecatedFact" in preview
    for args in (("reject", hq_visit, "--why", "a memorial, not a visit"),
                 ("set-within", "광복군사령부", "충칭"),
                 ("set-date", arrival, "2019-12-21"),
                 ("remove-alias", "충칭", "충칭시"),
                 ("add-fact", "met", "고양시의회", "천민얼", "--note", "12월 23일 천민얼 서기를 만났다", "--by", "박 주무관"),
                 ("set-title", "corpus/003_de6f4794e2ee68fe.txt", "고양시 미국 방문 성과")):
        run("curate", *args, "--who", "kim", store=store)
    bad = run("curate", "set-date", arrival, "December", store=store, check=False)
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0 and "ISO date" in bad.stderr

    # through the notebook API
    with cityties.open(store) as g:
        # the "international" valley is a zone of its own, the staff say
        g.curate("split", XIANTAO, names=("시엔타오국제빅데이터밸리",), entity_type="IndustrialPark", who="lee")
        g.curate("rename", "구이양", "귀양", lang="ko", who="lee")
        g.curate("retype", "광교신문", "Organization", who="lee")
        g.curate("set_qid", "충칭우전대학", "Q3064332", who="lee")
        g.curate("add_alias", "충칭", "Chungking", who="lee")
        g.curate("confirm", chengdu_hall, who="lee")
        g.curate("set_place", chengdu_park, "청두", who="lee")
        g.curate("set_kind", gy_mou, "cooperation_agreement", who="lee")
        g.curate("set_status", gy_mou, "planned", who="lee")
        g.curate("add_fact", fact_type="visited", subject="고양시의회", object="충칭우전대학", who="lee",
                 document="corpus/000_67cf1ab5b8ae5dc5.txt", quote="충청 우전대학교 ▶ 우전대학교의 교육 및 교환학생")
        g.curate("set_home", "corpus/004_b94b350f03716c93.txt", "고양시", who="lee")
        before = g.curations()
    assert len(before) == 18 and set(before["state"]) == {"applied"}

    # the extractor changes: one lexicon entry retypes 광복군사령부, so its IRI changes
    env = {"CITYTIES_DATA_DIR": str(data_dir_with_one_more_lexicon_entry(tmp_path))}
    run("ingest", str(CORPUS), "--quiet", "--force", store=store, env=env)
    after = {item["curation"]["seq"]: item for item in log(store)}
    assert len(after) == 18 and all(i["state"] in ("applied", "orphaned") for i in after.values())
    orphaned = {seq: i["reason"] for seq, i in after.items() if i["state"] == "orphaned"}
    assert set(orphaned) == {2, 3}, orphaned  # the rejected visit to 광복군사령부, and where it lies
    assert "no longer yields the fact visited" in orphaned[2] and "광복군사령부" in orphaned[2]
    assert orphaned[3] == "no document mentions 광복군사령부 any more"
    printed = run("curate", "log", "--orphaned", store=store).stdout.splitlines()
    assert [line.split("\t")[0] for line in printed] == ["#2", "#3"] and "ORPHANED" in printed[0]

    with cityties.open(store, read_only=True) as g:
        assert g.resolve("충청임시정부") == PROVISIONAL
        assert "충칭시" not in g.entity(CHONGQING).attrs["aliases"]
        assert g.entity("시엔타오국제빅데이터밸리").attrs["type"] == "IndustrialPark"
        assert g.resolve("시엔타오국제빅데이터밸리") != XIANTAO
        assert "Chungking" in g.entity(CHONGQING).attrs["aliases"]
        visits = g.timeline("고양시의회", types=["visited"])
        assert "2019-12-21" in set(visits["date"]) and "2019-12-22" not in set(visits[visits["object"] == CHONGQING]["date"])
        assert g.label(g.resolve("구이양")) == "귀양"
        docs = g.documents().set_index("id")
        assert docs.loc["corpus/003_de6f4794e2ee68fe.txt", "title"] == "고양시 미국 방문 성과"
        assert any(i.startswith("notes/") for i in docs.index)

    # back to the bundled lexicon: 광복군사령부 is what it was, and its two orphans apply again
    run("ingest", str(CORPUS), "--quiet", "--force", store=store)
    assert [i["state"] for i in log(store)] == ["applied"] * 18


def test_an_edited_document_keeps_the_curations_it_still_supports(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = tmp_path / "store"
    run("ingest", str(corpus), "--quiet", store=store)
    facts = [f for f in fact_ids(store, "고양") if f[0].startswith("corpus/003") and f[1] == "agreement"]
    moa = one(facts, "agreement", "고양 → 세계한인무역협회")
    mou = one(facts, "agreement", "고양 → 글로벌혁신센터")
    run("curate", "reject", moa, "--who", "kim", store=store)
    run("curate", "set-kind", mou, "cooperation_agreement", "--who", "kim", store=store)

    doc = corpus / "003_de6f4794e2ee68fe.txt"
    text = doc.read_text(encoding="utf-8")
    edited = text.replace("월드옥타와 통일한국 실리콘밸리 투자유치협정서 체결",
                          "월드옥타와 통일한국 실리콘밸리 투자유치협정서 체결 추진")
    assert edited != text
    doc.write_text("(수정본)\n" + edited, encoding="utf-8")  # every offset moves
    out = run("ingest", str(corpus), "--quiet", store=store).stdout
    assert out.startswith("1 documents") and "4 unchanged" in out

    [reject, kind] = log(store)
    assert reject["state"] == "orphaned" and "no longer yields the fact agreement" in reject["reason"]
    assert kind["state"] == "applied"
    new_facts = [f for f in fact_ids(store, "고양") if f[0].startswith("corpus/003")]
    assert mou not in {f[0] for f in new_facts}  # the fact's IRI moved with its offsets ...
    with cityties.open(store, read_only=True) as g:  # ... and the correction found it by its address
        agreements = g.agreements("고양")
        [row] = agreements[agreements["object_label"] == "글로벌혁신센터"].itertuples()
        assert row.kind == "cooperation_agreement"


def test_curating_while_the_service_holds_the_store_goes_through_it(service):
    store, url = service
    env = {"CITYTIES_TOKEN": TOKEN}
    refused = run("curate", "add-alias", "충칭", "Chungking", "--who", "kim", store=store, check=False)
    assert refused.returncode == 1 and "set CITYTIES_TOKEN" in refused.stderr
    out = run("curate", "add-alias", "충칭", "Chungking", "--who", "kim", store=store, env=env).stdout
    assert out.startswith("#1 add the name “Chungking” to 충칭 — ")
    assert "Chungking" in httpx.get(f"{url}/api/entity", params={"entity": "충칭"}).json()["aliases"]
    assert [i["curation"]["who"] for i in log(store, env)] == ["kim"]
    assert "Chungking" in run("curate", "export", store=store, env=env).stdout
