"""The gazetteer: known places, bodies and companies, loaded once, matched by character.

Entries come from ``data/gazetteer/*.tsv`` in the package and from
``<data_dir>/gazetteer/*.tsv`` (a user's additions; the same key replaces a
packaged entry). The columns are documented in ``data/gazetteer/README.md``.

>>> g = Gazetteer([Entry("chongqing", "City", {"ko": "충칭", "zh": "重庆", "en": "Chongqing"},
...                      aliases=("충칭시",), country="CN")])
>>> [(m.start, m.end, m.keys) for m in g.find("중국 충칭시와 청두")]
[(3, 6, ('chongqing',))]
>>> g.lookup("충칭 시")[0].key
'chongqing'
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from rapidfuzz import fuzz, process

from ..graph.model import PLACE_TYPES
from ..graph.names import fold as norm
from ..graph.names import jamo
from .lexicon import PinyinTable, has_hanzi, load_lexicon, transcribe_hanzi
from .source import LoadError

_WORD = re.compile(r"[\w]", re.UNICODE)
LIST_MARKS = re.compile(r"[·ㆍ・,/&]")  # marks that join the items of a list, never inside a transcription
_CHINESE_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})


class GazetteerError(LoadError, ValueError):
    """A gazetteer file that cannot be read; the message names the file, line and fix."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry: a stable key, a type, labels per language and the rest."""

    key: str
    type: str
    labels: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    within: str | None = None
    country: str | None = None
    population: int = 0
    curated: bool = True

    def names(self) -> tuple[str, ...]:
        """Return every name: labels first, then aliases, without repeats."""
        return tuple(dict.fromkeys(n for n in (*self.labels.values(), *self.aliases) if n))


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer hit in a text: the span and the keys of every entry with that name."""

    start: int
    end: int
    keys: tuple[str, ...]


class Gazetteer:
    """Entries with a character trie for longest-match search and indexes for resolution."""

    def __init__(self, entries: Iterable[Entry], pinyin: PinyinTable | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        for e in entries:
            self.entries[e.key] = e
        self._pinyin = pinyin or load_lexicon().pinyin
        self._names: dict[str, tuple[str, ...]] = {}
        self._trie: dict = {}
        self._translit: dict[str, tuple[str, ...]] = {}
        for e in self.entries.values():
            for name in e.names():
                self._add(name, e.key)
            zh = e.labels.get("zh")
            if zh and (e.country in _CHINESE_COUNTRIES or not e.country):
                hangul = transcribe_hanzi(zh, self._pinyin)
                if not has_hanzi(hangul):
                    self._translit[norm(hangul)] = self._translit.get(norm(hangul), ()) + (e.key,)
                    derived = _drop_unit(zh, hangul, self._pinyin)
                    # a two-syllable transcription (한중, 가오) collides with Korean words
                    if not e.labels.get("ko") and e.type in PLACE_TYPES and len(derived) >= 3:
                        self._add(derived, e.key)
                if e.type in _READ_TYPES:
                    # Korean pages often read Chinese names the Sino-Korean way: 南通市 -> 남통시
                    for name in {n for n in e.names() if has_hanzi(n)}:
                        for reading in sino_korean(name, e.type):
                            self._add(reading, e.key)
        self._similar_cache: dict[tuple[str, float, int], list[tuple[str, float]]] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_names: list[str] = []
        for name, keys in self._names.items():
            if any("가" <= c <= "힣" for c in name):
                for k in keys:
                    self._fuzzy_keys.append(k)
                    self._fuzzy_names.append(jamo(name))

    def korean_names(self, key: str) -> tuple[str | None, tuple[str, ...]]:
        """Return the Korean label a Chinese place lacks (its transcription) and its Sino-Korean readings.

        A Chinese text names 宿迁 only in characters; a Korean reader asks for 쑤첸 or reads it
        숙천, so the entity carries both: the transcription as its Korean label when the entry
        has none, the readings as aliases.

        >>> g = Gazetteer([Entry("sq", "City", {"zh": "宿迁市", "en": "Suqian"}, country="CN")])
        >>> g.korean_names("sq")
        ('쑤첸', ('숙천시',))
        """
        e = self.entries.get(key)
        if e is None or e.type not in _READ_TYPES or e.country not in _CHINESE_COUNTRIES:
            return None, ()
        zh = e.labels.get("zh")
        label = None
        if zh and not e.labels.get("ko"):
            hangul = _drop_unit(zh, transcribe_hanzi(zh, self._pinyin), self._pinyin)
            label = None if has_hanzi(hangul) else hangul
        readings = (r for n in e.names() if has_hanzi(n) for r in sino_korean(n, e.type))
        # 广州 reads 광주, which is a Korean city's own name: such a reading names the other place
        return label, tuple(dict.fromkeys(r for r in readings if r != label and not any(
            x.key != key for x in self.lookup(r))))

    # ------------------------------------------------------------ indexes

    def _add(self, name: str, key: str) -> None:
        n = norm(name)
        if len(n) < 2:
            return
        if key not in self._names.get(n, ()):
            self._names[n] = self._names.get(n, ()) + (key,)
        node = self._trie
        for ch in n:
            node = node.setdefault(ch, {})
        node[""] = n

    def entry(self, key: str) -> Entry:
        """Return the entry with this key (KeyError if absent)."""
        return self.entries[key]

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Return the entries with exactly this name (after :func:`norm`).

        A name with a list mark matches only an entry whose own name has one: 성·도시 (provinces and
        cities) is not 성도시 (成都市).

        >>> g = Gazetteer([Entry("chengdu", "City", {"ko": "성도시"}, country="CN")])
        >>> [e.key for e in g.lookup("성도시")], g.lookup("성·도시")
        (['chengdu'], ())
        """
        found = tuple(self.entries[k] for k in self._names.get(norm(name), ()))
        if LIST_MARKS.search(name):
            return tuple(e for e in found if any(LIST_MARKS.search(x) for x in e.names()))
        return found

    def transliterated(self, name: str) -> tuple[Entry, ...]:
        """Return entries whose Chinese label transcribes to this Hangul name.

        >>> g = Gazetteer([Entry("guiyang", "City", {"zh": "贵阳"}, country="CN")])
        >>> [e.key for e in g.transliterated("구이양")]
        ['guiyang']
        >>> g.transliterated("구이·양")  # an interpunct joins a list (성·도시, provinces and cities)
        ()
        """
        if LIST_MARKS.search(name):
            return ()
        return tuple(self.entries[k] for k in self._translit.get(norm(name), ()))

    def similar(self, name: str, cutoff: float = 80.0, limit: int = 5) -> list[tuple[Entry, float]]:
        """Return entries whose Hangul names are close to ``name`` on decomposed jamo, best first.

        >>> g = Gazetteer([Entry("chengdu", "City", {"ko": "청두"}), Entry("seoul", "City", {"ko": "서울"})])
        >>> [(e.key, round(s)) for e, s in g.similar("청둥")]
        [('chengdu', 91)]
        """
        if LIST_MARKS.search(name):
            return [(e, s) for e, s in self.similar(LIST_MARKS.sub("", name), cutoff, limit)
                    if any(LIST_MARKS.search(x) for x in e.names())]
        key = (norm(name), cutoff, limit)
        if key not in self._similar_cache:
            hits = process.extract(jamo(key[0]), self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=cutoff,
                                   limit=limit * 3)
            best: dict[str, float] = {}
            for _, score, idx in hits:
                k = self._fuzzy_keys[idx]
                best[k] = max(best.get(k, 0.0), score)
            self._similar_cache[key] = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return [(self.entries[k], s) for k, s in self._similar_cache[key]]

    # ------------------------------------------------------------ search

    def find(self, text: str, starts: Callable[[int], bool] | None = None,
             ends: Callable[[int, int], bool] | None = None) -> Iterator[Match]:
        """Yield longest non-overlapping matches; spaces inside a name may be present or not.

        ``starts(i)`` and ``ends(start, end)`` decide where a name may begin and end; by
        default a name begins and ends at a word boundary (a Latin name strictly so).
        """
        n = len(text)
        i = 0
        while i < n:
            best = None
            if _word_start(text, i) if starts is None else starts(i):
                node, j, after_space = self._trie, i, None
                while j < n:
                    ch = unicodedata.normalize("NFKC", text[j]).casefold()
                    if ch.isspace() or not _WORD.match(ch or " "):
                        # one plain space between pieces of two or more characters: 워싱턴 DC, LG CNS
                        if ch == " " and j - i >= 2 and text[j - 2:j].strip() == text[j - 2:j] \
                                and j + 2 < n and text[j + 1:j + 3].strip() == text[j + 1:j + 3]:
                            j += 1
                            after_space = j
                            continue
                        # a mark inside a name (광둥·홍콩, Wilkes-Barre); after one syllable an
                        # interpunct lists words instead (성·도시, provinces and cities)
                        if not ch.isspace() and ch and j > i and ch in "-·.,&" and (ch != "·" or j - i >= 2):
                            j += 1
                            continue
                        break
                    nxt = node.get(ch)
                    if nxt is None:
                        break
                    node, j = nxt, j + 1
                    if after_space is not None and j - after_space < 2:
                        continue  # 충칭 시엔타오: one character after a space is no name piece
                    if "" in node and (ends(i, j) if ends else _word_end(text, i, j)):
                        best = (j, node[""])
            if best is not None:
                end, name = best
                yield Match(i, end, self._names[name])
                i = end
            else:
                i += 1


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not _WORD.match(text[i - 1])


