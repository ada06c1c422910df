"""A team's settings in the database: the ones its admins changed, and each change kept.

Like the other stores: the session first, keywords after, the caller owns the transaction.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.db import add_if_new
from bot.core.models import TeamSettingChange, TeamSettingsRow

_ROW = TeamSettingsRow.__table__


@dataclass(frozen=True)
class Stored:
    values: dict[str, Any]  # by setting name: only those changed in App Home
    secret: str | None
    version: int


@dataclass(frozen=True)
class Change:
    setting: str
    before: Any
    after: Any
    by: str
    at: datetime


_READ = select(TeamSettingsRow.values, TeamSettingsRow.crm_webhook_secret,
               TeamSettingsRow.version)


def read(session: Session, *, team_id: str) -> Stored | None:
    """The team's row in one small query; None if its admins never changed a setting."""
    row = session.execute(_READ.where(TeamSettingsRow.team_id == team_id)).first()
    return Stored(dict(row[0] or {}), row[1], row[2]) if row is not None else None


def lock(session: Session, *, team_id: str, by: str, now: datetime) -> TeamSettingsRow:
    """The team's row, made if new, locked until the transaction ends (two admins saving
    at once are written one after the other)."""
    add_if_new(session, _ROW, {"team_id": team_id, "values": {}, "crm_webhook_secret": None,
                               "version": 0, "updated_at": now, "updated_by": by})
    row = session.scalars(select(TeamSettingsRow).where(TeamSettingsRow.team_id == team_id)
                          .with_for_update().execution_options(populate_existing=True)).one()
    return row


def save(session: Session, *, row: TeamSettingsRow, values: dict[str, Any],
         secret: str | None, changes: list[tuple[str, Any, Any]], by: str,
         now: datetime) -> int:
    """Store the settings changed (``values``: every one changed so far, by name; ``secret``
    the one in effect) and one history row per change: (setting, before, after)."""
    row.values = dict(values)
    row.crm_webhook_secret = secret
    row.version = row.version + 1
    row.updated_at, row.updated_by = now, by
    session.add_all(TeamSettingChange(team_id=row.team_id, setting=name,
                                      before=json.dumps(before), after=json.dumps(after),
                                      by=by, at=now)
                    for name, before, after in changes)
    return row.version


def history(session: Session, *, team_id: str, limit: int = 10) -> list[Change]:
    """The team's latest changes, newest first."""
    rows = session.scalars(select(TeamSettingChange).where(TeamSettingChange.team_id == team_id)
                           .order_by(TeamSettingChange.id.desc()).limit(limit))
    return [Change(r.setting, json.loads(r.before), json.loads(r.after), r.by, r.at)
            for r in rows]
