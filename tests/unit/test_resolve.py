"""Resolution paths, each on its own: normalization, aliases, transcription, fuzzy, context, grouping."""
from __future__ import annotations

import pytest

from cityties.graph.vocab import gazetteer_iri
from cityties.ingest.gazetteer import Entry, Gazetteer
from cityties.ingest.lexicon import load_lexicon
from cityties.ingest.mentions.korean import Candidate, find_mentions
from cityties.ingest.pipeline import extract, load_resources
from cityties.ingest.resolve.korean import Context, choose, core_name, resolve_mentions
from cityties.ingest.source import SourceText

LEX = load_lexicon()


@pytest.fixture(scope="module")
def res():
    return load_resources()


@pytest.fixture(scope="module")
def toy() -> Gazetteer:
    return Gazetteer([
        Entry("wuhan", "City", {"ko": "우한", "zh": "武汉"}, country="CN", population=9_000_000),
        Entry("hohhot", "City", {"ko": "후허하오터", "zh": "呼和浩特"}, country="CN"),
        Entry("gangseo", "Province", {"ko": "강서"}, country="KR"),
        Entry("gangxi", "City", {"ko": "강시"}, country="CN"),
        Entry("harbin", "City", {"zh": "哈尔滨"}, country="CN"),
        Entry("chungbuk", "Province", {"ko": "충북"}, country="KR"),
        Entry("zhongbu", "City", {"zh": "中部"}, country="CN"),
        Entry("korea", "Country", {"ko": "한국"}, country="KR"),
        Entry("china", "Country", {"ko": "중국"}, country="CN"),
    ])


def ctx_of(countries, surfaces=None, units=None):
    surfaces = surfaces or {}
    return Context(countries, frozenset(surfaces), {k: frozenset(v) for k, v in surfaces.items()},
                   {k: frozenset(v) for k, v in (units or {}).items()})


def entities(text, res):
    src = SourceText(text)
    return resolve_mentions(find_mentions(src, res.gazetteer, res.lexicon, res.kiwi), src, res.gazetteer, res.lexicon)


def ids_of(text, res, surface):
    return {e.id for e in entities(text, res) if any(m.text == surface for m in e.mentions)}


# ---------------------------------------------------------------- normalization

def test_spacing_and_unit_suffix_resolve_to_one_entity(res):
    text = "우한시와 우한, 그리고 우한 시의 협력"
    assert len({e.id for e in entities(text, res) if e.type == "City"}) == 1


def test_iris_are_deterministic_across_runs(res):
    text = "난징 신시가지 관리위원회 왕칭(王清) 주임이 방문했다."
    assert [e.id for e in entities(text, res)] == [e.id for e in entities(text, res)]


# ---------------------------------------------------------------- multilingual aliases

def test_chinese_and_english_names_reach_the_same_entity(res):
    text = "武汉(Wuhan)과 우한시는 같은 곳이다. Wuhan."
    assert len({e.id for e in entities(text, res) if e.type == "City"}) == 1


# ---------------------------------------------------------------- transcription

def test_hangul_transcription_of_a_chinese_label_resolves(toy):
    e = choose("하얼빈", [], toy, ctx_of({"CN": 1.0}))
    assert e is not None and e.key == "harbin"


# ---------------------------------------------------------------- fuzzy

def test_misspelled_place_resolves_when_the_document_names_it_otherwise(toy):
    ctx = ctx_of({"CN": 0.9, "KR": 0.1}, {"hohhot": {"후허하오터"}})
    assert choose("후허하우터", [], toy, ctx).key == "hohhot"


def test_fuzzy_guess_without_support_is_refused(res):
    # 하이난 is a province; 하이넌 only resembles it, and nothing in the text is Chinese
    assert not any(e.labels.get("en") == "Hainan" for e in entities("하이넌시와 서울시의 교류", res))


def test_core_name_drops_generic_middle_words():
    assert core_name("단둥 국제물류빅데이터단지", LEX) == core_name("단둥물류단지", LEX) or \
        core_name("단둥빅데이터단지", LEX) == core_name("단둥단지", LEX)


