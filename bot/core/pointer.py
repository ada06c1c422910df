"""Where a conversation's open message is: posted first, stored after (in batches)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Pointer:
    """Where a conversation's open message is, to be stored once it is posted."""

    qualification_id: int
    flow_id: str
    lead: str
    channel: str
    ts: str
    asked: str  # the question's id, or store.REVIEW
    preview_ts: str | None = None  # the score preview posted above a review
    # The qualification's revision and updated_at as the step that asked this left them.
    seen: tuple[int, datetime] | None = None