def _word_end(text: str, start: int, end: int) -> bool:
    return end == len(text) or not _WORD.match(text[end]) or "가" <= text[end] <= "힣"


_READ_TYPES = frozenset({"City", "Province", "District"})


@lru_cache(maxsize=1)
def _hanja_table() -> tuple[dict[str, str], dict]:
    """Per-character Sino-Korean readings (the ``hanja`` package's table) and our reading rules.

    The table is read as plain lines ("\\u5357": "\\uB0A8"); without the package, no readings.
    """
    node = resources.files("cityties").joinpath("data", "lexicon", "zh", "hanja_readings.json")
    rules = json.loads(node.read_text(encoding="utf-8"))
    try:
        import hanja
    except ImportError:
        return {}, rules
    path = Path(hanja.__file__).with_name("table.yml")
    pairs = re.findall(r'"\\u([0-9A-Fa-f]{4,5})":\s*"\\u([0-9A-Fa-f]{4})"', path.read_text(encoding="utf-8"))
    return {chr(int(a, 16)): chr(int(b, 16)) for a, b in pairs}, rules


@lru_cache(maxsize=1)
def _traditional_of() -> dict[str, str]:
    """Map each simplified character to its traditional form (the first, from OpenCC's table)."""
    node = resources.files("cityties").joinpath("data", "lexicon", "zh", "traditional.json")
    fold = json.loads(node.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for trad, simp in zip(fold["traditional"], fold["simplified"]):
        out.setdefault(simp, trad)
    return out


def hanja_readings() -> dict[str, str]:
    """Return the Sino-Korean reading of each Chinese character (the hanja package's table)."""
    return dict(_hanja_table()[0])


def sino_korean(name: str, etype: str) -> list[str]:
    """Return the Sino-Korean readings of a Chinese place name, with the Korean unit written after it.

    A name with no unit takes its type's (市 for a city); the first syllable follows the
    initial-sound law (崂山区 -> 노산구).

    >>> sino_korean("南通市", "City"), sino_korean("崂山区", "District"), sino_korean("安徽", "Province")
    (['남통시'], ['노산구'], ['안휘성'])
    >>> sino_korean("台中", "City")
    ['대중시', '태중시']
    """
    table, rules = _hanja_table()
    if not table:
        return []
    stem, unit = name, None
    for zh_unit, (utype, ko_unit) in rules["units"].items():
        if name.endswith(zh_unit) and len(name) > len(zh_unit) + 1 and utype == etype:
            stem, unit = name[: -len(zh_unit)], ko_unit
            break
    unit = unit or rules["type_units"].get(etype)
    if unit is None or len(stem) > 6:
        return []
    options: list[list[str]] = []
    traditional = _traditional_of()
    for ch in stem:
        base = table.get(traditional.get(ch, ch)) or table.get(ch)  # 广 reads as 廣 (광), not as itself (엄)
        if base is None:
            return []
        options.append(list(dict.fromkeys(rules["variants"].get(ch, []) + [base])))
    out = [""]
    for i, choices in enumerate(options):
        if i == 0:
            choices = [rules["initial"].get(c, c) for c in choices]
        out = [o + c for o in out for c in choices][:4]
    return sorted(dict.fromkeys(o + unit for o in out))


def _drop_unit(zh: str, hangul: str, table: PinyinTable) -> str:
    """Drop a transcribed 市/省 ending: 贵阳市 -> 구이양, not 구이양스."""
    for unit in ("市", "省"):
        if zh.endswith(unit) and len(zh) > 2:
            return transcribe_hanzi(zh[: -len(unit)], table)
    return hangul


# ---------------------------------------------------------------- loading

_COLUMNS = ("key", "type", "ko", "zh", "en", "aliases", "wikidata", "within", "country")


def read_tsv(path: Path | str, text: str, curated: bool) -> list[Entry]:
    """Parse one gazetteer TSV (header row, columns as in the README) into entries."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in _COLUMNS[:2] if c not in (reader.fieldnames or ())]
    if missing:
        raise GazetteerError(f"{path}: header lacks {', '.join(missing)}; "
                             f"the first line must name the columns {' '.join(_COLUMNS)}")
    out = []
    for lineno, row in enumerate(reader, start=2):
        key, etype = (row.get("key") or "").strip(), (row.get("type") or "").strip()
        if not key or not etype:
            raise GazetteerError(f"{path}:{lineno}: every entry needs a key and a type")
        labels = {lang: row[lang].strip() for lang in ("ko", "zh", "en") if (row.get(lang) or "").strip()}
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        out.append(Entry(key, etype, labels, aliases, (row.get("wikidata") or "").strip() or None,
                         (row.get("within") or "").strip() or None,
                         (row.get("country") or "").strip() or None,
                         int(row.get("population") or 0), curated))
    return out


def _merge(entries: list[Entry]) -> list[Entry]:
    """Fold derived (GeoNames) entries into curated ones of the same type and English name."""
    curated: dict[tuple[str, str], int] = {}
    out: list[Entry] = []
    by_key: dict[str, int] = {}
    for e in entries:
        if e.key in by_key:  # a later file (the user's) replaces an entry by key
            out[by_key[e.key]] = e
            continue
        if e.curated:
            for name in (e.labels.get("en"), *e.aliases):
                if name and name.isascii():
                    curated.setdefault((e.type, name.casefold()), len(out))
        elif e.labels.get("en") and (e.type, e.labels["en"].casefold()) in curated:
            idx = curated[(e.type, e.labels["en"].casefold())]
            host = out[idx]
            extra = tuple(n for n in e.names() if not n.isascii() and n not in host.names())
            out[idx] = Entry(host.key, host.type, host.labels, host.aliases + extra, host.wikidata,
                             host.within, host.country, max(host.population, e.population), True)
            by_key[e.key] = idx
            continue
        by_key[e.key] = len(out)
        out.append(e)
    return out


@lru_cache(maxsize=4)
def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """Load the packaged gazetteer plus ``<data_dir>/gazetteer/*.tsv``, once per data_dir."""
    entries: list[Entry] = []
    root = resources.files("cityties").joinpath("data", "gazetteer")
    files = sorted((p for p in root.iterdir() if p.name.endswith(".tsv")),
                   key=lambda p: (p.name.startswith("geonames"), p.name))
    for p in files:
        entries += read_tsv(p.name, p.read_text(encoding="utf-8"), not p.name.startswith("geonames"))
    if data_dir is not None and (Path(data_dir) / "gazetteer").is_dir():
        for p in sorted((Path(data_dir) / "gazetteer").glob("*.tsv")):
            entries += read_tsv(p, p.read_text(encoding="utf-8"), True)
    return Gazetteer(_merge(entries))
