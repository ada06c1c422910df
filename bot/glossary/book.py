"""The team's glossary as read: the live glossaries of a process (``Book``, re-read every
few seconds), look-ups recorded and counted, and the glossary exported to or imported from
a YAML file (an import is logged as ``TermChange`` rows, like any change).

The glossary lives in the database (``store``); the shipped terms reach it through
``seeding``, and edits, proposals, approvals and reverts through ``edits``.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.models import LookupRow, TermChange, TermRow
from bot.glossary.store import as_term, live_rows, new_row, snapshot
from flows.glossary import Found, Glossary, Lookup, term_key

log = logging.getLogger(__name__)
CACHE_SECONDS = 5.0  # how stale another instance's edit may look here


class Book:
    """The live glossaries of one process, one per team, each re-read from the database
    every few seconds."""

    def __init__(self, readers: sessionmaker[Session]):
        self.readers = readers
        self._lock = threading.Lock()
        self._glossaries: dict[str, tuple[Glossary, float]] = {}

    def current(self, team: str) -> Glossary:
        with self._lock:
            held = self._glossaries.get(team)
            if held is None or time.monotonic() - held[1] > CACHE_SECONDS:
                with self.readers() as s:
                    terms = [as_term(r) for r in live_rows(s, team=team)]
                held = (Glossary.model_construct(terms=tuple(terms)), time.monotonic())
                self._glossaries[team] = held
            return held[0]

    def forget(self, team: str) -> None:
        with self._lock:
            self._glossaries.pop(team, None)


def record_lookup(deps: Deps, *, team: str, asked: str, found: Lookup, user: str) -> None:
    with transaction(deps.sessions) as s:
        s.add(LookupRow(team_id=team, asked=asked[:120], key=term_key(asked)[:120],
                        found=found.term.term if isinstance(found, Found) else None,
                        user_id=user, at=deps.clock()))


def export_yaml(deps: Deps, *, team: str) -> str:
    with deps.readers() as s:
        terms = [snapshot(as_term(r)) for r in live_rows(s, team=team)]
    header = ("# The team's glossary, exported from Qualibot. "
              "Edit it, then `qualibot glossary import`.\n")
    return header + yaml.safe_dump({"terms": terms}, sort_keys=False, allow_unicode=True,
                                   width=88)


@dataclass(frozen=True)
class ImportReport:
    added: list[str]
    changed: list[str]
    unchanged: list[str]
    kept: list[str]  # in the database but not in the file: kept, never wiped silently


def import_glossary(deps: Deps, incoming: Glossary, *, team: str, by: str,
                    dry_run: bool = False) -> ImportReport:
    with deps.readers() as s:
        rows = {r.key: r for r in live_rows(s, team=team)}
    added, changed, unchanged = [], [], []
    for t in incoming.terms:
        key = term_key(t.term)
        row = rows.get(key)
        if row is None:
            added.append(t.term)
        elif snapshot(as_term(row)) != snapshot(t):
            changed.append(t.term)
        else:
            unchanged.append(t.term)
    incoming_keys = {term_key(t.term) for t in incoming.terms}
    kept = [r.term for k, r in rows.items() if k not in incoming_keys]
    if not dry_run and (added or changed):
        now = deps.clock()
        with transaction(deps.sessions) as s:
            for t in incoming.terms:
                key = term_key(t.term)
                if t.term not in added and t.term not in changed:
                    continue
                row = s.scalars(select(TermRow).where(TermRow.team_id == team,
                                                      TermRow.key == key)).first()
                before = snapshot(as_term(row)) if row is not None and not row.removed else None
                if row is None:
                    s.add(new_row(t, by=by, now=now, team=team))
                else:
                    row.term, row.definition = t.term, t.definition
                    row.aliases, row.see_also = list(t.aliases), list(t.see_also)
                    row.removed, row.updated_by, row.updated_at = False, by, now
                s.add(TermChange(team_id=team, key=key, action="import", status="live",
                                 before=before,
                                 after=snapshot(t), by=by, at=now, messages=[]))
        deps.forget_terms(team)
    return ImportReport(added, changed, unchanged, kept)


def stats(deps: Deps, *, team: str, since: datetime
          ) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(terms people found, most looked-up first; what they asked and did not find)."""
    recent = (LookupRow.team_id == team, LookupRow.at >= since)
    with deps.readers() as s:
        found = s.execute(
            select(LookupRow.found, func.count())
            .where(*recent, LookupRow.found.is_not(None)).group_by(LookupRow.found)
            .order_by(func.count().desc(), LookupRow.found).limit(20)).all()
        missed = s.execute(
            select(func.min(LookupRow.asked), func.count())
            .where(*recent, LookupRow.found.is_(None)).group_by(LookupRow.key)
            .order_by(func.count().desc(), func.min(LookupRow.asked)).limit(20)).all()
    return [(str(t), int(n)) for t, n in found], [(str(t), int(n)) for t, n in missed]
