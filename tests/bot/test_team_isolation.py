"""Team B can never read, answer, claim, preview or change team A's data, listener by
listener: every request here is signed as coming from team B, names one of team A's ids
(in a button's value, an action_id, a form's private_metadata) or asks for the team's
data, and must leave team A's rows as they were and say nothing of them. Where it makes
the test able to fail, the same request from team A does change A's data.

The people: ``SHARED`` is an Enterprise Grid user, the same id in both workspaces (the
hardest case: only the team tells A's request from B's)."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.db import transaction
from bot.core.models import (
    AnswerRow,
    AwayRow,
    Handoff,
    Lead,
    Outbox,
    Qualification,
    RoutingTurn,
    ScoreRow,
    TeamSettingChange,
    TeamSettingsRow,
    TermChange,
    TermRow,
)
from bot.glossary import edits
from bot.glossary import views as glossary_views
from bot.settings import store as settings_store
from bot.slack import blocks
from flows.glossary import Term
from flows.routing import Routing
from tests.bot.test_teams import ADMIN, AE, SDR, TOP, A, B, install
from tests.fakeslack import FakeSlack, Posted
from tests.harness import Harness, Response, SlackSide

FORM = "application/x-www-form-urlencoded"
SHARED = "W0SHARED"  # an Enterprise Grid user: the same id in team A and team B
CLOSERS = "C0CLOSERS"  # where team A's routing rules send its qualified leads
EDITOR = {A: "U0AEDITOR", B: "U0BEDITOR"}
APPROVER = {A: "U0AAPPROVER", B: "U0BAPPROVER"}
ROUTING = Routing.model_validate({
    "team": A, "groups": {"closers": {"members": [AE[A]]}},
    "rules": [{"when": {"verdict": "qualified"}, "channel": CLOSERS, "assign": "closers"}]})
# What only team A's data says: none of it may reach a reply to team B.
SECRETS = ("Initech", "Globex", "Umbrella", "stopped paying us", "recurring revenue the A way",
           "crm-a.example")


@dataclass
class World:
    """Two teams installed; team A has data of every kind, team B nothing yet."""

    h: Harness
    a: SlackSide
    b: SlackSide
    draft: int  # SHARED's open draft of Initech in team A, one answer given
    question: Posted  # its open question
    handoff: int  # A's Globex, routed to AE[A] to accept (Accept, Pass, Send back)
    card: Posted
    failed: int  # A's Umbrella, whose card could not be posted
    proposal: int  # a glossary change proposed in A, waiting for an approver
    live: int  # a glossary change made live in A (the term "churn")


@pytest.fixture
def world(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[World]:
    with Harness.serve(fake_slack, sqlite_url, oauth=True, routing=ROUTING,
                       GLOSSARY_EDITORS=",".join(EDITOR.values()),
                       GLOSSARY_APPROVERS=",".join(APPROVER.values())) as h:
        a, b = install(h, A), install(h, B)
        deps = h.runtime.deps
        # Umbrella's card is refused by the routed channel and then by the sales channel.
        fake_slack.fail("chat.postMessage", 200, times=2, error="channel_not_found",
                        when=lambda p: "Umbrella" in str(p) and p.get("channel") != "D" + SDR[A])
        a.qualify(SDR[A], "Globex", TOP)
        a.qualify(SDR[A], "Umbrella", TOP)
        before = len(h.dm_messages(SHARED))
        assert a.command("/qualify", "Initech", SHARED).status == 200
        first = h.question(SHARED, after=before)
        seen = len(h.dm_messages(SHARED))
        assert a.click(SHARED, first, TOP[0]).status == 200
        question = h.question(SHARED, after=seen)
        card = h.fake.wait(lambda: next((m for m in h.fake.channel(CLOSERS)
                                         if "Globex" in m.visible()), None))
        assert card is not None and "Accept" in card.labels()
        h.drain()
        churn = edits.check(deps, team=A, key=None, after=Term(
            term="churn", definition="A customer who stopped paying us.", aliases=(),
            see_also=()))
        assert edits.apply(deps, churn, team=A, by=EDITOR[A]) is None
        arr = edits.check(deps, team=A, key=None, after=Term(
            term="arr", definition="Annual recurring revenue the A way.", aliases=(),
            see_also=()))
        proposal = edits.propose(deps, arr, team=A, by=SDR[A], note=None)
        with transaction(deps.sessions) as s:  # A's admin chose settings in App Home
            row = settings_store.lock(s, team_id=A, by=ADMIN[A], now=deps.clock())
            settings_store.save(s, row=row, values={
                "crm_webhook_url": "https://crm-a.example/hook", "sla_minutes": 47,
                "flows": ["truly_qualified", "bant"], "default_flow": "truly_qualified"},
                secret=None, changes=[("crm_webhook_url", None, "https://crm-a.example/hook"),
                                      ("sla_minutes", 30, 47),
                                      ("default_flow", "bant", "truly_qualified")],
                by=ADMIN[A], now=deps.clock())
        assert deps.teams is not None
        deps.teams.forget(A)
        with deps.readers() as s:
            handoffs = dict(s.execute(select(Lead.name, Handoff.id)
                                      .join(Qualification, Qualification.lead_id == Lead.id)
                                      .join(Handoff, Handoff.qualification_id == Qualification.id)
                                      ).all())
            live = s.scalar(select(TermChange.id).where(TermChange.team_id == A,
                                                        TermChange.key == "churn"))
            draft = s.scalar(select(Qualification.id).where(Qualification.sdr_user_id == SHARED))
        assert h.fake.wait(lambda: status_of(h, handoffs["Umbrella"]) == "failed")
        yield World(h, a, b, draft, question, handoffs["Globex"], card, handoffs["Umbrella"],
                    proposal, live)


# -- what team A has, and what team B was told ---------------------------------------------
def rows_of(h: Harness, team: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``team``, table by table, as it is in the database now."""
    leads = select(Lead.id).where(Lead.team_id == team)
    quals = select(Qualification.id).where(Qualification.lead_id.in_(leads))
    handoffs = select(Handoff.id).where(Handoff.qualification_id.in_(quals))
    where = {
        Lead: Lead.team_id == team, Qualification: Qualification.id.in_(quals),
        AnswerRow: AnswerRow.qualification_id.in_(quals),
        ScoreRow: ScoreRow.qualification_id.in_(quals), Handoff: Handoff.id.in_(handoffs),
        Outbox: Outbox.handoff_id.in_(handoffs), TermRow: TermRow.team_id == team,
        TermChange: TermChange.team_id == team, TeamSettingsRow: TeamSettingsRow.team_id == team,
        TeamSettingChange: TeamSettingChange.team_id == team, AwayRow: AwayRow.team_id == team,
        RoutingTurn: RoutingTurn.team_id == team}
    h.drain()
    with h.runtime.deps.readers() as s:
        return {model.__tablename__: [tuple(r) for r in s.execute(
            select(model.__table__).where(condition)).all()]  # type: ignore[attr-defined]
            for model, condition in where.items()}


