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


# --- blind-set fixes: synthetic sentences, not taken from any document

def test_people_listed_after_a_meeting_cue_are_met_but_not_our_own(res):
    text = ("[보도자료] 강원대학교, 중국 하얼빈시 인민정부와 교류 협약 체결\n\n"
            "강원대학교는 3월 4일 하얼빈시 인민정부와 업무협약을 체결했다.\n"
            "이날 협약식에는 강원대학교 최도윤 총장과 대외협력처장 문가람 교수, "
            "하얼빈시 인민정부 부시장 장웨이, 하얼빈시 교육국 국장 리밍하오 등이 참석했다.\n")
    _, _, facts = run(res, text)
    met = {b for t, a, b in facts if t == "met" and a == "강원대학교"}
    assert {"장웨이", "리밍하오"} <= met, facts
    assert not met & {"최도윤", "문가람"}, facts


def test_a_home_person_named_before_his_body_is_not_met(res):
    text = ("[보도자료] 안산시, 중국 웨이하이시와 교류 확대 논의\n\n"
            "이날 간담회에는 이준오 안산시장과 웨이하이시 부시장 쑨허핑이 참석했다.\n")
    _, _, facts = run(res, text)
    met = {b for t, _, b in facts if t == "met"}
    assert "쑨허핑" in met and "이준오" not in met, facts


def test_a_lone_partner_written_with_wa_neun_pairs_with_the_home_city(res):
    text = ("광명시의회 공무국외출장 결과보고서\n\n1. 출장 개요\n ○ 출장자: 광명시의회 의원 3명\n\n"
            "2. 시사점\n ○ 광명시 청소년 교류가 활발함\n ○ 창저우시와는 2008년 자매결연을 맺은 이후 교류가 이어져 왔음\n")
    _, _, facts = run(res, text)
    assert ("agreement", "광명", "창저우") in facts or ("agreement", "창저우", "광명") in facts, facts


def test_wa_ui_before_a_generic_agreement_word_adds_no_partner(res):
    _, _, facts = run(res, "[보도자료] 오산시, 베트남 후에시와 협약 체결\n\n오산시장은 \"후에시와의 협약은 첫걸음\"이라고 말했다.\n")
    assert sum(1 for t, _, _ in facts if t == "agreement") <= 1, facts


def test_a_press_release_marker_before_the_headline_subject_sets_home(res):
    x, _, _ = run(res, "[보도자료] 충남대학교, 일본 후쿠오카시와 학술교류 협약\n\n충남대학교는 협약을 맺었다.\n")
    home = next(e for e in x.entities if e.id == x.document.home) if x.document.home else None
    assert home is not None and home.label("ko") == "충남대학교"


def test_a_contact_line_names_the_writing_desk_as_home(res):
    text = ("청소년 교류단, 일본 마쓰야마시 방문\n\n교류단은 5월 2일 마쓰야마시를 방문했다.\n\n"
            "문의: 안양시 국제교류팀 031-000-0000\n")
    x, _, facts = run(res, text)
    assert ("visited", "안양", "마쓰야마") in facts, (x.document.home, facts)


def test_a_visit_still_to_come_is_not_visited(res):
    text = ("[보도자료] 목포시, 중국 옌청시와 우호 교류\n\n"
            "목포시는 오는 11월 옌청시를 방문해 우호도시 협약을 체결할 예정이다.\n")
    _, _, facts = run(res, text)
    assert not any(t == "visited" for t, _, _ in facts), facts


def test_title_then_two_word_foreign_name_without_romanisation_is_a_person(res):
    _, types, facts = run(res, "면담에는 삿포로시 부시장 기무라 다케시, 관광과 계장 고바야시 아야카가 참석했다.\n")
    assert types.get("기무라 다케시") == "Person" and types.get("고바야시 아야카") == "Person", types


def test_a_title_then_korean_name_and_common_word_is_no_foreign_name(res):
    _, types, _ = run(res, "부시장 박정민 일행이 시청을 찾았다.\n")
    assert "박정민 일행" not in types


