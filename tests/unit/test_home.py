"""The home entity: publisher lines, report title blocks, and none for news."""
from __future__ import annotations

from cityties.graph.model import Entity, Mention
from cityties.ingest.roles.home import infer_home, writing_body
from cityties.ingest.source import SourceText


def ents(text: str, names: dict[str, tuple[str, str]]) -> list[Entity]:
    out = []
    for name, (eid, etype) in names.items():
        ms, i = [], text.find(name)
        while i >= 0:
            ms.append(Mention(i, i + len(name), name))
            i = text.find(name, i + len(name))
        out.append(Entity(eid, etype, mentions=tuple(ms)))
    return out


def test_publisher_line_wins():
    text = "주간 중국 창업 제 287호\n발행처: 글로벌혁신센터(KIC 중국)\n센터장: 김종문\n텐센트 소식 텐센트 텐센트"
    names = {"글로벌혁신센터": ("kic", "Organization"), "텐센트": ("tencent", "Company"),
             "김종문": ("kim", "Person")}
    assert infer_home(SourceText(text), ents(text, names)) == "kic"


def test_trip_report_council_before_its_committee():
    text = ("시민이 꿈꾸는 세상, 고양시의회가 함께 합니다\n- 2019년 고양시의회 기획행정위원회 -\n"
            "공무국외출장 결과보고서\n기획행정위원회 기획행정위원회\n")
    names = {"고양시의회": ("council", "GovernmentBody"), "기획행정위원회": ("committee", "GovernmentBody")}
    assert infer_home(SourceText(text), ents(text, names)) == "council"


def test_trip_report_without_council_takes_most_named_body():
    text = "2018 산업단지 시찰 출장 결과보고서\n작성: 고양시 투자유치과\n고양시 투자유치과 외 기업지원과\n"
    names = {"고양시 투자유치과": ("invest", "GovernmentBody"), "기업지원과": ("support", "GovernmentBody")}
    assert infer_home(SourceText(text), ents(text, names)) == "invest"


def test_news_article_has_no_home():
    text = ("[고양=광교신문] 고양지식정보산업진흥원이 주최하는 포럼이 개최됐다.\n"
            "저작권자 © 광교신문 무단전재 및 재배포 금지")
    names = {"고양지식정보산업진흥원": ("ipa", "Organization"), "광교신문": ("paper", "Company")}
    assert infer_home(SourceText(text), ents(text, names)) is None


def test_no_cues_no_home():
    text = "고양시가 구이양시를 방문했다."
    names = {"고양시": ("goyang", "City"), "구이양시": ("guiyang", "City")}
    assert infer_home(SourceText(text), ents(text, names)) is None


# --- writing bodies of pages, statements and headlines (synthetic texts)

def test_a_site_breadcrumb_names_the_city_whose_page_it_is():
    text = ("본문 바로가기 주메뉴 바로가기\n\n행복한 남구\n\n> 행복한 남구>구정소개>자매도시\n\n"
            "• 베트남 후에시\n  • 결연일 : 2010. 5. 3.\n후에시 대표단 남구 방문\n")
    names = {"남구": ("namgu", "District"), "후에시": ("hue", "City")}
    author = writing_body(SourceText(text), ents(text, names))
    assert author.entity == "namgu" and author.reason == "site header" and 0 < author.confidence <= 1


def test_our_city_points_to_the_own_city_not_a_foreign_partner():
    text = ("국제교류 현황\n영주시는 일본 도시들과 교류하고 있습니다. 사카이시, 오카야마시는 우리 시의 자매도시이며 "
            "사카이시 대표단이 여러 차례 방문하였다. 사카이시 시장이 우리 시를 찾았다.\n")
    names = {"영주시": ("yeongju", "City"), "사카이시": ("sakai", "City"), "오카야마시": ("okayama", "City")}
    author = writing_body(SourceText(text), ents(text, names), foreign=frozenset({"sakai", "okayama"}))
    assert author.entity == "yeongju"


def test_a_councils_own_statement_names_the_council():
    text = ("해외 출장 관련 해명\n\n이번 방문은 자매도시 하노이시의회의 공식 초청으로 성사되었다.\n"
            "목포시의회는 방문 일정을 사전에 공개하였다. 목포시의회는 앞으로도 투명하게 운영하겠다.\n")
    names = {"목포시의회": ("council", "GovernmentBody"), "하노이시의회": ("hanoi", "GovernmentBody")}
    assert infer_home(SourceText(text), ents(text, names), foreign=frozenset({"hanoi"})) == "council"


def test_a_press_source_line_names_the_issuer_but_a_figure_source_does_not():
    release = "강진군, 일본 자매도시 방문\n\n강진군 대표단이 방문했다.\n출처 : 강진군청 보도자료\n"
    names = {"강진군청": ("office", "GovernmentBody"), "강진군": ("gangjin", "District")}
    assert writing_body(SourceText(release), ents(release, names)).reason == "publisher line"
    table = "표 3. 교류 실적\n출처 : 한국지방행정연구원\n강진군은 교류를 넓혔다.\n"
    names = {"한국지방행정연구원": ("krila", "Organization"), "강진군": ("gangjin", "District")}
    assert infer_home(SourceText(table), ents(table, names)) != "krila"


def test_news_with_a_byline_has_no_home_even_with_a_subject():
    text = ("강진군, 일본 자매도시 방문\n강진군은 10일 일본을 방문했다. 강진군은 교류를 약속했다.\n"
            "홍길동 기자 hong@news.kr\n")
    names = {"강진군": ("gangjin", "District")}
    assert infer_home(SourceText(text), ents(text, names)) is None
