"""Slack's deliveries taken in: a retry of one (``X-Slack-Retry-Num``) is known by its key.

Every function takes the session first; the caller owns the transaction.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.core.db import add_if_new
from bot.core.models import Delivery


def first_delivery(session: Session, *, key: str, now: datetime) -> bool:
    """Record a Slack delivery; False if it was taken in before (a retry)."""
    return add_if_new(session, Delivery.__table__, {"key": key, "received_at": now}) is not None


def forget_deliveries(session: Session, *, before: datetime) -> int:
    return session.execute(delete(Delivery).where(Delivery.received_at < before)).rowcount or 0
