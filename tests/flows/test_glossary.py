"""Looking up the team's terms: exact, forgiving, and suggesting when missed."""
import pytest

from config.loader import load_glossary
from flows.glossary import Found, Glossary, Suggest, Term, term_key

GLOSSARY = load_glossary()

SPEC_TERMS = ["lead", "contact", "opportunity", "account", "suspect", "prospect", "inquiry",
              "response", "qualified sales lead", "qualified suspect", "qualified prospect",
              "lead qualification", "lead scoring", "ideal customer profile", "BANT", "MQL", "SQL",
              "SDR", "AE", "handoff"]


@pytest.mark.parametrize("term", SPEC_TERMS)
def test_every_spec_term_is_defined(term: str) -> None:
    found = GLOSSARY.lookup(term)
    assert isinstance(found, Found), term
    assert len(found.term.definition) >= 60


@pytest.mark.parametrize(("asked", "term"), [
    ("Prospect", "prospect"), ("  prospects ", "prospect"),
    ("Qualified-Sales-Lead", "qualified sales lead"),
    ("inquiries", "inquiry"), ("icp", "ideal customer profile"), ("account executive", "ae"),
])
def test_lookup_ignores_case_spacing_punctuation_and_plurals(asked: str, term: str) -> None:
    found = GLOSSARY.lookup(asked)
    assert isinstance(found, Found) and found.term.term == term


def test_misspelling_suggests_the_closest_terms() -> None:
    found = GLOSSARY.lookup("prospekt")
    assert isinstance(found, Suggest)
    assert found.terms and found.terms[0].term == "prospect"


def test_unknown_term_suggests_nothing() -> None:
    found = GLOSSARY.lookup("zebra crossing")
    assert isinstance(found, Suggest) and found.terms == ()


def test_lead_has_both_meanings() -> None:
    found = GLOSSARY.lookup("lead")
    assert isinstance(found, Found)
    assert "meeting" in found.term.definition and "ideal" in found.term.definition.lower()


def test_alias_claimed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="names both"):
        Glossary(terms=(Term(term="a", definition="x", aliases=("z",)),
                        Term(term="b", definition="y", aliases=("z",))))


def test_term_key_folds_the_variants_people_type() -> None:
    variants = ["Sales-Qualified  Leads!", "sales qualified lead", "SALES QUALIFIED LEADS",
                "sales_qualified_lead"]
    assert len({term_key(v) for v in variants}) == 1


def test_a_term_defined_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="defined more than once"):
        Glossary(terms=(Term(term="lead", definition="x"), Term(term="Leads", definition="y")))
