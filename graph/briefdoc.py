"""A briefing written out: Markdown for the terminal and wikis, DOCX for the office (python-docx).

Both keep every statement's footnote numbers and end with the notes: the quote
and the document each rests on. The HTML form (with the charts) is the
``/briefing`` page and ``cityties brief --format html``.
"""
from __future__ import annotations

import io
import re

from .briefing import Briefing

TITLE_KO = "브리핑"
EMPTY = "— 없음 none"


def _refs(notes: tuple[int, ...]) -> str:
    """Return footnote marks as Markdown footnote references.

    >>> _refs((1, 3))
    '[^1][^3]'
    """
    return "".join(f"[^{n}]" for n in notes)


def _one_line(text: str) -> str:
    r"""Return ``text`` on one line, without the control characters XML (DOCX) cannot hold.

    >>> _one_line("a\tb\x01\n c")
    'a b c'
    """
    return re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)).strip()


def _names(b: Briefing) -> str:
    return " · ".join(f"{lang}: {', '.join(v)}" for lang, v in sorted(b.names.items()))


def to_markdown(b: Briefing) -> str:
    """Return the briefing as Markdown with footnotes (``[^n]``) for every statement."""
    lines = [f"# {TITLE_KO} Briefing: {b.label}", "",
             f"*{b.type}* · {_names(b)}" + (f" · 위치 in {', '.join(label for _, label in b.within)}" if b.within else ""),
             f"“우리 we” = {b.home_label}", ""]
    for s in b.sections:
        lines += [f"## {s.title_ko} — {s.title_en}", ""]
        if not s.items:
            lines += [EMPTY, ""]
            continue
        for it in s.items:
            date = f"**{it.date}** · " if it.date else ""
            lines.append(f"- {date}{_one_line(it.text)}{_refs(it.notes)}")
            if it.detail:
                lines.append(f"  - {_one_line(it.detail)}")
        lines.append("")
    if b.timeline:
        lines += ["## 연표 — Timeline", ""]
        lines += [f"- {m.start}{' – ' + m.end if m.end != m.start else ''} · {m.kind} · {_one_line(m.label)}"
                  for m in b.timeline]
        lines.append("")
    lines += ["## 출처 — Sources", ""]
    for n, ev in enumerate(b.notes, 1):
        quote = _one_line(ev.quote)
        lines.append(f"[^{n}]: “{quote}” — {ev.document_title or ev.document_id} ({ev.document_id}, {ev.start}–{ev.end})")
    return "\n".join(lines) + "\n"


def to_docx(b: Briefing) -> bytes:
    """Return the briefing as a DOCX document: headings, one paragraph per statement with its
    footnote numbers in superscript, a timeline table and the sources at the end."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.add_heading(f"{TITLE_KO} Briefing: {b.label}", level=0)
    doc.add_paragraph(f"{b.type} · {_names(b)}")
    doc.add_paragraph(f"“우리 we” = {b.home_label}")
    for s in b.sections:
        doc.add_heading(f"{s.title_ko} — {s.title_en}", level=1)
        if not s.items:
            doc.add_paragraph(EMPTY)
            continue
        for it in s.items:
            p = doc.add_paragraph(style="List Bullet")
            if it.date:
                p.add_run(f"{it.date} · ").bold = True
            p.add_run(_one_line(it.text))
            if it.notes:
                mark = p.add_run("".join(f"[{n}]" for n in it.notes))
                mark.font.superscript = True
            if it.detail:
                p.add_run(f" — {_one_line(it.detail)}").italic = True
    if b.timeline:
        doc.add_heading("연표 — Timeline", level=1)
        table = doc.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ("날짜 date", "종류 kind", "내용 what")):
            cell.text = text
        for m in b.timeline:
            row = table.add_row().cells
            row[0].text = m.start + (f" – {m.end}" if m.end != m.start else "")
            row[1].text = m.kind
            row[2].text = _one_line(m.label)
    doc.add_heading("출처 — Sources", level=1)
    for n, ev in enumerate(b.notes, 1):
        p = doc.add_paragraph()
        p.add_run(f"[{n}] ").bold = True
        p.add_run(f"“{_one_line(ev.quote)}”").font.size = Pt(9)
        p.add_run(f" — {ev.document_title or ev.document_id} ({ev.document_id})").italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


__all__ = ["to_markdown", "to_docx"]
