"""Classes of phrasing the reader learnt from sets it was never tuned on (continued from
``test_reading_classes``): one table each, with replies it must read and replies it must
leave to ask again or only propose."""
from __future__ import annotations

from datetime import date

import pytest

from flows.reading import read_reply
from tests.flows.reads import FLOWS
from tests.flows.test_reading_classes import read


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what they pay today (a competitor, the incumbent) or paid before is not our budget
    ("anum.money", "they pay KnowBe4 ~20k now but nothing set aside for us", ("none", "likely")),
    ("champ.money", "paying a competitor 30k now and said they want to spend less, didnt give "
                    "a number", (None, "unclear")),
    ("bant.size", "they currently pay 12k for their old tool", (None, "unclear")),
    ("bant.size", "last year's pen test was 5k", (None, "unclear")),
    ("bant.size", "they spent 40k on the last one", (None, "unclear")),
    # the rest of the reply still speaks
    ("bant.size", "they pay 60k now, for us maybe 30k", ("from_10k", "likely")),
    # a budget for a whole programme of which we are one part
    ("champ.money", "budget for the whole ISO programme 120k", (None, "unclear")),
    # not someone else's: read as before
    ("champ.money", "30k for us", ("medium", "sure")),
    ("champ.money", "about 350k SEK for the whole thing", ("medium", "likely")),
])
def test_an_amount_that_is_someone_elses(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # kronor, rupees after the amount: at a rough rate, proposed, never as dollars
    ("champ.money", "350k SEK", ("medium", "likely")),
    ("champ.money", "350k kronor", ("medium", "likely")),
    ("champ.money", "350 000 kr", ("medium", "likely")),
    ("anum.money", "8 lakh INR sanctioned", ("some", "likely")),
    # dollars as before; euros at par, proposed
    ("champ.money", "350k", ("large", "sure")),
    ("champ.money", "around 35.000 €", ("medium", "likely")),
])
def test_a_currency_far_from_the_dollar(where: str, text: str,
                                        expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a fiscal year by its number may start up to eleven months before its calendar year
    ("truly_qualified.timing", "FY28", (None, "unclear")),
    ("truly_qualified.timing", "Q2 FY28", (None, "unclear")),
    ("truly_qualified.timing", "fiscal 2028", (None, "unclear")),
    # where every start it may have falls in one band: proposed, never taken
    ("truly_qualified.timing", "FY29", ("year_or_later", "likely")),
    # a calendar year, a span of two years, or the fiscal year's end: as before
    ("truly_qualified.timing", "2028", ("year_or_later", "sure")),
    ("truly_qualified.timing", "by FY end", ("within_year", "sure")),
    ("truly_qualified.timing", "FY27/28", ("year_or_later", "likely")),
])
def test_a_fiscal_year_nobody_dated(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a deadline, then the event it is set by: the deadline
    ("anum.urgency", "by end of Feb, their peak season kicks off in march", ("quarter", "sure")),
    ("anum.urgency", "by jan, the audit is in april", ("quarter", "sure")),
    ("anum.urgency", "by feb, before the audit in april", ("quarter", "sure")),
    # "by 1 March" is by the end of February
    ("anum.urgency", "by 1 March", ("quarter", "sure")),
    ("anum.urgency", "by March 1st", ("quarter", "sure")),
    # a "but" that moves the time is no reason: both times count
    ("anum.urgency", "by end of Feb, but their season is in june", ("later", "sure")),
    ("anum.urgency", "by end of march", ("half", "sure")),
])
def test_a_deadline_and_the_event_behind_it(where: str, text: str,
                                           expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


def test_a_fiscal_year_as_a_floor_is_proposed() -> None:
    assert read("bant.timing", "not before FY28") == ("year_or_later", "likely")


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the SDR still has to ask: no answer yet
    ("anum.authority", "first said he signs, later said his business partner handles all "
                       "contracts... will clarify next call", (None, "unclear")),
    ("anum.authority", "he signs, will confirm on the next call", (None, "unclear")),
    ("anum.authority", "he signs", ("signs", "sure")),
])
def test_an_answer_the_sdr_will_clarify(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "not the one making the recommendation": the "not" reaches past "the one"
    ("bant.role", "IT guy, his opinion counts but he's not the one making the recommendation",
     ("influencer", "sure")),
    ("bant.role", "not the one who decides, she recommends", ("recommender", "sure")),
    # without the "not", the words are the answer
    ("bant.role", "she's the one making the recommendation", ("recommender", "sure")),
])
def test_not_the_one_who(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a meeting still to come is not one had
    ("meddic.economic_buyer", "meeting the EB on the 15th", ("no", "likely")),
    ("meddic.economic_buyer", "meeting the EB next week", ("no", "likely")),
    ("meddic.economic_buyer", "will meet the CFO on tuesday", ("no", "likely")),
    # one had, or had before
    ("meddic.economic_buyer", "met the EB", ("yes", "sure")),
    ("meddic.economic_buyer", "had a meeting with the EB", ("yes", "sure")),
    ("meddic.economic_buyer", "yes, meeting her again on the 15th", ("yes", "sure")),
    # a "no" said outright stays sure
    ("meddic.economic_buyer", "not yet, meeting the CFO next tue", ("no", "sure")),
])
def test_a_meeting_to_come_is_not_met(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the one who decides, and our contact who acts apart from them: someone else decides
    ("gpctba.authority", "CFO Mark decides, our contact will set up a call with him",
     ("known", "sure")),
    # (the one who decides only named as "he": proposed)
    ("gpctba.authority", "he decides, our contact is his PA", ("known", "likely")),
    ("bant.role", "CFO Mark decides, our contact will set up a call with him", (None, "unclear")),
    # a name after a title cuts no phrase
    ("gpctba.authority", "CFO Mark decides", ("known", "sure")),
    # our contact who decides
    ("gpctba.authority", "our contact decides", ("contact", "sure")),
    ("gpctba.authority", "our contact is the decision maker", ("contact", "sure")),
    ("bant.role", "CFO, makes the call", ("decision_maker", "sure")),
])
def test_the_decider_and_our_contact_apart(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "today", "expect"), [
    # "next year" said in the year's last quarter: the coming year's list, proposed
    ("champ.priority", "behind the ERP migration and 2 other projects but they want it done "
                       "next year", date(2026, 12, 3), ("this_year", "likely")),
    ("champ.priority", "on their list for next year", date(2026, 12, 3), ("this_year", "likely")),
    # said mid-year, it is past this year's list
    ("champ.priority", "next year", date(2026, 6, 1), ("someday", "sure")),
    # not this year, and a guess at the next: asked
    ("champ.priority", "not this year, maybe next year", date(2026, 12, 3), (None, "unclear")),
])
def test_next_year_said_at_the_years_end(where: str, text: str, today: date,
                                         expect: tuple[str, str]) -> None:
    flow_id, question_id = where.split(".")
    question = FLOWS[flow_id].question(question_id)
    assert question is not None
    r = read_reply(question, text, today=today)
    assert ((r.choice.id if r.choice else None), r.confidence.value) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # what we do, and beside it what we don't: a part fit, proposed
    ("gpctba.challenges", "barcode scanning yes but they also need route planning for the vans "
                          "which we dont do", ("partly", "likely")),
    ("champ.challenges", "barcode scanning yes but they also need route planning for the vans "
                         "which we dont do", ("adjacent", "likely")),
    # only what we don't do: none
    ("gpctba.challenges", "route planning, which we dont do", ("not_ours", "sure")),
    ("gpctba.challenges", "they need route planning, not us", ("not_ours", "sure")),
])
def test_a_fit_beside_a_need_we_dont_meet(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "that's what they paid": the amount before it is theirs too
    ("bant.size", "they mentioned 5k but thats what they paid for last yrs pen test",
     (None, "unclear")),
    ("bant.size", "they mentioned 5k", ("from_100", "sure")),
])
def test_an_amount_said_back_to_as_what_they_paid(where: str, text: str,
                                                  expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the SDR still has to find out, or the prospect said two things
    ("bant.role", 'he and his boss both "own" it apparently, need to figure out who actually '
                  "makes the call", (None, "unclear")),
    ("meddic.process", "this month, or maybe after the summer, they werent consistent",
     (None, "unclear")),
    # seats and users are counted alike
    ("bant.size", "50 seats x $8/user/month", ("from_100", "sure")),
    ("champ.money", "50 seats x $8/user/month", ("small", "sure")),
    # a price per user with no count is still no total
    ("bant.size", "$8/user/month", (None, "unclear")),
    # a sprint is weeks; a guess after a time is proposed
    ("meddic.process", "next sprint", ("soon", "sure")),
    ("gpctba.timeline", "2029 maybe", ("later", "likely")),
    ("gpctba.timeline", "maybe", (None, "unclear")),
])
def test_open_questions_seats_sprints_and_trailing_guesses(where: str, text: str,
                                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.need", "they needed it yesterday lol", ("clear", "sure")),
    ("truly_qualified.need", "clear as day", ("clear", "sure")),
    ("champ.challenges", "nothing specific", ("none", "sure")),
    ("gpctba.implications", "not that they mentioned", ("no", "sure")),
    ("truly_qualified.role", "has the owner's ear", ("influencer", "sure")),
    ("truly_qualified.role", "one of many opinions in the room", ("influencer", "sure")),
    ("truly_qualified.problem", "they insist nothing's wrong", ("none", "sure")),
    # a hedge on it is still asked
    ("truly_qualified.problem", "maybe nothing is wrong", (None, "unclear")),
])
def test_sales_words_for_need_voice_and_denial(where: str, text: str,
                                               expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
