"""A document seen through its entity mentions: units (sentences, table rows), sections, dates.

Every fact rule reads the text through one :class:`DocumentView`.

>>> from cityties.graph.model import Entity, Mention
>>> from cityties.ingest.source import SourceText
>>> v = DocumentView(SourceText("고양시는 구이양시를 방문했다."), [Entity("goyang", "City", mentions=(Mention(0, 3, "고양시"),))],
...                  None, None, {})
>>> [(s.entity, v.text[s.start:s.end]) for s in v.spots]
[('goyang', '고양시')]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ...graph.model import ADMIN_PLACES, ORG_TYPES, Entity, Mention
from ..loaders.text import find_blocks
from ..resolve.spots import Spot, entity_spots
from ..roles.dates import find_dates
from ..source import Block, Row, SourceText

PLACE_TYPES = ADMIN_PLACES


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence or a table row: the span facts are read from and quoted as evidence."""

    start: int
    end: int
    kind: str  # "sentence" | "row"
    block: int
    row: Row | None = None


_SECTION_LINE = re.compile(
    r"^\s*(?:#+\s|□|■|☐|<input type=\"checkbox\"/>|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ][.)]?\s|[IVX]{1,4}\.?\s|\d{1,2}\.\s|[가나다라마바사아자차카타파하]\.\s|[①-⑳]\s|【)")
_SENTENCE_END = re.compile(r"(?<=[다함음임됨요]\.)\s+|(?<=[.!?])\s+(?=[\"“'‘]?[가-힣A-Z])|(?<=다\.)(?=[가-힣])")


