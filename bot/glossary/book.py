"""The team's glossary, kept in the database: look-ups, edits, proposals, history.

The shipped ``config/glossary.yaml`` seeds an empty database; from then on the
database is the glossary, and a later release's new shipped terms are added to it
only where the team has never had (nor removed, nor proposed) a term of that name.
Every change is a ``TermChange`` row: who, when, the text before and after.
Editors change terms directly; anyone else proposes, and an approver's decision
makes the proposal live (or not). Nothing is ever deleted for good: a removed
term is marked so, and any change can be reverted.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.models import LookupRow, TermChange, TermRow
from flows.glossary import Found, Glossary, Lookup, Term, term_key

log = logging.getLogger(__name__)
CACHE_SECONDS = 5.0  # how stale another instance's edit may look here
_PG_GLOSSARY_LOCK = 7_264_812  # one glossary change at a time, across instances


def _snapshot(t: Term) -> dict[str, Any]:
    return {"term": t.term, "definition": t.definition, "aliases": list(t.aliases),
            "see_also": list(t.see_also)}


def _term(row: TermRow) -> Term:
    return Term(term=row.term, definition=row.definition, aliases=tuple(row.aliases),
                see_also=tuple(row.see_also))


def _live(session: Session, team: str) -> list[TermRow]:
    return list(session.scalars(select(TermRow).where(TermRow.team_id == team,
                                                      TermRow.removed.is_(False))
                                .order_by(TermRow.key)))


# -- reading ------------------------------------------------------------------------
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
                    terms = [_term(r) for r in _live(s, team)]
                held = (Glossary.model_construct(terms=tuple(terms)), time.monotonic())
                self._glossaries[team] = held
            return held[0]

    def forget(self, team: str) -> None:
        with self._lock:
            self._glossaries.pop(team, None)


SHIPPED_BY = "Qualibot"  # who the glossary's history says added the shipped terms


def seed(deps: Deps, glossary: Glossary, *, team: str) -> int:
    """Fill a team's empty glossary from the shipped file, or add to a glossary in use the
    shipped terms it never had (see :func:`add_new_shipped`); safe when instances race.
    Returns how many terms were added."""
    with deps.readers() as s:
        if s.scalar(select(func.count()).select_from(TermRow).where(TermRow.team_id == team)):
            return len(add_new_shipped(deps, glossary, team=team))
    try:
        with transaction(deps.sessions) as s:
            now = deps.clock()
            for t in glossary.terms:
                s.add(_row(t, by=SHIPPED_BY, now=now, team=team))
                s.add(TermChange(team_id=team, key=term_key(t.term), action="import",
                                 status="live",
                                 before=None, after=_snapshot(t), by=SHIPPED_BY, at=now,
                                 messages=[]))
        return len(glossary.terms)
    except IntegrityError:  # another instance seeded it a moment ago
        return 0


def add_new_shipped(deps: Deps, glossary: Glossary, *, team: str) -> list[str]:
    """Add the shipped terms a glossary in use has never had: no row under the name (a
    term the team removed or renamed keeps its row) and no change ever logged for it (a
    proposal, even a rejected one, is the team's say). A term whose name or alias the
    team already uses is left out, unless the alias is one the shipped file moved off a
    shipped term nobody but Qualibot ever changed (then it moves too); a ``see_also`` to
    a term the team does not have is dropped. Each addition and move is logged as a
    change by Qualibot. Returns the terms added."""
    with deps.readers() as s:
        had = _had(s, team)
    if not [t for t in glossary.terms if term_key(t.term) not in had]:
        return []  # the usual start-up: one read, no write
    try:
        with transaction(deps.sessions) as s:
            if s.get_bind().dialect.name == "postgresql":  # SQLite: BEGIN IMMEDIATE already
                s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_GLOSSARY_LOCK})
            had = _had(s, team)
            new = [t for t in glossary.terms if term_key(t.term) not in had]
            rows = {r.key: r for r in _live(s, team)}
            theirs = {k for k, by in s.execute(select(TermChange.key, TermChange.by)
                                                .where(TermChange.team_id == team))
                      if by not in _SHIPPERS} | {k for k, r in rows.items()
                                                 if r.updated_by not in _SHIPPERS}
            moved = _moved_aliases(rows, theirs, glossary, new)
            live = [moved.get(k, _term(r)) for k, r in rows.items()]
            added = _addable(live, new)
            taken = {term_key(n) for t in added for n in (t.term, *t.aliases)}
            now = deps.clock()
            for key, after in moved.items():
                row = rows[key]
                dropped = {term_key(a) for a in row.aliases} - {term_key(a) for a in after.aliases}
                if not dropped <= taken:
                    continue  # the term that claims the alias was not added: it stays
                before = _snapshot(_term(row))
                row.aliases, row.updated_by, row.updated_at = list(after.aliases), SHIPPED_BY, now
                s.add(TermChange(team_id=team, key=key, action="change", status="live",
                                 before=before,
                                 after=_snapshot(after), by=SHIPPED_BY, at=now,
                                 note="an alias moved to a new shipped term", messages=[]))
            for t in added:
                s.add(_row(t, by=SHIPPED_BY, now=now, team=team))
                s.add(TermChange(team_id=team, key=term_key(t.term), action="add",
                                 status="live",
                                 before=None, after=_snapshot(t), by=SHIPPED_BY, at=now,
                                 note="new in the shipped glossary", messages=[]))
    except IntegrityError:  # another instance added them a moment ago
        return []
    if added:
        deps.forget_terms(team)
        log.info("glossary: added the new shipped term(s) %s",
                 ", ".join(t.term for t in added))
    return [t.term for t in added]


_SHIPPERS = (SHIPPED_BY, "qualibot")  # who seeded the glossary, in this and earlier releases


def _moved_aliases(rows: dict[str, TermRow], team: set[str], glossary: Glossary,
                   new: list[Term]) -> dict[str, Term]:
    """Live shipped terms nobody but Qualibot changed, without the aliases the shipped file
    no longer gives them and a new shipped term claims (its name or one of its aliases)."""
    claimed = {term_key(n) for t in new for n in (t.term, *t.aliases)}
    shipped = {term_key(t.term): t for t in glossary.terms}
    moved = {}
    for key, row in rows.items():
        if key in team or key not in shipped:
            continue
        keep = {term_key(a) for a in shipped[key].aliases}
        aliases = tuple(a for a in row.aliases
                        if term_key(a) in keep or term_key(a) not in claimed)
        if len(aliases) < len(row.aliases):
            moved[key] = _term(row).model_copy(update={"aliases": aliases})
    return moved


def _addable(live: list[Term], new: list[Term]) -> list[Term]:
    """The new terms that fit beside the live ones (no name or alias of theirs taken),
    their ``see_also`` kept to terms the glossary will have."""
    fits: list[Term] = []
    bare: list[Term] = []  # the names are checked first, the see_also after
    for t in new:
        alone = t.model_copy(update={"see_also": ()})
        try:
            Glossary(terms=(*live, *bare, alone))
        except ValidationError:
            log.info("glossary: the shipped term '%s' is not added: the team's glossary "
                     "already uses its name or an alias", t.term)
            continue
        fits.append(t)
        bare.append(alone)
    names = {term_key(n) for t in (*live, *fits) for n in (t.term, *t.aliases)}
    return [t.model_copy(update={"see_also": tuple(x for x in t.see_also
                                                   if term_key(x) in names)}) for t in fits]


def _had(s: Session, team: str) -> set[str]:
    """Every term name the team ever had, or proposed."""
    return set(s.scalars(select(TermRow.key).where(TermRow.team_id == team))) | set(
        s.scalars(select(TermChange.key).where(TermChange.team_id == team)))


def _row(t: Term, *, by: str, now: datetime, team: str) -> TermRow:
    return TermRow(team_id=team, key=term_key(t.term), term=t.term, definition=t.definition,
                   aliases=list(t.aliases), see_also=list(t.see_also), removed=False,
                   updated_by=by, updated_at=now)


def record_lookup(deps: Deps, *, team: str, asked: str, found: Lookup, user: str) -> None:
    with transaction(deps.sessions) as s:
        s.add(LookupRow(team_id=team, asked=asked[:120], key=term_key(asked)[:120],
                        found=found.term.term if isinstance(found, Found) else None,
                        user_id=user, at=deps.clock()))


# -- changing -----------------------------------------------------------------------
@dataclass(frozen=True)
class Proposed:
    """A change, checked against the whole glossary; ``error`` says why it can't be."""

    key: str  # the term it changes (its key before the change)
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    error: str | None = None


def check(deps: Deps, *, team: str, key: str | None, after: Term | None) -> Proposed:
    """Would this change leave a consistent glossary? ``key`` None: a new term;
    ``after`` None: remove it."""
    with deps.readers() as s:
        return _check({r.key: r for r in _live(s, team)}, key=key, after=after)


def _check(rows: dict[str, TermRow], *, key: str | None, after: Term | None) -> Proposed:
    before = rows.get(key) if key else None
    if key and before is None:
        return Proposed(key, "change", None, None, f"“{key}” is not in the glossary.")
    action = "add" if key is None else ("remove" if after is None else "change")
    terms = {k: _term(r) for k, r in rows.items() if k != key}
    if after is not None:
        terms[term_key(after.term)] = after
    try:
        Glossary(terms=tuple(terms.values()))
    except ValidationError as e:
        message = "; ".join(err["msg"].removeprefix("Value error, ") for err in e.errors())
        return Proposed(key or term_key(after.term if after else ""), action, None, None,
                        message)
    if action == "add" and after is not None and term_key(after.term) in rows:
        return Proposed(term_key(after.term), action, None, None,
                        f"“{after.term}” is already in the glossary.")
    return Proposed(key or term_key(after.term if after else ""), action,
                    _snapshot(_term(before)) if before else None,
                    _snapshot(after) if after else None)


def apply(deps: Deps, change: Proposed, *, team: str, by: str, note: str | None = None,
          action: str | None = None, change_row: TermChange | None = None) -> str | None:
    """Make a change live and log it, checking it against the glossary as it is at that
    moment (in the same transaction): returns why not, if it no longer fits."""
    now = deps.clock()
    after = Term.model_validate(change.after) if change.after else None
    with transaction(deps.sessions) as s:
        if s.get_bind().dialect.name == "postgresql":  # SQLite: BEGIN IMMEDIATE already
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_GLOSSARY_LOCK})
        live = {r.key: r for r in _live(s, team)}
        fresh = _check(live, key=change.key if change.before else None, after=after)
        if fresh.error:
            return fresh.error
        if change.before is not None and fresh.before != change.before:
            return (f"“{change.key}” changed since this was proposed; look at it again and "
                    "propose anew.")

        def row_for(key: str) -> TermRow | None:
            return s.scalars(select(TermRow).where(TermRow.team_id == team,
                                                   TermRow.key == key)).first()

        old = row_for(change.key)
        new_key = term_key(change.after["term"]) if change.after else change.key
        if old is not None and (change.after is None or new_key != change.key):
            old.removed, old.updated_by, old.updated_at = True, by, now  # removed or renamed
        if change.after is not None:
            row = row_for(new_key)  # a term removed earlier comes back in its old row
            if row is None:
                row = TermRow(team_id=team, key=new_key)
                s.add(row)
            row.term, row.definition = change.after["term"], change.after["definition"]
            row.aliases, row.see_also = change.after["aliases"], change.after["see_also"]
            row.removed, row.updated_by, row.updated_at = False, by, now
        if change_row is None:
            s.add(TermChange(team_id=team, key=change.key, action=action or change.action,
                             status="live",
                             before=fresh.before, after=fresh.after, note=note, by=by, at=now,
                             messages=[]))
    deps.forget_terms(team)
    log.info("glossary: %s of '%s' by %s", action or change.action, change.key, by)
    return None


