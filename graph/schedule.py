"""The schedule of the query workers: who runs, who waits, who is stopped to make room. No processes here.

Rules, in order:

- A client (an address) runs at most ``per_client`` queries at once, so one client
  cannot hold every worker: its next query waits even when a worker is idle.
- Every query is guaranteed ``share_s`` seconds of a worker. Past that it runs on,
  up to its time limit, only while nobody waits: a waiting query stops the running
  one of the client that holds the most workers (the longest-running first), if
  that client holds more than the waiting query's own client or is that client.
- Waiting queries are served newest first, from the clients holding the fewest
  workers (under overload the newest request is the one whose client still waits).
- At most ``max_waiting`` queries wait, and at most ``per_client`` of one client: a
  newer query pushes out the oldest waiting query of the client with the most queries.
  Nobody waits longer than ``max_wait_s``.

>>> s = Scheduler(slots=2, per_client=1, share_s=1.0, max_waiting=4, max_wait_s=10.0)
>>> a, b = Ticket("10.0.0.1", 0.0), Ticket("10.0.0.1", 0.0)
>>> s.submit(a, 0.0), s.submit(b, 0.0)
(None, None)
>>> (a.slot, b.slot)        # one client, one worker; the other stays free for others
(0, None)
>>> c = Ticket("10.0.0.2", 0.1); s.submit(c, 0.1); c.slot
1
>>> s.decide(1.5)           # b has waited; a has had its share and is its own client's: stop it
[Ticket(client='10.0.0.1', arrived=0.0, slot=0, started=0.0, refusal=Refusal(code='stopped', ...))]
>>> _ = s.ready(0, 1.5); b.slot
0
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a query was not answered, and in how many seconds to try again."""

    code: str  # busy | too_many | stopped
    message: str
    retry_after: int


@dataclass(slots=True)
class Ticket:
    """One query's place in the schedule (mutable: it moves from waiting to running to done)."""

    client: str
    arrived: float
    slot: int | None = None
    started: float | None = None
    refusal: Refusal | None = field(default=None, repr=True)
    promised: int | None = field(default=None, repr=False)  # a slot being freed for it


