"""The CRM webhook: a qualified lead as signed JSON, POSTed to the operator's URL.

Receivers check ``X-Qualibot-Signature``: ``v1=`` and the hex HMAC-SHA256, keyed
with the shared secret, of ``{X-Qualibot-Timestamp}.{raw body}``; they should
refuse a timestamp more than five minutes old. ``X-Qualibot-Delivery`` stays the
same across retries, so a receiver can drop a repeat.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

TIMEOUT = 10.0


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, given: str, *, now: float | None = None,
           tolerance: float = 300) -> bool:
    """What a receiver does: constant-time comparison, and no replays of old requests."""
    fresh = abs((now if now is not None else time.time()) - float(timestamp)) <= tolerance
    return fresh and hmac.compare_digest(signature(secret, timestamp, body), given)


@dataclass(frozen=True)
class Result:
    ok: bool
    retry: bool  # worth trying again later
    error: str = ""
    retry_after: float | None = None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET elsewhere: refuse it, say so."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def deliver(url: str, secret: str, *, delivery_id: str, payload: dict[str, Any]) -> Result:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "Qualibot-Webhook/1",
        "X-Qualibot-Timestamp": timestamp, "X-Qualibot-Delivery": delivery_id,
        "X-Qualibot-Signature": signature(secret, timestamp, body),
    })
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            response.read()
            return Result(ok=True, retry=False)
    except urllib.error.HTTPError as e:
        with e:
            status = e.code
            after = e.headers.get("Retry-After")
        retry = status in (408, 409, 425, 429) or status >= 500
        wait = float(after) if after and after.isdigit() else None
        error = f"http_{status}" + ("_redirect_refused" if 300 <= status < 400 else "")
        return Result(ok=False, retry=retry, error=error, retry_after=wait)
    except (OSError, TimeoutError) as e:  # refused, reset, DNS, timed out
        return Result(ok=False, retry=True, error=type(e).__name__)
