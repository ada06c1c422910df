"""Reading a typed amount: "$50k", "1.2M", "fifty thousand", "USD 50,000"."""
from __future__ import annotations

import re
from decimal import Decimal

from flows.parsing.common import (
    _SMALL,
    _TENS,
    MAX_AMOUNT,
    MAX_CHARS,
    MONEY_HELP,
    Money,
    Refusal,
    _clean,
)

# Money -----------------------------------------------------------------------------

_NOTHING = re.compile(r"(?:nothing|none|nil|zero|nada|no budget|no money)"
                      r"(?: (?:yet|at all|so far))?")
_CODES = """usd eur gbp cad aud nzd chf jpy inr sgd hkd cny sek nok dkk mxn brl zar pln czk huf ron
bgn isk aed sar qar kwd ils egp ngn kes ghs php idr thb vnd myr krw twd pkr bdt lkr clp ars uyu
uah crc dop gtq""".split()
# Codes that are also English words ("try", "cop") are written "tl" and "col$" before they
# reach here (``flows.reading.currencies``), and read only next to a number.
_CURRENCIES = {
    "$": "$", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "nz$": "NZD", "s$": "SGD", "hk$": "HKD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "dollar": "$", "buck": "$", "euro": "EUR", "pound": "GBP", "quid": "GBP",
    "yen": "JPY", "rupee": "INR", "franc": "CHF",
    "kronor": "SEK", "krona": "SEK", "kroner": "NOK", "krone": "NOK", "kr": "SEK",
    # "R250k" is rand, "R$ 40 mil" reais: not dollars
    "r$": "BRL", "r": "ZAR", "rand": "ZAR", "reai": "BRL",
    # pesos with no country: Mexico's, the peso most met by teams that sell in dollars
    # (other pesos are read by their code or sign: "CLP", "COP", "ARS", "₱")
    "peso": "MXN", "col$": "COP", "tl": "TRY", "rs": "INR", "zloty": "PLN", "zlotych": "PLN",
    "naira": "NGN", "ksh": "KES", "kshs": "KES", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "lira": "TRY", "forint": "HUF", "koruna": "CZK", "korun": "CZK",
    "dirham": "AED", "riyal": "SAR", "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY",
    "shekel": "ILS", "nis": "ILS", "canadian": "CAD", "aussie": "AUD", "australian": "AUD",
    "sterling": "GBP",
    # Peru's sol: by its name and sign ("S/ 100k" is written "soles 100k" before here)
    "sole": "PEN",
    **{code: code.upper() for code in _CODES},
}
_DOLLARS = {"$", "USD", "CAD", "AUD", "NZD", "SGD", "HKD"}
# ...and the currencies written with a "$" too: "$2M COP", "$500k MXN" are pesos
_DOLLAR_SIGNED = _DOLLARS | {"MXN", "COP", "CLP", "ARS", "UYU", "TWD", "DOP", "BRL"}
_CURRENCY = re.compile(
    r"(?:(?<![a-z])(?:us|ca|c|au|a|nz|s|hk|r))?\$|[€£¥₹]|(?<![a-z])r(?=\s?[0-9])"
    rf"|(?<![a-z])(?:{'|'.join(_CODES)}|dollar|buck|euro|pound|quid|yen|rupee|franc|kronor"
    r"|krona|kroner|krone|kr|rand|reais|peso|zloty|zlotych|naira|kshs|ksh|baht|ringgit|rupiah"
    r"|lira|forint|koruna|korun|dirham|riyal|yuan|rmb|renminbi|shekel|nis|canadian|aussie"
    r"|australian|sterling|soles)s?(?![a-z])"
    r"|(?<![a-z])col\$|(?<=\d)\s?(?:tl|rs)(?![a-z])|(?<![a-z])(?:tl|rs)\.?(?=\s?\d)"
)
_HALF = re.compile(r"\bhalf an?\b")
_MONEY_FILLER = re.compile(
    r"\b(?:about|around|roughly|approximately|approx|circa|ca|some|maybe|probably|estimated"
    r"|est|at least|min|minimum|budget(?: is| of)?|total|or so|plus|annually|yearly"
    r"|(?:per|a) (?:year|yr|annum))\b|/ ?(?:year|yr)\b|(?:-|\b)ish\b|[~+:()]"
)
_SPACED = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?: [0-9]{3})+(?![0-9a-z,])")  # "1 500 000"
_TOKEN = re.compile(r"[0-9](?:[0-9.,]*[0-9])?|[a-z]+|\S")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_SCALES = {
    "k": 10**3, "thousand": 10**3, "grand": 10**3, "lakh": 10**5, "m": 10**6, "mm": 10**6,
    "mn": 10**6, "mil": 10**6, "mio": 10**6, "million": 10**6, "crore": 10**7,
    "b": 10**9, "bn": 10**9, "billion": 10**9,
    # as other languages write them: "2 mln zł", "20 millones", "80 milhões"
    "mln": 10**6, "millones": 10**6, "millon": 10**6, "milhoes": 10**6, "milhao": 10**6,
}
_FOLLOWS = {  # a token of this kind may come after a token of these kinds
    "digits": {"start", "scale"},
    "unit": {"start", "scale", "hundred", "tens"},
    "tens": {"start", "scale", "hundred"},
    "hundred": {"digits", "unit", "tens"},
    "scale": {"digits", "unit", "tens", "hundred"},
    "and": {"hundred", "scale"},
}


