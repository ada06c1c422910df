"""General rules of the typed-reply reader, one table each: what a sales manager reading
the reply would understand, and what they would ask again."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 2)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "no" inside a sentence counts the thing after it; it is no answer of its own
    ("champ.challenges", "great fit, no MFA anywhere", ("core", "sure")),
    ("champ.challenges", "we solve it, they have no SSO", ("core", "sure")),
    ("champ.challenges", "honestly no they dont", ("none", "sure")),
    ("bant.need", "no", ("none", "sure")),
])
def test_a_negation_before_a_thing_is_no_answer(where: str, text: str,
                                                expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a hedge in an aside of its own hedges only that aside
    ("bant.budget", "no budget, they might look again next year", ("none", "sure")),
    ("bant.budget", "budget approved, they might add more later", ("funded", "sure")),
    # a hedge that opens its clause, or sits with the answer, still reaches it
    ("bant.budget", "approved, not sure for which year", (None, "unclear")),
    ("bant.budget", "approved maybe", (None, "unclear")),
    ("bant.budget", "not sure, approved", (None, "unclear")),
    # two answers at once, or a time waiting on an event: asked again
    ("gpctba.plans", "a bit of both, build some and buy some", (None, "unclear")),
    ("gpctba.timeline", "whenever the CFO gets round to it", (None, "unclear")),
    ("gpctba.timeline", "whenever", ("later", "sure")),
])
def test_a_hedge_reaches_its_own_clause(where: str, text: str,
                                        expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # words that colour a sentence are skipped; shorthand is read as the words it means
    ("meddic.criteria", "we literally wrote the requirements", ("written", "sure")),
    ("bant.budget", "waiting on approval w/ finance", ("formulating", "sure")),
    ("bant.budget", "on hold b/c of the merger", ("none", "sure")),
])
def test_fillers_and_shorthand(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a guess at an amount or a time is proposed; a bare "maybe" is still asked again
    ("bant.size", "maybe 20k", ("from_10k", "likely")),
    ("bant.size", "probably low five figures", ("from_10k", "likely")),
    ("bant.size", "20k-ish", ("from_10k", "likely")),
    ("bant.size", "maybe", (None, "unclear")),
    ("bant.timing", "probably Q3", ("within_year", "likely")),
    ("bant.timing", "march-ish", ("within_6_months", "likely")),
    # "maybe more" makes the amount a floor, "if that" a ceiling
    ("bant.size", "six figures, maybe more", ("over_50k", "sure")),
    ("bant.size", "low five figures, maybe more", (None, "unclear")),
    ("bant.size", "under 100 bucks, if that", ("under_100", "sure")),
    # a typed range that ends on a band's edge stays in that band
    ("bant.size", "40-50k", ("from_10k", "sure")),
    ("bant.size", "9-10k", ("from_100", "sure")),
    ("bant.size", "45-55k", (None, "unclear")),
    ("bant.timing", "6-12 months", ("within_year", "likely")),
    ("bant.timing", "12-18 months", ("year_or_later", "likely")),
    ("bant.timing", "4-8 months", (None, "unclear")),
    # amounts and times as people write them
    ("bant.size", "a hundred bucks a month, tops", ("from_100", "sure")),
    ("bant.size", "200 thousands", ("over_50k", "sure")),
    ("bant.timing", "next yr", ("year_or_later", "likely")),
    ("bant.timing", "before quarter end", ("within_6_months", "sure")),
    ("bant.timing", "by labor day", ("within_year", "sure")),
    ("bant.timing", "by easter", ("within_6_months", "sure")),
    # (a fiscal year by its number may start in the year before: proposed)
    ("bant.timing", "not before FY28", ("year_or_later", "likely")),
    ("gpctba.timeline", "by end of next FY", ("later", "sure")),
    # "at the earliest" makes a time a floor; "at the latest" a deadline
    ("bant.timing", "Q1 at the earliest", ("year_or_later", "likely")),
    ("bant.timing", "march at the latest", ("within_6_months", "sure")),
    # the fiscal year a reply describes is when "next fiscal" starts, no purchase date
    ("bant.timing", "next fiscal year, theirs starts in October", ("year_or_later", "likely")),
    ("bant.timing", "this fiscal, their FY ends in June", ("within_year", "sure")),
    ("bant.timing", "before their FY closes end of march", ("within_6_months", "sure")),
])
def test_amounts_and_times(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # an opening "no" answers and reaches on, against the other answer only
    ("meddic.champion", "nobody is really pushing for us", ("no", "sure")),
    ("meddic.champion", "no one in there is fighting our corner", ("no", "sure")),
    ("champ.authority", "no her manager signs", ("no", "sure")),
    ("meddic.economic_buyer", "nope, she is the decision maker", (None, "unclear")),
])
def test_an_opening_no_reaches_on(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # sales vocabulary, in sentences of its own
    ("bant.budget", "the funding finally came through last week", ("funded", "sure")),
    ("bant.budget", "it'll come out of the ops budget", ("funded", "sure")),
    ("bant.budget", "PO being raised now", ("funded", "sure")),
    ("bant.budget", "finance are crunching the numbers for 2027", ("formulating", "sure")),
    ("bant.budget", "they want to carve some out of the IT pot", ("formulating", "sure")),
    ("bant.need", "just poking around, no project", ("none", "sure")),
    ("bant.role", "she'll put it in front of the CEO", ("recommender", "sure")),
    ("anum.need", "they got hacked in March", ("urgent_pain", "sure")),
    ("champ.challenges", "bread and butter for us", ("core", "sure")),
    ("champ.challenges", "we only cover the scheduling bit", ("adjacent", "sure")),
    ("gpctba.plans", "their MSP will sort it", ("other_way", "sure")),
])
def test_sales_vocabulary(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a "not" right after an answer's words turns on them
    ("bant.budget", "PO still not raised", (None, "unclear")),
    ("bant.budget", "budget approval not in yet", (None, "unclear")),
    ("bant.budget", "approved, no doubt", ("funded", "sure")),
    # "a", "an" and "the" read alike
    ("bant.budget", "putting the budget together", ("formulating", "sure")),
    ("bant.need", "they have the clear need", ("clear", "sure")),
    # a title after "the", said alone, is the contact's own
    ("bant.role", "the owner", ("decision_maker", "sure")),
    ("bant.role", "she's the CEO", ("decision_maker", "sure")),
    ("bant.role", "the CFO signs", (None, "unclear")),
    ("bant.role", "either the DM or the champion", (None, "unclear")),
    # "under 5k" is of its order, not "under $100"
    ("bant.size", "under 5k", ("from_100", "sure")),
    ("bant.size", "under 100 bucks", ("under_100", "sure")),
    ("bant.size", "under 50k", (None, "unclear")),
])
def test_negation_articles_titles_ceilings(where: str, text: str,
                                           expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.budget", "they're trying to get the budget approved", ("formulating", "sure")),
    ("bant.budget", "it gets decided at the board in march", ("formulating", "sure")),
    ("bant.budget", "they don't have the money", ("none", "sure")),
    ("bant.budget", "their budget was slashed", ("none", "sure")),
    ("bant.budget", "money is not an issue", ("funded", "sure")),
    ("bant.budget", "nope", ("none", "likely")),
    ("bant.budget", "yep", ("funded", "likely")),
    ("bant.need", "they're only getting quotes", ("none", "sure")),
    ("bant.need", "not right now", ("none", "sure")),
])
def test_budget_and_need_words(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what was once so is not so now
    ("bant.role", "she used to be the decision maker", (None, "unclear")),
    ("bant.role", "ex-CFO", (None, "unclear")),
    ("meddic.champion", "he's no longer our champion", ("no", "sure")),
    # "not" before "sure" is a hedge, never a "no"
    ("meddic.champion", "not yet sure", (None, "unclear")),
    ("gpctba.consequences", "not really sure", (None, "unclear")),
    ("meddic.process", "not sure yet", ("later", "sure")),  # "Later or unknown"
    # still to be thought over; "whenever" waiting on something
    ("bant.need", "they need to think about it", (None, "unclear")),
    ("bant.timing", "whenever budget frees up", (None, "unclear")),
    ("bant.timing", "whenever really", ("year_or_later", "sure")),
    ("bant.timing", "whenever works for them", ("year_or_later", "sure")),
])
def test_past_and_open_replies(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # early, mid, late in a year named; the year's end; a unit alone is no time
    ("bant.timing", "early 2027", ("within_6_months", "likely")),
    ("bant.timing", "mid 2027", ("within_year", "likely")),
    ("bant.timing", "late 2027", ("year_or_later", "likely")),
    ("bant.timing", "before year end", ("within_6_months", "sure")),
    ("bant.timing", "this time next year", ("within_year", "sure")),
    ("bant.timing", "their budget year starts in july, they buy then", ("within_year", "sure")),
    ("bant.timing", "year", (None, "unclear")),
    # who we know and can meet, in Who decides?
    ("gpctba.authority", "the COO, we know him well", ("known", "sure")),
    ("gpctba.authority", "she decides, we know her", (None, "unclear")),
    ("bant.role", "technical evaluator for the platform team", ("influencer", "sure")),
])
def test_times_of_year_and_deciders(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a phrase may hold NUM (any number) or NUM% (a percentage)
    ("gpctba.goals", "get onboarding from 30 days to 10", ("quantified", "sure")),
    ("gpctba.goals", "grow revenue by 15%", ("quantified", "sure")),
    ("gpctba.goals", "hit 3M ARR next year", ("quantified", "sure")),
    ("meddic.metrics", "they want to cut DSO from 60 to 45", ("yes", "sure")),
    ("gpctba.goals", "they talked to 3 vendors", (None, "unclear")),
    # "not sure who signs": what follows "who" is what is not known
    ("gpctba.authority", "unclear who signs", ("unknown", "sure")),
    ("gpctba.authority", "no idea who makes the final call", ("unknown", "sure")),
    ("gpctba.authority", "the CTO, we're meeting her friday", ("known", "sure")),
    ("gpctba.plans", "they'll just stick with excel", ("other_way", "sure")),
    ("champ.challenges", "we nail that use case", ("core", "sure")),
])
def test_numbers_in_phrases_and_unknowns(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.timing", "6 months from now at the earliest", ("year_or_later", "likely")),
    ("bant.timing", "imminently", ("within_6_months", "sure")),
    ("bant.need", "they're totally sold on it", ("clear", "sure")),
    ("bant.budget", "still sorting out the budget", ("formulating", "sure")),
    ("bant.budget", "the budget will be set in february", ("formulating", "sure")),
])
def test_more_times_and_words(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a title that is someone else's: "the CEO's assistant", "deputy CFO", "former CEO"
    ("bant.role", "CEO's assistant", (None, "unclear")),
    ("bant.role", "she's the CFO's right hand", (None, "unclear")),
    ("bant.role", "deputy CFO", (None, "unclear")),
    ("bant.role", "former CEO, now on the board", (None, "unclear")),
    ("bant.role", "she's the CEO", ("decision_maker", "sure")),
    # a condition or a slip is asked again, except where yes/no questions ask "if"
    ("bant.budget", "they'd have budget if the deal closes", (None, "unclear")),
    ("bant.role", "would be the DM if the CEO leaves", (None, "unclear")),
    ("bant.timing", "Q1 if budget, otherwise later", (None, "unclear")),
    ("bant.timing", "wanted it by march but that's slipping", (None, "unclear")),
    ("gpctba.consequences", "yes, fines if they're audited", ("yes", "sure")),
    ("bant.need", "their needs are covered by the current tool", ("none", "sure")),
])
def test_someone_elses_titles_and_conditions(where: str, text: str,
                                             expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("meddic.champion", "no champion either", ("no", "sure")),  # "either" at the end: too
    ("bant.timing", "maybe Q2, maybe later", (None, "unclear")),  # two guesses
])
def test_either_and_two_guesses(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.need", "they don't just want it, they need it", ("clear", "sure")),
    ("champ.priority", "top priority? doubt it", (None, "unclear")),
    ("bant.budget", "approved, I doubt it though", (None, "unclear")),
])
def test_not_only_and_doubt(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # not knowing is the answer where a question has "not known yet"
    ("meddic.criteria", "no idea, they won't share it", ("unknown", "sure")),
    ("meddic.criteria", "no idea, maybe price", (None, "unclear")),
    ("anum.authority", "office manager, will pass it to the owner", ("recommends", "sure")),
    ("gpctba.implications", "it would make her look great", ("yes", "sure")),
])
def test_not_knowing_and_more_words(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # one "not" reaches both sides of an "or"
    ("bant.role", "he's not signing it or recommending it, just an end user",
     ("influencer", "sure")),
    # a title that decides, beside what the contact does, is someone else
    ("bant.role", "the CFO decides, he has a lot of pull with her", ("influencer", "sure")),
    ("bant.role", "CFO decides", ("decision_maker", "sure")),
    ("bant.role", "the owner, she decides", ("decision_maker", "sure")),
    # someone else approves what the contact picks: a recommender, proposed
    ("bant.role", "she evaluates the options but the board signs off", ("recommender", "likely")),
    ("bant.role", "ops lead chooses the vendor, the COO approves", ("recommender", "likely")),
])
def test_someone_else_decides_beside_what_the_contact_does(where: str, text: str,
                                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a "but" that answers a "no" does not take the answer back: proposed
    ("bant.role", "no say in it, but she's loud about it", ("influencer", "likely")),
    # a "but" that turns from an answer, or a hedge, is still asked again
    ("bant.budget", "budget approved, but they want to spend it on something else first",
     (None, "unclear")),
    ("bant.budget", "no budget, but the CFO might find some", (None, "unclear")),
])
def test_a_turn_from_a_no(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "no rush" says how urgent, not when (as "not urgent"); "no date yet" is to be set
    ("bant.timing", "no hurry", (None, "unclear")),
    ("bant.timing", "no timeline", ("year_or_later", "sure")),
    ("bant.timing", "no go-live date yet", (None, "unclear")),
    ("meddic.process", "not sure yet", ("later", "sure")),
    # a time with a hope or a condition on it is proposed; with another time, asked
    ("bant.timing", "by march if procurement is fast", ("within_6_months", "likely")),
    ("gpctba.timeline", "next quarter if they can", ("quarter", "likely")),
    ("bant.timing", "Q2 if the pilot works, otherwise Q4", (None, "unclear")),
    # dates as CRMs and people write them
    ("bant.timing", "by 1/20", ("within_6_months", "sure")),
    ("bant.timing", "3/4", ("within_6_months", "likely")),  # March 4th, or April 3rd?
    ("bant.timing", "2029+", ("year_or_later", "sure")),
    ("bant.timing", "right after xmas", ("within_6_months", "sure")),
])
def test_urgency_hopes_and_dates(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a title alone is the contact's; spoken of as "him" or "her" after, maybe someone else
    ("bant.role", "the president", ("decision_maker", "sure")),
    ("bant.role", "the president, met her at a trade show", ("decision_maker", "likely")),
    # "<something else> not so much" takes part of the answer back: asked again
    ("gpctba.challenges", "their onboarding we solve, the hiring problem not so much",
     (None, "unclear")),
    ("bant.need", "tire kicker, no real use case", ("none", "sure")),
])
def test_a_person_spoken_of_and_a_part_taken_back(where: str, text: str,
                                                  expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # dots as thousands separators, the currency after the amount (not dollars: proposed)
    ("bant.size", "about 42.000 € for the rollout", ("from_10k", "likely")),
    ("champ.money", "they set aside 250.000 €", ("large", "likely")),
    # a total over years: the bands hold a year's worth
    ("bant.size", "900k over 3 years", ("over_50k", "sure")),
    ("bant.size", "90k over three years", ("from_10k", "sure")),
    # a count at a price; a total the SDR worked out wins
    ("bant.size", "60 vans at $40 a month", ("from_10k", "sure")),
    ("bant.size", "12 users at $50/mo, so about 7k a year", ("from_100", "sure")),
    # the free tier is nothing to spend
    ("bant.size", "free plan for now, 2 seats", ("under_100", "sure")),
    ("bant.size", "1.5 mil", ("over_50k", "sure")),
])
def test_amounts_in_more_ways(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the SDR's own conclusion is the answer
    ("gpctba.consequences", "if nothing changes they lose their biggest account, so yes",
     ("yes", "sure")),
    ("meddic.champion", "she likes us but won't push internally, so no", ("no", "sure")),
    ("gpctba.consequences", "not sure they'd lose anything, so maybe", (None, "unclear")),
])
def test_a_conclusion_is_the_answer(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a budget in the making, said as the work or the meeting that sets it
    ("bant.budget", "finance is pulling the numbers together this month", ("formulating", "sure")),
    ("bant.budget", "it's in the draft budget for next year", ("formulating", "sure")),
    ("bant.budget", "the budget isn't fixed yet, they'll set it at the offsite",
     ("formulating", "sure")),
    ("bant.budget", "they're working on 2028 budgets, we're in it", ("formulating", "sure")),
    ("bant.budget", "they've got it in the capex budget", ("funded", "sure")),
    # a need said as a symptom or a step towards buying; none as content with what they have
    ("bant.need", "outages are killing their sales team", ("clear", "sure")),
    ("bant.need", "they asked for a pilot next month", ("clear", "sure")),
    ("bant.need", "they're pretty satisfied with Salesforce", ("none", "sure")),
    ("bant.need", "not satisfied with the current setup", ("clear", "sure")),
    ("bant.need", "they'd be happy with anything that works", (None, "unclear")),
    # what we do, and what we cannot fix
    ("gpctba.challenges", "invoice matching — we kill it", ("we_solve", "sure")),
    ("gpctba.challenges", "onboarding, which is our core business", ("we_solve", "sure")),
    ("gpctba.challenges", "staffing shortage, nothing we can do there", ("not_ours", "sure")),
    ("gpctba.challenges", "that's not what we do", ("not_ours", "sure")),
    ("gpctba.plans", "they'll roll their own in python", ("other_way", "sure")),
    ("meddic.pain", "hurts, but they've lived with it for years", ("real", "sure")),
    ("meddic.criteria", "the RFP matches our features almost line by line", ("written", "sure")),
    ("gpctba.implications", "not that we know of", ("no", "sure")),
])
def test_families_of_sales_talk(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the same answer said of the contact and of someone else: whose is it? asked again
    ("bant.role", "head of IT, he signs off on anything under 20k, this is 60k so the CFO signs",
     (None, "unclear")),
    ("bant.role", "she's the CEO, the CFO signs off on purchases", (None, "unclear")),
    ("bant.role", "CEO decides", ("decision_maker", "sure")),
    ("champ.authority", "correct, CFO makes the call", ("yes", "sure")),
    # what someone seemed to be is proposed
    ("bant.need", "curious mostly, but the ops guy seemed keen", ("clear", "likely")),
])
def test_one_answer_said_of_two_people(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a price for each of some things is times their count; without a count, no total
    ("bant.size", "2k per month per site, 3 sites", ("over_50k", "sure")),
    ("bant.size", "$20/user/mo, 40 users", ("from_100", "sure")),
    ("bant.size", "500 per license, 30 licenses", ("from_10k", "sure")),
    ("bant.size", "$20 per user per month", (None, "unclear")),
    # a yearly amount over years stays a yearly amount
    ("gpctba.budget", "$5k/year over 3 years", ("small", "sure")),
])
def test_prices_per_thing(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "her assistant" is someone of hers, not her
    ("meddic.economic_buyer", "met her assistant", (None, "unclear")),
    ("meddic.economic_buyer", "met her last week", ("yes", "sure")),
    ("truly_qualified.access", "he'll bring the COO into the next call", ("introduce", "sure")),
])
def test_someone_of_hers_is_not_her(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a word that only points at an answer, then "but no…": nothing left to propose
    ("gpctba.goals", "they mentioned targets but wouldn't give any", (None, "unclear")),
    ("bant.role", "ops lead, has a voice but no vote", ("influencer", "sure")),
])
def test_a_pointer_then_a_but_no(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # looking at us beside a competitor is no plan that goes another way
    ("gpctba.plans", "they're looking at us and one competitor", (None, "unclear")),
    ("gpctba.plans", "evaluating us", ("our_way", "sure")),
    ("gpctba.plans", "they went with a competitor", ("other_way", "sure")),
])
def test_in_the_running(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
