"""Storage on real SQLite and real PostgreSQL: schema, verdicts, claims, leases."""
import multiprocessing
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from bot.core.db import (
    WriterLock,
    current_revision,
    make_engine,
    make_sessions,
    retrying,
    transaction,
    upgrade,
)
from bot.core.deps import utcnow
from bot.core.models import Handoff
from bot.handoff import store as handoff_store
from bot.qualify import steps as qualify_steps
from bot.qualify import store as qualify_store
from bot.qualify import verdicts as qualify_verdicts
from bot.slack import deliveries
from config.loader import load_flows
from flows.conversation import Pick, step
from flows.model import Draft
from tests.concurrency import together

BANT = load_flows()["bant"]


def prepared(url: str):
    engine = make_engine(url)
    upgrade(engine)
    upgrade(engine)  # a second run (another instance starting) changes nothing
    return engine, make_sessions(engine)


def finished_draft(choice_index: int = 0) -> Draft:
    draft = Draft(flow_id="bant", lead="Acme")
    for q in BANT.questions:
        draft, reply = step(BANT, draft, Pick(q.id, q.choices[choice_index].id))
    return draft


def qualify(sessions, name: str = "Acme", choice_index: int = 0) -> int | None:
    """Store a full qualification; returns the handoff id (None if not qualified)."""
    from flows.scoring import score

    now = utcnow()
    with transaction(sessions) as s:
        lead_id, _ = qualify_store.lead_for(s, team_id="T1", name=name, now=now)
        qid = qualify_store.start_qualification(s, lead_id=lead_id, flow=BANT, sdr="U1", now=now)
        draft = finished_draft(choice_index)
        row = qualify_steps.lock_step(s, qualification_id=qid)
        qualify_steps.save_step(s, row=row, flow=BANT, draft=draft, now=now)
        return qualify_verdicts.record_score(s, qualification_id=qid, score=score(BANT, draft),
                                          now=now, sales_channel="C0SALES")


def test_migrations_make_the_schema(database_url: str) -> None:
    engine, _ = prepared(database_url)
    tables = set(inspect(engine).get_table_names())
    assert {"leads", "qualifications", "answers", "scores", "handoffs", "outbox",
            "deliveries", "team_settings", "team_setting_changes"} <= tables
    assert current_revision(engine) == "0007"
    engine.dispose()


def test_verdict_and_handoff_are_stored_together(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    assert qualify(sessions, "Cold", choice_index=-1) is None
    handoff_id = qualify(sessions, "Hot")
    with sessions() as s:
        h = handoff_store.get_handoff(s, handoff_id=handoff_id)
        assert [(d.kind, d.status) for d in h.deliveries] == [("slack", "pending")]
        assert h.channel == "C0SALES"
        assert h.qualification.score.total == 25
        assert h.qualification.score.flow_version == BANT.version
        assert [a.question_id for a in h.qualification.answers] == [q.id for q in BANT.questions]
    engine.dispose()


def test_a_dozen_qualifications_in_a_row_on_one_connection(database_url: str) -> None:
    """psycopg prepares a statement from its sixth run on a connection: opening a draft
    must still meet its partial unique index then."""
    engine, sessions = prepared(database_url)
    for i in range(12):
        qualify(sessions, f"Row {i}")
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Handoff)) == 12
    engine.dispose()


