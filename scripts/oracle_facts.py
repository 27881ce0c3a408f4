"""DEV ONLY: score extract_facts with "oracle" entities built from the gold files.

Never imported by package code or tests. Usage:

    .venv/bin/python scripts/oracle_facts.py [OUT_DIR] [--json] [--pipeline]

Without --pipeline it builds entities from gold names (longest match first) and
runs home/date/facts on them, isolating fact errors from entity errors. With
--pipeline it runs ingest.pipeline.extract end to end.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from cityties.graph.model import Document, Entity, Extraction, Mention, to_json
from cityties.ingest.source import Block, Cell, Row, SourceText

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared beside the checkout
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


def fallback_source(text: str) -> SourceText:
    """Build a SourceText with TSV table blocks, the way the .txt loader will."""
    blocks: list[Block] = []
    rows: list[Row] = []
    pos = 0

    def flush() -> None:
        if rows:
            blocks.append(Block("table", rows[0].start, rows[-1].end, tuple(rows)))
            rows.clear()

    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        if "\t" in line:
            cells, c = [], s
            for part in line.split("\t"):
                cells.append(Cell(c, c + len(part)))
                c += len(part) + 1
            rows.append(Row(s, e, tuple(cells)))
        else:
            flush()
            if line.strip():
                kind = "heading" if line.lstrip().startswith("#") else "paragraph"
                blocks.append(Block(kind, s, e))
        pos = e + 1
    flush()
    return SourceText(text=text, blocks=tuple(blocks))


def load(path: Path) -> SourceText:
    try:
        from cityties.ingest.load import load_document  # type: ignore
        return load_document(path)
    except Exception as exc:  # the loader may not have landed yet
        print(f"(fallback loader: {exc.__class__.__name__})", file=sys.stderr)
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        return fallback_source(text)


def oracle_entities(text: str, gold: dict) -> list[Entity]:
    cands = []
    for g in gold["entities"]:
        for name in g["names"]:
            name = unicodedata.normalize("NFC", name)
            if not name:
                continue
            for m in re.finditer(re.escape(name), text):
                cands.append((m.start(), m.end(), g["key"]))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = [False] * len(text)
    mentions: dict[str, list[Mention]] = {}
    for s, e, key in cands:
        if any(taken[s:e]):
            continue
        for i in range(s, e):
            taken[i] = True
        mentions.setdefault(key, []).append(Mention(s, e, text[s:e]))
    out = []
    for g in gold["entities"]:
        ms = tuple(sorted(mentions.get(g["key"], []), key=lambda m: m.start))
        out.append(Entity(id=g["key"], type=g["type"], labels={"en": g["names"][-1]},
                          aliases=tuple(g["names"]), mentions=ms, within=g.get("within")))
    return out


def run_oracle(out: Path) -> None:
    from cityties.ingest.roles.dates import document_date
    from cityties.ingest.facts import extract_facts, load_lexicon
    from cityties.ingest.roles.home import infer_home
    lexicon = load_lexicon()
    for seed in sorted(SEEDS.glob("*.txt")):
        gold = json.loads((GOLD / (seed.stem + ".json")).read_text(encoding="utf-8"))
        source = load(seed)
        entities = oracle_entities(source.text, gold)
        home = infer_home(source, entities)
        doc_date = document_date(source)
        facts = extract_facts(source, entities, home, doc_date, lexicon)
        print(f"{seed.stem}: home={home} (gold {gold['home']}) date={doc_date} facts={len(facts)}",
              file=sys.stderr)
        x = Extraction(Document(id=seed.name, source=str(seed), home=home, text=source.text),
                       tuple(entities), facts)
        (out / (seed.stem + ".json")).write_text(json.dumps(to_json(x), ensure_ascii=False, indent=1),
                                                 encoding="utf-8")


def run_pipeline(out: Path) -> None:
    from cityties.ingest.pipeline import extract, load_resources  # type: ignore
    resources = load_resources()
    for seed in sorted(SEEDS.glob("*.txt")):
        source = load(seed)
        x = extract(source, seed.name, str(seed), resources)
        (out / (seed.stem + ".json")).write_text(json.dumps(to_json(x), ensure_ascii=False, indent=1),
                                                 encoding="utf-8")


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="oracle_"))
    out.mkdir(parents=True, exist_ok=True)
    (run_pipeline if "--pipeline" in argv else run_oracle)(out)
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(GOLD), str(out)]
    if "--json" in argv:
        cmd.append("--json")
    print(" ".join(cmd))
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
