"""The query workers' schedule, on a fake clock: fairness between clients, fair shares, bounds."""
from __future__ import annotations

from cityties.graph.schedule import Scheduler, Ticket


def sched(slots=4, per_client=3, share_s=0.5, max_waiting=8, max_wait_s=10.0) -> Scheduler:
    return Scheduler(slots, per_client, share_s, max_waiting, max_wait_s)


def test_one_client_never_holds_every_worker():
    s = sched()
    mine = [Ticket("a", 0.0) for _ in range(4)]
    for t in mine:
        s.submit(t, 0.0)
    assert sum(t.slot is not None for t in mine) == 3
    other = Ticket("b", 0.1)
    s.submit(other, 0.1)
    assert other.slot is not None and other.started == 0.1  # the free worker, at once


def test_a_flood_from_one_client_is_refused_with_retry_after_and_the_newest_is_kept():
    s = sched()
    flood = [Ticket("a", i * 0.001) for i in range(20)]
    refused = []
    for t in flood:
        refused += s.submit(t, t.arrived) or []
    running = [t for t in flood if t.slot is not None]
    waiting = [t for t in flood if t in s.waiting]
    assert len(running) == 3 and len(waiting) == 3 and len(refused) == 14
    assert all(t.refusal.code == "too_many" and t.refusal.retry_after >= 1 for t in refused)
    assert waiting == flood[-3:]  # the newest wait; the oldest waiting were pushed out
    simple = Ticket("a", 0.1)
    s.submit(simple, 0.1)
    assert simple in s.waiting and flood[-3] not in s.waiting
    # at 0.6 s the running flood has had its share; the newest query of the client goes first
    stopped = s.decide(0.6)
    assert len(stopped) == 3 and all(t.refusal.code == "stopped" for t in stopped)
    s.ready(stopped[0].slot, 0.6)
    assert simple.slot == stopped[0].slot and simple.started == 0.6


def test_a_waiting_query_stops_only_a_busier_client_and_only_after_its_share():
    s = sched(slots=2, per_client=1)
    a, b = Ticket("a", 0.0), Ticket("b", 0.0)
    s.submit(a, 0.0)
    s.submit(b, 0.0)
    c = Ticket("c", 0.1)
    s.submit(c, 0.1)
    assert c.slot is None
    assert s.decide(0.3) == []  # nobody has had the share yet
    assert s.next_event(0.3) == 0.5
    stopped = s.decide(0.6)  # a and b hold one each, c none: the longest-running is stopped
    assert stopped == [a] and a.refusal.code == "stopped"
    s.ready(a.slot, 0.6)
    assert c.slot == a.slot
    d = Ticket("b", 0.7)  # b already runs one, as many as c: b may not stop c
    s.submit(d, 0.7)
    assert s.decide(5.0) == [] and d.slot is None


def test_nobody_waits_past_the_limit():
    s = sched(slots=1, per_client=1, share_s=100.0, max_wait_s=2.0)
    s.submit(Ticket("a", 0.0), 0.0)
    late = Ticket("b", 0.0)
    s.submit(late, 0.0)
    assert s.decide(1.9) == []
    assert s.decide(2.0) == [late] and late.refusal.code == "busy"


def test_a_finished_query_frees_its_worker_for_the_next():
    s = sched(slots=1, per_client=1, share_s=100.0)
    first, second = Ticket("a", 0.0), Ticket("b", 0.0)
    s.submit(first, 0.0)
    s.submit(second, 0.0)
    s.finish(first, 1.0)
    assert second.slot == 0 and second.started == 1.0
