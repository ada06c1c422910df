"""The glossary's rows: a term row read as the domain's ``Term`` and written from one,
a term as the change history stores it, the live rows of a team, and the lock that keeps
one glossary change at a time.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.core.models import TermRow
from flows.glossary import Term, term_key

_PG_GLOSSARY_LOCK = 7_264_812  # one glossary change at a time, across instances


def snapshot(t: Term) -> dict[str, Any]:
    """A term as a ``TermChange`` stores it, before and after."""
    return {"term": t.term, "definition": t.definition, "aliases": list(t.aliases),
            "see_also": list(t.see_also)}


def as_term(row: TermRow) -> Term:
    return Term(term=row.term, definition=row.definition, aliases=tuple(row.aliases),
                see_also=tuple(row.see_also))


def new_row(t: Term, *, by: str, now: datetime, team: str) -> TermRow:
    return TermRow(team_id=team, key=term_key(t.term), term=t.term, definition=t.definition,
                   aliases=list(t.aliases), see_also=list(t.see_also), removed=False,
                   updated_by=by, updated_at=now)


def live_rows(session: Session, *, team: str) -> list[TermRow]:
    """The team's terms not removed, by key."""
    return list(session.scalars(select(TermRow).where(TermRow.team_id == team,
                                                      TermRow.removed.is_(False))
                                .order_by(TermRow.key)))


def lock_glossary(session: Session) -> None:
    """Changes of the glossary wait for each other, across instances, until the caller's
    transaction ends (SQLite: its BEGIN IMMEDIATE does so already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_GLOSSARY_LOCK})
