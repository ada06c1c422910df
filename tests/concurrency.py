"""Running the same thing from several threads at the same instant."""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def together(fn: Callable[[T], R], args: Sequence[T]) -> list[R]:
    """Call ``fn(arg)`` for each arg in its own thread, all released at once; the
    results in the order of ``args``. A failure in any thread fails the caller."""
    barrier = threading.Barrier(len(args))
    results: list[R | None] = [None] * len(args)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = fn(args[i])
        except BaseException as e:  # noqa: BLE001 -- re-raised in the caller below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(args))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results  # type: ignore[return-value]
