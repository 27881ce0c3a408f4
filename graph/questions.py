"""Template questions in Korean and English, answered from named queries without a language model.

The one question answerer the CLI (``cityties ask``), the notebooks and the API
(``/api/ask``, the ``/ask`` page) share. The templates live in
``data/lexicon/ask.json`` (plus ``<data_dir>/lexicon/ask.json``): each intent has
regular expressions per language whose named groups are slots (an entity, a
place, a year). "We" is the home entity (setting ``home``, else the city of the
body that wrote most documents) and everything within it. A question no template
fits gets what was understood of it (the names it recognised) and the closest
questions that can be answered. The intents' answers are in ``graph.answers``.

>>> name, slots, _, lang = match_intent("충칭에서 누구를 만났나", load_templates())
>>> name, slots, lang
('met', {'place': '충칭'}, 'ko')
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CitytiesError
from ..settings import Settings
from . import answers
from .index import LabelIndex, Match, find_home
from .romanization import is_latin
from .store import Store

PLACES = ("City", "District", "Province", "Country", "IndustrialPark")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_PARTICLES = re.compile(r"(?:에서|에게|으로|과의|와의|이랑|하고|까지|부터|은|는|이|가|을|를|과|와|의|에|로|도)$")


class QuestionError(CitytiesError, ValueError):
    """A question the answerer refuses to try (too long, empty)."""


@functools.lru_cache(maxsize=4)
def load_templates(data_dir: str = "") -> dict:
    """Load the bundled templates, with any extra patterns from ``<data_dir>/lexicon/ask.json``."""
    text = resources.files("cityties").joinpath("data/lexicon/ask.json").read_text(encoding="utf-8")
    base = json.loads(text)
    extra_path = Path(data_dir) / "lexicon" / "ask.json" if data_dir else None
    if extra_path and extra_path.is_file():
        extra = {i["name"]: i for i in json.loads(extra_path.read_text(encoding="utf-8")).get("intents", [])}
        for intent in base["intents"]:
            for lang, pats in extra.get(intent["name"], {}).get("patterns", {}).items():
                intent["patterns"].setdefault(lang, []).extend(pats)
    for intent in base["intents"]:
        intent["compiled"] = {lang: [re.compile(p, re.IGNORECASE) for p in pats]
                              for lang, pats in intent["patterns"].items()}
    return base


def examples(templates: dict, lang: str | None = None) -> list[str]:
    """Return every intent's example question, in ``lang`` first (both languages when None).

    >>> examples(load_templates(), "ko")[0]
    '충칭에서 누구를 만났나'
    """
    langs = ("ko", "en") if lang is None else (lang, "en" if lang == "ko" else "ko")
    return [i["examples"][lg] for lg in langs for i in templates["intents"] if i.get("examples", {}).get(lg)]


def language_of(question: str) -> str:
    """Return "ko" for a question with Hangul in it, else "en"."""
    return "ko" if _HANGUL.search(question) else "en"


def match_intent(question: str, templates: dict) -> tuple[str, dict[str, str], dict, str] | None:
    """Return (intent name, slot texts, intent, language of the template) of the first template
    the question fits, or None. Templates in the question's script are tried first, so an English
    question naming a Korean place still reads as English."""
    q = re.sub(r"\s+", " ", question).strip().rstrip("?？.!。 ").strip()
    first = language_of(q)
    for lang in (first, "en" if first == "ko" else "ko"):
        for intent in templates["intents"]:
            for pattern in intent["compiled"].get(lang, ()):
                m = pattern.search(q)
                if m:
                    slots = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}
                    return intent["name"], slots, intent, lang
    return None


def _clean(text: str, templates: dict) -> list[str]:
    """Return the slot text and, after it, the text with filler words stripped."""
    out = [text]
    for lang in ("en", "ko"):
        for pat in templates.get("slot_strip", {}).get(lang, []):
            stripped = re.sub(pat, "", out[-1], flags=re.IGNORECASE).strip()
            if stripped and stripped not in out:
                out.append(stripped)
    return out


def _resolve(index: LabelIndex, text: str, kind: str, templates: dict) -> Match | None:
    types = PLACES if kind == "place" else None
    for candidate in _clean(text, templates):
        literal = index.search(candidate, limit=1, types=types, fuzzy=False)
        if literal:
            return literal[0]
        if kind == "any" and is_latin(candidate):  # "Liu": a person whose name is spelt so
            persons = answers.persons_spelt(index, candidate)
            if persons:
                return persons[0]
        m = index.resolve(candidate, types=types) or (index.resolve(candidate) if types else None)
        if m:
            return m
    return None


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) else value


def fmt(template: str, **values: Any) -> str:
    """Fill a template, missing or None values as empty text.

    >>> fmt("{a} and {b}", a="x", b=None)
    'x and '
    """
    return template.format_map({k: ("" if v is None else v) for k, v in values.items()})


def answer(store: Store, question: str, settings: Settings, index: LabelIndex | None = None) -> dict:
    """Answer one question: the intent understood, the entities resolved, rows with evidence."""
    question = question.strip()
    if not question:
        raise QuestionError("ask a question, e.g. \"who did we meet in Chongqing\" or \"충칭에서 누구를 만났나\"")
    if len(question) > settings.ask_max_chars:
        raise QuestionError(f"the question has {len(question)} characters, over the limit of "
                            f"{settings.ask_max_chars} (ask_max_chars)")
    templates = load_templates(settings.data_dir)
    found = match_intent(question, templates)
    lang = found[3] if found else language_of(question)
    words = templates["labels"][lang]
    out: dict[str, Any] = {"question": question, "language": lang, "intent": None, "understood": None,
                           "home": None, "entities": [], "rows": [], "message": None, "suggestions": [],
                           "examples": examples(templates, lang)}
    index = index or LabelIndex(store)
    home = find_home(index, settings.home)
    if found is None:
        out["message"] = words["help"]
        _suggest(out, index, home, question, templates, words, lang)
        return out
    name, slots, intent, _ = found
    out["intent"] = name
    if home is None:
        out["message"] = words["no_home"]
        return out
    out["home"] = {"iri": home.iri, "label": home.label, "type": home.type}
    resolved: dict[str, Any] = {}
    for role, kind in intent["slots"].items():
        if role not in slots:
            continue
        if kind == "year":
            resolved[role] = slots[role]
            continue
        m = _resolve(index, slots[role], kind, templates)
        resolved[role] = m
        out["entities"].append({"role": role, "text": slots[role], "iri": m.iri if m else None,
                                "label": m.label if m else None, "type": m.type if m else None})
    missing = [e for e in out["entities"] if e["iri"] is None]
    if missing:
        out["message"] = fmt(words["unresolved"], text=missing[0]["text"])
        _suggest(out, index, home, question, templates, words, lang)
        return out
    names = {k: (v.label if isinstance(v, Match) else v) for k, v in resolved.items() if v}
    extras = {k: fmt(intent[k][lang], **names) if any(r in names for r in ("place", "entity")) else ""
              for k in ("in_place", "to_place") if k in intent}
    extras["in_year"] = fmt(words["year"], year=names["year"]) if "year" in names else ""
    out["understood"] = fmt(intent["understood"][lang], home=home.label, **names, **extras)
    rows = answers.INTENTS[name](answers.Ask(store, index, home, resolved, settings, lang, words))
    out["rows"] = [_row(r, intent["row"][lang], words) for r in rows]
    out["message"] = rows.message
    if not out["rows"] and not out["message"]:
        out["message"] = words["no_rows"]
    if name == "path" and not out["rows"]:
        out["message"] = fmt(words["too_long" if rows.too_long else "no_path"], source=names.get("source"),
                             target=names.get("target"), n=rows.too_long, max=settings.path_max_hops)
    return out


def _row(fields: dict, template: str, words: dict) -> dict:
    ev = fields.pop("evidence", [])
    group = fields.pop("group", None)
    shown = dict(fields)
    shown["date"] = fields.get("date") or words["no_date"]
    shown["kind"] = words["kind"].get(fields.get("kind") or "other", fields.get("kind") or "")
    shown["status"] = words["status"].get(fields.get("status") or "", fields.get("status") or "")
    posts = fields.get("posts") or []
    shown["posts"] = f" ({'; '.join(posts)})" if posts else ""
    present = fields.get("present") or []
    shown["present"] = fmt(words["present"], names=", ".join(present)) if present else ""
    how = fields.get("how")
    if isinstance(how, list):
        shown["how"] = words["how"].get("+".join(how), " · ".join(words["how"].get(h, h) for h in how))
    shown["at"] = f" @ {fields['place']}" if fields.get("place") else ""
    shown["trip"] = fmt(words["trip"], trip=fields["trip"]) if fields.get("trip") else ""
    return {"text": fmt(template, **shown), "date": fields.get("date"), "group": group, "fields": fields,
            "evidence": [_plain(e) for e in ev]}


def _suggest(out: dict, index: LabelIndex, home: Match | None, question: str, templates: dict, words: dict,
             lang: str) -> None:
    """Say which names the question holds and offer the answerable questions closest to it."""
    known = recognised(index, question)
    if known:
        out["understood"] = ", ".join(f"{m.label} ({m.type})" for m in known)
        out["entities"] = out["entities"] or [{"role": "mentioned", "text": m.matched, "iri": m.iri, "label": m.label,
                                               "type": m.type} for m in known]
    words_in = {w.casefold() for w in re.findall(r"\w+", question)}
    scored = []
    for order, intent in enumerate(templates["intents"]):
        keys = intent.get("keywords", {}).get(lang, [])
        hits = sum(1 for k in keys if k.casefold() in words_in or (lang == "ko" and k in question))
        scored.append((-hits, order, intent))
    place = next((m for m in known if m.type in PLACES), None)
    thing = known[0] if known else None
    out_q: list[str] = []
    for _, _, intent in sorted(scored, key=lambda s: s[:2]):
        template = intent.get("suggest", {}).get(lang)
        slots = set(intent.get("slots", {}))
        if not template or not thing:
            example = intent.get("examples", {}).get(lang)
            if example and (not thing or not slots):
                out_q.append(example)
            continue
        fill = {"place": (place or thing).label, "entity": thing.label, "home": home.label if home else ""}
        if "place" in slots and place is None:
            continue
        out_q.append(fmt(template, **fill))
    out["suggestions"] = list(dict.fromkeys(out_q))[:5]
    if out["intent"] is None:
        out["message"] = fmt(words["suggest"], understood=out["understood"] or words["understood_none"])


def recognised(index: LabelIndex, question: str) -> list[Match]:
    """Return the entities a question names: its words (Korean particles stripped) and word pairs
    that are a label or alias."""
    tokens = [_PARTICLES.sub("", t) if _HANGUL.search(t) else t for t in re.findall(r"[\w\-]+", question)]
    tokens = [t for t in tokens if len(t) >= 2]
    grams = [" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)] + tokens
    found: dict[str, Match] = {}
    for g in grams:
        hits = index.search(g, limit=1, fuzzy=False)
        if hits and hits[0].score >= 0.99 and hits[0].iri not in found:  # the whole name, not a part
            found[hits[0].iri] = hits[0]
    return list(found.values())[:3]


def format_answer(result: dict) -> str:
    """Render an answer as plain text for the terminal: what was understood, rows, quotes."""
    lines = [f"Q: {result['question']}"]
    if result.get("understood"):
        lines.append(f"→ {result['understood']}  [{result['intent'] or '?'}]")
    group = None
    for row in result.get("rows", []):
        if row.get("group") and row["group"] != group:
            group = row["group"]
            lines.append(f"■ {group}")
        lines.append(f"- {row['text']}")
        for ev in row.get("evidence", []):
            quote = re.sub(r"\s+", " ", ev.get("quote", ""))
            quote = quote if len(quote) <= 160 else quote[:157] + "..."
            lines.append(f"    “{quote}” — {ev.get('document_id', ev.get('document', ''))}")
    if result.get("message"):
        lines.append(result["message"])
    if result.get("suggestions"):
        lines.extend(f"  · {q}" for q in result["suggestions"])
    elif result.get("intent") is None:
        lines.extend(f"  · {q}" for q in result.get("examples", []))
    elif result.get("rows"):
        lines.append(f"({len(result['rows'])} rows)")
    return "\n".join(lines)


__all__ = ["QuestionError", "load_templates", "examples", "language_of", "match_intent", "answer",
           "format_answer", "recognised", "fmt", "PLACES"]
