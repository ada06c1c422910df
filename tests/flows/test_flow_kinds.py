"""Question kinds, branches, knockouts and tiers, with no Slack at all."""
from datetime import date

import pytest

from config.loader import load_flows
from flows.conversation import Ask, Pick, Review, Say, Start, step
from flows.model import Draft
from flows.rules import describe
from flows.scoring import explain, score

FLOWS = load_flows()
TODAY = date(2026, 11, 23)


def run(flow_id: str, replies: list[str | tuple[str, str]]) -> tuple[Draft, object]:
    """Answer the flow's questions in order: a string is typed, a pair is a click."""
    flow = FLOWS[flow_id]
    draft, reply = step(flow, Draft(flow_id=flow_id, lead="Acme"), Start())
    for r in replies:
        assert isinstance(reply, Ask), f"expected a question before {r!r}, got {reply}"
        event = Pick(*r) if isinstance(r, tuple) else Say(r, TODAY)
        draft, reply = step(flow, draft, event)
    return draft, reply


@pytest.mark.parametrize(("typed", "band"), [
    ("$30k", "funded"), ("25,000", "funded"), ("USD 12000", "some"), ("1.2M", "funded"),
    ("fifty thousand", "funded"), ("3k", "little"), ("nothing", "none"),
])
def test_money_is_placed_in_its_band(typed: str, band: str) -> None:
    draft, _ = run("anum", [("authority", "signs"), ("need", "urgent_pain"),
                            ("urgency", "quarter"), typed])
    assert draft.answer_for("money").choice_id == band


@pytest.mark.parametrize(("typed", "band"), [
    ("ASAP", "quarter"), ("within 3 months", "quarter"), ("in 90 days", "quarter"),
    ("within 6 months", "half"), ("Q3", "later"),
])
def test_timeframes_are_placed_in_their_band(typed: str, band: str) -> None:
    draft, _ = run("anum", [("authority", "signs"), ("need", "urgent_pain"), typed])
    assert draft.answer_for("urgency").choice_id == band


@pytest.mark.parametrize(("typed", "band"), [("Q1", "half"), ("next year", "later")])
def test_a_time_that_straddles_bands_is_proposed_by_its_latest_day(typed: str,
                                                                   band: str) -> None:
    # Q1 2027 runs from day 39 to day 128: partly within three months, wholly within six.
    draft, reply = run("anum", [("authority", "signs"), ("need", "urgent_pain"), typed])
    assert draft.answer_for("urgency") is None
    assert isinstance(reply, Ask) and reply.proposal is not None
    assert reply.proposal.choice_id == band
    draft, reply = step(FLOWS["anum"], draft, Say("yes", TODAY))
    assert draft.answer_for("urgency").choice_id == band and draft.proposals == ()


def test_unreadable_amount_is_reasked_with_what_is_accepted() -> None:
    flow = FLOWS["anum"]
    draft, reply = run("anum", [("authority", "signs"), ("need", "urgent_pain"),
                                ("urgency", "quarter")])
    same, again = step(flow, draft, Say("a decent amount", TODAY))
    assert same == draft and isinstance(again, Ask) and again.unclear is not None
    assert again.unclear.hint


def test_branch_asks_who_signs_only_when_the_contact_does_not() -> None:
    draft, reply = run("anum", [("authority", "signs")])
    assert isinstance(reply, Ask) and reply.question.id == "need"
    draft, reply = run("anum", [("authority", "recommends")])
    assert isinstance(reply, Ask) and reply.question.id == "signer"
    draft, reply = run("anum", [("authority", "recommends"), "Dana, the CFO"])
    assert draft.answer_for("signer").typed == "Dana, the CFO"