class DocumentView:
    """A document seen through its entity mentions: units, sections, topics and dates."""

    def __init__(self, source: SourceText, entities: Sequence[Entity], home: str | None,
                 doc_date: str | None, lexicon: dict, foreign: frozenset[str] = frozenset()) -> None:
        self.source = source
        self.text = source.text
        self.entities = {e.id: e for e in entities}
        self.home = home if home in self.entities else None
        self.doc_date = doc_date
        self.lex = lexicon
        self.titles = sorted(set(lexicon.get("titles", [])), key=len, reverse=True)
        self._title_tuple = tuple(self.titles)
        self.spots = entity_spots(entities, len(self.text))
        self._starts = [s.start for s in self.spots]
        self.blocks = source.blocks or find_blocks(self.text)  # a source built without a loader
        self.units = list(_units(self.text, self.blocks))
        self.sections = _sections(self.text, self.blocks)
        self.home_city = self._home_city()
        # the Korean city a text without a writing body is about (news): named most, not abroad
        self.local_city = self.home_city or self._local_city(foreign)
        self.foreign = foreign
        self.home_side: set[str] = set()  # people the document shows working for home
        self.last_pair: tuple[str, str] | None = None  # the two sides "두 도시" / "양측" stand for
        self.delegation: str | None = None  # whose "대표단" the text last named
        self.last_meeting: tuple[str, str | None] | None = None  # who met last, and where
        self.leaders: dict[str, str] = {}  # a delegation's owner -> the person heading it
        self.posted: set[str] = set()  # persons whose post the text has already given
        self._alternations: dict[str, str] = {}
        self._own: dict[str, frozenset[str]] = {}
        self._event_dates: dict[str, str | None] = {}
        self._event_places: dict[str, str | None] = {}
        self._arrivals: list[tuple[int, str]] | None = None

    # ------------------------------------------------------------ mentions
    def spots_in(self, start: int, end: int) -> list[Spot]:
        """Return the mentions lying inside ``start..end``."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.spots) and self.spots[i].start < end:
            if self.spots[i].end <= end:
                out.append(self.spots[i])
            i += 1
        return out

    def next_spot(self, spot: Spot) -> Spot | None:
        """Return the mention that starts after ``spot``, if any."""
        i = bisect.bisect_right(self._starts, spot.start)
        return self.spots[i] if i < len(self.spots) else None

    def prev_spot(self, spot: Spot) -> Spot | None:
        """Return the mention that starts before ``spot``, if any."""
        i = bisect.bisect_left(self._starts, spot.start)
        return self.spots[i - 1] if i > 0 else None

    def is_modifier(self, spot: Spot) -> bool:
        """True when the mention directly precedes another one ("충청시 우전대학교")."""
        nxt = self.next_spot(spot)
        if nxt is None or nxt.entity == spot.entity:
            return False
        gap = self.text[spot.end:nxt.start]
        return gap in ("", " ") and spot.type in PLACE_TYPES | ORG_TYPES | {"IndustrialPark"}

    def type_of(self, entity_id: str) -> str:
        """Return the entity type of ``entity_id``."""
        return self.entities[entity_id].type

    def names(self, entity_id: str) -> set[str]:
        """Return every surface form of ``entity_id``."""
        return {n for n in self.entities[entity_id].names() if n}

    def pair_in(self, start: int, end: int) -> tuple[str, str] | None:
        """The two sides a "두 도시" / "양측" in ``start..end`` stands for: the last pair the text tied."""
        text = self.text[start:end]
        if not any(w in text for w in self.lex.get("pair_words", [])):
            return None
        if self.last_pair:
            return self.last_pair
        # no tie named yet: our city and the foreign city the text names most
        counts: dict[str, int] = {}
        for spot in self.spots:
            if spot.type in ("City", "District") and spot.entity in self.foreign:
                counts[spot.entity] = counts.get(spot.entity, 0) + 1
        partner = max(counts, key=counts.get) if counts else None
        return (self.local_city, partner) if self.local_city and partner else None

    def words(self, key: str) -> str:
        """Return the lexicon's word list ``key`` as a regex alternation, longest first (cached)."""
        cache = self._alternations
        if key not in cache:
            words = sorted(self.lex.get(key, []), key=len, reverse=True)
            cache[key] = "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in words) or r"(?!)"
        return cache[key]

    def planned(self, start: int, end: int) -> bool:
        """True for a span that ends in a plan: "… 할 예정이다", "… 추진할 계획임"."""
        return bool(re.search(r"(?:%s)(?:이다|입니다|임|이며)?[.\s]*$" % self.words("plan_end_words"),
                              self.text[start:end]))

    def coming(self, start: int, end: int) -> bool:
        """True when the span names a time still to come: "오는 9월", "내년", "향후"."""
        return bool(re.search(r"(?:%s)\s?\d{1,2}\s?월|%s" % (self.words("coming_month_words"),
                                                             self.words("coming_words")), self.text[start:end]))

    def own(self, subject: str) -> set[str]:
        """The subject itself and what contains it: no one visits their own city."""
        if subject in self._own:
            return set(self._own[subject])
        out = {subject}
        e = self.entities.get(subject)
        while e is not None and e.within and e.within not in out:
            out.add(e.within)
            e = self.entities.get(e.within)
        if subject == self.home and self.home_city:
            out.add(self.home_city)
        body = self.entities.get(subject)
        if body is not None and body.type in ("GovernmentBody", "Organization"):
            # 김해시의회 is at home in 김해
            names = self.names(subject)
            for other in self.entities.values():
                if other.type in ("City", "District") and any(
                        n and len(n) >= 2 and h.startswith(n) and len(h) > len(n) for n in other.names() for h in names):
                    out.add(other.id)
        self._own[subject] = frozenset(out)
        return out

    # ------------------------------------------------------------ structure
    def section_of(self, pos: int) -> int:
        """Return the index of the section holding ``pos``."""
        return bisect.bisect_right(self.sections, pos) - 1

    def section_span(self, pos: int) -> tuple[int, int]:
        """Return the (start, end) of the section holding ``pos``."""
        i = self.section_of(pos)
        start = self.sections[i] if i >= 0 else 0
        end = self.sections[i + 1] if i + 1 < len(self.sections) else len(self.text)
        return start, end

    def last_event_before(self, pos: int, same_section: bool = True) -> str | None:
        """Return the Event mentioned last before ``pos`` (in its section, if asked)."""
        lo = self.section_span(pos)[0] if same_section else 0
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0 and self.spots[i].start >= lo:
            if self.spots[i].type == "Event":
                return self.spots[i].entity
            i -= 1
        # a section heading line may name the event just before the section starts
        return None

    def section_event(self, pos: int) -> str | None:
        """Return the Event named on the first line of the section holding ``pos``, if any."""
        start, end = self.section_span(pos)
        line_end = self.text.find("\n", start, end)
        for s in self.spots_in(start, line_end if line_end >= 0 else end):
            if s.type == "Event":
                return s.entity
        return None

    def current_event(self, pos: int) -> str | None:
        """The event a sentence without one is about: its section's, else the last one named."""
        return self.section_event(pos) or self.last_event_before(pos)

    def date_in(self, start: int, end: int, context: str | None = None) -> str | None:
        """Return the first date in ``start..end`` as ISO, resolved against the document's date."""
        ctx = context or self.doc_date
        for d in find_dates(self.text, start, end, ctx, self.source.date):
            if _ANNOUNCED.match(self.text, d.end):
                continue  # "…했다고 7일 밝혔다": the day it was announced, not the day it happened
            return d.value
        return None

    def event_date(self, event: str) -> str | None:
        """Return the date of the first sentence that names ``event`` with a date."""
        if event not in self._event_dates:
            self._event_dates[event] = self._first_naming(event, self.date_in)
        return self._event_dates[event]

    def event_place(self, event: str) -> str | None:
        """Return the city the first sentence naming ``event`` says it is held in ("청두에서 개최")."""
        if event not in self._event_places:
            self._event_places[event] = self._first_naming(event, self.held_in)
        return self._event_places[event]

    def _first_naming(self, entity: str, read) -> str | None:
        """Return the first value ``read(start, end)`` finds in a sentence that names ``entity``."""
        return next((value for unit in self.units
                     if any(s.entity == entity for s in self.spots_in(unit.start, unit.end))
                     for value in [read(unit.start, unit.end)] if value), None)

    def arrivals(self) -> list[tuple[int, str]]:
        """Return where the narrative arrives, in order: (position, city) for each "시드니 공항에 도착",
        "브리즈번으로 이동" — the city the travellers are in from there on."""
        if self._arrivals is None:
            cue = re.compile(r"\s*(?:(?:국제)?\s?공항|역|항)?\s*(?:에|으로|로)\s*(?:%s)" % self.words("arrival_words"))
            self._arrivals = [(s.start, s.entity) for s in self.spots
                              if s.type == "City" and cue.match(self.text, s.end)]
        return self._arrivals

    def section_place(self, pos: int) -> list[Spot]:
        """Return what the section's place field names ("일시/장소 : … / 충칭국제엑스포센터"), if any."""
        start, end = self.section_span(pos)
        for m in re.finditer(r"(?:^|\n)[ \t\-•·○◦▶]*(?:%s)\s*[:：]" % self.words("place_labels"),
                             self.text[start:end]):
            line_end = self.text.find("\n", start + m.end(), end)
            return self.spots_in(start + m.end(), line_end if line_end >= 0 else end)
        return []

    def held_in(self, start: int, end: int) -> str | None:
        """Return the city a span says something is held in ("지난시에서 열린 … 포럼"), or None."""
        for spot in self.spots_in(start, end):
            if not re.match(r"\s*(?:등지)?에서\s*(?:%s)" % self.words("held_words"), self.text[spot.end:]):
                continue
            if spot.type == "City":
                return spot.entity
            # "야마구치 시청에서 열린": held at a body, in the city it belongs to
            within = self.entities[spot.entity].within if spot.entity in self.entities else None
            if within in self.entities and self.entities[within].type == "City":
                return within
        return None

    def section_date(self, pos: int) -> str | None:
        """Return the date a section gives for itself ("일시 : 2019. 12. 23.(월)") before ``pos``."""
        start, _ = self.section_span(pos)
        for m in re.finditer(r"(?:^|\n)[ \t\-•·○◦▶]*(?:일\s*시|일\s*자|날\s*짜|기\s*간)\s*(?:/\s*장\s*소)?\s*[:：]",
                             self.text[start:pos]):
            value = self.date_in(start + m.end(), min(pos, start + m.end() + 40))
            if value:
                return value
        # a dated heading: "가. 옌퐁공단 (2024. 3. 6.(수))"
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        if 0 < start < pos and line_end - start < 80 and line_end <= pos:
            return self.date_in(start, line_end)
        return None

    def _local_city(self, foreign: frozenset[str]) -> str | None:
        counts: dict[str, int] = {}
        for spot in self.spots:
            if spot.type in ("City", "District") and spot.entity not in foreign:
                counts[spot.entity] = counts.get(spot.entity, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            return ranked[0][0]
        return None

    def _home_city(self) -> str | None:
        """The City the home body belongs to ("우리시" in a council's report)."""
        if not self.home:
            return None
        home = self.entities[self.home]
        if home.type == "City":
            return home.id
        if home.within in self.entities and self.entities[home.within].type == "City":
            return home.within
        for e in self.entities.values():
            if e.type == "City" and any(n and h.startswith(n) and len(n) < len(h)
                                        for n in e.names() for h in home.names()):
                return e.id
        return None

    # ------------------------------------------------------------ words
    def title_at(self, pos: int, limit: int = 24, max_tokens: int = 4) -> tuple[int, str] | None:
        """Return (end, title) when a title phrase starts at ``pos`` ("부총재 겸 서남지역 총경리")."""
        window = self.text[pos:pos + limit]
        tokens = re.finditer(r"[^\s,\]\[()<>·•]+", window)
        prev_end = 0
        for n, tok in enumerate(tokens):
            if n >= max_tokens or (n == 0 and tok.start() > 1) or (n and "(" in window[prev_end:tok.start()]):
                break  # a bracket ends the phrase: "대표단(단장 지징 부시장)"
            prev_end = tok.end()
            word = _strip_particle(tok.group())
            if word.endswith(self._title_tuple):
                return pos + tok.start() + len(word), self.text[pos:pos + tok.start() + len(word)].strip()
            if word != tok.group():
                break  # "대표단이 우범기 전주시장을": a word with its particle ends the phrase
        return None

    def evidence(self, start: int, end: int) -> Mention:
        """Return the span as an evidence quote, without bullets or blanks around it."""
        s, e = _trim(self.text, start, end)
        return Mention(s, e, self.text[s:e])


_ANNOUNCED = re.compile(r"\s*(?:밝혔|전했|발표했|알렸|말했)")

_PARTICLES = ("에서는", "께서는", "으로서", "에게", "께서", "에서", "으로", "와의", "과의", "은", "는", "이", "가",
              "을", "를", "의", "과", "와", "도", "로", "에", "인")


def _strip_particle(word: str) -> str:
    for p in _PARTICLES:
        if word.endswith(p) and len(word) > len(p):
            return word[: -len(p)]
    return word


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding blanks and list bullets from a span."""
    while start < end and (text[start].isspace() or text[start] in "-•·○●◦▶▷☞※*>□■"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _units(text: str, blocks: Iterable[Block]) -> Iterable[Unit]:
    """Yield table rows and sentences, in text order."""
    for b_index, block in enumerate(blocks):
        if block.kind == "table":
            for row in block.rows:
                yield Unit(row.start, row.end, "row", b_index, row)
            continue
        for s, e in split_sentences(text, block.start, block.end):
            yield Unit(s, e, "sentence", b_index)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into lines, then sentences; return non-blank spans.

    >>> t = "가는 갔다. 나는 왔다.\\n- 다음 줄"
    >>> [t[s:e] for s, e in split_sentences(t, 0, len(t))]
    ['가는 갔다.', '나는 왔다.', '- 다음 줄']
    """
    spans = []
    pos = start
    for line in text[start:end].split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        cut = ls
        for m in _SENTENCE_END.finditer(text, ls, le):
            if m.start() > cut:
                spans.append((cut, m.start()))
            cut = m.end()
        if cut < le:
            spans.append((cut, le))
    out = []
    for s, e in spans:
        s2, e2 = s, e
        while s2 < e2 and text[s2].isspace():
            s2 += 1
        while e2 > s2 and text[e2 - 1].isspace():
            e2 -= 1
        if s2 < e2:
            out.append((s2, e2))
    return out


def _sections(text: str, blocks: Iterable[Block]) -> list[int]:
    """Start offsets of sections: heading blocks and lines that look like headings."""
    starts = {0}
    for block in blocks:
        if block.kind == "heading":
            starts.add(block.start)
        elif block.kind == "paragraph":
            pos = block.start
            for line in text[block.start:block.end].split("\n"):
                if _SECTION_LINE.match(line) and len(line.strip()) < 80:
                    starts.add(pos)
                pos += len(line) + 1
    return sorted(starts)
