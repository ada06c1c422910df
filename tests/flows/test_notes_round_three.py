"""Call notes, round three: someone of the contact's acting for themselves ("her manager
makes the rec"), a who-decides field naming someone other than the contact ("Decide:
gerente general", "Authority: Ana Ruiz, CEO, decides, Tom (our contact) will bring her"),
and the kinds below. "x?" is x proposed, "x" x filled, None nothing."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import notes_on

TODAY = date(2026, 12, 3)


def read(flow: str, text: str) -> dict[str, str]:
    return notes_on(TODAY, flow, text)


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # what the contact's boss, manager or relative does is theirs, not the contact's
    ("bant", "call w/ Joy (warehouse lead), Manila\nshe's an influencer really, owner decides, "
             "her brother runs finance and recommends\nneed is there, oversells daily",
     "role", "influencer"),
    ("bant", "Contact: Dev R., Stock Controller\n- influencer, GM signs, his manager (Head of "
             "Supply) makes the recommendation\n- budget tbd", "role", "influencer"),
    ("truly_qualified", "Spoke w/ Ama (ops). Influencer at most, her boss's boss decides, "
                        "her director recommends to him", "role", "influencer"),
    # …but the boss asking the contact for something still speaks of the contact
    ("truly_qualified", "Spoke to Ken (planner). His boss, the COO, asked him to come back "
                        "with a recommendation by Feb", "role", "recommender"),
    # near miss: the contact's own recommending is still read
    ("bant", "talked to Rhea, IT manager. she recommends, her boss signs", "role",
     "recommender"),
])
def test_someone_of_the_contacts_acts_for_themselves(flow: str, text: str, question: str,
                                                    expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a who-decides field naming someone, with the contact named apart: someone else
    ("gpctba", "Hale & Ward LLP (Denver)\nGoal: cut write-offs 20%\nAuthority: Ruth Hale, "
               "founding partner, decides, Omar (our contact, ops dir) will loop her in",
     "authority", "known"),
    ("gpctba", "Orbis Freight\nA: Tom Price signs off, Jess (our contact) to set up a call",
     "authority", "known"),
    # near miss: the contact named in the field decides
    ("gpctba", "call with Dave Smith (owner)\nAuthority: Dave decides, no one else", "authority",
     "contact"),
    # a who-decides field whose value is a title the contact was not introduced by
    ("gpctba", "Empresa: Ferretería Sur\nContacto: Ana Díaz, jefa de compras\nDecide: "
               "gerente general\nPresupuesto: -", "authority", "known?"),
    ("gpctba", "Kontakt: Lena Berg, office manager\nDM: CEO\nTimeline: Q2", "authority",
     "known?"),
    # near miss: the title is the contact's own
    ("gpctba", "call w/ Marco Bell, CEO\nDM: CEO\nBudget: 40k", "authority", "contact"),
])
def test_a_who_decides_field_naming_someone_else(flow: str, text: str, question: str,
                                                 expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # no number to move, in the words SDRs use
    ("meddic", "call w/ Ola (IT). no specific metric, they want 'fewer incidents'", "metrics",
     "no"),
    ("meddic", "- spoke to Reza, ops\n- they don't have a number in mind, just 'faster'\n"
               "- EB not met", "metrics", "no"),
    ("meddic", "rdv avec Chloé (DSI). pas de chiffre, juste 'moins de tickets'. décision en "
               "mars", "metrics", "no"),
    # near miss: a number is a metric
    ("meddic", "call w/ Ola (IT). metric: incidents down 40% by June", "metrics", "yes?"),
    # "no idea how they'll pick" is how they choose (the criteria), not when
    ("meddic", "talked to Bea (office mgr). haven't met the EB. no idea how they'll pick. "
               "no champion", "criteria", "unknown"),
    ("meddic", "talked to Bea (office mgr). haven't met the EB. no idea how they'll pick. "
               "no champion", "process", None),
    # near miss: not knowing when is the decision's time
    ("meddic", "talked to Bea (office mgr). no idea when they'll pick", "process", "later"),
    # a criteria field naming what they compare on: known, proposed
    ("meddic", "Call w/ Hugo (IT lead)\nCriteria: price + local support\nPain: real",
     "criteria", "known?"),
    ("meddic", "Critères : prix, intégrations\nDécision : après l'été", "criteria", "known?"),
    # near miss: a criteria field that says there are none yet
    ("meddic", "Call w/ Hugo (IT lead)\nCriteria: not discussed yet", "criteria", "unknown"),
    ("meddic", "Call w/ Hugo (IT lead)\nCriteria: maybe price", "criteria", None),
])
def test_metrics_and_criteria_said_as_verdicts(flow: str, text: str, question: str,
                                              expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a time said as a floor, a wish or a time to look again: when they'd buy, proposed
    ("gpctba", "chat w/ Ines (partner). goal: 'less admin'. realistically not before 2028. "
               "she decides", "timeline", "later?"),
    ("anum", "- Pia, office mgr\n- they want it after the summer, so sept\n- budget ~8k",
     "urgency", "later?"),
    ("bant", "Omar (store mgr). no real need today. might look again in 2028. no budget",
     "timing", "year_or_later?"),
    ("anum", "call w/ Femi (COO)\n- looking at Q3 next yr, after their audit\n- she signs",
     "urgency", "later?"),
    # near misses: a follow-up's date, a price by the year, a goal's deadline
    ("anum", "- Pia, office mgr\n- f/u after the summer\n- budget ~8k", "urgency", None),
    ("bant", "Owner, decides herself. Wants something small, under $5k a year.", "timing",
     None),
    ("gpctba", "call w/ Ines (partner). goal: cut AR days 20% by 2028", "timeline", None),
])
def test_times_said_as_a_floor_or_a_wish(flow: str, text: str, question: str,
                                         expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # nothing set aside, said of them
    ("anum", "call w/ Dana (MP)\n- she signs\n- budget: hasn't set anything aside, wants to "
             "see pricing first", "money", "none"),
    ("bant", "Raj, ops director. need is clear. they haven't put anything aside for it yet",
     "budget", "none"),
    # near miss: money set aside is some
    ("anum", "call w/ Dana (MP)\n- she signs\n- ~12k set aside in the 2027 plan", "money",
     "some"),
])
def test_nothing_set_aside(flow: str, text: str, question: str, expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a contact introduced by a title that uses the product, someone else deciding
    ("bant", "Contact: Lea M., Inventory Analyst\n- clear need, stock counts by hand\n- "
             "Head of Ops decides", "role", "influencer?"),
    ("anum", "call w/ Tom, dispatcher @ Ridge Haulage\nowner signs everything\npain: "
             "double bookings weekly", "authority", "uses?"),
    # …and no say in buying, said with "zero"
    ("bant", "Spoke w/ Jo, support agent. She'd be in it all day but has zero input on "
             "purchasing, her director owns that", "role", "influencer"),
    # near misses: no one else said to decide; the contact's own act said
    ("bant", "Spoke to Olivia, office manager at a 9-person firm. They need a scheduling "
             "tool", "role", None),
    ("bant", "Contact: Lea M., Inventory Analyst\n- she recommends, Head of Ops decides",
     "role", "recommender"),
])
def test_a_users_title_proposes_the_users_role(flow: str, text: str, question: str,
                                               expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # more of what they have, or a build already decided: another way
    ("gpctba", "Call w/ Kofi (ops)\nGoal: fewer stockouts\nPlan: they'll extend what they have "
               "(Sage + a macro)\nBudget: 10k", "plans", "other_way"),
    ("gpctba", "Nina, practice mgr. goal is 'be more organised'. they're set on building "
               "something in Notion with their IT guy. she decides", "plans", "other_way"),
    ("gpctba", "Goal: faster month end\nPlan: their ERP already has a module for it, they'll "
               "turn that on", "plans", "other_way"),
    # a plan the SDR marks as ours: "(= us)"
    ("gpctba", "Goal: AR days 60 -> 40\nPlans: moving to a cloud practice tool w/ billing "
               "(= us)\nBudget: $30k", "plans", "our_way?"),
    # near miss: a plan left open
    ("gpctba", "Goal: fewer stockouts\nPlan: nothing yet, open to ideas", "plans", "no_plan"),
])
def test_plans_said_as_more_of_the_same_or_marked_ours(flow: str, text: str, question: str,
                                                       expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a number they want moved is a metric, proposed
    ("meddic", "Call w/ Sade (COO). They want returns down 25% by next summer. pain: real",
     "metrics", "yes?"),
    ("meddic", "- Pak Budi, ops mgr\n- wants first-time fix 70% → 90%\n- no champion yet",
     "metrics", "yes?"),
    # near misses: a discount, a share of staff
    ("meddic", "Call w/ Sade (COO). they want 20% off the list price", "metrics", None),
    ("meddic", "Call w/ Sade (COO). they want it live for 80% of staff by March", "metrics",
     None),
])
def test_a_number_they_want_moved(flow: str, text: str, question: str,
                                  expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "Name = title" introduces the contact as "Name, title" does
    ("champ", "Call notes - Rao Foods (6 stores)\n- Priya = MD, decides\n- main pain is "
              "rota chaos", "authority", "yes"),
    ("bant", "- Lee = ops manager, she recommends\n- CFO signs", "role", "recommender"),
    # near miss: a field that names who, with "="
    ("champ", "call w/ Lee (ops)\nApprover = CFO", "authority", None),
])
def test_a_name_equals_a_title(flow: str, text: str, question: str,
                               expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "we only fix the X part": one part of their problem is ours, proposed
    ("champ", "Spoke with Omar (owner). He decides. Issue is mostly fleet maintenance, we only "
              "help with the scheduling part. no money talk", "challenges", "adjacent?"),
    ("champ", "- Ines, ops lead\n- problem: stock errors + supplier delays, we'd only cover "
              "the stock side", "challenges", "adjacent"),
    # near miss: "we only cover X, no Y" was read before and still is
    ("champ", "- Ravi = MD, decides\n- main thing is recruiting + job ads. we only cover "
              "onboarding/contracts, no ATS", "challenges", "adjacent"),
])
def test_we_only_fix_one_part(flow: str, text: str, question: str, expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # who the contact is ("a consultant helping them pick") is no plan of theirs
    ("gpctba", "Our contact is a consultant hired to help them choose. Timeline 2028. "
               "Challenges mostly data migration, which we don't do.", "plans", None),
    # near miss: a plan to hire a consultant is another way
    ("gpctba", "Plan is to hire a consultant to fix it. Contact is the COO", "plans",
     "other_way"),
])
def test_who_the_contact_is_is_no_plan(flow: str, text: str, question: str,
                                       expect: str | None) -> None:
    assert read(flow, text).get(question) == expect
