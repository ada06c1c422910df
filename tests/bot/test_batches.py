"""Batches: small writes stored together off the request path, none lost."""
import logging
import threading
import time

import pytest

from bot.core import batches
from bot.core.batches import Batches


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "RETRY_AFTER", (0.0, 0.0))


def test_what_is_put_while_a_batch_is_written_goes_into_the_next_one() -> None:
    gate, written = threading.Event(), []

    def write(batch: list[int]) -> None:
        gate.wait(10)
        written.append(batch)

    b = Batches("numbers", write)
    b.start()
    b.put(0)
    for i in range(1, 101):
        b.put(i)
    gate.set()
    assert b.drain(10)
    assert [x for batch in written for x in batch] == list(range(101))  # all, in order
    assert len(written) <= 3  # the first alone, the rest together (or nearly)
    b.stop()


def test_batches_are_capped() -> None:
    gate, written = threading.Event(), []
    b = Batches("numbers", lambda batch: (gate.wait(10), written.append(batch)), max_batch=10)
    b.start()
    for i in range(35):
        b.put(i)
    gate.set()
    assert b.drain(10)
    assert max(len(batch) for batch in written) <= 10 and sum(map(len, written)) == 35
    b.stop()


def test_a_failing_batch_is_retried_then_stored_item_by_item(
        caplog: pytest.LogCaptureFixture) -> None:
    stored, tries = [], []

    def write(batch: list[int]) -> None:
        tries.append(list(batch))
        if 3 in batch:
            raise RuntimeError("refused")
        stored.extend(batch)

    b = Batches("numbers", write)
    with caplog.at_level(logging.WARNING, logger="bot.core.batches"):
        b._store([1, 2, 3, 4])  # what the thread does with a batch it took
    assert stored == [1, 2, 4]  # one refused item loses nothing else
    assert tries[:3] == [[1, 2, 3, 4]] * 3  # tried, and tried again twice
    assert [r.levelname for r in caplog.records] == ["WARNING", "ERROR"]
    assert "could not store numbers: RuntimeError" in caplog.records[-1].getMessage()


def test_a_blip_is_ridden_out() -> None:
    stored, fails = [], [2]

    def write(batch: list[int]) -> None:
        if fails[0]:
            fails[0] -= 1
            raise ConnectionError("blip")
        stored.extend(batch)

    b = Batches("numbers", write)
    b.start()
    b.put(7)
    assert b.drain(10)
    assert stored == [7]
    b.stop()


def test_stopping_writes_what_waits_and_later_items_are_written_inline() -> None:
    gate, written = threading.Event(), []
    b = Batches("numbers", lambda batch: (gate.wait(10), written.extend(batch)))
    b.start()
    for i in range(5):
        b.put(i)
    stopper = threading.Thread(target=b.stop)
    stopper.start()
    gate.set()
    stopper.join(10)
    assert written == [0, 1, 2, 3, 4]
    b.put(5)  # no thread now: stored before put returns
    assert written[-1] == 5


def test_without_a_thread_put_writes_at_once() -> None:
    written = []
    b = Batches("numbers", written.extend)
    b.put(1)
    assert written == [1]


def test_with_a_delay_items_wait_and_can_be_taken_back() -> None:
    """An item waits the delay before it is written; until then it can be taken back,
    one put without waiting goes at once, and drain writes what waits at once."""
    written: list[list[int]] = []
    b = Batches("numbers", written.append, delay=0.5)
    b.start()
    t0 = time.monotonic()
    b.put(1)
    b.put(2)
    b.put(3)
    assert b.withdraw(lambda x: x == 2) == [2]
    assert b.withdraw(lambda x: x == 2) == []
    b.put(4, wait=False)  # at once, ahead of those that wait
    deadline = time.monotonic() + 5
    while sum(map(len, written)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert written[0] == [4] and written[1:] == [[1, 3]]
    assert time.monotonic() - t0 >= 0.5 * 0.75  # waited (the last quarter taken early)
    b.put(5)
    assert b.drain(10) and time.monotonic() - t0 < 5 and written[-1] == [5]
    b.stop()
