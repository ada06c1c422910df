"""Amounts and times as SDRs type them in the languages their teams mix in: peso slang,
decades of thousands, Turkish, Korean and Japanese scales, Peru's sol; goals with a number
to move in any currency; times within a span in Polish, Spanish, German, Turkish, Japanese,
Korean; school years; holidays whose dates move. Tables of replies, each with the reading
a sales manager would accept, and the near misses that must not change."""
from __future__ import annotations

from datetime import date

import pytest

from flows.reading import read_reply
from tests.flows.reads import FLOWS, read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # Peru's sol by its sign, name and code: at a rough rate, proposed, never dollars
    ("gpctba.budget", "S/ 100k", ("medium", "likely")),
    ("gpctba.budget", "S/. 150,000 al año", ("medium", "likely")),
    ("gpctba.budget", "around 120k soles", ("medium", "likely")),
    ("gpctba.budget", "PEN 300k", ("large", "likely")),
    # ...and a pen test is no sol
    ("gpctba.budget", "pen test budget 5k", ("small", "sure")),
    # Turkish scales, in lira when no other currency is named
    ("gpctba.budget", "5 milyon TL", ("large", "likely")),
    ("gpctba.budget", "₺6 milyon", ("large", "likely")),
    ("gpctba.budget", "1 milyon", ("medium", "likely")),
    ("gpctba.budget", "500 bin TL", (None, "unclear")),  # $12.5k, the lira moves a lot
    # Korean and Japanese places, multiplied as written
    ("gpctba.budget", "3억", ("large", "likely")),
    ("gpctba.budget", "4천만원", ("medium", "likely")),
    ("gpctba.budget", "5000만원", ("medium", "likely")),
    ("gpctba.budget", "400 man yen", ("medium", "likely")),
    ("gpctba.budget", "2 oku yen", ("large", "likely")),
    ("gpctba.budget", "5千万円", ("large", "likely")),
    # "juta" counts ringgit where ringgit are named, else rupiah
    ("gpctba.budget", "RM 1 juta", ("large", "likely")),
    ("gpctba.budget", "Rp 400 juta", ("medium", "likely")),
    # German millions and billions
    ("gpctba.budget", "1,2 Mio €", ("large", "likely")),
    ("gpctba.budget", "0,1 Mio EUR", ("large", "likely")),
])
def test_scales_and_currencies(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


def test_a_number_of_millions_is_that_many() -> None:
    question = FLOWS["gpctba"].question("budget")
    assert question is not None
    for typed, said in (("2 million", "$2,000,000"), ("$3 million", "$3,000,000"),
                        ("NGN 150 million", "roughly $97,500"), ("a million", "$1,000,000")):
        assert read_reply(question, typed, today=TODAY).how == said


@pytest.mark.parametrize(("where", "text", "expect"), [
    # pesos in slang: "palos" are millions, "lucas" thousands, of the country named...
    ("champ.money", "30 palos chilenos", ("medium", "likely")),
    ("champ.money", "40 palos CLP", ("medium", "likely")),
    ("champ.money", "80 palos colombianos", ("medium", "likely")),
    ("anum.money", "30 palos chilenos", ("funded", "likely")),
    # ...else anywhere from Colombia's to Chile's, asked where that spans two bands
    ("champ.money", "30 palos", (None, "unclear")),
    ("champ.money", "25-30 palos", (None, "unclear")),
    ("champ.money", "500 palos", ("large", "likely")),
    ("champ.money", "un palo", ("small", "likely")),
    ("champ.money", "800 lucas", ("small", "likely")),
    # a "palo verde" is a million dollars; "mangos" are Argentine pesos
    ("champ.money", "2 palos verdes", ("large", "sure")),
    ("champ.money", "50 mil mangos", ("small", "likely")),
    # thousands as "thou", and a decade of thousands with its scale
    ("gpctba.budget", "15-20 thou", ("medium", "sure")),
    ("gpctba.budget", "like 30 thou", ("medium", "sure")),
    ("gpctba.budget", "mid-30s k", ("medium", "sure")),
    ("gpctba.budget", "high 40s (k usd)", ("medium", "sure")),
    ("gpctba.budget", "low 60s k", ("large", "sure")),
    # ...a decade with no scale is dollars, or thousands? Asked
    ("gpctba.budget", "low 20s", (None, "unclear")),
    # a part, in words, of a whole programme's amount: that part, proposed
    ("anum.money", "200k for the whole digital program, we'd be about half of it",
     ("funded", "likely")),
    ("gpctba.budget", "€300k for the whole transformation, a tenth of that for us",
     ("medium", "likely")),
    # ...with nothing for us, still nothing
    ("anum.money", "200k for the whole digital program, nothing for us", ("none", "likely")),
    ("anum.money", "half of it", (None, "unclear")),
])
def test_money_slang(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a number with a change is a goal counted, in any currency or language: proposed
    ("gpctba.goals", "reduce write-offs by ~PLN 200k/yr", ("quantified", "likely")),
    ("gpctba.goals", "cut freight spend by ~€40k a year", ("quantified", "likely")),
    ("gpctba.goals", "save 3 FTE in billing", ("quantified", "likely")),
    ("gpctba.goals", "bajar devoluciones de 8% a 3%", ("quantified", "likely")),
    ("gpctba.goals", "czas zamknięcia miesiąca z 10 dni do 4", ("quantified", "likely")),
    ("gpctba.goals", "Durchlaufzeit von 12 auf 5 Tage", ("quantified", "likely")),
    ("gpctba.goals", "month-end close in 4 days instead of 9", ("quantified", "likely")),
    ("meddic.metrics", "recover ~R2m a year in lost stock", ("yes", "likely")),
    ("meddic.metrics", "claw back ₦25m in unbilled hours", ("yes", "likely")),
    ("meddic.metrics", "quotes out in 1 day, currently 4", ("yes", "likely")),
    ("gpctba.goals", "target = zero critical findings at the next audit", ("quantified", "likely")),
    ("gpctba.goals", "get double payments down to zero", ("quantified", "likely")),
    # ...a wish with no figure is not; nor a number in doubt
    ("gpctba.goals", "wants to save time", (None, "unclear")),
    ("gpctba.goals", "wants to be more efficient", ("vague", "sure")),
    ("gpctba.goals", "not sure, maybe cut costs by 10%?", (None, "unclear")),
    ("meddic.metrics", "no numbers, they just want it faster", ("no", "sure")),
])
def test_goals_with_a_number(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # within a span, and after one, as other languages say it
    ("gpctba.timeline", "w ciągu 2 miesięcy", ("quarter", "sure")),
    ("gpctba.timeline", "za pół roku", ("quarter", "sure")),
    ("gpctba.timeline", "dentro de 3 meses", ("quarter", "sure")),
    ("gpctba.timeline", "em 8 meses", ("year", "sure")),
    ("gpctba.timeline", "innerhalb von 9 Monaten", ("year", "sure")),
    ("gpctba.timeline", "inom 3 månader", ("quarter", "sure")),
    ("gpctba.timeline", "6 ay içinde", ("quarter", "sure")),
    ("gpctba.timeline", "2 yıl sonra", ("later", "sure")),
    ("gpctba.timeline", "3ヶ月以内", ("quarter", "sure")),
    ("gpctba.timeline", "6개월 안에", ("quarter", "sure")),
    ("truly_qualified.timing", "w ciągu pół roku", ("within_6_months", "sure")),
    # at the turn of two months: by the end of the second
    ("gpctba.timeline", "na przełomie marca i kwietnia", ("quarter", "sure")),
    ("meddic.process", "na przełomie stycznia i lutego", ("this_half", "sure")),
    # months and years in Turkish, Japanese and Korean
    ("gpctba.timeline", "şubat sonu", ("quarter", "sure")),
    ("gpctba.timeline", "7月", ("year", "sure")),
    ("gpctba.timeline", "4월", ("quarter", "sure")),
    ("gpctba.timeline", "내년 하반기", ("later", "likely")),
    # quarters and halves: "w pierwszym kwartale", "ilk çeyrek", "第3四半期", "3분기"
    ("gpctba.timeline", "w pierwszym kwartale", ("quarter", "sure")),
    ("gpctba.timeline", "ilk çeyrek", ("quarter", "sure")),
    ("gpctba.timeline", "第3四半期", ("year", "sure")),
    ("gpctba.timeline", "3분기", ("year", "sure")),
    ("gpctba.timeline", "II kwartał 2027", ("year", "likely")),  # as "Q2 2027" is
    ("gpctba.timeline", "drugie półrocze", (None, "unclear")),  # as "H2" in December is
    # Japan's fiscal halves: April to September, October to March
    ("gpctba.timeline", "下期", ("quarter", "sure")),
    ("gpctba.timeline", "上期", ("year", "sure")),
    ("gpctba.timeline", "来期", ("later", "likely")),
    ("gpctba.timeline", "po wakacjach", ("year", "likely")),
    # ...a number of weeks in English is as before
    ("gpctba.timeline", "in 3 weeks", ("quarter", "sure")),
])
def test_times_in_other_languages(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a school year starts in late summer: proposed (not every school starts it then)
    ("gpctba.timeline", "for the 2028/29 school year", ("later", "likely")),
    ("truly_qualified.timing", "2028-29 school year", ("year_or_later", "likely")),
    ("gpctba.timeline", "next academic year", ("year", "likely")),
    ("gpctba.timeline", "AY 2027-28", ("year", "likely")),
    ("gpctba.timeline", "by end of the school year", ("year", "likely")),
    ("gpctba.timeline", "przed nowym rokiem szkolnym", ("year", "likely")),
    # holidays whose dates move, from a table of them: the next one not yet over
    ("gpctba.timeline", "before Passover", ("quarter", "sure")),
    ("gpctba.timeline", "after the chagim", ("year", "sure")),
    ("gpctba.timeline", "right after Chuseok", ("year", "sure")),
])
def test_school_years_and_holidays(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


def test_holidays_move_with_the_year() -> None:
    # the chagim of 2027 end on 24 October: "after" them is November; in August 2028 the
    # coming ones end on 13 October
    assert read_on(date(2027, 8, 1), "gpctba.timeline", "after the chagim") == ("quarter", "sure")
    assert read_on(date(2027, 3, 1), "meddic.process", "before Passover") == ("soon", "sure")


@pytest.mark.parametrize(("where", "text", "expect"), [
    # with no date to slip, a slip says there is none
    ("meddic.process", "no timeline, keeps slipping", ("later", "sure")),
    ("bant.timing", "no date, it keeps getting pushed back", ("year_or_later", "sure")),
    # no date set yet: where "unknown" is an answer, it; else asked
    ("meddic.process", "they haven't set a date, could be anytime", ("later", "sure")),
    ("bant.timing", "they haven't set a date", (None, "unclear")),
    # ...a date that slips is asked, as before
    ("meddic.process", "Q1, keeps slipping", (None, "unclear")),
    ("meddic.process", "by march but that's slipping", (None, "unclear")),
    ("meddic.process", "keeps slipping", (None, "unclear")),
])
def test_a_slip_with_no_date(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "later" typed alone names the answer; relayed with no time, it is asked...
    ("bant.timing", "later", ("year_or_later", "sure")),
    ("bant.timing", "they just said later", (None, "unclear")),
    ("gpctba.timeline", "he said later", (None, "unclear")),
    # ...where an answer is "later or unknown", it is that one
    ("meddic.process", "they just said later", ("later", "sure")),
    # far later is a time
    ("bant.timing", "way later", ("year_or_later", "sure")),
])
def test_later_with_no_time(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
