"""Replies to questions with fixed answers whose reading turns on who is spoken of, on two
things said in turn, on a part, on a problem named with no word of fit, and on a rank or
stake that says how much it hurts. Tables of replies as SDRs type them, each with the
reading a sales manager would accept, and near misses that must not move."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # our contact as "he" or "she", then "they" deciding: the others named, not the contact
    ("anum.authority", "ops lead. she'll champion us with the directors, they sign though",
     ("recommends", "sure")),
    ("anum.authority", "he pushes for us with the owners, they decide", ("recommends", "sure")),
    ("bant.role", "she recommends, they sign", ("recommender", "sure")),
    # …but "they" with no "he" or "she" before is still the contact
    ("truly_qualified.access", "they decide", ("they_decide", "sure")),
    ("anum.authority", "founder, signs herself", ("signs", "sure")),
])
def test_they_decide_after_he_or_she_is_someone_else(where: str, text: str,
                                                      expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # one answer said, then another: asked again
    ("meddic.pain", "he said it was killing them, then said it's no big deal", (None, "unclear")),
    ("meddic.pain", "told us it's a nightmare then later said they're fine", (None, "unclear")),
    # the same answer said twice stays
    ("meddic.pain", "said it was painful, then said it's a nightmare", ("severe", "sure")),
])
def test_two_answers_said_in_turn_are_asked(where: str, text: str,
                                            expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a part done only halfway, beside what we do: the part answer, proposed
    ("gpctba.challenges", "scheduling we nail, but they also want invoicing, which we only "
                          "half do", ("partly", "likely")),
    ("champ.challenges", "they want a payroll export, we kinda do that via an integration",
     ("adjacent", "likely")),
    ("gpctba.challenges", "half and half — rostering yes, their hiring problem no",
     ("partly", "likely")),
    ("champ.challenges", "half & half", ("adjacent", "likely")),
    # what we do, all of it
    ("gpctba.challenges", "we nail all of it", ("we_solve", "sure")),
])
def test_a_part_done_halfway(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "partly" where no answer says "partly": neither all nor nothing, asked again
    ("meddic.criteria", "partly, security matters, the rest nobody told us", (None, "unclear")),
    ("meddic.criteria", "partially known: SSO and price", (None, "unclear")),
    # where an answer says "partly", it is that answer
    ("gpctba.challenges", "partly", ("partly", "sure")),
    # "half the …" is no opening "partly"
    ("meddic.criteria", "we know the criteria", ("known", "sure")),
])
def test_partly_where_no_answer_says_partly(where: str, text: str,
                                            expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a concrete problem of how the work runs, named with no word of fit: ours, proposed
    ("champ.challenges", "timesheets take days to approve", ("core", "likely")),
    ("gpctba.challenges", "onboarding chaos every september", ("we_solve", "likely")),
    ("champ.challenges", "scheduling across 6 clinics", ("core", "likely")),
    ("gpctba.challenges", "purchase orders stuck in email, suppliers chasing",
     ("we_solve", "likely")),
    ("champ.challenges", "no real-time tracking on their vans", ("core", "likely")),
    ("gpctba.challenges", "returns processing is a mess", ("we_solve", "likely")),
    # people, not software: not ours, proposed
    ("gpctba.challenges", "it's a staffing thing, they're understaffed", ("not_ours", "likely")),
    ("champ.challenges", "honestly a people problem", ("none", "likely")),
    # a fit said outright stays as said
    ("gpctba.challenges", "out of scope for us", ("not_ours", "sure")),
])
def test_a_problem_named_with_no_word_of_fit(where: str, text: str,
                                             expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # how much it hurts, said by rank or by what is at stake
    ("meddic.pain", "CFO called it her #1 for next year", ("severe", "sure")),
    ("meddic.pain", "it's on his KPIs", ("severe", "sure")),
    ("meddic.pain", "the practice manager almost cried on the call", ("severe", "sure")),
    ("meddic.pain", "their top goal since the audit", ("severe", "sure")),
    ("champ.priority", "it's her #1 this quarter", ("top", "sure")),
    # on the list, behind other work: this year
    ("champ.priority", "on the list, but behind the ERP and the office move",
     ("this_year", "sure")),
    # a daily pain that costs nobody their job: real, lived with
    ("meddic.pain", "annoying every day but nobody's losing their job over it", ("real", "sure")),
    ("meddic.pain", "it's fine for now", (None, "unclear")),  # ("fine", no "fines")
    ("meddic.pain", "a daily headache, they cope", ("real", "sure")),
    # mild stays mild
    ("meddic.pain", "a bit annoying, nice to have", ("mild", "sure")),
])
def test_severity_said_by_rank_or_stakes(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "not yet", then when it may change: still not yet
    ("truly_qualified.access", "not yet, maybe once they've seen pricing", ("not_yet", "likely")),
    ("truly_qualified.access", "maybe after the demo", ("not_yet", "likely")),
    ("truly_qualified.access", "too early, maybe after the pilot", ("not_yet", "sure")),
    ("truly_qualified.access", "she wants to get buy in from her team first",
     ("not_yet", "sure")),
    # "maybe later" says nothing of when
    ("truly_qualified.access", "maybe later", (None, "unclear")),
    # the decision his own
    ("truly_qualified.access", "the decision is hers, nobody else", ("they_decide", "sure")),
    # an introduction is no deciding, even to an owner
    ("truly_qualified.access", "she'll introduce us to the owner", ("introduce", "sure")),
])
def test_access_not_yet_and_the_decision_his(where: str, text: str,
                                             expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # not got that far: not known yet
    ("meddic.criteria", "didn't get that far on the call", ("unknown", "sure")),
    # all well, to hear them: no problem
    ("truly_qualified.problem", "all rosy to hear them", ("none", "sure")),
    # puzzled about who, where not knowing who is the answer: proposed
    ("gpctba.authority", "some board at the parent co?? no names", ("unknown", "likely")),
    # a title with "??" is still asked
    ("gpctba.authority", "the COO??", (None, "unclear")),
    # a slip in the "if" of a consequence is the condition's
    ("gpctba.consequences", "they lose the contract if deliveries keep slipping",
     ("yes", "sure")),
    ("gpctba.consequences", "they'd lose their anchor client if SLAs keep slipping",
     ("yes", "likely")),
    ("gpctba.consequences", "maybe, if deliveries slip", (None, "unclear")),
])
def test_not_known_yet_and_conditions(where: str, text: str,
                                      expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # someone at work on the budget now: in formulation
    ("truly_qualified.budget", "their controller is building it", ("formulating", "sure")),
    ("truly_qualified.budget", "ops director drafting numbers for the Jan board",
     ("formulating", "sure")),
    ("bant.budget", "no budget set yet, finance is working on one", ("formulating", "likely")),
    # a "no" with nothing on its way stays asked or "none"
    ("truly_qualified.budget", "no budget, working on it", (None, "unclear")),
    ("bant.budget", "no budget", ("none", "sure")),
])
def test_a_budget_being_built(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what each time it happens costs them: costly
    ("anum.need", "rejected claims most weeks and they're eating the cost",
     ("urgent_pain", "likely")),
    ("anum.need", "every outage they lose a day's billing", ("urgent_pain", "sure")),
    ("anum.need", "wrong deliveries twice a week, each is a lost sale", ("urgent_pain", "sure")),
    # known and lived with: "ok-ish", "fixed eventually, no rush"
    ("anum.need", "counts are off but they live with it, spreadsheets work ok-ish",
     ("known_pain", "likely")),
    ("anum.need", "counts are off, they live with it, excel works ok-ish",
     ("known_pain", "sure")),
    ("anum.need", "messy invoicing, want it fixed eventually, no rush", ("known_pain", "sure")),
    ("meddic.pain", "real-ish, they live with it", ("real", "likely")),
    # a vague word alone beside no answer stays asked
    ("anum.need", "ok-ish", (None, "unclear")),
])
def test_what_it_costs_and_what_they_live_with(where: str, text: str,
                                               expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # more problems of how the work runs, named with no word of fit
    ("champ.challenges", "overtime out of control, rotas done late", ("core", "likely")),
    ("gpctba.challenges", "orders come in by phone and email only", ("we_solve", "likely")),
    ("champ.challenges", "no-shows at every clinic", ("core", "likely")),
    ("gpctba.challenges", "zero visibility of stock between sites", ("we_solve", "likely")),
])
def test_more_problems_named(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a number they want to move, and where to: a counted goal, proposed
    ("meddic.metrics", "quote turnaround down from 4 wks to 1", ("yes", "likely")),
    ("meddic.metrics", "month-end close under 5 wks, currently 11", ("yes", "likely")),
    ("meddic.metrics", "quote turnaround down from 4 days to 1", ("yes", "sure")),
    ("gpctba.goals", "invoices approved in 2 days instead of 9", ("quantified", "likely")),
    ("gpctba.goals", "cut chargebacks by ~PLN 80k/yr", ("quantified", "likely")),
    ("meddic.metrics", "recover €30k a month in missed billing", ("yes", "likely")),
    # a count with nothing to move is no goal
    ("meddic.metrics", "they have 3 sites and 40 staff", (None, "unclear")),
    ("gpctba.goals", "no numbers, just wants it faster", ("vague", "sure")),
])
def test_a_number_to_move(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # someone named "has to approve" or "must sign": not our contact
    ("champ.authority", "no, the controller has to approve + the owner", ("no", "sure")),
    ("champ.authority", "nope, treasurer must sign", ("no", "sure")),
    # the contact who has to approve is still the contact
    ("champ.authority", "yes, she has to sign", ("yes", "sure")),
])
def test_someone_named_has_to_approve(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a count of students is no student lead
    ("truly_qualified.need", "yes, 800 students and grading still on paper", ("clear", "sure")),
    ("bant.need", "just a student doing a thesis", ("none", "sure")),
])
def test_students_counted_are_no_student(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the decider out of reach
    ("truly_qualified.access", "MD is in Paris, our contact has never spoken to him",
     ("no_path", "sure")),
    ("truly_qualified.access", "founder doesn't meet vendors, ever", ("no_path", "sure")),
    # someday, with a shrug or a maybe
    ("champ.priority", "they'll get round to it eventually 🤷", ("someday", "likely")),
    ("champ.priority", "low, maybe in a few years", ("someday", "likely")),
    ("champ.priority", "maybe next quarter", (None, "unclear")),
    # a real pain nobody takes higher
    ("meddic.pain", "real pain, reps drowning in admin, but nobody's escalating it",
     ("real", "sure")),
    # no problem at all, only a demo wanted
    ("champ.challenges", "nothing really, the principal just wanted a demo", ("none", "sure")),
    # a user, said as what he would be doing
    ("anum.authority", "junior analyst, he'd just be using it", ("uses", "sure")),
])
def test_out_of_reach_someday_and_only_a_demo(where: str, text: str,
                                              expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "he'd" typed without its apostrophe is no "head"
    ("anum.authority", "junior analyst, he'd just be using it", ("uses", "sure")),
    # an introduction to come later, beside a "not now": not yet
    ("truly_qualified.access", "not right now, she'd only bring the CFO in after the pilot",
     ("not_yet", "likely")),
    # an introduction after a step, with no "not now": still the introduction
    ("truly_qualified.access", "will introduce us to the GM after the demo",
     ("introduce", "sure")),
])
def test_intro_now_or_later(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a problem of how the work runs, where the question asks for a need: proposed
    ("bant.need", "3 warehouses, reconciling stock manually", ("clear", "likely")),
    ("truly_qualified.need", "dispatch team drowning, ~200 jobs a day on a whiteboard",
     ("clear", "likely")),
    # a need, then "but there's zero budget": the budget is another question; proposed
    ("bant.need", "they need it but there's no budget rn", ("clear", "likely")),
    # a target someone has, missed again and again: severe
    ("meddic.pain", "COO has a target of 48h dispatch and they miss it every month",
     ("severe", "sure")),
])
def test_needs_and_targets_missed(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # someone else decides, and we know them: that is the answer, not a claim taken back
    ("gpctba.authority", "not our contact; the MD decides but we know him and he's agreed to meet",
     ("known", "sure")),
    # what we do, said with "only": a piece of their problem
    ("champ.challenges", "fleet fuel costs. we only route around it", ("adjacent", "likely")),
    ("gpctba.challenges", "we just met them once", (None, "unclear")),
])
def test_known_decider_and_we_only(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # one answer's word offered as a question: asked again
    ("meddic.pain", "severe?", (None, "unclear")),
    ("champ.priority", "top?", (None, "unclear")),
    # more words with the question mark still propose
    ("meddic.pain", "real pain?", ("real", "likely")),
    ("meddic.pain", "severe", ("severe", "sure")),
])
def test_one_word_offered_as_a_question(where: str, text: str,
                                        expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a year named where the answers are a place on their list (said on 3 December 2026)
    ("champ.priority", "sometime in 2027, once the new ERP is in", ("this_year", "likely")),
    ("champ.priority", "2029 at the earliest", ("someday", "likely")),
    # a year beside an answer said outright leaves the answer
    ("champ.priority", "top priority for 2027", ("top", "sure")),
])
def test_a_year_named_on_their_list(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
