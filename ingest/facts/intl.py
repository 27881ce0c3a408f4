"""Facts in Chinese and English sentences: visits, meetings, attendance, agreements, cooperation, posts.

Each sentence is read once, cue by cue (``data/lexicon/{zh,en}/facts.json``):
the subject is the first actor of the sentence (a person rather than the body
named in their title; a delegation stands for its owner), the objects are the
actors after the cue up to the next cue, and anything after "at"/"在" is the
place. Agreements take kind from the agreement word and status from the words
before it, a proposal or plan outranking a signing verb (希望缔结 is proposed);
"双方"/"the two cities" are the two sides of the last meeting or visit.
The evidence is the whole sentence (zh sentences end in 。！？；).

>>> sentences("会见后，双方签署了备忘录。李明华表示感谢！", "zh")
[(0, 13), (13, 21)]
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence

from ...graph.model import Entity, Fact, Mention
from ..lexicon import load_name_lexicon
from ..mentions.script import fold_traditional
from ..resolve.spots import Spot, outermost
from ..roles.dates_intl import find_dates_intl

_ACTOR_TYPES = frozenset({"City", "District", "Province", "IndustrialPark", "University", "Company",
                          "Organization", "GovernmentBody", "Person", "Country"})
_PLACES = frozenset({"City", "District", "Province"})
_ZH_TITLES = load_name_lexicon("zh").titles
_SIDE_TYPES = frozenset({"City", "District", "Province", "University", "Company", "Organization", "GovernmentBody"})


def load_fact_cues(language: str, data_dir: Path | None = None) -> dict:
    """Return ``lexicon/<language>/facts.json`` from ``data_dir`` if it has one, else the package's."""
    path = Path(data_dir) / "lexicon" / language / "facts.json" if data_dir else None
    if path is not None and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    ref = resources.files("cityties").joinpath("data", "lexicon", language, "facts.json")
    return json.loads(ref.read_text(encoding="utf-8"))


_ABBREV = re.compile(r"(?:\b(?:Co|Inc|Ltd|Corp|St|Dr|Mr|Ms|Mrs|Prof|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
                     r"Nov|Dec|Gov|vs|e\.g|i\.e)|\b[A-Z]|\b[A-Z]\.[A-Z])\.$")


_DATELINE = re.compile(r"\s*(?:[A-Z][A-Za-z .]{1,30},\s*)?[A-Z0-9][A-Za-z0-9 ,.]{3,30}?\d{4}\s*[–—-]{1,2}\s+")


def sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Return sentence spans: ends at 。！？；, at a line break, and at . ! ? before a new sentence.

    >>> t = "Mayor Lee met Dr. Kim at Goyang Co. Ltd. today. They signed an MOU."
    >>> [t[s:e] for s, e in sentences(t, "en")]
    ['Mayor Lee met Dr. Kim at Goyang Co. Ltd. today.', 'They signed an MOU.']
    >>> t = "SEOUL, May 2, 2023 – The mayor met"
    >>> [t[s:e] for s, e in sentences(t, "en")]
    ['The mayor met']
    """
    cuts = {0, len(text)}
    for m in re.finditer(r"[。！？；]+[”」』）)]*|\n", text):
        cuts.add(m.end())
    for m in re.finditer(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9\u3400-\u9fff가-힣])", text):
        if not _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            cuts.add(m.end())
    out = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        seg = text[a:b]
        dateline = _DATELINE.match(seg)
        if dateline:  # "GOYANG, March 14, 2023 –": the place and date of the report, not its subject
            a, seg = a + dateline.end(), seg[dateline.end():]
        s = a + len(seg) - len(seg.lstrip())
        e = b - (len(seg) - len(seg.rstrip()))
        if e > s:
            out.append((s, e))
    return out


def _find(text: str, start: int, end: int, words: Sequence[str], language: str) -> list[tuple[int, int, str]]:
    """Return non-overlapping (start, end, word) hits of ``words``, longest first, in text order."""
    hits: list[tuple[int, int, str]] = []
    for w in sorted(words, key=len, reverse=True):
        pattern = re.escape(w) if language == "zh" or not w.isascii() else r"(?<![\w-])" + re.escape(w) + r"(?![\w-])"
        flags = 0 if w.isupper() else re.IGNORECASE
        for m in re.compile(pattern, flags).finditer(text, start, end):
            if not any(s < m.end() and m.start() < e for s, e, _ in hits):
                hits.append((m.start(), m.end(), w))
    return sorted(hits)


class _Reader:
    """The state one document's sentences share: delegation owner, last two sides, last date."""

    def __init__(self, text: str, language: str, entities: Sequence[Entity], spots: Sequence[Spot],
                 posts: dict, cues: dict) -> None:
        self.text, self.lang, self.cues, self.posts = text, language, cues, posts
        self.written = text  # the text as written, for evidence; ``text`` is what is read
        self.entities = {e.id: e for e in entities}
        self.spots = sorted((s for s in outermost(spots) if s.type in _ACTOR_TYPES | {"Event"}),
                            key=lambda s: s.start)
        self._ending = {s.end: s for s in self.spots}
        self._starting = {s.start: s for s in self.spots}
        # the body named in a person's title is an attribute of the person, not an actor
        self.title_orgs = {(o.start, o.end) for o in self.spots for posts_of in posts.values()
                           for org, _, ps, pe in posts_of if org == o.entity and ps <= o.start and o.end <= pe}
        self.delegation: str | None = None
        self.sides: tuple[str, str] | None = None
        self.leaders: dict[str, str] = {}  # person -> the owner of the delegation they lead

    def find(self, key: str, start: int, end: int) -> list[tuple[int, int, str]]:
        words = [w[0] if isinstance(w, list) else w for w in self.cues.get(key, [])]
        return _find(self.text, start, end, words, self.lang)

    def actors(self, start: int, end: int) -> list[Spot]:
        """Actors in the span: no title bodies, no country that only modifies the next place."""
        inside = [s for s in self.spots if start <= s.start and s.end <= end and s.type in _ACTOR_TYPES
                  and (s.start, s.end) not in self.title_orgs]
        out = []
        for k, s in enumerate(inside):
            nxt = inside[k + 1] if k + 1 < len(inside) else None
            if s.type == "Country" and (self.text[s.end:s.end + 2] in ("'s", "’s") or nxt is not None and
                                        nxt.type in _PLACES | {"GovernmentBody"} and nxt.start - s.end <= 1):
                continue
            out.append(s)
        return out

    def owner(self, d_start: int, d_end: int) -> str | None:
        """The owner a delegation phrase names: X代表团, the X delegation, a delegation from X, X率领的代表团."""
        gap = re.search(r"[ \t]*$", self.text[max(0, d_start - 4):d_start])
        before = self._ending.get(d_start - len(gap.group()))
        if before is not None and before.type != "Person":
            return before.entity
        m = re.match(r"\s+(?:from|of)\s+(?:the\s+)?", self.text[d_end:d_end + 12])
        hit = self._starting.get(d_end + m.end()) if m else None
        return hit.entity if hit is not None else None

    def leader_owner(self, start: int, end: int) -> str | None:
        """The organisation of the person who leads the delegation in ``start..end``."""
        for ls, le, _ in self.find("leader_words", start, end):
            people = [s for s in self.spots if s.type == "Person" and (s.end <= ls and self.lang == "zh" or
                                                                       s.start >= le and self.lang != "zh")]
            person = people[-1] if self.lang == "zh" and people else (people[0] if people else None)
            if person is not None and self.posts.get(person.entity):
                return self.posts[person.entity][0][0]
        return None

    def subject(self, start: int, cue: int) -> str | None:
        """The first actor before the cue, a delegation word standing for its owner."""
        actors = self.actors(start, cue)
        dele = self.find("delegation_words", start, cue)
        first_actor = actors[0] if actors else None
        if dele and (first_actor is None or dele[0][0] < first_actor.start or
                     self.owner(dele[0][0], dele[0][1]) == first_actor.entity):
            ds, de, _ = dele[0]
            return self.owner(ds, de) or self.delegation
        return first_actor.entity if first_actor else None

    def lift(self, iri: str, places: bool = False) -> str:
        """A person's side is their organisation; with ``places``, a body's side is its place."""
        if self.entities[iri].type == "Person":
            iri = self.posts[iri][0][0] if self.posts.get(iri) else self.leaders.get(iri, iri)
        seen = set()
        while places and self.entities[iri].type not in _PLACES and iri not in seen:
            seen.add(iri)
            up = self.entities[iri].within
            if up is None or up not in self.entities:
                break
            iri = up
        return iri


