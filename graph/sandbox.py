"""The sandbox: worker processes that run read-only queries over a store where they can be stopped.

pyoxigraph cannot cancel a running query (a thread that stops waiting leaves it
running), so anything a client can make expensive runs here: each worker is a
process that opens a snapshot of the store read-only (``graph/snapshot.py``,
fresh for every query) and is killed, and replaced by a ready spare, when its
query passes the time limit or is stopped to make room (``graph/schedule.py``
says who runs; ``graph/worker.py`` is what runs in a worker). A worker also has
a ceiling on its memory, so a query that would eat the machine dies alone.

Workers are forked from a fork server that has imported only this module, so a
replacement is ready in milliseconds and shares nothing with the service.

>>> Limits(workers=4).per_client
3
"""
from __future__ import annotations

import multiprocessing as mp
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from .schedule import Refusal, Scheduler, Ticket
from .store import OxigraphStore, Store, StoreError
from .worker import CALLS, work

SPARES = 2  # workers kept ready to take a killed worker's place at once
STARTUP_S = 60.0


@dataclass(frozen=True, slots=True)
class Limits:
    """How many workers, how long and how much memory a query may take, and the fair-share rules."""

    workers: int = 4
    timeout_s: float = 10.0
    share_s: float = 0.5
    memory_mb: int = 2048
    max_result_bytes: int = 256 * 1024 * 1024
    per_client: int = field(default=0)  # 0: one fewer than the workers (at least one)
    max_waiting: int = field(default=0)  # 0: twice the workers

    def __post_init__(self) -> None:
        if self.workers < 1 or self.timeout_s <= 0 or self.memory_mb < 256:
            raise ValueError(f"bad sandbox limits: {self!r}")
        if self.per_client <= 0:
            object.__setattr__(self, "per_client", max(1, self.workers - 1))
        if self.max_waiting <= 0:
            object.__setattr__(self, "max_waiting", 2 * self.workers)


