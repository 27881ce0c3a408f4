"""Candidate mentions: gazetteer names, suffix phrases, persons, tables, brackets, Latin lists."""
from __future__ import annotations

import pytest

from cityties.ingest.mentions.korean import find_mentions
from cityties.ingest.pipeline import load_resources
from cityties.ingest.source import Block, Cell, Row, SourceText


@pytest.fixture(scope="module")
def res():
    return load_resources()


def spans(text, res, source=None):
    src = source or SourceText(text)
    return {(c.text, c.type) for c in find_mentions(src, res.gazetteer, res.lexicon, res.kiwi)}


def by_text(text, res):
    return {c.text: c for c in find_mentions(SourceText(text), res.gazetteer, res.lexicon, res.kiwi)}


def test_offsets_slice_to_the_text(res):
    text = "대표단은 중국 쓰촨성 청두시와 난닝시 인민정부를 방문했다.\n하얼빈공업대학 교수와 만났다."
    for c in find_mentions(SourceText(text), res.gazetteer, res.lexicon, res.kiwi):
        assert text[c.start:c.end] == c.text


def test_particles_attach_to_gazetteer_names(res):
    found = spans("우한시와 항저우의 교류, 베이징에서", res)
    assert {t for t, _ in found} >= {"우한시", "항저우", "베이징"}


def test_suffix_phrases_get_the_suffix_type(res):
    found = by_text("방문단은 선양 훈남신구 관리위원회와 하얼빈공업대학을 찾았고 다롄 소프트웨어단지를 둘러봤다.", res)
    assert found["하얼빈공업대학"].type == "University"
    assert any(c.type == "IndustrialPark" and c.text.endswith("소프트웨어단지") for c in found.values())
    assert any(c.type == "GovernmentBody" and c.text.endswith("관리위원회") for c in found.values())


def test_generic_phrases_are_not_names(res):
    found = spans("데이터센터와 스마트 클라우드, 관련 연구센터를 확충한다.", res)
    assert not any(t in ("데이터센터", "스마트 클라우드", "연구센터") for t, _ in found)


def test_person_with_title_after_and_before(res):
    found = by_text("박정민 부시장과 사무국장 최은영이 참석했다.", res)
    assert found["박정민"].type == "Person" and found["박정민"].title == "부시장"
    assert found["최은영"].title == "사무국장"


def test_person_with_organisation_fused_to_title(res):
    c = by_text("홍길동 수원시장은 말했다.", res)["홍길동"]
    assert (c.title, c.org) == ("시장", "수원시")


def test_chinese_name_with_hanzi_and_title(res):
    c = by_text("시안시 리밍(李明) 부시장이 환영했다.", res)["리밍"]
    assert c.type == "Person" and c.hanzi == "李明"


def test_hanzi_without_title_is_no_person(res):
    assert "텅윈" not in by_text("텅윈(腾云) 플랫폼을 출시했다.", res)


def test_hanzi_in_brackets_resolves_through_the_gazetteer(res):
    c = by_text("샤오미(小米)가 참가했다", res)["샤오미"]
    assert c.type == "Company"


def test_table_persons_take_title_and_ditto_organisation(res):
    rows = ["번호\t소속\t직위\t성명", "1\t수원시의회\t의장\t김민수", "2\t\"\t위원\t이서연"]
    text = "\n".join(rows)
    found = by_text(text, res)
    assert found["김민수"].title == "의장" and found["이서연"].org == "수원시의회"


def test_table_blocks_from_the_loader_are_used(res):
    text = "소속 직위 성명\n수원시 팀장 정하늘"
    cells = lambda spans: tuple(Cell(s, e) for s, e in spans)
    block = Block("table", 0, len(text), rows=(Row(0, 8, cells([(0, 2), (3, 5), (6, 8)])),
                                                Row(9, len(text), cells([(9, 12), (13, 15), (16, 19)]))))
    found = {c.text: c for c in find_mentions(SourceText(text, blocks=(block,)), *_res(res))}
    assert found["정하늘"].title == "팀장"


def _res(res):
    return res.gazetteer, res.lexicon, res.kiwi


def test_latin_names_in_a_list_take_the_list_type(res):
    found = spans("알리바바, Kingsoft Cloud, QQX 등과 협력", res)
    assert ("Kingsoft Cloud", "Company") in found and ("QQX", "Company") in found


def test_latin_stop_words_are_no_names(res):
    assert not any(t in ("MOU", "AI") for t, _ in spans("화웨이, AI, MOU 등", res))


def test_weather_widget_lines_are_skipped(res):
    text = "• 흐림부산 7.7℃\n부산시와 협약"
    found = find_mentions(SourceText(text), *_res(res))
    assert [c.start for c in found if "부산" in c.text] == [text.index("부산시")]


def test_common_words_that_spell_a_city_are_skipped(res):
    from cityties.ingest.resolve.korean import resolve_mentions
    src = SourceText("브랜드 가치와 코로나 이후 시장 변화를 위해")
    found = resolve_mentions(find_mentions(src, *_res(res)), src, res.gazetteer, res.lexicon)
    assert not any(m.text in ("브랜드", "코로나", "위해") for e in found for m in e.mentions)


def test_kiwi_is_not_reloaded_per_call(res, monkeypatch):
    import kiwipiepy
    monkeypatch.setattr(kiwipiepy, "Kiwi", lambda *a, **k: pytest.fail("Kiwi loaded again"))
    find_mentions(SourceText("우한시"), *_res(res))
    assert load_resources() is res


def test_foreign_names_of_several_words_before_a_title(res):
    found = by_text("▶ 스즈키 이치로 과장 면담, 응우옌 티 란 부위원장과 협의", res)
    assert found["스즈키 이치로"].title == "과장" and found["응우옌 티 란"].type == "Person"


def test_place_words_before_a_title_are_no_foreign_name(res):
    assert not any(c.type == "Person" for c in by_text("노르웨이 대한민국 대사를 예방", res).values())


def test_lowercase_latin_words_are_no_place_names(res):
    assert not by_text("the province of san jose and antwerp province", res)


def test_chinese_name_in_brackets_decides_how_far_a_name_reaches(res):
    found = by_text("후이저우 첨단과학기술단지(惠州高新科技园)를 방문", res)
    assert any(t.startswith("후이저우") for t in found)


def test_particles_do_not_join_a_name(res):
    found = by_text("미국서 실리콘밸리 포럼이 열렸다", res)
    assert not any(t.startswith("미국서") for t in found)


def test_quotes_give_the_whole_name(res):
    found = by_text("「스마트 물류 혁신 파트너 컨퍼런스」와 ‘OKTA 청년 센터’를 소개했다", res)
    assert found["스마트 물류 혁신 파트너 컨퍼런스"].type == "Event"
    assert found["OKTA 청년 센터"].type == "Organization"


def test_quoted_generic_words_are_no_name(res):
    assert "데이터 센터" not in by_text("‘데이터 센터’를 짓는다", res)


def test_a_country_lists_its_places_in_brackets(res):
    found = by_text("참가 도시: 미국(시애틀, 포틀랜드시, 아무개빌), 일본(오사카)", res)
    assert found["시애틀"].keys and found["포틀랜드시"].type == "City"
    # a name the gazetteer lacks is still a place, in the country that lists it
    assert found["아무개빌"].source == "listed" and found["아무개빌"].place_keys == ("united_states",)
