"""Starting a qualification from wherever the lead shows up, over real HTTP against the
fake Slack: the message shortcut, the global shortcut, the answers form and the Workflow
Builder step."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.core.models import Qualification
from tests.harness import Harness

SDR = "U0SDR"
WEB_FORM = ("*New demo request*\n*Name:* Jane Doe\n*Company:* Globex Corporation\n"
            "*Message:* I'm the CFO; budget approved, we want to buy within 3 months, about "
            "$80k.")


def typed(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def picked(value: str) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value}}


def start_values(lead: str, notes: str | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {"lead": {"name": typed(lead)}}
    values["notes"] = {"text": typed(notes) if notes else {"type": "plain_text_input",
                                                           "value": None}}
    return values


def answer_until_review(h: Harness, user: str):
    """Click the first answer (or Yes to "Did you mean …?") of each open question until
    the review comes; return it."""
    seen = 0
    for _ in range(12):
        q = h.question(user, after=seen)
        if "Submit" in q.labels():
            return q
        seen = len(h.dm_messages(user))
        assert h.click(user, q, "Yes" if "Yes" in q.labels() else q.labels()[0]).status == 200
        h.fake.wait(lambda seen=seen: len(h.dm_messages(user)) > seen)
        h.drain()
    raise AssertionError([m.visible() for m in h.dm_messages(user)])


def qualification(h: Harness) -> Qualification:
    with h.runtime.deps.sessions() as s:
        q = s.scalars(select(Qualification).order_by(Qualification.id.desc())).first()
        assert q is not None
        s.expunge(q)
        return q


def inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


# -- the message shortcut -----------------------------------------------------------------
def test_a_message_shortcut_starts_a_qualification_with_the_message_as_notes(
        qualibot: Harness) -> None:
    h = qualibot
    r = h.message_shortcut(SDR, {"text": WEB_FORM, "ts": "1700000000.000100"})
    assert r.status == 200
    view = h.opened_view(1)
    fields = inputs(view)
    assert fields["lead"]["initial_value"] == "Globex Corporation"
    assert fields["notes"]["initial_value"].startswith("*New demo request*")
    assert "flow" not in fields  # one flow enabled: no select

    r = h.submit(SDR, view, start_values("Globex Corp", fields["notes"]["initial_value"]))
    assert r.status == 200 and not r.body.strip()  # the form closes
    h.question(SDR)
    h.drain()
    said = "\n".join(m.visible() for m in h.dm_messages(SDR))
    assert "From your notes on *Globex Corp*" in said
    assert h.fake.find("chat.getPermalink", channel="C0INBOUND",
                       message_ts="1700000000.000100")
    q = qualification(h)
    assert q.source_url == "https://test.slack.com/archives/C0INBOUND/p1700000000000100"
    assert q.notes and "Globex Corporation" in q.notes

    # Whatever the notes did not settle is asked; the qualified lead's card links back.
    assert h.click(SDR, answer_until_review(h, SDR), "Submit").status == 200
    card = h.fake.wait(lambda: h.sales_posts() and h.sales_posts()[-1])
    assert "From a message" in card.visible()
    assert "<https://test.slack.com/archives/C0INBOUND/p1700000000000100|" in card.visible()


def test_a_shortcut_on_a_message_with_no_text_asks_for_notes(qualibot: Harness) -> None:
    h = qualibot
    assert h.message_shortcut(SDR, {"text": "", "files": [{"id": "F1"}]}).status == 200
    view = h.opened_view(1)
    fields = inputs(view)
    assert "initial_value" not in fields["lead"] and "initial_value" not in fields["notes"]
    assert any("no text I can read" in (b.get("elements") or [{}])[0].get("text", "")
               for b in view["blocks"] if b["type"] == "context")

    r = h.submit(SDR, view, start_values("   "))  # no lead: said on the field, form kept
    assert r.json == {"response_action": "errors",
                      "errors": {"lead": "Type the company or person you are qualifying."}}
    assert h.submit(SDR, view, start_values("<!channel> Ltd")).status == 200
    first = h.question(SDR)
    assert "&lt;!channel&gt; Ltd" in first.visible() and "<!channel>" not in first.visible()


def test_a_long_message_fits_the_form(qualibot: Harness) -> None:
    h = qualibot
    assert h.message_shortcut(SDR, {"text": "Company: Hooli\n" + "blah " * 2000}).status == 200
    fields = inputs(h.opened_view(1))  # the fake refuses a modal real Slack would refuse
    assert fields["lead"]["initial_value"] == "Hooli"
    assert len(fields["notes"]["initial_value"]) <= 3000


def test_several_flows_offer_a_select(fake_slack, sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url, QUALIBOT_FLOWS="bant,meddic") as h:
        assert h.shortcut(SDR).status == 200
        view = h.opened_view(1)
        assert [o["value"] for o in inputs(view)["flow"]["options"]] == ["bant", "meddic"]
        values = dict(start_values("Initech"), flow={"id": picked("meddic")})
        assert h.submit(SDR, view, values).status == 200
        h.question(SDR)
        assert qualification(h).flow_id == "meddic"
        stale = dict(start_values("Initech"), flow={"id": picked("nope")})
        assert h.submit(SDR, view, stale).json["errors"] == {
            "flow": "Those rules are no longer in use; pick others."}


# -- the global shortcut ------------------------------------------------------------------
def test_the_global_shortcut_opens_the_form_empty(qualibot: Harness) -> None:
    h = qualibot
    assert h.shortcut(SDR).status == 200
    view = h.opened_view(1)
    assert view["callback_id"] == "qualify_start"
    assert all("initial_value" not in e for e in inputs(view).values())
    assert h.submit(SDR, view, start_values("Acme", "Spoke to the CFO, budget approved."))\
        .status == 200
    h.question(SDR)
    assert qualification(h).source_url is None
    assert not h.fake.find("chat.getPermalink")


# -- the answers form ---------------------------------------------------------------------
HOT_FORM = {"q:need": {"choice": picked("clear")}, "q:role": {"choice": picked("decision_maker")},
            "q:timing": {"typed": typed("within 3 months")},
            "q:budget": {"choice": picked("funded")}, "q:size": {"typed": typed("$80k")}}


def review_in(h: Harness, user: str, after: int = 0):
    review = h.fake.wait(lambda: next((m for m in h.dm_messages(user)[after:]
                                       if "Submit" in m.labels()), None))
    assert review is not None, [m.visible() for m in h.dm_messages(user)]
    return review


def test_the_form_answers_every_question_and_goes_to_the_review(qualibot: Harness) -> None:
    h = qualibot
    r = h.command("/qualify", "Acme Corp --form", SDR)
    assert r.status == 200
    view = h.opened_view(1)
    assert view["callback_id"] == "qualify_answers"
    fields = inputs(view)
    assert list(fields) == ["q:need", "q:role", "q:timing", "q:budget", "q:size"]
    assert fields["q:need"]["type"] == "static_select"
    assert fields["q:size"]["type"] == "plain_text_input"

    unreadable = dict(HOT_FORM, **{"q:size": {"typed": typed("50k-ish")},
                                   "q:timing": {"typed": typed("depends on the board")}})
    r = h.submit(SDR, view, unreadable)  # said on the fields; the modal keeps the values
    assert r.json["response_action"] == "errors"
    assert set(r.json["errors"]) == {"q:size", "q:timing"}
    assert "“50k-ish” could mean" in r.json["errors"]["q:size"]
    assert all(len(e) <= 150 for e in r.json["errors"].values())
    assert not h.dm_messages(SDR)

    assert h.submit(SDR, view, HOT_FORM).status == 200
    review = review_in(h, SDR)
    assert "score *25* out of 25" in "\n".join(m.visible() for m in h.dm_messages(SDR))
    assert h.click(SDR, review, "Submit").status == 200
    card = h.fake.wait(lambda: h.sales_posts() and h.sales_posts()[-1])
    assert "Acme Corp" in card.visible() and "From a message" not in card.visible()


def test_a_form_that_fails_on_our_side_comes_back_in_the_dm(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Acme Corp --form", SDR)
    view = h.opened_view(1)
    h.fake.fail("conversations.open", status=200, times=1)
    assert h.submit(SDR, view, HOT_FORM).status == 200
    back = h.fake.wait(lambda: next((m for m in h.dm_messages(SDR)
                                     if "what you entered" in m.visible()), None))
    assert back is not None
    assert "Size: $80k" in back.visible() and "Timing: within 3 months" in back.visible()
    assert "Lead: Acme Corp (BANT rules)" in back.visible()


def test_a_likely_reading_and_a_blank_are_asked_in_the_dm(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Acme Corp --form", SDR)
    view = h.opened_view(1)
    partial = dict(HOT_FORM, **{"q:timing": {"typed": typed("end of summer")}})
    del partial["q:budget"]  # left out: asked in the DM
    assert h.submit(SDR, view, partial).status == 200
    proposal = h.question(SDR)
    assert "Did you mean *Plans to buy within a year*" in proposal.visible()
    assert h.click(SDR, proposal, "Yes").status == 200
    budget = h.fake.wait(lambda: next((m for m in h.dm_messages(SDR)
                                       if "Funding, ready to go" in m.labels()), None))
    assert budget is not None
    assert h.click(SDR, budget, "Funding, ready to go").status == 200
    review_in(h, SDR)


def test_answer_in_a_form_from_the_first_question_leaves_branches_to_the_dm(
        fake_slack, sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url, QUALIBOT_FLOWS="meddic") as h:
        flow = h.runtime.deps.flows["meddic"]
        h.command("/qualify", "Initech", SDR)
        first = h.question(SDR)
        assert h.click(SDR, first, "Answer in a form").status == 200
        view = h.opened_view(1)
        fields = inputs(view)
        branch = next(q for q in flow.questions if q.id == "who_buys")
        assert "q:who_buys" not in fields
        assert [f"q:{q.id}" for q in flow.questions if q.ask_if is None] == list(fields)
        values: dict[str, Any] = {}
        for q in flow.questions:
            if q.ask_if is None and q.kind.value in ("money", "timeframe", "number", "text"):
                values[f"q:{q.id}"] = {"typed": typed({"money": "$200k", "timeframe": "ASAP",
                                                       "number": "3", "text": "Jane, CFO"}
                                                      [q.kind.value])}
            elif q.ask_if is None:
                chosen = "no" if q.id == "economic_buyer" else q.choices[0].id
                values[f"q:{q.id}"] = {"choice": picked(chosen)}
        seen = len(h.dm_messages(SDR))
        assert h.submit(SDR, view, values).status == 200
        # "no economic buyer" opens the branch: asked in the DM, then the review.
        asked = h.fake.wait(lambda: next((m for m in h.dm_messages(SDR)[seen:]
                                          if branch.text in m.visible()), None))
        assert asked is not None, [m.visible() for m in h.dm_messages(SDR)]
        h.drain()
        assert h.say(SDR, "Their COO, through Jane").status == 200
        review_in(h, SDR, after=seen)


# -- the Workflow Builder step ------------------------------------------------------------
STEP_INPUTS = {"lead_name": "Globex", "sdr": SDR,
               "notes": "Spoke to the CFO, budget approved, buying within 3 months, ~$80k."}


def completed(h: Harness, method: str, execution_id: str = "Fx0001"):
    calls = h.fake.wait(lambda: h.fake.find(method, function_execution_id=execution_id))
    assert calls, f"no {method} for {execution_id}: {[c.method for c in h.fake.calls]}"
    return calls[-1].params


def test_a_workflow_step_completes_with_the_verdict(qualibot_any_db: Harness) -> None:
    h = qualibot_any_db
    assert h.function_executed(STEP_INPUTS).status == 200
    h.question(SDR)
    h.drain()
    assert qualification(h).function_execution_id == "Fx0001"
    said = "\n".join(m.visible() for m in h.dm_messages(SDR))
    assert "From your notes on *Globex*" in said
    assert h.click(SDR, answer_until_review(h, SDR), "Submit").status == 200
    params = completed(h, "functions.completeSuccess")
    outputs = params["outputs"]
    outputs = json.loads(outputs) if isinstance(outputs, str) else outputs
    assert outputs["qualified"] is True and outputs["verdict"] == "qualified"
    assert (outputs["score"], outputs["max_score"]) == (25, 25)
    assert "Budget: Funding ready (5 of 5)" in outputs["summary"]
    assert outputs["summary"].endswith("= 25 ≥ 20")
    assert outputs["qualification_url"].startswith("https://test.slack.com/archives/DU0SDR/p")
    assert not h.fake.find("functions.completeError")
    assert h.fake.wait(lambda: h.sales_posts())


def test_a_workflow_step_with_bad_inputs_fails_with_the_reason(qualibot: Harness) -> None:
    h = qualibot
    h.fake.bots.add("U0BOTUSER")
    cases = {
        "Fx1": (dict(STEP_INPUTS, flow="nope"), "There is no flow “nope” in use here"),
        "Fx2": (dict(STEP_INPUTS, sdr="U0BOTUSER"), "is a bot or an app"),
        "Fx3": (dict(STEP_INPUTS, lead_name="  "), "The lead's name is empty"),
        "Fx4": (dict(STEP_INPUTS, sdr="not-a-user"), "must be a person"),
    }
    for execution_id, (given, _) in cases.items():
        assert h.function_executed(given, execution_id).status == 200
    for execution_id, (_, reason) in cases.items():
        assert reason in completed(h, "functions.completeError", execution_id)["error"]
    h.drain()
    assert not h.dm_messages(SDR) and not h.dm_messages("U0BOTUSER")
    assert not h.fake.find("functions.completeSuccess")


def test_a_cancelled_step_fails_and_a_restart_loses_nothing(fake_slack,
                                                            sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url) as h:
        h.function_executed(dict(STEP_INPUTS, notes=""), "FxA")
        h.function_executed({"lead_name": "Hooli", "sdr": "U0OTHER"}, "FxB")
        h.question(SDR)
        h.question("U0OTHER")
        h.drain()
    with Harness.serve(fake_slack, sqlite_url) as h:  # another instance, after a restart
        h.say("U0OTHER", "cancel")
        assert "cancelled the qualification of Hooli" in completed(
            h, "functions.completeError", "FxB")["error"]
        h.answer_all(SDR, ["Has a clear need for the product", "Decision maker",
                           "Plans to buy within six months", "Funding, ready to go",
                           "Plans to buy $50,000 or more"])
        assert completed(h, "functions.completeSuccess", "FxA")


def test_an_expired_step_fails_with_the_reason(qualibot: Harness) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from bot.qualify import idle

    h = qualibot
    h.function_executed(STEP_INPUTS, "FxOld")
    h.question(SDR)
    h.drain()
    deps = h.runtime.deps
    later = replace(deps, clock=lambda: deps.clock() + timedelta(days=30))
    assert idle.expire_idle(later, h.runtime.app.client) == 1
    assert "expired" in completed(h, "functions.completeError", "FxOld")["error"]


def test_the_manifest_declares_every_entry_point() -> None:
    from pathlib import Path

    import yaml

    from bot.qualify.workflow import outputs
    from bot.slack import blocks
    from config.loader import load_flows
    from flows.conversation import Pick, step
    from flows.model import Draft
    from flows.scoring import score

    manifest = yaml.safe_load((Path(__file__).parents[2] / "manifest.yml").read_text())
    shortcuts = {s["callback_id"]: s["type"] for s in manifest["features"]["shortcuts"]}
    assert shortcuts == {blocks.MESSAGE_SHORTCUT: "message", blocks.GLOBAL_SHORTCUT: "global"}
    step_ = manifest["functions"][blocks.WORKFLOW_STEP]
    assert set(step_["input_parameters"]) == {"lead_name", "sdr", "notes", "flow"}
    assert step_["input_parameters"]["sdr"]["type"] == "slack#/types/user_id"
    assert "function_executed" in manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"commands", "chat:write", "im:write", "users:read"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])
    bant = load_flows()["bant"]
    draft = Draft(flow_id="bant", lead="Acme")
    for q in bant.questions:
        draft, _ = step(bant, draft, Pick(q.id, q.choices[0].id))
    given = outputs(score(bant, draft), url="https://x.slack.com/archives/D1/p1")
    kinds = {"string": str, "boolean": bool, "integer": int}
    declared = step_["output_parameters"]
    assert set(given) == set(declared)
    assert all(isinstance(given[k], kinds[v["type"]]) for k, v in declared.items())


def test_a_step_slack_could_not_be_told_about_is_told_later(qualibot: Harness) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from bot.qualify import idle

    h = qualibot
    h.fake.fail("functions.completeSuccess", status=200, times=1)
    h.function_executed({"lead_name": "Umbrella", "sdr": SDR}, "FxLate")
    h.answer_all(SDR, ["Has a clear need for the product", "Decision maker",
                       "Plans to buy within six months", "Funding, ready to go",
                       "Plans to buy $50,000 or more"])
    h.drain()
    assert [c.ok for c in h.fake.find("functions.completeSuccess")] == [False]
    deps, client = h.runtime.deps, h.runtime.app.client
    assert idle.tell_steps(deps, client) == 0  # the instance that ended it goes first
    later = replace(deps, clock=lambda: deps.clock() + timedelta(minutes=5))
    assert idle.tell_steps(later, client) == 1
    told = h.fake.find("functions.completeSuccess", function_execution_id="FxLate")[-1]
    outputs = told.params["outputs"]
    outputs = json.loads(outputs) if isinstance(outputs, str) else outputs
    assert told.ok and outputs["score"] == 25
    assert outputs["qualification_url"].startswith("https://")
    assert idle.tell_steps(later, client) == 0  # told once
    assert qualification(h).function_done_at is not None


def test_the_form_shows_the_answers_a_draft_has() -> None:
    from bot.qualify.forms import answers_modal, read_answers
    from config.loader import load_flows
    from flows.model import Answer, Draft

    bant = load_flows()["bant"]
    draft = Draft(flow_id="bant", lead="Acme", answers=(
        Answer(question_id="need", choice_id="clear"),
        Answer(question_id="size", choice_id="over_50k", typed="$80k"),
        Answer(question_id="timing", choice_id="within_year", typed="we buy in Q3, CFO said",
               source="notes")))
    view = answers_modal(flow=bant, lead="Acme", draft=draft, qualification_id=7)
    fields = inputs(view)
    assert fields["q:need"]["initial_option"]["value"] == "clear"
    assert fields["q:size"]["initial_value"] == "$80k"
    assert fields["q:timing"]["initial_value"] == "Plans to buy within a year"
    assert "initial_option" not in fields["q:role"]
    values = {b: ({"choice": picked(e["initial_option"]["value"])} if "initial_option" in e
                  else {"typed": typed(e.get("initial_value") or "")})
              for b, e in fields.items()}
    from datetime import date
    filled = read_answers(dict(view, state={"values": values}), flow=bant,
                          today=date(2026, 12, 3))
    assert not filled.errors and not filled.proposals
    assert {(a.question_id, a.choice_id) for a in filled.answers} == {
        ("need", "clear"), ("size", "over_50k"), ("timing", "within_year")}


def test_forms_with_odd_values_are_answered_and_start_nothing(qualibot: Harness) -> None:
    h = qualibot
    h.shortcut(SDR)
    start = h.opened_view(1)
    h.command("/qualify", "Acme --form", SDR)
    answers = h.opened_view(2)
    for values in ({}, {"lead": "x"}, {"lead": {"name": {"value": 5}}},
                   {"lead": {"name": []}, "notes": {"text": {"value": None}}}):
        r = h.submit(SDR, start, values)
        assert r.json["errors"] == {"lead": "Type the company or person you are qualifying."}
    r = h.submit(SDR, answers, {"q:size": {"typed": typed("lots and lots")},
                                "q:need": {"choice": {"selected_option": "clear"}}})
    assert set(r.json["errors"]) == {"q:size"}
    r = h.submit(SDR, dict(answers, private_metadata="{"), {})
    assert r.json["response_action"] == "errors"
    h.drain()
    assert not h.dm_messages(SDR)