class Scheduler:
    """Assign worker slots to tickets by the rules in the module docstring (not thread-safe)."""

    def __init__(self, slots: int, per_client: int, share_s: float, max_waiting: int, max_wait_s: float) -> None:
        self.slots: list[Ticket | None] = [None] * slots
        self.down: set[int] = set()  # slots whose worker is being replaced
        self.per_client = max(1, per_client)
        self.share_s = share_s
        self.max_waiting = max(0, max_waiting)
        self.max_wait_s = max_wait_s
        self.waiting: list[Ticket] = []

    # -- events

    def submit(self, ticket: Ticket, now: float) -> list[Ticket] | None:
        """Add a new query; return the tickets this stopped or refused (None when none)."""
        self.waiting.append(ticket)
        changed = self._trim(now) + self.decide(now)
        return changed or None

    def finish(self, ticket: Ticket, now: float) -> list[Ticket]:
        """A running query ended (answered or failed); free its slot and schedule again."""
        if ticket.slot is not None and self.slots[ticket.slot] is ticket:
            self.slots[ticket.slot] = None
        if ticket in self.waiting:
            self.waiting.remove(ticket)
        return self.decide(now)

    def lost(self, slot: int) -> None:
        """The worker of ``slot`` was killed; its slot is down until :meth:`ready`."""
        self.slots[slot] = None
        self.down.add(slot)

    def ready(self, slot: int, now: float) -> list[Ticket]:
        """A fresh worker took ``slot``; schedule again."""
        self.down.discard(slot)
        return self.decide(now)

    # -- the rules

    def running(self) -> Counter:
        """Count the workers each client holds: its running queries and those a worker is being freed for."""
        return Counter([t.client for t in self.slots if t is not None]
                       + [t.client for t in self.waiting if t.promised is not None])

    def decide(self, now: float) -> list[Ticket]:
        """Start, stop and refuse what the rules say at ``now``; return the tickets stopped or refused."""
        changed: list[Ticket] = []
        for t in [t for t in self.waiting if now - t.arrived >= self.max_wait_s]:
            changed.append(self._refuse(t, "busy", f"waited {self.max_wait_s:g} s for a free query worker", now))
        while True:
            running = self.running()
            order = sorted((t for t in self.waiting if t.promised is None),
                           key=lambda t: (running[t.client], -t.arrived))
            promised = [t for t in self.waiting if t.promised is not None and t.promised not in self.down]
            for t in promised:  # a slot freed for a ticket goes to it
                if self.slots[t.promised] is None:
                    self._start(t, t.promised, now)
                    break
            else:
                for t in order:
                    idle = next((i for i, s in enumerate(self.slots) if s is None and i not in self.down), None)
                    if idle is not None and running[t.client] < self.per_client:
                        self._start(t, idle, now)
                        break
                    victim = self._victim(t, running, now)
                    if victim is not None:
                        t.promised = victim.slot
                        victim.refusal = Refusal(
                            "stopped", f"stopped after {now - victim.started:.1f} s to make room for other queries "
                                       f"(a query may run longer while the service is not busy)",
                            self._retry(now))
                        self.lost(victim.slot)
                        changed.append(victim)
                        break
                else:
                    return changed

    def _victim(self, t: Ticket, running: Counter, now: float) -> Ticket | None:
        """Return the running query ``t`` may stop, or None."""
        mine = running[t.client]
        best = None
        for r in self.slots:
            if r is None or now - r.started < self.share_s:
                continue
            if r.client != t.client and running[r.client] <= mine:
                continue
            if t.client == r.client or mine < self.per_client:
                key = (running[r.client], now - r.started)
                if best is None or key > best[0]:
                    best = (key, r)
        return None if best is None else best[1]

    def _trim(self, now: float) -> list[Ticket]:
        """Push out waiting queries past the per-client and total bounds (oldest of the busiest first)."""
        changed = []
        while True:
            load = self.running() + Counter(t.client for t in self.waiting)
            per = Counter(t.client for t in self.waiting if t.promised is None)
            over = [c for c, n in per.items() if n > self.per_client]
            if not over and len(self.waiting) <= self.max_waiting:
                return changed
            pool = [t for t in self.waiting if t.promised is None and (not over or t.client in over)]
            if not pool:
                return changed
            busiest = max(load[t.client] for t in pool)
            oldest = min((t for t in pool if load[t.client] == busiest), key=lambda t: t.arrived)
            n = load[oldest.client]
            code = "too_many" if n > self.per_client else "busy"
            why = (f"this client has {n} queries running or waiting, over the {self.per_client} it may run at once"
                   if code == "too_many" else f"{len(self.waiting)} queries were waiting for a query worker")
            changed.append(self._refuse(oldest, code, why, now))

    def _start(self, t: Ticket, slot: int, now: float) -> None:
        self.waiting.remove(t)
        t.slot, t.started, t.promised = slot, now, None
        self.slots[slot] = t

    def _refuse(self, t: Ticket, code: str, message: str, now: float) -> Ticket:
        self.waiting.remove(t)
        t.refusal = Refusal(code, message, self._retry(now))
        return t

    def _retry(self, now: float) -> int:
        """Seconds until a worker is sure to be free for a newcomer: the soonest end of a running
        query's guaranteed share (at least 1)."""
        soon = [max(0.0, t.started + self.share_s - now) for t in self.slots if t is not None]
        return max(1, math.ceil(min(soon, default=self.share_s)))

    def next_event(self, now: float) -> float | None:
        """Return when :meth:`decide` may next change something without any new event, or None."""
        if not self.waiting:
            return None
        times = [t.arrived + self.max_wait_s for t in self.waiting]
        times += [t.started + self.share_s for t in self.slots if t is not None and t.started + self.share_s > now]
        return min(times)


__all__ = ["Scheduler", "Ticket", "Refusal"]
