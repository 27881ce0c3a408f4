"""The seed texts converted to PDF, DOCX and HTML by LibreOffice load to the same content as the .txt.

``loaded_formats(stem, converted)`` returns {format: SourceText} for one seed,
so other checks (the same entities from every format) can reuse it.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cityties.ingest.load import load_document
from cityties.ingest.source import SourceText

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
SCRIPT = ROOT / "scripts" / "convert_seeds.py"
SEEDS = sorted(p.stem for p in CORPUS.glob("*.txt"))
CONVERTED_FORMATS = ("pdf", "docx", "html")
MIN_OVERLAP = 0.9


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> Path:
    """Run scripts/convert_seeds.py once: the seeds as <dir>/<format>/<stem>.<format>."""
    if shutil.which("soffice") is None:
        message = "soffice not found (apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must have it")
        pytest.skip(message)
    out = tmp_path_factory.mktemp("seed-formats")
    done = subprocess.run([sys.executable, str(SCRIPT), str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@functools.lru_cache(maxsize=None)
def loaded_formats(stem: str, converted: Path) -> dict[str, SourceText]:
    """Return {"txt": ..., "pdf": ..., "docx": ..., "html": ...} for one seed document (cached: do not mutate)."""
    docs = {"txt": load_document(CORPUS / f"{stem}.txt")}
    for fmt in CONVERTED_FORMATS:
        docs[fmt] = load_document(converted / fmt / f"{stem}.{fmt}")
    return docs


def hangul_tokens(text: str) -> set[str]:
    """Return the Hangul words of two syllables or more.

    >>> sorted(hangul_tokens("고양시의회가 충칭 시 방문"))
    ['고양시의회가', '방문', '충칭']
    """
    return set(re.findall(r"[가-힣]{2,}", text))


@pytest.mark.parametrize("stem", SEEDS)
def test_converted_formats_keep_the_words(converted, stem):
    docs = loaded_formats(stem, converted)
    expected = hangul_tokens(docs["txt"].text)
    for fmt in CONVERTED_FORMATS:
        got = hangul_tokens(docs[fmt].text)
        overlap = len(expected & got) / len(expected)
        assert overlap >= MIN_OVERLAP, f"{fmt}: {overlap:.3f} of the .txt's Hangul words; missing e.g. {sorted(expected - got)[:10]}"


@pytest.mark.parametrize("stem", SEEDS)
def test_word_processor_formats_keep_the_tables(converted, stem):
    """LibreOffice keeps TAB lines as TAB paragraphs; DOCX and HTML read them back as the same tables."""
    docs = loaded_formats(stem, converted)

    def cells(doc: SourceText) -> list[list[list[str]]]:
        return [[[doc.slice(c) for c in row.cells] for row in t.rows] for t in doc.tables()]

    assert cells(docs["docx"]) == cells(docs["txt"])
    assert cells(docs["html"]) == cells(docs["txt"])


@pytest.mark.parametrize("stem", SEEDS)
def test_converted_formats_keep_key_sentences_title_and_date(converted, stem):
    docs = loaded_formats(stem, converted)
    txt = docs["txt"]
    for fmt in CONVERTED_FORMATS:
        doc = docs[fmt]
        assert doc.format == fmt
        assert doc.date == txt.date, fmt
        assert doc.title == txt.title or fmt == "pdf", fmt  # a PDF loses TABs, so a TAB line can become a title
        # Sentences of the .txt's paragraphs survive; PDF may wrap them, so compare without whitespace.
        flat = re.sub(r"\s+", "", doc.text)
        sentences = [s for b in txt.blocks if b.kind == "paragraph"
                     for s in re.findall(r"[^.\n]{20,}다\.", txt.slice(b))][:20]
        for sentence in sentences:
            assert re.sub(r"\s+", "", sentence) in flat, f"{fmt}: {sentence!r}"


# Measured (entity-IRI Jaccard against the .txt): DOCX and HTML 1.00 on every seed; PDF
# 0.63-1.00 (the PDF keeps no TAB-separated table: LibreOffice draws them without rules,
# so seed 000's delegation table is lost). Floors a little under the measured values.
SAME_ENTITIES_FLOOR = {"docx": 0.95, "html": 0.95, "pdf": 0.6}


@pytest.fixture(scope="session")
def resources():
    from cityties.ingest.pipeline import load_resources
    return load_resources()


@pytest.mark.parametrize("stem", SEEDS)
def test_converted_formats_give_the_same_entities(converted, resources, stem):
    from cityties.ingest.pipeline import extract
    docs = loaded_formats(stem, converted)
    ids = {fmt: {e.id for e in extract(doc, stem, stem, resources).entities} for fmt, doc in docs.items()}
    for fmt, floor in SAME_ENTITIES_FLOOR.items():
        overlap = len(ids[fmt] & ids["txt"]) / len(ids[fmt] | ids["txt"])
        assert overlap >= floor, f"{stem}.{fmt}: entity overlap with the .txt {overlap:.2f} < {floor}"
