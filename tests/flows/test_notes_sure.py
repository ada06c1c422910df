"""What call notes fill for sure, what they only propose and what they leave to ask: a fill
is sure only where its line is about that question, for this lead, and nothing else in
the notes says otherwise."""
from __future__ import annotations

from datetime import date

import pytest

from config.loader import load_flows
from flows.reading import read_notes, read_reply

FLOWS = load_flows()
TODAY = date(2026, 12, 3)


def read(flow: str, text: str) -> dict[str, tuple[str, str]]:
    """Each answer the notes give: (choice, "sure" or "likely")."""
    return {f.question.id: (f.reading.choice.id if f.reading.choice else "",
                            "sure" if f.reading.sure else "likely")
            for f in read_notes(FLOWS[flow], text, today=TODAY)}


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a line labelled for the budget says when the budget is, not how high a priority
    ("champ", "Camila, HR director, she decides.\nbudget: comes from the ops pot this year",
     "priority", ("this_year", "likely")),
    # …and who takes the budget to the CFO is proposed as the contact's role
    ("bant", "- Mark, IT manager\n- budget: he'll take it to the CFO, not approved yet",
     "role", ("recommender", "likely")),
    # a line labelled for the budget still gives the deal's size: one topic, money
    ("bant", "Amit - Head of Data. budget: they have ~30k left in this yr's budget",
     "size", ("from_10k", "sure")),
    # a labelled need that names a problem answers the problem question too
    ("truly_qualified", "- Jeroen, HR director\n- needs it: 3 payroll providers after "
                        "merger, clear need, he said it himself: \"our payroll is a mess\"",
     "problem", ("stated", "sure")),
])
def test_a_label_says_which_question_a_line_answers(flow: str, text: str, question: str,
                                                     expect: tuple[str, str]) -> None:
    assert read(flow, text).get(question) == expect


def test_a_field_name_goes_by_its_first_word_before_a_topic_cue() -> None:
    # "needs it:" names the need, though "needs it (by March)" is a cue of timing
    got = read("bant", "Dana, ops lead\nneeds it: 3 payroll providers after merger, clear need")
    assert got.get("need") == ("clear", "sure")
    assert "timing" not in got


@pytest.mark.parametrize(("flow", "text", "question"), [
    # what the tool they have costs them is no budget for us
    ("champ", "tshepo ops mgr, not the decider (owner is). they literally just renewed their "
              "current tool for R85k over 3 yrs. someday maybe", "money"),
    ("anum", "Contact: Zanele M. — Payroll Administrator\n"
             "Budget: they pay the bureau R60k/yr (not budget for us)", "money"),
    # …nor an amount the SDR says is not ours
    ("truly_qualified", "Contact: Kagiso, shift supervisor\nNotes: head office spends ~R2m/yr "
                        "on their current system (not relevant for us)", "size"),
])
def test_what_they_pay_today_is_no_answer(flow: str, text: str, question: str) -> None:
    assert question not in read(flow, text)


def test_what_they_pay_today_leaves_the_amount_for_us() -> None:
    got = read("gpctba", "B: $55k approved (old vendor was charging them $20k/yr)")
    assert got.get("budget") == ("large", "sure")


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # rand and reais are far from a dollar: placed at a rough rate, proposed
    ("bant", "Ops director Jaco, he's the DM. Our piece would be ~R400k/yr", "size",
     ("from_10k", "likely")),
    # "mil" after R$ is a thousand
    ("champ", "Camila, she decides. budget: R$ 400 mil this year", "money",
     ("large", "likely")),
    # the SDR's own sum in dollars is the amount
    ("anum", "Rafael, supervisor. budget: R$ 50 mil reserved for systems this year "
             "(~US$9k)", "money", ("some", "sure")),
    ("bant", "Ms Lim, CFO, final sign off. size roughly S$120k/yr (~US$89k)", "size",
     ("over_50k", "sure")),
])
def test_amounts_in_other_currencies(flow: str, text: str, question: str,
                                     expect: tuple[str, str]) -> None:
    assert read(flow, text).get(question) == expect


def test_a_typed_amount_in_rand_is_proposed_in_its_band() -> None:
    question = FLOWS["bant"].question("size")
    reading = read_reply(question, "R250k", today=TODAY)
    assert (reading.choice.id, reading.sure) == ("from_10k", False)


@pytest.mark.parametrize(("flow", "text", "expect"), [
    # no budget today, one to come: in formulation, proposed
    ("truly_qualified", "- Jeroen, HR director\n- no budget yet, CEO will set it once the "
                        "proposal is in", ("formulating", "likely")),
    ("bant", "* Budget: nothing yet, partners will set it in Feb", ("formulating", "likely")),
    ("bant", "Spoke to Tom. No budget set yet, they're working on one.",
     ("formulating", "likely")),
    # no budget, and nothing said of one to come
    ("bant", "no budget yet, will revisit when they grow", ("none", "sure")),
    ("bant", "Sanne, floor manager. no budget. maybe look again in 2028.", ("none", "sure")),
])
def test_no_budget_yet_and_one_to_come(flow: str, text: str, expect: tuple[str, str]) -> None:
    assert read(flow, text).get("budget") == expect


def test_a_no_that_turns_on_another_answer_is_only_proposed() -> None:
    # "didn't admit a problem straight out" and "a nightmare" after the "but": two answers
    got = read("truly_qualified", "spoke to Ayesha, assistant GM. didn't admit a problem "
                                  "straight out but kept saying payroll week is \"a nightmare\"")
    assert got.get("problem", ("", "likely"))[1] == "likely"


def test_a_plain_no_is_still_filled() -> None:
    got = read("truly_qualified", "Contact: Kagiso, shift supervisor\nProblem: none admitted")
    assert got.get("problem") == ("none", "sure")


