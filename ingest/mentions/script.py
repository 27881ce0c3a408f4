"""Chinese characters read two ways with offsets kept: traditional as simplified, and in Korean.

The Chinese lexicons (``data/lexicon/zh/*.json``) and the gazetteer's ``zh`` labels are
written in simplified characters. Text in traditional characters (Taiwan, Hong Kong,
Yonhap's Chinese service) is folded character by character before it is matched, so
``會見`` is found as ``会见`` and ``濰坊市`` as ``潍坊市``; because the fold never changes the
length, a span found in the folded text slices the original text at the same offsets,
and mentions and evidence keep the characters as written. The table is
``data/lexicon/zh/traditional.json`` (from OpenCC; see ``scripts/make_traditional_table.py``).

Korean places are written in Chinese with their own characters (平澤市 for 평택시), which no
Chinese gazetteer label holds; :func:`sino_korean` reads each character by its Korean
reading (``data/lexicon/zh/sino_korean.json``, from the hanja package), one syllable per
character, so the reading can be searched for the gazetteer's Korean names.

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


def name_readings(data_dir: Path | None = None) -> dict[str, str]:
    """Return the syllables Korean place names write that the table reads otherwise (김 -> 금 for 金)."""
    return dict(_data("sino_korean.json", data_dir).get("name_readings", {}))


def fold_traditional(text: str, data_dir: Path | None = None) -> str:
    """Return ``text`` with each traditional character replaced by its simplified one; same length."""
    return text.translate(_table("traditional.json", "traditional", "simplified", data_dir))


def sino_korean(text: str, data_dir: Path | None = None) -> str:
    """Return ``text`` with each Chinese character replaced by its Korean reading; same length.

    Readings are the dictionary forms (盧 -> 로); the initial-sound rule (노) is left to
    whoever compares a reading with a Korean name.

    >>> sino_korean("平澤市長、平泽市"), sino_korean("京畿道 Anyang")
    ('평택시장、평택시', '경기도 Anyang')
    """
    return text.translate(_table("sino_korean.json", "hanzi", "hangul", data_dir))