def test_knockout_ends_the_questions_and_forces_the_tier() -> None:
    draft, reply = run("anum", [("authority", "signs"), ("need", "urgent_pain"),
                                ("urgency", "quarter"), ("money", "none")])
    assert isinstance(reply, Review)
    s = reply.score
    assert s.verdict == "nurture" and not s.qualified
    assert s.knockout.reason == "no_budget" and s.knockout.recheck_days == 90
    assert "knocked out (no_budget)" in explain(s)
    # the same points without the knockout answer would be scored by the tiers
    draft2, reply2 = run("anum", [("authority", "signs"), ("need", "urgent_pain"),
                                  ("urgency", "quarter"), ("money", "funded")])
    assert reply2.score.verdict == "qualified"


def test_knockout_mid_flow_skips_the_rest() -> None:
    draft, reply = run("champ", [("challenges", "none")])
    assert isinstance(reply, Review) and reply.score.verdict == "disqualified"
    assert [i.question_id for i in reply.score.items] == ["challenges"]


def test_grades_a_to_d() -> None:
    flow = FLOWS["meddic"]
    best = {"metrics": "yes", "economic_buyer": "yes", "criteria": "written",
            "process": "soon", "pain": "severe", "champion": "yes"}
    worst = {"metrics": "no", "economic_buyer": "no", "criteria": "unknown",
             "process": "later", "pain": "mild", "champion": "no"}
    for answers, grade in ((best, "a"), (worst, "d")):
        draft = Draft(flow_id="meddic", lead="Acme")
        for q in flow.questions:
            if q.id in answers:
                draft, reply = step(flow, draft, Pick(q.id, answers[q.id]))
            elif isinstance(reply, Ask) and reply.question.id == q.id:
                draft, reply = step(flow, draft, Say("the CFO, via our champion", TODAY))
        assert isinstance(reply, Review) and score(flow, draft).verdict == grade


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_rules_read_in_plain_words(flow_id: str) -> None:
    lines = describe(FLOWS[flow_id])
    assert lines[0].startswith(FLOWS[flow_id].name)
    assert "handed off to sales" in lines[1]
    assert len(lines) >= 2 + len(FLOWS[flow_id].questions)


def test_yes_no_words() -> None:
    draft, _ = run("champ", [("challenges", "core"), "yep"])
    assert draft.answer_for("authority").choice_id == "yes"
    draft, reply = run("champ", [("challenges", "core"), "nope"])
    assert isinstance(reply, Ask) and reply.question.id == "decider"


def test_number_questions_use_bands() -> None:
    from flows.model import Flow

    flow = Flow.model_validate({
        "id": "size", "name": "Size", "threshold": 5, "questions": [{
            "id": "staff", "criterion": "company size", "kind": "number",
            "text": "How many employees?", "choices": [
                {"id": "big", "label": "500 or more", "points": 5, "min": 500},
                {"id": "mid", "label": "50 to 499", "points": 3, "min": 50, "max": 500},
                {"id": "small", "label": "Under 50", "points": 0, "max": 50}]}]})
    for typed, band in (("250", "mid"), ("1,200", "big"), ("12", "small"), ("2k", "big")):
        draft, reply = step(flow, Draft(flow_id="size", lead="A"), Say(typed, TODAY))
        assert draft.answer_for("staff").choice_id == band, typed
    same, reply = step(flow, Draft(flow_id="size", lead="A"), Say("lots", TODAY))
    assert isinstance(reply, Ask) and reply.unclear is not None


