"""Replies whose reading turns on one clause a colleague would not skip, and the words of
teams who type in French, Italian or Indonesian. Tables of replies as SDRs type them, each
with the reading a sales manager would accept."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a title, then that person spoken of as someone we only have a name for, or who is
    # willing to meet us: someone else than our contact
    ("gpctba.authority", "COO in Riyadh, we've got his email and he's happy to meet",
     ("known", "likely")),
    ("gpctba.authority", "COO, i have her name", ("known", "likely")),
    ("gpctba.authority", "the CFO, she's open to meeting", ("known", "sure")),
    ("bant.role", "CFO, we have her direct line", (None, "unclear")),
    # …but what the contact says or does stays the contact's
    ("gpctba.authority", "CFO, she signs off herself", ("contact", "sure")),
    ("bant.role", "CFO, I have her ear and she decides", ("decision_maker", "sure")),
])
def test_a_title_we_only_have_a_name_for(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what we fix is one half or one part of their problem: a part fit, proposed
    ("gpctba.challenges", "rostering on whiteboards + payroll errors. we solve the rostering half",
     ("partly", "likely")),
    ("gpctba.challenges", "we fix the approvals part, the rest is their ERP",
     ("partly", "likely")),
    ("champ.challenges", "we cover the reminders side of it", ("adjacent", "likely")),
    ("gpctba.challenges", "we fix all of it", ("we_solve", "sure")),
])
def test_what_we_fix_is_one_part(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # an option they dropped is not their plan; what they want now is, proposed
    ("gpctba.plans", "they priced an outsourcing firm, scrapped the idea. now looking for "
                     "software to automate it", ("our_way", "likely")),
    ("gpctba.plans", "talked to an agency, ruled it out", (None, "unclear")),
    ("gpctba.plans", "they want to outsource it", ("other_way", "sure")),
    # what they want is what we sell
    ("gpctba.plans", "mobile checklists + auto reminders, exactly what we sell",
     ("our_way", "sure")),
])
def test_what_they_dropped_is_not_their_plan(where: str, text: str,
                                             expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # handing a proposal or an opinion on to whoever decides is recommending
    ("bant.role", "ops manager, she'd push it up to the MD", ("recommender", "sure")),
    ("anum.authority", "HR lead, proposes it to the owner", ("recommends", "sure")),
    ("anum.authority", "gives his opinion to the GM, can't sign", ("recommends", "sure")),
    ("bant.role", "finance mgr, builds the business case for the board",
     ("recommender", "sure")),
])
def test_handing_it_on_is_recommending(where: str, text: str,
                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # French, Italian and Indonesian words, as teams there type their answers
    ("meddic.champion", "sì, il direttore IT", ("yes", "sure")),
    ("gpctba.consequences", "si", ("yes", "sure")),
    ("gpctba.consequences", "si le DAF refuse, rien", (None, "unclear")),  # "si" is "if"
    ("bant.need", "ils ont besoin d'un outil", ("clear", "sure")),
    ("bant.need", "pas besoin pour l'instant", ("none", "sure")),
    ("truly_qualified.need", "hanno bisogno", ("clear", "sure")),
    ("bant.role", "DAF, c'est elle qui décide", ("decision_maker", "sure")),
    ("anum.authority", "amministratore delegato, decide lui", ("signs", "sure")),
    ("truly_qualified.access", "c'est elle qui décide", ("they_decide", "sure")),
    ("truly_qualified.access", "ci presenta al suo capo", ("introduce", "sure")),
    ("truly_qualified.access", "pas pour le moment", ("not_yet", "sure")),
    ("bant.budget", "budget validé", ("funded", "sure")),
    ("bant.budget", "in fase di approvazione", ("formulating", "sure")),
    ("bant.budget", "pas de budget", ("none", "sure")),
    ("gpctba.plans", "aucun plan", ("no_plan", "sure")),
    ("truly_qualified.project", "groupe de travail créé en septembre", ("task_force", "sure")),
    ("champ.priority", "priorité absolue pour la DRH", ("top", "sure")),
    ("champ.priority", "pas la priorité absolue", (None, "unclear")),
    # a budget with no line for this
    ("bant.budget", "no line item for it", ("none", "sure")),
    ("bant.budget", "they're building it into the budget for next year",
     ("formulating", "sure")),
])
def test_words_in_other_languages(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # criteria written around what only we do favour us, in any language
    ("meddic.criteria", "tender spec written around our offline mode", ("written", "sure")),
    ("meddic.criteria", "cahier des charges écrit autour de notre module", ("written", "sure")),
    ("meddic.criteria", "criteri a nostro favore", ("written", "sure")),
    # points gained on a rate are a number the goal moves by
    ("gpctba.goals", "on-time arrivals up 10 pts this year", ("quantified", "sure")),
    # little pain, in French and Italian
    ("meddic.pain", "rien de grave, ça tourne", ("mild", "sure")),
    ("meddic.pain", "niente di che", ("mild", "sure")),
    # the SDR could not tell: no answer, however many answers the words point at
    ("champ.challenges", "bit of scheduling, bit of HR stuff, no clarity really",
     (None, "unclear")),
    ("meddic.criteria", "mentioned SSO, didn't get a clear answer on the rest",
     (None, "unclear")),
])
def test_criteria_goals_and_pain(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # handed on to someone, then "his decision" or "her call": the one just named decides
    ("anum.authority", "office manager, she'll take it to the MD, it's his call",
     ("recommends", "sure")),
    ("bant.role", "will pitch it to the COO but it's her decision", ("recommender", "sure")),
    # …but said of the contact, with no one handed on to, it is the contact's
    ("anum.authority", "the owner himself, his decision", ("signs", "sure")),
    ("bant.role", "CFO, it's her call", ("decision_maker", "sure")),
    # a title said to be happy to meet us is someone we can meet, proposed
    ("gpctba.authority", "VP Finance, happy to meet us in Jan", ("known", "likely")),
])
def test_his_decision_after_handing_it_on(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # in the product all day, the money not theirs: a user
    ("anum.authority", "warehouse lead, she'd basically live in it, budget isn't her thing",
     ("uses", "sure")),
    ("bant.role", "night supervisor, would live in it", ("influencer", "sure")),
    # money or people cut is no problem software solves: proposed as not ours
    ("gpctba.challenges", "honestly the main thing is budget cuts", ("not_ours", "likely")),
    ("gpctba.challenges", "headcount freeze until summer", ("not_ours", "likely")),
    # "nah nothing" to a question about goals is no goal
    ("gpctba.goals", "nothing really", ("none", "sure")),
    ("gpctba.goals", "nothing we can put a number on yet", (None, "unclear")),
    # a pain said as drowning or a nightmare points at a severe one, proposed
    ("meddic.pain", "finance team drowning in it", ("severe", "likely")),
    ("meddic.pain", "month end is a nightmare", ("severe", "sure")),
])
def test_users_cuts_and_pain(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "no timeline given" says they did not say when: no answer, unless "we don't know" is one
    ("bant.timing", "no date given", (None, "unclear")),
    ("truly_qualified.timing", "they didn't give a timeframe", (None, "unclear")),
    ("meddic.process", "no timeframe given", ("later", "sure")),
    # "no timeline" itself is the team's answer for later
    ("bant.timing", "no timeline", ("year_or_later", "sure")),
])
def test_no_timeline_given_is_not_said(where: str, text: str,
                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what we do beside a part we don't, with no other answer read: a part fit, proposed
    ("champ.challenges", "we do the scheduling, not the invoicing", ("adjacent", "likely")),
    ("gpctba.challenges", "we handle approvals but not the vendor onboarding",
     ("partly", "likely")),
    ("champ.challenges", "we do nothing for that, not our area", ("none", "sure")),
    # their real problem is something else, or ours only touches it: proposed as a part fit
    ("champ.challenges", "the real issue is their ERP, we touch on it with exports",
     ("adjacent", "likely")),
    ("gpctba.challenges", "their real problem is cash flow", ("partly", "likely")),
])
def test_a_part_of_their_problem(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # selling us when we are not in the room is a champion
    ("meddic.champion", "ops director keeps making our case when we're not in the room",
     ("yes", "sure")),
    # the work handed to someone outside is another way than ours
    ("gpctba.plans", "thinking of moving payroll to an outsourcer", ("other_way", "sure")),
    ("gpctba.plans", "giving the books to their bookkeeper", ("other_way", "sure")),
])
def test_champions_and_plans_elsewhere(where: str, text: str,
                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "our contact, the CFO": the title after our contact is our contact's
    ("gpctba.authority", "our contact, the COO", ("contact", "sure")),
    ("gpctba.authority", "my contact (the founder)", ("contact", "sure")),
    # …but a title that then acts may be someone else: asked
    ("gpctba.authority", "our contact, the CFO signs", (None, "unclear")),
])
def test_our_contact_the_title(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
