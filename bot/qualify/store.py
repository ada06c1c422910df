"""Leads and drafts: a lead found or created, a draft opened, pointed at a DM, closed or
expired, its call notes and source kept, and the reads the reminder and expiry jobs make.

Every function takes the session first and keywords after; callers own the transaction
(``bot.core.db.transaction``); nothing here commits. A step's row is ``steps``; a verdict
and its handoff, ``verdicts``.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_, select, text, update
from sqlalchemy.orm import Session, selectinload

from bot.core.db import add_if_new
from bot.core.models import Lead, Qualification
from flows.glossary import term_key
from flows.model import Flow, Status

_LEADS, _QUALS = Lead.__table__, Qualification.__table__
_q = _QUALS.c
_LEAD_KEY = dict(index_elements=["team_id", "name_key"])
# The index's condition as SQL text, not a bound value: once psycopg prepares the insert
# (from its sixth run on a connection), PostgreSQL cannot match a parameter to the index.
_OPEN_DRAFT_INDEX = dict(index_elements=["lead_id", "sdr_user_id"],
                         index_where=text(f"status = '{Status.DRAFT.value}'"))


# -- leads and qualifications --------------------------------------------------------
def lead_key(name: str) -> str:
    return term_key(name)[:200] or name.strip().casefold()[:200]


_FIND_LEAD = select(_LEADS.c.id, _LEADS.c.name).where(
    _LEADS.c.team_id == bindparam("team_id"), _LEADS.c.name_key == bindparam("name_key"))
_FIND_DRAFT = (select(_QUALS.c.id, _QUALS.c.flow_id)
               .where(_QUALS.c.lead_id == bindparam("lead_id"),
                      _QUALS.c.sdr_user_id == bindparam("sdr_user_id"),
                      _QUALS.c.status == Status.DRAFT.value)
               .order_by(_QUALS.c.id.desc()).limit(1))
_POINT_DM = (update(_QUALS).where(_QUALS.c.id == bindparam("qid"))
             .values(dm_channel=bindparam("channel"), updated_at=bindparam("at")))
_CLOSE_DRAFT = (update(_QUALS).where(_QUALS.c.id == bindparam("qid"))
                .values(status=Status.CANCELLED.value))


def lead_for(session: Session, *, team_id: str, name: str, now: datetime) -> tuple[int, str]:
    """The lead's id and name as first written, the lead created if it is new (or taken
    as created by a concurrent request a moment ago)."""
    key = {"team_id": team_id, "name_key": lead_key(name)}
    found = session.connection().execute(_FIND_LEAD, key).first()
    if found is None:
        new = add_if_new(session, _LEADS, dict(key, name=name[:200], created_at=now),
                         conflict=_LEAD_KEY)
        found = (new, name[:200]) if new is not None else \
            session.connection().execute(_FIND_LEAD, key).one()
    return found[0], found[1]


def open_draft(session: Session, *, lead_id: int, sdr: str) -> tuple[int, str] | None:
    """The SDR's open draft of the lead, as (id, flow id)."""
    row = session.connection().execute(_FIND_DRAFT, {"lead_id": lead_id,
                                                     "sdr_user_id": sdr}).first()
    return (row[0], row[1]) if row else None


def start_qualification(session: Session, *, lead_id: int, flow: Flow, sdr: str,
                        now: datetime, dm_channel: str | None = None) -> int:
    """A new draft's id, or that of the one a concurrent request opened a moment ago."""
    new = add_if_new(session, _QUALS, conflict=_OPEN_DRAFT_INDEX, values=dict(
        lead_id=lead_id, flow_id=flow.id, flow_version=flow.version, sdr_user_id=sdr,
        dm_channel=dm_channel, status=Status.DRAFT.value, revision=0, created_at=now,
        updated_at=now))
    if new is not None:
        return new
    existing = open_draft(session, lead_id=lead_id, sdr=sdr)
    assert existing is not None, "an open draft vanished under us"
    return existing[0]


def point_dm(session: Session, *, qualification_id: int, channel: str, now: datetime) -> None:
    """Typed replies in ``channel`` belong to this draft from now on."""
    session.connection().execute(_POINT_DM, {"qid": qualification_id, "channel": channel,
                                             "at": now})


def close_draft(session: Session, *, qualification_id: int) -> None:
    session.connection().execute(_CLOSE_DRAFT, {"qid": qualification_id})


