"""Loaders on the real sample documents in ../shared/samples (see its SOURCES.md)."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from cityties.ingest.load import load_document
from cityties.ingest.source import LoadError, SourceText

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


def _shared(name: str) -> Path:
    path = (SHARED / name).resolve()
    if not path.is_dir():
        message = f"{path} is missing: these tests read the shared sample documents beside the repository"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: ../shared must be there)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def samples() -> Path:
    return _shared("samples")


@pytest.fixture(scope="module")
def loaded(samples):
    """Load each sample once: {file name: SourceText}."""
    cache: dict[str, SourceText] = {}

    def get(name: str) -> SourceText:
        if name not in cache:
            cache[name] = load_document(samples / name)
        return cache[name]

    return get


def squeeze(text: str) -> str:
    """Drop all whitespace, so extractions that space runs differently compare equal."""
    return re.sub(r"\s+", "", text)


def assert_well_formed(doc: SourceText) -> None:
    """Check every block, row and cell span: inside its parent, in order, and slicing to clean text."""
    n = len(doc.text)
    previous_end = 0
    for block in doc.blocks:
        assert previous_end <= block.start <= block.end <= n, block
        previous_end = block.end
        piece = doc.slice(block)
        assert piece, f"empty {block.kind} block at {block.start}"
        if block.kind != "table":
            assert piece == piece.strip(" \n"), f"{block.kind} block not trimmed: {piece[:40]!r}"
            assert not block.rows
            continue
        assert block.rows, "a table without rows"
        row_end = block.start
        for row in block.rows:
            assert row_end <= row.start <= row.end <= block.end
            row_end = row.end
            cell_end = row.start
            for cell in row.cells:
                assert cell_end <= cell.start <= cell.end <= row.end
                cell_end = cell.end
                text = doc.slice(cell)
                assert "\n" not in text and text == text.strip(), f"cell {text!r}"


def table_cells(doc: SourceText) -> list[list[list[str]]]:
    return [[[doc.slice(c) for c in row.cells] for row in table.rows] for table in doc.tables()]


# The "first 100" of SOURCES.md: extracted text with whitespace collapsed.
FIRST_100 = {
    "hwp_noori_press_release.hwp": "보도일시 2018. 9. 4.(화) 조간(온라인 9. 3. 12:00)부터 보도해 주시기 바랍니다. 배포일시 2018. 9. 3.(월) 09:00 담당부서 거대공공연구정책과 담당과",
    "hwp_table_editing_rhwp.hwp": "편집 탭 – 표 □ 표 만들기, 표 그리기, 표 지우기 제목 담당자 세부 내용 2222 □ 셀 편집(테두리, 배경, 대각선) 제목 담당자 세부 내용 셀 편집 하 임 □ 줄/칸 추가",
    "hwp_uncompressed_table_hwplib.hwp": "가나다라ABCDFEFDFEFDFEFDFEFDFEFDFEF A C 가나다 ㅁㅁㅁ촘 D",
    "hwpx_noori_press_release.hwpx": "보도일시 2018. 9. 4.(화) 조간 (온라인 9. 3. 12:00 ) 부터 보도해 주시기 바랍니다. 배포일시 2018. 9. 3.(월) 09:00 담당부서 거대공공연구정책과 ",
    "hwpx_public_data_standard.hwpx": "공공데이터 제공 표준 (2023.5.18.) 119) 대중교통환승센터 □ 기본 정보 항목 내용 제공범위(대상) 『국가통합교통체계효율화법』에 의해 교통수단 간의 연계교통 및 환승활동",
    "hwpx_grade_table_hwpxlib.hwpx": "C반 기말고사 날짜 이름 국어 영어 수학 개똥이 89 65 78 칠득이 77 77 77 팔푼이 88 88 88 육손이 66 66 66 합계",
    "html_noori_hwpjs_render.html": "보도일시 2018. 9. 4.(화) 조간 (온라인 9. 3. 12:00 ) 부터 보도해 주시기 바랍니다. 배포일시 2018. 9. 3.(월) 09:00 담당부서 거대공공연구정책과 ",
    # The leading "2 1" of SOURCES.md are the <title> and a page-number div; both are not body text.
    "html_noori_hancom_export.html": "보도일시 2018. 9. 4.(화) 조간 (온라인 9. 3. 12:00 ) 부터 보도해 주시기 바랍니다. 배포일시 2018. 9. 3.(월) 09:00 담당부서 거대공공연구",
}
# pypdf (which SOURCES.md used) and pdfplumber order a page's lines differently; check lines, not a prefix.
PDF_LINES = {
    "pdf_card_benefits_tables.pdf": ["무이자할부, 다이어트할부, 삼성카드 할인이 적용된 일시불 및",
                                     "전자지급수단 포함) 구매 및 충전, 상품권 구매건",
                                     "* 빅포인트의 유효기간은 5년으로, 유효기간 만료 시 월 단위로 자동 소멸",
                                     # Two columns: read one after the other, not line by line across both.
                                     "할인점 이마트, 이마트 트레이더스, 롯데마트, 홈플러스\n주유 모든 주유소",
                                     "커피전문점 스타벅스, 투썸플레이스, 카페베네, 탐앤탐스, 커피빈"],
    "pdf_kbo_rules_table.pdf": ["제21조 주·야간경기 및 경기개시 시간", "제22조 경기시간 제한"],
}
LOADABLE = sorted(FIRST_100) + sorted(PDF_LINES) + ["docx_tables_unstructured.docx"]
FORMATS = {".hwp": "hwp", ".hwpx": "hwpx", ".html": "html", ".pdf": "pdf", ".docx": "docx"}


@pytest.mark.parametrize("name", LOADABLE)
def test_every_span_slices_to_its_text(loaded, name):
    doc = loaded(name)
    assert doc.format == FORMATS[Path(name).suffix]
    assert doc.blocks and doc.text.strip()
    assert_well_formed(doc)


@pytest.mark.parametrize("name", sorted(FIRST_100))
def test_text_starts_like_sources_md_says(loaded, name):
    assert squeeze(loaded(name).text).startswith(squeeze(FIRST_100[name]))


@pytest.mark.parametrize("name", sorted(PDF_LINES))
def test_pdf_lines(loaded, name):
    text = loaded(name).text
    for line in PDF_LINES[name]:
        assert line in text


@pytest.mark.parametrize("name", ["hwp_noori_press_release.hwp", "hwpx_noori_press_release.hwpx",
                                  "html_noori_hwpjs_render.html", "html_noori_hancom_export.html"])
def test_press_release_tables_title_and_date(loaded, name):
    doc = loaded(name)
    assert doc.date == "2018-09-04"  # 보도일시 2018. 9. 4.(화)
    # Hancom's export loses the headline's line break (its lines are only positioned divs).
    assert doc.title.startswith("우리가 독자 개발하여 최초 발사하는 한국형발사체,")
    tables = table_cells(doc)
    # Five tables in the source; the one-cell box around the headline is read as paragraphs.
    assert len(tables) == 4
    assert tables[0][1] == ["배포일시", "2018. 9. 3.(월) 09:00", "담당부서", "거대공공연구정책과"]
    assert tables[0][2] == ["담당과장", "장인숙(02-2110-2430)", "담 당 자", "용찬재 사무관(02-2110-2428)"]
    assert tables[3][0] == ["구 분", "한국형발사체(누리호)", "시험발사체"]
    assert tables[3][2] == ["목 적", "1.5톤급 실용위성을 지구저궤도(600~800km)에 투입", "한국형발사체 75톤급 엔진의 비행성능 검증"]


def test_press_release_reads_the_same_from_hwp_hwpx_and_rendered_html(loaded):
    hwp = loaded("hwp_noori_press_release.hwp")
    assert loaded("hwpx_noori_press_release.hwpx").text == hwp.text
    assert loaded("hwpx_noori_press_release.hwpx").blocks == hwp.blocks  # headings too: 개요 3 in both
    assert loaded("html_noori_hwpjs_render.html").text == hwp.text
    hancom = loaded("html_noori_hancom_export.html")
    assert table_cells(hancom) == table_cells(hwp)
    # Hancom's export wraps lines inside words; rejoined, the body sentences match the HWP's.
    sentence = "o 올해 10월에는 한국형발사체의 핵심부품인 75톤 액체엔진의 비행성능을 확인하기 위해 시험발사체를 발사할 예정이다."
    assert sentence in hwp.text and sentence in hancom.text


def test_hwpx_grade_table(loaded):
    doc = loaded("hwpx_grade_table_hwpxlib.hwpx")
    assert doc.title == "C반 기말고사"  # the metadata title is the placeholder "제목"
    assert table_cells(doc) == [[
        ["이름", "국어", "영어", "수학"], ["개똥이", "89", "65", "78"], ["칠득이", "77", "77", "77"],
        ["팔푼이", "88", "88", "88"], ["육손이", "66", "66", "66"], ["합계", "", "", ""],
    ]]


def test_hwpx_field_definition_tables(loaded):
    doc = loaded("hwpx_public_data_standard.hwpx")
    tables = table_cells(doc)
    assert tables[0][0] == ["항목", "내용"]
    assert tables[0][2] == ["관련법령", "국가통합교통체계효율화법"]
    fields = tables[1]
    assert fields[0] == ["NO", "항목명", "구분 (필수/선택)", "설명", "허용 값", "표현형식/단위", "예시"]
    assert fields[1] == ["1", "환승센터명", "필수", "고시에 명기된 복합환승센터의 명칭", "", "text", "서울역복합환승센터"]
    assert all(len(row) == 7 for row in fields[:3])


def test_hwp_ten_tables_with_merged_cells(loaded):
    doc = loaded("hwp_table_editing_rhwp.hwp")
    tables = table_cells(doc)
    assert len(tables) == 10
    assert tables[0][0] == ["제목", "담당자", "세부 내용"]
    assert tables[1][1] == ["셀 편집", "하 임", ""]
    assert tables[2][0] == ["제목 담당자", "세부 내용"]  # two header cells merged into one
    assert doc.metadata["version"] == "5.0.3.0" and doc.metadata["compressed"]


def test_hwp_uncompressed_body(loaded):
    doc = loaded("hwp_uncompressed_table_hwplib.hwp")
    assert doc.metadata["compressed"] is False
    assert doc.text.split("\n")[0] == "가나다라ABCDFEFDFEFDFEFDFEFDFEFDFEF"
    assert doc.tables() == ()  # its one table (5 x 5) is empty, and empty rows are dropped


def test_hwp_distribution_document_is_refused_not_read_as_placeholder(samples):
    with pytest.raises(LoadError) as error:
        load_document(samples / "hwp_distribution_drm_hwplib.hwp")
    message = str(error.value)
    assert message.startswith("hwp_distribution_drm_hwplib.hwp: distribution (DRM) document: the body is encrypted")
    assert "\n" not in message


def test_pdf_ruled_table(loaded):
    doc = loaded("pdf_kbo_rules_table.pdf")
    [table] = table_cells(doc)
    assert table[0] == ["구분", "토요일", "일요일/공휴일", "평일"]
    assert table[1] == ["3월", "17:00", "14:00", "18:30"]
    assert [row[0] for row in table] == ["구분", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월"]
    assert doc.title == "제21조 주·야간경기 및 경기개시 시간"  # the metadata title is a file name
    assert doc.metadata["pages"] == 1


def test_docx_tables_in_body_order(loaded):
    doc = loaded("docx_tables_unstructured.docx")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table"] * 3
    assert doc.slice(doc.blocks[0]) == "Simple uniform table"
    assert table_cells(doc) == [
        [["Header Col 1", "Header Col 2"], ["Lorem ipsum", "A link example"]],
        [["a", ">b<", "c"], ["d", "e f g&t h", "i"], ["j", "k", "l"]],  # the nested table joins its cell
        [["a", "b"], ["", "c", "d"], ["e", ""]],  # merged cells appear once
    ]


def test_a_file_named_for_another_format_loads_by_its_content(samples, tmp_path):
    renamed = tmp_path / "press.hwp"
    shutil.copy(samples / "hwpx_noori_press_release.hwpx", renamed)
    assert load_document(renamed).format == "hwpx"
    as_text = tmp_path / "rules.txt"
    shutil.copy(samples / "pdf_kbo_rules_table.pdf", as_text)
    assert load_document(as_text).format == "pdf"


def test_hwp_decompression_is_capped(samples):
    with pytest.raises(LoadError, match="zip bomb"):
        load_document(samples / "hwp_noori_press_release.hwp", max_unpacked_bytes=10_000)


def test_hwpx_unpacked_size_is_capped(samples):
    with pytest.raises(LoadError, match=r"unpacks to 825,216 bytes, over the 100,000-byte limit"):
        load_document(samples / "hwpx_noori_press_release.hwpx", max_unpacked_bytes=100_000)


def test_password_protected_pdf_is_refused(samples, tmp_path):
    writer = pypdf.PdfWriter(clone_from=str(samples / "pdf_kbo_rules_table.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    with pytest.raises(LoadError, match=r"^locked\.pdf: password-protected PDF"):
        load_document(locked)


def test_pdf_with_only_an_owner_password_loads(samples, tmp_path):
    writer = pypdf.PdfWriter(clone_from=str(samples / "pdf_kbo_rules_table.pdf"))
    writer.encrypt(user_password="", owner_password="owner")
    restricted = tmp_path / "restricted.pdf"
    writer.write(restricted)
    assert "제22조 경기시간 제한" in load_document(restricted).text


@pytest.mark.parametrize("name", sorted(LOADABLE + ["hwp_distribution_drm_hwplib.hwp"]))
def test_damaged_copies_fail_with_load_error_only(samples, tmp_path, name):
    """Truncated or bit-flipped files either load or raise LoadError; nothing else escapes."""
    data = (samples / name).read_bytes()
    damaged = {
        "half": data[: len(data) // 2],
        "flipped": bytes(b ^ 0x5A if i % 97 == 13 and i > 1024 else b for i, b in enumerate(data)),
    }
    for kind, content in damaged.items():
        path = tmp_path / f"{kind}{Path(name).suffix}"
        path.write_bytes(content)
        try:
            doc = load_document(path)
        except LoadError as e:
            assert str(e).startswith(path.name + ": ") and "\n" not in str(e)
        else:
            assert_well_formed(doc)


def test_gold_evidence_is_verbatim_in_the_loaded_seed_texts():
    """Loading keeps the seed texts exact: every gold evidence quote is found, TABs and all."""
    gold = _shared("gold")
    for path in sorted(gold.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        doc = load_document(CORPUS / annotation["doc"])
        missing = [f["evidence"] for f in annotation["facts"] if f.get("evidence") and f["evidence"] not in doc.text]
        assert not missing, f"{path.name}: {missing[:3]}"


@pytest.mark.parametrize("name", LOADABLE)
def test_load_time(loaded, name, samples):
    """Loading a sample takes well under a second (measured 2-180 ms)."""
    import time

    started = time.perf_counter()
    load_document(samples / name)
    assert time.perf_counter() - started < 5