def test_a_titled_back_reference_by_surname_is_the_same_person(res):
    text = ("간담회에는 나고야시 부시장 오카다 료타가 참석했다.\n"
            "오카다 부시장은 \"청소년 교류를 넓히자\"고 강조했다.\n")
    x, _, _ = run(res, text)
    people = [e for e in x.entities if e.type == "Person"]
    assert len(people) == 1 and people[0].label("ko") == "오카다 료타", [e.label("ko") for e in people]
    assert {m.text for m in people[0].mentions} >= {"오카다 료타", "오카다"}


def test_a_visited_city_is_placed_in_the_country_written_before_it_and_a_meeting_in_the_city(res):
    text = ("여수시의회 공무국외출장 결과보고서\n\n1. 방문 내용\n"
            " ○ 여수시의회 의원단은 9월 3일 중국 항저우시를 방문함\n"
            " ○ 항저우시 인민정부를 방문하여 부시장 저우리밍과 면담함\n")
    x, _, _ = run(res, text)
    label = {e.id: e.label("ko") for e in x.entities}
    placed = {(f.type, label[f.object]): label.get(f.place) for f in x.facts if f.type in ("met", "visited")}
    assert placed.get(("visited", "항저우")) == "중국", placed  # "중국 항저우시": the gold's convention
    assert placed.get(("visited", "항저우시 인민정부")) == "항저우", placed
    assert placed.get(("met", "저우리밍")) == "항저우", placed


def test_a_meeting_at_home_gets_no_foreign_place(res):
    text = "[보도자료] 군산시, 중국 웨이팡시 대표단 접견\n\n군산시는 웨이팡시 부시장 류창핑 일행을 시청에서 맞아 교류 방안을 논의했다.\n"
    x, _, _ = run(res, text)
    assert all(f.place is None for f in x.facts if f.type == "met"), x.facts


def test_an_agreement_to_be_signed_next_month_is_planned(res):
    text = "[보도자료] 순천시, 일본 니가타시와 교류\n\n순천시는 오는 10월 니가타시와 우호도시 협약을 체결하고 공동 사업을 추진할 예정이다.\n"
    x, _, _ = run(res, text)
    agreements = [f for f in x.facts if f.type == "agreement"]
    assert agreements and all(f.status == "planned" for f in agreements), agreements


def _places(res, text: str) -> dict[tuple[str, str], str | None]:
    x, _, _ = run(res, text)
    label = {e.id: e.label("ko") for e in x.entities}
    return {(f.type, label[f.object]): label.get(f.place) for f in x.facts if f.type in ("visited", "met", "attended")}


def test_a_visit_takes_place_in_the_city_the_travellers_arrived_at(res):
    places = _places(res, "고양시의회 일행은 시드니, 골드코스트, 브리즈번 등을 둘러보고 귀국한다.\n"
                          "둘째날 시드니 공항에 도착한 일행은 시내를 시찰했다.\n"
                          "셋째날 오전 파라마타시의회를 방문해 노인복지정책을 청취했다.\n")
    assert places[("visited", "파라마타시의회")] == "시드니"  # not the last city of the list


def test_an_event_is_held_where_another_sentence_says(res):
    places = _places(res, "제2회 한중과학기술포럼이 지난 6월 24일 청두에서 개최되었다.\n"
                          "고양시 김철수 국장은 한중과학기술포럼에 참석해 기조연설을 했다.\n")
    assert places[("attended", "한중과학기술포럼")] == "청두"


def test_an_event_named_by_a_compound_before_its_kind_is_found(res):
    _, types, _ = run(res, "고양시는 국제우호도시 원탁회의에 참석했다.\n")
    assert types.get("국제우호도시 원탁회의") == "Event"
    _, types, _ = run(res, "고양시는 이번 원탁회의에 참석했다.\n")
    assert "Event" not in types.values()  # "this roundtable" names none


