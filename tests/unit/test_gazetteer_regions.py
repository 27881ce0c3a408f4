"""First-level regions of partner countries (data/gazetteer/regions.tsv): well-formed, unambiguous, found."""
from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from cityties.ingest.gazetteer import load_gazetteer, norm, read_tsv
from cityties.ingest.pipeline import extract, load_resources
from cityties.ingest.source import SourceText

GAZETTEER = resources.files("cityties").joinpath("data", "gazetteer")


def _file(name: str):
    node = GAZETTEER.joinpath(name)
    return read_tsv(name, node.read_text(encoding="utf-8"), not name.startswith("geonames"))


@pytest.fixture(scope="module")
def regions():
    return _file("regions.tsv")


def _hangul(name: str) -> bool:
    return any("가" <= ch <= "힣" for ch in name)


def test_regions_parse_as_provinces_in_a_known_country(regions):
    countries = {e.key: e.country for e in _file("countries.tsv")}
    assert len(regions) > 150
    for e in regions:
        assert e.type in ("Province", "City"), e.key
        assert e.key.isascii() and e.key == e.key.lower() and " " not in e.key, e.key
        assert e.within in countries and countries[e.within] == e.country, e.key
        assert e.wikidata is None or e.wikidata.startswith("Q"), e.key


def test_every_country_has_all_its_first_level_divisions(regions):
    provinces = [e for e in (*_file("curated.tsv"), *regions) if e.type == "Province"]
    per_country = Counter(e.country for e in provinces)
    assert per_country["JP"] == 47  # 1 도 (홋카이도), 1 도 (도쿄도), 2 부, 43 현
    assert per_country["US"] == 50
    assert per_country["AU"] == 8
    assert per_country["CA"] == 13


def test_keys_are_unique_across_every_packaged_file():
    keys = Counter(e.key for p in GAZETTEER.iterdir() if p.name.endswith(".tsv") for e in _file(p.name))
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_within_resolves_in_the_loaded_gazetteer(regions):
    g = load_gazetteer()
    assert [e.key for e in regions if e.within not in g.entries] == []
    assert all(g.entry(e.key) == e for e in regions)  # no other file replaces a region


def test_no_name_of_a_region_is_a_city_name(regions):
    """Korean names above all (야마구치현, never 야마구치), and English ones too (State of Victoria)."""
    g = load_gazetteer()
    cities = {norm(n) for e in g.entries.values() if e.type == "City" for n in e.names()}
    clashes = [(e.key, n) for e in regions if e.type == "Province" for n in e.names() if norm(n) in cities]
    assert clashes == []
    assert sum(_hangul(n) for e in regions for n in e.names()) > 300  # the Korean names are checked too


def test_a_region_named_like_its_capital_has_only_its_unit_form():
    g = load_gazetteer()
    for bare, suffixed, key in [("야마구치", "야마구치현", "yamaguchi_prefecture"), ("오사카", "오사카부", "osaka_prefecture"),
                                ("퀘벡", "퀘벡주", "quebec"), ("하바롭스크", "하바롭스크주", "khabarovsk_krai")]:
        assert [e.key for e in g.lookup(suffixed)] == [key]
        assert key not in [e.key for e in g.lookup(bare)]


@pytest.fixture(scope="module")
def res():
    return load_resources()


def _entities(res, text: str) -> dict[str, tuple[str, str]]:
    x = extract(SourceText(text), "t.txt", "t.txt", res)
    return {e.id.rsplit("/", 1)[-1]: (e.type, e.label("ko")) for e in x.entities}


@pytest.mark.parametrize("text, key", [
    ("부산시는 일본 홋카이도와 우호협력 협약을 체결했다.", "hokkaido"),
    ("시장 일행은 호주 퀸즈랜드 주정부를 방문했다.", "queensland"),
    ("김해시는 미국 미주리주와 자매결연을 맺었다.", "missouri"),
    ("강원도는 러시아 연해주와 교류를 이어가고 있다.", "primorsky_krai"),
    ("경기도는 베트남 꽝닌성 인민위원회와 협약을 맺었다.", "quang_ninh_province"),
])
def test_a_korean_sentence_naming_a_region_resolves_to_its_province(res, text, key):
    assert _entities(res, text).get(key, (None,))[0] == "Province"