def set_source(session: Session, *, qualification_id: int, source_url: str | None = None,
               function_execution_id: str | None = None) -> str | None:
    """Where a qualification came from: the message it was started from (its permalink),
    the Workflow Builder step waiting for its verdict. What is not given stays as it was.
    Returns the step this one replaces, if the draft already had another."""
    values: dict[str, str] = {}
    if source_url:
        values["source_url"] = source_url[:500]
    if function_execution_id:
        values["function_execution_id"] = function_execution_id[:64]
    if not values:
        return None
    before = session.connection().execute(
        select(_q.function_execution_id).where(_q.id == qualification_id)).scalar()
    session.connection().execute(update(_QUALS).where(_q.id == qualification_id)
                                 .values(**values))
    return before if function_execution_id and before not in (None, function_execution_id) \
        else None


def latest_draft_in_dm(session: Session, *, sdr: str, channel: str,
                       team_id: str | None = None) -> Qualification | None:
    """The draft a typed reply in this DM belongs to: the one of the team (``team_id``:
    an Enterprise Grid user has one id, and may have one DM, in every workspace of the org)
    asked about last."""
    team = (Lead.team_id == team_id,) if team_id is not None else ()
    return session.scalars(
        select(Qualification).join(Lead, Lead.id == Qualification.lead_id)
        .where(Qualification.sdr_user_id == sdr, Qualification.dm_channel == channel,
               Qualification.status == Status.DRAFT.value, *team)
        .order_by(Qualification.updated_at.desc(), Qualification.id.desc())
    ).first()



_KEEP_NOTES = (update(Qualification.__table__).where(_q.id == bindparam("qid"))
               .values(notes=func.coalesce(_q.notes + "\n\n", "") + bindparam("notes_")))


def keep_notes(session: Session, *, qualification_id: int, notes: str) -> None:
    """Call notes pasted into a qualification, kept for the AE (appended to earlier ones)."""
    session.connection().execute(_KEEP_NOTES, {"qid": qualification_id, "notes_": notes})


def teams_with_drafts(session: Session) -> list[str]:
    """The workspaces with an open draft (each has its own reminder and expiry times)."""
    return list(session.scalars(
        select(Lead.team_id).join(Qualification, Qualification.lead_id == Lead.id)
        .where(Qualification.status == Status.DRAFT.value).distinct()))


def _of_team(team_id: str | None) -> tuple[Any, ...]:
    return () if team_id is None else (Qualification.lead_id.in_(
        select(Lead.id).where(Lead.team_id == team_id)),)


def idle_drafts(session: Session, *, idle_since: datetime, team_id: str | None = None,
                limit: int = 200) -> list[Qualification]:
    """Drafts untouched since ``idle_since`` and not reminded since their last activity
    (of one workspace, if ``team_id``)."""
    return list(session.scalars(
        select(Qualification)
        .where(*_of_team(team_id), Qualification.status == Status.DRAFT.value,
               Qualification.updated_at <= idle_since,
               or_(Qualification.reminded_at.is_(None),
                   Qualification.reminded_at < Qualification.updated_at))
        .options(selectinload(Qualification.lead), selectinload(Qualification.answers))
        .order_by(Qualification.updated_at).limit(limit)
    ))


def mark_draft_reminded(session: Session, *, qualification_id: int, seen: datetime,
                        now: datetime) -> bool:
    """Claim the reminder of a draft idle since ``seen``: one instance wins."""
    return bool(session.execute(
        update(Qualification)
        .where(Qualification.id == qualification_id, Qualification.status == "draft",
               Qualification.updated_at == seen,
               or_(Qualification.reminded_at.is_(None),
                   Qualification.reminded_at < Qualification.updated_at))
        .values(reminded_at=now)
    ).rowcount)


def stale_drafts(session: Session, *, idle_since: datetime, team_id: str | None = None,
                 limit: int = 200) -> list[Qualification]:
    return list(session.scalars(
        select(Qualification)
        .where(*_of_team(team_id), Qualification.status == Status.DRAFT.value,
               Qualification.updated_at <= idle_since)
        .options(selectinload(Qualification.lead)).order_by(Qualification.updated_at)
        .limit(limit)
    ))


def expire_draft(session: Session, *, qualification_id: int, idle_since: datetime,
                 now: datetime) -> bool:
    """Close a draft idle since before ``idle_since``; False if another instance did, or
    it came back to life meanwhile."""
    return bool(session.execute(
        update(Qualification)
        .where(Qualification.id == qualification_id, Qualification.status == "draft",
               Qualification.updated_at <= idle_since)
        .values(status=Status.EXPIRED.value, completed_at=now)
    ).rowcount)


def lead_history(session: Session, *, team_id: str, name: str) -> Lead | None:
    """A lead with every qualification and its score, oldest first."""
    return session.scalars(
        select(Lead).where(Lead.team_id == team_id, Lead.name_key == lead_key(name))
        .options(selectinload(Lead.qualifications).selectinload(Qualification.score),
                 selectinload(Lead.qualifications).selectinload(Qualification.handoff))
    ).first()