def test_cities_listed_by_country_attend_where_the_place_field_says(res):
    x, _, facts = run(res, "□ 국제우호도시 원탁회의 주제발표\n\n"
                           "- 일시/장소 : 2018. 8. 23.(목) 16:00~18:00 / 충칭국제엑스포센터 포럼장\n"
                           "- 참가도시 : 총 3개국 4개 도시\n"
                           "- ※ 미국(시애틀, 팔로알토), 벨기에(antwerp province), 독일(뒤셀도르프)\n")
    attended = {s for t, s, o in facts if t == "attended" and o == "국제우호도시 원탁회의"}
    assert {"시애틀", "팔로알토", "뒤셀도르프"} <= attended
    assert not attended & {"미국", "벨기에", "독일"}  # a country heads its cities
    label = {e.id: e.label("ko") for e in x.entities}
    assert {label.get(f.place) for f in x.facts if f.type == "attended"} == {"충칭"}


def test_a_bureau_named_for_two_fields_keeps_both(res):
    _, types, _ = run(res, "- 참석 : 국제협력 및 투자서비스국, 과학기술 및 신경제발전국 관계자\n")
    assert types.get("국제협력 및 투자서비스국") == "GovernmentBody"
    assert types.get("과학기술 및 신경제발전국") == "GovernmentBody"
    _, types, _ = run(res, "- 참석 : 청두시 외사판공실 및 투자서비스국 관계자\n")
    assert "외사판공실 및 투자서비스국" not in types  # two bodies, listed


def test_meetings_of_a_trip_to_one_country_happen_in_that_country(res):
    places = _places(res, "고양시 최성 시장은 지난 7일 미국을 방문했다.\n"
                          "최성 시장은 헤리티지 재단을 방문해 관계자들과 면담했다.\n")
    assert places[("met", "헤리티지재단")] == "미국"


ITINERARY = ("고양시의회 기획행정위원회 국외출장 결과보고서\n\n"
             "일시 : 2019. 12. 22.~12. 25.\n\n"
             "□ 출장 일정\n"
             "1\t12월 22일\t이동 (인천▶충칭)\n"
             "2\t12월 23일\t충칭시 위베이구\n"
             "3\t12월 24일\t기차 이동 (충칭▶구이양)\n"
             "4\t12월 25일\t구이양시청\n\n"
             "□ 결과\n"
             "- 12월 25일 위원회는 구이양을 방문하여 구이양시청과 협력방안을 논의하였다.\n"
             )


def test_a_city_visit_begins_on_its_first_scheduled_day(res):
    x, _, _ = run(res, ITINERARY)
    label = {e.id: e.label("ko") for e in x.entities}
    dates = {(f.type, label[f.object]): f.date for f in x.facts}
    assert dates[("visited", "구이양")] == "2019-12-24"  # the sentence says the 25th; they arrived the 24th


def test_a_day_routed_through_two_cities_is_placed_by_the_bodies_seen_that_day(res):
    places = _places(res, "고양시의회 기획행정위원회 국외출장 결과보고서\n\n"
                          "- 12월 24일 위원회는 구이양을 방문하였다.\n"
                          "12. 26.(목) 5일차\t구이양\t충칭\t○ [기관방문] 충칭 우전대학교 ○ [현장방문] 광복군사령부 방문\n")
    assert places[("visited", "광복군사령부")] == "충칭"  # where 우전대학교 is, not the last city visited


def test_a_parks_management_committee_is_a_body_of_its_own(res):
    _, types, _ = run(res, "- 참 석 : 시엔타오빅데이터밸리 관리위원회 주임 등\n")
    assert types.get("시엔타오빅데이터밸리 관리위원회") == "GovernmentBody"
    _, types, _ = run(res, "이번 박람회 운영위원회가 열렸다.\n")
    assert "GovernmentBody" not in types.values()


def test_a_meeting_in_a_later_section_happens_where_the_travellers_arrived(res):
    places = _places(res, "고양시의회 기획행정위원회 국외출장 결과보고서\n\n"
                          "□ 일정\n- 8월 23일 충칭에 도착하였다.\n\n"
                          "□ 면담\n- 위원회는 8월 24일 헤이룽 관리위원회 관계자와 면담하였다.\n")
    assert places[("met", "헤이룽 관리위원회")] == "충칭"


