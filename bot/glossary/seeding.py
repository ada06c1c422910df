"""The shipped ``config/glossary.yaml`` brought into a team's glossary: it seeds an empty
one, and a later release's new shipped terms are added to a glossary in use only where the
team has never had (nor removed, nor proposed) a term of that name. Each addition is
logged as a change by Qualibot.
"""
from __future__ import annotations

import logging

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.models import TermChange, TermRow
from bot.glossary.store import as_term, live_rows, lock_glossary, new_row, snapshot
from flows.glossary import Glossary, Term, term_key

log = logging.getLogger(__name__)


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
                s.add(new_row(t, by=SHIPPED_BY, now=now, team=team))
                s.add(TermChange(team_id=team, key=term_key(t.term), action="import",
                                 status="live",
                                 before=None, after=snapshot(t), by=SHIPPED_BY, at=now,
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
            lock_glossary(s)
            had = _had(s, team)
            new = [t for t in glossary.terms if term_key(t.term) not in had]
            rows = {r.key: r for r in live_rows(s, team=team)}
            theirs = {k for k, by in s.execute(select(TermChange.key, TermChange.by)
                                                .where(TermChange.team_id == team))
                      if by not in _SHIPPERS} | {k for k, r in rows.items()
                                                 if r.updated_by not in _SHIPPERS}
            moved = _moved_aliases(rows, theirs, glossary, new)
            live = [moved.get(k, as_term(r)) for k, r in rows.items()]
            added = _addable(live, new)
            taken = {term_key(n) for t in added for n in (t.term, *t.aliases)}
            now = deps.clock()
            for key, after in moved.items():
                row = rows[key]
                dropped = {term_key(a) for a in row.aliases} - {term_key(a) for a in after.aliases}
                if not dropped <= taken:
                    continue  # the term that claims the alias was not added: it stays
                before = snapshot(as_term(row))
                row.aliases, row.updated_by, row.updated_at = list(after.aliases), SHIPPED_BY, now
                s.add(TermChange(team_id=team, key=key, action="change", status="live",
                                 before=before,
                                 after=snapshot(after), by=SHIPPED_BY, at=now,
                                 note="an alias moved to a new shipped term", messages=[]))
            for t in added:
                s.add(new_row(t, by=SHIPPED_BY, now=now, team=team))
                s.add(TermChange(team_id=team, key=term_key(t.term), action="add",
                                 status="live",
                                 before=None, after=snapshot(t), by=SHIPPED_BY, at=now,
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
            moved[key] = as_term(row).model_copy(update={"aliases": aliases})
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
