"""The work pool: what listeners do after acknowledging, off the ack path."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

# Work waiting for a thread, at most. A burst beyond it (10,000 /qualify at once) makes
# the listeners wait for room rather than queue every request's closures and bodies in
# memory, which the allocator would keep after the burst is over. A listener waits at
# most MAX_WAIT_SECONDS (its own request was acknowledged already), then queues anyway:
# listener threads blocked for longer would leave new requests unacknowledged, and
# Slack gives up on those after 3 s.
MAX_WAITING = 256
MAX_WAIT_SECONDS = 1.0


class WorkPool:
    def __init__(self, threads: int, *, max_waiting: int = MAX_WAITING):
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="work")
        self._room = threading.BoundedSemaphore(threads + max_waiting)
        self._capacity = threads + max_waiting
        self._pending = 0
        self._idle = threading.Condition()
        self._warned = -1e9

    def submit(self, job: Callable[[], None]) -> None:
        """Queue ``job``; while the queue is full, waits a moment for room (back-pressure
        on the caller), never long enough to hold up the acknowledgement of new requests."""
        room = self._room.acquire(timeout=MAX_WAIT_SECONDS)
        if not room and time.monotonic() - self._warned > 60:  # once a minute at most
            self._warned = time.monotonic()
            log.warning("work queue full for %.1f s: queueing beyond its bound of %s",
                        MAX_WAIT_SECONDS, MAX_WAITING)
        with self._idle:
            self._pending += 1
        try:
            self._pool.submit(self._run, job, room)
        except BaseException:  # shut down: the job never runs
            if room:
                self._room.release()
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()
            raise

    def has_room(self) -> bool:
        """Whether a job submitted now would be queued without waiting (near enough: others
        may submit meanwhile)."""
        return self._pending < self._capacity

    def _run(self, job: Callable[[], None], room: bool) -> None:
        try:
            job()
        except Exception:  # noqa: BLE001 -- jobs report their own failures; this is a backstop
            log.exception("unhandled failure in background work")
        finally:
            if room:
                self._room.release()
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until no work is queued or running; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