def test_a_knockout_on_a_question_no_longer_asked_does_not_count() -> None:
    from flows.conversation import Edit
    from flows.model import Flow

    flow = Flow.model_validate({
        "id": "ko", "name": "KO", "tiers": [
            {"name": "qualified", "min": 5, "handoff": True}, {"name": "out", "min": 0}],
        "questions": [
            {"id": "a", "criterion": "a", "text": "A?", "kind": "yes_no", "choices": [
                {"id": "yes", "label": "Yes", "points": 5}, {"id": "no", "label": "No",
                                                               "points": 0}]},
            {"id": "b", "criterion": "b", "text": "B?", "ask_if": {"question": "a",
                                                                    "is": ["yes"]},
             "choices": [{"id": "ok", "label": "Fine", "points": 0},
                         {"id": "bad", "label": "Bad", "points": 0,
                          "knockout": {"reason": "ko_b", "tier": "out"}}]},
            {"id": "c", "criterion": "c", "text": "C?", "choices": [
                {"id": "hi", "label": "High", "points": 5}, {"id": "lo", "label": "Low",
                                                              "points": 0}]}]})
    draft = Draft(flow_id="ko", lead="A")
    draft, _ = step(flow, draft, Pick("a", "yes"))
    draft, reply = step(flow, draft, Pick("b", "bad"))
    assert isinstance(reply, Review) and reply.score.verdict == "out"
    draft, _ = step(flow, draft, Edit("a"))
    draft, reply = step(flow, draft, Pick("a", "no"))  # b no longer applies…
    assert isinstance(reply, Ask) and reply.question.id == "c"  # …so c is asked after all
    draft, reply = step(flow, draft, Pick("c", "hi"))
    assert reply.score.knockout is None and reply.score.verdict == "qualified"


def _together(when: dict) -> dict:
    """A flow whose second question knocks out only together with an answer to the first."""
    yes_no = [{"id": "yes", "label": "Yes", "points": 5}, {"id": "no", "label": "No",
                                                          "points": 0}]
    return {
        "id": "ko", "name": "KO", "tiers": [
            {"name": "qualified", "min": 10, "handoff": True}, {"name": "later", "min": 0}],
        "questions": [
            {"id": "pain", "criterion": "pain", "text": "Pain?", "kind": "yes_no",
             "choices": yes_no},
            {"id": "plan", "criterion": "plan", "text": "Plan?", "choices": [
                {"id": "some", "label": "A plan", "points": 5},
                {"id": "none", "label": "No plan", "points": 0,
                 "knockout": {"reason": "nothing_moving", "tier": "later",
                              "recheck_days": 30, "when": when}}]},
            {"id": "size", "criterion": "size", "text": "Big?", "kind": "yes_no",
             "choices": yes_no}]}


@pytest.mark.parametrize(("pain", "plan", "verdict", "asked", "knockout"), [
    ("no", "none", "later", ["pain", "plan"], "nothing_moving"),  # both: knocked out
    ("yes", "none", "qualified", ["pain", "plan", "size"], None),  # no plan alone: points
    ("no", "some", "qualified", ["pain", "plan", "size"], None),
    ("yes", "some", "qualified", ["pain", "plan", "size"], None),
])
def test_a_knockout_with_when_needs_both_answers(pain: str, plan: str, verdict: str,
                                                 asked: list[str], knockout: str | None
                                                 ) -> None:
    from flows.model import Flow

    flow = Flow.model_validate(_together({"question": "pain", "is": ["no"]}))
    draft, reply = step(flow, Draft(flow_id="ko", lead="A"), Pick("pain", pain))
    draft, reply = step(flow, draft, Pick("plan", plan))
    if isinstance(reply, Ask):
        draft, reply = step(flow, draft, Pick("size", "yes"))
    assert isinstance(reply, Review)
    s = reply.score
    assert [i.question_id for i in s.items] == asked
    assert (s.knockout.reason if s.knockout else None) == knockout
    assert s.verdict == verdict
    if knockout:
        assert s.knockout.recheck_days == 30 and s.verdict == "later" and not s.qualified
        assert "knocked out (nothing_moving)" in explain(s)
        line = next(x for x in describe(flow) if "Knockout" in x)
        assert line == ("   Knockout: “No plan”, when the pain is “No”, means later whatever "
                        "the points (nothing_moving, recheck in 30 days).")