class QueryRefused(QueryError):
    """The query did not run or was stopped to make room; ``retry_after`` says when to try again."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.code = refusal.code
        self.retry_after = refusal.retry_after


class QueryTimeout(QueryError):
    """The query ran past its time limit and its worker was killed."""

    def __init__(self, limit_s: float) -> None:
        super().__init__(f"the query ran past the time limit of {limit_s:g} s and was stopped")
        self.limit_s = limit_s
        self.retry_after = max(1, round(limit_s))


class QueryFailed(QueryError):
    """The engine refused or failed on the query (a syntax error, a result too large, out of memory)."""


@dataclass(slots=True)
class Counts:
    """What the sandbox did since it started (mutable tallies, read by /api/status and the tests)."""

    answered: int = 0
    failed: int = 0
    timed_out: int = 0
    stopped: int = 0
    refused: int = 0
    workers_killed: int = 0
    workers_died: int = 0


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=work, args=(child, memory_mb), daemon=True, name="cityties-query")
        self.proc.start()
        child.close()
        # the time limit counts from a worker that is ready, not from one still starting
        try:
            ready = self.conn.poll(STARTUP_S) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise QueryFailed(f"a query worker did not start within {STARTUP_S:g} s")

    def kill(self) -> None:
        # the pipe stays open: a thread may be waiting on it, and wakes at the end of file
        if self.proc.is_alive():
            self.proc.kill()
        threading.Thread(target=self.proc.join, daemon=True).start()  # reap without waiting here


_CTX_LOCK = threading.Lock()


def _context() -> Any:
    with _CTX_LOCK:
        ctx = mp.get_context("forkserver")
        # takes effect when the fork server first starts: it imports the main module (a script, or the
        # module run with -m, whose imports each child would repeat) and this module with pyoxigraph and
        # rdflib, so a fork is about all a worker costs
        main = getattr(getattr(sys.modules.get("__main__"), "__spec__", None), "name", None)
        ctx.set_forkserver_preload(["__main__", __name__, *([main] if main else [])])
        return ctx


class Sandbox:
    """A pool of query worker processes over one store, scheduled fairly between clients."""

    def __init__(self, store: Store, limits: Limits, location: str | None = None) -> None:
        self.store = store
        self.limits = limits
        self.location = location  # a remote store's URL (with credentials), opened by each worker
        self.counts = Counts()
        self._cond = threading.Condition()
        self._sched = Scheduler(limits.workers, limits.per_client, limits.share_s, limits.max_waiting,
                                max_wait_s=limits.timeout_s)
        self._workers: list[_Worker | None] = [None] * limits.workers
        self._spares: list[_Worker] = []
        self._ctx = None
        self._publisher = None
        self._own_publisher = False
        self._publisher_lock = threading.Lock()
        self._closed = False

    # -- life

    def start(self) -> "Sandbox":
        """Start the workers (the first query does it too); return self."""
        with self._cond:
            if self._closed:
                raise QueryFailed("the query workers are shut down")
            if self._ctx is None:
                self._ctx = _context()
                for i in range(self.limits.workers):
                    self._workers[i] = self._spawn()
                self._spares = [self._spawn() for _ in range(SPARES)]
        return self

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.limits.memory_mb)
        try:  # open the newest snapshot now, not when a query waits for it
            worker.conn.send((self._source(), "open", None))
            if worker.conn.poll(STARTUP_S):
                while worker.conn.recv()[0] == "opened":
                    pass
        except (EOFError, OSError, StoreError):
            pass  # the first query opens it, or finds the worker dead and replaces it
        return worker

    def close(self) -> None:
        """Kill every worker and release the snapshots."""
        with self._cond:
            self._closed = True
            for w in [*self._workers, *self._spares]:
                if w is not None:
                    w.kill()
            self._workers = [None] * self.limits.workers
            self._spares = []
            self._cond.notify_all()
        if self._own_publisher and self._publisher is not None:
            self._publisher.close()

    def status(self) -> dict[str, Any]:
        """Return the workers' state and the tallies."""
        with self._cond:
            running = sum(1 for t in self._sched.slots if t is not None)
            return {"workers": self.limits.workers, "running": running, "waiting": len(self._sched.waiting),
                    "timeout_s": self.limits.timeout_s, "share_s": self.limits.share_s,
                    "per_client": self.limits.per_client, **{k: getattr(self.counts, k) for k in Counts.__slots__}}

    # -- queries

    def results(self, client: str, sparql: str, fmt: str) -> tuple[bytes, str]:
        """Run a read query and serialize its answer (see ``Store.results``)."""
        return self._run(client, "results", (sparql, fmt, self.limits.max_result_bytes))

    def call(self, client: str, name: str, *args: Any, **kwargs: Any) -> Any:
        """Run the named query ``name`` (see CALLS) with the store as its first argument."""
        if name not in CALLS:
            raise QueryFailed(f"{name!r} is not a query the sandbox runs; use one of {', '.join(CALLS)}")
        return self._run(client, "call", (name, args, kwargs))

    def _run(self, client: str, kind: str, payload: tuple) -> Any:
        self.start()
        ticket = Ticket(client, time.monotonic())
        with self._cond:
            self._apply(self._sched.submit(ticket, ticket.arrived))
            while ticket.started is None and ticket.refusal is None:
                now = time.monotonic()
                wake = self._sched.next_event(now)
                self._cond.wait(timeout=None if wake is None else max(0.005, wake - now))
                if self._closed:
                    raise QueryFailed("the query workers are shut down")
                self._apply(self._sched.decide(time.monotonic()))
            if ticket.refusal is not None:
                self.counts.refused += 1
                raise QueryRefused(ticket.refusal)
            worker = self._workers[ticket.slot]
        try:
            return self._exchange(worker, ticket, kind, payload)
        finally:
            with self._cond:
                self._apply(self._sched.finish(ticket, time.monotonic()))
                self._cond.notify_all()

    def _exchange(self, worker: _Worker, ticket: Ticket, kind: str, payload: tuple) -> Any:
        """Send one job to the worker of ``ticket`` and wait for the answer, the limit or the kill."""
        source = self._source()
        done = False
        try:
            for attempt in range(3):  # a snapshot may be collected between publishing and the worker's lease
                if attempt:
                    source = self._source()
                worker.conn.send((source, kind, payload))
                status, value = self._receive(worker, ticket)
                if status == "opened":  # opening a new snapshot does not count against the limit
                    ticket.started = time.monotonic()
                    status, value = self._receive(worker, ticket)
                if status != "stale":
                    break
            done = True
        except (EOFError, OSError, BrokenPipeError):
            done = True
            with self._cond:
                if ticket.refusal is not None:  # stopped to make room: the scheduler killed it
                    self.counts.stopped += 1
                    raise QueryRefused(ticket.refusal) from None
                self.counts.workers_died += 1
                if self._workers[ticket.slot] is worker:
                    self._replace(ticket.slot)
            raise QueryFailed(f"the query worker died on this query (over its {self.limits.memory_mb} MiB "
                              "of memory?); narrow the query") from None
        finally:
            if not done:  # an exception between send and receive: the worker's pipe is out of step
                with self._cond:
                    if self._workers[ticket.slot] is worker:
                        self._replace(ticket.slot)
        if status == "ok":
            self.counts.answered += 1
            return value
        if status == "fatal":  # the worker has ended itself after this failure: start another
            with self._cond:
                if self._workers[ticket.slot] is worker:
                    self._replace(ticket.slot)
        self.counts.failed += 1
        raise QueryFailed(value if status in ("error", "fatal") else "the store changed under the query; try again")

    def _receive(self, worker: _Worker, ticket: Ticket) -> tuple[str, Any]:
        """Wait for the worker's next message until the ticket's time limit; kill it past the limit."""
        left = ticket.started + self.limits.timeout_s - time.monotonic()
        if not worker.conn.poll(max(0.0, left)):
            with self._cond:
                if ticket.refusal is None:
                    self.counts.timed_out += 1
                    self._replace(ticket.slot)
                    raise QueryTimeout(self.limits.timeout_s)
        return worker.conn.recv()

    # -- workers

    def _source(self) -> tuple[str, str]:
        """Return where a worker reads: the newest snapshot of the store, or a remote endpoint."""
        if not isinstance(self.store, OxigraphStore):
            return ("remote", self.location or getattr(self.store, "query_url", ""))
        with self._publisher_lock:
            if self._publisher is None:
                from .snapshot import Publisher  # noqa: PLC0415 - snapshot imports the store module
                own = getattr(self.store, "_publisher", None)
                self._publisher, self._own_publisher = ((own, False) if own is not None
                                                        else (Publisher(self.store), True))
            publisher = self._publisher
        return ("snapshot", str(publisher.current()))

    def _apply(self, changed: list[Ticket] | None) -> None:
        """Kill the workers of queries the scheduler stopped; wake the threads whose tickets moved."""
        for t in changed or ():
            if t.refusal is not None and t.refusal.code == "stopped" and t.slot is not None:
                self._replace(t.slot, lost=True)
        self._cond.notify_all()

    def _replace(self, slot: int, lost: bool = False) -> None:
        """Kill the worker of ``slot`` and put a spare in its place (called with the lock held)."""
        old = self._workers[slot]
        if old is not None:
            old.kill()
            self.counts.workers_killed += 1
        if not lost:
            self._sched.lost(slot)
        if self._spares:
            self._workers[slot] = self._spares.pop()
            self._apply(self._sched.ready(slot, time.monotonic()))
        else:
            self._workers[slot] = None
        threading.Thread(target=self._refill, args=(slot,), daemon=True).start()

    def _refill(self, slot: int) -> None:
        """Start a worker for an empty slot, or a spare (outside the lock: a fork takes a while)."""
        try:
            worker = self._spawn() if not self._closed else None
        except QueryFailed:  # the fork server is gone (shutting down); a later query starts afresh
            worker = None
        with self._cond:
            if worker is None or self._closed:
                if worker is not None:
                    worker.kill()
                return
            if self._workers[slot] is None:
                self._workers[slot] = worker
                self._apply(self._sched.ready(slot, time.monotonic()))
            else:
                self._spares.append(worker)


__all__ = ["Sandbox", "Limits", "Counts", "QueryRefused", "QueryTimeout", "QueryFailed", "CALLS"]
