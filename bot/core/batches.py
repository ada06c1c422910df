"""Small writes taken off the request path and stored together.

A :class:`Batches` thread hands everything put while it was busy writing to its
``write`` in one call, so on a busy floor one transaction stores many, and the
thread that put an item goes on at once. When the thread is not running (a
process being stopped, a script), ``put`` writes the item itself.
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
                 max_batch: int = 500):
        self.what = what  # for the log: "question pointers"
        self.write = write
        self.max_batch = max_batch
        self._items: deque[T] = deque()
        self._busy = 0  # items taken but not yet written
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False

    def put(self, item: T) -> None:
        with self._cond:
            if self._thread is not None and not self._stopping:
                self._items.append(item)
                self._cond.notify_all()
                return
        self._store([item])

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
        """Wait until everything put so far is written; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._items and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._items or self._stopping)
                if not self._items:
                    return  # stopping, and nothing left
                batch = [self._items.popleft()
                         for _ in range(min(len(self._items), self.max_batch))]
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
