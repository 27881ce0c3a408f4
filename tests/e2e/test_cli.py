"""The command line on the real bundled corpus: ingest, export, docs, extract, crash safety."""
from __future__ import annotations

import json
import random
import re
import shutil
import signal
import subprocess
import time
from collections import defaultdict

from cityties.graph.vocab import document_iri
from cityties.ingest.load import load_document

from clirun import CLI, CORPUS, cityties

DOCS = sorted(p.name for p in CORPUS.glob("*.txt"))


def graphs_of(nquads: str) -> dict[str, set[str]]:
    """Group N-Quads lines by graph name."""
    out: dict[str, set[str]] = defaultdict(set)
    for line in nquads.splitlines():
        m = re.search(r"<([^>]*)> \.$", line)
        if m:
            out[m.group(1)].add(line)
    return out


def test_ingest_gives_one_named_graph_per_document(corpus_store):
    graphs = graphs_of(cityties("export", "--format", "nq", store=corpus_store).stdout)
    expected = {document_iri(f"corpus/{d}") for d in DOCS}
    assert expected <= set(graphs)
    assert all(len(graphs[g]) > 50 for g in expected)


def test_reingest_is_byte_identical(corpus_store, tmp_path):
    first = cityties("export", "--format", "nq", store=corpus_store).stdout
    again = cityties("ingest", str(CORPUS), "--quiet", store=corpus_store)
    assert "0 documents" in again.stdout and f"{len(DOCS)} unchanged" in again.stdout
    assert cityties("export", "--format", "nq", store=corpus_store).stdout == first
    # a fresh store and a forced re-extraction give the same bytes too
    other = tmp_path / "other"
    cityties("ingest", str(CORPUS), "--quiet", store=other)
    cityties("ingest", str(CORPUS), "--quiet", "--force", store=other)
    assert cityties("export", "--format", "nq", store=other).stdout == first


def test_docs_list_and_delete(corpus_store, tmp_path):
    store = tmp_path / "copy"
    shutil.copytree(corpus_store, store)
    listed = cityties("docs", "list", store=store).stdout.splitlines()
    assert [l.split("\t")[0] for l in listed] == [f"corpus/{d}" for d in DOCS]
    cityties("docs", "delete", f"corpus/{DOCS[0]}", store=store)
    assert len(cityties("docs", store=store).stdout.splitlines()) == len(DOCS) - 1
    missing = cityties("docs", "delete", "corpus/nothing.txt", store=store, check=False)
    assert missing.returncode == 1 and "no such document" in missing.stderr


def test_extract_prints_the_contract_with_exact_offsets():
    seed = CORPUS / DOCS[0]
    data = json.loads(cityties("extract", str(seed), "--format", "json").stdout)
    text = load_document(seed).text  # the file's text without the inline markup a converter left
    assert "<b>" in seed.read_text(encoding="utf-8") and "<b>" not in text
    assert set(data) == {"document", "entities", "facts", "trips"}
    [trip] = data["trips"]  # the 2019 report: one journey, its delegation table, its itinerary
    assert (trip["start"], trip["end"], len(trip["members"])) == ("2019-12-22", "2019-12-26", 12)
    assert all(data["facts"][i]["type"] in ("visited", "met", "attended", "agreement") for i in trip["parts"])
    assert data["entities"] and data["facts"]
    for e in data["entities"]:
        assert {"id", "type", "labels", "aliases", "mentions", "same_as", "within"} <= set(e)
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for f in data["facts"]:
        ev = f["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_extract_turtle_parses():
    import rdflib
    out = cityties("extract", str(CORPUS / DOCS[2]), "--format", "ttl").stdout
    assert len(rdflib.Graph().parse(data=out, format="turtle")) > 20


def test_bad_file_gets_one_line_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(CORPUS / DOCS[2], folder / DOCS[2])
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n%broken and truncated")
    proc = cityties("ingest", str(folder), "--quiet", store=tmp_path / "s", check=False)
    assert proc.returncode == 1
    errors = [l for l in proc.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 1 and "broken.pdf" in errors[0]
    assert "1 documents" in proc.stdout and "1 failures" in proc.stdout


def test_sigkill_during_ingest_leaves_every_document_whole_or_absent(corpus_store, tmp_path):
    reference = graphs_of(cityties("export", "--format", "nq", store=corpus_store).stdout)
    store = tmp_path / "killed"
    rng = random.Random(7)
    for _ in range(4):
        proc = subprocess.Popen([*CLI, "--store", str(store), "ingest", str(CORPUS), "--quiet", "--force"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        graphs = graphs_of(cityties("export", "--format", "nq", store=store).stdout)
        for name, lines in graphs.items():
            assert lines == reference[name], f"{name} is half-written after SIGKILL"
    cityties("ingest", str(CORPUS), "--quiet", store=store)
    assert graphs_of(cityties("export", "--format", "nq", store=store).stdout) == reference


def test_parallel_ingest_gives_the_same_graph(corpus_store, tmp_path):
    proc = cityties("ingest", str(CORPUS), "--quiet", "--jobs", "2", store=tmp_path / "par")
    assert f"{len(DOCS)} documents" in proc.stdout and "0 failures" in proc.stdout
    assert (cityties("export", "--format", "nq", store=tmp_path / "par").stdout
            == cityties("export", "--format", "nq", store=corpus_store).stdout)
    again = cityties("ingest", str(CORPUS), "--quiet", "--jobs", "2", store=tmp_path / "par")
    assert f"{len(DOCS)} unchanged" in again.stdout


def test_brief_writes_markdown_html_and_docx(corpus_store, tmp_path):
    md = cityties("brief", "충칭", store=corpus_store).stdout
    assert md.startswith("# 브리핑 Briefing: 충칭") and "## 만난 상대 — Whom we met" in md
    assert "충청시 위베이구청" in md and "[^1]:" in md and "2019-12-22 – 2019-12-26" in md
    html = tmp_path / "brief.html"
    cityties("brief", "Chongqing", "-o", str(html), store=corpus_store)
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and 'id="note-1"' in page and not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", page)
    docx = tmp_path / "brief.docx"
    cityties("brief", "重庆", "-o", str(docx), store=corpus_store)
    from docx import Document
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "위베이구청" in text and "출처 — Sources" in text
    missing = cityties("brief", "Atlantis", store=corpus_store, check=False)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "Atlantis" in missing.stderr
