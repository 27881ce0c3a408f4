"""Korean patterns found missing on the ko_dev documents (tests/data/ko_dev): each a general rule."""
from __future__ import annotations

import pytest

from cityties.ingest.pipeline import extract, load_resources
from cityties.ingest.source import SourceText


@pytest.fixture(scope="module")
def res():
    return load_resources()


def run(res, text: str):
    x = extract(SourceText(text), "t.txt", "t.txt", res)
    label = {e.id: e.label("ko") for e in x.entities}
    types = {e.label("ko"): e.type for e in x.entities}
    facts = {(f.type, label[f.subject], label[f.object]) for f in x.facts}
    return x, types, facts


def test_title_then_romanised_foreign_name_is_a_person_with_a_post(res):
    _, types, facts = run(res, "박닌성 인민위원회 부주석 응우옌 흐엉 장(Nguyen Huong Giang)을 예방했다.")
    assert types.get("응우옌 흐엉 장") == "Person"
    assert ("holds_post", "응우옌 흐엉 장", "박닌성 인민위원회") in facts


def test_body_title_name_gives_the_post(res):
    _, _, facts = run(res, "이날 면담에는 김포시의회 의장 정혜린이 참석했다.")
    assert ("holds_post", "정혜린", "김포시의회") in facts


def test_a_mayor_title_fused_to_a_known_place_is_no_person(res):
    _, types, _ = run(res, "옌타이시장 궈젠핑(郭建平)의 친서를 전달했다.")
    assert "옌타이" not in types
    assert types.get("궈젠핑") == "Person"


def test_a_korean_technopark_is_an_organization(res):
    _, types, _ = run(res, "경남테크노파크는 베트남 하노이시를 방문했다.")
    assert types.get("경남테크노파크") == "Organization"


def test_a_council_committee_named_by_its_remit_is_found(res):
    _, types, _ = run(res, "청주시의회 행정문화위원회 국외출장 결과보고서\n")
    assert types.get("행정문화위원회") == "GovernmentBody"


def test_parties_listed_before_gan_cooperate_pairwise(res):
    _, _, facts = run(res, "경남테크노파크, 창원대학교, 하노이과학기술대학교 3자 간 공동연구에 합의함")
    coop = {frozenset((a, b)) for t, a, b in facts if t == "cooperates_with"}
    assert frozenset(("창원대학교", "하노이과학기술대학교")) in coop
    assert len(coop) == 3


def test_the_building_where_an_agreement_is_signed_is_no_party(res):
    _, _, facts = run(res, "부천시는 다낭시 인민위원회 청사에서 다낭시와 우호협력도시 협약을 체결했다.")
    agreements = {(a, b) for t, a, b in facts if t == "agreement"}
    assert agreements and all("인민위원회" not in a + b for a, b in agreements)


def test_a_dated_heading_naming_a_body_is_a_visit_by_the_home_side(res):
    text = ("경남테크노파크 해외 협력기관 방문 결과 보고\n\n3. 주요 방문 내용\n"
            " 가. 하노이과학기술대학교 (2024. 3. 7.(목))\n  ○ 부총장 도 반 탄(Do Van Thanh)과 면담\n")
    x, _, facts = run(res, text)
    assert ("visited", "경남테크노파크", "하노이과학기술대학교") in facts
    met = [f for f in x.facts if f.type == "met"]
    assert met and met[0].date == "2024-03-07"  # the heading dates its section


def test_a_meeting_label_names_the_people_met(res):
    text = ("청주시의회 국외출장 결과보고서\n\n1. 우시시 방문\n ○ 면담자 : 우시시 부시장 저우밍(周明)\n")
    _, _, facts = run(res, text)
    assert ("met", "청주시의회", "저우밍") in facts


def test_a_short_name_the_text_defines_stands_for_the_body(res):
    x, _, facts = run(res, "경기도경제과학진흥원(이하 진흥원)은 포럼에 참가했다. 진흥원 원장 강태윤이 발표했다.\n")
    body = [e for e in x.entities if e.label("ko") == "경기도경제과학진흥원"]
    assert len(body) == 1 and "진흥원" in {m.text for m in body[0].mentions}
    assert ("holds_post", "강태윤", "경기도경제과학진흥원") in facts


def test_asked_to_attend_is_not_attended(res):
    _, _, facts = run(res, "진흥원은 방콕시 대표단에게 '2024 스마트시티 엑스포'에 참가해 줄 것을 요청했다.\n")
    assert not any(t == "attended" for t, _, _ in facts)


def test_co_organisers_are_not_attendees(res):
    text = ("2023 아세안 스마트시티 포럼이 하노이에서 열렸다.\n"
            "이번 포럼은 베트남 건설부와 하노이시 인민위원회가 공동 주최하고, 삼성전자가 참가했다.\n")
    _, _, facts = run(res, text)
    assert not any(t == "attended" and "인민위원회" in a for t, a, _ in facts)


def test_a_group_name_fused_to_a_business_is_its_own_company(res):
    _, types, _ = run(res, "LG디스플레이와 SK하이닉스가 생산 거점을 두고 있다.")
    assert types.get("LG디스플레이") == "Company" and types.get("SK하이닉스") == "Company"
    assert "LG" not in types and "SK" not in types


def test_a_news_byline_outlet_is_no_agreement_party(res):
    _, _, facts = run(res, "[김포=한빛일보] 최유진 기자 = 경기 김포시가 중국 옌타이시와의 자매도시 결연을 추진한다.\n")
    assert all("한빛일보" not in a + b for t, a, b in facts if t == "agreement")


def test_a_university_named_for_its_city_is_not_a_located_in_statement(res):
    _, _, facts = run(res, "창원대학교와 하노이과학기술대학교는 학술교류 협정을 체결함\n")
    assert not any(t == "located_in" for t, _, _ in facts)


def test_cities_listed_with_their_countries_before_a_delegation_word_are_met(res):
    text = "경기도경제과학진흥원은 태국 방콕시, 말레이시아 쿠알라룸푸르시 대표단과 간담회를 열었다.\n"
    _, _, facts = run(res, text)
    met = {b for t, _, b in facts if t == "met"}
    assert {"방콕", "쿠알라룸푸르"} <= met, facts


def test_receiving_a_delegation_is_a_meeting(res):
    _, _, facts = run(res, "김포시는 지난 14일 시청 접견실에서 옌타이시 대표단을 맞아 교류 확대 방안을 논의했다.\n")
    assert any(t == "met" and a == "김포" for t, a, _ in facts), facts


def test_a_venue_is_no_entity(res):
    _, types, _ = run(res, "포럼은 베트남 하노이 국립컨벤션센터에서 열렸다. 박람회는 충칭국제엑스포센터에서 개막했다.\n")
    assert not any(name.endswith(("컨벤션센터", "엑스포센터")) for name in types)
