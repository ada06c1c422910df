"""Classes of call notes the reader learnt from sets it was never tuned on: what a labelled
line, a bare "nobody" or a "nothing urgent" states, and what it must leave alone."""
from __future__ import annotations

from datetime import date

import pytest

from config.loader import load_flows
from flows.reading import read_notes

FLOWS = load_flows()
TODAY = date(2026, 12, 3)


def filled(flow: str, text: str) -> dict[str, str]:
    return {f.question.id: f.reading.choice.id if f.reading.choice else ""
            for f in read_notes(FLOWS[flow], text, today=TODAY)}


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "nothing urgent" says when it is not, never "ASAP"
    ("anum", "pain: meh, they know scheduling is clunky but nothing urgent", "urgency", None),
    # a bare "nobody" is no answer to a yes/no question the sentence does not name
    ("gpctba", "Impl: nobody gets a win out of this", "consequences", None),
    # a labelled line answers its own question before another's: "C: …, that's us" is no
    # plan where "P:" says what the plan is
    ("gpctba", "P: nothing decided, open to ideas. Challenge: their KB is a mess, which is us",
     "plans", "no_plan"),
    # and a labelled line still says what only it says
    ("bant", "- Mark, IT manager\n- budget: he'll take it to the CFO, not approved yet",
     "role", "recommender"),
])
def test_labelled_lines_and_bare_negatives(flow: str, text: str, question: str,
                                           expect: str | None) -> None:
    assert filled(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a signing limit in Australian or Canadian dollars is a limit, not the deal
    ("anum", "Call w/ Liam, ops manager. Liam can approve up to A$20k himself.", "money", None),
    ("bant", "fyi anything over C$25k goes to the CFO anyway", "size", None),
    # what they bought before is no money for this deal
    ("anum", "last bought an FSM system in 2023 for £60k so money exists", "money", None),
    ("bant", "Deal size ~£60k", "size", "over_50k"),
])
def test_limits_and_past_purchases_are_no_deal(flow: str, text: str, question: str,
                                               expect: str | None) -> None:
    assert filled(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "not looking to switch before then" says when, not that there is no need
    ("bant", "they're on a competitor today and the contract runs to mid-2028, not looking to "
             "switch before then", "need", None),
    ("bant", "happy with their current vendor, not looking to switch", "need", "none"),
    # "met CTO only": the one met, proposed as the economic buyer, never filled
    ("meddic", "- met CTO only; the money sits with the CEO", "economic_buyer", "yes?"),
])
def test_when_not_whether_and_the_only_one_met(flow: str, text: str, question: str,
                                               expect: str | None) -> None:
    got = {f.question.id: f.reading.choice.id + ("" if f.reading.sure else "?")
           for f in read_notes(FLOWS[flow], text, today=TODAY) if f.reading.choice}
    assert got.get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a field has said its answer with the parts after it, which say nothing more alone
    ("anum", "Authority: recommends – MD (Sue Hargreaves) signs anything over £10k",
     "authority", "recommends"),
    ("bant", "Role: recommender, CFO (Dan) has final say", "role", "recommender"),
    # an amount after another label is not the budget, where the budget's line says it
    ("anum", "Need: overtime costing them every week, est £2-3k/wk\nBudget: nothing set aside "
             "yet, Tom to raise it with Sue", "money", "none"),
    # "Problem:" is the problem question's where the flow has one; a sibling question takes
    # from it only what is said outright
    ("truly_qualified", "Problem: none admitted, they think the spreadsheet works",
     "problem", "none"),
    ("truly_qualified", "Problem: none admitted, they think the spreadsheet works",
     "need", None),
    ("truly_qualified", "Problem: she said outright reports take 3 weeks, they need a system",
     "need", "clear"),
])
def test_fields_and_the_parts_after_them(flow: str, text: str, question: str,
                                         expect: str | None) -> None:
    assert filled(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a field that says it outright outweighs what another sentence only hints at, or an
    # emoji that names no topic
    ("meddic", "EB = VP Fin, met her today ✅. metric: none yet", "metrics", "no"),
    # who controls the spend says who the economic buyer is, not that we met them
    ("meddic", "Met: IT manager only\nEconomic buyer: haven't met, FD controls spend",
     "economic_buyer", "no"),
    # goals as notes write them
    ("gpctba", "goal: ISO 14001 certification, nothing to do with us", "goals", "none"),
    ("gpctba", "goal: more dealers ordering online, didnt quantify", "goals", "vague"),
    ("gpctba", "Goal: grow online revenue from A$6m to A$10m", "goals", "quantified"),
])
def test_fields_outright_and_who_holds_the_money(flow: str, text: str, question: str,
                                                 expect: str | None) -> None:
    assert filled(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "no budget allocated" answers a money question by name; "no budget talk" does not
    ("anum", "- spoke w/ Aisha\n- no budget allocated for this yet", "money", "none"),
    ("anum", "Spoke with Aisha. No budget talk.", "money", None),
    ("champ", "GM at The Ancoats. No budget numbers shared.", "money", None),
    # when it will be running, or the RFP goes out, is when they buy
    ("anum", "- not looking to have anything running before autumn '27", "urgency", "later"),
    ("truly_qualified", "- RFP 2028 at earliest", "timing", "year_or_later"),
    # a decision after a meeting is dated by it (proposed); the meeting alone dates nothing
    ("meddic", "They'll decide after their board meeting in March.", "process", "this_half"),
    ("meddic", "Next meeting in March.", "process", None),
])
def test_budgets_by_name_and_times_by_their_step(flow: str, text: str, question: str,
                                                 expect: str | None) -> None:
    assert filled(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # the SDR's "(not relevant)" is about the sentence, no answer to a question
    ("champ", "they paid 70k for their ERP last yr (not relevant).", "challenges", None),
    ("champ", "they paid 70k for their ERP last yr (not relevant).", "money", None),
    # a size field that says the amount was last year's spend fills nothing
    ("bant", "size: they mentioned 5k but thats what they paid for last yrs pen test", "size",
     None),
    # a budget for the whole programme we are one part of is not ours
    ("champ", "budget for the whole ISO programme 120k", "money", None),
    # kronor are no dollars
    ("champ", "talked to Lars, he's the owner. budget about 350k SEK for the whole thing",
     "money", "medium"),
    # the one who decides, named, and our contact apart from them
    ("gpctba", "A: COO Mark decides, our contact (ops mgr) will bring him to the demo on the "
               "17th", "authority", "known"),
    # a list for next year, said in December
    ("champ", "on their list for next year", "priority", "this_year"),
])
def test_amounts_and_people_that_are_not_the_answer(flow: str, text: str, question: str,
                                                    expect: str | None) -> None:
    assert filled(flow, text).get(question) == expect
