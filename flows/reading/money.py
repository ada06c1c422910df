"""Reading an amount in sales talk: "six figures", "$8k a month", "35.000 €", "50 seats at
$100/month".

The exact parser (``flows.parsing``) reads one amount; here a reply is first rewritten
from sales shorthand into what it reads ("high five figures" is 70,000 to 99,999;
"$8k/mo" is 96,000 a year), the amount is found inside a longer reply, and the band it
lands in is chosen (``amounts.banded``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from flows.matching import band
from flows.model import Question
from flows.parsing import Refusal, parse_money_range
from flows.parsing.common import MONEY_HELP
from flows.reading.amounts import (
    APPROXIMATE,
    GUESSED_AMOUNT,
    ISH,
    as_typed,
    drop_guess,
    in_band,
    questioned,
    read_exact,
    read_named,
)
from flows.reading.currencies import (
    CODE_WORDS,
    NEAR_PAR,
    PEGGED,
    ROUGH_RATES,
    VOLATILE,
    local_forms,
    unknown_currency,
    with_capital_codes,
)
from flows.reading.result import Confidence, Reading
from flows.reading.whose import AMOUNT_IN, someone_elses
from flows.text import fold

_FIGURES = {"four": 3, "five": 4, "six": 5, "seven": 6, "eight": 7, "4": 3, "5": 4, "6": 5,
            "7": 6, "8": 7}
_FIGURE = re.compile(r"\b(?:(?P<part>low|lower|mid|middle|high|upper)[- ]?)?(?:end )?(?:of )?"
                     r"(?:the )?(?P<n>four|five|six|seven|eight|[4-8])[- ]?(?:figures?|figs?)\b")
_PERIOD = re.compile(
    # ("for the team", "program": no "a" inside a word is "a month")
    r"(?:\s*(?:/|\b(?:per|a|an|each|every|por|al|pro|par|na|i)\b)\s*(?P<unit>month|mo|mth|m"
    r"|quarter|qtr|q|year|yr|y|annum|week|wk|ano|año|mes|monat|mois|maand|maaned|manaden|manad"
    r"|miesiac|jahr|rok|anno)\b\.?"
    r"|\s*(?:(?<![a-z])|(?<=\dk))(?P<adverb>monthly|quarterly|annually|yearly|weekly|pm|p/m|mrr|arr|monatlich|mensual"
    r"|mensuales|mensal|mensais|mensalmente|miesiecznie|mensuel|mensuelle|manadsvis|jahrlich|anual"
    r"|anuales|anualmente|rocznie|arligen|annuel|annuelle)\b"
    r"|\s*/\s*(?P<slash>man|ar)\b"  # "15 000 kr/mån", "/år"
    r"|\s*(?P<dotted>p\.\s?m|p\.\s?a)\.?(?![a-z]))")  # "5k p.m.", "60k p.a."
_TIMES = {"month": 12, "mo": 12, "mth": 12, "m": 12, "monthly": 12, "pm": 12, "p/m": 12,
          "mrr": 12, "quarter": 4, "qtr": 4, "q": 4, "quarterly": 4, "week": 52, "wk": 52,
          "weekly": 52, "year": 1, "yr": 1, "y": 1, "annum": 1, "annually": 1, "yearly": 1,
          "arr": 1, "ano": 1, "año": 1, "mes": 12, "pa": 1,
          # as other languages write them
          **dict.fromkeys("monat mois maand maaned manaden manad miesiac man monatlich mensual "
                          "mensuales mensal mensais mensalmente miesiecznie mensuel mensuelle "
                          "manadsvis".split(), 12)}
# Currencies by code or name, as the amount parser reads them
_MONEY_WORDS = (CODE_WORDS + r"|usd|dollars?|euros?|pounds?"
                r"|bucks|kr|kronor|krona|kroner|krone|rupees?|yen|rand|reais|pesos?|zloty|zlotych"
                r"|naira|kshs?|baht|ringgit|rupiah|lira|forint|koruna|dirhams?|riyals?|yuan|rmb"
                r"|nis|tl|rs")
_SEATS = re.compile(
    r"(?P<n>\d[\d,]*)\s*(?:seats?|users?|licen[cs]es?|people|reps?|agents?|beds?|sites?"
    r"|locations?|employees?|staff|heads?|stores?|clinics?)\s*(?:x|\*|×|at|@|times)\s*"
    rf"(?P<price>[$€£]?\s*\d[\d,.]*\s*k?(?:\s*(?:{_MONEY_WORDS})\b)?)"
    # "250 trucks at $35/mo each": any count of things at a price
    r"|(?P<n2>\d[\d,]*)\s+[a-z]+\s+(?:at|@)\s*(?P<price2>[$€£]\s*\d[\d,.]*\s*k?)")
# "…, so ~105k a year", "= 40k", "120k all in": the total the SDR worked out wins
_STATED_TOTAL = re.compile(r"\b(?:so|which is|thats|that is|total(?:ling|ing)?|in total"
                           r"|comes to|works out (?:to|at)|all in)\b\s*[~≈]?\s*(?=[$€£]?\s*\d)"
                           r"|(?:~?=|≈|->|→|=>)\s*[~≈]?\s*(?=[$€£]?\s*\d)")
# "1.2 mil over 3 yrs": a total over years; a year's worth is what the bands hold
_OVER_YEARS = re.compile(r"\s*(?:\b(?:over|across|spread over|for|per)\s+|/\s*)"
                         r"(?:the next\s+|a\s+)?(?P<n>[2-9]|two|three|four|five)\s*[- ]?"
                         r"(?:years?|yrs?)\b")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "per site", "/user": a price for each of some things (not "per month")
_PER_THING = re.compile(r"\s*(?:\bper\b|/)\s*(?!(?:month|mo|mth|m|year|yr|y|annum|week|wk"
                        r"|quarter|qtr|q|day|cent|monat|mois|maand|manad|man|mes|ano|jahr|ar"
                        r"|rok|anno)s?\b)(?P<thing>[a-z]{3,}?)s?\b")
_UNITS = r"(?:month|mo|mth|m|year|yr|y|annum|week|wk|quarter|qtr|q|day|cent)s?"
_A_THING = re.compile(rf"(\d\s*(?:k|m)?(?:\s*(?:bucks|dollars|euros|quid|pounds))?)\s+(?:a|an)\s+"
                      rf"(?!{_UNITS}\b)([a-z]{{3,}})\b")
# "$10 pupm": per user per month (per employee, per seat)
_PUPM = re.compile(r"\bp(?:u|e|s)p(?P<p>m|y)\b")
_EACH = re.compile(r"\d\s*(?:k|m)?\s+(each|apiece|a pop)\b")
_COUNTED = re.compile(r"\b\d[\d,]*\s+([a-z]{3,}?)s?\b(?<!each)")
_FREE_AND = re.compile(r"\b(?:the |a )?free (?:tier|plan|version|edition|account)\s*(?:\+|&|plus"
                       r"|and|with)")
_SPEND = re.compile(r"\d|\bhundred\b|\bgrand\b|\bthousand\b")
_GRAND = re.compile(r"\b(?:a )?couple (?:of )?hundred (?:k|grand|thousand)\b")
_FEW_HUNDRED = re.compile(r"\b(?:a )?few hundred (?:k|grand|thousand)\b")
_NOT_DOLLARS = re.compile(r"[€£¥₹₱₦₩฿₺₫₪円元]|r\$|col\$|\b(?:" + CODE_WORDS
                          + r"|soles|euros?|pounds?|kr|kronor|krona|kroner|krone"
    r"|rupees?|yen|rand|reais|pesos?|lakhs?|crores?)\b")
_AMOUNTISH = re.compile(
    r"(?:between|from)\s+[$€£]?\s*\d[\d,.]*\s*(?:k|m|grand|thousand)?\s+(?:and|to)\s+[$€£]?\s*"
    r"\d[\d,.]*\s*(?:k|m|mm|grand|thousand|million)?\b"
    rf"|(?:(?:[$€£¥₹]|\br\$?|col\$|\b(?:{_MONEY_WORDS})\.?\s)\s*)?\d[\d,.]*\s*"
    r"(?:k|m|mm|mn|mln|bn|b|grand|thousand|million|millones|billion|lakh|crore)?\b"
    r"(?:\s*(?:-|to|–)\s*(?:[$€£¥₹]\s*)?\d[\d,.]*\s*(?:k|m|mm|grand|thousand|million)?\b)?"
    rf"(?:\s*(?:[$€£]|(?:{_MONEY_WORDS})\b))?"
    r"|(?:[a-z]+[ -]){0,3}(?:hundred|thousand|grand|million)\b(?:\s*(?:dollars?|bucks))?")
_US = {"USD", "$"}
ROUGHLY = "roughly"
# "max 3k", "up to 3k": 3k; "sub 5k" is under, a "UK sub" a subsidiary
_BELOW = re.compile(r"\b(?:under|less than|below|sub(?=\s*[$€£\d]))\b|<")
_SHORTHAND = tuple((re.compile(p), a) for p, a in (
    (r"\b(?:a )?few (?:grand|k|thousand)\b", "2-5k"),
    (r"\b(?:a )?couple (?:of )?(?:grand|k|thousand)\b", "2k"),
    # ("a couple hundred bucks, it's a 5 person charity": the amount is the one in dollars)
    (r"\b(?:a )?few hundred(?: (?:bucks|dollars))?\b", "$300"),
    (r"\b(?:a )?couple (?:of )?hundred(?: (?:bucks|dollars))?\b", "$200"),
    (r"^(?:a |one )?hundred (?:bucks|dollars)$", "100"),
    (r"\b(?:a|one) hundred (?:bucks|dollars)\b", "$100"),  # "under a hundred bucks, …"
    (r"\b(thousand|million)s\b", r"\1"),  # "150 thousands dollars"
    (r"(?<=\d)\s?thou\b", "k"),  # "15-20 thou"
    (r"\b(\d+(?:\.\d+)?) ?mil\b", r"\1m"),  # "1.2 mil"
    (r"(₹\s*\d+(?:\.\d+)?) ?(?:l|lac|lacs|lakhs)\b", r"\1 lakh"),  # "₹2L": two lakh rupees
    (r"(?<![\d.,] )(?<![\d.,])\b(?:a )?(?:million|mil)\b(?! \w)", "1m"),  # ("2 million")
    (r"\bhalf a (?:mil|million)\b", "500k"),
    # "they'll stay on the free tier": nothing to spend
    (r"\b(?:the |a )?free (?:tier|plan|version|edition|account|trial)\b", "$0"),
    (r"\b(?:a )?(?:grand|k)\b(?= (?:a|per|/) ?(?:month|mo|year|yr))", "1k"),
))


# "high five figures, maybe more": the amount is a floor; "a few grand, if that": a ceiling.
_MORE = re.compile(r"[,;(]?\s*\b(?:maybe|possibly|perhaps|probably|could be|might be|if not"
                   r"|or|even|potentially|prob)\s+(?:more|higher|bigger)\b\)?")
_LESS = re.compile(r"[,;(]?\s*\b(?:(?:maybe|possibly|perhaps|probably|could be|might be|or"
                   r"|even|potentially|prob)\s+(?:less|lower|smaller)|if that)\b\)?")


# "few grand maybe", "20k probably": an amount, then a guess word that ends the reply
_TRAILING_GUESS = re.compile(r"^([^,;]*?(?:\d|grand|thousand|figures?|hundred)[^,;]{0,12}?)"
                             r"[,\s]+(?:maybe|probably|perhaps|prob|possibly|i think|i guess)"
                             r"[.!?]*$")
_TYPED_RANGE = re.compile(r"\d\s*(?:k|m|grand|thousand)?\s*(?:-|to|–)\s*[$€£]?\s*\d")

# "not 50k, more like 30-40": the SDR corrects an amount; the one after is the answer, in
# the scale of the one before ("8 or 9" after "not 25k" is 8-9k)
_CORRECTED = re.compile(
    r"^\s*(?:not|no|isnt|wasnt)\s+(?:quite\s+)?[$€£]?\s*\d[\d.,]*\s*(?P<scale>k|m|grand)?\b"
    r"[\s,;.!-]*(?:no\b[\s,;.!-]*)?(?:more like|closer to|nearer|rather|actually|its)\s+"
    r"(?P<rest>.+)$")
_BARE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)(?![\d.,]*\s*(?:k|m|mm|grand|thousand|million"
                   r"|%|x)\b)")


_DENIED = re.compile(r"^\s*(?:not|isnt|wasnt)\s+(?:quite\s+)?[$€£]?\s*\d[\d.,]*\s*"
                     r"(?:k|m|grand)?\s*[.!]*\s*$")


def corrected(text: str) -> str:
    """The amount a correction ends on: "not 25k no, more like 8 or 9" is "8k-9k"."""
    found = _CORRECTED.match(fold(text))
    if found is None:
        return text
    rest = re.sub(r"(?<=\d)\s+or\s+(?=\d)", "-", found["rest"])
    return _BARE.sub(lambda m: m[1] + found["scale"], rest) if found["scale"] else rest


def read_money(question: Question, text: str) -> Reading:
    """What they would spend, read into the question's bands."""
    return questioned(_read_money_reply(question, text))


