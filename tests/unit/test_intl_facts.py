"""Chinese and English reading on examples written for these tests: scripts, chains, posts, lists, home."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cityties.ingest.gazetteer import Entry, Gazetteer
from cityties.ingest.mentions.intl import find_intl_mentions
from cityties.ingest.mentions.script import fold_traditional, korean_reading
from cityties.ingest.pipeline import extract_international
from cityties.ingest.resolve.intl import build_entities, candidate_iris, person_posts
from cityties.ingest.resolve.spots import Spot
from cityties.ingest.facts.intl import extract_intl_facts
from cityties.ingest.source import SourceText

ROOT = Path(__file__).resolve().parents[2]

GAZ = Gazetteer([
    Entry("south_korea", "Country", {"ko": "한국", "zh": "韩国", "en": "South Korea"}, ("韓國", "南韩"), country="KR"),
    Entry("china", "Country", {"ko": "중국", "zh": "中国", "en": "China"}, ("中國",), country="CN"),
    Entry("japan", "Country", {"ko": "일본", "zh": "日本", "en": "Japan"}, country="JP"),
    Entry("gyeonggi", "Province", {"ko": "경기도", "zh": "京畿道", "en": "Gyeonggi Province"}, country="KR"),
    Entry("jiangsu", "Province", {"ko": "장쑤성", "zh": "江苏省", "en": "Jiangsu"}, within="china", country="CN"),
    Entry("zhejiang", "Province", {"ko": "저장성", "zh": "浙江省", "en": "Zhejiang"}, within="china", country="CN"),
    Entry("suzhou", "City", {"ko": "쑤저우", "zh": "苏州", "en": "Suzhou"}, within="jiangsu", country="CN"),
    Entry("wenzhou", "City", {"ko": "원저우", "zh": "温州", "en": "Wenzhou"}, within="zhejiang", country="CN"),
    Entry("yongin", "City", {"ko": "용인", "en": "Yongin"}, ("용인시",), country="KR"),
    Entry("gimpo", "City", {"ko": "김포", "en": "Gimpo"}, ("김포시",), country="KR"),
    Entry("hsinchu", "City", {"ko": "신주", "zh": "新竹", "en": "Hsinchu"}, ("新竹市",), country="TW"),
    Entry("taiwan", "Country", {"ko": "대만", "zh": "台湾", "en": "Taiwan"}, ("台灣",), country="TW"),
    Entry("osaka", "City", {"ko": "오사카", "zh": "大阪", "en": "Osaka"}, country="JP"),
    Entry("kobe", "City", {"ko": "고베", "zh": "神户", "en": "Kobe"}, country="JP"),
    Entry("sapporo", "City", {"ko": "삿포로", "zh": "札幌", "en": "Sapporo"}, country="JP"),
    Entry("ulsan", "City", {"ko": "울산", "zh": "蔚山", "en": "Ulsan"}, ("울산시",), country="KR"),
    Entry("hezuo", "City", {"zh": "合作", "en": "Hezuo"}, country="CN", population=59_000, curated=False),
])


def run(text: str, language: str, home_name: str | None = None):
    """Extract ``text``; with ``home_name``, read the facts again with that entity as the home."""
    x = extract_international(SourceText(text), "doc.txt", "doc.txt", GAZ, language)
    names = {e.id: e for e in x.entities}
    if home_name is None:
        return x, names, x.facts
    cands = find_intl_mentions(text, language, GAZ)
    iris = candidate_iris(text, cands)
    spots = [Spot(c.start, c.end, iris[i], c.type, c.text, c.title, c.title_start, c.title_end)
             for i, c in enumerate(cands)]
    posts = person_posts(text, spots)
    entities = build_entities(text, cands, iris, GAZ, language, posts)
    home = next(e.id for e in entities if home_name in e.labels.values() or home_name in e.aliases)
    return x, {e.id: e for e in entities}, extract_intl_facts(text, language, entities, spots, posts, None, home=home)


def named(names, facts, kind=None, language="zh") -> set[tuple]:
    def label(iri):
        e = names[iri]
        return e.labels.get(language) or next(iter(e.labels.values()))
    return {(f.type, label(f.subject), label(f.object)) + ((f.kind, f.status) if f.type == "agreement" else ())
            for f in facts if kind is None or f.type == kind}


# ---------------------------------------------------------------- scripts

def test_traditional_text_reads_like_simplified_and_quotes_as_written():
    simplified = "苏州市副市长王建国会见了韩国代表团。双方签署了友好交流备忘录。"
    traditional = "蘇州市副市長王建國會見了韓國代表團。雙方簽署了友好交流備忘錄。"
    assert fold_traditional(traditional) == simplified
    xs, ns, fs = run(simplified, "zh")
    xt, nt, ft = run(traditional, "zh")
    assert [(f.type, f.kind, f.status) for f in fs] == [(f.type, f.kind, f.status) for f in ft]
    assert {e.id for e in xs.entities} == {e.id for e in xt.entities}, "one IRI for both spellings"
    for f in ft:
        assert traditional[f.evidence.start:f.evidence.end] == f.evidence.text
    person = next(e for e in xt.entities if e.type == "Person")
    assert person.mentions[0].text == "王建國"


def test_a_korean_place_in_chinese_characters_is_found_by_its_korean_reading():
    assert korean_reading("龍仁市") == "룡인시"  # the dictionary reading; 용인 after the initial-sound rule
    got = {(c.text, c.keys) for c in find_intl_mentions("韩国京畿道龍仁市市长金在元访问苏州。", "zh", GAZ)}
    assert ("龍仁市", ("yongin",)) in got
    # a Korean city's name glued to the title after it: 金浦市长 is 金浦市 + 市长
    cands = find_intl_mentions("金浦市长朴正浩会见了代表团", "zh", GAZ)
    assert [(c.text, c.keys, c.title) for c in cands] == [("金浦市", ("gimpo",), None), ("朴正浩", (), "市长")]


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("text, absent", [
    ("市长表示感谢。", "表示"),                      # 表 is a family name, 表示 a verb
    ("这是增进友谊的重要渠道。", "重要渠道"),            # 渠道 is no province
    ("共缔结3个姊妹市。", "个姊妹市"),                  # an agreement word is no city
    ("期待今后苏州市政府继续合作。", "期待今后苏州市政府"),  # time and verb words end a name
])
def test_common_words_are_no_names(text, absent):
    assert absent not in {c.text for c in find_intl_mentions(text, "zh", GAZ)}


def test_a_small_town_named_like_a_word_needs_its_unit_and_links_name_nobody():
    assert "合作" not in {c.text for c in find_intl_mentions("双方将加强合作。", "zh", GAZ)}
    assert ("合作市", "City") in {(c.text, c.type) for c in find_intl_mentions("代表团访问了合作市。", "zh", GAZ)}
    got = {c.text for c in find_intl_mentions("Photo: https://img.example.org/CK/KOBE/1.jpg mail@OSAKA.jp", "en", GAZ)}
    assert not got & {"CK", "KOBE", "OSAKA"}


def test_a_body_named_after_a_title_stays_whole_and_chained_titles_keep_their_bodies():
    text = "日本市长协议会会长、札幌市市长山田一郎在论坛上发言。"
    x, names, facts = run(text, "zh")
    assert {c.text for c in find_intl_mentions(text, "zh", GAZ)} >= {"日本市长协议会", "山田一郎"}
    assert named(names, facts, "holds_post") == {("holds_post", "山田一郎", "日本市长协议会"),
                                                 ("holds_post", "山田一郎", "札幌")}


def test_an_unlisted_family_name_after_a_body_and_title():
    got = [(c.text, c.title) for c in find_intl_mentions("神户国际交流协会理事长森本健在会上致辞", "zh", GAZ)]
    assert ("森本健", "理事长") in got
    assert not [c for c in find_intl_mentions("卢市长名字的笔", "zh", GAZ) if c.type == "Person"]


def test_english_family_comma_given_names_and_lower_case_titles():
    text = ("Oct. 3, 2015 Vice Chair Choi, Min-su and 5 guests visited Hsinchu.\n"
            "Seven members including council member Lin Wei from the Hsinchu City Council of Taiwan visited Ulsan.")
    x, names, facts = run(text, "en")
    people = {e.labels["en"] for e in x.entities if e.type == "Person"}
    assert people == {"Choi, Min-su", "Lin Wei"}
    assert "Hsinchu City Council" in {e.labels.get("en") for e in x.entities}, "'of Taiwan' is no part of it"
    assert ("member_of", "Lin Wei", "Hsinchu City Council") in named(names, facts, language="en")
    assert ("visited", "Hsinchu City Council", "Ulsan") in named(names, facts, language="en"), \
        "the group is its member's body's"


# ---------------------------------------------------------------- places

def test_place_chains_give_located_in_but_never_to_a_country_or_against_the_gazetteer():
    x, names, facts = run("韩国京畿道龍仁市与江苏省苏州市、江苏省温州市签署合作协议。", "zh")
    located = named(names, facts, "located_in")
    assert ("located_in", "苏州", "江苏省") in located
    assert ("located_in", "龍仁市", "京畿道") in located
    assert not any(o in ("韩国", "中国") for _, _, o in located)
    assert ("located_in", "温州", "江苏省") not in located, "the gazetteer puts Wenzhou in Zhejiang"
    x, names, facts = run("The forum met in Suzhou City, Jiangsu Province, China.", "en")
    assert named(names, facts, "located_in", "en") == {("located_in", "Suzhou", "Jiangsu")}


def test_a_body_after_a_place_and_de_lies_there_and_the_visit_takes_that_place():
    x, names, facts = run("2024年5月2日，苏州市长王建国访问了温州的中国日本友好协会。", "zh")
    visit = next(f for f in facts if f.type == "visited")
    assert names[visit.object].labels["zh"] == "中国日本友好协会"
    assert names[visit.place].labels["zh"] == "温州"
    assert ("located_in", "中国日本友好协会", "温州") in named(names, facts)


# ---------------------------------------------------------------- agreements and events

def test_two_agreements_in_one_sentence_take_their_own_dates_and_kinds():
    x, names, facts = run("苏州市于2001年同韩国龍仁市结为友好城市，2010年同温州市缔结姊妹城市，此后一直同两座城市开展交流。",
                          "zh")
    got = {(names[f.object].labels.get("zh"), f.kind, f.date) for f in facts if f.type == "agreement"}
    assert got == {("龍仁市", "friendship_city", "2001"), ("温州", "sister_city", "2010")}
    assert named(names, facts, "cooperates_with") == {("cooperates_with", "苏州", "龍仁市"),
                                                      ("cooperates_with", "苏州", "温州")}, "同两座城市: both partners"


def test_an_english_agreement_list_after_a_leading_clause():
    text = ("Since signing a sister city agreement with Kobe City, Japan in 1990, Ulsan has established "
            "sisterhood and friendship cooperation cities with Osaka, Sapporo, and Hsinchu.")
    x, names, facts = run(text, "en")
    got = {(names[f.subject].labels["en"], names[f.object].labels["en"], f.kind, f.date)
           for f in facts if f.type == "agreement"}
    assert got == {("Ulsan", "Kobe", "sister_city", "1990"), ("Ulsan", "Osaka", None, "1990"),
                   ("Ulsan", "Sapporo", None, "1990"), ("Ulsan", "Hsinchu", None, "1990")}


def test_speaking_at_an_event_is_attending_it_where_it_was_held():
    text = "9月3日，第5届东亚城市论坛在苏州举行。苏州市市长王建国、龍仁市市长金在元在论坛开幕式上致辞。"
    x, names, facts = run(text, "zh")
    attended = {(names[f.subject].labels["zh"], names[f.object].labels["zh"], names[f.place].labels["zh"])
                for f in facts if f.type == "attended"}
    assert attended == {("王建国", "第5届东亚城市论坛", "苏州"), ("金在元", "第5届东亚城市论坛", "苏州")}


def test_english_nominal_visit_and_dated_timeline_rows():
    text = ("The visit of the Osaka Business Federation to Ulsan was arranged last week.\n"
            "Jun 2, 2012 A delegation of 12 members from the Hsinchu City Council visited Ulsan.\n"
            "May 9, 2014 A delegation of 8 members from the Hsinchu City Council visited Ulsan.")
    x, names, facts = run(text, "en")
    visits = sorted((names[f.subject].labels["en"], names[f.object].labels["en"], f.date)
                    for f in facts if f.type == "visited")
    assert [v[:2] for v in visits] == [("Hsinchu City Council", "Ulsan")] * 2 + [("Osaka Business Federation", "Ulsan")]
    assert [v[2] for v in visits[:2]] == ["2012-06-02", "2014-05-09"], "one visit per dated row"


def test_a_day_alone_and_a_visit_noun():
    x, names, facts = run("SUZHOU, March 4, 2021 – 苏州市市长王建国3日到访温州，拜会市长李明。\n", "zh")
    assert {(f.type, f.date) for f in facts if f.type in ("visited", "met")} == {("visited", "2021-03-03"),
                                                                                ("met", "2021-03-03")}
    assert ("holds_post", "李明", "温州") in named(names, facts), "a mayor with no body heads the city visited"
    x, names, facts = run("Mayor Kim came for a goodwill visit (Ulsan Port Committee).", "en")
    assert not [f for f in facts if f.type == "visited"]


# ---------------------------------------------------------------- home

def test_the_home_is_the_subject_a_row_leaves_out_and_what_its_own_words_name():
    text = "苏州市外事办公室\n2019年4月2日，副主任王芳访问龍仁市。\n2019年5月6日，访问温州市。"
    _, names, plain = run(text, "zh")
    _, names, facts = run(text, "zh", home_name="苏州市外事办公室")
    assert not [f for f in plain if f.type == "visited" and names[f.object].labels.get("zh") == "温州"]
    assert ("visited", "苏州市外事办公室", "温州") in named(names, facts)
    own = "苏州市外事办公室\n2019年4月2日，我办副主任王芳访问龍仁市。\n2019年5月6日，访问温州市。"
    x, names, facts = run(own, "zh")  # 我办, "our office": the page is the office's own
    assert names[x.document.home].labels["zh"] == "苏州市外事办公室"
    assert {("visited", "苏州市外事办公室", "温州"), ("holds_post", "王芳", "苏州市外事办公室")} <= named(names, facts)


def test_a_post_held_in_a_place_belongs_to_the_mission_the_text_names():
    text = "中国驻札幌总领事馆\n2024年3月5日，驻札幌总领事王晓东会见札幌市长李明。我馆领事金哲陪同会见。"
    x, names, facts = run(text, "zh")
    got = named(names, facts)
    assert names[x.document.home].labels["zh"] == "中国驻札幌总领事馆"
    assert ("holds_post", "王晓东", "中国驻札幌总领事馆") in got
    assert ("holds_post", "王晓东", "札幌") not in got and ("met", "王晓东", "李明") in got


# ---------------------------------------------------------------- lexicons

def test_every_chinese_cue_word_breaks_a_name():
    mentions = json.loads((ROOT / "data" / "lexicon" / "zh" / "mentions.json").read_text(encoding="utf-8"))
    cues = json.loads((ROOT / "data" / "lexicon" / "zh" / "facts.json").read_text(encoding="utf-8"))
    breaks = set(mentions["stops"]) | set(mentions["titles"])
    words = [w for key in ("visit_words", "meeting_words", "attend_words", "delegation_words", "leader_words")
             for w in cues[key]] + [w for ws in cues["agreement_status"].values() for w in ws]
    assert [w for w in words if len(w) > 1 and w not in breaks] == []


def test_going_to_a_city_is_visiting_it_and_those_present_were_met():
    _, names, facts = run("2026年1月12日,苏州市副市长王建国赴札幌会见札幌市长李明。札幌市副市长金哲、秘书长朴文等在座。", "zh")
    got = named(names, facts)
    assert ("visited", "王建国", "札幌") in got
    assert {("met", "王建国", "金哲"), ("met", "王建国", "朴文")} <= got


def test_a_counterpart_written_between_yu_and_the_meeting_word_was_met():
    _, names, facts = run("15日,苏州市副市长王建国访问札幌,与札幌市长李明在札幌进行会面。", "zh")
    got = named(names, facts)
    assert ("met", "王建国", "李明") in got
    assert not any(t == "visited" and o == "李明" for t, _, o in got)  # persons are met, not visited


def test_a_meeting_takes_the_place_said_before_its_word():
    _, names, facts = run("2019年5月8日，苏州市副市长王建国在温州会见了札幌市长李明。", "zh")
    met = [f for f in facts if f.type == "met"]
    assert met and {names[f.place].labels["zh"] for f in met if f.place} == {"温州"}


def test_mayors_signing_together_sign_for_their_cities_and_met():
    _, names, facts = run("Suzhou Mayor Wang Jianguo signed an MOU with Sapporo Mayor Lee Ming on May 3, 2019.", "en")
    got = named(names, facts, language="en")
    assert ("agreement", "Suzhou", "Sapporo", "MOU", "signed") in got
    assert ("met", "Wang Jianguo", "Lee Ming") in got


def test_a_chinese_place_is_named_in_korean_by_transcription_and_by_reading():
    gaz = Gazetteer([Entry("sq", "City", {"zh": "宿迁市", "en": "Suqian"}, country="CN"),
                     Entry("ws", "City", {"ko": "원저우", "zh": "温州", "en": "Wenzhou"}, country="CN"),
                     Entry("yg", "City", {"ko": "용인", "zh": "龙仁", "en": "Yongin"}, country="KR")])
    assert gaz.korean_names("sq") == ("쑤첸", ("숙천시",))
    assert gaz.korean_names("ws") == (None, ("온주시",))  # it has a Korean label; the reading is an alias
    assert gaz.korean_names("yg") == (None, ())  # a Korean city is read as Koreans write it


def test_an_envoy_without_a_named_mission_serves_the_sending_country_and_korean_metros_by_stem():
    from cityties.ingest.pipeline import extract, load_resources
    x = extract(SourceText("中国驻韩大使邱国洪前往大邱，与大邱市长权泳臻进行会面。"), "t", "t", load_resources())
    label = {e.id: e.labels.get("zh") or e.labels.get("ko") for e in x.entities}
    got = {(f.type, label[f.subject], label[f.object]) for f in x.facts}
    assert ("holds_post", "邱国洪", "中国") in got and ("visited", "邱国洪", "大邱广域市") in got
    assert ("met", "邱国洪", "权泳臻") in got


def test_english_names_in_capitals_after_a_comma_title_and_by_family_name():
    from cityties.ingest.pipeline import extract, load_resources
    res = load_resources()
    text = ("GANG Gi-jeong, the mayor of Gwangju Metropolitan City met with WANG Zhenyong, the deputy mayor of "
            "Wenzhou on May 15, 2023. German President Frank-Walter Steinmeier visited Busan. "
            "Mayor Gang welcomed Carola Feitt, chairman of the Hamburg City Council. The talks were hosted by Busan.")
    x = extract(SourceText(text), "t", "t", res)
    label = {e.id: e.labels.get("en") for e in x.entities}
    got = {(f.type, label[f.subject], label[f.object]) for f in x.facts}
    assert {("met", "GANG Gi-jeong", "WANG Zhenyong"), ("holds_post", "GANG Gi-jeong", "Gwangju"),
            ("visited", "Frank-Walter Steinmeier", "Busan"), ("met", "GANG Gi-jeong", "Carola Feitt")} <= got
    assert not any(t == "met" and o == "Busan" for t, _, o in got)  # "hosted by" names the host
