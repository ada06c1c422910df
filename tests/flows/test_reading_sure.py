"""When a typed reply is taken as sure, and when it is only proposed or asked again: a
reading is sure only when all of the reply points at one answer. Tables of replies as
SDRs type them, each with the reading a sales manager would accept."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # rand and reais are not dollars: at a rough rate, proposed
    ("bant.size", "R250k", ("from_10k", "likely")),
    ("truly_qualified.size", "R80k", ("from_100", "likely")),
    ("truly_qualified.size", "R300k/yr", ("from_10k", "likely")),
    ("anum.money", "R250k approved", ("some", "likely")),
    ("anum.money", "R4,000 pm", ("little", "likely")),
    # "mil" beside reais is a thousand; "por ano" a year
    ("bant.size", "R$ 40 mil por ano", ("from_100", "likely")),
    ("gpctba.budget", "R$ 30 mil por ano", ("small", "likely")),
    ("bant.size", "1.2 mil", ("over_50k", "sure")),
    # other dollars, euros and pounds: at par, proposed; US dollars taken
    ("anum.money", "S$2k a month", ("some", "likely")),
    ("bant.size", "£20k", ("from_10k", "likely")),
    ("bant.size", "$20k", ("from_10k", "sure")),
])
def test_an_amount_not_in_us_dollars_is_proposed(where: str, text: str,
                                                 expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a price per person times the headcount, whatever the people are called
    ("anum.money", "€12 per employee per month, 80 staff", ("some", "likely")),
    ("gpctba.budget", "€3.50 per employee per month, 150 staff", ("small", "likely")),
    ("anum.money", "$10 pp pm, 100 staff", ("some", "sure")),
    # a price per person with no count is no total
    ("anum.money", "$10 per employee per month", (None, "unclear")),
])
def test_a_price_per_person_needs_the_headcount(where: str, text: str,
                                                expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a question mark anywhere is a guess: proposed
    ("bant.role", "CEO? think so", ("decision_maker", "likely")),
    ("bant.role", "he decides?", ("decision_maker", "likely")),
    ("bant.role", "CEO", ("decision_maker", "sure")),
    # two of them are a puzzle: asked again
    ("anum.need", "said it's a huge problem then said they don't really need anything?? "
                  "confused", (None, "unclear")),
    ("anum.need", "huge problem", ("urgent_pain", "sure")),
])
def test_a_question_mark_is_no_certainty(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the contact's say, then a "but" and someone else who decides: taken back, asked again
    ("champ.authority", "he said yes but then mentioned head office has to approve",
     (None, "unclear")),
    ("champ.authority", "he says he decides but the owner's wife approves", (None, "unclear")),
    ("truly_qualified.access", "he says he decides but the owner's wife approves",
     (None, "unclear")),
    ("champ.authority", "yes, she signs", ("yes", "sure")),
    # a middle answer, then someone else deciding, is what makes it the middle one
    ("bant.role", "she'd recommend it but the group COO signs", ("recommender", "sure")),
])
def test_a_yes_taken_back_by_someone_elses_say(where: str, text: str,
                                              expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # after what the reply says of the contact, a title that speaks of them as "her",
    # "him" or "his" is someone else's
    ("bant.role", "payroll clerk, FD listens to her tho", ("influencer", "likely")),
    ("truly_qualified.role", "dispatcher — owner asks his opinion sometimes",
     ("influencer", "likely")),
    # "his own" is the contact's own
    ("bant.role", "founder, runs his own shop", ("decision_maker", "sure")),
    ("bant.role", "CFO, she signs", ("decision_maker", "sure")),
])
def test_a_title_that_speaks_of_the_contact_is_someone_else(
        where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "next year's budget", said in December, is the coming year's list: proposed
    ("champ.priority", "planned for next year's budget, mid-table", ("this_year", "likely")),
])
def test_next_years_said_at_the_years_end(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the best answer, then a "but no" to it: taken back, asked again
    ("gpctba.goals", "they have numbers but wouldn't share them", (None, "unclear")),
    # …or to something beside it: proposed
    ("bant.need", "clear need but no budget", ("clear", "likely")),
    ("bant.budget", "approved but not the full amount", ("funded", "likely")),
    # a middle answer keeps its "but no": it is what makes it the middle one
    ("bant.role", "staff accountant, has some sway but isnt picking", ("influencer", "sure")),
])
def test_the_best_answer_then_a_but_no(where: str, text: str,
                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a job title alone, among many words no answer knows: maybe someone else's, proposed
    ("truly_qualified.access", "owner lives overseas and rarely visits the branches",
     ("they_decide", "likely")),
    # …but one then said to be happy to meet us is someone we can meet, proposed
    ("gpctba.authority", "CFO Priya Naidoo, met her at the expo, happy to meet again",
     ("known", "likely")),
    # a title said with little else is the contact's
    ("truly_qualified.access", "owner", ("they_decide", "sure")),
    ("bant.role", "the president", ("decision_maker", "sure")),
])
def test_a_title_among_unread_words_is_proposed(where: str, text: str,
                                                expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the SDR saying the prospect was vague or contradicted himself: no answer yet
    ("truly_qualified.access", "he decides... or the board? was vague", (None, "unclear")),
    ("truly_qualified.timing", "asap or maybe in 2 yrs, he contradicted himself",
     (None, "unclear")),
    ("bant.role", "CEO, but honestly a bit confused about who signs", (None, "unclear")),
])
def test_a_vague_or_contradicted_account_is_asked_again(where: str, text: str,
                                                        expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # right after a holiday is soon after it: by the end of its month when it falls early
    # in it (carnival, the lunar new year), else of the month after
    ("anum.urgency", "right after carnival", ("quarter", "sure")),
    ("gpctba.timeline", "after CNY", ("quarter", "sure")),
    ("meddic.process", "after carnival", ("this_half", "sure")),
    ("bant.timing", "after easter", ("within_6_months", "sure")),
])
def test_right_after_a_holiday(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # an amount with a guess word after it is a guess: proposed
    ("champ.money", "few grand maybe", ("small", "likely")),
    ("champ.money", "20k probably", ("medium", "likely")),
    ("champ.money", "20k", ("medium", "sure")),
])
def test_an_amount_then_a_guess(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a meeting still in the diary, whatever it is called, is not one had: "no", proposed
    ("meddic.economic_buyer", "call with the owner booked for the 12th", ("no", "likely")),
    ("meddic.economic_buyer", "EB call scheduled for Jan", ("no", "likely")),
    ("meddic.economic_buyer", "yes, intro with the CFO set for monday", ("no", "likely")),
    ("meddic.economic_buyer", "yes the CFO is on the demo on the 14th", ("no", "likely")),
    ("meddic.economic_buyer", "CFO joins the next call", ("no", "likely")),
    # one had is met
    ("meddic.economic_buyer", "yes, she was in the demo", ("yes", "sure")),
    ("meddic.economic_buyer", "yes, met the CFO", ("yes", "sure")),
])
def test_a_meeting_to_come_is_not_one_had(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a currency with no rate here is never read as dollars: asked again, in dollars
    ("bant.size", "LBP 500m", (None, "unclear")),
    ("bant.size", "MAD 300k", (None, "unclear")),
    ("bant.size", "₽2m", (None, "unclear")),
    ("bant.size", "50k dinars", (None, "unclear")),
    ("bant.size", "UGX 90m", (None, "unclear")),
    ("bant.size", "about 3m shillings", (None, "unclear")),
    ("bant.size", "TT$ 200k", (None, "unclear")),
    # dollars, and a word that only looks like a currency, as before
    ("bant.size", "50k USD", ("over_50k", "sure")),
    ("bant.size", "50k ARR", ("over_50k", "sure")),
    ("bant.size", "$50k, won the deal", ("over_50k", "sure")),
    ("bant.size", "free tier only, they won't pay for anything", ("under_100", "sure")),
])
def test_a_currency_with_no_rate_is_asked_in_dollars(where: str, text: str,
                                                     expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "a seat", "a head", "each": a price for each of some things; with no count, no total
    ("bant.size", "$25 a seat", (None, "unclear")),
    ("bant.size", "$5 a head", (None, "unclear")),
    ("bant.size", "$25 a seat, 40 seats", ("from_100", "sure")),
    ("bant.size", "$40 each, 200 techs", ("from_100", "sure")),
    # a month or a year is a period, not a thing
    ("bant.size", "$8k a month", ("over_50k", "sure")),
])
def test_a_price_for_each(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # yes and no as SDRs who speak Dutch, Afrikaans or German type them
    ("champ.authority", "ja", ("yes", "sure")),
    ("meddic.economic_buyer", "nee", ("no", "sure")),
    ("meddic.metrics", "ja, 3 extra jobs/day per van", ("yes", "sure")),
])
def test_yes_and_no_in_other_tongues(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "…, so Sept": the SDR's own conclusion is the time
    ("truly_qualified.timing", "na de zomer — after summer, so Sept", ("within_year", "sure")),
    ("bant.timing", "contract ends in march, so Q1", ("within_6_months", "sure")),
    # a conclusion that names no time leaves the reply as it was
    ("bant.timing", "they said not soon, so no date", ("year_or_later", "likely")),
])
def test_a_time_the_sdr_concludes(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a title still to come is not the contact's yet: proposed
    ("bant.role", "CFO-to-be, starts in Jan", ("decision_maker", "likely")),
    ("bant.role", "incoming CFO", ("decision_maker", "likely")),
    ("bant.role", "CFO designate", ("decision_maker", "likely")),
    ("bant.role", "CFO", ("decision_maker", "sure")),
])
def test_a_title_still_to_come(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
