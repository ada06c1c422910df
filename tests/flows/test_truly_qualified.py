"""The truly qualified flow: SPEC's full definition on top of the five BANT questions,
its points, bar, tiers and knockouts, as tables of leads a sales manager would recognise."""
import pytest

from config.loader import load_flows
from flows.conversation import Ask, Pick, Review, Start, step
from flows.model import Draft
from flows.rules import describe
from flows.scoring import explain

FLOWS = load_flows()
TQ = FLOWS["truly_qualified"]
BANT = FLOWS["bant"]

ADDED = {  # question -> {choice: points}
    "problem": {"stated": 5, "hinted": 3, "none": 0},
    "project": {"task_force": 5, "boss_asked": 4, "none": 0},
    "access": {"they_decide": 5, "introduce": 4, "not_yet": 1, "no_path": 0},
}


def test_it_asks_bants_five_questions_with_the_same_answers_and_points() -> None:
    for q in BANT.questions:
        mine = TQ.question(q.id)
        assert mine is not None, q.id
        assert (mine.text, mine.kind, mine.criterion) == (q.text, q.kind, q.criterion)
        assert [(c.id, c.label, c.points, c.min, c.max, c.max_days) for c in mine.choices] == \
               [(c.id, c.label, c.points, c.min, c.max, c.max_days) for c in q.choices]


def test_it_adds_problem_project_and_access_scored() -> None:
    assert [q.id for q in TQ.questions] == ["need", "problem", "project", "role", "access",
                                            "timing", "budget", "size"]
    for qid, points in ADDED.items():
        assert {c.id: c.points for c in TQ.question(qid).choices} == points
    assert TQ.max_points == 40
    assert [(t.name, t.min, t.handoff) for t in TQ.verdicts] == [
        ("qualified", 28, True), ("nurture", 16, False), ("disqualified", 0, False)]


# The weakest lead that still meets every condition of the definition: it sits on the bar.
BAR = {"need": "clear", "problem": "hinted", "project": "boss_asked", "role": "recommender",
       "access": "introduce", "timing": "within_year", "budget": "formulating",
       "size": "from_10k"}
BEST = {"need": "clear", "problem": "stated", "project": "task_force",
        "role": "decision_maker", "access": "they_decide", "timing": "within_6_months",
        "budget": "funded", "size": "over_50k"}


def run(answers: dict[str, str]) -> tuple[list[str], object]:
    """Click through the flow in its order; returns the questions asked and the end."""
    draft, reply = step(TQ, Draft(flow_id=TQ.id, lead="Acme"), Start())
    asked = []
    while isinstance(reply, Ask):
        asked.append(reply.question.id)
        draft, reply = step(TQ, draft, Pick(reply.question.id, answers[reply.question.id]))
    assert isinstance(reply, Review)
    return asked, reply.score


@pytest.mark.parametrize(("lead", "answers", "total", "verdict"), [
    ("the best lead", BEST, 40, "qualified"),
    ("every condition met at its weakest", BAR, 28, "qualified"),
    ("…but only an influencer", dict(BAR, role="influencer"), 26, "nurture"),
    ("…but buying in a year or later", dict(BAR, timing="year_or_later"), 26, "nurture"),
    ("…but access not yet", dict(BAR, access="not_yet"), 25, "nurture"),
    ("…but a small deal, though the contact decides",
     dict(BAR, size="from_100", access="they_decide"), 27, "nurture"),
    ("a decision maker with a date, no project in name",
     dict(BEST, project="none", budget="formulating", size="from_10k"), 31, "qualified"),
    ("a recommender on their own, no project",
     dict(BAR, project="none"), 24, "nurture"),
    ("a problem admitted but little else",
     {"need": "clear", "problem": "hinted", "project": "none", "role": "influencer",
      "access": "not_yet", "timing": "within_year", "budget": "formulating",
      "size": "under_100"}, 16, "nurture"),
    ("…one point less",
     {"need": "clear", "problem": "hinted", "project": "none", "role": "influencer",
      "access": "not_yet", "timing": "year_or_later", "budget": "formulating",
      "size": "from_100"}, 15, "disqualified"),
    ("a project but no problem admitted is scored, not knocked out",
     dict(BEST, problem="none"), 35, "qualified"),
])
def test_leads_score_their_sum_against_the_bar(lead: str, answers: dict[str, str], total: int,
                                               verdict: str) -> None:
    asked, s = run(answers)
    assert asked == [q.id for q in TQ.questions], lead
    assert (s.total, s.verdict, s.knockout) == (total, verdict, None), lead
    assert s.qualified is (verdict == "qualified")
    assert explain(s).endswith(f"= {total} {'≥' if total >= 28 else '<'} 28")


@pytest.mark.parametrize(("lead", "answers", "asked_until", "reason", "recheck"), [
    ("no project and no problem admitted", dict(BEST, problem="none", project="none"),
     "project", "no_project_no_problem", 90),
    ("nothing at all", {"need": "none", "problem": "none", "project": "none"},
     "project", "no_project_no_problem", 90),
    ("cannot get us to the final decision maker", dict(BEST, access="no_path"),
     "access", "no_access_to_decider", 60),
    ("no budget for the project", dict(BEST, budget="none"), "budget", "no_budget", 90),
])
def test_knockouts_send_the_lead_to_nurture_with_a_recheck(lead: str, answers: dict[str, str],
                                                           asked_until: str, reason: str,
                                                           recheck: int) -> None:
    asked, s = run(answers)
    order = [q.id for q in TQ.questions]
    assert asked == order[:order.index(asked_until) + 1], lead
    assert s.knockout is not None and s.knockout.reason == reason
    assert s.knockout.recheck_days == recheck
    assert s.verdict == "nurture" and not s.qualified


def test_its_rules_read_as_the_written_definition() -> None:
    text = "\n".join(describe(TQ))
    assert text.startswith("Truly qualified (version ")
    assert "A lead is truly qualified when the prospect admits a business problem" in text
    assert "qualified at 28 points or more (handed off to sales)" in text
    assert "Best possible score: 40." in text
    assert ("Knockout: “No project yet”, when the business problem is “None admitted”, "
            "means nurture whatever the points (no_project_no_problem, recheck in 90 days)."
            ) in text
    assert ("Knockout: “No, they cannot” means nurture whatever the points "
            "(no_access_to_decider, recheck in 60 days).") in text