def _read_money_reply(question: Question, text: str) -> Reading:
    typed_first = text
    theirs, rest = someone_elses(text)
    if theirs and not AMOUNT_IN.search(rest) and _PART_OF.search(fold(rest)):
        theirs = False  # "…for the whole programme, ours is about a third of it": that part
    if theirs:
        # "they pay KnowBe4 ~20k now but nothing set aside for us", "last year's pen test
        # was 5k": what they pay today or paid before is no budget for us; the rest speaks
        if not rest.strip() or not AMOUNT_IN.search(rest):
            named = read_named(question, rest) if rest.strip() else None
            return replace(named.weaker(Confidence.LIKELY), typed=typed_first) if (
                named is not None and named.choice is not None) else Reading.unclear(
                typed_first, hint="Type what they would spend with us, e.g. \"$30k\".")
        return replace(read_money(question, rest), typed=typed_first)
    text = corrected(text)
    if text != typed_first:
        return replace(read_money(question, text), typed=typed_first)
    if (refined := _VAGUE_THEN.match(fold(text))) and refined["said"] != fold(text):
        # "a few grand, like 3k tops": the figure the SDR then gives says it more closely
        # ...where it falls in the bands the words span ("a few grand, 20k" is asked)
        reading, rough = read_money(question, refined["said"]), read_money(question,
                                                                          refined["vague"])
        if reading.choice is not None and reading.choice in (rough.choice, *rough.near):
            return replace(reading.weaker(Confidence.LIKELY), typed=typed_first)
        if reading.choice is not None and rough.choice is not None:
            return Reading.unclear(typed_first, near=(rough.choice, reading.choice))
    if _DENIED.match(fold(text)):  # "not 50k": what it is not, not what it is
        return Reading.unclear(text, hint="Type the amount they would spend, e.g. \"$30k\".")
    named = read_exact(question, text)
    if named is not None:  # a bare "2" may be $2: the button is proposed, not taken
        return named.weaker(Confidence.LIKELY) if named.how == "number" else named
    typed, ish = text, bool(ISH.search(fold(text)))
    text, guessed = drop_guess(text, GUESSED_AMOUNT)
    if not guessed and (trailing := _TRAILING_GUESS.match(fold(text))):
        text, guessed = trailing[1], True  # "few grand maybe": a guess, proposed
    more, less = _MORE.search(fold(text)), _LESS.search(fold(text))
    if more or less:
        text = _LESS.sub(" ", _MORE.sub(" ", fold(text)))
    reading = _read_money(question, text, more=bool(more), less=bool(less), ish=ish)
    if reading.how.startswith(ROUGHLY):
        reading = reading.weaker(Confidence.LIKELY)
    if reading.choice is not None and reading.choice.max is not None and _FLOOR.search(
            fold(text)):
        # "40k+", "over 40k": at least that, maybe past the band's top: proposed
        reading = reading.weaker(Confidence.LIKELY)
    return as_typed(reading, typed, guessed)


