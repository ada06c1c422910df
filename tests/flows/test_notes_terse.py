"""Call notes as SDRs paste them in a hurry: terse CRM lines cut by full stops, arrows,
a contact line then what the contact does, someone else's act beside our contact's, and
amounts or words that are not this deal's answer. "x?" is x proposed, "x" x filled."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import notes_on

TODAY = date(2026, 12, 3)


def read(flow: str, text: str) -> dict[str, str]:
    return notes_on(TODAY, flow, text)


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a titled person named with two words acts for themselves: "CFO Herr Vogt signs"
    ("bant", "- Contact: Jana Schröder, IT-Leiterin. Recommends; CFO Herr Vogt signs",
     "role", "recommender"),
    ("bant", "Tom Reyes, ops lead, he recommends. CFO Laura Kim signs off.", "role",
     "recommender"),
    ("anum", "Spoke to Pete (practice mgr). Owner Sarah Lane signs everything.", "authority",
     None),
])
def test_someone_else_acts_beside_the_contact(flow: str, text: str, question: str,
                                              expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "no timeline" gives no time: a band "later than…" is proposed, never filled
    ("anum", "owner, signs. no budget. no timeline. prob dead.", "urgency", "later?"),
    ("gpctba", "- timeline: no date set\n- budget: 5k", "timeline", "later?"),
    # …but where the answer is "no time yet" by name, it is filled
    ("meddic", "EB not met. No timeline. Pain mild.", "process", "later"),
    ("bant", "need yes, no timeline, no budget", "timing", "year_or_later"),
    # a time it is wanted by is filled as ever
    ("anum", "wants it live by end of Jan", "urgency", "quarter"),
])
def test_no_timeline_is_no_time(flow: str, text: str, question: str,
                                expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "nothing set aside" is no amount: a band "under $10k" is only proposed…
    ("champ", "Authority: no, owner decides.\n$ — nothing set aside", "money", "small?"),
    ("gpctba", "no budget allocated for this yet", "budget", "small?"),
    # …where a band that is nothing at all is filled
    ("anum", "no budget set aside yet", "money", "none"),
    ("champ", "budget ~8k for this", "money", "small"),
])
def test_no_budget_is_no_amount(flow: str, text: str, question: str,
                                expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # what they pay today, the subject left out, is not this deal
    ("champ", "Contact: Jason, ops coordinator\nNotes: paying ~$2k/mo to Descartes for "
              "customs filing", "money", None),
    ("anum", "- Current PMS: Dental4Windows, pays ~A$650/mo\n- A$60k earmarked for the new PMS",
     "money", "funded"),
    ("bant", "- currently paying 9k/yr for Sophos\n- deal size ~40k", "size", "from_10k"),
    # what they would pay is
    ("bant", "would be paying about $60k a year for the platform", "size", "over_50k"),
])
def test_what_they_pay_today_is_no_deal(flow: str, text: str, question: str,
                                        expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # money spent before shows money exists, not that this deal is funded
    ("bant", "CTO, decides. they spent ₹1.2 cr on the firewall refresh last year so money "
             "isnt the issue", "budget", None),
    ("truly_qualified", "paid 200k for their ERP in 2024 so they have money", "budget", None),
    # …though an approved budget is, whatever it bought before
    ("bant", "Ops budget signed off at R900k for 2027 (incl tracking they already bought)",
     "budget", "funded"),
    # a budget round still to start is no budget being formulated
    ("bant", "She influences.\nBudget planning for FY28 kicks off in Jan.", "budget", None),
    ("truly_qualified", "budget being formulated now, finance signs it off in March", "budget",
     "formulating"),
])
def test_budget_words_that_are_not_this_budget(flow: str, text: str, question: str,
                                               expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a field's short value is said with its name: "Need: clear" is a clear need
    ("truly_qualified", "Contact: Curtis Olsen – Owner\nNeed: Clear (no visibility on 60 "
                        "trucks once they leave the yard)", "need", "clear"),
    ("truly_qualified", "- Need: clear, 22 sites on WhatsApp + Excel", "need", "clear"),
    ("bant", "need: clear\nbudget: tbd", "need", "clear"),
    # …and a value that says nothing yet stays unsaid
    ("bant", "Need: unclear\nRole: DM", "need", None),
])
def test_a_field_value_said_with_its_name(flow: str, text: str, question: str,
                                          expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # someone of theirs named in brackets acts for themselves, not for our contact
    ("bant", "call w/ Thomas Bauer (owner)\n• decides himself, no board\n• their IT partner "
             "(Kai) will do the install, Kai has no say", "role", "decision_maker"),
    ("anum", "Spoke to Maria, practice manager, she recommends. her boss (Gary) signs, Gary "
             "wants a demo first", "authority", "recommends"),
])
def test_someone_of_theirs_named_in_brackets(flow: str, text: str, question: str,
                                             expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a time alone between terse items is when they buy, proposed
    ("bant", "CISO, DM. need: yes. funded. within 6 mo. ~$300k. f/u tues.", "timing",
     "within_6_months?"),
    ("truly_qualified", "owner. clear need. Q1. budget approved.", "timing", "within_6_months?"),
    ("anum", "Ops mgr, recommends. in 2-3 months. ~10k", "urgency", "quarter?"),
    # a bare month is as often the day of the next call
    ("bant", "CISO, DM. need: yes. funded. Jan.", "timing", None),
])
def test_a_time_alone_in_terse_notes(flow: str, text: str, question: str,
                                     expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a "who decides" field naming someone the notes did not introduce: someone else
    ("gpctba", "Meeting w/ Yamamoto-san (PM dept head), Kansai Kensetsu\n- Decides: Executive "
               "Director Ito, Yamamoto-san will bring him to the demo", "authority", "known?"),
    ("champ", "Spoke w/ Priya, ops analyst\nDecision maker: CFO Raj Mehta", "authority", "no?"),
    ("bant", "Spoke w/ Priya, ops analyst\nDM: CFO Raj Mehta", "role", None),
    # …and the contact, where it names them
    ("gpctba", "Dave (GM, Ironbark Civil, Perth). DM = Dave. goal: 30% fewer RFI delays.",
     "authority", "contact?"),
])
def test_a_who_decides_field_naming_someone_else(flow: str, text: str, question: str,
                                                 expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # the contact's "she influences", beside others who decide, is proposed
    ("bant", "Kavya, Sr Manager IT Infra, Zenith Hospitals\nShe influences; CIO Dr. Menon + "
             "purchase committee decide.", "role", "influencer?"),
    ("truly_qualified", "Call w/ Mark (ops lead). He recommends. CFO Dana Price signs.", "role",
     "recommender"),
    # a title with a name and a party beside it is their act, not our contact's
    ("bant", "Kavya, IT manager.\nCIO Dr. Menon + purchase committee decide.", "role", None),
])
def test_the_contact_and_the_others_who_decide(flow: str, text: str, question: str,
                                               expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "(not us)" after a payment says whom they paid, nothing of fit
    ("champ", "Fernanda, VP Logistics. challenge: container ETAs out of the port, core. they "
              "paid 1.2M MXN last yr for the WMS consultants (not us).", "challenges", "core"),
    ("gpctba", "goal: fewer site delays. they pay ~$3k/mo to an IT contractor (not us)",
     "challenges", None),
    # …where a challenge said "(not us)" is one we do not solve
    ("gpctba", "Challenges: staffing the new stores (not us)", "challenges", "not_ours"),
])
def test_whom_they_paid_is_no_fit(flow: str, text: str, question: str,
                                  expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # what follows the last arrow is the SDR's verdict
    ("champ", "Talked to Owen (analyst). Challenge is cold-chain temp monitoring + tracking — "
              "tracking is us, temp sensors aren't -> partial fit.", "challenges", "adjacent"),
    ("truly_qualified", "VP only deals w vendors via the procurement portal -> no path",
     "access", "no_path"),
    # …an arrow that goes on is no verdict
    ("anum", "2 chairs -> expanding to 4 next year", "urgency", None),
])
def test_the_verdict_after_an_arrow(flow: str, text: str, question: str,
                                    expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a field that says "unknown" answers where "unknown" is an answer
    ("meddic", "Metrics: No\nCriteria: Unknown\nDecision date: unknown", "criteria", "unknown"),
    ("meddic", "Metrics: No\nCriteria: Unknown\nDecision date: unknown", "process", "later"),
    ("gpctba", "Contact: Kobayashi Ken, IT section\nTimeline: 2028+\nDM: unknown", "authority",
     "unknown"),
    # …not where it was only not asked, nor where no answer means it
    ("meddic", "Criteria: unclear, maybe written down somewhere?", "criteria", None),
    ("bant", "Role: influencer\nDeal Size: Unknown", "size", None),
])
def test_a_field_saying_unknown(flow: str, text: str, question: str,
                                expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # what they spend on something today is no size of this deal
    ("truly_qualified", "no budget. they spend ~€200k/yr on haulage which obviously isn't our "
                        "budget", "size", None),
    ("bant", "she spends about 15k a year on freelancers for this", "size", None),
])
def test_what_they_spend_today_is_no_deal(flow: str, text: str, question: str,
                                          expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "who sign" said of people just named in brackets is their act
    ("anum", "spoke to Siobhan the practice manager, she'd recommend it to the two partners "
             "(Declan and Aoife) who sign the cheques", "authority", "recommends"),
    ("bant", "Priya (ops lead) will pitch it to the founders (Sam + Jo) who decide on all "
             "tools", "role", "recommender"),
])
def test_who_said_of_people_in_brackets(flow: str, text: str, question: str,
                                        expect: str | None) -> None:
    assert read(flow, text).get(question, "").rstrip("?") == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # the contact's own title is no "someone else we know decides"
    ("gpctba", "Contact: Anna Lindqvist, Head of QA — decides, owns the budget", "authority",
     "contact"),
    ("gpctba", "Call w/ Tom Berg, Head of Operations. Goal: fewer late deliveries.",
     "authority", None),
    # …where someone else's title with their act is
    ("gpctba", "spoke w/ Anna (analyst). the head of ops decides", "authority", "known"),
    ("gpctba", "Anna, analyst. CFO decides, we meet him in Jan", "authority", "known"),
])
def test_the_contacts_title_is_no_one_else(flow: str, text: str, question: str,
                                           expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a yes/no field that names the thing says "yes", proposed
    ("gpctba", "- Budget: ¥12M\n- Doing nothing: rework ~¥80M/yr", "consequences", "yes?"),
    ("meddic", "- Champion: Adaeze, already pitching us to the CFO", "champion", "yes?"),
    ("gpctba", "Consequences: MPA re-inspection in June, a critical finding likely",
     "consequences", "yes?"),
    # …not where it is hedged or denied
    ("meddic", "Champion: IT mgr seems keen, too early to say", "champion", None),
    ("gpctba", "Cost of inaction: nothing they could name", "consequences", "no"),
    # nor a metric only named: "reduce incidents" is no number
    ("meddic", "Metrics: reduce incidents", "metrics", None),
])
def test_a_yes_no_field_naming_the_thing(flow: str, text: str, question: str,
                                         expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # what the contact, named, does says more than their title; proposed
    ("truly_qualified", "Call – Vikram Desai, GM Projects, Desai Infra (Pune)\n- Vikram "
                        "recommends; MD Anil Desai decides", "role", "recommender?"),
    ("bant", "Spoke w/ Lena Ortiz, VP Operations.\nLena recommends, CEO signs.", "role",
     "recommender"),
    # someone named apart from the contact acts for themselves
    ("bant", "Spoke w/ Lena Ortiz, VP Operations. reports to Dana\nDana decides", "role",
     None),
])
def test_the_contacts_act_over_their_title(flow: str, text: str, question: str,
                                           expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a job title with a topic word in it says nothing of that topic
    ("truly_qualified", "Call – Vikram Desai, GM Projects, Desai Infra (Pune)", "project", None),
    # …but a title says who decides, where a question asks it
    ("truly_qualified", "Company: Prairie Grain Haulers\nContact: Curtis Olsen – Owner",
     "access", "they_decide"),
    # and a boss asking for it is a project
    ("truly_qualified", "Call – Vikram Desai, GM Projects\n- MD asked Vikram for a "
                        "recommendation by Jan 15", "project", "boss_asked?"),
])
def test_a_title_names_a_person_not_a_topic(flow: str, text: str, question: str,
                                            expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a budget being made now is proposed as "in formulation"
    ("bant", "CTO, he decides, budget not there yet they're formulating it with finance this "
             "month, they spent ₹1.2 cr on the firewall last year so money isnt the issue",
     "budget", "formulating?"),
    ("truly_qualified", "- budget not set, they're doing 2027 planning now", "budget",
     "formulating?"),
    ("bant", "B: being worked into next yr's budget", "budget", "formulating?"),
    # …not a budget round still to start, nor a plan to buy
    ("bant", "Budget planning for FY28 kicks off in Jan.", "budget", None),
    ("bant", "they're planning to buy in Q2, budget 50k", "budget", None),
])
def test_a_budget_being_made_now(flow: str, text: str, question: str,
                                 expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # the contact, named, not deciding, beside the one who does
    ("champ", "Spoke w/ Tyrone, dispatcher at Magnolia Plumbing. Tyrone doesn't decide, "
              "owner (Denise) does.", "authority", "no?"),
    ("anum", "Call w/ Priya, office mgr. Priya recommends, partners sign.", "authority",
     "recommends"),
    # a name the notes did not introduce as the contact acts for itself
    ("champ", "Spoke w/ Tyrone, dispatcher. Denise decides.", "authority", None),
])
def test_the_named_contact_in_a_longer_sentence(flow: str, text: str, question: str,
                                                expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a budget field with an amount gives the status and the deal's size
    ("bant", "- Need: yes\n- Budget: $55k approved in the 2027 IT plan", "size", "over_50k"),
    ("bant", "- Need: yes\n- Budget: $55k approved in the 2027 IT plan", "budget", "funded"),
    ("truly_qualified", "Budget: funded, $30k", "size", "from_10k"),
    # …never a cost or a price it names
    ("bant", "Budget: approved, they pay $9k/yr today", "size", None),
])
def test_the_amount_in_a_budget_field(flow: str, text: str, question: str,
                                      expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a field that says there is none so far, proposed as its "none" answer
    ("gpctba", "goal: \"improve productivity\" (no KPI)\nplan: nothing as yet", "plans",
     "no_plan?"),
    # …and filled where the vocabulary says it outright
    ("gpctba", "goal: \"improve productivity\" (no KPI)\nplan: nothing decided", "plans",
     "no_plan"),
    ("truly_qualified", "Project: nothing yet\nNeed: clear", "project", "none"),
    # …a field that says nothing at all stays unsaid
    ("gpctba", "plan: tbd\ngoal: none", "plans", None),
])
def test_a_field_with_nothing_so_far(flow: str, text: str, question: str,
                                     expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # an amount the contact did not confirm is not stated: nothing filled or proposed
    ("gpctba", "- budget maybe 80k, not confirmed\n- timeline: Q2", "budget", None),
    ("bant", "need is clear. ~1 tỷ đồng, unconfirmed. CFO signs", "size", None),
    # ...the rest of the notes is read as ever
    ("gpctba", "- budget maybe 80k, not confirmed\n- timeline: Q2", "timeline", "year?"),
    ("bant", "need is clear. ~1 tỷ đồng, unconfirmed. CFO signs", "need", "clear"),
    # an amount in đồng stated outright is proposed at a rough rate
    ("bant", "need is clear. budget ~500 triệu for this year", "size", "from_10k?"),
])
def test_an_unconfirmed_amount_is_not_stated(flow: str, text: str, question: str,
                                             expect: str | None) -> None:
    assert read(flow, text).get(question) == expect
