"""The shipped glossary on real SQLite and real PostgreSQL: it seeds an empty database,
and a later release's new terms join a glossary in use without touching what the team
edited, removed or proposed."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, update

from bot.core.db import make_engine, transaction, upgrade
from bot.core.models import TermChange, TermRow
from bot.glossary import edits, seeding
from bot.serve.runtime import make_deps
from config.loader import load_flows, load_glossary
from config.settings import load_settings
from flows.glossary import Glossary, Term, term_key
from tests.concurrency import together

SHIPPED = load_glossary()
T = "T0TEAM"  # the single workspace's team
NEW = ("truly qualified", "established project", "task force", "final decision maker",
       "latent need")


ENGINES: list[Engine] = []


@pytest.fixture(autouse=True)
def _dispose() -> Iterator[None]:
    yield
    while ENGINES:
        ENGINES.pop().dispose()


def started(url: str, glossary: Glossary = SHIPPED, *, migrate: bool = True):
    """What a start-up does: migrate, then build the deps (which seeds the glossary)."""
    engine = make_engine(url)
    ENGINES.append(engine)
    if migrate:  # (alembic migrates from one thread at a time)
        upgrade(engine)
    return make_deps(load_settings(DATABASE_URL=url), load_flows(), glossary, engine, team=T)


def older(glossary: Glossary) -> Glossary:
    """The shipped glossary of the release before: without the new terms, and with
    "final decision maker" as an alias of "decision maker"."""
    keys = {term_key(n) for n in NEW}
    terms = [t.model_copy(update={"see_also": tuple(
        x for x in t.see_also if term_key(x) not in keys)})
        for t in glossary.terms if term_key(t.term) not in keys]
    return Glossary(terms=tuple(
        t.model_copy(update={"aliases": (*t.aliases, "final decision maker")})
        if t.term == "decision maker" else t for t in terms))


def live(deps) -> dict[str, TermRow]:
    with deps.readers() as s:
        return {r.key: r for r in s.scalars(select(TermRow).where(TermRow.removed.is_(False)))}


def changes(deps, key: str) -> list[tuple[str, str]]:
    with deps.readers() as s:
        return [(c.action, c.by) for c in s.scalars(
            select(TermChange).where(TermChange.key == key).order_by(TermChange.id))]


def test_a_new_database_gets_every_shipped_term(database_url: str) -> None:
    deps = started(database_url)
    assert set(live(deps)) == {term_key(t.term) for t in SHIPPED.terms}
    assert changes(deps, "task force") == [("import", "Qualibot")]
    assert deps.terms(T).get("latent pain").term == "latent need"
    assert seeding.seed(deps, SHIPPED, team=T) == 0  # a second start changes nothing


def test_new_shipped_terms_join_a_glossary_in_use_and_leave_the_teams_alone(
        database_url: str) -> None:
    deps = started(database_url, older(SHIPPED))  # last release's start-up…
    with transaction(deps.sessions) as s:  # …which signed its seeding in lower case
        s.execute(update(TermRow).values(updated_by="qualibot"))
        s.execute(update(TermChange).values(by="qualibot"))
    assert "task force" not in live(deps)
    need = edits.check(deps, team=T, key="need", after=Term(
        term="need", definition="Our own words for need, agreed at the sales kick-off.",
        see_also=("bant",)))
    gone = edits.check(deps, team=T, key="gpctba", after=None)
    mine = edits.check(deps, team=T, key=None, after=Term(  # the team's own "latent need"…
        term="latent need", definition="What the team calls a hidden need."))
    assert not (need.error or gone.error or mine.error)
    assert edits.apply(deps, need, team=T, by="U0EDITOR") is None  # the team edited a term
    assert edits.apply(deps, gone, team=T, by="U0EDITOR") is None  # and removed one
    edits.propose(deps, mine, team=T, by="U0SDR", note=None)  # …only proposed, never approved
    shipped_need = next(t for t in SHIPPED.terms if t.term == "need")

    deps = started(database_url)  # this release starts
    terms = live(deps)
    added = {"truly qualified", "established project", "task force", "final decision maker"}
    assert added <= set(terms)
    for key in added:
        assert changes(deps, key) == [("add", "Qualibot")]
        assert terms[key].updated_by == "Qualibot"
    assert "latent need" not in terms  # the team's proposal of that name is theirs
    assert terms["need"].definition.startswith("Our own words")  # edited: left alone
    assert terms["need"].definition != shipped_need.definition
    assert "gpctba" not in terms  # removed: stays removed
    # a see_also to a term the glossary lacks is dropped; the rest is kept
    assert terms["truly qualified"].see_also == [
        "qualified sales lead", "established project", "final decision maker"]
    assert deps.terms(T).get("working group").term == "task force"
    # "decision maker" was never changed by the team: its alias moves to the new term
    assert "final decision maker" not in terms["decision maker"].aliases
    assert deps.terms(T).get("final decision maker").term == "final decision maker"
    assert changes(deps, "decision maker") == [("import", "qualibot"), ("change", "Qualibot")]

    assert seeding.seed(deps, SHIPPED, team=T) == 0  # every later start-up changes nothing
    assert changes(deps, "task force") == [("add", "Qualibot")]


def test_a_shipped_term_whose_name_the_team_uses_is_not_added(database_url: str) -> None:
    deps = started(database_url, older(SHIPPED))
    dm = next(t for t in older(SHIPPED).terms if t.term == "decision maker")
    ours = dm.model_copy(update={"definition": "Whoever signs, in our team's words."})
    assert edits.apply(deps, edits.check(deps, team=T, key="decision maker", after=ours), team=T,
                      by="U0EDITOR") is None  # the team made "decision maker" its own

    deps = started(database_url)
    terms = live(deps)
    assert "final decision maker" not in terms  # the team's term keeps its alias
    assert "final decision maker" in terms["decision maker"].aliases
    assert deps.terms(T).get("final decision maker").term == "decision maker"
    assert "task force" in terms and "latent need" in terms


def test_instances_starting_together_add_each_new_term_once(database_url: str) -> None:
    started(database_url, older(SHIPPED))
    together(lambda _: started(database_url, migrate=False), range(4))
    deps = started(database_url)
    for name in NEW:
        assert changes(deps, term_key(name)) == [("add", "Qualibot")], name
