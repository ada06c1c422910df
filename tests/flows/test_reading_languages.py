"""Replies typed in English mixed with the SDR's own language (config/languages), as teams
across Europe, Latin America, the Middle East, Africa and Asia type them: their words read as
the English ones, their "not" turning a word against its answer, their "maybe" never taken,
and English near misses (a place, a name, a short word of another language) unchanged."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # budget approved, being prepared, none
    ("bant.budget", "presupuesto aprobado por el directorio", ("funded", "sure")),
    ("bant.budget", "orçamento aprovado", ("funded", "sure")),
    ("bant.budget", "Budget ist freigegeben", ("funded", "sure")),
    ("bant.budget", "预算批了", ("funded", "sure")),
    ("bant.budget", "稟議中", ("formulating", "sure")),
    ("bant.budget", "no budget, pero lo están armando", ("formulating", "sure")),
    ("bant.budget", "wala pang budget", ("none", "sure")),
    ("bant.budget", "ma fi budget", ("none", "sure")),
    ("bant.budget", "予算なし", ("none", "sure")),
    ("bant.budget", "예산 없음", ("none", "sure")),
    ("bant.budget", "нет бюджета", ("none", "sure")),
    ("bant.budget", "bütçe yok", ("none", "sure")),
    ("bant.budget", "budget nahi hai abhi", ("none", "sure")),
    ("bant.budget", "hakuna bajeti", ("none", "sure")),
    # titles and who decides
    ("bant.role", "prezes, decyduje sam", ("decision_maker", "sure")),
    ("bant.role", "gerente general, él decide", ("decision_maker", "sure")),
    ("bant.role", "oga himself", ("decision_maker", "sure")),
    ("bant.role", "Geschäftsführer", ("decision_maker", "sure")),
    ("bant.role", "社長", ("decision_maker", "sure")),
    ("bant.role", "대표님", ("decision_maker", "sure")),
    ("bant.role", "老板", ("decision_maker", "sure")),
    ("bant.role", "генеральный директор", ("decision_maker", "sure")),
    ("bant.role", "toimitusjohtaja", ("decision_maker", "sure")),
    ("bant.role", "recomienda al director", ("recommender", "sure")),
    ("bant.role", "sie empfiehlt es dem Chef", ("recommender", "sure")),
    ("champ.authority", "nej, chefen bestämmer", ("no", "sure")),
    ("champ.authority", "no, decide el jefe", ("no", "sure")),
    # need, and priority
    ("bant.need", "sí, mucha necesidad", ("clear", "sure")),
    ("bant.need", "kabisa", ("clear", "sure")),
    ("bant.need", "evet, ihtiyaç var", ("clear", "sure")),
    ("bant.need", "haan, zaroorat hai", ("clear", "sure")),
    ("bant.need", "nein, kein Bedarf", ("none", "sure")),
    ("bant.need", "不需要", ("none", "sure")),
    ("champ.priority", "priorytet numer jeden", ("top", "sure")),
    ("champ.priority", "prioridad número uno", ("top", "sure")),
    ("champ.priority", "最優先", ("top", "sure")),
])
def test_words_of_other_languages(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # their "not" turns the answer's words against it, as "not" does
    ("bant.budget", "no tienen presupuesto aprobado", ("none", "sure")),
    ("bant.budget", "kein Budget genehmigt", ("none", "sure")),
    ("bant.budget", "nie mają budżetu", ("none", "sure")),
    ("bant.budget", "no tienen presupuesto todavía", ("none", "sure")),
    ("bant.role", "nicht der Entscheider, er empfiehlt", ("recommender", "sure")),
    ("bant.role", "nie decydent, rekomenduje", ("recommender", "sure")),
    ("bant.role", "не ЛПР, рекомендует", ("recommender", "sure")),
    ("bant.role", "não é o decisor, recomenda", ("recommender", "sure")),
    ("bant.budget", "geen budget goedgekeurd", ("none", "sure")),
    # a "not" after the words, as Japanese and Korean put it (a particle between)
    ("bant.role", "社長ではない", (None, "unclear")),
    ("bant.role", "대표가 아니에요", (None, "unclear")),
    ("bant.role", "社長じゃない、部長です", ("recommender", "sure")),
    # never proposed as a slip of the words it says "not" to
    ("bant.budget", "Budget nicht freigegeben", (None, "unclear")),
    ("bant.budget", "funding redy to go", ("funded", "sure")),
    # their "but" turns the reply: two answers, asked again
    ("bant.budget", "budget approved aber noch nicht unterschrieben", (None, "unclear")),
])
def test_their_not_and_but(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize("text", [
    "quizás", "vielleicht", "yes inshallah", "belki", "tabun", "talvez sim", "misschien wel",
    "может быть",
])
def test_a_hedge_in_any_language_stays_unclear(text: str) -> None:
    assert read("bant.need", text) == (None, "unclear")


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a short "yes" or "no" of another language only when it opens the reply on its own
    ("champ.authority", "da, he signs", ("yes", "sure")),
    ("champ.authority", "sim, ele decide", ("yes", "sure")),
    ("champ.authority", "la, el modeer yqarrer", ("no", "sure")),
    ("bant.need", "LA office, 40 staff", (None, "unclear")),  # a place, not Arabic "no"
    ("bant.role", "Da Silva is the CEO", ("decision_maker", "sure")),  # a name
    ("bant.role", "owner lo", ("decision_maker", "sure")),
    ("bant.need", "they need it, Ken said so", ("clear", "likely")),
    # a name or an English slip is never read as a foreign word ("kein", "sans", "ISO")
    ("bant.role", "Kevin decides", ("decision_maker", "sure")),
    ("bant.role", "Tanaka-san decides himself", ("decision_maker", "sure")),
    ("bant.budget", "budjet aproved", ("funded", "sure")),  # not Polish "budżet"
    ("bant.budget", "budget approved, sem campaign too", ("funded", "sure")),
    ("bant.budget", "net 30 terms, budget approved", ("funded", "sure")),
    ("bant.role", "Malik in ops, end user", ("influencer", "sure")),
    ("bant.need", "yes, clear need", ("clear", "sure")),
    # names and English abbreviations that are another language's "not" or "maybe"
    ("bant.role", "Inga signs", ("decision_maker", "sure")),
    ("bant.need", "Mr Chua says they need it", ("clear", "sure")),
    ("bant.role", "Ewan decides", ("decision_maker", "sure")),
    ("meddic.champion", "high EI, she will champion it", ("yes", "sure")),
    ("champ.authority", "ei, toimitusjohtaja päättää", ("no", "sure")),
    ("bant.budget", "chưa có ngân sách", ("none", "sure")),
    # Tagalog "hindi" alone only opens a reply: it is also the language
    ("bant.need", "clear need, team speaks Hindi", ("clear", "sure")),
    ("bant.need", "Hindi speaking team, they need it", ("clear", "sure")),
    ("champ.authority", "hindi, principal lang", ("no", "sure")),
    ("champ.authority", "hindi po, yung may ari ang magdedesisyon", ("no", "sure")),
])
def test_english_near_misses_are_unchanged(where: str, text: str,
                                           expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
