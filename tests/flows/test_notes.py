"""Call notes read as a sales manager reads them: whose title, which amount, which date.

Each rule has a table of notes it must read and notes it must leave alone (a question
left to ask is better than an answer filled wrongly).
"""
from __future__ import annotations

from datetime import date

import pytest

from config.loader import load_flows
from flows.reading import Confidence, read_notes

FLOWS = load_flows()
TODAY = date(2026, 12, 2)


def filled(flow: str, text: str) -> dict[str, tuple[str, Confidence]]:
    return {f.question.id: (f.reading.choice.id if f.reading.choice else "", f.reading.confidence)
            for f in read_notes(FLOWS[flow], text, today=TODAY)}


@pytest.mark.parametrize(("text", "role"), [
    ("Talked to Sam Ruiz, CFO. Budget approved.", "decision_maker"),
    ("Spoke w/ the CEO today, good call.", "decision_maker"),
    ("Priya Nair (COO) - wants it fixed.", "decision_maker"),
    ("CEO of a 30-person agency. Needs it badly.", "decision_maker"),
    ("Call with Ana Ortiz, she's the CFO.", "decision_maker"),
])
def test_a_title_the_notes_introduce_the_contact_with_is_their_role(text: str,
                                                                    role: str) -> None:
    assert filled("bant", text).get("role", ("", None))[0] == role


@pytest.mark.parametrize("text", [
    "CFO said no. They don't see the problem.",
    "Budget approved. The CFO is skeptical though.",
    "CEO (not my contact) wants a demo first.",
    "Contact is Lee, office admin. CEO escalated it after the outage.",
    "Reports to the COO, who signs everything.",
])
def test_someone_elses_title_is_not_the_contacts_role(text: str) -> None:
    assert filled("bant", text).get("role", ("", None))[0] != "decision_maker"


@pytest.mark.parametrize("text", ["CEO escalated it after the outage.",
                                  "EB: CFO Dana Wu, not met yet, intro pending."])
def test_naming_the_economic_buyer_is_not_meeting_them(text: str) -> None:
    assert filled("meddic", text).get("economic_buyer", ("", None))[0] != "yes"


@pytest.mark.parametrize(("text", "role", "size"), [
    # under the limit: the contact signs, proposed for the SDR to confirm
    ("She signs anything under 50k. Deal ~30k.", ("decision_maker", Confidence.LIKELY),
     ("from_10k", Confidence.SURE)),
    # over it, or nothing to compare: the limit says nothing of who signs this deal
    ("He can approve up to 10k. Deal around 80k.", None, ("over_50k", Confidence.SURE)),
    ("Anything over 20k goes to the CFO. Deal ~35k.", None, ("from_10k", Confidence.SURE)),
    ("He can approve spend up to 100k on his own.", None, None),
])
def test_a_signing_limit_is_compared_with_the_deal(text: str, role, size) -> None:
    got = filled("bant", text)
    assert got.get("role") == role
    assert got.get("size") == size


@pytest.mark.parametrize("text", [
    "Demo on Jan 10 with her team.",
    "He's bringing our proposal to the board in February.",
    "Presenting to the exec team in March.",
    "They want a pilot first, for 3 months.",
])
def test_a_meeting_a_step_or_a_duration_is_no_purchase_date(text: str) -> None:
    assert "timing" not in filled("bant", text)


def test_a_date_to_reach_a_goal_is_not_when_they_want_it_in_place() -> None:
    got = filled("gpctba", "Goal: cut churn 20% by Q3. Want it in place by January.")
    assert got["goals"][0] == "quantified"
    assert got["timeline"][0] == "quarter"
    assert "timeline" not in filled("gpctba", "They want to cut churn 20% by Q3.")


def test_a_question_the_sdr_still_has_fills_nothing() -> None:
    assert "budget" not in filled("bant", "budget approved? she laughed")
    assert filled("champ", "decider? yes, the owner himself")["authority"][0] == "yes"


def test_someone_elses_approval_is_no_need() -> None:
    assert "need" not in filled("bant", "Loves it but this needs the CFO.")
    assert filled("bant", "They need it, invoices are chaos.")["need"][0] == "clear"


def test_a_hedge_is_no_answer_but_where_not_knowing_is_one() -> None:
    got = filled("champ", "Couldn't tell if he's the decider, he kept saying 'we'.")
    assert got.get("authority", ("", Confidence.LIKELY))[1] is not Confidence.SURE
    assert filled("meddic", "No idea yet how they'll choose a vendor.")["criteria"][0] == "unknown"
    got = filled("bant", "Not sure if she signs, will find out. Budget approved.")
    assert "role" not in got and got["budget"][0] == "funded"


