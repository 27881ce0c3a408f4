"""Facts in Chinese and English sentences: visits, meetings, attendance, agreements, cooperation, posts.

Each sentence is read once, cue by cue (``data/lexicon/{zh,en}/facts.json``):
the subject is the first actor of the sentence (a person rather than the body
named in their title; a delegation stands for its owner), the objects are the
actors after the cue up to the next cue, and anything after "at"/"在" is the
place. Agreements take kind from the agreement word and status from the words
before it, a proposal or plan outranking a signing verb (希望缔结 is proposed);
"双方"/"the two cities" are the two sides of the last meeting or visit.
The evidence is the whole sentence (zh sentences end in 。！？；).

The pieces: ``intl_text`` (sentences, cue words), ``intl_reader`` (the document's
reading state), ``intl_agreements`` and ``intl_places``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote
from typing import Iterator, Sequence

from ...graph.model import Entity, Fact, Mention
from ...graph.vocab import ENTITY_NS, gazetteer_iri
from ..gazetteer import Gazetteer
from ..mentions.script import fold_traditional
from ..resolve.spots import Spot
from ..roles.dates import DateSpan
from ..roles.dates_intl import find_dates_intl
from .intl_agreements import agreement_facts, cooperation_facts, partner_cooperation_facts
from .intl_events import event_at, note_venues, speech_facts
from .intl_places import area_facts, home_post_facts, post_facts
from .intl_reader import PLACES, Reader
from .intl_text import find_words, load_fact_cues, sentences


def extract_intl_facts(text: str, language: str, entities: Sequence[Entity], spots: Sequence[Spot],
                       posts: dict, doc_date: str | None, data_dir: Path | None = None,
                       home: str | None = None, gazetteer: Gazetteer | None = None) -> tuple[Fact, ...]:
    """Return the facts of a Chinese or English text, in sentence order, without repeats.

    Traditional characters are read as simplified; the evidence quotes the text as written.
    ``home`` (an entity id of ``entities``) is the writing body: the text's words for itself
    (我会, "our city") name it, and it is the subject a sentence leaves out (a timeline row
    "Jun 16, 2012 visited Taipei", a group "Nine people including …"). A place chain the
    ``gazetteer`` contradicts (苏州 written after 浙江省) gives no located_in.
    """
    written, text = text, fold_traditional(text, data_dir)
    r = Reader(text, language, entities, spots, posts, load_fact_cues(language, data_dir), home,
               _known_within(entities, gazetteer))
    r.written = written
    facts: list[Fact] = []
    carried = doc_date
    for s, e in sentences(text, language):
        ev = Mention(s, e, written[s:e])
        dates = find_dates_intl(text, s, e, context=carried or doc_date)
        date = dates[0].value if dates else carried
        if dates and len(dates[0].value) == 10:
            carried = dates[0].value
        facts.extend(_sentence_facts(r, s, e, ev, date, dates))
    facts.extend(post_facts(r, language))
    facts.extend(home_post_facts(r))
    facts.extend(area_facts(r))
    return _merged(facts)


def _nominal_visits(r: Reader, s: int, e: int, ev: Mention, date: str | None) -> Iterator[Fact]:
    """"The visit of X to Y", "a trip by X to Y": X visited Y."""
    actors = r.actors(s, e)
    for _, ve, _ in r.find("visit_nouns", s, e):
        gap = re.match(r"\s*(?:the\s+)?", r.text[ve:ve + 6])
        who = r.actor_at(ve + gap.end(), actors)
        to = re.compile(r"\s+to\s+(?:the\s+)?").match(r.text, who.end) if who is not None else None
        where = r.actor_at(to.end(), actors) if to else None
        if who is not None and where is not None and who.entity != where.entity:
            yield Fact("visited", who.entity, where.entity, ev, date=date)


_DATED = frozenset({"visited", "met", "attended"})
_JOINED = re.compile(r"\s*(?:and|&|/|和|及|、|与)\s*")


def _kind_groups(r: Reader, kinds: list[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """Return (start, end, kind) per agreement; two kinds joined by "and" say neither (kind None),
    and a generic word next to a specific one adds nothing ("sister city agreement")."""
    kind_of = dict((w, k) for w, k in r.cues["agreement_kinds"])
    kinds = [h for h in kinds if kind_of[h[2]] != "other" or not any(
        kind_of[o[2]] != "other" and 0 <= h[0] - o[1] <= 4 for o in kinds)]
    out: list[tuple[int, int, str | None]] = []
    for ks, ke, word in kinds:
        if out and _JOINED.fullmatch(r.text[out[-1][1]:ks]) and out[-1][2] != kind_of[word]:
            out[-1] = (out[-1][0], ke, None)
        else:
            out.append((ks, ke, kind_of[word]))
    return out


def _known_within(entities: Sequence[Entity], gazetteer: Gazetteer | None) -> dict[str, tuple[str, str]]:
    """Map each gazetteer entity's IRI to the IRI and type of the place the gazetteer puts it in."""
    if gazetteer is None:
        return {}
    out = {}
    for e in entities:
        entry = gazetteer.entries.get(unquote(e.id[len(ENTITY_NS):])) if e.id.startswith(ENTITY_NS) else None
        parent = gazetteer.entries.get(entry.within) if entry is not None and entry.within else None
        if parent is not None and gazetteer_iri(entry.key) == e.id:
            out[e.id] = (gazetteer_iri(parent.key), parent.type)
    return out