def test_same_lead_by_another_spelling_is_one_lead(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    with transaction(sessions) as s:
        a = qualify_store.lead_for(s, team_id="T1", name="Acme Corp", now=utcnow())
        b = qualify_store.lead_for(s, team_id="T1", name="  acme   CORP ", now=utcnow())
        assert a == b and a[1] == "Acme Corp"  # the name as first written
    engine.dispose()


def test_two_concurrent_first_mentions_make_one_lead(database_url: str) -> None:
    engine, sessions = prepared(database_url)

    def mention(spelling: str) -> tuple[int, str]:
        with transaction(sessions) as s:
            return qualify_store.lead_for(s, team_id="T1", name=spelling, now=utcnow())

    found = together(mention, ["New Co", "new co", "NEW CO", " New  Co "])
    assert len({lead_id for lead_id, _ in found}) == 1
    engine.dispose()


def test_a_delivery_is_taken_in_once(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    with transaction(sessions) as s:
        assert deliveries.first_delivery(s, key="ev:1", now=utcnow())
        assert not deliveries.first_delivery(s, key="ev:1", now=utcnow())
    engine.dispose()


def test_concurrent_claims_have_one_winner(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    handoff_id = qualify(sessions)
    def claim(user: str) -> bool:
        with transaction(sessions) as s:
            return handoff_store.claim_handoff(s, handoff_id=handoff_id, user=user, now=utcnow())

    users = [f"U{i}" for i in range(8)]
    winners = [u for u, won in zip(users, together(claim, users), strict=True) if won]
    assert len(winners) == 1
    with sessions() as s:
        assert handoff_store.get_handoff(s, handoff_id=handoff_id).claimed_by == winners[0]
    engine.dispose()


def test_a_leased_handoff_is_given_to_one_courier_at_a_time(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    for n in range(5):
        qualify(sessions, name=f"Lease {n}")

    def take(_: int) -> list[int]:
        with transaction(sessions) as s:
            return handoff_store.take_due(s, now=utcnow(), lease=timedelta(seconds=60), most=2)

    taken = [i for ids in together(take, range(6)) for i in ids]
    assert len(taken) == 5 and len(set(taken)) == 5  # each delivery to one courier only
    with transaction(sessions) as s:  # once the leases run out, they are due again
        later = utcnow() + timedelta(seconds=61)
        again = handoff_store.leased(s, outbox_ids=handoff_store.take_due(
            s, now=later, lease=timedelta(seconds=60), most=10))
        assert sorted(row.id for row in again) == sorted(taken)
        assert {row.handoff.qualification.lead.name for row in again} == {
            f"Lease {n}" for n in range(5)}
        assert all(row.attempts == 2 for row in again)
    engine.dispose()


def test_two_concurrent_starts_share_one_draft(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    with transaction(sessions) as s:  # the lead exists: the race is on the draft itself
        lead_id, _ = qualify_store.lead_for(s, team_id="T1", name="Racy Co", now=utcnow())

    def start(_: int) -> int:
        with transaction(sessions) as s:
            return qualify_store.start_qualification(s, lead_id=lead_id, flow=BANT, sdr="U1",
                                             now=utcnow())

    ids = together(start, range(4))
    assert len(set(ids)) == 1
    with transaction(sessions) as s:
        assert qualify_store.open_draft(s, lead_id=lead_id, sdr="U1") == (ids[0], "bant")
        qualify_store.close_draft(s, qualification_id=ids[0])  # closed, a new one may start
        assert qualify_store.open_draft(s, lead_id=lead_id, sdr="U1") is None
        assert qualify_store.start_qualification(s, lead_id=lead_id, flow=BANT, sdr="U1",
                                         now=utcnow()) != ids[0]
    engine.dispose()


def test_answers_the_rules_no_longer_offer_are_asked_again(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    with transaction(sessions) as s:
        lead_id, _ = qualify_store.lead_for(s, team_id="T1", name="Changed", now=utcnow())
        qid = qualify_store.start_qualification(s, lead_id=lead_id, flow=BANT, sdr="U1",
                                                now=utcnow())
        row = qualify_steps.lock_step(s, qualification_id=qid)
        draft, _ = step(BANT, qualify_steps.as_draft(row), Pick("need", "clear"))
        qualify_steps.save_step(s, row=row, flow=BANT, draft=draft, now=utcnow())
    need = BANT.question("need")
    renamed = need.model_copy(update={"choices": (need.choices[0].model_copy(
        update={"id": "obvious"}), need.choices[1])})
    changed = BANT.model_copy(update={"questions": (renamed, *BANT.questions[1:])})
    with transaction(sessions) as s:
        row = qualify_steps.lock_step(s, qualification_id=qid)
        assert qualify_steps.as_draft(row, changed).answers == ()  # need will be asked again
        redone, _ = step(changed, qualify_steps.as_draft(row, changed), Pick("need", "obvious"))
        qualify_steps.save_step(s, row=row, flow=changed, draft=redone, now=utcnow())
    with sessions() as s:
        row = qualify_steps.lock_step(s, qualification_id=qid)
        assert [(a.question_id, a.choice_id) for a in row.answers] == [("need", "obvious")]
    engine.dispose()


def test_migrations_match_the_models(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from bot.core.models import Base

    engine, _ = prepared(database_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_no_sla_reminder_for_a_lead_sent_back(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    handoff_id = qualify(sessions)
    with transaction(sessions) as s:
        assert handoff_store.send_back(s, handoff_id=handoff_id, user="U2", reason="not yet",
                               now=utcnow())
        assert not handoff_store.mark_reminded(s, handoff_id=handoff_id, seen=0, now=utcnow())
    engine.dispose()


def _count_under(lock: WriterLock, counter: Path, times: int) -> None:
    """Read, pause, write back plus one: only exclusion keeps every increment."""
    for _ in range(times):
        assert lock.acquire(timeout=30)
        try:
            n = int(counter.read_text() or 0)
            time.sleep(0.0005)
            counter.write_text(str(n + 1))
        finally:
            lock.release()


# Forking a threaded process is what is tested (Python 3.12 warns about it).
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_sqlite_writers_of_several_processes_take_turns(tmp_path: Path) -> None:
    """The web server's workers are forked processes: the writer lock, opened before the
    fork, must still keep one writer at a time among them and their threads."""
    lock = WriterLock(str(tmp_path / "q.db.writer"))
    counter = tmp_path / "counter"
    counter.write_text("0")
    _count_under(lock, counter, 1)  # opened here, in the parent, before the fork
    fork = multiprocessing.get_context("fork")
    children = [fork.Process(target=_count_under, args=(lock, counter, 100))
                for _ in range(3)]
    for c in children:
        c.start()
    together(lambda _: _count_under(lock, counter, 100), range(2))  # and two threads here
    for c in children:
        c.join(30)
        assert c.exitcode == 0
    assert counter.read_text() == str(1 + 3 * 100 + 2 * 100)
    lock.close()


def test_sqlite_engine_keeps_its_writer_lock_beside_the_database(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/q.db")
    upgrade(engine)
    with transaction(make_sessions(engine)) as s:
        assert deliveries.first_delivery(s, key="sc:1", now=utcnow())
    engine.dispose()
    assert (tmp_path / "q.db.writer").exists()


def test_a_deadlock_victim_is_tried_again(postgres_url: str) -> None:
    """Two transactions taking the same rows in opposite orders: PostgreSQL aborts one,
    and ``retrying`` runs it again, so both changes land and nobody sees the error."""
    from sqlalchemy import text

    engine = make_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)"))
        conn.execute(text("INSERT INTO counters VALUES (1, 0), (2, 0)"))
    both_hold_one = threading.Barrier(2, timeout=10)
    tries: list[int] = []

    def bump(order: tuple[int, int]) -> None:
        def once() -> None:
            tries.append(order[0])
            with engine.begin() as conn:
                for i, row in enumerate(order):
                    conn.execute(text("UPDATE counters SET n = n + 1 WHERE id = :id"),
                                 {"id": row})
                    if i == 0 and len(tries) <= 2:  # the first tries: each waits for the other
                        both_hold_one.wait()
        retrying(once)

    together(bump, [(1, 2), (2, 1)])
    assert len(tries) == 3  # one of the two was the victim, and ran again
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM counters ORDER BY id")).scalars().all() == [2, 2]
    engine.dispose()


def test_drafts_open_before_the_revision_column_carry_on(database_url: str) -> None:
    """Migration 0002 on a database in use: an open draft gets revision 0 and its next
    step is stored as any other."""
    from sqlalchemy import bindparam, text

    from bot.core.models import UTCDateTime

    engine = make_engine(database_url)
    upgrade(engine, "0001")
    at = bindparam("now", utcnow(), type_=UTCDateTime())  # stored as the 0001 code did
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO leads (id, team_id, name, name_key, created_at) "
                          "VALUES (1, 'T1', 'Old Co', 'old co', :now)").bindparams(at))
        conn.execute(text(
            "INSERT INTO qualifications (id, lead_id, flow_id, flow_version, sdr_user_id, "
            "status, created_at, updated_at) VALUES (1, 1, 'bant', :v, 'U1', 'draft', :now, "
            ":now)").bindparams(at, v=BANT.version))
    upgrade(engine)
    sessions = make_sessions(engine)
    with transaction(sessions) as s:
        row = qualify_steps.read_step(s, qualification_id=1)
        assert row is not None and row.revision == 0
        assert qualify_steps.recheck(s, row=row) is not None
        draft, _ = step(BANT, qualify_steps.as_draft(row, BANT), Pick("need", "clear"))
        qualify_steps.save_step(s, row=row, flow=BANT, draft=draft, now=utcnow())
    with sessions() as s:
        assert qualify_steps.read_step(s, qualification_id=1).revision == 1
    engine.dispose()


def test_a_step_stored_meanwhile_sends_the_next_back_to_the_locked_row(
        database_url: str) -> None:
    """``recheck`` refuses a row that changed since it was read: by a step of this version
    (its revision moved) or of one that knew no revision (only updated_at moved, as while
    an older instance still runs during a deploy). A pointer stored meanwhile changes
    neither, and is picked up."""
    from sqlalchemy import update

    from bot.core.models import Qualification

    engine, sessions = prepared(database_url)
    with transaction(sessions) as s:
        lead_id, _ = qualify_store.lead_for(s, team_id="T1", name="Recheck Co", now=utcnow())
        qid = qualify_store.start_qualification(s, lead_id=lead_id, flow=BANT, sdr="U1",
                                                now=utcnow())
    with sessions() as s:
        seen = qualify_steps.read_step(s, qualification_id=qid)
    with transaction(sessions) as s:  # a pointer: no new decision needed
        assert qualify_steps.set_question_ts(s, qualification_id=qid, flow=BANT, channel="D1",
                                     ts="1.5", asked="need",
                                     seen=(seen.revision, seen.updated_at)) == (None, True)
    with transaction(sessions) as s:
        fresh = qualify_steps.recheck(s, row=seen)
        assert fresh is not None and (fresh.question_ts, fresh.dm_channel) == ("1.5", "D1")
    with transaction(sessions) as s:  # an older instance's step: updated_at only
        s.execute(update(Qualification).where(Qualification.id == qid)
                  .values(updated_at=seen.updated_at + timedelta(seconds=1)))
    with transaction(sessions) as s:
        assert qualify_steps.recheck(s, row=seen) is None
        assert qualify_steps.set_question_ts(s, qualification_id=qid, flow=BANT, channel="D1",
                                     ts="1.6", asked="need",
                                     seen=(seen.revision, seen.updated_at))[0] is not None
    with sessions() as s:
        again = qualify_steps.read_step(s, qualification_id=qid)
    with transaction(sessions) as s:  # a step of this version: the revision
        draft, _ = step(BANT, qualify_steps.as_draft(again, BANT), Pick("need", "clear"))
        qualify_steps.save_step(s, row=again, flow=BANT, draft=draft, now=again.updated_at)
    with transaction(sessions) as s:
        assert qualify_steps.recheck(s, row=again) is None
    engine.dispose()


def _write_once(lock: WriterLock) -> None:
    if not lock.acquire(timeout=5):
        raise SystemExit(1)
    lock.release()


# Forking a threaded process is what is tested (Python 3.12 warns about it).
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_child_forked_while_a_thread_writes_can_write(tmp_path: Path) -> None:
    """A fork copies the lock as it was: taken, if another thread was writing then. The
    child starts with a fresh one (and its own file), so it is not stuck."""
    lock = WriterLock(str(tmp_path / "q.db.writer"))
    holding, done = threading.Event(), threading.Event()

    def write_a_while() -> None:
        assert lock.acquire(timeout=5)
        holding.set()
        done.wait(0.5)
        lock.release()

    writer = threading.Thread(target=write_a_while)
    writer.start()
    assert holding.wait(5)
    child = multiprocessing.get_context("fork").Process(target=_write_once, args=(lock,))
    child.start()
    child.join(10)
    writer.join(5)
    assert child.exitcode == 0  # it waited for the parent's write, then wrote
    lock.close()


def test_where_a_qualification_came_from_is_kept(database_url: str) -> None:
    """Migration 0004 on a database in use: a draft opened before it carries on with no
    source; the message's permalink and the workflow step are stored with a draft, and a
    later run of the workflow on the same draft says which step it replaces."""
    from sqlalchemy import bindparam, text

    from bot.core.models import UTCDateTime

    engine = make_engine(database_url)
    upgrade(engine, "0003")
    at = bindparam("now", utcnow(), type_=UTCDateTime())
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO leads (id, team_id, name, name_key, created_at) "
                          "VALUES (1, 'T1', 'Old Co', 'old co', :now)").bindparams(at))
        conn.execute(text(
            "INSERT INTO qualifications (id, lead_id, flow_id, flow_version, sdr_user_id, "
            "status, revision, created_at, updated_at) VALUES (1, 1, 'bant', :v, 'U1', "
            "'draft', 0, :now, :now)").bindparams(at, v=BANT.version))
    upgrade(engine)  # 0004, and every revision after it
    assert current_revision(engine) == "0007"
    sessions = make_sessions(engine)
    with transaction(sessions) as s:
        assert qualify_steps.read_step(s, qualification_id=1).function_execution_id is None
        assert qualify_store.set_source(
            s, qualification_id=1, source_url="https://x.slack.com/archives/C1/p1",
            function_execution_id="Fx1") is None
    with transaction(sessions) as s:
        assert qualify_store.set_source(s, qualification_id=1,
                                        function_execution_id="Fx2") == "Fx1"
        assert qualify_store.set_source(s, qualification_id=1) is None  # nothing to change
    with sessions() as s:
        from bot.core.models import Qualification
        q = s.get(Qualification, 1)
        assert (q.source_url, q.function_execution_id) == ("https://x.slack.com/archives/C1/p1",
                                                          "Fx2")
        assert qualify_steps.read_step(s, qualification_id=1).function_execution_id == "Fx2"
    from alembic import command

    from bot.core.db import alembic_config
    command.downgrade(alembic_config(engine), "0003")
    assert current_revision(engine) == "0003"
    assert "source_url" not in {c["name"] for c in inspect(engine).get_columns("qualifications")}
    engine.dispose()
