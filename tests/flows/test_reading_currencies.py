"""Amounts written the local way and in other currencies: placed in a band at a rough rate,
so proposed, never taken; asked again near a band's edge, where the rate could move them
across, or when they could be read two ways. Replies as SDRs around the world type them,
each with the reading a sales manager would accept (bands are in US dollars)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    # lakh (100,000) and crore (ten million) count rupees, with or without a sign
    ("gpctba.budget", "₹30 lakh", ("medium", "likely")),
    ("gpctba.budget", "Rs 25 lakh", ("medium", "likely")),
    ("gpctba.budget", "around 25 lakhs", ("medium", "likely")),
    ("gpctba.budget", "1.2 cr", ("large", "likely")),
    ("bant.size", "₹1,5 crore for the rollout", ("over_50k", "likely")),
    ("anum.money", "2 crores sanctioned", ("funded", "likely")),
    ("truly_qualified.size", "INR 5 lakh", ("from_100", "likely")),
    # 8 lakh is about $9,600, 40 lakh $48,000: too near a line to say which side
    ("gpctba.budget", "₹8 lakh", (None, "unclear")),
    ("gpctba.budget", "Rs 40 lakh", (None, "unclear")),
])
def test_lakh_and_crore_are_rupees(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # Spanish and Portuguese "mil" is a thousand; "millones", "milhões" a million
    ("champ.money", "unos 400 mil pesos", ("medium", "likely")),
    ("champ.money", "approx 2 million pesos", ("large", "likely")),
    ("champ.money", "1,5 millones de pesos", ("large", "likely")),
    ("gpctba.budget", "CLP 20 millones", ("medium", "likely")),
    ("gpctba.budget", "COP 150 millones", ("medium", "likely")),
    ("bant.size", "R$ 2 milhões", ("over_50k", "likely")),
    ("bant.size", "MXN 300k al año", ("from_10k", "likely")),
    ("bant.size", "50 mil dólares", ("over_50k", "sure")),
    # in English "mil" is a million
    ("bant.size", "$2 mil", ("over_50k", "sure")),
    # "30 mil euros": thirty thousand in Spanish, thirty million in English shorthand
    ("bant.size", "30 mil euros", (None, "unclear")),
])
def test_mil_is_a_thousand_in_spanish_and_portuguese(where: str, text: str,
                                                    expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # Japanese and Chinese count in ten-thousands (万) and hundred-millions (億, 亿)
    ("gpctba.budget", "500万円", ("medium", "likely")),
    ("gpctba.budget", "予算 3000万円", ("large", "likely")),
    ("gpctba.budget", "20万元", ("medium", "likely")),
    ("bant.size", "1.5億円", ("over_50k", "likely")),
    # 万 with no yen or yuan: twenty times apart, asked
    ("gpctba.budget", "500万", (None, "unclear")),
    # Nordic and Polish thousands and millions
    ("gpctba.budget", "SEK 300 tkr", ("medium", "likely")),
    ("gpctba.budget", "300 tusen kr", ("medium", "likely")),
    ("bant.size", "2 mkr", ("over_50k", "likely")),
    ("gpctba.budget", "300 t.kr.", ("medium", "likely")),
    ("gpctba.budget", "3 MSEK", ("large", "likely")),
    ("bant.size", "80 tys. zł", ("from_10k", "likely")),
    ("bant.size", "2,5 mln zł", ("over_50k", "likely")),
    ("bant.size", "500 Tsd. €", ("over_50k", "likely")),
])
def test_local_thousands_and_millions(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # every currency an SDR's region uses has a rough rate: proposed
    ("gpctba.budget", "PHP 2.5M", ("medium", "likely")),
    ("gpctba.budget", "₱1.2m", ("medium", "likely")),
    ("gpctba.budget", "₦30m", ("medium", "likely")),
    ("gpctba.budget", "KES 4m", ("medium", "likely")),
    ("gpctba.budget", "Ksh 10m", ("large", "likely")),
    ("gpctba.budget", "ZAR 500k", ("medium", "likely")),
    ("gpctba.budget", "EGP 1m", ("medium", "likely")),
    ("gpctba.budget", "AED 100k", ("medium", "likely")),
    ("gpctba.budget", "SAR 500k", ("large", "likely")),
    ("gpctba.budget", "TRY 1m", ("medium", "likely")),
    ("gpctba.budget", "CZK 600k", ("medium", "likely")),
    ("gpctba.budget", "HUF 8m", ("medium", "likely")),
    ("gpctba.budget", "RON 120k", ("medium", "likely")),
    ("gpctba.budget", "DKK 150k", ("medium", "likely")),
    ("gpctba.budget", "NOK 2m", ("large", "likely")),
    ("gpctba.budget", "KRW 50M", ("medium", "likely")),
    ("gpctba.budget", "IDR 500 juta", ("medium", "likely")),
    ("gpctba.budget", "Rp 2 miliar", ("large", "likely")),
    ("gpctba.budget", "THB 800k", ("medium", "likely")),
    ("gpctba.budget", "VND 600m", ("medium", "likely")),
    ("gpctba.budget", "RM 100k", ("medium", "likely")),
    ("gpctba.budget", "300k RMB", ("medium", "likely")),
    ("gpctba.budget", "ARS 30M", ("medium", "likely")),
    # an amount in a longer reply keeps its currency ("PHP 2.5M", not $2.5M)
    ("gpctba.budget", "PHP 2.5M for the whole rollout", ("medium", "likely")),
    # "try" and "cop" in lower case are words, not lira and Colombian pesos
    ("gpctba.budget", "they'll try 50k", (None, "unclear")),
    ("gpctba.budget", "50.000 TL", ("small", "likely")),
])
def test_every_regions_currency_has_a_rough_rate(where: str, text: str,
                                                 expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # euros, pounds and other dollars, which many take at par: anywhere from par to the
    # rate, so a band must hold both
    ("bant.size", "CAD 60k", (None, "unclear")),
    ("bant.size", "NZ$12k", (None, "unclear")),
    ("bant.size", "~£45k", (None, "unclear")),
    ("gpctba.budget", "£7,500", ("small", "likely")),
    ("gpctba.budget", "€40k", ("medium", "likely")),
    ("gpctba.budget", "€200k", ("large", "likely")),
    ("gpctba.budget", "CHF 80k", ("large", "likely")),
    # a currency whose rate moves a lot gets a wider margin: 60m naira is $39,000, or not
    ("gpctba.budget", "₦60m", (None, "unclear")),
])
def test_a_rough_rate_near_an_edge_asks(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the SDR's own sum in dollars, after an amount in another currency, is the amount
    ("champ.money", "budget is like 300 mil pesos this year (~$16k)", ("medium", "sure")),
    ("bant.size", "€80k (~$88k)", ("over_50k", "sure")),
    ("gpctba.budget", "₹25 lakh (~$30k)", ("medium", "sure")),
    # (about $48k is too near a $50,000 line to say which side)
    ("gpctba.budget", "₹40 lakh (~$48k)", (None, "unclear")),
    # ...but after dollars, or a count at a price, it is another amount
    ("bant.size", "500 endpoints @ ~$48/endpoint/yr", ("from_10k", "sure")),
    ("bant.size", "$20k (~$5k of it this year)", (None, "unclear")),
])
def test_the_sdrs_own_sum_in_dollars(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "$" is the peso's sign too: "$" with a code is that code's
    ("gpctba.budget", "$500k MXN", ("medium", "likely")),
    ("gpctba.budget", "$2M COP", ("small", "likely")),
    ("gpctba.budget", "$30k CAD", ("medium", "likely")),
    # currencies by their country's name
    ("gpctba.budget", "30k canadian", ("medium", "likely")),
    ("bant.size", "60k canadian dollars", (None, "unclear")),
    ("gpctba.budget", "30 grand sterling", ("medium", "likely")),
    # Indian grouping in lakhs is rupees
    ("gpctba.budget", "Rs. 15,00,000", ("medium", "likely")),
    ("gpctba.budget", "1,50,00,000", ("large", "likely")),
    ("gpctba.budget", "150,000", ("large", "sure")),
])
def test_signs_names_and_groupings(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a local word for thousands says its currency when none is named
    ("bant.size", "80 tys", ("from_10k", "likely")),
    ("bant.size", "300 tkr", ("from_10k", "likely")),
    ("bant.size", "200 tusen", ("from_10k", "likely")),
    ("bant.size", "500 Tsd", ("over_50k", "likely")),
    # thousands set apart by spaces, in a longer reply too
    ("truly_qualified.size", "Budget is approved, 800 000 SEK for this", ("over_50k", "likely")),
])
def test_a_local_thousand_says_its_currency(where: str, text: str,
                                            expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # Vietnamese: tỷ a billion, triệu ("tr") a million, nghìn a thousand đồng
    ("champ.money", "tầm 3 tỷ đồng", ("large", "likely")),
    ("bant.size", "khoảng 700 triệu", ("from_10k", "likely")),
    ("gpctba.budget", "budget 400tr VND", ("medium", "likely")),
    ("truly_qualified.size", "1.5 ty dong / year", ("over_50k", "likely")),
    # 1.25 tỷ is about $50,000: too near the line
    ("bant.size", "1,25 tỷ", (None, "unclear")),
    # Italian "mila" and French "mille" are thousands, of euros when none is named
    ("champ.money", "budget sui 35 mila", ("medium", "likely")),
    ("gpctba.budget", "environ 20 mille euros HT", ("medium", "likely")),
    ("bant.size", "80 mila € l'anno", ("over_50k", "likely")),
    ("champ.money", "mille grazie, ci sentiamo", (None, "unclear")),
    # a local thousand with other words before it is still in its currency, never dollars
    ("gpctba.budget", "około 120 tys", ("medium", "likely")),
    ("champ.money", "circa 30 mila", ("medium", "likely")),
])
def test_vietnamese_italian_and_french_amounts(where: str, text: str,
                                               expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a rough size in words, then the figure that says it more closely: that figure, proposed
    ("anum.money", "a couple grand, maybe 2.5k max", ("little", "likely")),
    ("champ.money", "low six figures - 150k or so", ("large", "likely")),
    ("gpctba.budget", "mid five figures, ~40k", ("medium", "likely")),
    # ...where the words alone span two bands, still asked
    ("anum.money", "a few grand", (None, "unclear")),
    # ...and a figure outside the bands the words span is asked
    ("champ.money", "low five figures, 400k", (None, "unclear")),
])
def test_a_rough_size_then_a_figure(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