def _read_money(question: Question, text: str, *, more: bool, less: bool,
                ish: bool) -> Reading:
    if other := unknown_currency(text):
        # "AED 50k", "RM30k", "₦2m", "50k pesos": a currency with no rate here is no
        # amount in dollars, and never read as one
        return Reading.unclear(text, hint="Type the amount in dollars (bands are in US "
                                          f"dollars), e.g. \"$30k\"; {other} has no rate here.")
    if _FORMING.search(fold(text)):  # "no $ yet, they're putting one together"
        named = read_named(question, text)
        if (named is not None and named.choice is not None and named.choice.max is not None
                and named.choice.max <= 1):
            # ...is nothing set aside yet, where an answer says so: proposed
            return named.weaker(Confidence.LIKELY)
        return Reading.unclear(text, hint="Type the amount once they know it, e.g. \"$50k\".")
    if _MULTI_YEAR.search(fold(text)):
        return Reading.unclear(text, hint="Type what they would spend in one year, e.g. "
                                          "\"$20k a year\".")
    if _BARE_SMALL.fullmatch(fold(text).strip()):
        # "50", "25-30": dollars, or thousands with the "k" left out? Asked
        return Reading.unclear(text, hint="Type the amount with its unit, e.g. \"$50\" or "
                                          "\"$50k\".")
    found = _money_range(text)
    if isinstance(found, str):
        named = read_named(question, text)
        if (named is not None and named.choice is not None and _AMOUNTS.search(fold(text))
                and _ONE_NUMBER.fullmatch(named.how)):
            # "30k year 1, 50k year 2": one of amounts read no way is no answer's name
            return Reading.unclear(text, hint=found, near=(named.choice,))
        return named or Reading.unclear(text, hint=found)
    low, high, how, margin = found
    approx = ish or bool(APPROXIMATE.search(fold(text)))
    slack = max(margin, Decimal("0.05") if approx else Decimal(0))
    low, high = (Decimal(0) if less else low * (1 - slack)), high * (1 + slack)
    if more:
        high, how = high * 1000, how + " or more"
    elif less:
        how = "up to " + how
    if (low < high and _TYPED_RANGE.search(fold(text))
            and band(question, float(high)) != band(question, float(high) - 0.01)):
        high -= Decimal("0.01")  # "40-50k" ends where "$10,000 to $50,000" ends
    return in_band(question, text, float(low), float(high), how, lambda q, v: band(q, v))


