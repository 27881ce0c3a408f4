"""What runs inside a query worker process: open a snapshot read-only, answer jobs, die with the parent.

A job is ``(source, kind, payload)``: ``source`` names the snapshot (or remote endpoint) to
read, ``kind`` is ``open`` (just open it), ``results`` (a SPARQL query, serialized) or
``call`` (a named query of CALLS). Each answer is ``(status, value)``; ``opened`` comes
first when the worker had to open a new snapshot (that time does not count against the
query's limit).
"""
from __future__ import annotations

import ctypes
import importlib
import os
import resource
import signal
from pathlib import Path
from typing import Any

from ..errors import QueryError
from .store import OxigraphStore, Store, StoreError

# what a worker may run besides SPARQL: expensive named queries, by name (never an arbitrary callable)
CALLS = {
    "neighbours": ("cityties.graph.network", "neighbours"),
    "export_neighbourhood": ("cityties.graph.export", "export_neighbourhood"),
    "briefing": ("cityties.graph.briefing", "briefing"),
}


def _harden(memory_mb: int) -> None:
    """Cap this worker's data memory, lower its priority, and die with the fork server.

    The cap is on data (writable private memory: heap, anonymous maps, thread stacks), not on
    address space: a fresh worker already maps ~450 MiB of shared libraries, and every engine
    thread reserves a 64 MiB malloc arena it may never touch, so an address-space cap of a few
    hundred MiB failed thread creation in ordinary queries while the heap was nearly empty.
    """
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    os.nice(5)  # the service's own threads answer first
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the parent kills its workers at exit


def _open(source: tuple[str, str]) -> tuple[Store, Any]:
    kind, where = source
    if kind == "remote":
        from .indexes import open_store  # noqa: PLC0415
        return open_store(where), None
    from .snapshot import Lease, SnapshotStore  # noqa: PLC0415 - snapshot imports the store module, as we do
    lease = Lease(Path(where))
    if not lease.valid:
        lease.release()
        raise FileNotFoundError(where)
    parent = Path(where).parent
    if parent.name.endswith(".snapshots"):  # a writer's snapshot: read its index files when they match
        return SnapshotStore(lease, parent.with_name(parent.name[:-len(".snapshots")])), None
    return OxigraphStore(where, read_only=True), lease


def work(conn: Any, memory_mb: int) -> None:
    """Answer jobs from the parent until it goes away: (source, kind, payload) -> (status, value)."""
    _harden(memory_mb)
    conn.send("ready")
    opened: tuple[tuple[str, str], Store, Any] | None = None
    while True:
        try:
            source, kind, payload = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if opened is None or opened[0] != source:
                if opened is not None:
                    opened[1].close()
                    if opened[2] is not None:
                        opened[2].release()
                    opened = None
                try:
                    store, lease = _open(source)
                except FileNotFoundError:
                    conn.send(("stale", None))
                    continue
                opened = (source, store, lease)
                conn.send(("opened", None))
            store = opened[1]
            if kind == "open":
                value: Any = None
            elif kind == "results":
                sparql, fmt, cap = payload
                body, media = store.results(sparql, fmt)
                if len(body) > cap:
                    raise QueryError(f"the answer is {len(body):,} bytes, over the {cap:,}-byte limit; "
                                      "add a LIMIT or select fewer columns")
                value = (body, media)
            else:
                name, args, kwargs = payload
                module, attr = CALLS[name]
                value = getattr(importlib.import_module(module), attr)(store, *args, **kwargs)
            conn.send(("ok", value))
        except (StoreError, QueryError) as e:
            conn.send(("error", str(e)))
        except MemoryError:
            # the engine's other threads may be failing their allocations too: end this worker, the
            # parent starts a fresh one ("fatal"), so the next query never meets a broken process
            conn.send(("fatal", f"the query needed more than the {memory_mb} MiB a query worker may use"))
            return
        except BaseException as e:  # noqa: BLE001 - includes a Rust panic, which is no Exception
            conn.send(("fatal", f"the query engine failed on this query ({type(e).__name__}: {e})"))
            return


__all__ = ["CALLS", "work"]