@pytest.mark.parametrize(("flow", "text", "question", "choice"), [
    # a field's value runs on past a comma
    ("bant", "$$: not yet, they're putting a budget together for Q2", "budget", "formulating"),
    # a flow's acronym as field names, where a letter names one question
    ("gpctba", "G: grow self-serve revenue 20%\nT: next quarter\nB: 60k", "timeline", "quarter"),
    ("gpctba", "G: grow self-serve revenue 20%\nT: next quarter\nB: 60k", "budget", "large"),
    ("meddic", "M: cut churn 10%\nE: met the CFO yesterday", "economic_buyer", "yes"),
    # a goal with a number, where a question asks for one: proposed
    ("gpctba", "Goal: cut onboarding from 6 weeks to 2.", "goals", "quantified"),
    ("meddic", "Metric: DSO from 58 to 40 days.", "metrics", "yes"),
])
def test_fields_as_sdrs_write_them(flow: str, text: str, question: str, choice: str) -> None:
    assert filled(flow, text)[question][0] == choice


def test_a_letter_two_questions_share_names_neither() -> None:
    assert not filled("gpctba", "C: yes")


@pytest.mark.parametrize(("flow", "text", "question"), [
    ("gpctba", "A: VP Support, we're meeting her next week.", "authority"),
    ("gpctba", "Our contact is her direct report, nice guy.", "authority"),
    ("meddic", "EB = CFO Maria Chen, intro pending.", "economic_buyer"),
])
def test_naming_someone_is_not_saying_our_contact_decides(flow: str, text: str,
                                                          question: str) -> None:
    got = filled(flow, text).get(question)
    assert got is None or (got[0] != "contact" and got[0] != "yes") \
        or got[1] is Confidence.LIKELY
    assert filled("gpctba", "Our contact, Ian, decides on his own.")["authority"][0] == "contact"


@pytest.mark.parametrize(("flow", "text", "question", "choice"), [
    # an abbreviation ends no sentence
    ("champ", "Contact (Dir. CX) isn't the decider, her SVP is.", "authority", "no"),
    ("bant", "Spoke to Sr. Mgr. Kim. Budget approved.", "budget", "funded"),
    # of two answers, "not a decision maker" is the other
    ("champ", "Nice call with Bo. Not a decision maker.", "authority", "no"),
    # the short names of a flow's questions as fields
    ("meddic", "EB not met. Champ: yes, Luis.", "economic_buyer", "no"),
    ("meddic", "EB not met. Champ: yes, Luis.", "champion", "yes"),
    ("meddic", "EB is the COO, haven't met him yet.", "economic_buyer", "no"),
    # a date by a contract signature, a renewal or a switch is when they buy
    ("bant", "Contract signature expected by March.", "timing", "within_6_months"),
    ("bant", "Current vendor renews Sept 30 2027, they switch then.", "timing", "within_year"),
])
def test_what_notes_say_in_passing(flow: str, text: str, question: str, choice: str) -> None:
    assert filled(flow, text)[question][0] == choice


@pytest.mark.parametrize(("text", "question", "choice"), [
    ("Approved, ~$250k over 3 years.", "size", "over_50k"),  # a span of time is no threshold
    ("120 reps, quoted $40/user/mo -> ~57k/yr.", "size", "over_50k"),  # the total
    ("12 seats at $99/mo, so ~14k/yr.", "size", "from_10k"),
    ("Budget approved for the pilot: 5k.", "budget", "funded"),  # the field's name says it
    ("Budget approved for the pilot: 5k.", "size", "from_100"),
])
def test_amounts_in_notes(text: str, question: str, choice: str) -> None:
    assert filled("bant", text)[question][0] == choice


@pytest.mark.parametrize("text", ["They want to sign before Christmas.",
                                  "Ready to sign once legal is done."])
def test_the_company_signing_is_no_role(text: str) -> None:
    assert "role" not in filled("bant", text)


@pytest.mark.parametrize(("flow", "text", "question"), [
    ("anum", "Talked with Raj's assistant. Raj (CEO) will decide.", "authority"),
    ("bant", "Met Kim, ops analyst. Reports to Dana. Dana signs everything.", "role"),
    ("bant", "Need: not really, they're evaluating for next year.", "role"),
    ("meddic", "EB unknown. Pain mild.", "economic_buyer"),
    ("meddic", "EB unknown. Pain mild.", "criteria"),
])
def test_what_is_said_of_someone_else_or_not_known_fills_nothing(flow: str, text: str,
                                                                 question: str) -> None:
    assert question not in filled(flow, text)


@pytest.mark.parametrize(("text", "question"), [
    ("They currently pay their vendor ~90k/yr.", "size"),  # what they pay today
    ("Last year they spent 200k on a failed implementation.", "size"),
    ("Last year they spent 200k on a failed implementation.", "timing"),  # in the past
    ("Budget cycle starts in July.", "timing"),  # when budgets are set, not when they buy
])
def test_spend_and_dates_that_are_not_this_deal(text: str, question: str) -> None:
    assert question not in filled("bant", text)