# A rough size in words, then a figure: "a few grand, like 3k tops", "low six figures - 150k"
_VAGUE_THEN = re.compile(r"^(?P<vague>(?:a |some )?(?:few|couple(?: of)?|several|handful of"
                         r"|low|mid|high) (?:grand|k|thousand|hundred(?: k| grand| thousand)?|bucks"
                         r"|(?:five|six|four|seven) figures)\b)\s*(?:[,;]|\s[-–—])\s*"
                         r"(?P<said>[^,;]*\d[^,;]*)$")
_MULTI_YEAR = re.compile(r"\b(?:\d|two|three|four|five|multi)[- ]?(?:years?|yrs?)[- ]"
                         r"(?:deal|contract|term|agreement|commit)")
_FORMING = re.compile(r"\b(?:putting (?:one|a budget|it|the budget) together"
                      r"|working on (?:a |the )?(?:budget|number)"
                      r"|being (?:put together|formulated|scoped|worked out)"
                      r"|to be (?:decided|determined|confirmed)|tbd|tbc)\b")

_MONEY_FILLER = re.compile(r"\b(?:somewhere|anywhere|something like|in the range of"
                           r"|in the region of|ballpark|about|around|roughly"
                           r"|(?:for )?this (?:year|yr|fy))\b")  # "0 this year"
