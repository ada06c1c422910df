"""Classes of phrasing the reader learnt from sets it was never tuned on: one table each,
with replies it must read and replies it must leave to ask again."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # an amount corrected: the one after "more like" is the answer, in the first one's scale
    ("bant.size", "not 50k, more like 30-40", ("from_10k", "sure")),
    ("anum.money", "not 25k no, more like 8 or 9", ("some", "sure")),
    ("bant.size", "not 5k, closer to 60k", ("over_50k", "sure")),
    ("bant.size", "no, more like 30k", ("from_10k", "sure")),
    # only what it is not: asked again
    ("bant.size", "not 50k", (None, "unclear")),
    ("anum.money", "not 25k.", (None, "unclear")),
])
def test_a_corrected_amount_is_the_one_after(where: str, text: str,
                                            expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what the person who decides does with our contact's word: a recommender
    ("bant.role", "not the decision maker, he reports to the CFO who will decide based on "
                  "his recommendation", ("recommender", "sure")),
    ("bant.role", "not the decider, reports to the CFO, but the CFO will go with his pick",
     ("recommender", "sure")),
    ("anum.authority", "not the owner, she reports to him, but he basically goes with "
                       "whatever she puts forward", ("recommends", "sure")),
    # a say on one thing, "but that's it": an influencer
    ("bant.role", "IT guy, his opinion counts on security but thats it", ("influencer", "sure")),
    ("bant.role", "IT contractor, they'll ask him about integrations but that's it",
     ("influencer", "sure")),
    ("bant.role", "CFO, but that's it", ("decision_maker", "sure")),
    # still someone else's when nothing comes back to the contact
    ("bant.role", "reports to the CFO who decides", (None, "unclear")),
])
def test_someone_else_acting_on_the_contacts_word(where: str, text: str,
                                                  expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a turn that goes on past a comma to its answer is read, not left unread (and, turning
    # from one answer to another, proposed)
    ("bant.need", "they have a need but for a contract management tool, not for what we sell",
     ("none", "likely")),
    ("truly_qualified.need", "they do have a need, but for a payroll tool, not for us",
     ("none", "likely")),
    ("bant.need", "they have a need, but not for us", ("none", "likely")),
    ("bant.need", "not for us", ("none", "sure")),
    ("bant.need", "they have a real need", ("clear", "sure")),
])
def test_a_need_for_something_we_do_not_sell_is_none(where: str, text: str,
                                                     expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a shrug is a "dunno" beside a time or an answer…
    ("anum.urgency", "next year at some point 🤷", (None, "unclear")),
    ("bant.role", "CFO 🤷", (None, "unclear")),
    # …but beside a plain no or yes it is only a shrug
    ("meddic.metrics", "nah 🤷", ("no", "sure")),
    # "nobody's", "noone's" negate what follows
    ("anum.need", "its on their radar but noones losing sleep over it", ("known_pain", "sure")),
    ("gpctba.implications", "nobody's bonus or promo riding on it", ("no", "sure")),
    ("anum.need", "they know the forms are a mess but it's not really hurting them rn",
     ("known_pain", "sure")),
    ("anum.need", "not really", ("no_pain", "sure")),
])
def test_shrugs_and_negations(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a scorecard or a checklist says criteria exist; what it says of us decides
    ("meddic.criteria", "written scorecard, weighted heavily on aws/gcp integrations which is "
                        "our strength", ("written", "sure")),
    ("meddic.criteria", "written checklist and we tick every box", ("written", "sure")),
    ("meddic.criteria", "criteria doc is written up and our champion helped draft it, leans "
                        "heavily to us", ("written", "sure")),
    ("meddic.criteria", "scorecard", ("known", "likely")),
    ("meddic.criteria", "standard rfp, level playing field", ("known", "sure")),
])
def test_criteria_artifacts_only_point_at_known(where: str, text: str,
                                                expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a budget being written, with this in it: in formulation, not funded
    ("bant.budget", "cfo asked for a quote to put in the budget proposal",
     ("formulating", "sure")),
    ("bant.budget", "they're building next yr's budget now, pushing for this as a line item",
     ("formulating", "sure")),
    ("bant.budget", "it's a line item in this year's budget", ("funded", "sure")),
    ("bant.budget", "in the budget", ("funded", "sure")),
])
def test_a_budget_being_written_is_in_formulation(where: str, text: str,
                                                 expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a "but" that turns from one answer said to another: proposed, not taken
    ("meddic.criteria", "there's a written RFP but i havent seen it", ("unknown", "likely")),
    ("bant.need", "lots of manual work, but it works fine for them", ("none", "likely")),
    # two answers said outright, the "but" wins ("…, but nobody's getting fired over it")
    ("meddic.pain", "bleeding money, but nobody's getting fired over it", ("real", "sure")),
    # a "but" that turns from a "no" answers it: taken
    ("bant.budget", "no budget yet, but they're putting one together", ("formulating", "sure")),
])
def test_a_turn_from_one_answer_to_another_is_proposed(where: str, text: str,
                                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "sept 27": the 27th, or September 2027? asked where the two fall apart
    ("bant.timing", "start of academic yr sept 27", (None, "unclear")),
    ("bant.timing", "sept 27", ("within_year", "sure")),
    # a day past any year it could be is a day
    ("bant.timing", "their contract ends feb 28", ("within_6_months", "sure")),
    ("bant.timing", "by march 15", ("within_6_months", "sure")),
])
def test_a_month_and_a_number_that_may_be_a_year(where: str, text: str,
                                                 expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a currency far from the dollar, at a rough rate: proposed where its band is clear
    ("gpctba.budget", "DKK 50.000", ("small", "likely")),
    ("gpctba.budget", "SEK 2M", ("large", "likely")),
    ("gpctba.budget", "₹20 lakh", ("medium", "likely")),
    ("anum.money", "₹15 lakh earmarked for pilot + rollout", ("some", "likely")),
    # near the edge of a band, with the rate's slack on both sides: asked again
    ("gpctba.budget", "SEK 100k", (None, "unclear")),
    # a currency near the dollar is taken at par, but proposed: the bands are in dollars
    ("gpctba.budget", "€60k", ("large", "likely")),
])
def test_far_currencies_at_a_rough_rate(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the time after the words that lead to it
    ("anum.urgency", "go-live by easter", ("half", "sure")),
    ("meddic.process", "deciding before xmas", ("soon", "sure")),
    ("gpctba.timeline", "aussie distributor, want it in by EOFY", ("year", "sure")),
    # a word that starts like a month is no month; "provider" is no "provided"
    ("meddic.process", "board meets in april to decide", ("this_half", "sure")),
    ("anum.urgency", "not before 2028, locked into their current provider till then",
     ("later", "sure")),
    ("anum.urgency", "Q1, provided legal signs off", (None, "unclear")),  # still a condition
])
def test_times_led_to_and_words_like_months(where: str, text: str,
                                            expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "no-shows" is a thing, not a "no"
    ("champ.challenges", "no-shows + last minute shift swaps are killing them, right in our "
                         "sweet spot", ("core", "sure")),
    ("champ.challenges", "no, nothing we do", ("none", "sure")),
    # access, project and problem, by what the contact did
    ("truly_qualified.access", "decision sits with the ministry, she has zero access to them",
     ("no_path", "sure")),
    ("truly_qualified.access", "not yet, wants to see a proposal first before bringing in the "
                               "director", ("not_yet", "sure")),
    ("truly_qualified.project", "personal initiative, her boss doesn't even know yet",
     ("none", "sure")),
    ("truly_qualified.problem", "kept dropping hints about audit findings but wouldn't go there",
     ("hinted", "sure")),
    ("truly_qualified.budget", "not funded, not even being discussed", ("none", "sure")),
    ("gpctba.authority", "somebody in global procurement, no name yet", ("unknown", "sure")),
])
def test_words_of_the_flows_answers(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # in a yes/no reply, a "no" inside a condition is the condition's
    ("gpctba.consequences", "yep, their biggest customer said they'll switch suppliers if no "
                            "portal by summer", ("yes", "sure")),
    ("gpctba.consequences", "if not fixed they lose the EU distributor deal, ~2M",
     ("yes", "likely")),
    ("gpctba.consequences", "yes, 2 FTEs doing nothing but keying orders", ("yes", "sure")),
    ("gpctba.consequences", "no, nothing happens if they wait", ("no", "sure")),
    # a boss's KPI is a win someone gets; "up to the board" is someone else, "up to 100k" not
    ("gpctba.implications", "not for him personally, but his boss has it as a KPI this year",
     ("yes", "sure")),
    ("champ.authority", "yes, GM, signs everything up to 100k", ("yes", "sure")),
    ("champ.authority", "it's up to the board", ("no", "sure")),
    # a decision shared is either answer
    ("champ.authority", "kind of? co-decides with the CEO", (None, "unclear")),
])
def test_conditions_and_others_in_yes_no_replies(where: str, text: str,
                                                 expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a part answer's "but" is its other part
    ("gpctba.challenges", "ERP data is a mess — we help with product data import but not the "
                          "cleanup", ("partly", "likely")),
    ("gpctba.challenges", "main blocker is QA headcount, we can automate some of the work but "
                          "we can't hire for them", ("partly", "sure")),
    ("gpctba.challenges", "we solve it, but the budget is tight", (None, "unclear")),
])
def test_a_part_answer_and_its_but(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a name in brackets cuts no clause: the title that acts is someone else
    ("bant.role", "recommender, CFO (Dan) has final say", ("recommender", "sure")),
    ("anum.authority", "recommends – MD (Sue Hargreaves) signs anything over £10k",
     ("recommends", "sure")),
    ("bant.role", "Erik (COO)", ("decision_maker", "sure")),
    # a project lead is a title: what the reply says they do decides
    ("bant.role", "IT project lead, has input on tech fit, not the one recommending or "
                  "deciding (that's the Leiter Finanzen)", ("influencer", "sure")),
    ("bant.role", "project lead", ("recommender", "sure")),
    # "the decision sits with the COO": someone else decides
    ("champ.authority", "She's a strong supporter but the decision sits with the COO",
     ("no", "sure")),
])
def test_names_in_brackets_and_who_decides(where: str, text: str,
                                           expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # budgets being built, drafted, asked for
    ("truly_qualified.budget", "Budget is being drafted", ("formulating", "sure")),
    ("bant.budget", "being built now for FY starting April, she's put this in",
     ("formulating", "sure")),
    ("bant.budget", "she's asking for the line item", ("formulating", "sure")),
    # work done by hand is a need; crews paid to stand around a cost every week
    ("bant.need", "5 corporate clients now require LEDES e-billing, 2 staff doing it by hand",
     ("clear", "sure")),
    ("anum.need", "paper sign-offs holding up pours, paying crews to stand around most weeks",
     ("urgent_pain", "sure")),
    # "₹2L" is two lakh rupees; "mid-Feb" is February
    ("anum.money", "₹2L only for now", ("little", "likely")),
    ("anum.urgency", "needs it working before the new sites start mid-Feb",
     ("quarter", "likely")),
    # "(GF decides)": a managing director in brackets, someone else
    ("bant.role", "IT-Leiter, only influences (GF decides)", ("influencer", "sure")),
])
def test_notes_shorthand_read_as_replies(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


def test_a_three_letter_slip_finds_its_word_among_many_near_it() -> None:
    # "ned" is "need" however many three-letter words sit one letter from it
    assert read("bant.need", "has a clear ned") == ("clear", "sure")


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a "UK sub" is a subsidiary; "sub 5k" is under 5k
    ("bant.size", "£20k, UK sub of a US manufacturer", ("from_10k", "likely")),
    ("bant.size", "sub 5k", ("from_100", "sure")),
    # a fan likes us; a champion sells for us
    ("meddic.champion", "he likes the product but he's a fan, not a seller, no pull internally",
     ("no", "sure")),
    ("meddic.champion", "she's a fan", ("yes", "likely")),
    ("meddic.champion", "she sells us internally", ("yes", "sure")),
])
def test_subsidiaries_and_fans(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "a couple hundred bucks" is the amount in dollars, beside a headcount
    ("truly_qualified.size", "just a couple hundred bucks, it's a 5 person charity",
     ("from_100", "sure")),
    ("truly_qualified.size", "a few hundred a month", ("from_100", "sure")),
])
def test_hundreds_of_dollars_beside_other_numbers(where: str, text: str,
                                                  expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
