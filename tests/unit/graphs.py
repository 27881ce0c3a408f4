"""A small, hand-built extraction used by the graph-layer tests."""
from __future__ import annotations

from cityties.graph.model import Document, Entity, Extraction, Fact, Mention
from cityties.graph.vocab import entity_iri, gazetteer_iri

TEXT = ("고양시의회 기획행정위원회는 2019. 12. 23. 충칭시 위베이구를 방문하여 위베이구청 리우 주임과 면담하였다. "
        "구이양시는 고양시와 자매결연을 요청함.")

GOYANG = gazetteer_iri("goyang")
COUNCIL = entity_iri("GovernmentBody", "고양시의회")
COMMITTEE = entity_iri("GovernmentBody", "기획행정위원회")
CHONGQING = gazetteer_iri("chongqing")
YUBEI = entity_iri("District", "위베이구")
YUBEI_GOV = entity_iri("GovernmentBody", "위베이구청")
LIU = entity_iri("Person", "리우", org="위베이구청")
GUIYANG = gazetteer_iri("guiyang")


def span(text: str, needle: str, start: int = 0) -> Mention:
    i = text.index(needle, start)
    return Mention(i, i + len(needle), needle)


def small_extraction(doc_id: str = "small.txt", text: str = TEXT) -> Extraction:
    e = [
        Entity(GOYANG, "City", {"ko": "고양시", "en": "Goyang"}, ("고양",), (span(text, "고양시와"[:3], 60),)),
        Entity(COUNCIL, "GovernmentBody", {"ko": "고양시의회"}, (), (span(text, "고양시의회"),), within=GOYANG),
        Entity(COMMITTEE, "GovernmentBody", {"ko": "기획행정위원회"}, (), (span(text, "기획행정위원회"),),
               within=COUNCIL),
        Entity(CHONGQING, "City", {"ko": "충칭", "en": "Chongqing", "zh": "重庆"}, ("충칭시",),
               (span(text, "충칭시"),), ("http://www.wikidata.org/entity/Q11725",)),
        Entity(YUBEI, "District", {"ko": "위베이구"}, (), (span(text, "위베이구"),), within=CHONGQING),
        Entity(YUBEI_GOV, "GovernmentBody", {"ko": "위베이구청"}, (), (span(text, "위베이구청"),), within=YUBEI),
        Entity(LIU, "Person", {"ko": "리우"}, (), (span(text, "리우"),)),
        Entity(GUIYANG, "City", {"ko": "구이양", "en": "Guiyang"}, ("구이양시",), (span(text, "구이양시"),)),
    ]
    meet = span(text, "고양시의회 기획행정위원회는 2019. 12. 23. 충칭시 위베이구를 방문하여 위베이구청 리우 주임과 면담하였다.")
    ask = span(text, "구이양시는 고양시와 자매결연을 요청함.")
    f = [
        Fact("visited", COMMITTEE, YUBEI, meet, date="2019-12-23", place=CHONGQING),
        Fact("met", COMMITTEE, LIU, meet, date="2019-12-23", place=YUBEI),
        Fact("met", COMMITTEE, YUBEI_GOV, meet, date="2019-12-23", place=YUBEI),
        Fact("holds_post", LIU, YUBEI_GOV, meet, title="주임"),
        Fact("agreement", GUIYANG, GOYANG, ask, kind="sister_city", status="proposed", date="2019-12"),
    ]
    return Extraction(Document(id=doc_id, source=doc_id, title="작은 보고서", home=COUNCIL, date="2019-12-27",
                               sha256="0" * 64, text=text), tuple(e), tuple(f))
