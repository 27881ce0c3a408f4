"""Ingest many files into a store: load, extract, write each document's graph in one transaction.

A bad file gets one line in the report and the batch goes on; an unchanged file
(same content hash) is skipped.
"""
from __future__ import annotations

import atexit
import fnmatch
import hashlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..errors import CitytiesError
from ..graph.model import Extraction
from ..graph.rdf import extraction_to_rdf
from ..graph.store import Store
from ..graph.vocab import document_iri

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


@dataclass(frozen=True, slots=True)
class Source:
    """One file to ingest, its stable document id, and the writing body when the user names it."""

    path: Path
    document_id: str
    home: str | None = None  # a name or IRI: ``--home``, else ``<file>.meta.json``'s "home"


@dataclass(slots=True)
class Report:
    """What a batch did: counts and one line per failure."""

    documents: int = 0
    skipped: int = 0
    entities: int = 0
    facts: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.documents} documents, {self.entities} entities, {self.facts} facts, "
                f"{self.skipped} unchanged, {len(self.failures)} failures")


def discover(paths: Iterable[str | Path], suffixes: Iterable[str], home: str | None = None) -> list[Source]:
    """Expand files and folders into sources with stable ids.

    A file given directly is known by its name; a file found in folder ``D`` by
    ``D.name/<path relative to D>``, so ids do not depend on where the folder lies.
    Files matching a pattern in ``D/.citytiesignore`` are skipped. ``home`` names the
    writing body of every file; without it, a sidecar ``<file>.meta.json`` may name one
    (``{"home": "고양시의회"}``).
    """
    suffixes = {s.lower() for s in suffixes}
    out: dict[str, Source] = {}
    for p in map(Path, paths):
        if p.is_dir():
            ignored = ignore_patterns(p)
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).as_posix()
                if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(f.name, pat) for pat in ignored):
                    continue
                if f.is_file() and f.suffix.lower() in suffixes and not f.name.startswith("."):
                    doc_id = f"{p.resolve().name}/{f.relative_to(p).as_posix()}"
                    out.setdefault(doc_id, Source(f, doc_id, home or sidecar_home(f)))
        else:
            out.setdefault(p.name, Source(p, p.name, home or sidecar_home(p)))
    return list(out.values())


SIDECAR_SUFFIX = ".meta.json"


def sidecar_home(path: Path) -> str | None:
    """Return the writing body a ``<file>.meta.json`` beside ``path`` names, if any.

    A sidecar that cannot be read is an error naming it: a typo must not silently
    fall back to guessing.
    """
    meta = path.with_name(path.name + SIDECAR_SUFFIX)
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BatchError(f"{meta}: not a JSON object with a \"home\" ({e}); fix or remove it") from e
    home = data.get("home") if isinstance(data, dict) else None
    if home is not None and not isinstance(home, str):
        raise BatchError(f"{meta}: \"home\" must be a name or IRI string, not {type(home).__name__}")
    return home or None


class BatchError(CitytiesError, ValueError):
    """A batch that cannot start: the message names the file and the fix."""


def source_hash(src: Source) -> str:
    """Return the file's SHA-256, or with a given home the hash of both (a new home re-ingests it)."""
    digest = content_hash(src.path)
    if not src.home:
        return digest
    return hashlib.sha256(f"{digest}\nhome={src.home}".encode("utf-8")).hexdigest()


IGNORE_FILE = ".citytiesignore"


def ignore_patterns(folder: Path) -> list[str]:
    """Return the glob patterns of ``folder/.citytiesignore`` (files that are not documents,
    such as a README or a SOURCES list), one a line, ``#`` comments allowed."""
    path = folder / IGNORE_FILE
    if not path.is_file():
        return []
    lines = (l.split("#", 1)[0].strip() for l in path.read_text(encoding="utf-8").splitlines())
    return [l for l in lines if l]


def content_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_extraction(store: Store, x: Extraction) -> None:
    """Replace the document's named graph with this extraction, in one transaction."""
    store.replace_document(document_iri(x.document.id), extraction_to_rdf(x))


