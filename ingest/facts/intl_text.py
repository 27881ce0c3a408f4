"""Sentences and cue words of Chinese and English text: where a sentence ends, where a cue is.

>>> sentences("会见后，双方签署了备忘录。李明华表示感谢！", "zh")
[(0, 13), (13, 21)]
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..lexicon import read_lexicon_file


def load_fact_cues(language: str, data_dir: Path | None = None) -> dict:
    """Return ``lexicon/<language>/facts.json``, a data directory's file of the same name added to it."""
    return read_lexicon_file(language, "facts.json", data_dir)


_ABBREV = re.compile(r"(?:\b(?:Co|Inc|Ltd|Corp|St|Dr|Mr|Ms|Mrs|Prof|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
                     r"Nov|Dec|Gov|vs|e\.g|i\.e)|\b[A-Z]|\b[A-Z]\.[A-Z])\.$")


# "【XX网记者XX台中报导】", "XX社安养6月25日电", "本报讯": who reports from where, not the story's subject
_ZH_DATELINE = re.compile(r"\s*(?:【[^】\n]{1,40}】|[^\s，。,]{1,12}?(?:社|网|报)[^\s，。,]{0,8}?\d{1,2}月\d{1,2}日电|本报讯)\s*")
_DATELINE = re.compile(r"\s*(?:[A-Z][A-Za-z .]{1,30},\s*)?[A-Z0-9][A-Za-z0-9 ,.]{3,30}?\d{4}\s*[–—-]{1,2}\s+")


def sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Return sentence spans: ends at 。！？；, at a line break, and at . ! ? before a new sentence.

    >>> t = "Mayor Lee met Dr. Kim at Goyang Co. Ltd. today. They signed an MOU."
    >>> [t[s:e] for s, e in sentences(t, "en")]
    ['Mayor Lee met Dr. Kim at Goyang Co. Ltd. today.', 'They signed an MOU.']
    >>> t = "SEOUL, May 2, 2023 – The mayor met"
    >>> [t[s:e] for s, e in sentences(t, "en")]
    ['The mayor met']
    >>> t = "新华社北京5月2日电 市长会见了代表团。"
    >>> [t[s:e] for s, e in sentences(t, "zh")]
    ['市长会见了代表团。']
    """
    cuts = {0, len(text)}
    for m in re.finditer(r"[。！？；]+[”」』）)]*|\n", text):
        cuts.add(m.end())
    for m in re.finditer(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9\u3400-\u9fff가-힣])", text):
        if not _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            cuts.add(m.end())
    out = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        seg = text[a:b]
        dateline = _DATELINE.match(seg) or _ZH_DATELINE.match(seg)
        if dateline:  # "GOYANG, March 14, 2023 –": the place and date of the report, not its subject
            a, seg = a + dateline.end(), seg[dateline.end():]
        s = a + len(seg) - len(seg.lstrip())
        e = b - (len(seg) - len(seg.rstrip()))
        if e > s:
            out.append((s, e))
    return out


def find_words(text: str, start: int, end: int, words: Sequence[str], language: str) -> list[tuple[int, int, str]]:
    """Return non-overlapping (start, end, word) hits of ``words``, longest first, in text order."""
    hits: list[tuple[int, int, str]] = []
    for w in sorted(words, key=len, reverse=True):
        pattern = re.escape(w) if language == "zh" or not w.isascii() else r"(?<![\w-])" + re.escape(w) + r"(?![\w-])"
        flags = 0 if w.isupper() else re.IGNORECASE
        for m in re.compile(pattern, flags).finditer(text, start, end):
            if not any(s < m.end() and m.start() < e for s, e, _ in hits):
                hits.append((m.start(), m.end(), w))
    return sorted(hits)