_DECIMAL_COMMA = re.compile(r"\b(\d+),(\d{1,2})(?=\s*(?:k|m|mm|mil|million|grand|millones|millon"
                            r"|milhoes|milhao|mln|mio|mkr|lakhs?|crores?|cr|mrd|mld|bn|milyon|milyar|juta|miliar)\b)")
_EITHER = re.compile(r"(\d[\d.,]*\s*(?:k|m)?)\s*(?:\bor\b|/)\s*(?=[$€£]?\s*\d[\d.,]*\s*(?:k|m|mm"
                     r"|grand|thousand|million)\b)")
_FLOOR = re.compile(r"\b(?:over|more than|at least|north of|upwards of|in excess of|above"
                    r"|minimum|min)\s*[$€£~]?\s*\d(?![\d.,]*\s*(?:years?|yrs?|months?|mos?))"
                    r"|\d\s*(?:k|m|grand)?\s*(?:\+|plus\b|minimum\b"
                    r"|min\b|and up\b|at least\b)")
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d,])")
_EURO_CENTS = re.compile(r"\b(\d{1,3}(?:\.\d{3})+),\d{2}\b(?![\d.,])")
_THOUSANDS_DOT = re.compile(r"\b(\d{1,3})((?:\.\d{3})+)(?![\d.,])")


# "S$120k/yr (~US$89k)", "R$ 400 mil (≈US$73k)": the SDR's own sum in dollars is the amount
_IN_DOLLARS = re.compile(r"[(~≈]\s*[~≈]?\s*(?P<sign>us\$|usd|\$)\s*(\d[\d.,]*\s*(?:k|m)?(?![\w.,])"
                         r"(?:\s*(?:/|per|a)\s*(?:month|mo|year|yr)\b)?)")


_BARE_SMALL = re.compile(r"[~≈]?\s*(?:[1-9]\d{0,2}(?:\.\d+)?|0\.\d+)"
                         r"(?:\s*(?:-|to|or|/)\s*\d{1,3}(?:\.\d+)?)?\s*(?:ish)?[\s?!.]*")
_TERM = re.compile(r"\bfor (?:the first |just |only )?(\d{1,2}) ?(?:months?|mos?|mths?)\b")
_ONE_NUMBER = re.compile(r"[$€£]?\s*\d[\d.,]*\s*(?:k|m)?\s*\+?")
_AMOUNTS = re.compile(r"\d[\d.,]*\s*(?:k|m|grand)?\b.*\d")  # two numbers or more


# Latin American slang for pesos: "30 palos" (millions), "500 lucas" (thousands), said in
# Chile, Colombia and Argentina alike; "mangos" are Argentine pesos, "palos verdes" millions
# of dollars
_PALO_VERDE = re.compile(r"(?<=\d)\s?palos? verdes?\b|\bun palo verde\b")
_PESO_SLANG = re.compile(r"(?:(?<=\d)\s?|\bun )(?P<m>palos?|palitos?)\b"
                         r"|(?:(?<=\d)\s?|\buna )(?P<k>lucas?|lukas?)\b")
_MANGOS = re.compile(r"(?:(?<=\d)|(?<=\d[km])|(?<=\dmil)|(?<=\d mil))\s?mangos\b")
_PESO_COUNTRY = (
    (re.compile(r"\b(?:pesos? )?chilen[oa]s?\b|\bchile\b|\bclp\b|\bcl\$"), "clp"),
    (re.compile(r"\b(?:pesos? )?colombian[oa]s?\b|\bcolombia\b|\bcop\b|\bcol\$"), "col$"),
    (re.compile(r"\b(?:pesos? )?argentin[oa]s?\b|\bargentina\b|\bars\b|\bar\$"), "ars"),
)


def _slang_pesos(clean: str) -> tuple[Decimal, Decimal, str, Decimal] | str:
    """ "30 palos": thirty million pesos of the country named, else anywhere from
    Colombia's to Chile's (four times apart: near a band's edge, asked)."""
    plain = _PESO_SLANG.sub(lambda m: (" 1" if m[0].startswith("un") else "")
                            + ("m" if m["m"] else "k"), clean)
    for country, code in _PESO_COUNTRY:
        if country.search(plain):
            plain = re.sub(r"\bpesos?\b", " ", country.sub(" ", plain))
            return _money_range(f"{plain} {code}")
    plain = re.sub(r"\bpesos?\b", " ", plain)
    low, high = _money_range(f"{plain} col$"), _money_range(f"{plain} clp")
    if isinstance(low, str) or isinstance(high, str):
        return MONEY_HELP
    return (low[0], high[1], f"{ROUGHLY} {_said(low[0], high[1], '')} (Colombian to Chilean "
            "pesos)", max(low[3], high[3]))


