"""Snapshots: read-only copies of an on-disk store that other processes open while it is written.

An on-disk Oxigraph store admits one writer process, and pyoxigraph says that
opening it read-only "while having an other process writing the database is
undefined behavior". So a process that writes a store publishes checkpoints of
it beside the store, in ``<store>.snapshots/`` (a RocksDB backup: hard links to
the immutable files, about 15 ms), whenever its generation moved on, and names
the newest in ``current.json`` with its pid. Readers open the newest one
read-only and hold a shared lease on it (an ``flock`` on ``<snapshot>.lease``)
while they read; the writer deletes only snapshots nobody holds a lease on.

An in-memory store is published by copying its quads into a fresh on-disk
store in a temporary directory, so worker processes can read it too.

>>> snapshots_dir("/data/store").name
'store.snapshots'
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
import uuid
from contextlib import suppress
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .store import OxigraphStore, Store, StoreError

POLL_S = 0.2  # how often a writer looks for new writes to publish


def snapshots_dir(store_path: str | os.PathLike) -> Path:
    """Return the directory a writer publishes the snapshots of ``store_path`` in."""
    p = Path(store_path)
    return p.with_name(p.name + ".snapshots")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


class Lease:
    """A shared lock on one snapshot: while held, no writer deletes it."""

    def __init__(self, snapshot: Path) -> None:
        self.snapshot = snapshot
        self._fh: IO | None = open(f"{snapshot}.lease", "a+b")  # noqa: SIM115 - held until release()
        fcntl.flock(self._fh, fcntl.LOCK_SH)

    @property
    def valid(self) -> bool:
        """Say whether the snapshot still exists (a writer may have deleted it before we locked)."""
        return (self.snapshot / "CURRENT").exists()

    def release(self) -> None:
        """Let the writer delete the snapshot."""
        fh, self._fh = self._fh, None
        if fh is not None:
            fh.close()


def lease_newest(store_path: str | os.PathLike) -> Lease | None:
    """Lease the newest snapshot of ``store_path`` published by a live writer, or return None
    when no live process publishes any (then nobody writes the store)."""
    directory = snapshots_dir(store_path)
    for _ in range(20):  # the writer may replace the snapshot between our reads: look again
        try:
            info = json.loads((directory / "current.json").read_text(encoding="utf-8"))
            pid, name = int(info["pid"]), str(info["snapshot"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not _pid_alive(pid):
            return None
        lease = Lease(directory / name)
        if lease.valid:
            return lease
        lease.release()
    return None


class SnapshotStore(OxigraphStore):
    """A published snapshot opened read-only; its indexes come from the store it copies."""

    def __init__(self, lease: Lease, primary: str | os.PathLike | None) -> None:
        self._lease = lease
        self.primary = Path(primary) if primary is not None else None
        try:
            super().__init__(lease.snapshot, read_only=True)
        except BaseException:
            lease.release()
            raise

    def __repr__(self) -> str:
        return f"OxigraphStore({self.primary or self.path}, snapshot {self.path.name})"

    def sidecar(self, name: str) -> str | None:
        # the writer's index files, used when they match this snapshot (else built in memory)
        return f"{self.primary}.{name}" if self.primary is not None else None

    def close(self) -> None:
        super().close()
        self._lease.release()


def open_reader(store_path: str | os.PathLike) -> Store:
    """Open ``store_path`` for reading beside any writer: the writer's newest snapshot when a live
    process publishes one, else the store itself, read-only (empty when there is none yet)."""
    lease = lease_newest(store_path)
    if lease is not None:
        return SnapshotStore(lease, store_path)
    if not (Path(store_path) / "CURRENT").exists():  # nothing ingested yet: nothing to read, nothing made
        return OxigraphStore(None)
    return OxigraphStore(store_path, read_only=True)


class Publisher:
    """Publish snapshots of a store that this process writes, for readers in other processes."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._published: tuple[int, Path] | None = None
        if store.path is not None:
            self.directory = snapshots_dir(store.path)
            self._temp = None
        else:  # an in-memory store: copies in a temporary directory, gone with this publisher
            self._temp = tempfile.mkdtemp(prefix="cityties-snapshots-")
            self.directory = Path(self._temp)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._collect(keep=None)  # leftovers of a writer that was killed

    def current(self) -> Path:
        """Return a snapshot holding every write made so far, publishing one if needed."""
        with self._lock:
            generation = self.store.generation
            if self._published is not None and self._published[0] == generation:
                return self._published[1]
            target = self.directory / f"g{generation}-{uuid.uuid4().hex[:8]}"
            self._copy(target)
            (self.directory / f"{target.name}.lease").touch()
            self._published = (generation, target)
            if self._temp is None:
                pointer = self.directory / f"current.{os.getpid()}.tmp"
                pointer.write_text(json.dumps({"snapshot": target.name, "pid": os.getpid()}), encoding="utf-8")
                os.replace(pointer, self.directory / "current.json")
            self._collect(keep=target)
            return target

    def _copy(self, target: Path) -> None:
        inner = self.store._store  # noqa: SLF001 - the publisher is the store's own helper
        try:
            if self.store.path is not None:
                inner.backup(str(target))
            else:
                copy = ox.Store(str(target))
                copy.bulk_extend(inner.quads_for_pattern(None, None, None, None))
                copy.flush()
                del copy  # closed: a reader must not open it read-only while it is open for writing
        except (OSError, RuntimeError) as e:
            shutil.rmtree(target, ignore_errors=True)
            raise StoreError(f"{self.store!r}: cannot publish a snapshot for readers ({e})") from e

    def _collect(self, keep: Path | None) -> None:
        """Delete every snapshot but ``keep`` that no reader holds a lease on."""
        for lease_file in self.directory.glob("*.lease"):
            snapshot = lease_file.with_suffix("")
            if snapshot == keep:
                continue
            with open(lease_file, "a+b") as fh:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a reader holds it
                shutil.rmtree(snapshot, ignore_errors=True)
                lease_file.unlink(missing_ok=True)
        for stray in self.directory.glob("g*"):  # a copy a crash left without its lease file
            if stray.is_dir() and not Path(f"{stray}.lease").exists() and stray != keep:
                shutil.rmtree(stray, ignore_errors=True)

    def start(self) -> "Publisher":
        """Publish from a background thread whenever the store was written; return self."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="cityties-snapshots", daemon=True)
            self._thread.start()
        return self

    def nudge(self) -> None:
        """Say the store was just written: publish now rather than at the next poll."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            with suppress(StoreError):
                if self.store._store is not None:  # noqa: SLF001 - closed stores publish nothing
                    self.current()
            self._wake.wait(POLL_S)
            self._wake.clear()

    def close(self) -> None:
        """Stop publishing and delete the snapshots no reader holds."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        with self._lock:
            if self._temp is None:
                pointer = self.directory / "current.json"
                with suppress(OSError, ValueError, KeyError):
                    if json.loads(pointer.read_text(encoding="utf-8"))["pid"] == os.getpid():
                        pointer.unlink()
            self._published = None
            self._collect(keep=None)
            if self._temp is not None:
                shutil.rmtree(self._temp, ignore_errors=True)
            else:
                with suppress(OSError):
                    self.directory.rmdir()  # only when empty


__all__ = ["Publisher", "Lease", "SnapshotStore", "lease_newest", "open_reader", "snapshots_dir"]
