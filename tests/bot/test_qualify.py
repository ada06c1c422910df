"""/qualify over the real HTTP endpoint: conversations, summaries, handoffs, claims."""
import re
import threading
import time

from tests.harness import Harness

HOT = ["Has a clear need for the product", "Decision maker", "Plans to buy within six months",
       "Funding, ready to go", "Plans to buy $50,000 or more"]
COLD = ["No clear need", "Influencer", "Plans to buy in one year or later",
        "No budget for project", "Plans to buy less than $100"]
TWENTY = HOT[:4] + ["Plans to buy less than $100"]
NINETEEN = ["Has a clear need for the product", "Influencer", "Plans to buy within six months",
            "Budget in formulation", "Plans to buy $50,000 or more"]


def handoffs_for(h: Harness, lead: str) -> list:
    return [m for m in h.sales_posts() if lead in m.visible()]


def test_hot_lead_by_clicks_is_qualified_and_handed_off(qualibot_any_db: Harness) -> None:
    h = qualibot_any_db
    r = h.command("/qualify", "Acme Corp", "U0SDR1")
    assert r.status == 200 and "Acme Corp" in r.json["text"]
    first = h.question("U0SDR1")
    assert h.fake.find("conversations.open", users="U0SDR1")
    assert first.labels() == ["Has a clear need for the product", "No clear need",
                              "What does this mean?", "Paste call notes", "Answer in a form"]
    summary = h.answer_all("U0SDR1", HOT)
    text = summary.visible()
    assert "*qualified*" in text and "score *25* out of 25" in text
    assert "= 25 ≥ 20" in text
    card = h.fake.wait(lambda: handoffs_for(h, "Acme Corp"))
    assert len(card) == 1
    card_text = card[0].visible()
    assert "<@U0SDR1>" in card_text and "*25*" in card_text
    assert re.search(r"Budget: Funding ready — \*5\*", card_text)
    assert card[0].labels() == ["Claim this lead", "Send back"]


def test_cold_lead_is_not_handed_off(qualibot: Harness) -> None:
    summary = qualibot.qualify("U0SDR2", "Cold Co", COLD)
    assert "*not qualified*" in summary.visible() and "score *2*" in summary.visible()
    qualibot.runtime.courier.deliver_due()
    assert handoffs_for(qualibot, "Cold Co") == []


def test_exactly_twenty_qualifies(qualibot: Harness) -> None:
    summary = qualibot.qualify("U0SDR3", "Twenty Ltd", TWENTY)
    assert "*qualified*" in summary.visible() and "score *20*" in summary.visible()
    assert qualibot.fake.wait(lambda: handoffs_for(qualibot, "Twenty Ltd"))


def test_nineteen_does_not_qualify_and_shows_each_criterion(qualibot: Harness) -> None:
    summary = qualibot.qualify("U0SDR4", "Nineteen Ltd", NINETEEN)
    text = summary.visible()
    assert "*not qualified*" in text and "score *19*" in text
    assert "Role: Influencer — *1* of 5" in text
    assert "Budget: Budget in formulation — *3* of 5" in text
    qualibot.runtime.courier.deliver_due()
    assert handoffs_for(qualibot, "Nineteen Ltd") == []


def test_typed_answers_work_like_clicks(qualibot_any_db: Harness) -> None:
    h = qualibot_any_db
    typed = ["yes", "DM", "within 6 months", "funded", "$50,000 or more"]
    summary = h.qualify("U0TYPE", "Typed Inc", typed, typed=True)
    assert "score *25*" in summary.visible()
    def answered() -> list:
        return [m for m in h.dm_messages("U0TYPE")
                if "white_check_mark" in m.visible() and "· question" in m.visible()]
    # Each question message turns into its answer (no buttons left), each exactly once.
    assert h.fake.wait(lambda: len(answered()) == 5), [m.visible() for m in answered()]
    assert not any(m.buttons() for m in answered())
    assert [m.updates for m in answered()] == [1] * 5
    assert h.fake.wait(lambda: handoffs_for(h, "Typed Inc"))


