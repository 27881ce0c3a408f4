"""Property tests (hypothesis): the JSON contract, the name normalizers and the RDF round trip.

Extractions are generated over a text of Hangul, hanzi, Latin, digits and
punctuation, with mentions and evidence cut from that text, so every span
is honest by construction and the properties say what survives a trip.
Example counts stay small (<= 100) so the file runs in seconds.
"""
from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityties.graph.model import (
    AGREEMENT_KINDS, ENTITY_TYPES, FACT_TYPES, LANGUAGES, STATUSES, Document, Entity, Extraction, Fact, Mention,
    from_json, to_json,
)
from cityties.graph.queries import normalize
from cityties.graph.rdf import extraction_to_rdf, rdf_to_extraction
from cityties.graph.vocab import document_iri, entity_iri, slug

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # whole extractions

# What documents are made of: Hangul syllables and jamo, hanzi, Latin, digits,
# spaces and the punctuation of dates and lists.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
    st.sampled_from(" \t\n.,-()·:~'\"/□○※「」"),
)
TEXT = st.text(_ALPHABET, min_size=1, max_size=400)
NAME = st.text(_ALPHABET, min_size=1, max_size=20).filter(lambda s: s.strip() != "")
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
DATE = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.dates().map(lambda d: d.isoformat()[:4]),
).filter(lambda s: s[0] != "0")
OPTIONAL_TITLE = st.one_of(st.none(), NAME)


@st.composite
def spans(draw, text: str, max_count: int = 4, min_count: int = 0) -> tuple[Mention, ...]:
    """Draw distinct spans of ``text``, each a Mention that slices to its own text."""
    pairs = draw(st.sets(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))),
                         min_size=min_count, max_size=max_count))
    return tuple(Mention(min(a, b), max(a, b), text[min(a, b):max(a, b)]) for a, b in sorted(pairs))


@st.composite
def extractions(draw) -> Extraction:
    """Draw an Extraction whose every mention and evidence slices the document text."""
    text = draw(TEXT)
    entities: dict[str, Entity] = {}
    for _ in range(draw(st.integers(1, 6))):
        etype = draw(st.sampled_from(ENTITY_TYPES))
        iri = entity_iri(etype, draw(NAME))
        if iri in entities:
            continue
        entities[iri] = Entity(
            id=iri, type=etype,
            labels=draw(st.dictionaries(st.sampled_from(LANGUAGES), NAME, max_size=3)),
            aliases=tuple(sorted(draw(st.sets(NAME, max_size=3)))),
            mentions=draw(spans(text)),
            same_as=tuple(sorted(draw(st.sets(st.integers(1, 10**8).map(
                lambda n: f"http://www.wikidata.org/entity/Q{n}"), max_size=2)))),
            within=None, title=draw(OPTIONAL_TITLE) if etype == "Person" else None)
    ids = sorted(entities)
    for iri in ids:  # containment points at another entity of the same extraction, or nowhere
        within = draw(st.one_of(st.none(), st.sampled_from(ids)))
        if within and within != iri:
            e = entities[iri]
            entities[iri] = Entity(e.id, e.type, e.labels, e.aliases, e.mentions, e.same_as, within, e.title)
    facts: dict[tuple, Fact] = {}
    for _ in range(draw(st.integers(0, 8))):
        ftype = draw(st.sampled_from(FACT_TYPES))
        evidence = draw(spans(text, 1, 1))[0]
        fact = Fact(type=ftype, subject=draw(st.sampled_from(ids)), object=draw(st.sampled_from(ids)),
                    evidence=evidence, date=draw(st.one_of(st.none(), DATE)),
                    place=draw(st.one_of(st.none(), st.sampled_from(ids))),
                    kind=draw(st.sampled_from(AGREEMENT_KINDS)) if ftype == "agreement" else None,
                    status=draw(st.one_of(st.none(), st.sampled_from(STATUSES))) if ftype == "agreement" else None,
                    title=draw(OPTIONAL_TITLE) if ftype == "holds_post" else None)
        # A fact node's IRI is a digest of these fields: two facts equal in them are one statement.
        facts.setdefault((fact.type, fact.subject, fact.object, evidence.start, evidence.end, fact.kind,
                          fact.title), fact)
    document = Document(id=draw(st.text("abcdefghij가나다라/_-. 0123456789", min_size=1, max_size=30)
                                .filter(lambda s: s.strip() != "")),
                        source=draw(NAME), title=draw(OPTIONAL_TITLE), language="ko",
                        home=draw(st.one_of(st.none(), st.sampled_from(ids))),
                        date=draw(st.one_of(st.none(), DATE)), sha256=draw(st.one_of(st.none(), st.just("ab" * 32))),
                        text=text)
    return Extraction(document, tuple(entities.values()), tuple(facts.values()))