def test_a_goals_date_and_a_field_named_for_its_topic() -> None:
    got = filled("gpctba", "Their goal: 2x pipeline by end of 2027. Decider: VP Sales, not met.")
    assert "timeline" not in got  # when the goal is met
    assert got.get("authority", ("", None))[0] != "contact"  # "Decider:" names the topic


@pytest.mark.parametrize(("flow", "text", "question", "choice"), [
    ("meddic", "Call with procurement only.", "economic_buyer", None),  # talked to someone
    ("meddic", "Met the CFO. No metrics yet.", "economic_buyer", "yes"),
    ("bant", "Lisa from HR, end user. CEO signs.", "role", "influencer"),  # the CEO's act
    ("bant", "CFO is the EB and I spoke to him directly.", "role", "decision_maker"),
    ("anum", "They'd like it live within 90 days.", "urgency", "quarter"),
    ("gpctba", "Goals: reduce DSO by 10 days.", "goals", "quantified"),
])
def test_who_is_talked_to_and_who_acts(flow: str, text: str, question: str,
                                       choice: str | None) -> None:
    assert filled(flow, text).get(question, (None, None))[0] == choice


@pytest.mark.parametrize(("flow", "text", "question"), [
    ("bant", "They just raised a $20M Series B. Company ARR ~5M.", "size"),
    ("bant", "Competitor quoted them 30k.", "size"),
    ("bant", "Competitor quoted them 30k.", "need"),  # a competitor named is no lost need
    ("bant", "Team of 12 SDRs, each would need a seat at $75/mo.", "size"),  # a unit price
    ("bant", "Decision maker is the COO (not on call). Our contact: Priya, analyst.", "role"),
    ("anum", "Contact is the CFO's EA.", "authority"),
    ("meddic", "Champion left the company last week.", "champion"),
    ("meddic", "New contact is neutral.", "criteria"),  # no word of how they choose
])
def test_what_the_notes_mention_but_do_not_state(flow: str, text: str, question: str) -> None:
    got = filled(flow, text).get(question)
    assert got is None or got[1] is Confidence.LIKELY, got


def test_a_short_word_misread_as_another_is_only_proposed() -> None:
    assert filled("bant", "NDA signed.").get("budget", ("", Confidence.LIKELY))[1] \
        is Confidence.LIKELY
    assert filled("bant", "Budjet approved for Q1.")["budget"] == ("funded", Confidence.SURE)


def test_not_knowing_answers_only_the_question_it_is_about() -> None:
    got = filled("meddic", "Not sure who'd champion it. No idea how they'll pick a vendor.")
    assert got["criteria"][0] == "unknown"
    assert "criteria" not in filled("meddic", "Not sure who'd champion it.")


def test_a_date_in_a_sentence_about_timing_is_proposed() -> None:
    got = filled("bant", "Not urgent, they're thinking about it for late 2027 or so.")
    assert got["timing"] == ("year_or_later", Confidence.LIKELY)
    assert "timing" not in filled("bant", "Not urgent, next call in late January.")


def test_a_name_is_the_title_is_the_contact() -> None:
    assert filled("bant", "Jane is the CFO, budget approved.")["role"][0] == "decision_maker"
    assert "role" not in filled("bant", "Budget approved. EB is the COO.")


@pytest.mark.parametrize(("text", "role"), [
    ("Procurement signs off on every vendor.", None),  # a department acts
    ("The board decides on anything strategic.", None),
    ("Anything over 50k goes to the board. Deal ~30k.", ("decision_maker", Confidence.LIKELY)),
])
def test_a_department_or_a_body_is_not_our_contact(text: str, role) -> None:
    assert filled("bant", text).get("role") == role


def test_a_buyer_for_small_tools_and_what_they_pay_the_old_vendor() -> None:
    got = filled("bant", "Mike is the buyer for tools under 5k but our deal is 18k, so it goes "
                         "to the CMO. We'd replace HubSpot (they pay 60k/yr).")
    assert "role" not in got
    assert got["size"][0] == "from_10k"  # our deal, not what they pay HubSpot


@pytest.mark.parametrize(("text", "size"), [
    # "under N" is read within N's order of magnitude, as a typed reply is: $500 to $5k
    ("Wants something small, under $5k a year.", ("from_100", Confidence.SURE)),
    ("Deal size under $300/mo.", ("from_100", Confidence.SURE)),  # a year's worth
    ("Deal under 40k.", ("from_10k", Confidence.LIKELY)),  # $4k to $40k: mostly 10k-50k
])
def test_a_ceiling_is_read_in_the_band_that_holds_it(text: str, size) -> None:
    assert filled("bant", text).get("size") == size
