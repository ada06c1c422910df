"""Routing's counters on real SQLite and PostgreSQL: fair turns, caps, away members, and
two instances that never hand out the same turn or move a lead twice."""
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from bot.core.db import make_engine, make_sessions, retrying, transaction
from bot.core.deps import utcnow
from bot.core.models import Handoff
from bot.qualify import steps as qualify_steps
from bot.qualify import store as qualify_store
from bot.qualify import verdicts as qualify_verdicts
from bot.routing import desk
from bot.routing import store as routing_store
from flows.routing import Routing
from tests.bot.test_storage import BANT, finished_draft, prepared
from tests.concurrency import together

ROUTING = Routing.model_validate({
    "groups": {"ae": {"members": ["U0ANA", {"user": "U0BEN", "weight": 2}, "U0CY"],
                      "daily_cap": 600, "fallback": "night"},
               "night": {"members": ["U0OWL"]}},
    "default": {"assign": "ae", "accept_within_minutes": 10, "reassign_at_most": 1},
})


def qualify_routed(sessions, name: str, now=None) -> int:
    """A qualified lead stored with its routing, as a Submit stores it."""
    from flows.scoring import score

    now = now or utcnow()

    def once() -> int:
        with transaction(sessions) as s:
            lead_id, _ = qualify_store.lead_for(s, team_id="T1", name=name, now=now)
            qid = qualify_store.start_qualification(s, lead_id=lead_id, flow=BANT, sdr="U1",
                                                    now=now)
            draft = finished_draft()
            row = qualify_steps.lock_step(s, qualification_id=qid)
            qualify_steps.save_step(s, row=row, flow=BANT, draft=draft, now=now)
            scored = score(BANT, draft)
            placed = desk.place(s, routing=ROUTING, flow=BANT, score=scored,
                                answers={a.question_id: a.choice_id for a in draft.answers},
                                sales_channel="C0SALES", now=now, team_id="T1")
            return qualify_verdicts.record_score(s, qualification_id=qid, score=scored, now=now,
                                              sales_channel="C0SALES", placed=placed)
    return retrying(once)


def assigned(sessions) -> Counter:
    with sessions() as s:
        return Counter(dict(s.execute(select(Handoff.assigned_to, func.count())
                                      .group_by(Handoff.assigned_to)).all()))


def test_stored_turns_over_1000_leads_are_shared_by_weight(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    got: Counter = Counter()
    for _ in range(10):  # the turns as stored, read back by each of ten transactions
        with transaction(sessions) as s:
            for _ in range(100):
                chosen = desk.choose(s, team_id="T1", routing=ROUTING, group="ae", now=utcnow())
                got[chosen.user] += 1
    assert got == Counter({"U0ANA": 250, "U0BEN": 500, "U0CY": 250})
    engine.dispose()


def test_submitted_leads_are_assigned_in_turn_and_counted(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    for i in range(8):
        qualify_routed(sessions, f"Lead {i}")
    got = assigned(sessions)
    assert got == Counter({"U0ANA": 2, "U0BEN": 4, "U0CY": 2})
    with sessions() as s:
        last = s.scalars(select(Handoff).order_by(Handoff.id.desc())).first()
        assert last.route["why"] == ("the default rule → <#C0SALES>: assigned to <@U0BEN> "
                                     "(round robin, 4 of 600 today)")
        assert last.accept_by == last.assigned_at + timedelta(minutes=10)
    engine.dispose()


def test_two_instances_never_give_the_same_turn(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    other = make_engine(database_url)  # a second instance: its own engine and pool
    second = make_sessions(other)
    per_thread = 10
    together(lambda i: [qualify_routed(sessions if i % 2 else second, f"L{i}-{n}")
                        for n in range(per_thread)], list(range(8)))
    got = assigned(sessions)
    # 80 leads by weights 1:2:1, decided one at a time on locked turns: exact shares.
    assert got == Counter({"U0ANA": 20, "U0BEN": 40, "U0CY": 20}), got
    other.dispose()
    engine.dispose()


def test_caps_and_away_members_are_skipped_then_the_fallback(database_url: str) -> None:
    engine, sessions = prepared(database_url)
    capped = ROUTING.model_copy(update={"groups": {
        **ROUTING.groups, "ae": ROUTING.groups["ae"].model_copy(update={"daily_cap": 2})}})
    with transaction(sessions) as s:
        assert routing_store.set_away(s, team_id="T1", user="U0CY", now=utcnow())
        # once is enough
        assert not routing_store.set_away(s, team_id="T1", user="U0CY", now=utcnow())
    whys = []
    for i in range(6):
        with transaction(sessions) as s:
            chosen = desk.choose(s, team_id="T1", routing=capped, group="ae", now=utcnow())
            whys.append((chosen.user, chosen.today, chosen.note))
            # the cap counts the handoffs stored
            s.add(Handoff(qualification_id=_qualification(s, f"C{i}"), channel="C0SALES",
                          assigned_to=chosen.user, assigned_at=utcnow(), created_at=utcnow(),
                          reminders=0, reassignments=0))
    users = [u for u, _, _ in whys]
    assert Counter(users[:4]) == Counter({"U0ANA": 2, "U0BEN": 2})  # U0CY away; cap 2
    assert users[4:] == ["U0OWL", "U0OWL"]  # everyone capped or away: the fallback group
    assert "fallback: nobody in ae could take it" in whys[4][2]
    with transaction(sessions) as s:
        assert routing_store.set_back(s, team_id="T1", user="U0CY")
        assert desk.choose(s, team_id="T1", routing=capped, group="ae", now=utcnow()).user == "U0CY"
    tomorrow = utcnow() + timedelta(days=1)
    with transaction(sessions) as s:  # a new day: the caps start again
        assert desk.choose(s, team_id="T1", routing=capped, group="ae", now=tomorrow).user in (
            "U0ANA", "U0BEN")
    engine.dispose()


def _qualification(s, name: str) -> int:
    now = utcnow()
    lead_id, _ = qualify_store.lead_for(s, team_id="T1", name=name, now=now)
    return qualify_store.start_qualification(s, lead_id=lead_id, flow=BANT, sdr="U1", now=now)