def test_changing_the_earlier_answer_lifts_a_knockout_with_when() -> None:
    from flows.conversation import Edit
    from flows.model import Flow

    flow = Flow.model_validate(_together({"question": "pain", "is": ["no"]}))
    draft, _ = step(flow, Draft(flow_id="ko", lead="A"), Pick("pain", "no"))
    draft, reply = step(flow, draft, Pick("plan", "none"))
    assert isinstance(reply, Review) and reply.score.knockout is not None
    draft, _ = step(flow, draft, Edit("pain"))
    draft, reply = step(flow, draft, Pick("pain", "yes"))
    assert isinstance(reply, Ask) and reply.question.id == "size"


@pytest.mark.parametrize(("when", "complaint"), [
    ({"question": "size", "is": ["no"]}, "not a question of this flow asked before it"),
    ({"question": "ghost", "is": ["no"]}, "not a question of this flow asked before it"),
    ({"question": "pain", "is": ["maybe"]}, "does not have"),
    ({"question": "pain"}, "give either `is` or `is_not`"),
])
def test_a_knockout_with_when_must_name_an_earlier_answer(when: dict, complaint: str) -> None:
    from pydantic import ValidationError

    from flows.model import Flow

    with pytest.raises(ValidationError, match=complaint):
        Flow.model_validate(_together(when))


def test_a_knockout_without_when_keeps_its_stored_shape_and_the_flow_its_version() -> None:
    from flows.model import Knockout

    ko = Knockout(reason="no_budget", tier="nurture", recheck_days=90)
    assert ko.model_dump(mode="json") == {"reason": "no_budget", "tier": "nurture",
                                          "recheck_days": 90}
    assert Knockout.model_validate(ko.model_dump(mode="json")) == ko
    assert FLOWS["anum"].version == "bb8aa4083f8a"  # as before knockouts could have `when`
    together = Knockout.model_validate({"reason": "x", "tier": "t",
                                        "when": {"question": "q", "is": ["no"]}})
    assert Knockout.model_validate(together.model_dump(mode="json")) == together


def test_typing_an_answer_while_changing_it_is_read_as_the_answer() -> None:
    from flows.conversation import Edit

    bant = FLOWS["bant"]
    draft = Draft(flow_id="bant", lead="A")
    first = {"need": "none", "role": "decision_maker", "timing": "within_6_months",
             "budget": "funded", "size": "over_50k"}
    for q in bant.questions:
        draft, reply = step(bant, draft, Pick(q.id, first[q.id]))
    draft, _ = step(bant, draft, Edit("need"))
    draft, reply = step(bant, draft, Say("yes", TODAY))  # an alias of "Has a clear need"
    assert draft.answer_for("need").choice_id == "clear" and reply.score.total == 25


@pytest.mark.parametrize(("flow_id", "question", "typed", "band", "today"), [
    ("gpctba", "timeline", "end of next year", "later", TODAY),
    ("anum", "urgency", "within 6 months", "half", date(2025, 3, 1)),
    ("bant", "size", "$50k", "over_50k", TODAY),
    ("bant", "size", "fifty thousand", "over_50k", TODAY),
    ("bant", "size", "2,500", "from_100", TODAY),
    ("bant", "timing", "Q3", "within_year", TODAY),
    ("bant", "timing", "in 3 months", "within_6_months", TODAY),
    ("bant", "timing", "Plans to buy within six months", "within_6_months", TODAY),
])
def test_measured_replies_go_to_their_band(flow_id: str, question: str, typed: str,
                                           band: str, today: date) -> None:
    from flows.conversation import read

    found = read(FLOWS[flow_id].question(question), typed, today)
    assert found.sure and found.choice is not None and found.choice.id == band, found


def test_a_digit_on_a_money_question_is_a_button_to_confirm() -> None:
    from flows.conversation import read

    # "4" to "How much money?" is the fourth button more often than four dollars: it is
    # proposed, never taken, so the SDR sees "Nothing set aside yet" before it counts.
    found = read(FLOWS["anum"].question("money"), "4", TODAY)
    assert found.likely and found.choice is not None and found.choice.id == "none"
