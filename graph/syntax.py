"""Readable SPARQL syntax errors: the engine's parse error as a sentence with the line and column.

The parser reports what it expected as a list of tokens and character classes
(``['A' ..= 'Z' | 'a' ..= 'z' | '\\u{00C0}'..=...]``); people need the place and a
word or two of what may come there.

>>> syntax_message("error at 1:25: expected one of LATERAL, SERVICE, [_]", "SELECT * WHERE { ?s ?p }")
'SPARQL syntax error at line 1, column 25, after “SELECT * WHERE { ?s ?p }”: expected LATERAL or SERVICE there'
>>> syntax_message("error at 1:30: expected IRI parsing failed", "SELECT * WHERE { ?s <bad iri> ?o }")
'SPARQL syntax error at line 1, column 30, after “SELECT * WHERE { ?s <bad iri>”: the IRI is not valid'
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

import pyoxigraph as ox

_AT = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
_CLASS = re.compile(r"\[[^\[\]]*\]")
_PHRASES = {  # what the parser says in words, said our way
    "IRI parsing failed": "the IRI is not valid",
    "The SELECT contains a variable that is unbound": "the SELECT names a variable the query does not bind "
                                                      "(with GROUP BY, select only grouped variables or aggregates)",
}
_SHOWN = 8  # expected tokens named at most
_CONTEXT = 40  # characters of the query shown before the error


def syntax_message(error: str, query: str, prefixes: Iterable[str] = ()) -> str:
    """Return a one-sentence syntax error naming the line and column, the text before it and
    what may come there (and a prefix used without being declared, beside ``prefixes``).

    >>> syntax_message("error at 1:26: expected OPTIONAL", "SELECT * WHERE { ?s ex:p ?o }", ["skos"])
    'SPARQL syntax error at line 1, column 26, after “SELECT * WHERE { ?s ex:p”: expected OPTIONAL there; the prefix ex: is not declared (add PREFIX ex: <...>)'
    """
    m = _AT.match(error.strip())
    if m is None:
        return f"SPARQL syntax error: {' '.join(error.split())}"
    undeclared = _undeclared(query, set(prefixes))
    line, column, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = query.split("\n")
    before = lines[line - 1][:max(0, column - 1)] if 0 < line <= len(lines) else ""
    before = " ".join(before.split())
    if len(before) > _CONTEXT:
        before = "…" + before[-_CONTEXT:]
    where = f"SPARQL syntax error at line {line}, column {column}" + (f", after “{before}”" if before else "")
    hint = f"; the prefix {undeclared}: is not declared (add PREFIX {undeclared}: <...>)" if undeclared else ""
    return f"{where}: {_expected(rest)}{hint}"


_STRIP = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_PNAME = re.compile(r"(?<![\w?$:])([A-Za-z][\w\-.]*)?:(?=[\w%])")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w\-.]*)?:", re.IGNORECASE)


def _undeclared(query: str, known: set[str]) -> str | None:
    """Return the first prefix the query uses without declaring it, or None."""
    text = _STRIP.sub(" ", query)
    declared = known | {p or "" for p in _DECLARED.findall(text)}
    for used in _PNAME.findall(text):
        if used not in declared:
            return used
    return None


def syntax_problem(query: str, prefixes: Mapping[str, str] | None = None) -> str | None:
    """Parse ``query`` (against an empty store: nothing is read) and return its syntax error as
    :func:`syntax_message` words it, or None when it parses.

    >>> syntax_problem("ASK { ?s ?p ?o }") is None
    True
    """
    try:
        ox.Store().query(query, prefixes=dict(prefixes or {}))
    except SyntaxError as e:
        return syntax_message(str(e), query, prefixes or ())
    return None


def _expected(rest: str) -> str:
    """Say what the parser expected, in words."""
    text = rest.removeprefix("expected").strip().removeprefix("one of").strip()
    for phrase, said in _PHRASES.items():
        if phrase in text:
            return said
    while _CLASS.search(text):
        text = _CLASS.sub("", text)
    items = [t.strip() for t in text.split(", ") if t.strip() and t.strip() not in (",",)]
    items = [f"‘{t[1:-1]}’" if t.startswith('"') and t.endswith('"') and len(t) > 2 else t for t in items]
    if not items:
        return "a name, a variable or a term is missing or misspelt there"
    named = items[:_SHOWN]
    said = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]
    return f"expected {said}{' …' if len(items) > _SHOWN else ''} there"


__all__ = ["syntax_message", "syntax_problem"]