def _money_range(text: str) -> tuple[Decimal, Decimal, str, Decimal] | str:
    """The lowest and highest amount a reply allows, a year's worth, how it was read, and
    whether it is in a currency other than dollars; or what is accepted."""
    clean = fold(with_capital_codes(text))
    clean = _MANGOS.sub(" ars", _PALO_VERDE.sub("m usd", clean))
    if _PESO_SLANG.search(clean):
        return _slang_pesos(clean)
    if ((dollars := _IN_DOLLARS.search(clean)) and re.search(r"\d", clean[:dollars.start()])
            and (dollars["sign"] != "$" or _NOT_DOLLARS.search(clean[:dollars.start()]))):
        # ("(~$16k)" after pesos is in dollars; after "$20k" or "500 seats @" it is another
        # amount)
        clean = "usd " + dollars[2]
    clean = _DECIMAL_COMMA.sub(r"\1.\2", clean)  # "9,5k": 9.5 thousand
    clean = _MONEY_FILLER.sub(" ", clean)
    clean = _EURO_CENTS.sub(r"\1", clean)  # "50.000,00 €": the cents go
    clean = _EITHER.sub(r"\1-", clean)  # "45 or 55k", "25/30k": a range
    # "800 000 SEK for this": thousands set apart by spaces are one number
    clean = _SPACED.sub(lambda spaced: spaced[0].replace(" ", ""), clean)
    clean = _THOUSANDS_DOT.sub(lambda m: m[1] + m[2].replace(".", ""), clean)  # "35.000"
    clean = re.sub(r"(?<=[\d\s])pp\b", " per person", clean)  # "€12 pp": per person
    # "$25 a seat", "$5 a head": a price for each, as "per seat" is
    clean = _A_THING.sub(r"\1 per \2", clean)
    clean = _PUPM.sub(lambda m: "per user per " + ("month" if m["p"] == "m" else "year"), clean)
    if (each := _EACH.search(clean)) and len(counted := _COUNTED.findall(clean)) == 1:
        # "$40 each, 200 techs": each of the things counted
        clean = clean[:each.start(1)] + f"per {counted[0]}" + clean[each.end(1):]
    clean = local_forms(clean)  # "₹8 lakh", "500万円", "SEK 300 tkr", "R$ 40 mil"
    if not clean:
        return ("Type the amount in figures, e.g. \"€30,000\" (\"mil\" is a thousand in "
                "Spanish, a million in English).")
    clean = _in_figures(clean)
    if _ONE_OFF.search(clean) and _PERIOD.search(clean):
        return _setup_and_recurring(clean)
    if (share := _SHARE.search(clean)) and not isinstance(
            whole := _over_years(clean[share.end():]), str):
        # "20% of their 200k IT budget": that share of it, proposed
        part = Decimal(share[1]) / 100
        low, high = whole[0] * part, whole[1] * part
        return (low, high, f"{ROUGHLY} {_said(low, high, '')} ({share[1]}% of {whole[2]})",
                whole[3])
    if (portion := _PART_OF.search(clean)) and not _SHARE.search(clean) and not isinstance(
            whole := _over_years(clean[:portion.start()]), str):
        # "SAR 1.2m for the whole programme, ours is maybe a third of it": that part of it
        part = _PARTS[portion["part"]]
        low, high = whole[0] * part, whole[1] * part
        return (low, high, f"{ROUGHLY} {_said(low, high, '')} ({portion['part']} of "
                f"{whole[2].removeprefix(ROUGHLY + ' ')})", whole[3])
    if total := _STATED_TOTAL.search(clean):
        found = _over_years(clean[total.end():])
        if not isinstance(found, str):
            return found
    return _over_years(clean)


# Fractions and plurals of a scale: "half a mil", "a quarter million", "hundreds of thousands"
_FRACTIONS = tuple((re.compile(p), to) for p, to in (
    (r"\bhalf (?:a |of a )?(?:mil|mill|million)\b", "500k"),
    (r"\bthree quarters of a (?:mil|mill|million)\b", "750k"),
    (r"\b(?:a )?quarter (?:of a )?(?:mil|mill|million)\b", "250k"),
    (r"\bhalf a (?:bil|billion)\b", "500m"),
    (r"\bhundreds of (?:thousands|k)\b", "100k-999k"),
    (r"\btens of (?:thousands|k)\b", "10k-99k"),
    (r"\bseveral (?:thousand|grand|k)\b", "3k-9k"),
))
_SHARE = re.compile(r"\b(\d{1,2}(?:\.\d+)?)\s*(?:%|percent|pct)\s+of\b")
# A part of an amount said before it, in words: "…, payroll is about a third of it"
_PARTS = {"half": Decimal("0.5"), "a half": Decimal("0.5"), "a third": Decimal(1) / 3,
          "one third": Decimal(1) / 3, "a quarter": Decimal("0.25"),
          "one quarter": Decimal("0.25"), "two thirds": Decimal(2) / 3,
          "a fifth": Decimal("0.2"), "a tenth": Decimal("0.1")}
_PART_OF = re.compile(r"\b(?P<part>" + "|".join(sorted(_PARTS, key=len, reverse=True))
                      + r") of (?:it|that|this|the (?:total|budget|whole|program(?:me)?|pot)"
                      r"|them)\b")
