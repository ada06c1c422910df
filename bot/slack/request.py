"""Slack's request bodies, read by their declared shape, never by what people typed.

Slack sends one request URL three kinds of body:

- a JSON object (``Content-Type: application/json``): Events API callbacks and the
  ``url_verification`` handshake;
- a form whose ``payload`` field holds a JSON object: interactivity (block actions,
  view submissions, shortcuts);
- a form with a ``command`` field: a slash command, its ``text`` one url-encoded field
  among the others; and the form ``ssl_check=1`` Slack sends to check the certificate.

Upstream behaviour this works around (slack-bolt 1.30,
``slack_bolt/request/internals.py``, ``parse_body``)::

    if content_type == "application/json" or body.startswith("{"):
        return json.loads(body)
    if "payload" in body:  # the *text* "payload" anywhere in the body
        params = dict(parse_qsl(body, keep_blank_values=True))
        return json.loads(params["payload"]) if "payload" in params else {}
    return dict(parse_qsl(body, keep_blank_values=True))

So ``/define payload`` (``…&text=payload&…``) or ``/qualify Payload Systems`` is taken
for an interactivity payload, has no ``payload`` field, and reaches Bolt as an empty
body that no listener matches: HTTP 404, and the person is told nothing. A form whose
``payload`` is not JSON, or a body that starts with ``{`` and is not JSON, raises out of
``BoltRequest()`` before the signature is even looked at. When ``parse_body`` decides by
the ``payload`` *field* (and refuses unreadable JSON as a request error), this module can
go and ``bot/serve/wsgi.py`` can build ``BoltRequest(body=raw, …)`` again.

Socket Mode is not affected: Bolt's Socket Mode adapter
(``slack_bolt/adapter/socket_mode/internals.py``, ``run_bolt_app``) hands Bolt the
envelope's ``payload`` as a dict, already decoded from the envelope's JSON, so
``parse_body`` never runs (``tests/bot/test_request_shapes.py`` shows it).

The signature is still checked by Bolt, on ``raw_body``: the exact text Slack signed.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import BoltRequest, BoltResponse

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

log = logging.getLogger(__name__)


class Unreadable(ValueError):
    """A body in none of Slack's shapes; the message says what is wrong with it."""


def read_body(raw: str, content_type: str | None) -> dict[str, Any]:
    """The request as Bolt's listeners expect it, decided by its shape."""
    if not raw.strip():
        return {}
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media == JSON or (media != FORM and raw.lstrip().startswith("{")):
        return _json_object(raw, "the JSON body")
    fields: dict[str, str] = {}
    for name, value in parse_qsl(raw, keep_blank_values=True):
        fields.setdefault(name, value)  # Slack never repeats a field; the first one counts
    if "payload" in fields:  # interactivity
        return _json_object(fields["payload"], "the payload field")
    # `command=…`: a slash command; `ssl_check=1`: Bolt answers it. Any other form matches
    # no listener, and Bolt answers 404 once it has checked the signature.
    return fields


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as e:
        raise Unreadable(f"{what} is not JSON ({e.msg} at character {e.pos})") from None
    if not isinstance(value, dict):
        raise Unreadable(f"{what} is JSON but not an object")
    return value


def _content_type(headers: Mapping[str, str | Sequence[str]]) -> str | None:
    for name, value in headers.items():
        if name.lower() == "content-type":
            return value if isinstance(value, str) else (value[0] if value else None)
    return None


class SlackRequest(BoltRequest):
    """A Bolt request received over HTTP, its body read by :func:`read_body`.

    ``unreadable`` says why a body was in none of Slack's shapes (it then reaches Bolt
    empty, so that Bolt still checks its signature, and :func:`refuse_unreadable`
    answers 400 to a correctly signed one)."""

    unreadable: str | None

    def __init__(self, *, raw: str, query: Any = None,
                 headers: Mapping[str, str | Sequence[str]] | None = None,
                 context: dict[str, Any] | None = None):
        try:
            body, unreadable = read_body(raw, _content_type(headers or {})), None
        except Unreadable as e:
            body, unreadable = {}, str(e)
        # A dict body is taken as it is only in Socket Mode's constructor path; the mode
        # and the raw body (what the signature covers) are then set back to HTTP's.
        super().__init__(body=body, query=query, headers=dict(headers or {}), context=context,
                         mode="socket_mode")
        self.raw_body, self.mode, self.unreadable = raw, "http", unreadable

    def to_copyable(self) -> SlackRequest:
        """What Bolt copies for a lazy listener: read the same way, not by ``parse_body``."""
        return SlackRequest(raw=self.raw_body, query=self.query, headers=self.headers,
                            context=self.context.to_copyable())


def refuse_unreadable(req: BoltRequest, resp: BoltResponse,
                      next: Callable[[], BoltResponse]) -> BoltResponse:
    """Bolt middleware (it runs after the signature check; Bolt passes its arguments by
    these names): 400 for a signed body in none of Slack's shapes, instead of an empty
    request that no listener matches."""
    unreadable = getattr(req, "unreadable", None)
    if unreadable:
        log.warning("a signed request with a body in none of Slack's shapes: %s", unreadable)
        return BoltResponse(status=400, body=json.dumps({"error": unreadable}),
                            headers={"content-type": "application/json"})
    return next()