def test_near_spellings_of_one_new_organisation_merge(res):
    text = "가오신구와 가우신구 관계자, 톈허소프트웨어산업단지와 텐허소프트웨어산업단지"
    parks = {e.id for e in entities(text, res) if e.type == "IndustrialPark"}
    assert len(parks) == 1


# ---------------------------------------------------------------- context

def test_exact_korean_name_stays_korean_in_a_korean_text(toy):
    ctx = ctx_of({"KR": 0.9, "CN": 0.1}, {"zhongbu": {"중부"}})
    assert choose("충북", [toy.entry("chungbuk")], toy, ctx).key == "chungbuk"


def test_exact_name_contradicted_by_its_unit_gives_way_to_a_place_named_elsewhere(toy):
    # 강서 is a Korean province; written 강서시 (a city) in a text that also names the city 강시
    exact = [toy.entry("gangseo")]
    ctx = ctx_of({"CN": 0.6, "KR": 0.4}, {"gangxi": {"강시"}}, units={"강서": {"City"}})
    assert choose("강서", exact, toy, ctx).key == "gangxi"
    # the same text without the contradicting unit keeps the exact province
    ctx = ctx_of({"CN": 0.6, "KR": 0.4}, {"gangxi": {"강시"}})
    assert choose("강서", exact, toy, ctx).key == "gangseo"
    # and a near spelling nobody else writes never replaces it
    ctx = ctx_of({"CN": 0.6, "KR": 0.4}, units={"강서": {"City"}})
    assert choose("강서", exact, toy, ctx).key == "gangseo"


def test_chongqing_misspelling_in_a_china_text(res):
    text = ("중국 충칭시 개요. 충칭은 직할시다. 방문지: 충청시 위베이구, 충청 우전대학교. "
            "중국 청두와 베이징도 방문했다.")
    chongqing = gazetteer_iri("chongqing")
    assert chongqing in ids_of(text, res, "충청시") and chongqing in ids_of(text, res, "충칭")


def test_chungcheong_in_a_korea_text(res):
    text = "충청 지역과 경기도, 서울시, 부산시가 참여했다. 충청 지역 기업도 함께했다."
    assert gazetteer_iri("chongqing") not in ids_of(text, res, "충청")


def test_country_before_a_name_gives_containment(res):
    ents = {e.labels.get("ko"): e for e in entities("중국 쓰촨성 청두시를 방문했다.", res)}
    assert ents["청두"].within == gazetteer_iri("sichuan")


def test_leading_place_qualifies_an_organisation(res):
    ents = [e for e in entities("우한 빅데이터밸리와 우한시 빅데이터밸리, 난징 빅데이터밸리", res)
            if e.type == "IndustrialPark"]
    assert len(ents) == 2
    assert all(e.within for e in ents)


def test_government_heads_name_one_body(res):
    bodies = {e.id for e in entities("우한시청과 우한시 인민정부, 우한시정부", res) if e.type == "GovernmentBody"}
    assert len(bodies) == 1


def test_person_title_is_kept_without_organisation(res):
    p = next(e for e in entities("리밍(李明) 당서기가 말했다.", res) if e.type == "Person")
    assert p.title == "당서기" and p.labels.get("zh") == "李明"


def test_extract_returns_a_valid_extraction(res):
    text = "고양시의회 기획행정위원회는 중국 우한시를 방문했다."
    x = extract(SourceText(text), "doc.txt", "doc.txt", res)
    assert x.document.text == text and x.entities
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_one_sense_per_text_from_a_list_of_another_countrys_places(toy):
    # 강서 (a Korean province) listed between Chinese places, in a text that writes 강시 elsewhere
    text = "중국(강서, 우한) 방문. 강시 시찰. 강서 일정."
    def cand(word, nth=0):
        start = [i for i in range(len(text)) if text.startswith(word, i)][nth]
        keys = tuple(e.key for e in toy.lookup(word))
        return Candidate(start, start + len(word), word, toy.entry(keys[0]).type, "gazetteer", keys)
    cands = [cand("중국"), cand("강서"), cand("우한"), cand("강시"), cand("강서", 1)]
    ents = resolve_mentions(cands, SourceText(text), toy, LEX)
    gangxi = next(e for e in ents if e.id == gazetteer_iri("gangxi"))
    assert {m.start for m in gangxi.mentions} == {cands[1].start, cands[3].start, cands[4].start}