def propose(deps: Deps, change: Proposed, *, team: str, by: str, note: str | None) -> int:
    with transaction(deps.sessions) as s:
        row = TermChange(team_id=team, key=change.key, action=change.action, status="proposed",
                         before=change.before, after=change.after, note=note, by=by,
                         at=deps.clock(), messages=[])
        s.add(row)
        s.flush()
        return row.id


def remember_messages(deps: Deps, *, team: str, change_id: int,
                      messages: list[list[str]]) -> None:
    with transaction(deps.sessions) as s:
        s.execute(update(TermChange).where(TermChange.id == change_id,
                                           TermChange.team_id == team)
                  .values(messages=messages))


@dataclass(frozen=True)
class Decision:
    change: TermChange | None
    error: str | None = None


def decide(deps: Deps, *, team: str, change_id: int, approver: str, approve: bool
           ) -> Decision:
    """The first approver's decision wins; approving makes the change live. A proposal of
    another team is no proposal."""
    with transaction(deps.sessions) as s:
        taken = s.execute(
            update(TermChange).where(TermChange.id == change_id, TermChange.team_id == team,
                                     TermChange.status == "proposed")
            .values(status="deciding" if approve else "rejected", decided_by=approver,
                    decided_at=deps.clock())).rowcount
        row = s.get(TermChange, change_id)
    if row is None or row.team_id != team:
        return Decision(None, "That proposal no longer exists.")
    if not taken:
        return Decision(row, f"Already decided by <@{row.decided_by}>.")
    if not approve:
        return Decision(row)
    proposal = Proposed(row.key, row.action, row.before, row.after)
    try:
        error = apply(deps, proposal, team=team, by=row.by, change_row=row)
    except Exception:
        with transaction(deps.sessions) as s:  # back to the approvers, not stuck deciding
            s.execute(update(TermChange).where(TermChange.id == change_id)
                      .values(status="proposed", decided_by=None, decided_at=None))
        raise
    with transaction(deps.sessions) as s:
        s.execute(update(TermChange).where(TermChange.id == change_id)
                  .values(status="rejected" if error else "live",
                          note=(row.note or "") + (f" [not applied: {error}]" if error else "")))
        row = s.get(TermChange, change_id)
    return Decision(row, error)