def said_since(h: Harness, mark: int, reply: Response | None) -> str:
    """Everything the app said after ``mark`` (the calls to Slack, the response URLs) and
    in ``reply`` (the HTTP answer)."""
    h.drain()
    with h.fake._lock:
        calls = list(h.fake.calls[mark:])
    return (reply.body if reply is not None else "") + "\n".join(
        c.method + json.dumps(c.params, default=str) for c in calls)


def eventually(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    """``predicate`` true within ``timeout`` (asked outside the fake's lock: it may read the
    database, and wait for the app's work, which calls the fake)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def status_of(h: Harness, handoff: int) -> str | None:
    with h.runtime.deps.readers() as s:
        return s.scalar(select(Outbox.status).where(Outbox.handoff_id == handoff,
                                                    Outbox.kind == "slack"))


def press(side: SlackSide, user: str, action_id: str, value: str, *,
          in_home: bool = False) -> Response:
    """``user`` clicks a button ``action_id`` with ``value`` in their DM (or Home tab)."""
    button = {"type": "button", "action_id": action_id, "value": value,
              "text": {"type": "plain_text", "text": "a button"}}
    block = {"type": "actions", "block_id": "b", "elements": [button]}
    channel, ts = side.dm(user), f"{time.time():.6f}"
    where: dict[str, Any] = {"container": {"type": "view", "view_id": "VH0001"}} if in_home \
        else {"container": {"type": "message", "message_ts": ts, "channel_id": channel,
                            "is_ephemeral": False},
              "channel": {"id": channel},
              "response_url": side.fake.response_url(channel, user, ts)}
    return side.post(side._actions_body(user, block, button, where), FORM)


def submit(side: SlackSide, user: str, callback_id: str, metadata: str,
           values: dict[str, Any]) -> Response:
    """``user`` submits a form ``callback_id`` whose private_metadata is ``metadata``."""
    view = {"id": "V0FORGED", "hash": "h0", "type": "modal", "callback_id": callback_id,
            "private_metadata": metadata, "blocks": []}
    return side.submit(user, view, values)


def text_value(block: str, text: str) -> dict[str, Any]:
    return {block: {"text" if block in ("notes", "reason") else "value": {
        "type": "plain_text_input", "value": text}}}


Attempt = Callable[[World], Response | None]


def heard(attempt: Attempt) -> Attempt:
    """An event: Bolt runs its listener after the HTTP answer, on Bolt's own threads, so
    wait until the app called Slack for team B (or a moment passed: some say nothing)."""
    def run(w: World) -> Response | None:
        mark = len(w.h.fake.calls)
        reply = attempt(w)
        w.h.fake.wait(lambda: [c for c in w.h.fake.calls[mark:] if c.team == B], 1.5)
        return reply
    return run


def tried(w: World, cases: list[tuple[str, Attempt, tuple[str, ...]]]) -> list[str]:
    """Each of team B's attempts in turn: what went wrong (A's rows changed, or something
    of A's said to B), by the attempt's name."""
    wrong = []
    for name, attempt, may_name in cases:
        before = rows_of(w.h, A)
        mark = len(w.h.fake.calls)
        reply = attempt(w)
        assert reply is None or reply.status == 200, (name, reply)
        said = said_since(w.h, mark, reply)
        after = rows_of(w.h, A)
        changed = [t for t in before if before[t] != after[t]]
        if changed:
            wrong.append(f"{name}: team A's {', '.join(changed)} changed")
        leaked = [s for s in SECRETS if s in said and s not in may_name]
        if leaked:
            wrong.append(f"{name}: told team B {leaked}")
    return wrong


# -- a draft: its buttons, its forms, typed replies --------------------------------------
def test_team_bs_requests_never_touch_team_as_draft(world: World) -> None:
    w = world
    q = w.draft
    answer = next(x for x in w.question.buttons() if x["action_id"].startswith("answer:"))
    question_id = answer["value"].split(":")[1]
    notes = text_value("notes", "Budget approved, they decide, buying in a month.")
    cases: list[tuple[str, Attempt, tuple[str, ...]]] = [
        ("answer button", lambda w: press(w.b, SHARED, answer["action_id"], answer["value"]), ()),
        ("typed reply", heard(lambda w: w.b.say(SHARED, TOP[1])), ()),
        ("What does this mean?", lambda w: press(w.b, SHARED, blocks.HELP_ACTION,
                                                 f"{q}:{question_id}"), ()),
        ("Did you mean…? Yes", lambda w: press(w.b, SHARED, f"{blocks.CONFIRM_ACTION}:yes",
                                               f"{q}:{question_id}:yes"), ()),
        ("Did you mean…? No", lambda w: press(w.b, SHARED, f"{blocks.CONFIRM_ACTION}:no",
                                              f"{q}:{question_id}:no"), ()),
        ("Paste call notes", lambda w: press(w.b, SHARED, blocks.NOTES_ACTION, f"{q}:"), ()),
        ("call notes submitted", lambda w: submit(w.b, SHARED, blocks.NOTES_VIEW, str(q),
                                                  notes), ()),
        ("Answer in a form", lambda w: press(w.b, SHARED, blocks.FORM_ACTION, f"{q}:"), ()),
        ("answers form submitted", lambda w: submit(
            w.b, SHARED, blocks.FORM_VIEW, json.dumps({"f": "bant", "l": "Hooli", "q": q}),
            {}), ()),
        ("Submit", lambda w: press(w.b, SHARED, blocks.SUBMIT_ACTION, f"{q}:"), ()),
        ("Change an answer", lambda w: press(w.b, SHARED, blocks.REVIEW_EDIT_ACTION, f"{q}:"),
         ()),
        ("an answer to change", lambda w: press(w.b, SHARED, f"{blocks.EDIT_PICK_ACTION}:0",
                                                f"{q}:{question_id}"), ()),
        ("Cancel", lambda w: press(w.b, SHARED, blocks.CANCEL_ACTION, f"{q}:"), ()),
        ("Resume in the DM", lambda w: press(w.b, SHARED, blocks.RESUME_ACTION, f"{q}:"), ()),
        ("Resume in App Home", lambda w: press(w.b, SHARED, blocks.RESUME_ACTION, str(q),
                                               in_home=True), ()),
        # The same lead's name in team B is team B's own lead: a draft of its own.
        ("/qualify Initech", lambda w: w.b.command("/qualify", "Initech", SHARED),
         ("Initech",)),
    ]
    assert tried(w, cases) == []
    # From team A the same clicks do reach the draft: the tests above could fail.
    views = len(w.h.fake.views)
    assert press(w.a, SHARED, blocks.NOTES_ACTION, f"{q}:").status == 200
    assert w.h.fake.wait(lambda: len(w.h.fake.views) > views)
    answers = len(rows_of(w.h, A)["answers"])
    assert press(w.a, SHARED, answer["action_id"], answer["value"]).status == 200
    assert len(rows_of(w.h, A)["answers"]) == answers + 1
    assert press(w.a, SHARED, blocks.CANCEL_ACTION, f"{q}:").status == 200
    w.h.drain()  # the ack comes before the work it queued
    with w.h.runtime.deps.readers() as s:
        assert s.get(Qualification, q).status == "cancelled"  # type: ignore[union-attr]


# -- a handoff: its card's buttons, their forms, Try again, the bot invited back -----------
def test_team_bs_requests_never_touch_team_as_handoffs(world: World) -> None:
    w = world
    reason = text_value("reason", "Not a fit for us at all.")
    card = f"{w.card.channel}:{w.card.ts}"
    with w.h.runtime.deps.readers() as s:  # where Umbrella's card could not be posted
        channel = s.scalar(select(Handoff.channel).where(Handoff.id == w.failed))
    joined = {"type": "member_joined_channel", "user": f"U{B}BOT", "channel": channel,
              "channel_type": "C", "team": B, "event_ts": f"{time.time():.6f}"}
    cases: list[tuple[str, Attempt, tuple[str, ...]]] = [
        ("Accept", lambda w: press(w.b, AE[B], blocks.CLAIM_ACTION, str(w.handoff)), ()),
        ("Accept, by the AE's id", lambda w: press(w.b, AE[A], blocks.CLAIM_ACTION,
                                                   str(w.handoff)), ()),
        ("Pass", lambda w: press(w.b, AE[A], blocks.PASS_ACTION, str(w.handoff)), ()),
        ("Pass's form submitted", lambda w: submit(w.b, AE[A], blocks.PASS_VIEW,
                                                   f"{w.handoff}:{card}", reason), ()),
        ("Send back", lambda w: press(w.b, AE[B], blocks.SEND_BACK_ACTION, str(w.handoff)), ()),
        ("Send back's form submitted", lambda w: submit(
            w.b, AE[B], blocks.SEND_BACK_VIEW, f"{w.handoff}:{card}", reason), ()),
        ("Try again in the DM", lambda w: press(w.b, SDR[A], blocks.RETRY_HANDOFF_ACTION,
                                                str(w.failed)), ()),
        ("Try again in App Home", lambda w: press(w.b, ADMIN[B], blocks.RETRY_HANDOFF_ACTION,
                                                  str(w.failed), in_home=True), ()),
        ("the bot invited to a channel of the same id",
         heard(lambda w: w.b.post(w.b.event_body(joined), "application/json")), ()),
    ]
    assert tried(w, cases) == []
    # From team A: the form opens, the invitation posts the card at last, the AE accepts.
    views = len(w.h.fake.views)
    assert press(w.a, AE[A], blocks.PASS_ACTION, str(w.handoff)).status == 200
    assert w.h.fake.wait(lambda: len(w.h.fake.views) > views)
    joined.update(user=f"U{A}BOT", team=A)
    assert w.a.post(w.a.event_body(joined), "application/json").status == 200
    assert w.h.fake.wait(lambda: status_of(w.h, w.failed) == "done")
    assert press(w.a, AE[A], blocks.CLAIM_ACTION, str(w.handoff)).status == 200
    w.h.drain()
    with w.h.runtime.deps.readers() as s:
        assert s.get(Handoff, w.handoff).claimed_by == AE[A]  # type: ignore[union-attr]


# -- the glossary: look-ups, its buttons, the term form, proposals and reverts -------------
def test_team_bs_requests_never_touch_team_as_glossary(world: World) -> None:
    w = world
    edited = {"term": {"value": {"type": "plain_text_input", "value": "churn"}},
              "definition": {"value": {"type": "plain_text_input",
                                       "value": "Whatever team B says it is."}}}
    removed = {"remove": {"value": {"type": "checkboxes",
                                    "selected_options": [{"value": "remove"}]}}}
    churn = json.dumps({"key": "churn"})
    cases: list[tuple[str, Attempt, tuple[str, ...]]] = [
        ("/define churn", lambda w: w.b.command("/define", "churn", SDR[B]), ()),
        ("/define arr", lambda w: w.b.command("/define", "arr", SDR[B]), ()),
        ("/define", lambda w: w.b.command("/define", "", SDR[B]), ()),
        ("/define history churn", lambda w: w.b.command("/define", "history churn", SDR[B]),
         ()),
        ("/define edit churn", lambda w: w.b.command("/define", "edit churn", EDITOR[B]), ()),
        ("a suggested term", lambda w: press(w.b, SDR[B], f"{glossary_views.DEFINE_ACTION}:0",
                                             "churn"), ()),
        ("Share in channel", lambda w: press(w.b, SDR[B], glossary_views.SHARE_ACTION,
                                             "churn"), ()),
        ("Edit", lambda w: press(w.b, EDITOR[B], glossary_views.TERM_EDIT_ACTION, "churn"), ()),
        ("History", lambda w: press(w.b, SDR[B], glossary_views.HISTORY_ACTION, "churn"), ()),
        ("the term form, saved", lambda w: submit(w.b, EDITOR[B], glossary_views.FORM_VIEW,
                                                  churn, edited), ()),
        ("the term form, removing", lambda w: submit(w.b, EDITOR[B], glossary_views.FORM_VIEW,
                                                     churn, removed), ()),
        ("Approve", lambda w: press(w.b, APPROVER[B], glossary_views.APPROVE_ACTION,
                                    str(w.proposal)), ()),
        ("Reject", lambda w: press(w.b, APPROVER[B], glossary_views.REJECT_ACTION,
                                   str(w.proposal)), ()),
        ("Revert", lambda w: press(w.b, EDITOR[B], f"{glossary_views.REVERT_ACTION}:{w.live}",
                                   str(w.live)), ()),
    ]
    assert tried(w, cases) == []
    # Team B's own glossary took the form: B's "churn", A's unchanged.
    w.h.runtime.deps.forget_terms(A)
    w.h.runtime.deps.forget_terms(B)
    assert "stopped paying us" in w.a.command("/define", "churn", SDR[A]).body
    # From team A: the approver's click makes the proposal live, the revert removes churn.
    assert press(w.a, APPROVER[A], glossary_views.APPROVE_ACTION, str(w.proposal)).status == 200
    assert press(w.a, EDITOR[A], f"{glossary_views.REVERT_ACTION}:{w.live}",
                 str(w.live)).status == 200
    w.h.drain()
    with w.h.runtime.deps.readers() as s:
        assert s.get(TermChange, w.proposal).status == "live"  # type: ignore[union-attr]
        assert s.scalar(select(TermRow.removed).where(TermRow.team_id == A,
                                                      TermRow.key == "churn")) is True


# -- /qualify's reads, the ways in, and the workflow step --------------------------------
def test_team_bs_commands_and_ways_in_read_and_start_only_team_bs_own(world: World) -> None:
    w = world
    start = {"lead": {"value": {"type": "plain_text_input", "value": "Initech"}}}
    cases: list[tuple[str, Attempt, tuple[str, ...]]] = [
        ("/qualify history Globex", lambda w: w.b.command("/qualify", "history Globex",
                                                          SDR[B]), ("Globex",)),
        ("/qualify stats", lambda w: w.b.command("/qualify", "stats", SDR[B]), ()),
        ("/qualify rules", lambda w: w.b.command("/qualify", "rules", SDR[B]), ()),
        ("/qualify away", lambda w: w.b.command("/qualify", "away", AE[A]), ()),
        ("the message shortcut", lambda w: w.b.message_shortcut(
            SHARED, {"text": "Initech wants a demo"}), ("Initech",)),
        ("the global shortcut", lambda w: w.b.shortcut(SHARED), ()),
        ("the start form submitted", lambda w: submit(w.b, SHARED, blocks.START_VIEW, "{}",
                                                      start), ("Initech",)),
        ("a flow picked", lambda w: press(w.b, SHARED, f"{blocks.PICK_FLOW_ACTION}:0",
                                          "bant|Initech"), ("Initech",)),
        ("the workflow step", heard(lambda w: w.b.function_executed(
            {"lead_name": "Initech", "sdr": SHARED})), ("Initech",)),
    ]
    assert tried(w, cases) == []
    said = w.b.command("/qualify", "history Globex", SDR[B]).body
    assert "25" not in said and "25" in w.a.command("/qualify", "history Globex", SDR[A]).body
    assert "*2*" in w.a.command("/qualify", "stats", SDR[A]).body  # A's two leads
    rules = w.b.command("/qualify", "rules", SDR[B]).body  # B's default flow, not A's
    assert "BANT" in rules and "Truly qualified" not in rules
    assert "Truly qualified" in w.a.command("/qualify", "rules", SDR[A]).body
    assert "Truly qualified" not in json.dumps(w.h.fake.views)  # B's forms offer B's flows
    with w.h.runtime.deps.readers() as s:  # team B's SHARED has their own draft of Initech
        assert s.scalar(select(Lead.id).where(Lead.team_id == B, Lead.name == "Initech"))


# -- App Home: the tab, the settings in it, and the settings form -------------------------
def home_from(side: SlackSide, user: str) -> dict[str, Any]:
    """``user`` opens the Home tab in ``side``'s workspace: the view published there."""
    h = side.fake
    published = len([c for c in h.find("views.publish", user_id=user) if c.team == side.team])
    assert side.open_home(user).status == 200
    calls = h.wait(lambda: [c for c in h.find("views.publish", user_id=user)
                            if c.team == side.team][published:])
    assert calls, f"no Home tab published for {user} in {side.team}"
    view = calls[-1].params["view"]
    return json.loads(view) if isinstance(view, str) else view  # type: ignore[no-any-return]


def test_team_bs_home_tab_and_settings_show_and_change_nothing_of_team_as(
        world: World) -> None:
    w = world
    opened: list[dict[str, Any]] = []

    def settings_form(w: World) -> Response:
        views = len(w.h.fake.views)
        r = press(w.b, ADMIN[B], blocks.SETTINGS_ACTION, "open", in_home=True)
        opened.append(w.b.opened_view(views + 1))
        return r

    def settings_saved(w: World) -> Response:
        form = opened[-1]
        return w.b.submit(ADMIN[B], form, w.b.form_values(form, sla_minutes="12"))

    cases: list[tuple[str, Attempt, tuple[str, ...]]] = [
        # The same person in both workspaces: their drafts and leads in A are not B's.
        ("Home tab of A's SDR, opened in B", heard(lambda w: w.b.open_home(SHARED)), ()),
        ("Home tab of A's SDR's id, opened in B", heard(lambda w: w.b.open_home(SDR[A])),
         ()),
        # Team B's admin: B's settings, B's undelivered handoffs, none of A's.
        ("Home tab of B's admin", heard(lambda w: w.b.open_home(ADMIN[B])), ()),
        ("Change settings", settings_form, ()),
        ("the settings form saved", settings_saved, ()),
    ]
    assert tried(w, cases) == []
    assert w.h.runtime.deps.team_settings(B).sla_minutes == 12  # B's save did happen
    assert w.h.runtime.deps.team_settings(A).sla_minutes == 47
    # Team A's admin, in A, sees what B's could not.
    mine = json.dumps(home_from(w.a, ADMIN[A]))
    assert "crm-a.example" in mine and "Umbrella" in mine
    assert "Initech" in json.dumps(home_from(w.a, SHARED))
    assert "Globex" in json.dumps(home_from(w.a, SDR[A]))


def test_an_admin_of_team_a_only_is_no_admin_in_team_b(world: World) -> None:
    """A person who is a Slack admin in one workspace of an org, not in the other: being
    one in A (and known as one) gives no settings, form or save in B."""
    w = world
    boss = "W0BOSS"
    w.h.fake.admins_of[A] = {boss}
    assert "crm-a.example" in json.dumps(home_from(w.a, boss))  # an admin in A, known so
    theirs = json.dumps(home_from(w.b, boss))
    assert "Change settings" not in theirs and "sla" not in theirs.lower()
    views = len(w.h.fake.views)
    assert press(w.b, boss, blocks.SETTINGS_ACTION, "open", in_home=True).status == 200
    w.h.drain()
    assert len(w.h.fake.views) == views
    before = rows_of(w.h, B)
    form = {"id": "V0FORGED", "hash": "h0", "type": "modal",
            "callback_id": blocks.SETTINGS_VIEW, "private_metadata": json.dumps({"version": 0}),
            "blocks": [{"type": "input", "block_id": "sla_minutes",
                        "element": {"type": "number_input", "action_id": "value"}}]}
    refused = w.b.submit(boss, form, w.b.form_values(form, sla_minutes="5")).json
    assert refused and refused["response_action"] == "errors"
    assert rows_of(w.h, B) == before


def test_the_same_person_in_both_teams_types_to_bs_draft_and_sees_as_home_in_a(
        world: World) -> None:
    """A typed reply in B answers B's draft even when A's was asked about last; a step in
    A refreshes the Home tab with A's data, though the person's newest lead is B's."""
    w = world
    home_from(w.a, SHARED)  # looked at lately: a step that closes a draft refreshes it
    before = len(w.h.dm_messages(SHARED))
    assert w.b.command("/qualify", "Hooli", SHARED).status == 200
    w.h.question(SHARED, after=before)
    answer = next(x for x in w.question.buttons() if x["action_id"].startswith("answer:"))
    assert press(w.a, SHARED, answer["action_id"], answer["value"]).status == 200
    w.h.drain()  # A's draft is now the one of this DM asked about last
    a_answers = len(rows_of(w.h, A)["answers"])
    assert len(rows_of(w.h, B)["answers"]) == 0
    assert w.b.say(SHARED, TOP[0]).status == 200
    assert eventually(lambda: len(rows_of(w.h, B)["answers"]) == 1)
    assert len(rows_of(w.h, A)["answers"]) == a_answers
    mark = len(w.h.fake.calls)
    assert press(w.a, SHARED, blocks.CANCEL_ACTION, f"{w.draft}:").status == 200
    w.h.drain()
    published = [c for c in w.h.fake.calls[mark:] if c.method == "views.publish"]
    assert published and all(c.team == A for c in published)
    assert "Hooli" not in said_since(w.h, mark, None)
