"""The gazetteer: loading TSV data, user additions, character matching, transcription, fuzzy lookup."""
from __future__ import annotations

import pytest

from cityties.ingest.gazetteer import Entry, Gazetteer, GazetteerError, jamo, load_gazetteer, norm, read_tsv
from cityties.ingest.lexicon import load_lexicon, transcribe_hanzi

HEADER = "key\ttype\tko\tzh\ten\taliases\twikidata\twithin\tcountry\n"


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer([
        Entry("wuhan", "City", {"ko": "우한", "zh": "武汉", "en": "Wuhan"}, ("우한시",), country="CN"),
        Entry("hubei", "Province", {"ko": "후베이성", "zh": "湖北省"}, ("후베이",), country="CN"),
        Entry("dc", "City", {"ko": "워싱턴 DC", "en": "Washington, D.C."}, country="US"),
        Entry("kunming", "City", {"zh": "昆明"}, country="CN"),  # no Korean name: transcription gives one
        Entry("urumqi", "City", {"zh": "乌鲁木齐"}, country="CN"),
        Entry("nexon", "Company", {"en": "NEXON"}, country="KR"),
    ])


def test_find_prefers_the_longest_name_and_lets_particles_follow(small):
    text = "중국 후베이성 우한시와 우한의 관계"
    hits = [(text[m.start:m.end], m.keys) for m in small.find(text)]
    assert hits == [("후베이성", ("hubei",)), ("우한시", ("wuhan",)), ("우한", ("wuhan",))]


def test_find_matches_across_one_space_or_none(small):
    assert [m.keys for m in small.find("워싱턴DC와 워싱턴 DC")] == [("dc",), ("dc",)]


def test_find_never_matches_inside_a_latin_word(small):
    assert list(small.find("NEXONS and XNEXON")) == []
    assert [m.keys for m in small.find("NEXON의 대표")] == [("nexon",)]


def test_chinese_label_is_found_by_its_korean_transcription(small):
    assert [e.key for e in small.transliterated("쿤밍")] == ["kunming"]
    assert [m.keys for m in small.find("신장 우루무치에서")] == [("urumqi",)]
    # a two-syllable transcription is too likely a Korean word to be searched for
    assert list(small.find("윈난 쿤밍에서")) == []


def test_similar_finds_misspellings_on_jamo(small):
    best = small.similar("우항", cutoff=70)
    assert best and best[0][0].key == "wuhan"
    assert small.similar("서울", cutoff=85) == []


def test_jamo_equates_spellings_of_one_sound():
    assert jamo("귀양") == jamo("구이양")
    assert jamo("셴") == jamo("시엔")
    assert jamo("청두") != jamo("청둥")


def test_norm_ignores_spacing_punctuation_and_case():
    assert norm(" LG  CNS ") == norm("lg-cns") == "lgcns"


def test_read_tsv_reports_file_and_line_on_a_bad_row(tmp_path):
    with pytest.raises(GazetteerError, match=r"x\.tsv:3"):
        read_tsv("x.tsv", HEADER + "ok\tCity\t가\n\tCity\t나\n", True)


def test_user_data_dir_adds_entries_without_python(tmp_path):
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "mine.tsv").write_text(
        HEADER + "pangyo_lab\tOrganization\t판교실험실\t\tPangyo Lab\t판교랩\t\t\tKR\n", encoding="utf-8")
    g = load_gazetteer(tmp_path)
    assert g.lookup("판교 랩")[0].key == "pangyo_lab"
    assert g.lookup("충칭")  # the packaged entries are still there


def test_packaged_gazetteer_has_multilingual_names():
    g = load_gazetteer()
    chongqing = g.lookup("重庆")[0]
    assert chongqing.type == "City" and g.lookup("Chongqing")[0].key == chongqing.key
    assert g.lookup("중국")[0].type == "Country"
    assert any(e.type == "Province" for e in g.lookup("쓰촨성"))


def test_geonames_cities_are_folded_into_curated_entries():
    g = load_gazetteer()
    assert len({e.key for e in g.lookup("Seoul")}) == 1
    # a Hangul name only GeoNames knows still reaches the curated entry
    assert g.lookup("서울특별시")[0].key == g.lookup("Seoul")[0].key


@pytest.mark.parametrize("hanzi, hangul", [
    ("重庆", "충칭"), ("成都", "청두"), ("贵阳", "구이양"), ("西安", "시안"), ("哈尔滨", "하얼빈"),
    ("青岛", "칭다오"), ("厦门", "샤먼"), ("乌鲁木齐", "우루무치"), ("郑州", "정저우"), ("长春", "창춘"),
    ("济南", "지난"), ("兰州", "란저우"), ("呼和浩特", "후허하오터"), ("石家庄", "스자좡"),
])
def test_transcription_follows_the_korean_standard(hanzi, hangul):
    assert transcribe_hanzi(hanzi, load_lexicon().pinyin) == hangul