def _merged(facts: Sequence[Fact]) -> tuple[Fact, ...]:
    """Drop repeats of a fact (same type, ends, kind and status); the first keeps its evidence
    and takes the date and place a later one adds (a headline, then the dated sentence).
    Visits, meetings and attendance on two different dates are two facts (timeline rows)."""
    out: list[Fact] = []
    for f in facts:
        if f.subject == f.object:
            continue
        ends = frozenset((f.subject, f.object)) if f.type in ("agreement", "cooperates_with") else (f.subject, f.object)
        same = next((k for k, g in enumerate(out) if (g.type, g.kind, g.status) == (f.type, f.kind, f.status)
                     and (frozenset((g.subject, g.object)) if f.type in ("agreement", "cooperates_with")
                          else (g.subject, g.object)) == ends
                     and (f.type not in _DATED or not (f.date and g.date and f.date != g.date))), None)
        if same is None:
            out.append(f)
        elif (out[same].date is None and f.date) or (out[same].place is None and f.place):
            out[same] = replace(out[same], date=out[same].date or f.date, place=out[same].place or f.place)
    return tuple(out)


def _present(r: Reader, s: int, e: int, ev: Mention, date: str | None, cues) -> Iterator[Fact]:
    """"道议会副议长崔炳俊、事务处长金秦贤等在座": those present at the last meeting were met by its host."""
    if r.host is None or cues or not r.find("present_words", s, e):
        return
    subj, place = r.host
    for p in r.spots:
        if s <= p.start < e and p.type == "Person" and p.entity != subj:
            yield Fact("met", subj, p.entity, ev, date=date, place=place)


