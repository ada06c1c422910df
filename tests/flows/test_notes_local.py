"""Call notes taken in French, Italian or Spanish, or with their labels: "Décideur : elle",
"Tempistiche: entro giugno", "il décide seul"; and words after a field that doubt it, or
a yes said of another question's topic. "x?" is x proposed, "x" x filled."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import notes_on

TODAY = date(2026, 12, 3)


def read(flow: str, text: str) -> dict[str, str]:
    return notes_on(TODAY, flow, text)


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a local label names its question as the English one does
    ("gpctba", "Obiettivo: meno errori\nPiano: nessuno\nBudget: 25k€", "plans", "no_plan"),
    ("gpctba", "Obiettivo: meno errori\nPiano: nessuno\nBudget: 25k€", "budget", "medium?"),
    ("gpctba", "Appel avec M. Roux (DAF)\nObjectif : clôture plus rapide, l'an dernier 80k€ de "
               "pénalités\nBudget : 30k€", "budget", "medium?"),
    ("bant", "Besoin : oui\nDélai : mars 2027\nBudget : pas encore", "need", "clear"),
    ("bant", "Besoin : oui\nDélai : mars 2027\nBudget : pas encore", "timing", "within_6_months"),
    ("bant", "Besoin : oui\nDélai : mars 2027\nBudget : pas encore", "budget", "none"),
    ("meddic", "Champion: sì, il responsabile IT\nCriteri: non ancora", "champion", "yes"),
    ("gpctba", "Conseguenze: sì, multe dal fisco", "consequences", "yes"),
    ("gpctba", "Conséquences : non", "consequences", "no"),
    # a label's local "no" is read as the question's own "no", not its lowest answer
    ("gpctba", "Plan : aucun pour l'instant", "plans", "no_plan"),
    ("gpctba", "Plan : aucun", "plans", "no_plan"),
])
def test_local_field_labels(flow: str, text: str, question: str, expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a decider field naming the contact by a pronoun: the contact decides
    ("gpctba", "Decide: lei\nBudget: 20k", "authority", "contact"),
    ("bant", "Décideur : lui", "role", "decision_maker"),
    ("bant", "DM: her", "role", "decision_maker"),
    # …not where it names someone else
    ("anum", "Call w/ Marta (ops)\nDecides: lei + il socio", "authority", None),
])
def test_a_decider_field_naming_the_contact(flow: str, text: str, question: str,
                                            expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # the contact deciding or signing, said in French, Italian or Spanish
    ("bant", "rdv avec Claire Morel, gérante. elle décide seule. besoin clair.", "role",
     "decision_maker"),
    ("anum", "Paolo (titolare), firma lui, vuole partire a marzo", "authority", "signs"),
    ("bant", "Sofia, jefa de RRHH - ella no decide, lo lleva al director", "role", None),
    # an article is no pronoun: "il direttore decide" is someone else deciding
    ("bant", "parlato con Luca (IT). il direttore decide.", "role", None),
])
def test_the_contact_acting_in_another_language(flow: str, text: str, question: str,
                                               expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # words after a field that doubt its value: "we don't know" proposed, or the value
    ("gpctba", "- authority: some committee, she doesn't know who sits on it", "authority",
     "unknown?"),
    ("anum", "authority: the owner I think, not sure", "authority", None),
    ("gpctba", "- decision: the CFO, confirmed on the call", "authority", "known"),
])
def test_a_field_its_next_words_doubt(flow: str, text: str, question: str,
                                      expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a yes said of the champion is no yes on the metrics
    ("meddic", "Dana Ruiz, VP Ops. she's our champion, definitely.", "metrics", None),
    ("meddic", "Dana Ruiz, VP Ops. she's our champion, definitely.", "champion", "yes"),
    ("meddic", "metrics: yes, cut onboarding from 10 days to 3", "metrics", "yes"),
])
def test_a_yes_of_another_topic(flow: str, text: str, question: str,
                                expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a contact line names the contact first; someone named after is someone else
    ("bant", "Contact: Priya Shah, AP lead – recommends to the FD (Tom), Tom signs", "role",
     "recommender"),
    ("bant", "Role: Nico Berger, IT mgr - evaluating it for the COO (Ines), Ines decides",
     "role", "recommender"),
    # …and the contact named acting is still the contact
    ("anum", "Contact: Luis Ortega, owner\nLuis signs everything himself", "authority",
     "signs"),
])
def test_someone_named_after_the_contact(flow: str, text: str, question: str,
                                         expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "but" before someone else: what the contact does, apart from what they do
    ("bant", "Call w/ Keiko (ops lead). She influences but the MD (her uncle) decides",
     "role", "influencer?"),
    ("bant", "Marta, office mgr. she recommends but their owner signs everything", "role",
     "recommender"),
    # a "but" of the same person says one thing
    ("bant", "Marta, office mgr. need is there but it's not urgent", "role", None),
])
def test_but_before_someone_else(flow: str, text: str, question: str,
                                 expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # an amount after a budget field's status is the deal's size too
    ("bant", "Budget: approved, $72k for year one", "size", "over_50k"),
    ("bant", "Budget: approved, $72k for year one", "budget", "funded"),
    ("truly_qualified", "Budget: funded - 18k€ signed off by the board", "size", "from_10k?"),
])
def test_an_amount_after_a_budget_status(flow: str, text: str, question: str,
                                         expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "want it" beside a time says when they want it, no more
    ("truly_qualified", "Spoke to Omar (Ops Dir). Budget approved. Wants it running by March.",
     "need", None),
    ("truly_qualified", "Spoke to Omar (Ops Dir). Budget approved. Wants it running by March.",
     "timing", "within_6_months"),
    ("bant", "they want it live before Q3", "need", None),
    # …where the need itself is said, it is still read
    ("bant", "they need it, dispatch is all on paper. want it live before Q3", "need", "clear"),
])
def test_a_time_they_want_it_by_is_no_need(flow: str, text: str, question: str,
                                           expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "no goal beyond …" has a goal, a small one: never "no goal"
    ("gpctba", "CFO, wants less manual work but no goal beyond 'tidy up AP'", "goals", None),
    ("gpctba", "- no plan other than asking IT to script something", "plans", None),
    ("gpctba", "- no goal set, just looking", "goals", "none"),
])
def test_none_beyond_something(flow: str, text: str, question: str,
                               expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a number against today's, rough or a bound: a measured goal, proposed
    ("meddic", "M: chargebacks from ~25/wk to <5", "metrics", "yes?"),
    ("gpctba", "- goal: onboarding in 3 days vs 10 today", "goals", "quantified?"),
    ("gpctba", "G: quotes out in 1 day instead of 4", "goals", "quantified?"),
    # a goal only in the contact's quoted words: a goal, not quantified
    ("gpctba", "Kofi, ops lead. goal is \"fewer angry calls\". no budget yet", "goals", "vague?"),
    ("gpctba", "Kofi, ops lead. goal is \"cut angry calls 30%\"", "goals", "quantified?"),
])
def test_a_goal_measured_or_quoted(flow: str, text: str, question: str,
                                   expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # an authority field naming someone the notes did not introduce: someone else decides
    ("gpctba", "Call w/ Sunil Rao, IT lead\nAuthority: MD Mrs. Farah Aziz", "authority",
     "known?"),
    # …naming the contact: the contact decides
    ("gpctba", "Call w/ Sunil Rao, IT lead\nAuthority: Sunil, he decides", "authority",
     "contact"),
])
def test_an_authority_field_naming_someone(flow: str, text: str, question: str,
                                           expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # written criteria we meet: criteria that favour us, proposed
    ("meddic", "Criteria: RFP out, needs HRIS sync + French payslips, which we do out of the box",
     "criteria", "written?"),
    ("meddic", "- DC: tender spec with 12 must-haves, we tick all of them", "criteria",
     "written"),
    # …not where the notes say nothing favours us
    ("meddic", "Criteria: standard RFP, price + SSO, nothing that favours us", "criteria",
     "known"),
])
def test_written_criteria_we_meet(flow: str, text: str, question: str,
                                  expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # "no" before a noun, as French, Italian, Spanish or German notes write it
    ("truly_qualified", "Léa Martin, office manager. curieuse. pas de budget, pas de projet.",
     "budget", "none"),
    ("truly_qualified", "Léa Martin, office manager. curieuse. pas de budget, pas de projet.",
     "project", "none"),
    ("gpctba", "Giulia (CFO). nessun budget quest'anno", "budget", "small?"),
    ("gpctba", "Jonas, IT-Leiter. kein Budget bis 2028", "budget", "small?"),
    # …not a "pas" that negates a verb
    ("truly_qualified", "elle ne sait pas, budget à voir", "budget", None),
])
def test_no_before_a_noun_in_other_languages(flow: str, text: str, question: str,
                                             expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # what a line on the rivals says of price is theirs, not this deal's budget
    ("bant", "Budget: approved\nCompetitors: Acme HR (too pricey per Dana)", "budget", "funded"),
    ("champ", "Money: ~20k set aside\nCompetition - Zeta, cheap but clunky", "money", "medium"),
    ("bant", "Competitors: Acme HR, way over their budget", "budget", None),
])
def test_a_line_on_the_rivals(flow: str, text: str, question: str,
                              expect: str | None) -> None:
    assert read(flow, text).get(question) == expect


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    # a yes/no field naming who, then its own yes or no
    ("meddic", "Contact: Ravi, IT lead\nEB: COO Ms. Tan sat in for the demo, yes", "economic_buyer",
     "yes"),
    ("meddic", "Contact: Ravi, IT lead\nEB: CFO Mr. Osei - no", "economic_buyer", "no"),
    # …and naming who alone says nothing of whether we met them
    ("meddic", "Contact: Ravi, IT lead\nEB: CFO Mr. Osei", "economic_buyer", None),
])
def test_a_who_field_then_its_yes_or_no(flow: str, text: str, question: str,
                                        expect: str | None) -> None:
    assert read(flow, text).get(question) == expect