# A one-off fee beside a recurring price: "15k setup + 500/mo"
_ONE_OFF = re.compile(r"\b(?:one[- ]?off|one[- ]?time|set ?up|upfront|implementation|onboarding"
                      r"|installation)\b")
_AND = re.compile(r"\s*(?:\+|\bplus\b|\band\b|\bthen\b|[,;&])\s*")


# "low 20s (k usd)", "mid-40s k", "high 30s thousand": the decade said, with its scale
_DECADE = re.compile(r"\b(?P<part>low|lower|mid|middle|high|upper)[- ]?(?:the )?"
                     r"(?P<n>[1-9]\d?)0 ?'?s"
                     r"\s*\(?\s*(?P<scale>k|grand|thousand|thou|m|mil|million)\b\s*"
                     r"(?P<currency>usd|us\$|\$|dollars?|eur|euros?|€|gbp|£)?\s*\)?")
_DECADE_PART = {"low": (0, 3), "lower": (0, 3), "mid": (3, 7), "middle": (3, 7),
                "high": (7, 10), "upper": (7, 10)}


def _decade(found: re.Match[str]) -> str:
    first, last = _DECADE_PART[found["part"]]
    scale = "m" if found["scale"] in ("m", "mil", "million") else "k"
    tens = int(found["n"]) * 10
    return (f"{tens + first}{scale}-{tens + last - (last == 10)}{scale} "
            f"{found['currency'] or ''}")


def _in_figures(clean: str) -> str:
    for pattern, to in _FRACTIONS:
        clean = pattern.sub(to, clean)
    return _DECADE.sub(_decade, clean)


def _setup_and_recurring(clean: str) -> tuple[Decimal, Decimal, str, Decimal] | str:
    """A one-off fee and a recurring price: the first year's spend, both together ("15k
    setup + 500/mo" is $21,000), proposed (some count the recurring part alone)."""
    parts = [p for p in _AND.split(clean) if re.search(r"\d", p)]
    if len(parts) != 2:
        return MONEY_HELP
    read = [_over_years(_ONE_OFF.sub(" ", part)) for part in parts]
    if any(isinstance(r, str) for r in read):
        return MONEY_HELP
    (low1, high1, said1, margin1), (low2, high2, said2, margin2) = read  # type: ignore[misc]
    low, high = low1 + low2, high1 + high2
    return (low, high, f"{ROUGHLY} {_said(low, high, '')} in the first year ({said1} + {said2})",
            max(margin1, margin2))


def _over_years(clean: str) -> tuple[Decimal, Decimal, str, Decimal] | str:
    years = 1
    if (over := _OVER_YEARS.search(clean)) and not _PERIOD.search(clean):
        # ("$5k/year over 3 years" is $5k a year)
        years = int(_NUMBERS.get(over["n"], over["n"]))
        clean = clean[:over.start()] + " " + clean[over.end():]
    low_high = _year_of(clean, years)
    if isinstance(low_high, str) or years == 1:
        return low_high
    low, high, said, foreign = low_high
    low, high = low / years, high / years
    return low, high, f"{_said(low, high, 'a year')} ({said} over {years} years)", foreign


def _year_of(clean: str, years: int) -> tuple[Decimal, Decimal, str, Decimal] | str:
    if per := _PER_THING.search(clean):  # "2k per month per site, 3 sites": times 3
        count = next((m for m in re.finditer(
            rf"\b(\d[\d,]*)\s+(?:(?!per\b)[a-z]+\s+)?{_same_thing(per['thing'])}s?\b", clean)
            if m.end() <= per.start() or m.start() >= per.end()), None)
        if count is None:
            return (f"Type the total they would spend, e.g. \"$20k a year\" (a price per "
                    f"{per['thing']} is no total).")
        spans = sorted((per.span(), count.span()))
        rest = clean[:spans[0][0]] + " " + clean[spans[0][1]:spans[1][0]] + " " + \
            clean[spans[1][1]:]
        each = _year_of(" ".join(re.sub(r"[,;]", " ", rest).split()), years)
        if isinstance(each, str):
            return each
        n = Decimal(count[1].replace(",", ""))
        low, high = each[0] * n, each[1] * n
        rough = f"{ROUGHLY} " if each[2].startswith(ROUGHLY) else ""
        return (low, high, f"{rough}{_said(low, high, '')} a year ({n:,.0f} at {each[2]})",
                each[3])
    times, period = 1, ""
    if found := _PERIOD.search(clean):
        word = (found.group("unit") or found.group("adverb") or found.group("slash")
                or found.group("dotted").replace(".", "").replace(" ", ""))
        times = _TIMES.get(word, 1)
        period = {12: "a month", 4: "a quarter", 52: "a week"}.get(times, "")
        clean = clean[:found.start()] + " " + clean[found.end():]
        if times == 12 and (term := _TERM.search(clean)) and int(term[1]) < 12:
            # "5k/mo for 6 months": a term shorter than a year is the deal
            times, period = int(term[1]), ""
            clean = clean[:term.start()] + " " + clean[term.end():]
    if figure := _FIGURE.search(clean):
        low, high = _figures(figure.group("n"), figure.group("part"))
        return low * times, high * times, _said(low * times, high * times, period), Decimal(0)
    if (free := _FREE_AND.search(clean)) and _SPEND.search(
            clean[:free.start()] + clean[free.end():]):
        # "free tier + a $20 add-on", "free plan + 1 add-on, under 50 bucks": the free
        # tier costs nothing, what they add to it is the spend
        clean = clean[:free.start()] + " " + clean[free.end():]
    clean = _GRAND.sub("200k", _FEW_HUNDRED.sub("300k", clean))
    for pattern, amount in _SHORTHAND:
        clean = pattern.sub(amount, clean)
    if seats := _SEATS.search(clean):
        count = Decimal((seats.group("n") or seats.group("n2")).replace(",", ""))
        price = parse_money_range(seats.group("price") or seats.group("price2"))
        if not isinstance(price, Refusal):
            low, high = price[0].amount * count * times, price[1].amount * count * times
            return _in_dollars(low, high, price[0].currency, period)
    parsed = parse_money_range(clean)
    if isinstance(parsed, Refusal):
        spans = {m.group(0).strip() for m in _AMOUNTISH.finditer(clean) if m.group(0).strip()}
        readings = [r for s in spans if not isinstance(r := parse_money_range(s), Refusal)
                    and _is_money(s, clean)]
        values = {(r[0].amount, r[1].amount) for r in readings}
        if len(values) != 1:
            return MONEY_HELP
        parsed = readings[0]
    low_money, high_money = parsed
    low, high = low_money.amount * times, high_money.amount * times
    said = _said(low, high, period)
    if low == high and _BELOW.search(clean):
        # "under 5k": less than it, but of its order ($500 to $5,000), not "under $100"
        said = "under " + said
        low, high = high / 10, high - Decimal("0.01")
    return _in_dollars(low, high, low_money.currency, period, said)


