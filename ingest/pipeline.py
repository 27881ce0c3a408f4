"""The extraction pipeline: mentions -> entities -> facts, over resources loaded once.

>>> r = load_resources()
>>> load_resources() is r  # cached per data directory
True
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from threading import Lock
from typing import Any

from ..graph.model import Document, Entity, Extraction
from ..graph.names import fold
from ..graph.vocab import entity_iri
from .facts import extract_facts
from .facts import load_lexicon as load_fact_lexicon
from .facts.intl import extract_intl_facts
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import Lexicon, load_lexicon
from .mentions.intl import find_intl_mentions
from .mentions.korean import find_mentions
from .resolve.country import entity_countries
from .resolve.intl import build_entities, candidate_iris, person_posts
from .resolve.korean import resolve_mentions
from .resolve.spots import Spot
from .roles.dates import document_date
from .roles.dates_intl import document_date_intl
from .roles.home import HOME_TYPES, Authorship, writing_body
from .roles.language import detect_language
from .source import SourceText
from .trips import with_trips


@dataclass(frozen=True, slots=True)
class Resources:
    """What extraction needs, built once per process and data directory."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    kiwi: Any  # kiwipiepy.Kiwi: loading its model takes about two seconds
    fact_lexicon: Any = None
    data_dir: Path | None = None


_CACHE: dict[Path | None, Resources] = {}
_LOCK = Lock()


def load_resources(data_dir: Path | str | None = None) -> Resources:
    """Return the gazetteer, lexicons and one Kiwi for ``data_dir``, loading them on first use."""
    key = Path(data_dir) if data_dir is not None else None
    with _LOCK:
        if key not in _CACHE:
            from kiwipiepy import (
                Kiwi,  # imported here: loading the model is the slow part
            )

            _CACHE[key] = Resources(load_gazetteer(key), load_lexicon(key), Kiwi(),
                                    load_fact_lexicon("ko", key), key)
        return _CACHE[key]


def extract_file(path: Path | str, document_id: str, resources: Resources, sha256: str | None = None,
                 home: str | None = None) -> Extraction:
    """Load and extract one file; the document keeps the file's content hash when given."""
    from .load import load_document
    x = extract(load_document(path), document_id, str(path), resources, home)
    if sha256:
        x = replace(x, document=replace(x.document, sha256=sha256))
    return x


def extract(source: SourceText, document_id: str, source_path: str, resources: Resources,
            home: str | None = None) -> Extraction:
    """Return the Extraction of one loaded document: its entities with mentions and its facts.

    ``home`` names the writing body when the caller knows it (an IRI or a name); otherwise
    it is read off the document (``roles.home``).
    """
    language = detect_language(source.text)
    if language != "ko":  # Chinese and English documents: no Kiwi, their own cue words
        return extract_international(source, document_id, source_path, resources, language, home)
    candidates = find_mentions(source, resources.gazetteer, resources.lexicon, resources.kiwi)
    entities = resolve_mentions(candidates, source, resources.gazetteer, resources.lexicon)
    author = Authorship(None)
    doc_date = None
    facts: tuple = ()
    if resources.fact_lexicon is not None:  # None: entities only (a caller's choice, e.g. scoring)
        entities, author = _authorship(source, entities, resources, "ko", home)
        doc_date = source.date or document_date(source)
        facts = extract_facts(source, entities, author.entity, doc_date, resources.fact_lexicon,
                              _foreign(entities, resources))
    document = Document(
        id=document_id, source=source_path, title=source.title, language="ko", home=author.entity,
        date=doc_date, sha256=hashlib.sha256(source.text.encode("utf-8")).hexdigest(), text=source.text,
        home_confidence=author.confidence if author.entity else None, home_reason=author.reason or None)
    return with_trips(Extraction(document, tuple(entities), tuple(facts)))


def _authorship(source: SourceText, entities: list[Entity], resources: Any, language: str,
                given: str | None) -> tuple[list[Entity], Authorship]:
    """Return the entities (with a given home added when the text never names it) and the writing body.

    A given home (``cityties ingest --home``, a sidecar, the upload form) is an IRI or a name;
    a name is matched against the document's entities first.
    """
    if given:
        wanted = fold(given)
        for e in entities:
            if e.id == given or any(fold(n) == wanted for n in e.names()):
                return entities, Authorship(e.id, 1.0, "given")
        etype = _given_type(given, resources)
        iri = given if given.startswith(("http://", "https://")) else entity_iri(etype, given)
        label = {} if iri == given else {"ko" if _HANGUL.search(given) else "en": given}
        return [*entities, Entity(iri, etype, labels=label)], Authorship(iri, 1.0, "given")
    foreign = _foreign(entities, resources) if language == "ko" else frozenset()
    return entities, writing_body(source, entities, language, foreign, getattr(resources, "data_dir", None))


def _foreign(entities: list[Entity], resources: Any) -> frozenset[str]:
    """The entities a Korean text names that lie abroad, as far as the gazetteer tells."""
    gazetteer = getattr(resources, "gazetteer", None)
    if gazetteer is None:
        return frozenset()
    return frozenset(eid for eid, c in entity_countries(entities, gazetteer).items() if c != "KR")


_HANGUL = re.compile(r"[가-힣]")


def _given_type(name: str, resources: Any) -> str:
    """The type a given home's name suggests: 고양시의회 a government body, 고양시 a city."""
    lexicon = getattr(resources, "lexicon", None)
    found = lexicon.suffix_type(name) if lexicon is not None else None
    return found[1] if found and found[1] in HOME_TYPES else "GovernmentBody"


def extract_international(source: SourceText, document_id: str, source_path: str, resources: Any,
                          language: str, home: str | None = None) -> Extraction:
    """Return the Extraction of a Chinese or English document; ``resources`` is a pipeline
    ``Resources`` (its ``gazetteer`` and ``data_dir`` are used) or a bare Gazetteer.

    A language other than zh/en is read as English: the English reader needs no
    language knowledge beyond capitals and the shared gazetteer.
    """
    gazetteer: Gazetteer = getattr(resources, "gazetteer", resources)
    data_dir = getattr(resources, "data_dir", None)
    language = language if language in ("zh", "en") else "en"
    text = source.text
    candidates = find_intl_mentions(text, language, gazetteer, data_dir)
    iris = candidate_iris(text, candidates)
    spots = [Spot(c.start, c.end, iris[i], c.type, c.text, c.title, c.title_start, c.title_end)
             for i, c in enumerate(candidates)]
    posts = person_posts(text, spots)
    entities = build_entities(text, candidates, iris, gazetteer, language, posts)
    entities, author = _authorship(source, list(entities), resources, language, home)
    doc_date = source.date or document_date_intl(text)
    # the home stands in for a subject the text leaves out only when roles are fairly sure of it
    implicit = author.entity if author.confidence >= _IMPLICIT_HOME else None
    facts = extract_intl_facts(text, language, entities, spots, posts, doc_date, data_dir, implicit, gazetteer)
    document = Document(
        id=document_id, source=source_path, title=source.title or _first_line(text), language=language,
        home=author.entity, date=doc_date, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text,
        home_confidence=author.confidence if author.entity else None, home_reason=author.reason or None)
    return with_trips(Extraction(document, tuple(entities), tuple(facts)))


_IMPLICIT_HOME = 0.5


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:200] or None
