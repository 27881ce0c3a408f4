"""Facts from a loaded document and its resolved entities: tables first, then sentences.

``extract_facts`` reads delegation and itinerary tables (``tables``) and
sentences (``sentences``: visits, meetings, attendance; ``ties``: agreements and
cooperation; ``phrases``: posts and containment read off noun phrases) through
one :class:`~.view.DocumentView`, then drops repeats. Cue words come from
``data/lexicon/<lang>/facts.json``.

>>> from cityties.graph.model import Entity, Mention
>>> from cityties.ingest.source import SourceText
>>> text = "고양시는 구이양시를 방문했다."
>>> ents = [Entity("goyang", "City", mentions=(Mention(0, 3, "고양시"),)),
...         Entity("guiyang", "City", mentions=(Mention(5, 9, "구이양시"),))]
>>> [(f.type, f.subject, f.object) for f in extract_facts(SourceText(text), ents, None, None, load_lexicon())]
[('visited', 'goyang', 'guiyang')]
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ...graph.model import PLACE_TYPES, SYMMETRIC_FACTS, Entity, Fact
from ..lexicon import read_lexicon_file
from ..source import SourceText
from .itinerary import dated_by_schedule
from .rows import row_facts
from .sentences import sentence_facts
from .tables import table_facts
from .view import DocumentView


def load_lexicon(lang: str = "ko", data_dir: Path | None = None) -> dict:
    """Return the fact cue lexicon for ``lang`` (``facts.json``, a data directory's file added),
    with the title list of ``mentions.json`` merged in.

    >>> "방문" in load_lexicon()["visit_words"]
    True
    """
    lexicon = read_lexicon_file(lang, "facts.json", data_dir)
    titles = list(lexicon.get("titles", []))
    for t in read_lexicon_file(lang, "mentions.json", data_dir).get("titles", []):
        if isinstance(t, str) and t not in titles:
            titles.append(t)
    lexicon["titles"] = titles
    return lexicon


def extract_facts(source: SourceText, entities: Sequence[Entity], home: str | None,
                  doc_date: str | None, lexicon: dict, foreign: frozenset[str] = frozenset()) -> tuple[Fact, ...]:
    """Return the facts the document states about its entities, without repeats.

    ``entities`` carry their mentions (offsets into ``source.text``); ``home``
    is the entity whose point of view the document takes (None for news);
    ``doc_date`` resolves dates that leave out the year; ``foreign`` holds the entities known
    to lie abroad (a news text's own city is the Korean one it names most).
    """
    view = DocumentView(source, entities, home, doc_date, lexicon, foreign)
    rows, claimed = row_facts(view)
    facts = [*table_facts(view), *rows, *sentence_facts(view, claimed)]
    facts = dated_by_schedule(view, facts)
    facts += list(_visits_to_host_cities(view, facts))
    facts = _not_among_own(view, _places_as_parties(view, facts))
    return dedupe_facts(with_places(view, _home_side_first(view, _with_leaders(view, facts))), view.entities)


def _with_leaders(view: DocumentView, facts: list[Fact]) -> list[Fact]:
    """A delegation's head visits and meets with it: "쑤저우시 대표단(단장 지징 부시장)이 전주를 찾았다"
    is 지징's visit too, and whom the delegation met met 지징."""
    out = list(facts)
    for f in facts:
        if f.type not in ("met", "visited"):
            continue
        if f.subject in view.leaders and view.leaders[f.subject] != f.object:
            out.append(replace(f, subject=view.leaders[f.subject]))
        if f.type == "met" and f.object in view.leaders and view.leaders[f.object] != f.subject:
            out.append(replace(f, object=view.leaders[f.object]))
    return out


def _home_side_first(view: DocumentView, facts: list[Fact]) -> list[Fact]:
    """A meeting between the home side and a visitor is the home side's: "쑤저우시 대표단은 … 우범기
    전주시장을 예방했다" on Jeonju's page is Jeonju's mayor meeting the delegation."""
    if view.home is None:
        return facts
    roots = {view.home} | ({view.home_city} if view.home_city else set())

    def inside(eid: str) -> bool:
        seen: set[str] = set()
        while eid and eid not in seen:
            if eid in roots:
                return True
            seen.add(eid)
            eid = view.entities[eid].within if eid in view.entities else None
        return False

    side = {eid for eid in view.entities if inside(eid)} | view.home_side
    side |= {f.subject for f in facts if f.type in ("holds_post", "member_of") and f.object in side}
    at_home = view.home_city or (view.home if view.type_of(view.home) in ("City", "District", "Province") else None)
    # a visitor met at home was met where home is, unless the text says where
    return [replace(f, subject=f.object, object=f.subject, place=f.place or at_home)
            if f.type == "met" and f.object in side and f.subject not in side else f for f in facts]


def with_places(view: DocumentView, facts: list[Fact]) -> list[Fact]:
    """Give met/visited facts the city they happened in, where the text says it.

    In order: the object's own city (a visited city, a body or park within one, a person's
    body), a foreign city named in the evidence, the last city visited before it in the
    same section. Home's own city is never the place.
    """
    own = view.own(view.home) if view.home else set()
    works_at = {f.subject: f.object for f in facts if f.type == "holds_post"}

    def city_of(eid: str | None, depth: int = 0) -> str | None:
        e = view.entities.get(eid) if eid else None
        if e is None or depth > 5:
            return None
        if e.type == "City":
            return e.id
        if e.type == "Person":
            return city_of(works_at.get(e.id), depth + 1)
        return city_of(e.within, depth + 1)

    # where the travellers are: the last city arrived at or visited; a sentence visiting several
    # cities ("시드니, 골드코스트, 브리즈번 등을 둘러보고") lists the trip and places nothing
    cities_at: dict[int, set[str]] = {}
    for f in facts:
        if f.type == "visited" and view.type_of(f.object) == "City" and f.object not in own:
            cities_at.setdefault(f.evidence.start, set()).add(f.object)
    visits = sorted([(pos, next(iter(c))) for pos, c in cities_at.items() if len(c) == 1] +
                    [(pos, c) for pos, c in view.arrivals() if c not in own])
    went: dict[str, set[str]] = {}
    for f in facts:
        if f.type == "visited" and view.type_of(f.object) == "City":
            went.setdefault(f.subject, set()).add(f.object)
    travellers = ({view.home} | view.own(view.home) | view.home_side) if view.home else set()
    for t in travellers:  # our side went where the report says it arrived
        went.setdefault(t, set()).update(c for _, c in view.arrivals() if c not in own)
    def container_of(eid: str | None) -> str | None:
        e, seen = view.entities.get(eid) if eid else None, set()
        while e is not None and e.within and e.within not in seen:
            seen.add(e.within)
            e = view.entities.get(e.within)
            if e is not None and e.type in ("City", "District", "Province"):
                return e.id
        return None

    # a delegation received at a body: the visit, and the meetings the same sentence tells of,
    # happen where the body is ("23일 전북도의회를 방문한 … 대표단과 회담")
    hosted: dict[int, str] = {}
    for f in facts:
        if f.type == "visited" and view.type_of(f.object) not in PLACE_TYPES and f.subject not in travellers:
            where = container_of(f.object)
            if where is not None and where not in own and f.subject not in view.own(where):
                hosted.setdefault(f.evidence.start, where)
    out = []
    for f in facts:
        if f.type in ("met", "visited") and f.place is None and f.evidence.start in hosted \
                and f.object != hosted[f.evidence.start]:
            out.append(replace(f, place=hosted[f.evidence.start]))
            continue
        if f.type == "attended" and f.place is None:
            # an event takes place in its host city: "충칭에서 열린 스마트산업박람회"
            # ("공주시-야마구치시 자매결연 30주년 기념식" is named for one city and held in the other)
            city = _held_in(view, f) or view.event_place(f.object) or city_of(f.object) or \
                next((c for c in map(city_of, (s.entity for s in view.section_place(f.evidence.start))) if c), None)
            if city is None and f.subject in travellers:  # our side attends where it has arrived
                city = next((c for pos, c in reversed(visits) if pos <= f.evidence.start), None)
            if city is not None:  # Chongqing attends an event in Chongqing: the place is still Chongqing
                f = replace(f, place=city)
            out.append(f)
            continue
        if f.type == "visited" and f.place is None and view.type_of(f.object) == "City":
            # a city visited lies in the province or country the text writes before it ("중국 후베이성
            # 징저우시"), else in its country, if the document names it
            container = _written_container(view, f.object) or _country_of(view, f.object)
            if container is not None and container not in own:
                f = replace(f, place=container)
            out.append(f)
            continue
        if f.type in ("met", "visited") and f.place is None and view.type_of(f.object) not in ("Province", "Country"):
            spots = view.spots_in(f.evidence.start, f.evidence.end)
            cities = [s.entity for s in spots if s.type == "City" and s.entity not in own]
            bodies = [c for c in (city_of(s.entity) for s in spots if s.type in ("GovernmentBody", "Organization",
                      "University", "Company", "IndustrialPark", "District")) if c and c not in own]
            # a day's route names two cities ("구이양 충칭"); the bodies seen that day tell which
            if not cities:
                named = bodies
            elif len(set(cities)) > 1:
                named = sorted(set(cities) & set(bodies)) or cities
            else:
                named = cities
            section = view.section_of(f.evidence.start)
            before = [c for pos, c in visits if pos <= f.evidence.start and view.section_of(pos) == section]
            # then wherever the travellers last arrived, in any section of a trip report
            anywhere = [c for pos, c in visits if pos <= f.evidence.start] if f.subject in travellers else []
            options = [city_of(f.object), named[0] if len(set(named)) == 1 else None, before[-1] if before else None,
                       anywhere[-1] if anywhere else None]
            if f.type == "met":
                # a meeting's place is a city the subject is said to have visited
                options = [c for c in options if c in went.get(f.subject, ())]
            place = next((c for c in options if c is not None), None)
            if place is not None and place not in own and place != f.subject:
                f = replace(f, place=place)
        out.append(f)
    return _in_the_country_visited(view, out, own)


def _in_the_country_visited(view: DocumentView, facts: list[Fact], own: set[str]) -> list[Fact]:
    """A meeting, visit or event with no city takes the one foreign country its subject went to
    ("미국서 실리콘밸리 포럼 참석": the forum, the meetings of that trip are in the United States)."""
    home_country = _country_of(view, view.home_city) if view.home_city else None
    went: dict[str, set[str]] = {}
    for f in facts:
        if f.type != "visited":
            continue
        country = f.object if view.type_of(f.object) == "Country" else _country_of(view, f.object)
        if country is not None and country != home_country and country not in own:
            went.setdefault(f.subject, set()).add(country)
    out = []
    for f in facts:
        countries = went.get(f.subject, set())
        if f.type in ("met", "visited", "attended") and f.place is None and len(countries) == 1 and \
                view.type_of(f.object) not in ("Province", "Country") and f.object not in countries:
            f = replace(f, place=next(iter(countries)))
        out.append(f)
    return out


def _held_in(view: DocumentView, fact: Fact) -> str | None:
    """The city an event's sentence says it was held in ("지난시에서 열린 … 포럼")."""
    return view.held_in(fact.evidence.start, fact.evidence.end)


def _visits_to_host_cities(view: DocumentView, facts: list[Fact]) -> Iterator[Fact]:
    """"강병삼 시장이 지난시에서 열린 포럼에 참가해": our side's people at an event abroad visited its city."""
    ours = {c for c in (view.home, view.home_city, view.local_city) if c}
    ours |= {x for c in list(ours) for x in view.own(c)} | view.home_side
    ours |= {f.subject for f in facts if f.type in ("holds_post", "member_of") and f.object in ours}
    for f in facts:
        if f.type != "attended" or f.subject not in ours or \
                view.type_of(f.subject) in ("City", "District", "Province", "Country"):
            continue
        city = _held_in(view, f)
        if city is not None and city not in view.own(f.subject) and city not in (view.home_city, view.local_city):
            yield Fact("visited", f.subject, city, f.evidence, date=f.date)


_TIES = ("sister_city", "friendship_city")
_RANKED_PLACES = ("District", "City", "Province")


def _places_as_parties(view: DocumentView, facts: list[Fact]) -> list[Fact]:
    """A sister or friendship tie binds places: a council or city hall named as its party stands
    for its district or city ("종로구의회는 북경시 동성구와의 자매결연 …" is 종로구's tie)."""
    def place_of(eid: str) -> str:
        if view.type_of(eid) not in ("GovernmentBody",):
            return eid
        e = view.entities.get(eid)
        if e is not None and e.within and view.type_of(e.within) in _RANKED_PLACES:
            return e.within
        places = [p for p in view.own(eid) if p != eid and view.type_of(p) in _RANKED_PLACES]
        places.sort(key=lambda p: _RANKED_PLACES.index(view.type_of(p)))
        return places[0] if places else eid
    return [replace(f, subject=place_of(f.subject), object=place_of(f.object))
            if f.type == "agreement" and f.kind in _TIES else f for f in facts]


def _not_among_own(view: DocumentView, facts: list[Fact]) -> list[Fact]:
    """Drop meetings with and visits to one's own people and bodies ("송인헌 괴산군수를 단장으로 한 대표단")."""
    staff: dict[str, set[str]] = {}
    for f in facts:
        if f.type in ("holds_post", "member_of"):
            staff.setdefault(f.subject, set()).add(f.object)
    out = []
    for f in facts:
        if f.type == "visited" and view.type_of(f.object) in ("Person", "Event"):
            continue  # one visits a place or a body; a person is met, an event attended
        if f.type in ("met", "visited"):
            own = view.own(f.subject)
            for body in staff.get(f.subject, ()):  # 조원휘 대전시의회 의장 does not visit 대전시의회
                own |= view.own(body)
            if f.object in own or staff.get(f.object, set()) & own or f.subject in view.own(f.object):
                continue  # nor does 대전 visit its own council
        out.append(f)
    return out


def _country_of(view: DocumentView, place: str) -> str | None:
    """The country a place lies in, when the document names that country too (a trip abroad)."""
    e, seen = view.entities.get(place), set()
    while e is not None and e.within and e.within not in seen:
        seen.add(e.within)
        e = view.entities.get(e.within)
        if e is not None and e.type == "Country":
            return e.id
    return None


def _written_container(view: DocumentView, place: str) -> str | None:
    """The province or country written right before a mention of ``place``, nearest first."""
    for spot in view.spots:
        if spot.entity != place:
            continue
        prev = view.prev_spot(spot)
        if prev is not None and prev.type in ("Province", "Country") and \
                view.text[prev.end:spot.start] in ("", " ", "(", " (") and prev.entity != place:
            return prev.entity
    return None


def dedupe_facts(facts: Iterable[Fact], known: dict | set) -> tuple[Fact, ...]:
    """Keep the first fact per (type, ends, kind and status), either order for symmetric types;
    a later mention that dates an undated agreement ("1993년 자매결연 체결") gives it its date and quote."""
    seen: dict[tuple, int] = {}
    out: list[Fact] = []
    for f in facts:
        if f.subject == f.object or f.subject not in known or f.object not in known:
            continue
        ends = tuple(sorted((f.subject, f.object))) if f.type in SYMMETRIC_FACTS else (f.subject, f.object)
        # a proposal and the signing that followed it are two facts
        key = (f.type, ends, (f.kind, f.status) if f.type == "agreement" else None)
        if key in seen:
            first = out[seen[key]]
            if f.type == "agreement" and first.date is None and f.date is not None:  # one signing; visits recur
                out[seen[key]] = replace(f, subject=first.subject, object=first.object, place=f.place or first.place)
            continue
        seen[key] = len(out)
        out.append(f)
    return tuple(out)
