"""A reply is sure only when the whole of it is accounted for: a clause that hands the
decision to someone else, an aim rather than a state, an answer put off, a hedge or a
question left open keeps it from being taken. Tables of replies as SDRs type them, each
with the reading a sales manager would accept."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what they work towards is not what they have: "to get it budgeted" is no budget yet
    ("bant.budget", "they're putting together a biz case to get it budgeted",
     ("formulating", "likely")),
    ("bant.budget", "they're putting together a proposal to get it budgeted", (None, "unclear")),
    ("bant.budget", "waiting for the budget to be approved", (None, "unclear")),
    ("bant.budget", "they're building a business case to get it approved",
     ("formulating", "sure")),
    ("bant.budget", "budget approved", ("funded", "sure")),
])
def test_an_aim_is_not_a_state(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the contact's words that someone else decides: that someone, not the contact
    ("bant.role", "CFO, she controls spend but says IT decides", (None, "unclear")),
    ("bant.role", "VP Ops, she runs the team but says finance decides", (None, "unclear")),
    ("bant.role", "she says she decides", ("decision_maker", "sure")),
    # "IT decides" (typed as "it"), or the decision said to be someone else's
    ("bant.role", "CFO, she controls spend but IT decides", (None, "unclear")),
    ("anum.authority", "director, says the final call is the CEO's", (None, "unclear")),
    ("bant.role", "the decision is the board's", (None, "unclear")),
    ("bant.role", "final call is hers", ("decision_maker", "sure")),
    ("bant.role", "she is the CEO", ("decision_maker", "sure")),
    # the contact's claim, then a "but" that doubts it: asked again
    ("champ.authority",
     "he says he decides but his boss was cc'd on everything and jumped in on price",
     (None, "unclear")),
    ("champ.authority", "says he's the DM but his boss joined the call and took over",
     (None, "unclear")),
    ("anum.authority",
     "she says she signs but her director had the last word on the last vendor",
     (None, "unclear")),
    # a later "though" whose words point at another answer, however weakly: proposed
    ("gpctba.implications", "not that i could tell, though the CFO mentioned targets",
     ("no", "likely")),
    ("gpctba.implications", "not that i could tell", ("no", "sure")),
    # one answer said outright, overruled by a "but" and another: proposed, not taken
    ("champ.authority", "yes he decides, but his boss has to sign", ("no", "likely")),
    # a "no" or "not yet" that the "but" goes on from stays sure
    ("bant.budget", "no budget yet, but they're putting one together", ("formulating", "sure")),
    ("bant.budget", "not approved, but they're drafting the budget now", ("formulating", "sure")),
])
def test_a_later_clause_that_points_elsewhere(where: str, text: str,
                                              expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the answer put off is no answer: "ask me next week" is no timing
    ("meddic.process", "ask me next week lol", (None, "unclear")),
    ("bant.timing", "ask me after the QBR", (None, "unclear")),
    ("gpctba.budget", "let me check with the AE", (None, "unclear")),
    ("bant.need", "will find out next call", (None, "unclear")),
    ("bant.budget", "approved, will get back to you on the amount", (None, "unclear")),
    # …but where "we don't know yet" is an answer, finding out later is that answer
    ("gpctba.authority", "no name yet, will find out", ("unknown", "sure")),
    ("gpctba.authority", "didn't get a name, will find out next call", ("unknown", "sure")),
])
def test_an_answer_put_off_is_no_answer(where: str, text: str,
                                        expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a hedge anywhere is no certainty: "maybe later" is asked again
    ("truly_qualified.access", "maybe later", (None, "unclear")),
    ("truly_qualified.access", "perhaps later", (None, "unclear")),
    # a hedged clause that only says again what another says outright: proposed
    ("truly_qualified.access", "maybe later, too early", ("not_yet", "likely")),
    ("truly_qualified.access", "maybe later, not yet", ("not_yet", "likely")),
    ("truly_qualified.access", "later, once they shortlist", ("not_yet", "sure")),
    # a hedge about something else than the answer still hedges it
    ("meddic.economic_buyer", "we met the COO but not sure she actually controls the money",
     (None, "unclear")),
])
def test_a_hedge_anywhere_is_no_certainty(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a guess with a question mark on it: asked again, not proposed
    ("anum.need", "pretty painful i think?", (None, "unclear")),
    ("champ.priority", "prob top 5?", (None, "unclear")),
    ("bant.role", "VP ops i guess?", (None, "unclear")),
    # answers offered one after another as questions: asked again
    ("meddic.pain", "huge? medium? hard to read him", (None, "unclear")),
    ("bant.role", "CFO? COO? didn't catch it", (None, "unclear")),
    # the SDR asking us, not answering
    ("bant.need", "what counts as need here? they have a tool but hate it", (None, "unclear")),
    ("bant.budget", "does a quote from last year count? they paid 20k then", (None, "unclear")),
    # a question mark alone, or one the SDR then answers, is a guess: proposed
    ("bant.role", "CEO? think so", ("decision_maker", "likely")),
    ("bant.role", "he decides?", ("decision_maker", "likely")),
])
def test_a_question_on_a_guess_is_asked_again(where: str, text: str,
                                              expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what we do, then a part we don't: a part fit, proposed
    ("gpctba.challenges",
     "site docs are a mess + payment claims; we fix the docs, not the claims side",
     ("partly", "likely")),
    ("champ.challenges", "we solve the scheduling part, not the hiring", ("adjacent", "likely")),
    ("gpctba.challenges", "we solve the invoicing side, except the customs paperwork",
     ("partly", "likely")),
    ("gpctba.challenges", "we cover the reporting but not the data entry", ("partly", "likely")),
    # what we do, and nothing left out: ours
    ("gpctba.challenges", "exactly what we do", ("we_solve", "sure")),
])
def test_what_we_do_beside_what_we_dont_is_a_part_fit(where: str, text: str,
                                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # how well we fit, in an SDR's words: "that's us", "a bit of that", "some ours some not"
    ("gpctba.challenges", "route optimisation for their vans — that's us", ("we_solve", "sure")),
    ("champ.challenges", "late invoices and no visibility on the pipeline, that's exactly our "
                         "pitch", ("core", "sure")),
    ("gpctba.challenges", "we do a bit of that, the rest is a people problem",
     ("partly", "sure")),
    ("champ.challenges", "some ours some not", ("adjacent", "sure")),
    ("gpctba.challenges", "mix of things we do and things we don't", ("partly", "sure")),
    ("champ.challenges", "couldn't get a pain out of her", ("none", "sure")),
    ("champ.challenges", "not something we do tbh, some of that is hr", ("none", "sure")),
    ("gpctba.challenges", "thats us if they go cloud", (None, "unclear")),
    # a goal that is none of ours, or has no number on it
    ("gpctba.goals", "wants to open 3 more sites, nothing we help with", ("none", "sure")),
    ("gpctba.goals", "wants to cut churn, didn't put a number on it", ("vague", "sure")),
])
def test_how_well_we_fit_as_sdrs_say_it(where: str, text: str,
                                        expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a "no" as far as the SDR could see, or a thing they don't have
    ("gpctba.implications", "not that i could tell", ("no", "sure")),
    ("meddic.champion", "not as far as i can tell", ("no", "sure")),
    ("meddic.metrics", "they don't have one", ("no", "sure")),
    # the prospect content with what they have
    ("truly_qualified.need", "nah they're grand", ("none", "sure")),
    ("anum.need", "they're all good with the current setup", ("no_pain", "sure")),
    ("truly_qualified.problem", "nothing", ("none", "sure")),
    ("truly_qualified.project", "nobody asked for it, her own initiative", ("none", "sure")),
    # a plan: none decided yet, or another way through what they have
    ("gpctba.plans", "nothing decided yet", ("no_plan", "sure")),
    ("gpctba.plans", "haven't thought about the how", ("no_plan", "sure")),
    ("gpctba.plans", "want to extend their current CRM", ("other_way", "sure")),
    ("gpctba.plans", "not decided, maybe build in house", (None, "unclear")),
])
def test_a_no_and_a_none_as_sdrs_say_them(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # someone unnamed somewhere above the contact: not known
    ("gpctba.authority", "someone at head office, no names", ("unknown", "sure")),
    ("gpctba.authority", "still trying to work out who signs", ("unknown", "sure")),
    ("gpctba.authority", "somewhere up the chain, didn't get a name", ("unknown", "sure")),
    ("gpctba.authority", "not him, no idea who", (None, "unclear")),
    # the one who decides, as SDRs say it, in any language they type titles in
    ("bant.role", "Inhaber, signs everything himself", ("decision_maker", "sure")),
    ("champ.authority", "yes, the dueño himself", ("yes", "sure")),
    ("bant.role", "he's the final DM", ("decision_maker", "sure")),
    ("truly_qualified.access", "she's the DM", ("they_decide", "sure")),
    ("bant.role", "holds the budget for the whole region", ("decision_maker", "sure")),
    ("anum.authority", "she's the one who signs", ("signs", "sure")),
    ("bant.role", "the CEO is the one who decides", (None, "unclear")),
    # one voice among several
    ("bant.role", "one of the voices, the COO decides", ("influencer", "sure")),
    ("truly_qualified.role", "one of many voices in it", ("influencer", "sure")),
    # someone else named instead of the contact
    ("champ.authority", "not her, the owner decides", ("no", "sure")),
    # the decider brought in already, or a follow-up still to come
    ("truly_qualified.access", "cc'd her boss on the recap, intro done", ("introduce", "sure")),
    ("truly_qualified.access", "setting up a three way call with the COO", ("introduce", "sure")),
    ("truly_qualified.access", "will follow up next week", (None, "unclear")),
])
def test_who_decides_as_sdrs_say_it(where: str, text: str,
                                    expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a budget being drafted, for whichever year
    ("bant.budget", "they're drafting the 2027 budget now", ("formulating", "sure")),
    ("truly_qualified.budget", "building the FY budget, we're in the draft",
     ("formulating", "sure")),
    ("bant.budget", "CFO's crunching the numbers for next year", ("formulating", "sure")),
    ("bant.budget", "no business case yet", (None, "unclear")),
    # money set aside and waiting to be spent
    ("bant.budget", "budget sanctioned last month", ("funded", "sure")),
    ("bant.budget", "the money is there, they just need to pick a vendor", ("funded", "sure")),
    ("bant.budget", "use it or lose it money before year end", ("funded", "sure")),
    ("bant.budget", "not sanctioned yet", (None, "unclear")),
])
def test_budget_status_as_sdrs_say_it(where: str, text: str,
                                      expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # where the question asks how far we solve it, a mix is the part answer
    ("gpctba.challenges", "mix of stuff, some ours some not", ("partly", "sure")),
    ("gpctba.challenges", "mix: scheduling (ours) and a parts supply problem (not ours)",
     ("partly", "likely")),
    ("champ.challenges", "a mix, scheduling we do, payroll we dont", ("adjacent", "likely")),
    ("gpctba.challenges", "bit of both", ("partly", "likely")),
    # elsewhere a mix is two answers at once: asked again
    ("gpctba.plans", "mix of in house and a tool", (None, "unclear")),
])
def test_a_mix_of_fits_is_a_part_fit(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a shrug is no answer alone; beside one it makes it a guess
    ("meddic.pain", "meh", (None, "unclear")),
    ("bant.need", "meh", (None, "unclear")),
    ("meddic.pain", "meh, nice to have", ("mild", "likely")),
])
def test_a_shrug_is_no_answer(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a problem software takes off people's hands, named with no word of fit: likely ours
    ("gpctba.challenges", "invoices keyed in by hand, errors every month end",
     ("we_solve", "likely")),
    ("champ.challenges", "job sheets on paper, office rekeys them into the system",
     ("core", "likely")),
    ("gpctba.challenges", "everything lives in spreadsheets", ("we_solve", "likely")),
    # a problem no software fixes: people to hire, space, a lease, politics; likely not ours
    ("champ.challenges", "staff shortage, can't hire drivers", ("none", "likely")),
    ("gpctba.challenges", "main issue is they've outgrown the office space",
     ("not_ours", "likely")),
    ("gpctba.challenges", "board politics between the two founders", ("not_ours", "likely")),
    # the SDR's word of fit decides; what works for them is no problem of theirs
    ("gpctba.challenges", "manual data entry, but that's exactly what we do",
     ("we_solve", "sure")),
    ("gpctba.challenges", "excel works for them tbh", ("not_ours", "sure")),
])
def test_a_problem_named_without_a_word_of_fit(where: str, text: str,
                                               expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a goal with the number it moves to, however it is typed
    ("gpctba.goals", "save 10 hrs/wk on reporting", ("quantified", "sure")),
    ("meddic.metrics", "get month end close from 8 days down to 3", ("yes", "sure")),
    ("gpctba.goals", "get quotes out under 24 hours", ("quantified", "sure")),
])
def test_a_goal_with_its_number(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # someone named, then our contact apart from them: someone else decides, proposed
    ("gpctba.authority", "head of finance, our contact will loop her in", ("known", "sure")),
    ("gpctba.authority", "plant director Jonas Berg, contact will bring him to the demo",
     ("known", "likely")),
    ("gpctba.authority", "their COO, haven't met her but contact says she'll join next time",
     ("known", "likely")),
    ("gpctba.authority", "no idea, our contact will find out", ("unknown", "sure")),
    # the contact alone, and no say in buying
    ("gpctba.authority", "just her, no one else involved", ("contact", "sure")),
    ("anum.authority", "receptionist, likes it but can't buy anything", ("uses", "sure")),
])
def test_someone_else_beside_our_contact(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # how bad it is: money or jobs on it, or a pain lived with
    ("anum.need", "stock write-offs every quarter, it's real money", ("urgent_pain", "sure")),
    ("anum.need", "the rota is a pain but it works for now", ("known_pain", "sure")),
    ("meddic.pain", "ops team grumble about it, nobody's fixing it", ("real", "sure")),
    ("meddic.pain", "top of his objectives this year", ("severe", "sure")),
    ("meddic.pain", "if they miss the audit again heads will roll", (None, "unclear")),
    ("bant.need", "they said we're good, twice", ("none", "sure")),
    # what inaction costs, and whose number it moves
    ("gpctba.consequences", "fines from the regulator every quarter", ("yes", "likely")),
    ("gpctba.consequences", "they could lose their biggest customer over it", ("yes", "sure")),
    ("gpctba.implications", "it's on the ops director's KPIs", ("yes", "likely")),
    ("gpctba.goals", "scale up, no specifics", ("vague", "likely")),
    # the pick handed on, and where it sits on their list
    ("bant.role", "runs the trial, passes his pick to the COO", ("recommender", "sure")),
    ("champ.priority", "first thing she wants fixed in Q1", ("top", "sure")),
    ("champ.priority", "on the list for the next 12 months", ("this_year", "sure")),
    # their criteria: kept from us, the same for everyone, or ours
    ("meddic.criteria", "they have a scorecard but wouldn't share it", ("unknown", "likely")),
    ("meddic.criteria", "price, support, SSO — table stakes, everyone has those",
     ("known", "sure")),
    ("meddic.criteria", "written RFP, all must-haves which we nail", ("written", "sure")),
])
def test_more_answers_as_sdrs_say_them(where: str, text: str,
                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a vague word beside an answer that is itself vague: proposed
    ("truly_qualified.problem", "kinda hinted that approvals are slow, didn't commit",
     ("hinted", "likely")),
    ("gpctba.goals", "sort of... 'be more efficient' lol", ("vague", "likely")),
    ("champ.challenges", "kinda adjacent, we cover maybe half of it", ("adjacent", "likely")),
    # …unless a question or another possibility is left open
    ("truly_qualified.problem", "kinda hinted? or maybe it was her colleague", (None, "unclear")),
    ("truly_qualified.problem", "kinda", (None, "unclear")),
    # what we do beside what we don't: a part fit, proposed
    ("champ.challenges", "mostly something we don't do, we'd cover one piece of it",
     ("adjacent", "likely")),
    ("gpctba.challenges", "not ours really, though we do fix the reporting bit",
     ("partly", "likely")),
    ("gpctba.challenges", "we'd cover ~60% of it", ("partly", "sure")),
    # a shrug before an answer makes it a guess; an answer still to be sent is none yet
    ("anum.need", "eh not really, they were only benchmarking prices", ("no_pain", "likely")),
    ("bant.need", "eh", (None, "unclear")),
    ("meddic.metrics", "they'll send numbers next week", (None, "unclear")),
    # a line for it in a budget still in draft
    ("truly_qualified.budget", "building next year's budget, we're a line item in the draft",
     ("formulating", "sure")),
])
def test_vague_words_beside_vague_answers(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a goal with a number beside a word of direction is counted
    ("gpctba.goals", "grow revenue 20% next year", ("quantified", "likely")),
    ("meddic.metrics", "grow 20%", ("yes", "likely")),
    ("gpctba.goals", "grow, basically", ("vague", "likely")),
    # a business case being built is a budget in formulation; one approved is funded
    ("bant.budget", "biz case approved, funds released", ("funded", "sure")),
    # owners and managing directors, as SDRs type the title in other languages
    ("bant.role", "Directeur Général, signs off on everything", ("decision_maker", "sure")),
    ("bant.role", "dueño del negocio, decide todo", ("decision_maker", "sure")),
])
def test_a_number_and_a_title_decide(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # which budget says nothing of its state: "owns the security budget" owns the budget
    ("bant.role", "Head of IT and she owns the marketing budget", ("decision_maker", "sure")),
    ("truly_qualified.budget", "yes, 40k sitting in the training budget", ("funded", "sure")),
    ("bant.budget", "drafting the marketing budget now", ("formulating", "sure")),
    ("bant.budget", "no room in the marketing budget", (None, "unclear")),
    # …but a budget's round, month or year is when, not which
    ("bant.budget", "being finalised in the April budget round", ("formulating", "sure")),
])
def test_which_budget_says_nothing_of_its_state(where: str, text: str,
                                                expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
