"""Chinese characters read two ways with offsets kept: traditional as simplified, and in Korean.

The Chinese lexicons (``data/lexicon/zh/*.json``) and the gazetteer's ``zh`` labels are
written in simplified characters. Text in traditional characters (Taiwan, Hong Kong,
Yonhap's Chinese service) is folded character by character before it is matched, so
``會見`` is found as ``会见`` and ``濰坊市`` as ``潍坊市``; because the fold never changes the
length, a span found in the folded text slices the original text at the same offsets,
and mentions and evidence keep the characters as written. The table is
``data/lexicon/zh/traditional.json`` (from OpenCC; see ``scripts/make_traditional_table.py``).

Korean places are written in Chinese with their own characters (平澤市 for 평택시), which no
Chinese gazetteer label holds; :func:`korean_reading` reads each character by its Korean
reading (the hanja package's table, as the gazetteer reads Chinese names), one syllable
per character, so the reading can be searched for the gazetteer's Korean names.

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

from ..gazetteer import hanja_readings


@lru_cache(maxsize=8)
def _data(name: str, data_dir: Path | None) -> dict:
    path = Path(data_dir) / "lexicon" / "zh" / name if data_dir else None
    if path is not None and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return json.loads(resources.files("cityties").joinpath("data", "lexicon", "zh", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _table(name: str, source: str, target: str, data_dir: Path | None) -> dict[int, int]:
    data = _data(name, data_dir)
    return str.maketrans(data[source], data[target])


def fold_traditional(text: str, data_dir: Path | None = None) -> str:
    """Return ``text`` with each traditional character replaced by its simplified one; same length."""
    return text.translate(_table("traditional.json", "traditional", "simplified", data_dir))


def korean_reading(text: str, data_dir: Path | None = None) -> str:
    """Return ``text`` with each Chinese character replaced by its Korean reading; same length.

    Readings are the dictionary forms (盧 -> 로); the initial-sound rule (노) is left to
    whoever compares a reading with a Korean name. A simplified character reads as its
    traditional form.

    >>> korean_reading("平澤市長、平泽市"), korean_reading("京畿道 Anyang")
    ('평택시장、평택시', '경기도 Anyang')
    """
    return text.translate(_reading_table(data_dir))


@lru_cache(maxsize=4)
def _reading_table(data_dir: Path | None) -> dict[int, str]:
    readings = {c: r for c, r in hanja_readings().items() if len(c) == 1}
    fold = _data("traditional.json", data_dir)
    for trad, simp in zip(fold["traditional"], fold["simplified"]):
        if simp not in readings and trad in readings:
            readings[simp] = readings[trad]
    return str.maketrans(readings)


def name_readings(data_dir: Path | None = None) -> dict[str, str]:
    """Return the syllables Korean place names write that the table reads otherwise (김 -> 금 for 金)."""
    return dict(_data("korean_names.json", data_dir).get("name_readings", {}))