@pytest.mark.parametrize(("text", "expect"), [
    # "owner (Denise) does": the owner named acts; "Tyrone doesn't decide" is our contact's
    # own "no" (proposed)
    ("Spoke w/ Tyrone, dispatcher at Magnolia Plumbing. Tyrone doesn't decide, owner "
     "(Denise) does.", "no"),
    ("Spoke w/ Tyrone, dispatcher. the owner (Denise) has the final say", "no"),
    # the contact named with the title is still the contact
    ("Call w/ Darnell Price (owner), signs everything himself", "yes"),
])
def test_a_title_and_the_name_of_someone_who_acts(text: str, expect: str | None) -> None:
    assert read("champ", text).get("authority", (None,))[0] == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "he decides" in notes on a "she": the CTO decides, not our contact
    ("bant", "- spoke to priya, eng mgr @ 30-person startup\n- she'll write it up for the "
             "CTO, he decides", "role", None),
    ("anum", "Good call with Jenna (project controls lead). She'll take it to the VP "
             "Construction with her recommendation, he signs.", "authority",
     ("recommends", "sure")),
    # the contact's own pronoun still speaks of the contact
    ("anum", "Mr Tan, GM (owner's son). he can sign up to S$100k on his own, he decides",
     "authority", ("signs", "sure")),
])
def test_he_in_notes_on_a_she_is_someone_else(flow: str, text: str, question: str,
                                              expect: tuple[str, str] | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("text", "expect"), [
    # "if they do nothing" is the question's own condition, not a "no"
    ("Call with Anna (ops). Budget ~AUD 20k. If they do nothing they keep paying overtime "
     "every month.", ("yes", "sure")),
    ("- if nothing changes they lose the HDB maintenance contract renewal", ("yes", "likely")),
    # doing nothing that costs nothing is still a "no"
    ("Oliver, HR manager. doing nothing doesn't really cost them anything they can point to",
     ("no", "sure")),
])
def test_if_they_do_nothing_is_the_question_not_a_no(text: str,
                                                      expect: tuple[str, str]) -> None:
    assert read("gpctba", text).get("consequences") == expect


@pytest.mark.parametrize(("flow", "text", "question"), [
    # another vendor's quote is no amount of our deal
    ("bant", "Ms Lim, CFO. they compared against a Workday quote of S$250k.", "size"),
    ("bant", "Dale, owner. they got a $30k quote from FieldEdge, too much", "size"),
    ("anum", "Mr Tan, GM. also looking at Simpro, they quoted S$38k", "money"),
    ("champ", "Camila, she decides. other vendor (TOTVS) quoted R$ 650 mil", "money"),
])
def test_another_vendors_quote_is_no_answer(flow: str, text: str, question: str) -> None:
    assert question not in read(flow, text)


@pytest.mark.parametrize("text", [
    "Dale, owner. we quoted them 40k",
    "Dale, owner. we'll send a quote for 40k",
    "Dale, owner. sent them a quote for 40k",
])
def test_our_own_quote_is_the_deal(text: str) -> None:
    assert read("bant", text).get("size") == ("from_10k", "sure")


@pytest.mark.parametrize(("text", "expect"), [
    # "her boss, the VP Ops, signs": the boss signs, not our contact
    ("Spoke to Mia, ops lead. her boss, the VP Ops, signs", None),
    # "Mia, the CFO, signs everything": the contact, named with her title
    ("Spoke to Mia, the CFO, signs everything", ("decision_maker", "sure")),
])
def test_a_signature_after_someone_of_the_contacts(text: str,
                                                   expect: tuple[str, str] | None) -> None:
    assert read("bant", text).get("role") == expect


@pytest.mark.parametrize(("text", "expect"), [
    # when someone joins is no date of buying
    ("Spoke to Mia, ops lead. the new CFO starts in Jan and will own this", None),
    # a go-live set before someone's leave still is
    ("Spoke to Mia, ops lead. she wants to go live before her maternity leave in March",
     ("within_6_months", "sure")),
])
def test_when_a_person_comes_or_goes(text: str, expect: tuple[str, str] | None) -> None:
    assert read("bant", text).get("timing") == expect


def test_what_staff_earn_is_no_deal() -> None:
    assert "size" not in read("bant", "Spoke to Mia, ops lead. 45 staff, avg salary 50k")


@pytest.mark.parametrize("text", [
    "Spoke to Mia, ops lead. HubSpot charges them 2k/month",
    "Spoke to Mia, ops lead. they burned 40k on a failed rollout",
])
def test_what_another_charges_them_or_they_lost_is_no_deal(text: str) -> None:
    assert "size" not in read("bant", text)


def test_what_we_would_charge_them_is_the_deal() -> None:
    got = read("bant", "Spoke to Mia, ops lead. we'd charge them 2k a month")
    assert got.get("size") == ("from_10k", "sure")


@pytest.mark.parametrize(("text", "expect"), [
    # two sentences disagree on who decides: that the contact does is only proposed
    ("Spoke to Mia. she decides. later she said the CEO has final say",
     ("decision_maker", "likely")),
    # nothing says otherwise: filled
    ("Spoke to Mia, ops director. she decides.", ("decision_maker", "sure")),
])
def test_notes_that_disagree_on_who_decides(text: str, expect: tuple[str, str]) -> None:
    assert read("bant", text).get("role") == expect


@pytest.mark.parametrize(("text", "expect"), [
    # "already" between the budget and its approval says nothing more
    ("Met Ms Lim, CFO. budget already approved at the Nov board.", ("funded", "sure")),
    ("Met Ms Lim, CFO. budget approved?", None),
])
def test_budget_already_approved(text: str, expect: tuple[str, str] | None) -> None:
    assert read("bant", text).get("budget") == expect