def test_unclear_typed_answer_is_reasked_and_loses_nothing(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Unclear Co", "U0UNC")
    h.question("U0UNC")
    seen = len(h.dm_messages("U0UNC"))
    h.say("U0UNC", "maybe next week?")
    reask = h.wait_dm("U0UNC", seen + 1)[-1]
    assert "couldn't match “maybe next week?”" in reask.visible()
    assert "1. Has a clear need for the product" in reask.visible()
    assert reask.labels() == ["Has a clear need for the product", "No clear need",
                              "What does this mean?", "Paste call notes", "Answer in a form"]
    summary = h.answer_all("U0UNC", HOT)
    assert "score *25*" in summary.visible()


def test_qualify_without_a_lead_asks_for_one(qualibot: Harness) -> None:
    r = qualibot.command("/qualify", "   ", "U0NONAME")
    assert r.status == 200 and "Which lead?" in r.json["text"]
    assert qualibot.fake.find("conversations.open") == []


def test_qualify_again_resumes_the_open_draft(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Resume Co", "U0RES")
    h.click("U0RES", h.question("U0RES"), HOT[0])
    second = h.fake.wait(lambda: len([m for m in h.dm_messages("U0RES") if m.buttons()]) == 1
                         and h.question("U0RES").labels()[0] == "Decision maker")
    assert second
    h.command("/qualify", "resume co", "U0RES")  # same lead, other spelling
    again = h.fake.wait(lambda: len([m for m in h.dm_messages("U0RES") if m.buttons()]) == 2)
    assert again and h.question("U0RES").labels()[0] == "Decision maker"
    summary = h.answer_all("U0RES", HOT[1:])
    assert "score *25*" in summary.visible()


def test_double_click_counts_once(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Double Co", "U0DBL")
    q = h.question("U0DBL")
    first, second = h.click_body("U0DBL", q, HOT[0]), h.click_body("U0DBL", q, "No clear need")
    assert h.post(first, "application/x-www-form-urlencoded").status == 200
    assert h.post(second, "application/x-www-form-urlencoded").status == 200  # other choice
    h.wait_dm("U0DBL", 2)
    note = h.fake.wait(lambda: [m for m in h.dm_messages("U0DBL")
                                if "already answered" in m.visible()])
    assert note and note[0].ephemeral_to == "U0DBL"
    summary = h.answer_all("U0DBL", HOT[1:])
    assert "score *25*" in summary.visible()  # the first click stood


def test_someone_else_cannot_answer_my_questions(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Mine Co", "U0OWNER")
    q = h.question("U0OWNER")
    assert h.click("U0OTHER", q, HOT[0]).status == 200
    h.command("/qualify", "Mine Co", "U0OWNER")  # resume: still at question 1
    h.fake.wait(lambda: len([m for m in h.dm_messages("U0OWNER") if m.buttons()]) == 2)
    assert h.question("U0OWNER").labels()[0] == HOT[0]


def test_a_failed_edit_does_not_stop_the_conversation(qualibot: Harness) -> None:
    h = qualibot
    h.fake.fail("chat.update", 200, times=100, error="message_not_found")
    summary = h.qualify("U0EDIT", "Edit Fail Co", HOT)
    assert "score *25*" in summary.visible()


def test_a_slack_failure_is_reported_and_the_retry_works(qualibot: Harness) -> None:
    h = qualibot
    h.fake.fail("conversations.open", 200, times=1, error="fatal_error")
    assert h.command("/qualify", "Sorry Co", "U0SORRY").status == 200
    told = h.fake.wait(lambda: [c for c in h.fake.find("response_url")
                                if "something went wrong on our side" in c.params["text"]])
    assert told and told[0].params["_user"] == "U0SORRY"
    assert "Traceback" not in told[0].params["text"]
    h.command("/qualify", "Sorry Co", "U0SORRY")
    assert h.question("U0SORRY").labels()[0] == HOT[0]


def test_a_reply_typed_before_its_question_was_stored_still_tidies_it(qualibot: Harness) -> None:
    """Where each question message is gets stored behind its post, in batches: a reply
    typed before that (a fast typist, a busy floor) is still shown on the question it
    answered, and a pointer that comes too late moves nothing back."""
    h = qualibot
    pointers = h.runtime.pointers
    pointers.delay = 0.0  # each pointer taken at once, and held in its write below
    store_them, gate, batches = pointers.write, threading.Event(), []

    def held(batch: list) -> None:
        gate.wait(10)
        batches.append(len(batch))
        store_them(batch)

    pointers.write = held
    h.command("/qualify", "Quick Co", "U0QUICK")
    first = h.question("U0QUICK")
    h.say("U0QUICK", "yes")  # the first question's pointer is not stored yet
    second = h.question("U0QUICK", after=1)
    assert "Decision maker" in second.labels() and first.updates == 0
    gate.set()
    h.drain()
    assert first.updates == 1 and not first.buttons()
    assert "white_check_mark" in first.visible() and "Has a clear need" in first.visible()
    assert sum(batches) == 2 and len(batches) <= 2
    h.say("U0QUICK", "DM")  # the second one's was stored: its message is tidied at once
    h.question("U0QUICK", after=2)
    h.drain()
    assert second.updates == 1 and "Decision maker" in second.visible()
    assert not second.buttons()


def test_a_click_stores_where_its_question_is_and_its_pointer_is_never_written(
        qualibot: Harness) -> None:
    """A question's pointer waits a moment before it is stored: a click on the question
    within it stores where its message is in the click's own step, and the pointer is
    taken back unwritten. A typed reply then still tidies the question it answers."""
    from sqlalchemy import text

    h = qualibot
    pointers = h.runtime.pointers
    store_them, written = pointers.write, []
    pointers.write = lambda batch: (written.extend(batch), store_them(batch))
    h.command("/qualify", "Click Co", "U0CLICK")
    first = h.question("U0CLICK")
    h.drain()  # the first question's pointer, stored
    second_at = len(h.dm_messages("U0CLICK"))
    pointers.delay = 60.0  # from now on, pointers wait
    h.click("U0CLICK", first, HOT[0])
    second = h.question("U0CLICK", after=second_at)
    h.fake.wait(lambda: first.updates == 1)
    h.click("U0CLICK", second, HOT[1])
    third = h.question("U0CLICK", after=second_at + 1)

    def stored() -> tuple[str, str]:
        with h.runtime.deps.readers() as r:
            return tuple(r.execute(text("SELECT question_ts, asked_question_id FROM "
                                        "qualifications")).one())
    assert stored() == (second.ts, "role")  # by the click on it, in its step
    assert [p.ts for p in written] == [first.ts]  # the second's pointer: never written
    h.say("U0CLICK", "within six months")  # the third's waits: stored before the reply
    fourth = h.question("U0CLICK", after=second_at + 2)
    h.drain()
    assert third.updates == 1 and not third.buttons() and HOT[2] in third.visible()
    assert [p.ts for p in written] == [first.ts, fourth.ts]  # the fourth's, by drain
    assert not second.buttons() and HOT[1] in second.visible()


def test_answers_are_acknowledged_on_the_request_thread_while_the_work_pool_has_room(
        qualibot: Harness) -> None:
    """The listeners of answers, of the buttons on a draft and of typed replies only
    acknowledge and queue their work: they run on the request's own thread (no hop to
    Bolt's pool, no polling for the ack) while the work pool has room; with it full, on
    Bolt's pool as before, and the conversation goes on either way."""
    from bot.slack.quick import QuickRunner, is_quick

    h = qualibot
    app = h.runtime.app
    assert isinstance(app.listener_runner, QuickRunner)
    quick = [listener.ack_function.__name__ for listener in app._listeners
             if is_quick(listener)]
    assert {"answer", "typed"} <= set(quick) and quick.count("listener") == 7
    assert not any(is_quick(listener) for listener in app._listeners
                   if listener.ack_function.__name__ in ("qualify", "pick", "paste_notes"))
    h.command("/qualify", "Room Co", "U0ROOM")
    first = h.question("U0ROOM")
    runner = app.listener_runner
    runner.has_room = lambda: False  # a full pool: on Bolt's pool
    assert h.click("U0ROOM", first, HOT[0]).status == 200
    second = h.question("U0ROOM", after=1)
    runner.has_room = h.runtime.work.has_room
    assert h.click("U0ROOM", second, HOT[1]).status == 200
    assert "question 3 of 5" in h.question("U0ROOM", after=2).visible()


def test_dm_messages_that_are_not_replies_change_nothing(qualibot: Harness) -> None:
    """Edits, deletions, bots' posts (our own questions come back as events too) and thread
    replies without text are acknowledged with 200 and leave the open question as it was."""
    h = qualibot
    h.command("/qualify", "Quiet Co", "U0QUIET")
    h.question("U0QUIET")
    seen = len(h.dm_messages("U0QUIET"))
    ts = f"{time.time():.6f}"
    channel = h.dm("U0QUIET")
    others = [
        {"subtype": "message_changed", "message": {"user": "U0QUIET", "text": "yes"},
         "previous_message": {"user": "U0QUIET", "text": "ye"}},
        {"subtype": "message_deleted", "deleted_ts": ts},
        {"subtype": "bot_message", "bot_id": "B0OTHER", "text": "yes"},
        {"bot_id": "B0BOT", "user": "U0BOT", "text": "Does the prospect have a need?"},
        {"user": "U0QUIET", "text": "   "},
        {"subtype": "channel_join", "user": "U0QUIET", "text": "joined"},
    ]
    for extra in others:
        event = {"type": "message", "channel": channel, "channel_type": "im", "ts": ts,
                 "event_ts": ts, **extra}
        r = h.post(h.event_body(event), "application/json")
        assert r.status == 200, (extra, r.status, r.body)
    assert len(h.dm_messages("U0QUIET")) == seen
    # A typed reply after them is still the answer to the first question: the second comes.
    h.say("U0QUIET", "yes")
    asked = h.wait_dm("U0QUIET", seen + 1)[-1]
    assert "question 2 of 5" in asked.visible()