# ---------------------------------------------------------------- the JSON contract

@SLOW
@given(extractions())
def test_json_contract_round_trips_through_json_text(x):
    data = json.loads(json.dumps(to_json(x), ensure_ascii=False))
    assert from_json(data, text=x.document.text) == x


@SLOW
@given(extractions())
def test_every_json_offset_slices_to_its_text(x):
    text = x.document.text
    data = to_json(x)
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for f in data["facts"]:
        ev = f["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


# ---------------------------------------------------------------- the name normalizers

def _clean(s: str) -> bool:
    return all(not unicodedata.category(ch).startswith(("Z", "P", "C")) and not ch.isspace() for ch in s)


@FAST
@given(st.one_of(ANY_TEXT, NAME))
def test_slug_is_idempotent_clean_and_nfkc_stable(name):
    once = slug(name)
    assert slug(once) == once
    assert _clean(once), f"{once!r} keeps a space, a punctuation mark or a control"
    assert unicodedata.normalize("NFKC", once) == once


@FAST
@given(st.one_of(ANY_TEXT, NAME))
def test_normalize_is_idempotent_clean_and_nfkc_stable(name):
    once = normalize(name)
    assert normalize(once) == once
    assert _clean(once), f"{once!r} keeps a space, a punctuation mark or a control"
    assert unicodedata.normalize("NFKC", once) == once


@FAST
@given(NAME, st.sampled_from(["", " ", "  ", "-", "·", "\t"]))
def test_names_that_differ_only_in_spacing_and_punctuation_fold_together(name, sep):
    spaced = sep.join(name)
    assert slug(spaced) == slug(name)
    assert normalize(spaced) == normalize(name)


# Conjoining jamo (U+1100..U+11FF) come from text extracted syllable-piece by
# piece; a separator between a leading consonant and its vowel is stripped
# after NFKC has already run, leaving a pair that NFKC would compose.
JAMO_SPLIT = st.tuples(st.characters(min_codepoint=0x1100, max_codepoint=0x1112),
                       st.sampled_from([" ", "-", ".", "·"]),
                       st.characters(min_codepoint=0x1161, max_codepoint=0x1175)).map("".join)


@FAST
@given(JAMO_SPLIT)
def test_slug_is_idempotent_when_a_separator_splits_a_syllable(name):
    assert slug(slug(name)) == slug(name)
    assert normalize(normalize(name)) == normalize(name)


# ---------------------------------------------------------------- the RDF round trip

def _entity_key(e: Entity) -> tuple:
    return (e.id, e.type, tuple(sorted(e.labels.items())), tuple(sorted(set(e.aliases))),
            tuple(sorted(set(e.mentions), key=lambda m: (m.start, m.end))), tuple(sorted(set(e.same_as))),
            e.within, e.title)


@SLOW
@given(extractions())
def test_rdf_round_trip_keeps_document_entities_and_facts(x):
    back = rdf_to_extraction(extraction_to_rdf(x), document_iri(x.document.id))
    assert back.document == x.document
    assert sorted(map(_entity_key, back.entities)) == sorted(map(_entity_key, x.entities))
    assert set(back.facts) == set(x.facts)


@SLOW
@given(extractions())
def test_rdf_is_the_same_for_the_same_extraction(x):
    from rdflib.compare import isomorphic
    assert isomorphic(extraction_to_rdf(x), extraction_to_rdf(x))
