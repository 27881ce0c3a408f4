"""Convert the seed texts to PDF, DOCX and HTML with LibreOffice, for cross-format loader tests.

Usage: python scripts/convert_seeds.py OUTPUT_DIR [SEED.txt ...]

Without seed files it converts data/corpus/*.txt.  Needs ``soffice``
(Debian: libreoffice-writer-nogui, plus fonts-noto-cjk so Hangul reaches the
PDF as text).  Each format goes to OUTPUT_DIR/<format>/<stem>.<format>.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FORMATS = {
    "pdf": "pdf:writer_pdf_Export",
    "docx": "docx:MS Word 2007 XML",
    "html": "html:HTML (StarWriter)",
}
# Read the seeds as UTF-8 with LF line ends, whatever the machine's locale says.
TEXT_FILTER = "Text (encoded):UTF8,LF,,,"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def convert(sources: list[Path], out_dir: Path, *, timeout: float = 300) -> dict[str, list[Path]]:
    """Convert each source to every format; return {format: [output paths]}.

    Raise FileNotFoundError when soffice is missing and RuntimeError when a
    conversion produces no file.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("soffice not found; apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    results: dict[str, list[Path]] = {}
    # A private profile: a user's running LibreOffice (or a parallel test run) holds a lock on the default one.
    with tempfile.TemporaryDirectory(prefix="cityties-lo-") as profile:
        for fmt, target in FORMATS.items():
            fmt_dir = out_dir / fmt
            fmt_dir.mkdir(parents=True, exist_ok=True)
            cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   f"--infilter={TEXT_FILTER}", "--convert-to", target, "--outdir", str(fmt_dir),
                   *map(str, sources)]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            outputs = [fmt_dir / f"{src.stem}.{fmt}" for src in sources]
            missing = [p.name for p in outputs if not p.exists()]
            if missing:
                raise RuntimeError(f"soffice made no {', '.join(missing)} (exit {done.returncode}): "
                                   f"{done.stderr.strip()[-500:]}")
            results[fmt] = outputs
    return results


def main(argv: list[str]) -> int:
    """Run the conversion from the command line."""
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    sources = [Path(a) for a in argv[1:]] or sorted(CORPUS.glob("*.txt"))
    for fmt, paths in convert(sources, Path(argv[0])).items():
        print(f"{fmt}: {len(paths)} files in {paths[0].parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