def test_an_event_named_again_without_its_country_is_the_same_event(res):
    x, _, _ = run(res, "- 2018 중국국제스마트산업박람회 참가\n\n3\t8월 23일\t09:00\t스마트산업박람회 개막식 참석\n")
    [event] = [e for e in x.entities if e.type == "Event"]
    assert {m.text for m in event.mentions} == {"중국국제스마트산업박람회", "스마트산업박람회"}


def test_a_province_named_like_a_country_is_a_province_of_its_own(res):
    _, types, _ = run(res, "- 참가도시 : 파나마(파나마주), 싱가포르(싱가포르)\n")
    assert types.get("파나마주") == "Province"


def test_a_place_in_a_visit_compound_was_visited(res):
    _, _, facts = run(res, "경산시 중국 방문단(단장 최영조 시장)은 23일 출국해 중국 방문길에 올랐다.\n")
    assert ("visited", "경산", "중국") in facts
    _, _, facts = run(res, "내년 일본 방문 일정을 협의할 예정이다.\n")
    assert not any(t == "visited" for t, _, _ in facts)  # a plan, not a visit


def test_a_delegation_named_fused_to_its_kind_acts_for_its_city(res):
    _, _, facts = run(res, "중국 섬서성(陝西省) 동천시(銅川市) 우호대표단 일행이 경북 봉화군을 방문했다.")
    assert ("visited", "퉁촨", "봉화군") in facts
    assert ("located_in", "퉁촨", "산시성") in facts  # the gloss between the province and the city


def test_a_chinese_county_glossed_in_characters_is_a_place(res):
    _, types, facts = run(res, "동천시 의군현(宜君縣)과 실무협의를 진행했다.")
    assert types.get("의군현") == "District"


def test_the_leader_of_a_delegation_holds_the_post_in_its_city(res):
    _, _, facts = run(res, "중국 동천시 우호대표단 일행이 봉화군을 방문했다.\n"
                           "장후이롱(张惠荣) 부시장을 단장으로 총 5명으로 구성된 이번 우호대표단은 실무협의를 진행했다.")
    assert any(t == "holds_post" and a == "장후이롱" for t, a, _ in facts)


def test_a_titled_person_heads_the_body_named_after_deung(res):
    _, types, facts = run(res, "왕쥔 부주임 등 광시좡족자치구 인민대표대회 상무위원회 관계자 8명이 경남도의회를 찾았다.")
    assert ("holds_post", "왕쥔", "광시좡족자치구 인민대표대회 상무위원회") in facts


def test_a_standing_committee_is_one_name_with_its_congress_and_the_place_unit(res):
    _, types, _ = run(res, "중국 티베트(西藏) 자치구 인민대표회의 상무위원회가 22일 경남도의회를 방문했다.")
    assert types.get("티베트 자치구 인민대표회의 상무위원회") == "GovernmentBody"
    assert "인민대표회의" not in " ".join(k for k in types if k != "티베트 자치구 인민대표회의 상무위원회")


def test_the_short_form_of_a_peoples_congress_is_the_same_body(res):
    x, types, _ = run(res, "우시시 인민대표대회 상무위원회를 방문했다. 면담자 : 우시시 인대 상무위원회 부주임 저우밍(周明)")
    bodies = [e for e in x.entities if e.type == "GovernmentBody"]
    assert len(bodies) == 1


def test_a_foreign_two_word_name_before_a_body_and_title_is_a_person(res):
    _, types, facts = run(res, "조원휘 의장은 대전시의회를 찾은 이지마 히로유키 일본 삿포로시의회 의장을 맞이했다.")
    assert types.get("이지마 히로유키") == "Person"
    assert types.get("삿포로시의회") == "GovernmentBody"  # the country locates the council; it is no part of it
    assert ("holds_post", "이지마 히로유키", "삿포로시의회") in facts