def _in_dollars(low: Decimal, high: Decimal, currency: str, period: str,
                said: str = "") -> tuple[Decimal, Decimal, str, Decimal] | str:
    """An amount in US dollars, how it was read, and how far off the rate may put it, when
    typed in another currency ("R250k", "SEK 2M", "€40k": at a rough rate, so proposed)."""
    if currency in _US:
        return low, high, said or _said(low, high, period), Decimal(0)
    rate = ROUGH_RATES.get(currency)
    if rate is None:
        return ("Type the amount in dollars (bands are in US dollars), e.g. \"$30k\"; "
                f"{currency} has no rate to place it.")
    if currency in NEAR_PAR:
        # Many read euros, pounds or Canadian dollars as dollars: the amount is anywhere
        # from par to the rate ("£7,500" is $7,500 to $9,750; "CAD 60k" $43,200 to $60,000)
        low, high = min(low, low * rate), max(high, high * rate)
        return low, high, f"{ROUGHLY} {_said(low, high, period)}", Decimal(0)
    low, high = low * rate, high * rate
    return low, high, f"{ROUGHLY} {_said(low, high, period)}", _margin(currency)


def _margin(currency: str) -> Decimal:
    """How far a rough rate may be off: little for currencies pegged to the dollar, more
    for others, most for those that move a lot."""
    if currency in PEGGED:
        return Decimal("0.05")
    return Decimal("0.35") if currency in VOLATILE else Decimal("0.15")


# Seats, users and licences are counted alike: "50 seats x $8/user/month"; so are people:
# "€12 per employee per month, 80 staff"
_SEAT_WORDS = ("seat", "user", "licence", "license")
_PEOPLE_WORDS = ("person", "people", "employee", "staff", "head", "worker", "member",
                 "pax", "emp")


def _same_thing(thing: str) -> str:
    for alike in (_SEAT_WORDS, _PEOPLE_WORDS):
        if thing in alike:
            return f"(?:{'|'.join(alike)})"
    return thing


def _is_money(span: str, whole: str) -> bool:
    """A number in a longer reply is an amount if it says so: a currency, k/m, grand…"""
    return bool(re.search(r"[$€£¥₹]|\br\s?\d|\d\s*(?:k|m|mm|mn|mln|bn)\b|grand|thousand|million"
                          rf"|millones|lakh|crore|\b(?:{_MONEY_WORDS})\b", span)) \
        or span == whole.strip()


def _figures(n: str, part: str | None) -> tuple[Decimal, Decimal]:
    zeros = _FIGURES[n]
    low, high = Decimal(10) ** zeros, Decimal(10) ** (zeros + 1) - 1
    step = (high + 1 - low) / 10
    if part in ("low", "lower"):
        return low, low + step * 3 - 1
    if part in ("mid", "middle"):
        return low + step * 3, low + step * 7 - 1
    if part in ("high", "upper"):
        return low + step * 7, high
    return low, high


def _said(low: Decimal, high: Decimal, period: str) -> str:
    year = " a year" if period else ""
    if low == high:
        return f"${low:,.0f}{year}"
    return f"${low:,.0f} to ${high:,.0f}{year}"