def extract_intl_facts(text: str, language: str, entities: Sequence[Entity], spots: Sequence[Spot],
                       posts: dict, doc_date: str | None, data_dir: Path | None = None) -> tuple[Fact, ...]:
    """Return the facts of a Chinese or English text, in sentence order, without repeats.

    Traditional characters are read as simplified; the evidence quotes the text as written.
    """
    written, text = text, fold_traditional(text, data_dir)
    r = _Reader(text, language, entities, spots, posts, load_fact_cues(language, data_dir))
    r.written = written
    facts: list[Fact] = []
    carried = doc_date
    for s, e in sentences(text, language):
        ev = Mention(s, e, written[s:e])
        dates = find_dates_intl(text, s, e, context=carried or doc_date)
        date = dates[0].value if dates else carried
        if dates and len(dates[0].value) == 10:
            carried = dates[0].value
        facts.extend(_sentence_facts(r, s, e, ev, date))
    facts.extend(_post_facts(r, language))
    facts.extend(_located(r))
    seen: set = set()
    out = []
    for f in facts:
        ends = frozenset((f.subject, f.object)) if f.type in ("agreement", "cooperates_with") else (f.subject, f.object)
        key = (f.type, ends, f.kind, f.status)
        if f.subject != f.object and key not in seen:
            seen.add(key)
            out.append(f)
    return tuple(out)


def _sentence_facts(r: _Reader, s: int, e: int, ev: Mention, date: str | None) -> Iterator[Fact]:
    text = r.text
    for ds, de, _ in r.find("delegation_words", s, e):
        if r.find("not_yet", s, ds):
            continue  # an invited delegation is not the one the story follows
        named = r.owner(ds, de) or r.leader_owner(s, e)
        # the delegation a report follows is the first it names
        r.delegation = r.delegation or named
        for ls, le, _ in r.find("leader_words", s, e):
            led = [p for p in r.spots if p.type == "Person" and (p.start >= le if r.lang != "zh" else p.end <= ls)]
            if led and named:
                r.leaders.setdefault((led[0] if r.lang != "zh" else led[-1]).entity, named)
    cues = sorted([(cs, ce, kind) for kind in ("visit", "meeting", "attend")
                   for cs, ce, _ in r.find(kind + "_words", s, e)])
    kinds = r.find("agreement_kinds", s, e)
    # a visit's objects end at the next cue, agreement or status word, or a Chinese clause break
    statuses = [w for words in r.cues["agreement_status"].values() for w in words]
    bounds = [b for b, _, _ in kinds] + [b for b, _, _ in _find(text, s, e, statuses, r.lang)]
    if r.lang == "zh":
        bounds += [m.start() for m in re.finditer(r"[，；]", text[:e])][::-1]
    for k, (cs, ce, kind) in enumerate(cues):
        stop = min([cues[k + 1][0] if k + 1 < len(cues) else e] + [b for b in bounds if ce < b < e])
        if kind != "meeting" and r.find("not_yet", s, cs):
            continue  # 邀请…出席, plans to visit: not an event yet
        subj = r.subject(s, cs)
        if subj is None:
            continue
        place_at = next((ps for ps, _, _ in r.find("place_words", ce, stop)), stop)
        objects = [a for a in r.actors(ce, place_at) if a.entity != subj]
        place = next((a.entity for a in r.actors(place_at, stop) if a.type in _PLACES | {"GovernmentBody"}), None)
        if kind == "meeting":
            lead = r.leader_owner(ce, stop) if r.find("delegation_words", ce, stop) else None
            ids = [a.entity for a in objects] + ([lead] if lead else [])
            ids = [i for i in ids if r.entities[i].type != "Country" or len(ids) == 1]
            for o in dict.fromkeys(ids):
                yield Fact("met", subj, o, ev, date=date, place=place)
            if ids:
                r.sides = (r.lift(subj), r.lift(ids[-1]))
            continue
        events = [a for a in r.spots if ce <= a.start and a.end <= stop and a.type == "Event"]
        for a in events:
            yield Fact("attended", subj, a.entity, ev, date=date)
        if kind == "visit":
            ids = [a.entity for a in objects if a.type != "Country"] or [a.entity for a in objects]
            for o in ids:
                yield Fact("visited", subj, o, ev, date=date)
            if ids:
                r.sides = (r.lift(subj), r.lift(ids[0]))
    kind_of = dict((w, k) for w, k in r.cues["agreement_kinds"])
    # "友好交流城市关系协议书", "sister city agreement": the generic word adds nothing
    kinds = [h for h in kinds if kind_of[h[2]] != "other" or not any(
        kind_of[o[2]] != "other" and 0 <= h[0] - o[1] <= 4 for o in kinds)]
    for ks, ke, word in kinds[:2]:
        yield from _agreement(r, s, e, ks, ke, word, ev, date)
    if not kinds and not any(kind == "meeting" for _, _, kind in cues):
        yield from _cooperation(r, s, e, ev, date)