def test_country_word_before_a_body_is_a_descriptor(res):
    ents = entities("중국 우한시정부와 협의했고, 우한시정부는 환영했다.", res)
    assert len({e.id for e in ents if e.type == "GovernmentBody"}) == 1


def test_common_word_before_a_title_is_no_person(res):
    assert not any(e.type == "Person" for e in entities("국내외 교수를 초빙하고 시스템 주임과 협의", res))


def test_wikidata_and_labels_come_from_the_gazetteer(res):
    e = next(e for e in entities("충칭시를 방문했다.", res) if e.type == "City")
    assert e.same_as == ("http://www.wikidata.org/entity/Q11725",) and e.labels["zh"] == "重庆"


def test_events_named_by_one_acronym_merge(res):
    text = "제3회 하이난 ABCX 국제혁신컨퍼런스가 열렸다. 이번 ABCX 컨퍼런스에는 500명이 참석했다."
    assert len({e.id for e in entities(text, res) if e.type == "Event"}) == 1


def test_bare_name_joins_the_place_qualified_one(res):
    text = "중국 우한시 화중과기대학교를 방문했다. 화중과기대학교는 명문이다. 우한은 크다."
    assert len({e.id for e in entities(text, res) if e.type == "University"}) == 1


def test_sibling_units_of_one_parent_stay_apart(res):
    text = "‘OKTA 청년 센터’와 ‘OKTA 비즈니스 센터’를 세운다."
    assert len({e.id for e in entities(text, res) if e.type == "Organization" and "센터" in e.label()}) == 2


def test_an_edition_or_year_before_a_known_event_is_dropped(res):
    ids = {e.id for e in entities("'2024년 고양국제꽃박람회'와 고양국제꽃박람회", res) if e.type == "Event"}
    assert ids == {gazetteer_iri("goyang_flower_show")}


def test_a_shorter_known_name_does_not_swallow_a_longer_new_one(res):
    text = "통일한국 실리콘밸리 사업과 미국 실리콘밸리 방문"
    parks = {e.id for e in entities(text, res) if e.type == "IndustrialPark"}
    assert gazetteer_iri("silicon_valley") in parks and len(parks) == 2


def test_listed_places_are_within_their_country(res):
    ents = {e.labels.get("ko"): e for e in entities("미국(시애틀, 아무개빌), 일본(오사카)", res)}
    assert ents["아무개빌"].within == gazetteer_iri("united_states")
    assert ents["시애틀"].within == gazetteer_iri("united_states") and ents["시애틀"].labels.get("en") == "Seattle"


def test_a_variant_spelling_listed_among_places_of_one_country(res):
    ids = ids_of("중국 주요 도시(베이징, 선쩐, 상하이)를 소개했다.", res, "선쩐")
    assert ids == {gazetteer_iri("shenzhen")}


def test_an_unknown_word_outside_any_list_stays_out(res):
    assert not ids_of("선쩐이라는 말은 없다.", res, "선쩐")


def test_a_misread_neighbour_does_not_pull_a_correct_name_to_its_country(res):
    # 충청시 is a misspelling (충청 is a Korean province, never a 시). Listed beside it, 구이양시
    # must stay the Chinese city, not become 고양, a Korean near spelling named in the same text.
    text = ("출장국가 : 중국(충청시, 구이양시). 고양시 대표단은 서울, 파주시, 김포시를 거쳐 "
            "구이양시를 방문하였다. 고양시와 구이양시는 교류를 약속하였다.")
    guiyang = ids_of(text, res, "구이양시")
    goyang = ids_of(text, res, "고양시")
    assert len(guiyang) == 1 and guiyang != goyang
    entity = next(e for e in entities(text, res) if e.id in guiyang)
    assert entity.labels.get("en") == "Guiyang"
