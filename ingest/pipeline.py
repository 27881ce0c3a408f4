"""The extraction pipeline: mentions -> entities -> facts, over resources loaded once.

>>> r = load_resources()
>>> load_resources() is r  # cached per data directory
True
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from threading import Lock
from typing import Any

from ..graph.model import Document, Extraction
from .dates import document_date
from .facts import extract_facts
from .facts import load_lexicon as load_fact_lexicon
from .gazetteer import Gazetteer, load_gazetteer
from .home import infer_home
from .language import detect_language
from .lexicon import Lexicon, load_lexicon
from .mentions import find_mentions
from .resolve import resolve_mentions
from .source import SourceText


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
            from kiwipiepy import Kiwi  # imported here: loading the model is the slow part

            _CACHE[key] = Resources(load_gazetteer(key), load_lexicon(key), Kiwi(),
                                    load_fact_lexicon("ko", key), key)
        return _CACHE[key]


def extract_file(path: Path | str, document_id: str, resources: Resources, sha256: str | None = None) -> Extraction:
    """Load and extract one file; the document keeps the file's content hash when given."""
    from .load import load_document
    x = extract(load_document(path), document_id, str(path), resources)
    if sha256:
        x = replace(x, document=replace(x.document, sha256=sha256))
    return x


def extract(source: SourceText, document_id: str, source_path: str, resources: Resources) -> Extraction:
    """Return the Extraction of one loaded document: its entities with mentions and its facts."""
    language = detect_language(source.text)
    if language != "ko":  # Chinese and English documents: no Kiwi, their own cue words
        from .pipeline_intl import extract_international
        return extract_international(source, document_id, source_path, resources, language)
    candidates = find_mentions(source, resources.gazetteer, resources.lexicon, resources.kiwi)
    entities = resolve_mentions(candidates, source, resources.gazetteer, resources.lexicon)
    home = doc_date = None
    facts: tuple = ()
    if resources.fact_lexicon is not None:  # None: entities only (a caller's choice, e.g. scoring)
        home = infer_home(source, entities)
        doc_date = source.date or document_date(source)
        facts = extract_facts(source, entities, home, doc_date, resources.fact_lexicon)
    document = Document(
        id=document_id, source=source_path, title=source.title, language="ko", home=home,
        date=doc_date, sha256=hashlib.sha256(source.text.encode("utf-8")).hexdigest(), text=source.text)
    return Extraction(document, tuple(entities), tuple(facts))