def _status(r: _Reader, s: int, ks: int, ke: int, e: int) -> str | None:
    """Proposed before planned before signed among words before the agreement word, else after it."""
    status = r.cues["agreement_status"]
    for lo, hi in ((s, ks), (ke, e)):
        for st in ("proposed", "planned", "signed"):
            if _find(r.text, lo, hi, status[st], r.lang):
                return st
    return None


def _agreement(r: _Reader, s: int, e: int, ks: int, ke: int, word: str, ev: Mention,
               date: str | None) -> Iterator[Fact]:
    kind = dict((w, k) for w, k in r.cues["agreement_kinds"])[word]
    status = _status(r, s, ks, ke, e)
    if status is None:
        return
    places = kind in ("sister_city", "friendship_city") or bool(r.find("city_pair_words", s, ke))
    pair = _with_pair(r, s, e, ks)
    if pair is None and r.find("pair_words", s, ks) and r.sides:
        pair = r.sides
    if pair is None:
        actors = [a.entity for a in r.actors(s, ks) if a.type in _SIDE_TYPES | {"Person"}]
        if len(dict.fromkeys(actors)) >= 2:
            pair = tuple(list(dict.fromkeys(actors))[:2])
    if pair is None:
        return
    a, b = r.lift(pair[0], places), r.lift(pair[1], places)
    if a != b and r.entities[a].type in _SIDE_TYPES and r.entities[b].type in _SIDE_TYPES:
        r.sides = (a, b)
        yield Fact("agreement", a, b, ev, date=date, kind=kind, status=status)


def _with_pair(r: _Reader, s: int, e: int, ks: int) -> tuple[str, str] | None:
    """"A与B签署" / "A and B agreed" / "A … with B": A the subject, B the one after the conjunction
    nearest before the agreement word (else the first after it)."""
    actors = r.actors(s, e)
    hits = r.find("with_words", s, e)
    for ws, we, _ in [h for h in reversed(hits) if h[1] <= ks] + [h for h in hits if h[1] > ks]:
        gap = re.match(r"\s*(?:the\s+)?", r.text[we:we + 6])
        after = [a for a in actors if a.start == we + gap.end()]
        if not after:
            continue
        first = r.subject(s, ws)
        if first is None or first == after[0].entity:
            continue
        return first, after[0].entity
    return None


def _cooperation(r: _Reader, s: int, e: int, ev: Mention, date: str | None) -> Iterator[Fact]:
    for cs, ce, _ in r.find("cooperation_words", s, e):
        actors = r.actors(s, e)
        for ws, we, _ in r.find("with_words", s, e):
            gap = re.match(r"\s*(?:the\s+)?", r.text[we:we + 6])
            after = [a for a in actors if a.start == we + gap.end()]
            before = [a for a in actors if a.end <= ws]
            if after and before and (r.lang != "zh" or we <= cs):
                a, b = r.lift(before[-1].entity), r.lift(after[0].entity)
                if a != b:
                    yield Fact("cooperates_with", a, b, ev, date=date)
                    return
        if r.find("pair_words", s, cs) and r.sides:
            places = bool(r.find("city_pair_words", s, cs))
            a, b = r.lift(r.sides[0], places), r.lift(r.sides[1], places)
            if a != b:
                yield Fact("cooperates_with", a, b, ev, date=date)
            return


def _post_facts(r: _Reader, language: str) -> Iterator[Fact]:
    member = load_name_lexicon("zh").membership_titles | load_name_lexicon("en").membership_titles
    spans = sentences(r.text, language)
    for person, posts in r.posts.items():
        for org, title, ps, pe in posts:
            s, e = next(((a, b) for a, b in spans if a <= ps and pe <= b), (ps, pe))
            ev = Mention(s, e, r.written[s:e])
            yield Fact("member_of" if title in member else "holds_post", person, org, ev,
                       title=None if title in member else title)


def _located(r: _Reader) -> Iterator[Fact]:
    """An area named after its place (Tianjin Binhai New Area, 天津滨海新区) lies in that place."""
    spans = sentences(r.text, r.lang)
    for ent in r.entities.values():
        place = r.entities.get(ent.within) if ent.within else None
        if ent.type in ("District", "IndustrialPark") and place is not None and place.type in _PLACES and \
                any(m.start == p.start and p.end < m.end for m in ent.mentions for p in place.mentions):
            m = ent.mentions[0]
            s, e = next(((a, b) for a, b in spans if a <= m.start and m.end <= b), (m.start, m.end))
            yield Fact("located_in", ent.id, ent.within, Mention(s, e, r.written[s:e]))
