"""Write data/lexicon/zh/sino_korean.json: the Korean reading (한자음) of each Chinese character.

Usage: python scripts/make_sino_korean_table.py HANJA_TABLE_YML

HANJA_TABLE_YML is ``hanja/table.yml`` of the ``hanja`` package (WTFPL):
``pip download --no-deps hanja``, unzip. Only the CJK Unified Ideographs block is kept,
the first reading of each character (the table's own order puts the initial-sound form
first: 李 -> 이, 盧 -> 노); simplified characters without their own entry take the reading
of their traditional form (data/lexicon/zh/traditional.json, made first).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_LINE = re.compile(r'"(\\u[0-9A-Fa-f]{4})": "(\\u[0-9A-Fa-f]{4})"')


def main(table_yml: Path, out: Path) -> None:
    readings: dict[str, str] = {}
    for line in table_yml.read_text(encoding="utf-8").splitlines():
        m = _LINE.match(line)
        if m:
            han, hangul = (chr(int(g[2:], 16)) for g in m.groups())
            if "\u4e00" <= han <= "\u9fff" and "가" <= hangul <= "힣":
                readings.setdefault(han, hangul)
    fold = json.loads((out.parent / "traditional.json").read_text(encoding="utf-8"))
    for trad, simp in zip(fold["traditional"], fold["simplified"]):
        if simp not in readings and trad in readings:
            readings[simp] = readings[trad]
    chars = "".join(sorted(readings))
    doc = ("The Sino-Korean reading of each Chinese character, so a Korean place written in Chinese "
           "(平澤市, 平泽市) is read 평택시 and found in the gazetteer by its Korean name "
           "(ingest/mentions/script.py). Made by scripts/make_sino_korean_table.py from the hanja "
           "package's table (WTFPL, https://github.com/suminb/hanja); 'hanzi'[i] reads 'hangul'[i].")
    doc += (" name_readings: a syllable of Korean place names whose character the table reads "
            "otherwise (金 is 김 in 김포, 금 in the table).")
    out.write_text(json.dumps({"_doc": doc, "hanzi": chars, "hangul": "".join(readings[c] for c in chars),
                               "name_readings": {"김": "금"}},
                              ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{out}: {len(chars)} characters")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "data" / "lexicon" / "zh" / "sino_korean.json")