def ingest_sources(sources: list[Source], store: Store,
                   extract_file: Callable[[Path, str, str, str | None], Extraction],
                   force: bool = False) -> Iterator[tuple[Source, Report]]:
    """Ingest each source in turn, yielding after each so a caller can show progress.

    ``extract_file(path, document_id, sha256, home)`` loads and extracts one file; any
    exception it raises becomes a failure line naming the file.
    """
    report = Report()
    for src in sources:
        try:
            digest = source_hash(src)
            if not force and store.document_hash(document_iri(src.document_id)) == digest:
                report.skipped += 1
            else:
                x = extract_file(src.path, src.document_id, digest, src.home)
                write_extraction(store, x)
                report.documents += 1
                report.entities += len(x.entities)
                report.facts += len(x.facts)
        except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
            if not reason.startswith(src.path.name):
                reason = f"{src.path}: {reason}"
            report.failures.append(reason)
        yield src, report


# ---------------------------------------------------------------- parallel extraction

_WORKER: dict = {}


def _init_worker(data_dir: str | None) -> None:
    from .pipeline import load_resources
    _WORKER["resources"] = load_resources(data_dir)  # once per worker process, not per file


def _ready() -> bool:
    """Return once this worker has its resources (a no-op job that makes a new worker start)."""
    return "resources" in _WORKER


def _extract_in_worker(job: tuple[str, str, str, str | None]) -> tuple[Extraction | None, str | None]:
    from .pipeline import extract_file
    path, document_id, digest, home = job
    try:
        return extract_file(path, document_id, _WORKER["resources"], digest, home), None
    except Exception as e:  # noqa: BLE001 - reported as the file's one failure line
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        return None, reason if reason.startswith(Path(path).name) else f"{path}: {reason}"


_POOLS: dict[tuple[int, str | None], "ProcessPoolExecutor"] = {}
_POOLS_LOCK = threading.Lock()
_EXIT_HOOK: list[bool] = []  # close_worker_pools is registered to run at exit once


def worker_pool(jobs: int, data_dir: str | None = None) -> "ProcessPoolExecutor":
    """Return ``jobs`` extraction worker processes for ``data_dir``, started on first use and kept
    for later batches of this process (each worker loads Kiwi and the gazetteer once)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with _POOLS_LOCK:
        pool = _POOLS.get((jobs, data_dir))
        if pool is None or getattr(pool, "_broken", False) or getattr(pool, "_shutdown_thread", False):
            # spawn, not fork: a forked copy of a process with threads (tqdm's monitor) can deadlock
            pool = _POOLS[(jobs, data_dir)] = ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(data_dir,))
            for _ in range(jobs):  # start every worker now: they load their models while we scan
                pool.submit(_ready)
            if not _EXIT_HOOK:
                atexit.register(close_worker_pools)
                _EXIT_HOOK.append(True)
        return pool


def close_worker_pools() -> None:
    """Stop the kept extraction workers."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest_parallel(sources: list[Source], store: Store, jobs: int, data_dir: str | None = None,
                    force: bool = False) -> Iterator[tuple[Source, Report]]:
    """Like :func:`ingest_sources`, with extraction in ``jobs`` worker processes.

    The workers are kept for the next batch (:func:`worker_pool`). The largest files go
    first, so no big one is left for the end while the other workers idle; this process
    alone writes to the store, one transaction per document, each as soon as it is
    extracted (the order of writes does not matter: each document is its own graph).
    """
    from concurrent.futures import BrokenExecutor, as_completed

    pool = worker_pool(jobs, data_dir)
    report = Report()
    todo: list[tuple[Source, str, int]] = []
    for src in sources:
        try:
            digest = source_hash(src)
            size = src.path.stat().st_size
        except OSError as e:
            report.failures.append(f"{src.path}: cannot read it ({e.strerror or e})")
            yield src, report
            continue
        if not force and store.document_hash(document_iri(src.document_id)) == digest:
            report.skipped += 1
            yield src, report
        else:
            todo.append((src, digest, size))
    todo.sort(key=lambda t: -t[2])
    futures = {pool.submit(_extract_in_worker, (str(src.path), src.document_id, digest, src.home)): src
               for src, digest, _ in todo}
    for future in as_completed(futures):
        src = futures[future]
        try:
            x, failure = future.result()
        except BrokenExecutor as e:  # a worker died (out of memory, killed): that file fails, not the batch
            x, failure = None, f"{src.path}: the extraction worker stopped ({e}); try again with --jobs 1"
        if failure is not None:
            report.failures.append(failure)
        else:
            try:
                write_extraction(store, x)
                report.documents += 1
                report.entities += len(x.entities)
                report.facts += len(x.facts)
            except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
                report.failures.append(f"{src.path}: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
        yield src, report
