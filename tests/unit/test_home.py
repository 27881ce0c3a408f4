"""The home entity: publisher lines, report title blocks, and none for news."""
from __future__ import annotations

from cityties.graph.model import Entity, Mention
from cityties.ingest.roles.home import infer_home
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