def test_names_listed_before_a_shared_title_are_persons(res):
    _, types, _ = run(res, "기념식에는 강현철·임규연 시의원 등이 참석했다.")
    assert types.get("강현철") == types.get("임규연") == "Person"


def test_an_anniversary_ceremony_is_named_by_the_tie_and_held_where_the_text_says(res):
    x, types, facts = run(res, "공주시 방문단은 일본 야마구치시를 방문했다.\n지난 6일 야마구치 시청에서 열린 공주시-야마구치시 자매결연 30주년 기념식에는 "
                               "최원철 공주시장 등이 참석했다.")
    assert types.get("공주시-야마구치시 자매결연 30주년 기념식") == "Event"
    attended = [f for f in x.facts if f.type == "attended"]
    label = {e.id: e.label("ko") for e in x.entities}
    assert attended and all(label.get(f.place) == "야마구치" for f in attended)


def test_the_day_a_release_was_announced_dates_nothing(res):
    x, _, _ = run(res, "공주시는 일본 야마구치시와 자매결연 30주년 기념식을 개최했다고 7일 밝혔다.")
    assert all(f.date is None for f in x.facts)


def test_an_agreement_takes_the_date_a_later_sentence_gives_it(res):
    x, _, _ = run(res, "공주시, 일본 야마구치시와 자매결연 30주년\n공주시와 야마구치시는 1993년 자매결연 체결한 뒤 교류를 이어오고 있다.")
    agreements = [f for f in x.facts if f.type == "agreement"]
    assert agreements and agreements[0].date == "1993"


def test_a_body_after_a_province_and_city_is_the_citys(res):
    x, _, _ = run(res, "전북대학교는 중국 산둥성 칭다오시 인민정부와 협약을 체결했다. 칭다오시 인민정부 부시장 왕리핑이 참석했다.")
    bodies = [e for e in x.entities if e.type == "GovernmentBody"]
    assert len(bodies) == 1


def test_no_one_visits_their_own_council_nor_a_person(res):
    _, _, facts = run(res, "조원휘 대전시의회 의장은 9일 대전시의회를 찾은 삿포로시의회 대표단 6명을 맞이했다.")
    assert not any(t == "visited" and (a == "조원휘" or b == "조원휘") for t, a, b in facts)


def test_a_relative_visit_clause_names_the_visitors_and_the_meeting(res):
    x, _, facts = run(res, "문승우 의장은 23일 전북도의회를 방문한 마오 완춘(毛万春) 주석을 비롯한 "
                           "후난성 정협 대표단과 회담을 갖고 교류 협력 의지를 다졌다.")
    assert ("visited", "마오 완춘", "전북도의회") in facts
    assert ("met", "문승우", "마오 완춘") in facts
    assert not any(t == "visited" and a == "문승우" for t, a, _ in facts)
    label = {e.id: e.label("ko") for e in x.entities}
    visits = [f for f in x.facts if f.type == "visited"]
    assert visits and all(label.get(f.place) == "전라북도" for f in visits)  # received where the council is


def test_a_chinese_name_read_with_a_space_keeps_its_family_name(res):
    _, types, _ = run(res, "마오 웨이밍(毛伟明) 성장과 회담했다.")
    assert types.get("마오 웨이밍") == "Person"


def test_jeonghyeop_is_the_peoples_political_consultative_conference(res):
    x, _, _ = run(res, "중국 후난성 정치협상회의(정협)가 방문했다. 후난성 정협 대표단은 의회 시설을 둘러봤다.")
    assert len([e for e in x.entities if e.type == "GovernmentBody"]) == 1


def test_a_governments_department_is_one_body_and_a_briefing_there_a_meeting(res):
    _, types, facts = run(res, "22일에는 브리즈번으로 이동해 퀸즈랜드 주정부 농업 및 어업부에 들러 스마트팜 정책을 "
                               "청취하고 도시기반시설을 시찰한다.")
    assert types.get("퀸즈랜드 주정부 농업 및 어업부") == "GovernmentBody"


