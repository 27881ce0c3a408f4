"""Template questions in Korean and English, answered from named queries without a language model.

The templates live in ``data/lexicon/ask.json`` (plus ``<data_dir>/lexicon/ask.json``):
each intent has regular expressions per language whose named groups are
entity slots. "We" is the home entity (setting ``home``, else the city of the
body that wrote most documents) and everything within it.

>>> name, slots, _, lang = match_intent("충칭에서 누구를 만났나", load_templates())
>>> name, slots, lang
('met', {'place': '충칭'}, 'ko')
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CitytiesError
from ..graph import queries
from ..graph.store import Store
from ..settings import Settings
from .index import LabelIndex, Match, find_home

PLACES = ("City", "District", "Province", "Country", "IndustrialPark")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


class QuestionError(CitytiesError, ValueError):
    """A question /ask refuses to try (too long, empty)."""


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
        m = index.resolve(candidate, types=types) or (index.resolve(candidate) if types else None)
        if m:
            return m
    return None


def _evidence(ev: Any) -> dict:
    return asdict(ev) if not isinstance(ev, dict) else ev


def _fmt(template: str, **values: Any) -> str:
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
                           "home": None, "entities": [], "rows": [], "message": None,
                           "examples": [i["examples"][lg] for lg in (lang, "en" if lang == "ko" else "ko")
                                        for i in templates["intents"]]}
    if found is None:
        out["message"] = words["help"]
        return out
    name, slots, intent, _ = found
    out["intent"] = name
    index = index or LabelIndex(store)
    home = find_home(index, settings.home)
    if home is None:
        out["message"] = words["no_home"]
        return out
    out["home"] = {"iri": home.iri, "label": home.label, "type": home.type}
    resolved: dict[str, Match | None] = {}
    for role, kind in intent["slots"].items():
        if role in slots:
            m = _resolve(index, slots[role], kind, templates)
            resolved[role] = m
            out["entities"].append({"role": role, "text": slots[role], "iri": m.iri if m else None,
                                    "label": m.label if m else None, "type": m.type if m else None})
    missing = [e for e in out["entities"] if e["iri"] is None]
    if missing:
        out["message"] = _fmt(words["unresolved"], text=missing[0]["text"])
        return out
    names = {k: v.label for k, v in resolved.items() if v}
    extras = {k: _fmt(intent[k][lang], **names) if any(r in names for r in ("place", "entity")) else ""
              for k in ("in_place", "to_place") if k in intent}
    out["understood"] = _fmt(intent["understood"][lang], home=home.label, **names, **extras)
    rows = _INTENTS[name](store, index, home, resolved, settings)
    out["rows"] = [_row(r, intent["row"][lang], words) for r in rows]
    if not out["rows"]:
        out["message"] = getattr(rows, "message", None) or words["no_rows"]
    elif getattr(rows, "message", None):
        out["message"] = rows.message
    if name == "path" and not out["rows"]:
        too_long = getattr(rows, "too_long", None)
        out["message"] = _fmt(words["too_long" if too_long else "no_path"], source=names.get("source"),
                              target=names.get("target"), n=too_long, max=settings.path_max_hops)
    return out


class Rows(list):
    """Answer rows, with an optional note for the reader."""

    message: str | None = None
    too_long: int | None = None  # set by the path intent: the length of a path over the limit


def _row(fields: dict, template: str, words: dict) -> dict:
    ev = fields.pop("evidence", [])
    shown = dict(fields)
    shown["date"] = fields.get("date") or words["no_date"]
    shown["kind"] = words["kind"].get(fields.get("kind") or "other", fields.get("kind") or "")
    shown["status"] = words["status"].get(fields.get("status") or "", fields.get("status") or "")
    posts = fields.get("posts") or []
    shown["posts"] = f" ({'; '.join(posts)})" if posts else ""
    shown["at"] = f" @ {fields['place']}" if fields.get("place") else ""
    return {"text": _fmt(template, **shown), "date": fields.get("date"), "fields": fields,
            "evidence": [_evidence(e) for e in ev]}


def _met(store, index, home, slots, settings) -> Rows:
    place = slots.get("place")
    rows = queries.meetings(store, home.iri, place.iri if place else None, limit=settings.page_size * 4)
    return Rows({"who": m.who_label, "counterpart": m.counterpart_label, "counterpart_iri": m.counterpart,
                 "counterpart_type": m.counterpart_type, "posts": list(m.posts), "date": m.date,
                 "place": m.place_label, "evidence": [m.evidence]} for m in rows)


def _agreement_row(f: queries.FactRow) -> dict:
    return {"subject": f.subject_label, "object": f.object_label, "subject_iri": f.subject,
            "object_iri": f.object, "kind": f.kind, "status": f.status, "date": f.date, "evidence": [f.evidence]}


def _agreements(store, index, home, slots, settings) -> Rows:
    other = slots["entity"]
    ours = set(queries.contained_in(store, home.iri))
    theirs = queries.agreements(store, other.iri, limit=1000)
    mine = [f for f in theirs if f.subject in ours or f.object in ours]
    rows = Rows(_agreement_row(f) for f in (mine or theirs))
    if theirs and not mine:
        rows.message = f"{other.label}: {len(theirs)} agreement(s), none with {home.label}"
    return rows


def _visits(store, index, home, slots, settings) -> Rows:
    place = slots.get("place")
    rows = queries.visits(store, home.iri, place.iri if place else None, limit=settings.page_size * 4)
    return Rows({"who": f.subject_label, "target": f.object_label, "target_iri": f.object, "date": f.date,
                 "place": f.place_label, "evidence": [f.evidence]} for f in rows)


def _path(store, index, home, slots, settings) -> Rows:
    a, b = slots["source"], slots["target"]
    steps = index.path(a.iri, b.iri)
    rows = Rows()
    if len(steps) > settings.path_max_hops:
        rows.too_long = len(steps)
        return rows
    for s, o, key, attrs, reversed_ in steps:
        start, end = (o, s) if reversed_ else (s, o)
        ev = [e for e in (_fact_evidence(store, start, key),) if e]
        rows.append({"from": index.name(start), "to": index.name(end), "from_iri": start, "to_iri": end,
                     "type": attrs.get("type"), "date": attrs.get("date"), "evidence": ev})
    return rows


def _fact_evidence(store: Store, subject: str, fact: str) -> queries.Evidence | None:
    for f in queries.facts_of(store, subject, limit=1000):
        if f.fact == fact:
            return f.evidence
    return None


def _open_proposals(store, index, home, slots, settings) -> Rows:
    facts = queries.agreements(store, home.iri, limit=1000)
    signed = [f for f in facts if f.status == "signed"]

    def settled(f: queries.FactRow) -> bool:
        # a proposal is closed once the same two parties have signed something on or after it
        pair = {f.subject, f.object}
        return any({g.subject, g.object} == pair and (g.date or "") >= (f.date or "") for g in signed)

    return Rows(_agreement_row(f) for f in facts if f.status in ("proposed", "planned") and not settled(f))


def _signed(store, index, home, slots, settings) -> Rows:
    return Rows(_agreement_row(f) for f in queries.agreements(store, home.iri, limit=1000, status="signed"))


def _who_is(store, index, home, slots, settings) -> Rows:
    e = slots["entity"]
    card = queries.entity(store, e.iri)
    if card is None:
        return Rows()
    names = "; ".join(f"{lang}: {', '.join(v)}" for lang, v in sorted(card.labels.items()))
    within = ", ".join(label for _, label in card.within)
    summary = f"{card.label} ({card.type})" + (f" — {names}" if names else "") + (f" — in {within}" if within else "")
    rows = Rows([{"text": summary, "iri": card.iri, "type": card.type, "labels": card.labels,
                  "aliases": card.aliases, "same_as": card.same_as, "evidence": []}])
    for f in card.facts[:30]:
        other = f.object_label if f.direction == "out" else f.subject_label
        detail = ", ".join(x for x in (f.title, f.kind, f.status) if x)
        rows.append({"text": f"{f.date or '-'}: {f.type} {other}" + (f" ({detail})" if detail else ""),
                     "type": f.type, "date": f.date, "other": other, "evidence": [f.evidence]})
    return rows


_INTENTS = {"met": _met, "agreements": _agreements, "visits": _visits, "path": _path,
            "open_proposals": _open_proposals, "signed": _signed, "who_is": _who_is}


def format_answer(result: dict) -> str:
    """Render an answer as plain text for the terminal: what was understood, rows, quotes."""
    lines = [f"Q: {result['question']}"]
    if result.get("understood"):
        lines.append(f"→ {result['understood']}  [{result['intent']}]")
    for row in result.get("rows", []):
        lines.append(f"- {row['text']}")
        for ev in row.get("evidence", []):
            quote = re.sub(r"\s+", " ", ev.get("quote", ""))
            quote = quote if len(quote) <= 160 else quote[:157] + "..."
            lines.append(f"    “{quote}” — {ev.get('document_id', ev.get('document', ''))}")
    if result.get("message"):
        lines.append(result["message"])
    if result.get("intent") is None:
        lines.extend(f"  · {q}" for q in result.get("examples", []))
    elif result.get("rows"):
        lines.append(f"({len(result['rows'])} rows)")
    return "\n".join(lines)
