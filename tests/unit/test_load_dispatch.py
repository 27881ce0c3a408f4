"""load_document: choosing a loader by content, limits, and one-line errors, on generated files."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from cityties.ingest.load import SUPPORTED_SUFFIXES, load_document, sniff_format
from cityties.ingest.source import LoadError

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"


def make_hwpx(path: Path, body: str, title: str = "") -> Path:
    """Write a minimal HWPX: a mimetype, a content.hpf with a title, and one section."""
    section = (f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
               f'xmlns:hp="{HP}">{body}</hs:sec>')
    hpf = ('<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:metadata>'
           f"<opf:title>{title}</opf:title></opf:metadata></opf:package>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr("Contents/content.hpf", hpf)
        z.writestr("Contents/section0.xml", section)
    return path


def p(text: str, inner: str = "") -> str:
    return f'<hp:p><hp:run><hp:t>{text}</hp:t>{inner}</hp:run></hp:p>'


def tbl(rows: list[list[str]]) -> str:
    trs = "".join("<hp:tr>" + "".join(f"<hp:tc><hp:subList>{p(c)}</hp:subList></hp:tc>" for c in row) + "</hp:tr>"
                  for row in rows)
    return f"<hp:tbl>{trs}</hp:tbl>"


def test_hwpx_paragraphs_tables_and_metadata_title(tmp_path):
    body = p("보도일시 2019. 12. 23.(월)") + p("", tbl([["소속", "성명"], ["고양시의회", "김수환"]])) + p("끝")
    doc = load_document(make_hwpx(tmp_path / "x.hwpx", body, title="고양시 출장 보고"))
    assert doc.text == "보도일시 2019. 12. 23.(월)\n소속\t성명\n고양시의회\t김수환\n끝"
    assert doc.title == "고양시 출장 보고" and doc.date == "2019-12-23"
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]


def test_hwpx_layout_table_is_unwrapped_and_inner_table_kept(tmp_path):
    inner = tbl([["연번", "성명"], ["1", "김수환"]])
    body = p("", f"<hp:tbl><hp:tr><hp:tc><hp:subList>{p('출장 인원', inner)}</hp:subList></hp:tc></hp:tr></hp:tbl>")
    doc = load_document(make_hwpx(tmp_path / "frame.hwpx", body))
    assert [b.kind for b in doc.blocks] == ["paragraph", "table"]
    assert doc.text == "출장 인원\n연번\t성명\n1\t김수환"


def test_hwpx_xml_entities_are_not_expanded(tmp_path):
    body = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    path = tmp_path / "xxe.hwpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr("Contents/section0.xml", f'<?xml version="1.0"?>{body}<hs:sec xmlns:hs="s" xmlns:hp="{HP}">'
                                            f"<hp:p><hp:run><hp:t>a&e;b</hp:t></hp:run></hp:p></hs:sec>")
    assert load_document(path).text == "ab"  # the external entity is dropped, not read


def test_docx_headings_and_tables(tmp_path):
    document = docx.Document()
    document.add_heading("충칭 출장 결과", level=1)
    document.add_paragraph("고양시의회는 충칭시를 방문했다.")
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "소속", (0, 1): "성명", (1, 0): "고양시의회", (1, 1): "김수환"}.items():
        table.cell(r, c).text = value
    document.core_properties.title = "2019 충칭 출장"
    path = tmp_path / "trip.docx"
    document.save(path)
    doc = load_document(path)
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 1), ("paragraph", 0), ("table", 0)]
    assert doc.text == "충칭 출장 결과\n고양시의회는 충칭시를 방문했다.\n소속\t성명\n고양시의회\t김수환"
    assert doc.title == "2019 충칭 출장"


def test_html_drops_scripts_and_reads_cp949_meta_charset(tmp_path):
    html = ('<html><head><meta charset="euc-kr"><title>고양시 보도자료</title><script>var x="숨김";</script></head>'
            "<body><nav>메뉴</nav><h2>방문</h2><p>고양시가<br>충칭시를   방문했다.</p>"
            "<table><tr><th>일자</th><th>장소</th></tr><tr><td>12. 23.</td><td>위베이구</td></tr></table></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp949"))
    doc = load_document(path)
    assert doc.text == "방문\n고양시가\n충칭시를 방문했다.\n일자\t장소\n12. 23.\t위베이구"
    assert doc.title == "고양시 보도자료"
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "table"]


def test_html_main_element_is_preferred(tmp_path):
    path = tmp_path / "news.htm"
    path.write_text("<body><div>광고</div><main><p>본문</p></main><footer>저작권</footer></body>", encoding="utf-8")
    assert load_document(path).text == "본문"


def test_html_without_suffix_is_sniffed(tmp_path):
    path = tmp_path / "saved_page"
    path.write_text("<!DOCTYPE html><html><body><p>고양</p></body></html>", encoding="utf-8")
    assert load_document(path).format == "html"


def test_pdf_without_text_layer_says_ocr(tmp_path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    writer.write(path)
    with pytest.raises(LoadError, match=r"^scan\.pdf: no text layer \(scanned PDF\?\); OCR it first$"):
        load_document(path)


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty file"),
    ("fake.pdf", b"hello", "not a PDF file"),
    ("sheet.xyz", b"\x00\x01binary", "unsupported file type '.xyz'"),
    ("legacy.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "damaged or not an HWP file"),
    ("broken.hwpx", b"PK\x03\x04garbage", "broken zip container"),
])
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as error:
        load_document(path)
    assert str(error.value).startswith(f"{name}: ") and message in str(error.value)
    assert "\n" not in str(error.value)


def test_zip_that_is_no_document(tmp_path):
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(LoadError, match=r"^book\.docx: a spreadsheet, not a document"):
        load_document(path)


def test_document_without_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>only()</script></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match=r"^blank\.html: no text in this HTML document$"):
        load_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_document(tmp_path / "nowhere.hwp")


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("가" * 100, encoding="utf-8")
    with pytest.raises(LoadError, match=r"^big\.txt: 300 bytes is over the 100-byte limit"):
        load_document(path, max_bytes=100)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = make_hwpx(tmp_path / "bomb.hwpx", p("x"))
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("BinData/zeros.bin", bytes(5_000_000))
    assert path.stat().st_size < 100_000
    with pytest.raises(LoadError, match="zip bomb"):
        load_document(path, max_unpacked_bytes=1_000_000)


def test_sniff_format_prefers_content_over_suffix():
    assert sniff_format(Path("a.hwp"), b"%PDF-1.7\n") == "pdf"
    assert sniff_format(Path("a.txt"), b"\xef\xbb\xbf<!DOCTYPE html>") == "html"
    assert sniff_format(Path("a.md"), "# 제목".encode()) == "md"
    assert sniff_format(Path("a.hwp"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "hwp"


def test_supported_suffixes():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".hwpx", ".hwp"}