def test_a_council_member_word_names_the_council(res):
    x, _, _ = run(res, "방콕시의회 의장의 초청으로 방문했다. 현지 일정에 방콕시의원 및 방콕시 간부가 동행했다. "
                       "경남도의회를 찾아 경남도의원들과 환담했다.")
    councils = sorted(e.label("ko") for e in x.entities if e.type == "GovernmentBody")
    assert councils == ["경남도의회", "방콕시의회"]


def test_a_district_after_its_city_is_a_district_within_it_and_the_ties_party(res):
    x, types, facts = run(res, "서울 종로구의회(의장 김복동)는 중국 북경시 동성구와의 자매결연 체결 20주년을 맞아 "
                               "동성구 대표단을 초청했다. 종로구와 동성구의 우호관계를 다졌다.")
    assert types.get("동성구") == "District"
    assert ("located_in", "동성구", "베이징") in facts
    assert ("agreement", "종로구", "동성구") in facts  # a council's sister tie is its district's


def test_a_name_a_body_grew_over_is_the_person_titled_after_it(res):
    _, types, facts = run(res, "샤오펑 북경 동성구 정치협상회의 회장 등 6명의 대표단을 초청했다.")
    assert types.get("샤오펑") == "Person"
    assert ("holds_post", "샤오펑", "북경 동성구 정치협상회의") in facts


def test_a_verb_form_is_no_part_of_a_foreign_name(res):
    _, types, _ = run(res, "김복동 의장은 “종로구의회를 방문해준 샤오펑 회장을 환영한다”고 말했다.")
    assert "방문해준 샤오펑" not in types


def test_a_foreign_one_word_name_between_its_city_and_title_is_a_person(res):
    _, types, facts = run(res, "미국 콜로라도주 오로라시 스티브호건 시장 부부를 포함한 대표단 일행이 시의회를 방문했다.")
    assert types.get("스티브호건") == "Person"
    assert ("holds_post", "스티브호건", "오로라") in facts


def test_words_kiwi_knows_are_no_foreign_names(res):
    _, types, _ = run(res, "이날 협약식에는 부천시 대표단 단장인 한정우 부천시장이 참석했다.")
    assert "대표단" not in types


def test_a_council_named_by_its_unit_alone_is_the_texts_own_council(res):
    x, _, facts = run(res, "경기 성남시의회는 25일 미국 오로라시 스티브호건 시장을 포함한 대표단 일행이 시의회를 방문했다고 "
                           "밝혔다. 성남시의회 김유석 의장은 대표단을 환영했다.")
    councils = [e for e in x.entities if e.type == "GovernmentBody"]
    assert len(councils) == 1
    assert any(t == "visited" and a == "스티브호건" for t, a, _ in facts)


def test_a_group_led_by_a_person_acts_with_its_body(res):
    _, _, facts = run(res, "원경희 여주시장과 이환설 시의회 의장을 필두로 한 여주시 방문단이 31일 일본 사가현 "
                           "가라쓰시를 방문했다.")
    assert not any(t == "visited" and b == "여주" for t, _, b in facts)


def test_a_japanese_prefecture_written_with_its_unit_is_the_gazetteers(res):
    x, _, _ = run(res, "공주시 방문단은 일본 구마모토현 구마모토시를 방문했다.")
    assert any(e.type == "Province" and e.labels.get("en", "").startswith("Kumamoto") for e in x.entities)


def test_the_outlet_a_byline_names_is_a_company(res):
    _, types, _ = run(res, "[일간검경=김경칠 기자] 공주시는 일본 야마구치시와 자매결연 기념식을 개최했다.\n"
                           "[저작권자ⓒ 시민일보. 무단전재-재배포 금지]")
    assert types.get("일간검경") == types.get("시민일보") == "Company"
    assert "김경칠 기자" not in types


@pytest.mark.parametrize("text", ["박형준 부산시장은 3일 에릭 가세티 로스앤젤레스 시장과 업무협약을 체결했다.",
                                  "박형준 부산시장과 에릭 가세티 로스앤젤레스 시장은 3일 업무협약을 체결했다."])
