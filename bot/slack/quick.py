"""Listeners that only acknowledge and hand their work on, run on the request's thread.

Bolt runs each listener on a thread of its own pool while the request's thread polls
(every 10 ms) for the ``ack()``: a hop and a wait per request, for a listener that does
nothing but acknowledge and queue its work. A listener marked :func:`quick` runs on the
request's own thread instead (as with Bolt's ``process_before_response``), and its
acknowledgement is the response the moment it returns. Only while the work pool has room:
a full pool makes the queueing wait (back-pressure), and that wait must not hold the
request's thread, so the listener then runs on Bolt's pool as any other.

A quick listener must not call Slack or wait on anything after its ``ack()``: the
response waits for it. Listeners that open a modal (``views.open``) stay on Bolt's pool.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.listener import Listener
from slack_bolt.listener.thread_runner import ThreadListenerRunner

F = TypeVar("F", bound=Callable[..., Any])
_MARK = "qualibot_quick"


def quick(listener: F) -> F:
    """Mark a listener that only acknowledges and queues its work (``after_ack``)."""
    setattr(listener, _MARK, True)
    return listener


def is_quick(listener: Listener) -> bool:
    return bool(getattr(getattr(listener, "ack_function", None), _MARK, False))


class _OnRequestThread:
    """Bolt's runner as ``process_before_response`` runs it: the same handlers, read from
    the runner at each use (``app.error`` replaces its error handler)."""

    process_before_response = True

    def __init__(self, runner: ThreadListenerRunner):
        self._runner = runner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._runner, name)


class QuickRunner(ThreadListenerRunner):
    """Bolt's listener runner, which runs quick listeners on the request's thread while
    ``has_room()`` says the work pool can take their work without waiting."""

    has_room: Callable[[], bool]

    def run(self, request: BoltRequest, response: BoltResponse, listener_name: str,
            listener: Listener, starting_time: float | None = None) -> BoltResponse | None:
        if is_quick(listener) and self.has_room():
            return ThreadListenerRunner.run(_OnRequestThread(self),  # type: ignore[arg-type]
                                            request, response, listener_name, listener,
                                            starting_time)
        return super().run(request, response, listener_name, listener, starting_time)


def run_quick_listeners_inline(app: App, has_room: Callable[[], bool]) -> None:
    """Give ``app`` (before its listeners and error handler are registered) the runner
    that runs quick listeners on the request's thread."""
    runner = QuickRunner.__new__(QuickRunner)
    runner.__dict__.update(app.listener_runner.__dict__)
    runner.has_room = has_room
    app._listener_runner = runner  # noqa: SLF001 -- Bolt has no setting for its runner
