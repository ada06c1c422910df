"""Every shipped flow, run over the real HTTP app against the fake Slack."""
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.loader import load_flows
from tests.fakeslack import FakeSlack, Posted
from tests.harness import Harness

ALL = ["bant", "anum", "champ", "meddic", "gpctba", "truly_qualified"]
HELP = "What does this mean?"


@pytest.fixture
def every_flow(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    with Harness.serve(fake_slack, sqlite_url, QUALIBOT_FLOWS=",".join(ALL)) as h:
        yield h


def newest(h: Harness, user: str, seen: int) -> Posted | None:
    """The newest message past ``seen`` that asks for something."""
    for m in reversed(h.dm_messages(user)[seen:]):
        if m.ephemeral_to:
            continue
        if [x for x in m.labels() if x != HELP] or "Type your answer" in m.visible():
            return m
    return None


def converse(h: Harness, user: str, replies: dict[str, str] | None = None,
             typed: str = "Dana, the CFO") -> Posted:
    """Answer until the review: the first button, or ``replies[label-of-question]`` typed
    (confirmed with Yes when it is proposed), or ``typed`` for free-text questions; then
    Submit. Returns the final summary."""
    replies = replies or {}
    seen = 0
    for _ in range(15):
        m = h.fake.wait(lambda s=seen: newest(h, user, s))
        assert m is not None, [x.visible() for x in h.dm_messages(user)]
        seen = h.dm_messages(user).index(m) + 1
        labels = [x for x in m.labels() if x != HELP]
        if "Submit" in labels:
            h.click(user, m, "Submit")
            assert h.fake.wait(lambda m=m: not m.buttons())
            return m
        question = next((k for k in replies if k in m.visible()), None)
        if "Did you mean" in m.visible():  # a reply read as likely: confirm it
            h.click(user, m, "Yes")
        elif question is not None:
            h.say(user, replies[question])
        elif labels:
            h.click(user, m, labels[0])
        else:
            h.say(user, typed)
    raise AssertionError("no review after 15 steps")


@pytest.mark.parametrize("flow_id", ALL)
def test_every_flow_runs_to_a_verdict(every_flow: Harness, flow_id: str) -> None:
    h = every_flow
    user, lead = f"U0{flow_id.upper()}", f"{flow_id.title()} Co"
    assert h.command("/qualify", f"{lead} --flow {flow_id}", user).status == 200
    final = converse(h, user)
    flow = load_flows()[flow_id]
    shown = flow.name.replace("&", "&amp;")
    assert f"{shown} rules, version `{flow.version}`" in final.visible()
    best = flow.verdicts[0]
    assert "*qualified*" in final.visible() or f"({best.title})" in final.visible() or \
        "not qualified" in final.visible()
    expected = 1 if "*qualified*" in final.visible() else 0
    h.fake.wait(lambda: len([m for m in h.sales_posts() if lead in m.visible()]) >= expected)
    h.runtime.courier.deliver_due()
    assert len([m for m in h.sales_posts() if lead in m.visible()]) == expected


def test_several_flows_and_none_named_offers_them(every_flow: Harness) -> None:
    h = every_flow
    h.command("/qualify", "Choosy Co", "U0PICK")
    picker = h.fake.wait(lambda: next((m for m in h.dm_messages("U0PICK")
                                       if "Use MEDDIC" in m.labels()), None))
    assert picker is not None
    assert picker.labels() == ["Use BANT", "Use ANUM", "Use CHAMP", "Use MEDDIC",
                               "Use GPCTBA/C&I", "Use Truly qualified"]
    h.click("U0PICK", picker, "Use MEDDIC")
    # the first question, once it has come (until then the picker is the newest message)
    q = h.fake.wait(lambda: next((m for m in [newest(h, "U0PICK", 0)]
                                  if m is not None and "Use MEDDIC" not in m.labels()), None))
    assert q is not None
    assert "number they want to move" in q.visible() and q.labels()[:2] == ["Yes", "No"]


def test_knockout_and_typed_amounts_over_http(every_flow: Harness) -> None:
    h = every_flow
    h.command("/qualify", "Broke Co --flow anum", "U0KO")
    final = converse(h, "U0KO", replies={"When do they need it": "Q1",
                                         "How much money": "nothing yet"})
    text = final.visible()
    assert "*not qualified* (nurture)" in text and "no_budget" in text
    assert "Recheck in 90 days" in text
    assert "Urgency: Within six months" in text  # "Q1" is within six months of today
    h.runtime.courier.deliver_due()
    assert not [m for m in h.sales_posts() if "Broke Co" in m.visible()]

    h.command("/qualify", "Rich Co --flow anum", "U0RICH")
    final = converse(h, "U0RICH", replies={"When do they need it": "ASAP",
                                           "How much money": "$1.2M"})
    assert "*qualified*" in final.visible() and "Money: $25k+" in final.visible()


def test_no_project_and_no_problem_is_nurture_over_http(every_flow: Harness) -> None:
    h = every_flow
    h.command("/qualify", "Idle Co --flow truly_qualified", "U0IDLE")
    final = converse(h, "U0IDLE", replies={"What business problem": "none admitted",
                                           "established project": "no project yet"})
    text = final.visible()
    assert "*not qualified* (nurture)" in text and "no_project_no_problem" in text
    assert "Knocked out by two answers together" in text and "Recheck in 90 days" in text
    assert "Timing" not in text  # the questions stopped at the project
    h.runtime.courier.deliver_due()
    assert not [m for m in h.sales_posts() if "Idle Co" in m.visible()]


def test_unreadable_amount_is_asked_again(every_flow: Harness) -> None:
    h = every_flow
    h.command("/qualify", "Vague Co --flow anum", "U0VAGUE")
    for _ in range(3):  # authority, need, urgency by the first button
        m = h.fake.wait(lambda: newest(h, "U0VAGUE", 0))
        seen = len(h.dm_messages("U0VAGUE"))
        h.click("U0VAGUE", m, [x for x in m.labels() if x != HELP][0])
        h.wait_dm("U0VAGUE", seen + 1)
    seen = len(h.dm_messages("U0VAGUE"))
    h.say("U0VAGUE", "a decent amount")
    again = h.wait_dm("U0VAGUE", seen + 1)[-1]
    assert "couldn't match “a decent amount”" in again.visible()
    assert "Nothing set aside yet" in again.labels()


def test_rules_in_slack_and_in_the_terminal(every_flow: Harness, sqlite_url: str) -> None:
    body = every_flow.command("/qualify", "rules --flow anum", "U0R").json
    text = str(body["blocks"])
    assert body["response_type"] == "ephemeral" and "ANUM" in text
    assert "nurture whatever the points (no_budget, recheck in 90 days)" in text
    body = every_flow.command("/qualify", "rules --flow truly_qualified", "U0R").json
    text = str(body["blocks"])
    assert "A lead is truly qualified when the prospect admits a business problem" in text
    assert ("Knockout: “No project yet”, when the business problem is “None admitted”, "
            "means nurture whatever the points (no_project_no_problem, recheck in 90 days)"
            ) in text
    refused = every_flow.command("/qualify", "Acme --flow bogus", "U0R").json
    assert "no flow “bogus”" in refused["text"] and "meddic" in refused["text"]
    out = subprocess.run([str(Path(sys.executable).parent / "qualibot"), "rules", "--flow",
                          "meddic"], capture_output=True, text=True, timeout=60,
                         env={"PATH": str(Path(sys.executable).parent),
                              "QUALIBOT_FLOWS": ",".join(ALL)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("MEDDIC (version ") and "Grade A at 24 points" in out.stdout
