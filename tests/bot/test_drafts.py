"""Conversations that never lose an answer: review, change, cancel, resume, remind, expire."""
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.db import make_engine, make_sessions
from bot.core.models import Qualification
from bot.qualify import idle
from tests.bot.test_qualify import COLD, HOT, NINETEEN
from tests.concurrency import together
from tests.fakeslack import FakeSlack, Posted
from tests.harness import Harness
from tests.processes import AppProcess


def newest_with(h: Harness, user: str, label: str) -> Posted:
    found = h.fake.wait(lambda: next((m for m in reversed(h.dm_messages(user))
                                      if label in m.labels()), None))
    assert found is not None, f"no message with {label!r} in {h.dm(user)}"
    return found


def test_change_an_answer_from_the_review(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Fix Co", "U0FIX")
    review = h.answer_all("U0FIX", HOT, submit=False)
    preview = h.dm_messages("U0FIX")[-2]
    assert "Your answers for *Fix Co*, scored" in preview.visible()
    assert "meets the bar: score *25*" in preview.visible()
    assert "qualif" not in preview.visible().lower()  # the verdict's words only once final
    h.click("U0FIX", review, "Change an answer")
    menu = newest_with(h, "U0FIX", "Budget: Funding ready")
    h.click("U0FIX", menu, "Budget: Funding ready")
    again = newest_with(h, "U0FIX", "No budget for project")
    assert "Changing your answer (it was *Funding, ready to go*)" in again.visible()
    h.click("U0FIX", again, "Budget in formulation")
    review2 = h.fake.wait(lambda: next((m for m in reversed(h.dm_messages("U0FIX"))
                                        if "Submit" in m.labels() and m.ts != review.ts), None))
    assert review2 is not None
    assert "score *23*" in h.dm_messages("U0FIX")[-2].visible()  # the new preview
    h.click("U0FIX", review2, "Submit")
    assert h.fake.wait(lambda: "score *23*" in review2.visible() and not review2.buttons())
    card = h.fake.wait(lambda: [m for m in h.sales_posts() if "Fix Co" in m.visible()])
    assert "Budget: Budget in formulation — *3*" in card[0].visible()


def test_cancel_from_the_review_hands_nothing_off(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Cancel Co", "U0CAN")
    review = h.answer_all("U0CAN", HOT, submit=False)
    h.click("U0CAN", review, "Cancel")
    assert h.fake.wait(lambda: "Cancelled the qualification of *Cancel Co*" in review.visible())
    h.runtime.courier.deliver_due()
    assert h.sales_posts() == []
    seen = len(h.dm_messages("U0CAN"))  # the old questions' buttons may still be going away
    h.command("/qualify", "Cancel Co", "U0CAN")  # a fresh start, not the cancelled draft
    assert h.question("U0CAN", after=seen).labels()[0] == HOT[0]


def test_typing_cancel_mid_way_stops(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Stop Co", "U0STOP")
    h.click("U0STOP", h.question("U0STOP"), HOT[0])
    q2 = newest_with(h, "U0STOP", "Decision maker")
    h.drain()
    h.say("U0STOP", "cancel")
    assert h.fake.wait(lambda: "Cancelled" in q2.visible() and not q2.buttons())


def test_help_button_shows_the_glossary_definition(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Help Co", "U0HELP")
    h.click("U0HELP", h.question("U0HELP"), HOT[0])
    q2 = newest_with(h, "U0HELP", "Decision maker")
    h.click("U0HELP", q2, "What does this mean?")
    note = h.fake.wait(lambda: [m for m in h.dm_messages("U0HELP")
                                if m.ephemeral_to == "U0HELP" and "*decision maker*" in
                                m.visible()])
    assert note and "sign" in note[0].visible()
    assert newest_with(h, "U0HELP", "Decision maker").ts == q2.ts  # nothing moved on


def test_requalifying_keeps_history_and_shows_what_changed(qualibot: Harness) -> None:
    h = qualibot
    first = h.qualify("U0RQ", "Again Co", NINETEEN)
    assert "score *19*" in first.visible()
    second = h.qualify("U0RQ", "Again Co", HOT)
    text = second.visible()
    assert "Previously scored 19" in text and "now 25 (+6)" in text
    assert "Role: Influencer → Decision maker (+4)" in text
    assert "Budget: Budget in formulation → Funding ready (+2)" in text
    body = h.command("/qualify", "history again co", "U0ANY").json
    assert body["response_type"] == "ephemeral"
    listing = str(body["blocks"])
    assert "2 qualifications" in listing
    assert "*19*/25, nurture" in listing and "*25*/25, qualified" in listing


def test_quoted_name_and_usage(qualibot: Harness) -> None:
    # (escaped for Slack's mrkdwn, where a bare "<lead>" would be read as a link)
    assert "history &lt;lead&gt;" in qualibot.command("/qualify", "help", "U0Q").json["text"]
    qualibot.command("/qualify", '"History Books"', "U0Q")
    assert "(History Books)" in qualibot.question("U0Q").text


def test_idle_draft_is_reminded_once_then_expires(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Idle Co", "U0IDLE")
    h.click("U0IDLE", h.question("U0IDLE"), HOT[0])
    newest_with(h, "U0IDLE", "Decision maker")
    h.drain()
    deps, client = h.runtime.deps, h.runtime.app.client
    assert idle.remind_idle(deps, client) == 0  # not idle yet
    day_later = replace(deps, clock=lambda: deps.clock() + timedelta(hours=25))
    assert together(lambda _: idle.remind_idle(day_later, client), range(3)) in (
        [1, 0, 0], [0, 1, 0], [0, 0, 1])  # three instances, one reminder
    reminder = newest_with(h, "U0IDLE", "Resume")
    assert "(1 of 5 answered)" in reminder.visible()
    assert idle.remind_idle(day_later, client) == 0
    h.click("U0IDLE", reminder, "Resume")  # back where it stopped: question 2 again
    assert h.fake.wait(lambda: len([m for m in h.dm_messages("U0IDLE")
                                    if "Decision maker" in m.labels()]) == 2)
    h.drain()
    week_later = replace(deps, clock=lambda: deps.clock() + timedelta(days=8))
    assert idle.expire_idle(week_later, client) == 1
    assert idle.expire_idle(week_later, client) == 0
    assert h.fake.wait(lambda: [m for m in h.dm_messages("U0IDLE") if "expired" in m.visible()])
    h.command("/qualify", "Idle Co", "U0IDLE")  # starts afresh
    assert h.fake.wait(lambda: h.dm_messages("U0IDLE")[-1].labels()[:1] == [HOT[0]])


def test_a_killed_process_loses_nothing(tmp_path: Path, fake_slack: FakeSlack,
                                        sqlite_url: str) -> None:
    app = AppProcess(fake_slack, sqlite_url, tmp_path)
    slack = app.start()
    slack.command("/qualify", "Phoenix Co", "U0PHX")
    for label in HOT[:2]:
        q = slack.question("U0PHX")
        seen = len(slack.dm_messages("U0PHX"))
        slack.click("U0PHX", q, label)
        slack.wait_dm("U0PHX", seen + 1)
    third = slack.question("U0PHX")
    assert third.labels()[0] == HOT[2]
    app.kill9()
    slack = app.start()  # a new process, a new port, the same database
    seen = len(slack.dm_messages("U0PHX"))
    assert slack.click("U0PHX", third, HOT[2]).status == 200  # a button from before the crash
    slack.wait_dm("U0PHX", seen + 1)
    summary = slack.answer_all("U0PHX", HOT[3:])
    assert "score *25*" in summary.visible()
    app.stop()


def test_two_instances_on_postgres_send_one_reminder(tmp_path: Path, fake_slack: FakeSlack,
                                                     postgres_url: str) -> None:
    fast = {"DRAFT_REMIND_AFTER_HOURS": str(1 / 3600), "DRAFT_CHECK_SECONDS": "0.3"}
    a = AppProcess(fake_slack, postgres_url, tmp_path, secret="shared", **fast)
    b = AppProcess(fake_slack, postgres_url, tmp_path, secret="shared", **fast)
    slack = a.start()
    b.start()
    try:
        slack.command("/qualify", "Twin Idle Co", "U0TWIDLE")
        slack.question("U0TWIDLE")

        def reminders() -> list:
            return [m for m in slack.dm_messages("U0TWIDLE") if "Resume" in m.labels()]
        assert fake_slack.wait(reminders, timeout=15)
        engine = make_engine(postgres_url)
        with make_sessions(engine)() as s:
            reminded = s.scalars(select(Qualification.reminded_at)).one()
        engine.dispose()
        assert reminded is not None
        # Both instances keep checking every 0.3 s; the draft stays reminded once.
        fake_slack.wait(lambda: False, timeout=2)
        assert len(reminders()) == 1
    finally:
        a.stop()
        b.stop()


def test_cold_review_says_it_will_not_be_handed_off(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Frost Co", "U0FROST")
    review = h.answer_all("U0FROST", COLD, submit=False)
    assert "it is not handed off" in review.visible()


def test_a_late_click_at_review_points_to_submit(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Late Co", "U0LATE")
    for label in HOT[:-1]:
        h.click("U0LATE", newest_with(h, "U0LATE", label), label)
    last = newest_with(h, "U0LATE", HOT[-1])
    first = h.click_body("U0LATE", last, HOT[-1])
    second = h.click_body("U0LATE", last, "Plans to buy less than $100")
    h.post(first, "application/x-www-form-urlencoded")
    newest_with(h, "U0LATE", "Submit")
    h.post(second, "application/x-www-form-urlencoded")  # a late second click
    note = h.fake.wait(lambda: [m for m in h.dm_messages("U0LATE")
                                if m.ephemeral_to == "U0LATE" and "Submit" in m.visible()])
    assert note and "Every question is answered" in note[0].visible()
    assert "already finished" not in note[0].visible()


def test_clicks_at_the_same_instant_store_one_answer(qualibot_any_db: Harness,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps are decided on a read that locks nothing: of several clicks on one question
    at once, one is stored and the others, decided again on the stored row, are told the
    question was answered."""
    from bot.qualify import steps

    h = qualibot_any_db
    h.command("/qualify", "Race Co", "U0RACE")
    first = h.question("U0RACE")
    h.drain()
    read_step, all_read = steps.read_step, threading.Barrier(6, timeout=10)

    def read_together(*args: Any, **kwargs: Any) -> Any:
        row = read_step(*args, **kwargs)
        all_read.wait()  # every click has read the row before any one stores its step
        return row

    monkeypatch.setattr(steps, "read_step", read_together)
    bodies = []
    for label in ["Has a clear need for the product", "No clear need"] * 3:
        bodies.append(h.click_body("U0RACE", first, label))
        time.sleep(0.002)  # each click its own action_ts, so none is a redelivery
    statuses = together(lambda b: h.post(b, "application/x-www-form-urlencoded").status,
                        bodies)
    assert statuses == [200] * 6
    h.drain()
    asked_next = [m for m in h.dm_messages("U0RACE") if "Decision maker" in m.labels()]
    assert len(asked_next) == 1
    assert len(h.fake.find("chat.postEphemeral", user="U0RACE")) == 5
    engine = make_engine(h.runtime.deps.settings.DATABASE_URL)
    with make_sessions(engine)() as s:
        qual = s.scalars(select(Qualification).where(Qualification.sdr_user_id == "U0RACE")).one()
        assert [a.question_id for a in qual.answers] == ["need"]
        assert qual.revision == 1  # one step stored: that answer
    engine.dispose()


def test_a_draft_whose_flow_is_gone_is_closed_and_started_afresh(
        qualibot_any_db: Harness) -> None:
    from bot.core.db import transaction
    from bot.core.deps import utcnow
    from bot.qualify import store
    from config.loader import load_flows

    h = qualibot_any_db
    retired = load_flows()["bant"].model_copy(update={"id": "retired"})
    sessions = h.runtime.deps.sessions
    with transaction(sessions) as s:
        lead_id, _ = store.lead_for(s, team_id="T0TEAM", name="Old Rules Co", now=utcnow())
        old = store.start_qualification(s, lead_id=lead_id, flow=retired, sdr="U0OLD",
                                        now=utcnow())
    h.command("/qualify", "old rules co", "U0OLD")
    first = h.question("U0OLD")
    assert first.labels()[0] == "Has a clear need for the product"
    h.drain()
    with sessions() as s:
        quals = s.scalars(select(Qualification).where(Qualification.lead_id == lead_id)
                          .order_by(Qualification.id)).all()
        assert [(q.id == old, q.flow_id, q.status) for q in quals] == [
            (True, "retired", "cancelled"), (False, "bant", "draft")]
        assert quals[1].dm_channel == "DU0OLD"
