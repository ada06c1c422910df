"""Amounts as people write them around the world, and the rough rates that place them in
bands kept in US dollars: "₹8 lakh", "1.2 cr", "500万円", "SEK 300 tkr", "40 tys. zł",
"CLP 20 millones", "500 mil pesos".

The rates are for placing an amount in a band, never to quote: they are rough and move, so
an amount in any currency but US dollars is proposed, not taken, and one near a band's
edge is asked again. A currency with no rate here is asked again in dollars.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# US dollars for one unit, rough (late 2020s levels); a currency that moves a lot against
# the dollar gets a wider margin below
ROUGH_RATES = {code: Decimal(rate) for code, rate in {
    "EUR": "1.1", "GBP": "1.3", "CHF": "1.15", "CAD": "0.72", "AUD": "0.65", "NZD": "0.58",
    "SGD": "0.76", "HKD": "0.128", "JPY": "0.0067", "CNY": "0.14", "KRW": "0.0007",
    "TWD": "0.031", "INR": "0.012", "PKR": "0.0036", "BDT": "0.0083", "LKR": "0.0033",
    "IDR": "0.00006", "THB": "0.029", "VND": "0.00004", "MYR": "0.22", "PHP": "0.017",
    # the Nordics and Eastern Europe
    "SEK": "0.095", "NOK": "0.095", "DKK": "0.147", "ISK": "0.0074", "PLN": "0.26",
    "CZK": "0.045", "HUF": "0.0028", "RON": "0.22", "BGN": "0.56", "UAH": "0.024",
    "TRY": "0.025",
    # the Middle East and Africa
    "AED": "0.27", "SAR": "0.27", "QAR": "0.27", "KWD": "3.25", "ILS": "0.28", "EGP": "0.02",
    "ZAR": "0.055", "NGN": "0.00065", "KES": "0.0077", "GHS": "0.08",
    # Latin America
    "MXN": "0.055", "BRL": "0.18", "CLP": "0.00105", "COP": "0.00025", "ARS": "0.0008",
    "UYU": "0.025", "CRC": "0.002", "DOP": "0.016", "GTQ": "0.13", "PEN": "0.27",
}.items()}
# The codes in lower case as words that name money ("pen" is no sol: "pen test 5k"; the sol
# is read by its sign "S/" and "PEN" in capitals)
CODE_WORDS = "|".join(sorted(c.lower() for c in ROUGH_RATES if c != "PEN"))
# Currencies worth within a half of a dollar or so, that many take at par
NEAR_PAR = frozenset({"EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SGD"})
# How far a rate may be off: least for currencies pegged to the dollar, most for those that
# have lately moved by a third or more within a year
PEGGED = frozenset({"HKD", "AED", "SAR", "QAR"})
VOLATILE = frozenset({"ARS", "TRY", "NGN", "EGP", "GHS", "UAH"})

# ISO 4217 codes of currencies with no rate here (written in capitals: "LBP 50m")
_NO_RATE = frozenset("""AFN ALL AMD ANG AOA AWG AZN BAM BBD BHD BIF BMD BND BOB BSD BTN
BWP BYN BZD CDF CUP CVE DJF DZD ERN ETB FJD FKP GEL GIP GMD GNF GYD HNL HRK HTG IQD IRR JMD
JOD KGS KHR KMF KPW KYD KZT LAK LBP LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
MWK MZN NAD NIO NPR OMR PAB PGK PYG RSD RUB RWF SBD SCR SDG SHP SLE SOS SRD SSP STN SYP
SZL TJS TMT TND TOP TTD TZS UGX UZS VES VUV WST XAF XCD XOF XPF YER ZMW ZWL""".split())
# ...and those currencies by their names and signs as typed ("RM30k" is read: ringgit)
_OTHER_MONEY = re.compile(
    r"(?i:(?<=\d)\s*(?:k|m|mn|mil|million|thousand)?\s*\b(?P<name>dinars?|kwacha|cedis?"
    r"|lempira|bolivianos?|guarani|rubles?|roubles?|tenge|taka|shillings?)\b"
    r"|\b(?:tt\$|j\$|z\$)\s?(?=\d)|(?:(?<=\d)|(?<=\dk)|(?<=\dm))\s?(?:lv)(?![a-z]))"
    r"|[\u20a0-\u20a5\u20a7\u20a8\u20ad-\u20b0\u20b2-\u20b8\u20bb-\u20c0\u00a4]")


# An amount written the local way or in a currency by its code or name, in folded text: what
# marks a number in notes as money ("₹30 lakh", "500万円", "80 tys. zł", "KES 4m")
LOCAL_MONEY = re.compile(
    r"[₱₦₩฿₺₫₪円元]|zł|\d\s*(?:万|億|亿|" + unicodedata.normalize("NFD", "억|만") + r")"
    r"|\d\s*(?:lakhs?|lacs?|crores?|cr|tkr|mkr|tys|mln|mio|mrd|mld"
    r"|millones|milhoes|juta|miliar|milyar|milyon|mil|mila|mille|trieu|tr|ty|nghin|palos?"
    r"|lucas?|lukas?)\b"
    r"|\b(?:" + CODE_WORDS
    + r"|pesos?|reais|rand|kr|kronor|kroner|rupees?|yen|yuan|rmb|naira|baht|ringgit|zloty"
    r"|dirhams?|riyals?|lira|forint|dong|đong)\b")


def unknown_currency(text: str) -> str | None:
    """The currency a reply names that has no rate here, if any: an ISO code in capitals,
    a name, or a sign."""
    for word in re.findall(r"\b[A-Z]{3}\b", text):
        if word in _NO_RATE:
            return word
    found = _OTHER_MONEY.search(text)
    return (found["name"] or found[0].strip()) if found else None


# Signs and codes the amount parser does not read, as the words it does: "₱2.5M", "40k zł";
# "TRY" and "COP" only in capitals (else they are English words)
_SIGNS = (("₱", " php "), ("₦", " ngn "), ("₩", " krw "), ("฿", " thb "), ("₺", " tl "),
          ("₫", " vnd "), ("₪", " ils "), ("zł", " pln "), ("円", " jpy "), ("元", " cny "),
          ("원", " krw "), ("ksh.", " kes "))
_WRITTEN = tuple((re.compile(p), to) for p, to in (
    (r"\brm\s?(?=\d)", " myr "), (r"\brp\.?\s?(?=\d)", " idr "), (r"\bnt\$\s?(?=\d)", " twd "),
    (r"\bmx\$\s?(?=\d)", " mxn "), (r"\bar\$\s?(?=\d)", " ars "), (r"\bcl\$\s?(?=\d)", " clp "),
    (r"(?<=[\dkm])\s?won\b", " krw"), (r"(?<=[\dkm])\s?(?:kc|czk)\b", " czk"),
    (r"(?<=[\dkm])\s?(?:lei|ron)\b", " ron"),
    (r"(?<=[\dkmb])\s?(?:dong|đong|vnđ|vnd)\b", " vnd"),
    # "S/ 100k", "S/. 250,000": Peru's sol; "500k TL": lira after a scale
    (r"(?<![\w/])s/\.?\s?(?=\d)", " soles "),
    # "300 man yen", "2 oku yen": ten thousand and a hundred million yen, in Latin letters
    (r"(?<=\d)\s?man\s?(?=(?:yen|en|jpy)\b)", "万 "),
    (r"(?<=\d)\s?oku\s?(?=(?:yen|en|jpy)\b)", "億 "),
))
_CAPITALS = re.compile(r"\b(?:TRY|COP|PEN)\b(?=\s?\$?\s?\d)"
                       r"|(?<=\d)\s?(?:k|m|K|M)?\s?(?:TRY|COP|PEN)\b")
_CAPITAL_ALIASES = {"TRY": " lira ", "COP": " col$ ", "PEN": " soles "}
_PLACES = {"億": Decimal(10) ** 8, "亿": Decimal(10) ** 8, "억": Decimal(10) ** 8,
           "万": Decimal(10) ** 4, "萬": Decimal(10) ** 4, "만": Decimal(10) ** 4,
           "千": Decimal(1000), "천": Decimal(1000)}
# (places multiply as they are written: "5千万円" is fifty million yen)
_EAST_ASIAN = re.compile(r"(\d+(?:\.\d+)?)\s*([" + "".join(_PLACES) + "]+)")
_EAST_ASIAN_MONEY = re.compile(r"\b(?:jpy|cny|krw|yen|yuan|rmb)\b|[¥円元원]")
# Korean counts money in 만 and 억 with nothing else: won
_KOREAN = re.compile(r"\d\s*[억만천]")
_LOCAL_SCALES = tuple((re.compile(p), to) for p, to in (
    # Swedish and Danish accounts write thousands and millions of kronor "tkr", "mkr"
    (r"(?<=\d)\s?tkr(?![a-z])", "k"), (r"(?<=\d)\s?t\.\s?kr(?![a-z])", "k kr"),
    (r"(?<=\d)\s?mkr(?![a-z])", "m"),
    (r"(?<=\d)\s?msek(?![a-z])", "m sek"),
    (r"(?<=\d)\s?tsek(?![a-z])", "k sek"),
    (r"(?<=\d)\s?(?:tusen|tys\.?|tsd\.?|tausend)(?![a-z])", "k"),  # Nordic, Polish, German
    (r"(?<=\d)\s?(?:miljoner|millionen|mio\.?|milyon)(?![a-z])", "m"),
    (r"(?<=\d)\s?(?:mrd|mld|milliarden?|miliard(?:y|ow)?|milyar)\.?(?![a-z])", "b"),
    (r"(?<=\d)\s?bin\b", "k"),  # Turkish: "500 bin TL"
    (r"(?<=\d)\s?(?:lakhs|lacs|lac)\b", " lakh"), (r"(?<=\d)\s?(?:crores|cr)\b\.?", " crore"),
    (r"(?<=\d)\s?juta\b", "m"),  # Indonesian and Malay: a million, and a billion
    (r"(?<=\d)\s?miliar\b", "b"),
    # Vietnamese: a billion, a million ("500tr"), a thousand đồng
    (r"(?<=\d)\s?ty\b", "b vnd"), (r"(?<=\d)\s?(?:trieu|tr)\b", "m vnd"),
    (r"(?<=\d)\s?(?:nghin|ngan)\b", "k vnd"),
    # Italian and French: "45 mila", "40 mille"
    (r"(?<=\d)\s?(?:mila|mille)\b", "k"),
))
_TL_AFTER = re.compile(r"(?<=\d[kmb])\s?tl\b")
_LAKH_COMMAS = re.compile(r"(?<![\d,.])\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])")
_SCALE_CURRENCY = ((re.compile(r"(?<=\d)\s?tys\b"), "pln"),
                   # Indonesian and Malay "juta", "miliar" (a ringgit amount names its
                   # currency), Turkish "bin", "milyon", "milyar"
                   (re.compile(r"(?<=\d)\s?(?:juta|miliar)\b"), "idr"),
                   (re.compile(r"(?<=\d)\s?(?:bin|milyon|milyar)\b"), "lira"),
                   (re.compile(r"(?<=\d)\s?(?:tkr|mkr|tusen)(?![a-z])"), "kr"),
                   (re.compile(r"(?<=\d)\s?(?:tsd|tausend|mila|mille)\b"), "eur"))
_ANY_CURRENCY = re.compile(r"[$€£¥₹₱₦₩฿₺₫₪円元]|zł|\b(?:" + CODE_WORDS
                           + r"|usd|tl|lira|soles|kr|kronor|kroner|krona|krone|pesos?|reais"
    r"|rand|rupees?|yen|yuan|rmb|euros?|pounds?|dollars?|bucks|zloty|franc|francs)\b")
_INDIAN = re.compile(r"\b(?:lakh|crore)\b")
_RUPEES = re.compile(r"₹|\b(?:inr|rs|rupees?)\b")
# In Spanish and Portuguese "mil" is a thousand ("500 mil pesos", "R$ 80 mil")
_MIL_IS_THOUSAND = re.compile(
    r"r\$|col\$|\b(?:brl|reais|mxn|clp|cop|ars|uyu|pesos?|por|al|aprox|aproximadamente|unos"
    r"|unas|cerca de|mas o menos|presupuesto|orcamento|mensual|mensuales|anuales|al ano"
    r"|dolares)\b")
_OF = re.compile(r"(?<=mil|lon|oes|hao|nes) (?:de|em)\b")
_MIL = re.compile(r"(\d+(?:\.\d+)?) ?mil\b(?! ?(?:millones|milhoes))")
# "30 mil euros": thirty thousand in Spanish, thirty million in English shorthand
_MIL_EITHER = re.compile(r"\d ?mil (?:de )?(?:euros?|€)")


def _places(found: re.Match[str]) -> str:
    value = Decimal(found[1])
    for place in found[2]:
        value *= _PLACES[place]
    return f"{value:f}"


def local_forms(clean: str) -> str:
    """A folded reply with amounts written the local way rewritten as the parser reads
    them; "" when an amount could be read two ways too far apart ("30 mil euros")."""
    if not clean.isascii():  # (folding parts Korean letters: "만원" whole again)
        clean = unicodedata.normalize("NFC", clean)
    for sign, word in _SIGNS:
        clean = clean.replace(sign, word)
    for pattern, to in _WRITTEN:
        clean = pattern.sub(to, clean)
    if _KOREAN.search(clean) and not _ANY_CURRENCY.search(clean):  # "3억": won
        clean += " krw"
    if _EAST_ASIAN_MONEY.search(clean):  # "500万円": 5 million yen (万 alone: yen, or yuan?)
        clean = _EAST_ASIAN.sub(_places, clean)
    for scale, currency in _SCALE_CURRENCY:
        # "80 tys." is Polish, "300 tkr" Swedish: in their currency when none is named
        # (named beside the amount: other words before it would part the two)
        if scale.search(clean) and not _ANY_CURRENCY.search(clean):
            clean = scale.sub(lambda m, c=currency: f"{m[0]} {c}", clean, count=1)
    for pattern, to in _LOCAL_SCALES:
        clean = pattern.sub(to, clean)
    clean = _TL_AFTER.sub(" lira", clean)  # "500k TL"
    if _LAKH_COMMAS.search(clean):  # "15,00,000": grouped in lakhs, as India writes it
        clean = _LAKH_COMMAS.sub(lambda m: m[0].replace(",", ""), clean)
        clean = clean if _RUPEES.search(clean) else "inr " + clean
    if _INDIAN.search(clean) and not _RUPEES.search(clean):
        clean = "inr " + clean  # lakh and crore count rupees
    thousand = _MIL_IS_THOUSAND.search(clean)
    clean = _OF.sub("", clean.replace("dolares", "dollars"))  # "1,5 millones de pesos"
    if thousand:  # "R$ 40 mil": forty thousand reais
        return _MIL.sub(r"\1k", clean)
    return "" if _MIL_EITHER.search(clean) else clean


def with_capital_codes(text: str) -> str:
    """ "TRY 1.5m", "COP 200 millones": the codes that are English words in lower case, as
    the words the parser reads for them."""
    return _CAPITALS.sub(lambda m: " " + m[0].replace(
        code := next(c for c in _CAPITAL_ALIASES if c in m[0]), _CAPITAL_ALIASES[code]) + " ",
        text)
