"""Korean exchange pages, news and reports: rows, fields, anaphors, delegations, schedules (issue 10).

Every text here was written for these tests; none is taken from a document.
"""
from __future__ import annotations

import pytest

from cityties.ingest.pipeline import extract, load_resources
from cityties.ingest.source import SourceText


@pytest.fixture(scope="module")
def res():
    return load_resources()


def run(res, text: str):
    """Extract; name entities by their Korean label without a unit ending (후에시 and 후에 alike)."""
    x = extract(SourceText(text), "t.txt", "t.txt", res)
    label = {e.id: _bare(e.label("ko")) for e in x.entities}
    facts = {(f.type, label[f.subject], label[f.object]): f for f in x.facts}
    return x, label, facts


def _bare(name: str) -> str:
    return name[:-1] if len(name) >= 3 and name[-1] in "시군" else name


def tie(facts, a: str, b: str):
    """The agreement between a and b, either way round."""
    return facts.get(("agreement", a, b)) or facts.get(("agreement", b, a))


PAGE = ("본문 바로가기 주메뉴 바로가기\n\n행복한 남구\n\n> 행복한 남구>구정소개>자매도시\n\n"
        "베트남 후에시\n"
        "  • 결 연 일 : 2010. 5. 3.\n"
        "  • 결연명칭 : 남구 - 후에시 자매결연 협정(체결장소 : 후에시)\n"
        "  • 교류내용\n"
        "    2009. 11. 2. 후에시 대표단 우리구 방문\n"
        "    2012. 4. 2. 제5회 후에국제문화축제 참석\n"
        "    2014. 7. 1. 공무원 상호교환 근무 실시\n"
        "우호도시(2개) : 다낭시, 하롱시\n")


def test_an_exchange_page_reads_its_fields_rows_and_lists(res):
    x, label, facts = run(res, PAGE)
    assert label[x.document.home] == "남구"
    signed = tie(facts, "남구", "후에")
    assert (signed.kind, signed.status, signed.date) == ("sister_city", "signed", "2010-05-03")
    # "후에시 대표단 우리구 방문": the partner came to us, on the row's date
    assert facts[("visited", "후에", "남구")].date == "2009-11-02"
    # a row without an actor is home's
    assert any(t == "attended" and a == "남구" for t, a, _ in facts)
    assert ("cooperates_with", "남구", "후에") in facts
    # "우호도시(2개) : 다낭시, 하롱시": one friendship tie per city listed
    listed = {b for (t, a, b), f in facts.items() if t == "agreement" and f.kind == "friendship_city"}
    assert {"다낭", "하롱"} <= listed


def test_a_news_text_delegation_and_back_references(res):
    text = ("용인시, 중국 닝보시와 교류 확대\n"
            "이상일 용인시장은 6일 중국 닝보시를 방문해 탕페이 닝보시장과 면담했다.\n"
            "이 시장은 이어 닝보 항만을 둘러봤다.\n"
            "양 도시는 이날 우호협력도시 협약을 체결했다.\n"
            "닝보시 대표단 일행 5명이 지난해 용인시청을 방문해 이상일 시장과 환담을 나눴다.\n"
            "홍길동 기자\n")
    x, label, facts = run(res, text)
    assert x.document.home is None  # third-person news
    assert ("met", "이상일", "탕페이") in facts
    assert ("holds_post", "탕페이", "닝보") in facts
    both = tie(facts, "용인", "닝보")
    assert (both.kind, both.status) == ("friendship_city", "signed")
    # "닝보시 대표단 일행 5명이 … 방문": the group's size does not hide its owner
    assert any(t == "visited" and a == "닝보" for t, a, _ in facts)
    assert ("met", "용인", "이상일") not in facts  # no one meets their own mayor


def test_a_councils_own_unit_and_a_planned_meeting(res):
    text = ("강릉시, 자매도시 방문\n강릉시는 25일 징저우시를 방문했다. 김기영 시의회 의원이 동행했다.\n"
            "대표단은 다음 날 징저우 상공회의소 관계자들과 간담회를 가질 예정이다.\n")
    _, label, facts = run(res, text)
    # "시의회" is the council of the text's own city
    assert ("member_of", "김기영", "강릉시의회") in facts
    assert not any(t == "met" for t, _, _ in facts)  # still to come
    visit = facts.get(("visited", "강릉", "징저우"))
    assert visit is not None and visit.date is None  # "25일" with no month or year stays undated


def test_a_report_dates_a_meeting_from_its_schedule(res):
    text = ("청주시의회 공무국외출장 결과보고서\n"
            "출장기간 : 2023. 9. 4.(월) ~ 9. 8.(금)\n"
            "9. 5.(화)\t우시시\t우시시 인민정부 방문\n"
            "9. 6.(수)\t쑤저우시\t쑤저우공업원구 시찰\n"
            "□ 결론\n"
            "우시시 인민정부 외사판공실과 간담회를 통해 교류 방안을 논의함.\n")
    _, label, facts = run(res, text)
    met = [f for (t, a, b), f in facts.items() if t == "met" and a == "청주시의회"]
    assert met and all(f.date == "2023-09-05" for f in met), met
