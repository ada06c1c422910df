"""Changing the team's glossary: a change checked against the whole glossary, made live
by an editor or proposed, an approver's decision, a term's history, and a revert.

Every change is a ``TermChange`` row: who, when, the text before and after. Editors
change terms directly; anyone else proposes, and an approver's decision makes the
proposal live (or not). Nothing is ever deleted for good: a removed term is marked so,
and any change can be reverted.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, update

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.models import TermChange, TermRow
from bot.glossary.store import as_term, live_rows, lock_glossary, snapshot
from flows.glossary import Glossary, Term, term_key

log = logging.getLogger(__name__)


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
        return _check({r.key: r for r in live_rows(s, team=team)}, key=key, after=after)


def _check(rows: dict[str, TermRow], *, key: str | None, after: Term | None) -> Proposed:
    before = rows.get(key) if key else None
    if key and before is None:
        return Proposed(key, "change", None, None, f"“{key}” is not in the glossary.")
    action = "add" if key is None else ("remove" if after is None else "change")
    terms = {k: as_term(r) for k, r in rows.items() if k != key}
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
                    snapshot(as_term(before)) if before else None,
                    snapshot(after) if after else None)


def apply(deps: Deps, change: Proposed, *, team: str, by: str, note: str | None = None,
          action: str | None = None, change_row: TermChange | None = None) -> str | None:
    """Make a change live and log it, checking it against the glossary as it is at that
    moment (in the same transaction): returns why not, if it no longer fits."""
    now = deps.clock()
    after = Term.model_validate(change.after) if change.after else None
    with transaction(deps.sessions) as s:
        lock_glossary(s)
        live = {r.key: r for r in live_rows(s, team=team)}
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
                        snapshot(as_term(current)) if exists else None, row.before)
    if proposal.before is None and proposal.after is None:
        return "Nothing to revert: the term is already gone."
    return apply(deps, proposal, team=team, by=by, note=f"revert of change {row.id}",
                 action="revert")