def history(deps: Deps, *, team: str, key: str) -> list[TermChange]:
    with deps.readers() as s:
        return list(s.scalars(select(TermChange).where(TermChange.team_id == team,
                                                       TermChange.key == key)
                              .order_by(TermChange.id.desc()).limit(10)))


def revert(deps: Deps, *, team: str, change_id: int, by: str) -> str | None:
    """Put a term back as it was before a change (removing it if the change added it)."""
    with deps.readers() as s:
        row = s.get(TermChange, change_id)
        if row is not None and row.team_id != team:
            row = None  # another team's change: none of this team's
        # The term as that change left it (a rename left it under its new name).
        key = (term_key(row.after["term"]) if row.after else row.key) if row else ""
        current = s.scalars(select(TermRow).where(
            TermRow.team_id == team, TermRow.key == key)).first() if row else None
    if row is None or row.status != "live":
        return "Only a change that went live can be reverted."
    exists = current is not None and not current.removed
    proposal = Proposed(key if exists else row.key, "revert",
                        _snapshot(_term(current)) if exists else None, row.before)
    if proposal.before is None and proposal.after is None:
        return "Nothing to revert: the term is already gone."
    return apply(deps, proposal, team=team, by=by, note=f"revert of change {row.id}", action="revert")


# -- files and numbers -------------------------------------------------------------------
def export_yaml(deps: Deps, *, team: str) -> str:
    with deps.readers() as s:
        terms = [_snapshot(_term(r)) for r in _live(s, team)]
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
        rows = {r.key: r for r in _live(s, team)}
    added, changed, unchanged = [], [], []
    for t in incoming.terms:
        key = term_key(t.term)
        row = rows.get(key)
        if row is None:
            added.append(t.term)
        elif _snapshot(_term(row)) != _snapshot(t):
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
                before = _snapshot(_term(row)) if row is not None and not row.removed else None
                if row is None:
                    s.add(_row(t, by=by, now=now, team=team))
                else:
                    row.term, row.definition = t.term, t.definition
                    row.aliases, row.see_also = list(t.aliases), list(t.see_also)
                    row.removed, row.updated_by, row.updated_at = False, by, now
                s.add(TermChange(team_id=team, key=key, action="import", status="live",
                                 before=before,
                                 after=_snapshot(t), by=by, at=now, messages=[]))
        deps.forget_terms(team)
    return ImportReport(added, changed, unchanged, kept)


def stats(deps: Deps, *, team: str, since: datetime) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(terms people found, most looked-up first; what they asked and did not find)."""
    with deps.readers() as s:
        found = s.execute(select(LookupRow.found, func.count()).where(
            LookupRow.team_id == team, LookupRow.at >= since, LookupRow.found.is_not(None)).group_by(LookupRow.found)
            .order_by(func.count().desc(), LookupRow.found).limit(20)).all()
        missed = s.execute(select(func.min(LookupRow.asked), func.count()).where(
            LookupRow.team_id == team, LookupRow.at >= since, LookupRow.found.is_(None)).group_by(LookupRow.key)
            .order_by(func.count().desc(), func.min(LookupRow.asked)).limit(20)).all()
    return [(str(t), int(n)) for t, n in found], [(str(t), int(n)) for t, n in missed]