def _sentence_facts(r: Reader, s: int, e: int, ev: Mention, date: str | None,
                    dates: Sequence[DateSpan]) -> Iterator[Fact]:
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
    note_venues(r, s, e)
    yield from speech_facts(r, s, e, ev, date)
    yield from _nominal_visits(r, s, e, ev, date)
    cues = sorted([(cs, ce, kind) for kind in ("visit", "meeting", "attend")
                   for cs, ce, _ in r.find(kind + "_words", s, e)])
    kinds = r.find("agreement_kinds", s, e)
    # a visit's objects end at the next cue, agreement or status word, or a Chinese clause break
    statuses = [w for words in r.cues["agreement_status"].values() for w in words]
    bounds = [b for b, _, _ in kinds] + [b for b, _, _ in find_words(text, s, e, statuses, r.lang)]
    if r.lang == "zh":
        bounds += [m.start() for m in re.finditer(r"[，；]", text[:e])][::-1]
    visit_place = None  # where this sentence's visit went: a meeting after it took place there
    for k, (cs, ce, kind) in enumerate(cues):
        stop = min([cues[k + 1][0] if k + 1 < len(cues) else e] + [b for b in bounds if ce < b < e])
        if kind == "visit" and r.find("noun_markers", max(s, cs - 12), cs) and \
                r.find("noun_markers", max(s, cs - 12), cs)[-1][1] == len(text[:cs].rstrip()):
            continue  # "came for a goodwill visit": a noun, nobody's visit to the next name
        if kind != "meeting" and r.find("not_yet", s, cs):
            continue  # 邀请…出席, plans to visit: not an event yet
        if r.lang == "en" and re.match(r"\s+by\s", text[ce:ce + 5]):
            continue  # "a conference hosted by Taipei City": a passive names the host, not whom it met
        subj = r.subject(s, cs) or r.home
        if subj is None:
            continue
        place_at = next((ps for ps, _, _ in r.find("place_words", ce, stop)), stop)
        objects = [a for a in r.actors(ce, place_at) if a.entity != subj]
        place = next((a.entity for a in r.actors(place_at, stop) if a.type in PLACES | {"GovernmentBody"}), None)
        if place is None:  # "在宿迁会见了…": the place said before the cue, after its subject
            before = [pe for _, pe, _ in r.find("place_words", max(s, cs - 30), cs)]
            place = next((a.entity for a in r.actors(before[-1], cs) if a.type in PLACES | {"GovernmentBody"}
                          and a.entity != subj), None) if before else None
        if kind == "meeting":
            place = place or visit_place
            lead = r.leader_owner(ce, stop) if r.find("delegation_words", ce, stop) else None
            if not objects and not lead:
                # "与龟尾市长张世龙在龟尾市政府进行会面": the counterpart between 与 and the cue
                withs = [we for _, we, _ in r.find("with_words", max(s, cs - 40), cs)]
                if withs:
                    at = next((ps for ps, _, _ in r.find("place_words", withs[-1], cs)), cs)
                    objects = [a for a in r.actors(withs[-1], at) if a.entity != subj]
                    place = place or next((a.entity for a in r.actors(at, cs) if a.type in PLACES), None)
            ids = [a.entity for a in objects] + ([lead] if lead else [])
            ids = [i for i in ids if r.entities[i].type != "Country" or len(ids) == 1]
            for o in dict.fromkeys(ids):
                yield Fact("met", subj, o, ev, date=date, place=place)
            if ids:
                r.sides = (r.lift(subj), r.lift(ids[-1]))
                r.host = (subj, place)
            continue
        events = [a for a in r.spots if ce <= a.start and a.end <= stop and a.type == "Event"]
        if kind == "attend" and not events:  # 参加了本届大会: the event named before
            events = [x for x in [event_at(r, ce, stop)] if x is not None]
        for a in events:
            yield Fact("attended", subj, a.entity, ev, date=date, place=r.venues.get(a.entity))
        if kind == "visit":
            objects = [a for a in objects if a.type not in ("Person", "Event")]  # persons are met, not visited
            went = [a for a in objects if a.type != "Country"] or objects
            for o in went:
                at = place or r.locator(o)
                yield Fact("visited", subj, o.entity, ev, date=date, place=at)
                visit_place = visit_place or at or (o.entity if o.type in PLACES else None)
            ids = [a.entity for a in went]
            if ids:
                r.sides = (r.lift(subj), r.lift(ids[0]))
    yield from _present(r, s, e, ev, date, cues)
    groups = _kind_groups(r, kinds)
    clause = s
    for k, (ks, ke, kind) in enumerate(groups[:2]):  # 1995年同A结为友好城市，2013年同B建立…: each its own date
        own = [d.value for d in dates if clause <= d.start < ks]
        scope = groups[k + 1][0] if k + 1 < len(groups) else e
        yield from agreement_facts(r, s, e, ks, ke, kind, ev, own[-1] if own else date, scope)
        clause = ke
    if not kinds and not any(kind == "meeting" for _, _, kind in cues):
        yield from cooperation_facts(r, s, e, ev, date)
    yield from partner_cooperation_facts(r, s, e, ev, date)
