"""Small writes taken off the request path and stored together.

A :class:`Batches` thread hands everything put while it was busy writing to its
``write`` in one call, so on a busy floor one transaction stores many, and the
thread that put an item goes on at once. When the thread is not running (a
process being stopped, a script), ``put`` writes the item itself.

With a ``delay``, an item waits that long before it is written (or three
quarters of it, written with one that was due), and until then ``withdraw`` can
take it back: a write that something later made pointless is never made
(``drain`` and ``stop`` write what waits at once).
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from bot.core.errors import describe

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRY_AFTER = (0.1, 0.5)  # seconds before each further try of a batch that failed


class Batches(Generic[T]):
    def __init__(self, what: str, write: Callable[[list[T]], None] | None = None, *,
                 max_batch: int = 500, delay: float = 0.0):
        self.what = what  # for the log: "question pointers"
        self.write = write
        self.max_batch = max_batch
        self.delay = delay
        self._items: deque[tuple[float, T]] = deque()  # (when it is due, the item)
        self._busy = 0  # items taken but not yet written
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._flushing = 0  # drains waiting: what waits is due at once

    def put(self, item: T, *, wait: bool = True) -> None:
        """``wait=False``: written without the delay."""
        with self._cond:
            if self._thread is not None and not self._stopping:
                first = not self._items
                self._items.append((time.monotonic() + self.delay if wait else 0.0, item))
                if first or not wait or not self.delay:  # else it is woken for the first
                    self._cond.notify_all()
                return
        self._store([item])

    def withdraw(self, match: Callable[[T], bool]) -> list[T]:
        """Take back the items waiting (not yet being written) that ``match``."""
        with self._cond:
            taken = [item for _, item in self._items if match(item)]
            if taken:
                self._items = deque(entry for entry in self._items if not match(entry[1]))
                if not self._items:  # for drain: nothing is waiting now
                    self._cond.notify_all()
            return taken

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.what, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Write what is waiting, then stop; later items are written by ``put`` itself."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("%s still being stored after %.0f s; stopping without them",
                            self.what, timeout)
            self._thread = None

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until everything put so far is written (at once, delay or not); False on
        timeout."""
        with self._cond:
            self._flushing += 1
            self._cond.notify_all()
            try:
                return self._cond.wait_for(lambda: not self._items and not self._busy,
                                           timeout)
            finally:
                self._flushing -= 1

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if not self._items:
                        if self._stopping:
                            return  # nothing left
                        self._cond.wait()
                        continue
                    now = time.monotonic()
                    if self._stopping or self._flushing:
                        now = float("inf")  # everything is due
                    first = min(at for at, _ in self._items)
                    if first <= now:
                        # with the first due, what is nearly due: fewer, larger batches
                        now += self.delay / 4
                        break
                    self._cond.wait(first - now)
                batch: list[T] = []
                waiting: deque[tuple[float, T]] = deque()
                for at, item in self._items:  # in the order put
                    if at <= now and len(batch) < self.max_batch:
                        batch.append(item)
                    else:
                        waiting.append((at, item))
                self._items = waiting
                self._busy = len(batch)
            try:
                self._store(batch)
            finally:
                with self._cond:
                    self._busy = 0
                    self._cond.notify_all()

    def _store(self, batch: list[T], pauses: tuple[float, ...] | None = None) -> None:
        """Write the batch, tried again after a moment; if it still fails, each item on
        its own, so that one item the database refuses does not lose the others."""
        assert self.write is not None, "Batches.write is set before anything is put"
        for pause in (*(RETRY_AFTER if pauses is None else pauses), None):
            try:
                self.write(batch)
                return
            except Exception as e:  # noqa: BLE001 -- retried, then reported below
                error = e
            if pause is not None:
                time.sleep(pause)
        if len(batch) == 1:
            log.error("could not store %s: %s", self.what, describe(error), exc_info=error)
            return
        log.warning("could not store %s %s together (%s); storing each on its own",
                    len(batch), self.what, describe(error))
        for item in batch:
            self._store([item], pauses=())
