"""Traditional Chinese read as simplified: a one-for-one character fold that keeps every offset.

The Chinese lexicons (``data/lexicon/zh/*.json``) and the gazetteer's ``zh`` labels are
written in simplified characters. Text in traditional characters (Taiwan, Hong Kong,
Yonhap's Chinese service) is folded character by character before it is matched, so
``會見`` is found as ``会见`` and ``濰坊市`` as ``潍坊市``; because the fold never changes the
length, a span found in the folded text slices the original text at the same offsets,
and mentions and evidence keep the characters as written. The table is
``data/lexicon/zh/traditional.json`` (from OpenCC; see ``scripts/make_traditional_table.py``).

>>> fold_traditional("南韓京畿道安養市市長崔大鎬會見中國駐韓大使")
'南韩京畿道安养市市长崔大镐会见中国驻韩大使'
>>> fold_traditional("Mayor Lee 会见了 Kim") == "Mayor Lee 会见了 Kim"
True
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path


@lru_cache(maxsize=4)
def _table(data_dir: Path | None) -> dict[int, int]:
    path = Path(data_dir) / "lexicon" / "zh" / "traditional.json" if data_dir else None
    if path is not None and path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
    else:
        ref = resources.files("cityties").joinpath("data", "lexicon", "zh", "traditional.json")
        data = json.loads(ref.read_text(encoding="utf-8"))
    return str.maketrans(data["traditional"], data["simplified"])


def fold_traditional(text: str, data_dir: Path | None = None) -> str:
    """Return ``text`` with each traditional character replaced by its simplified one; same length."""
    return text.translate(_table(data_dir))
