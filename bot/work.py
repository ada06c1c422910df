"""The work pool: what listeners do after acknowledging, off the ack path."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

# Work waiting for a thread, at most. A burst beyond it (10,000 /qualify at once) makes
# the listeners wait for room rather than queue every request's closures and bodies in
# memory, which the allocator would keep after the burst is over; at a few ms a job,
# a listener waits well under a second, and what it waits for was acknowledged already.
MAX_WAITING = 256


class WorkPool:
    def __init__(self, threads: int, *, max_waiting: int = MAX_WAITING):
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="work")
        self._room = threading.BoundedSemaphore(threads + max_waiting)
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, job: Callable[[], None]) -> None:
        """Queue ``job``; waits while the queue is full (back-pressure on the caller)."""
        self._room.acquire()
        with self._idle:
            self._pending += 1
        try:
            self._pool.submit(self._run, job)
        except BaseException:  # shut down: the job never runs
            self._room.release()
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()
            raise

    def _run(self, job: Callable[[], None]) -> None:
        try:
            job()
        except Exception:  # noqa: BLE001 -- jobs report their own failures; this is a backstop
            log.exception("unhandled failure in background work")
        finally:
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
