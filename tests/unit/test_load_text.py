"""The text loader: encodings, normalization, and the blocks it finds in the seed texts."""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import pytest

from cityties.ingest.load import load_document
from cityties.ingest.loaders.text import parse_text, strip_markup
from cityties.ingest.source import LoadError

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
KOREAN = "고양시의회 기획행정위원회는 2019. 12. 23.(월) 충칭시 위베이구를 방문했다.\n연번\t소속\t성명\n1\t고양시의회\t김수환\n"


def cells(doc, table=0):
    return [[doc.slice(c) for c in row.cells] for row in doc.tables()[table].rows]


@pytest.mark.parametrize("encoding", ["utf-8", "cp949", "euc-kr", "utf-16-le", "utf-16-be"])
def test_encoding_without_bom_is_detected(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(KOREAN.encode(encoding))
    doc = load_document(path)
    assert doc.text == KOREAN
    assert doc.metadata["encoding"] == {"euc-kr": "cp949"}.get(encoding, encoding)
    assert cells(doc) == [["연번", "소속", "성명"], ["1", "고양시의회", "김수환"]]


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                           (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_is_honoured_and_dropped(tmp_path, bom, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + KOREAN.encode(encoding))
    assert load_document(path).text == KOREAN


def test_cp949_only_syllables_are_read(tmp_path):
    # 똠 and 햏 are outside EUC-KR's 2,350 syllables; Windows writes them in CP949's extension.
    text = "똠방각하 햏 충칭"
    path = tmp_path / "ext.txt"
    path.write_bytes(text.encode("cp949"))
    assert load_document(path).text == text


def test_crlf_becomes_lf_and_nfd_becomes_nfc(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(unicodedata.normalize("NFD", "충칭\r\n구이양\r청두").encode("utf-8"))
    doc = load_document(path)
    assert doc.text == "충칭\n구이양\n청두"
    assert unicodedata.is_normalized("NFC", doc.text)


def test_undecodable_bytes_raise_a_one_line_error(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd")
    with pytest.raises(LoadError, match=r"^broken\.txt: starts with a utf-8 byte-order mark"):
        load_document(path)


def test_text_is_kept_verbatim_but_for_inline_markup():
    for path in sorted(CORPUS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        text = load_document(path).text
        assert text == strip_markup(unicodedata.normalize("NFC", raw.replace("\r\n", "\n")))
        assert not re.search(r"<(?:input|ul|li|b|p|sup)\b", text), path.name
    seed = load_document(CORPUS / "001_14efe8006e2b1aec.txt").text
    assert "☐ 청두 첨단산업단지 시찰" in seed and "<가오신기술산업개발구>" in seed  # Korean brackets are not markup


def test_delegation_table_of_seed_000():
    doc = load_document(CORPUS / "000_67cf1ab5b8ae5dc5.txt")
    tables = [t for t in doc.tables() if doc.slice(t.rows[0]).startswith("연번\t소속")]
    [table] = tables
    rows = [[doc.slice(c) for c in r.cells] for r in table.rows]
    assert rows[0] == ["연번", "소속", "직위", "성명", "성별", "비고"]
    assert rows[1] == ["1", "고양시의회", "위원장", "김수환", "남", "단장"]
    assert rows[2][:5] == ["2", '"', "부위원장", "강경자", "여"]
    assert len(rows) == 15
    # The gold evidence for a delegation member is a piece of one row, TABs included.
    assert '"\t부위원장\t강경자' in doc.slice(table.rows[2])


def test_headings_paragraphs_and_tables_of_seed_000():
    doc = load_document(CORPUS / "000_67cf1ab5b8ae5dc5.txt")
    headings = [(b.level, doc.slice(b)) for b in doc.blocks if b.kind == "heading"]
    assert headings[:3] == [(1, "목 차"), (1, "기획행정위원회 공무국외출장 결과 보고서"), (2, "I 출장 개요")]
    assert doc.title == "기획행정위원회 공무국외출장 결과 보고서"
    assert doc.format == "txt" and doc.date is None


# 003's only top date is the news site's "today" beside its weather widget: the day it was crawled
@pytest.mark.parametrize("stem, date", [("001_14efe8006e2b1aec", "2018-09-14"), ("003_de6f4794e2ee68fe", None),
                                        ("004_b94b350f03716c93", "2022-07-13"), ("002_369525c81a1375b0", None)])
def test_document_dates_of_seeds(stem, date):
    assert load_document(CORPUS / f"{stem}.txt").date == date


def test_approval_table_of_seed_001_keeps_empty_cells():
    doc = load_document(CORPUS / "001_14efe8006e2b1aec.txt")
    rows = cells(doc)
    assert rows[0][:4] == ["등록번호", "의정담당관-5449", "담당자", "의정팀장"]
    assert rows[2] == ["결재일자", "2018. 9. 14."] + [""] * 7


def test_html_table_fragment_in_text_maps_cells_to_inner_text():
    text = "일정\n<table>\n<tr><th>일자</th><th>방문지</th></tr>\n<tr><td> 12. 23.</td><td><b>위베이구</b></td></tr>\n</table>\n끝"
    doc = parse_text(text)
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert doc.slice(doc.tables()[0]).startswith("<table>") and doc.slice(doc.tables()[0]).endswith("</table>")
    assert cells(doc) == [["일자", "방문지"], ["12. 23.", "위베이구"]]


def test_markdown_pipe_table_and_heading():
    doc = parse_text("## 방문기관\n\n| 기관 | 도시 |\n|---|---|\n| 우전대학교 | 충칭 |\n")
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 2), ("table", 0)]
    assert cells(doc) == [["기관", "도시"], ["우전대학교", "충칭"]]


def test_single_tab_line_is_a_paragraph_and_blank_lines_split_tables():
    doc = parse_text("출장국가\t중국\n\n연번\t성명\n1\t김수환\n\n2\t강경자\n3\t김보경")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "table"]


def test_markdown_file_reports_md(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# 고양시\n본문", encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "md" and doc.title == "고양시"
