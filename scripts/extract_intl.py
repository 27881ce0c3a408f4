"""Extract Chinese and English documents into extraction JSON, for score.py, before the CLI routes them.

Usage: python scripts/extract_intl.py SRC_DIR PRED_DIR
then:  python3 ../shared/eval/score.py SRC_DIR/gold PRED_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from cityties.graph.model import to_json
from cityties.ingest.gazetteer import load_gazetteer
from cityties.ingest.roles.language import detect_language
from cityties.ingest.load import load_document
from cityties.ingest.pipeline import extract_international


def main(src: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    gazetteer = load_gazetteer()
    for path in sorted(src.glob("*.txt")):
        source = load_document(path)
        x = extract_international(source, path.name, str(path), gazetteer, detect_language(source.text))
        (out / f"{path.stem}.json").write_text(json.dumps(to_json(x), ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