def parse_money(text: str) -> Money | Refusal:
    """Read a budget: "$50k", "1.2M", "fifty thousand", "€20k"; a range gives its lower end."""
    clean = _clean(text) if len(text) <= MAX_CHARS else ""
    if _NOTHING.fullmatch(clean):
        return Money(Decimal(0), "USD")
    currency = _currency(clean)
    tokens = _money_tokens(_CURRENCY.sub(" ", clean))
    if "%" in clean or "percent" in clean or currency is None or tokens is None:
        return Refusal(MONEY_HELP)
    amount = _lowest(tokens)
    if amount is None or amount > MAX_AMOUNT:
        return Refusal(MONEY_HELP)
    return Money(_tidy(amount), currency)


def parse_money_range(text: str) -> tuple[Money, Money] | Refusal:
    """Like ``parse_money``, but a range gives both ends ("40-60k": 40,000 and 60,000); a
    single amount is a range of one."""
    clean = _clean(text) if len(text) <= MAX_CHARS else ""
    if _NOTHING.fullmatch(clean):
        return Money(Decimal(0), "USD"), Money(Decimal(0), "USD")
    currency = _currency(clean)
    tokens = _money_tokens(_CURRENCY.sub(" ", clean))
    if "%" in clean or "percent" in clean or currency is None or tokens is None:
        return Refusal(MONEY_HELP)
    bounds = _bounds(tokens)
    if bounds is None or bounds[1] > MAX_AMOUNT:
        return Refusal(MONEY_HELP)
    return Money(_tidy(bounds[0]), currency), Money(_tidy(bounds[1]), currency)


def _currency(clean: str) -> str | None:
    """The one currency named ("USD" if none); None when two disagree ("$50k EUR")."""
    named = {_currency_of(found) for found in _CURRENCY.findall(clean)}
    codes = named - {"$"}
    if len(codes) > 1 or ("$" in named and not codes <= _DOLLAR_SIGNED):
        return None
    return codes.pop() if codes else "USD"


def _currency_of(found: str) -> str:
    """The code a currency word stands for, its plural too ("pesos", but "rs" is rupees)."""
    word = found.strip(" .")
    return _CURRENCIES.get(word) or _CURRENCIES[word.removesuffix("s")]


def _money_tokens(text: str) -> list[str] | None:
    """Numbers, words and dashes once filler is gone; None if a stray symbol remains."""
    text = _MONEY_FILLER.sub(" ", _HALF.sub("0.5", text))
    text = _SPACED.sub(lambda spaced: spaced[0].replace(" ", ""), text)
    tokens = [token for token in _TOKEN.findall(text) if token not in (",", ".")]
    if all(token == "-" or token[0].isascii() and token[0].isalnum() for token in tokens):
        return tokens
    return None


def _lowest(tokens: list[str]) -> Decimal | None:
    """The amount, or the lower end of a range ("50k-100k", "between 5 and 10 thousand")."""
    bounds = _bounds(tokens)
    return bounds[0] if bounds else None


def _bounds(tokens: list[str]) -> tuple[Decimal, Decimal] | None:
    """The amount twice, or both ends of a range."""
    between = tokens[:1] in (["between"], ["from"])
    tokens = tokens[1:] if between else tokens
    separators = {"-", "to", "and"} if between else {"-", "to"}
    for i, token in enumerate(tokens):
        if token not in separators:
            continue
        low, high = _amount(tokens[:i]), _amount(tokens[i + 1:])
        if low is not None and high is not None:
            (low_value, low_scale), (high_value, high_scale) = low, high
            if low_scale == 1 and low_value * high_scale <= high_value:
                low_value *= high_scale  # "50-100k" means 50k to 100k
            return (low_value, high_value) if low_value <= high_value else None
    whole = _amount(tokens)
    return (whole[0], whole[0]) if whole else None


def _amount(tokens: list[str]) -> tuple[Decimal, int] | None:
    """One amount in digits and/or words, and the scale it ends with (1 if none)."""
    total, group, last, cap = Decimal(0), Decimal(0), "start", 0
    for token, following in zip(tokens, [*tokens[1:], ""], strict=False):
        read = _amount_word(token, following)
        if read is None or last not in _FOLLOWS[read[0]]:
            return None
        kind, value = read
        if (kind, last) == ("unit", "tens") and value >= 10:
            return None  # "twenty twelve"
        if kind == "hundred" and group >= 100:
            return None  # "five hundred hundred"
        if kind == "scale" and cap and value >= cap:
            return None  # "50k 100k": two amounts, not one
        if kind in ("digits", "unit", "tens"):
            group += value
        elif kind == "hundred":
            group *= value
        elif kind == "scale":
            total, group, cap = total + group * value, Decimal(0), int(value)
        last = last if kind == "and" else kind
    if last == "start" or (last == "digits" and (cap or group.as_tuple().exponent < -2)):
        return None  # nothing, "50k 20", or "1.500" (a thousands dot?)
    return total + group, cap if last == "scale" else 1


def _amount_word(token: str, following: str) -> tuple[str, Decimal] | None:
    """What one token is in an amount ("50", "fifty", "hundred", "k"...) and its value."""
    if _NUMBER.fullmatch(token):
        return "digits", Decimal(token.replace(",", ""))
    if token in _SMALL or (token == "a" and (following == "hundred" or following in _SCALES)):
        return "unit", Decimal(_SMALL.get(token, 1))
    if token in _TENS:
        return "tens", Decimal(_TENS[token])
    if token == "hundred":
        return "hundred", Decimal(100)
    if token in _SCALES:
        return "scale", Decimal(_SCALES[token])
    return ("and", Decimal(0)) if token == "and" else None


def _tidy(amount: Decimal) -> Decimal:
    """Whole units when whole ("1.2M" -> 1200000), else cents."""
    return amount.quantize(Decimal(1) if amount == amount.to_integral_value() else Decimal("0.01"))
