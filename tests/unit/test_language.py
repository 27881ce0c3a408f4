"""Language detection by script proportions: robust to hanzi in Korean and Latin names in Chinese."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from cityties.ingest.roles.language import count_scripts, detect_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, expected", [
    # Korean reports quote hanzi and English names in brackets
    ("고양시의회 방문단은 충칭시(重庆市) 위베이구(渝北区)를 방문하여 Tencent 관계자를 만났다.", "ko"),
    ("貴州省(귀주성) 구이양시(貴陽市) 빅데이터 산업 현황", "ko"),
    # Chinese news names Korean cities and companies in Latin letters
    ("重庆市人民政府副市长李明华会见了韩国高阳市(Goyang)代表团，双方签署了MOU。", "zh"),
    ("高阳市（고양시）市长李在俊会见了成都高新区代表团。", "zh"),
    # English press releases gloss names in Korean and Chinese
    ("Goyang Mayor Lee Dong-hwan (이동환 고양시장) received a delegation from Tianjin (天津).", "en"),
    ("The Mayor of Goyang met with the Vice Mayor of Chengdu and signed an MOU.", "en"),
])
def test_detects_the_language_that_carries_the_text(text, expected):
    assert detect_language(text) == expected


def test_text_without_letters_takes_the_default():
    assert detect_language("2019. 12. 23. — 14:00") == "ko"
    assert detect_language("", default="en") == "en"


def test_counts_only_letters():
    assert count_scripts("MOU 2019 양해각서 备忘录!") == count_scripts("MOU양해각서备忘录")


def test_seed_corpus_is_korean():
    paths = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    assert paths, "the sample corpus is missing"
    for p in paths:
        assert detect_language(p.read_text(encoding="utf-8")) == "ko", p.name


def test_dev_documents_by_prefix():
    for p in sorted((ROOT / "tests" / "data" / "intl").glob("*.txt")):
        expected = {"zh": "zh", "en": "en", "mix": "en"}[p.name.split("_")[0]]
        assert detect_language(p.read_text(encoding="utf-8")) == expected, p.name


@given(st.text(alphabet="고양시의회방문단충칭", min_size=20, max_size=60),
       st.text(alphabet="重庆市贵阳", max_size=10), st.text(alphabet="abcdefgh ", max_size=30))
def test_korean_prose_stays_korean_with_some_hanzi_and_latin(korean, hanzi, latin):
    assert detect_language(korean + hanzi + latin) == "ko"