def test_persons_signing_sign_for_the_bodies_their_titles_name_and_met(res, text):
    _, _, facts = run(res, text)
    assert {("agreement", "부산", "로스앤젤레스"), ("agreement", "로스앤젤레스", "부산")} & facts
    assert ("met", "박형준", "에릭 가세티") in facts


def test_a_delegation_receiving_officials_is_no_signer(res):
    _, _, facts = run(res, "이날 대표단은 염태영 수원시장과 노영관 시의장을 접견하고 업무협약을 체결했다.")
    assert not any(t == "met" and s == "염태영" for t, s, _ in facts)


def test_a_known_place_between_name_and_title_is_the_post_not_the_name(res):
    _, types, facts = run(res, "쑤저우시 대표단은 25일 우범기 전주시장을 예방했다. 이들은 이어 김인태 전주 부시장을 만나 협력 방안을 논의했다.")
    assert types.get("김인태") == "Person" and "전주" not in {k for k, v in types.items() if v == "Person"}
    assert ("holds_post", "김인태", "전주") in facts
    assert ("met", "쑤저우", "김인태") in facts  # 이들: the delegation the text follows


def test_visitors_a_relative_clause_describes_meet_whom_the_sentence_names(res):
    _, _, facts = run(res, "전주를 방문한 중국 쑤저우시 대표단은 전주시청에서 우범기 전주시장을 예방했다.")
    assert ("visited", "쑤저우", "전주") in facts and ("met", "쑤저우", "우범기") in facts


def test_on_the_home_pages_a_meeting_with_a_visitor_is_the_home_sides():
    from dataclasses import replace as _replace
    res = load_resources()
    text = "보도자료\n전주시, 쑤저우시와 교류 강화\n전주시는 25일 중국 쑤저우시 대표단이 전주시청에서 우범기 전주시장을 예방했다고 밝혔다. 우리 시는 교류를 넓힌다."
    x = extract(SourceText(text), "t.txt", "t.txt", res)
    label = {e.id: e.label("ko") for e in x.entities}
    assert label.get(x.document.home) == "전주"
    met = {(label[f.subject], label[f.object]) for f in x.facts if f.type == "met"}
    assert ("우범기", "쑤저우") in met and ("쑤저우", "우범기") not in met
    places = {label.get(f.place) for f in x.facts if f.type == "met"}
    assert places == {"전주"}  # a visitor met at home was met where home is


def test_a_word_with_its_particle_ends_a_title_phrase(res):
    _, _, facts = run(res, "전주시는 25일 쑤저우시 대표단이 우범기 전주시장을 예방했다고 밝혔다.")
    assert ("met", "쑤저우", "우범기") in facts or ("met", "우범기", "쑤저우") in facts


def test_finding_a_place_is_visiting_it(res):
    _, _, facts = run(res, "쑤저우시 대표단은 25일 전주시를 찾았다. 대표단은 해결 방안을 찾았다.")
    assert ("visited", "쑤저우", "전주") in facts


def test_a_received_delegation_meets_the_home_sides_people_and_a_visit_noun_is_no_clause(res):
    text = ("보도자료\n스용칭 부회장, 경북도 방문\n부서명\n경제산업국 외교통상과\n"
            "허난성 대표단 6명이 지난 20일 경북도를 방문했다.\n"
            "이번 방문은 코로나19 이후 첫 방문으로 대표단은 먼저 채진원 경북도 국제관계대사를 예방했다.\n"
            "(11-1)허난성 방문(도청방문).jpg\n경북도는 교류를 넓혀 나갈 계획이다.")
    x, _, facts = run(res, text)
    assert x.document.home is not None and ("holds_post", "채진원", "경상북도") in facts
    assert ("met", "채진원", "허난성") in facts  # the home side first
    assert ("visited", "경상북도", "허난성") not in facts  # a picture's file name is no sentence


