"""Korean date forms, resolution against context, ranges and the document's own date."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from cityties.ingest.roles.dates import find_dates, document_date
from cityties.ingest.source import SourceText


def values(text: str, context: str | None = None) -> list[str]:
    return [d.value for d in find_dates(text, context=context)]


@pytest.mark.parametrize("text, context, expected", [
    ("2019. 12. 23.(월)", None, "2019-12-23"),
    ("2019.12.23", None, "2019-12-23"),
    ("2018.8.21", None, "2018-08-21"),
    ("2018-09-07", None, "2018-09-07"),
    ("2018년 8월 21일", None, "2018-08-21"),
    ("2022 년 6 월 15 일", None, "2022-06-15"),
    ("12. 23.", "2019", "2019-12-23"),
    ("12.23(월)", "2019", "2019-12-23"),
    ("12. 23.(월)", "2019-05-01", "2019-12-23"),
    ("8월 21일", "2018", "2018-08-21"),
    ("6월28일", "2017", "2017-06-28"),
    ("제1일 8/21 (화)", "2018", "2018-08-21"),
    ("23일", "2019-12", "2019-12-23"),
    ("'15. 4.", None, "2015-04"),
    ("'14. 12.에 설립", None, "2014-12"),
    ("'15년 5. 8.에", None, "2015-05-08"),
    ("2015년", None, "2015"),
    ("2018년 11월, 홍콩", None, "2018-11"),
    ("2014. 3. 개통", None, "2014-03"),
    ("2024.03.29 (금)", None, "2024-03-29"),
])
def test_forms(text, context, expected):
    assert values(text, context)[0] == expected


@pytest.mark.parametrize("text, context", [
    ("GDP 6,2% 증가, 11.3% 증가", "2019"),
    ("총 8,24만km2", "2019"),
    ("【5박 6일】", "2019-12"),
    ("12. 23.", None),           # no year to resolve against
    ("지난 7일", None),           # a day alone without a month
    ("13월 40일", "2019"),        # not a calendar date
])
def test_non_dates(text, context):
    assert values(text, context) == []


def test_range_with_weekdays_keeps_both_ends():
    (d,) = find_dates("출장기간 : 2019. 12. 22.(일) ~ 12. 27.(금) 【5박 6일】")
    assert (d.value, d.end_value) == ("2019-12-22", "2019-12-27")
    assert d.text == "2019. 12. 22.(일) ~ 12. 27.(금)"


def test_range_day_only_end_borrows_month():
    (d,) = find_dates("일 시 : 2018. 8. 23.(목) ~ 25.(토)")
    assert d.end_value == "2018-08-25"


def test_range_written_with_buteo_kkaji():
    (d,) = find_dates("지난 7월6일부터 8일까지 워싱턴", context="2017")
    assert (d.value, d.end_value, d.text) == ("2017-07-06", "2017-07-08", "7월6일부터 8일까지")


def test_explicit_year_becomes_context_for_later_dates():
    got = find_dates("2018. 8. 21.(화) 출발, 8/24 (금) 귀국", context="2000")
    assert [d.value for d in got] == ["2018-08-21", "2018-08-24"]


def test_offsets_slice_to_text_inside_window():
    text = "머리말 2019.12.23 본문 2020.1.2 끝"
    got = find_dates(text, 4, 20)
    assert [text[d.start:d.end] for d in got] == ["2019.12.23"]


def test_document_date_prefers_label_then_head():
    assert document_date(SourceText("보도일시: 2019. 3. 4.(월)\n2018년 사업")) == "2019-03-04"
    assert document_date(SourceText("- 2019년 고양시의회 -\n결과보고서")) == "2019"
    assert document_date(SourceText("x", date="2020-01-02")) == "2020-01-02"
    assert document_date(SourceText("날짜 없음")) is None


def test_document_date_falls_back_to_most_frequent_year():
    body = "가" * 700 + " 2015년 a 2017년 b 2017년 c"
    assert document_date(SourceText(body)) == "2017"


@given(st.dates(min_value=date(1990, 1, 1),
                max_value=date(2039, 12, 31)),
       st.sampled_from(["{y}. {m}. {d}.", "{y}.{m}.{d}", "{y}년 {m}월 {d}일", "{y}-{m:02d}-{d:02d}",
                        "{y}. {m}. {d}.(월)"]))
def test_property_full_dates_round_trip(day, form):
    text = "일시 : " + form.format(y=day.year, m=day.month, d=day.day) + " 방문"
    got = find_dates(text)
    assert got and got[0].value == day.isoformat()
    assert text[got[0].start:got[0].end] == got[0].text


@given(st.dates(min_value=date(2000, 1, 1),
                max_value=date(2039, 12, 31)),
       st.sampled_from(["{m}. {d}.", "{m}월 {d}일", "{m}.{d}(화)", "{m}/{d} (화)"]))
def test_property_short_dates_take_the_context_year(day, form):
    text = form.format(m=day.month, d=day.day) + " 일정"
    got = find_dates(text, context=str(day.year))
    assert got and got[0].value == day.isoformat()


@given(st.text(alphabet="0123456789.,% 가나다년월일~-()", max_size=40), st.none() | st.just("2019"))
def test_property_never_crashes_and_spans_are_exact(text, context):
    for d in find_dates(text, context=context):
        assert text[d.start:d.end] == d.text
        assert len(d.value) in (4, 7, 10)
        assert d.end_value is None or d.end_value >= d.value