def test_those_present_at_a_meeting_were_met_and_a_foreign_ministry_is_not_ours(res):
    x, types, facts = run(res, "대구시의회 대표단은 18일 대만 외교부 부국장 랸샤리를 예방했다. "
                               "대만 외교부에서는 짱찌아 홍 과장 등이 배석했다.")
    assert ("met", "대구시의회", "짱찌아 홍") in facts
    assert types.get("대만 외교부") == "GovernmentBody" and "외교부" not in types


@pytest.mark.parametrize("text, name, body", [
    ("이날 행사에는 다케이시 도시히코 고치현의회 의장 등이 참석했다.", "다케이시 도시히코", "고치현의회"),
    ("이날 샤오펑 북경 동성구 정치협상회의 회장이 방문했다.", "샤오펑", "북경 동성구 정치협상회의"),
])
def test_foreign_names_before_their_body_and_title(res, text, name, body):
    _, types, facts = run(res, text)
    assert types.get(name) == "Person" and ("holds_post", name, body) in facts
    assert not any(t in ("City", "Province") and name.startswith(k) for k, t in types.items())


def test_a_korean_name_ending_in_hyeon_is_no_county(res):
    _, types, _ = run(res, "고창현 부시장은 28일 천순원 삼아시장을 만났다.")
    assert types.get("고창현") == "Person" and "고창" not in types


def test_names_with_a_new_post_a_country_or_a_fused_deung(res):
    _, types, facts = run(res, "장청강 총영사는 3월 21일 신현곤 전라남도 신임 국제협력관과 회견했다. "
                               "하광윤 중국 협력팀장과 총영사관 주염봉 영사등이 참석했다.")
    assert {"신현곤", "하광윤", "주염봉"} <= {k for k, v in types.items() if v == "Person"}
    assert ("holds_post", "신현곤", "전라남도") in facts and ("met", "장청강", "신현곤") in facts


def test_a_delegations_head_visits_and_meets_with_it(res):
    _, _, facts = run(res, "중국 쑤저우시 대표단(단장 지징 부시장)이 25일 전주시를 찾았다. "
                           "대표단은 전주시청에서 우범기 전주시장을 예방했다.")
    assert {("visited", "쑤저우", "전주"), ("visited", "지징", "전주")} <= facts
    assert ("met", "쑤저우", "우범기") in facts and ("met", "지징", "우범기") in facts
    _, _, facts = run(res, "스용칭 허난성인민대외우호협회 부회장을 대표로 하는 허난성 대표단 6명이 경북도를 방문했다.")
    assert ("visited", "스용칭", "경상북도") in facts


def test_a_gloss_names_nothing_of_its_own_and_a_reading_never_takes_a_korean_citys_name(res):
    x, _, _ = run(res, "광주광역시의회는 광저우(廣州)시 의회와 우호교류 협약을 체결했다. 대표단은 광주를 찾았다.")
    ids = {e.id for e in x.entities}
    assert "https://w3id.org/cityties/id/geonames-1841810" not in ids  # 경기도 광주 (廣州) is not named
    gz = next(e for e in x.entities if e.label("ko") == "광저우")
    assert "광주시" not in gz.aliases  # 广州 reads 광주, but 광주 is the Korean city's name


def test_a_bodys_plant_visited_is_the_body_visited_and_a_head_word_fused_to_a_title(res):
    _, types, facts = run(res, "전북도의회 의장은 7일 중국을 방문했다. 또 기아자동차 공장 등을 시찰했다. "
                               "서희봉 연맹회장은 교류를 이어가겠다고 밝혔다.")
    assert ("visited", "전북도의회", "기아자동차") in facts
    assert types.get("서희봉") == "Person"


def test_a_bare_title_is_a_post_of_the_nearest_body_of_its_kind_before_it(res):
    _, _, facts = run(res, "대표단이 19일 타이베이시의회를 방문, 우비주 의장과 기념촬영을 했다.")
    assert ("holds_post", "우비주", "타이베이시의회") in facts
    _, _, facts = run(res, "천안시의회 대표단은 양저우시를 방문했다. 천원징 부시장은 관광객 상호 유치를 제안함.")
    assert not any(t == "holds_post" and s == "천원징" for t, s, _ in facts)  # no body named: no post guessed
