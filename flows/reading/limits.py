"""Signing limits in call notes: "signs anything under 100k", "anything over 25k goes to
the CFO", "approves spend up to 50k without board sign-off".

A limit says who signs deals of which size, not who signs this one: the notes reader
cuts it out of its sentence (so "can approve" is not read as a decision maker) and
compares it with the deal's amounts in the notes. Under the limit, the contact signs
(proposed, to confirm: "anything over 50k goes to the board" on a 30k deal too); over it,
or with no amount to compare, the limit says nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flows.text import fold

_AMOUNT = (r"(?P<amount>(?:[a-z]{1,2}\$|[$€£¥])?\s*\d[\d.,]*\s*"
           r"(?:k|m|mm|million|grand|thousand)?\b)"
           r"(?:\s*(?:yen|jpy|eur|euros?|usd|gbp|dollars?|bucks)\b)?")
_TAIL = (r"(?:\s*(?:himself|herself|themselves|alone|on (?:his|her|their) own))?"
         r"(?:\s*without [a-z ]{0,25}?(?:sign[- ]?off|signoff|approval|ok)\b)?")
_UNDER = re.compile(
    r"\b(?:can |could |may )?(?:approv\w*|sign\w*(?: off)?|decid\w*|decision maker|buyer"
    r"|(?:spend(?:ing)? )?(?:authority|cap|limit))\b[^.;,]{0,40}?\b(?:up to|under|below"
    r"|less than|max(?:imum)?(?: of)?|(?:is|of))\s*" + _AMOUNT + _TAIL, re.I)
_OVER = re.compile(r"\banything (?:over|above|more than|bigger than)\s*" + _AMOUNT
                   + r"[^.;,]{0,30}?\b(?:goes|go|needs|need|has to go|must go)\b[^.;,]*", re.I)
_MONEY = re.compile(r"[$€£¥]\s*\d[\d.,]*\s*(?:k|m|mm|million|grand|thousand)?\b"
                    r"|\b\d[\d.,]*\s*(?:k|m|mm|million|grand|thousand)\b"
                    r"|\b\d{1,3}(?:[,.]\d{3})+\b(?!\s*(?:employees|staff|users|people|seats))")
_COSTLY = re.compile(r"\b(?:fees?|fines?|penalt\w*|credits|losing|lose|lost|loss|cost(?:s|ing)?)"
                     r"\b")
_UNITS = {"k": 1_000, "grand": 1_000, "thousand": 1_000, "m": 1_000_000, "mm": 1_000_000,
          "million": 1_000_000}


@dataclass(frozen=True)
class Limit:
    words: str  # as written, cut out of the sentence
    amount: Decimal | None  # the deals it covers go up to this amount


def number(text: str) -> Decimal | None:
    found = re.search(r"(\d[\d.,]*)\s*(k|mm|m|million|grand|thousand)?\b", text)
    if found is None:
        return None
    digits = found[1].rstrip(".,")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        digits = digits.replace(",", "").replace(".", "")
    else:
        digits = digits.replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return value * _UNITS.get(found[2] or "", 1)


def limits(sentence: str) -> tuple[str, list[Limit]]:
    """The sentence without its signing limits, and the limits."""
    found = sorted([*_UNDER.finditer(sentence), *_OVER.finditer(sentence)],
                   key=lambda m: m.start())
    if not found:
        return sentence, []
    kept, at = [], 0
    for match in found:
        if match.start() < at:
            continue
        kept.append(sentence[at:match.start()])
        at = match.end()
    kept.append(sentence[at:])
    out = [Limit(m[0], number(fold(m["amount"] or ""))) for m in found]
    return " ".join("".join(kept).split()), out


def deal_amounts(sentences: list[str]) -> list[Decimal]:
    """Amounts in the notes outside their limits and what the problem costs them."""
    out = []
    for sentence in sentences:
        rest, _ = limits(sentence)
        for part in re.split(r",(?!\d{3})|\s[-–—]\s", fold(rest)):
            if _COSTLY.search(part):
                continue
            out += [n for m in _MONEY.finditer(part) if (n := number(m[0])) is not None]
    return out


def within(limit: Limit, amounts: list[Decimal]) -> bool | None:
    """Whether the deal is within the limit (None: nothing to compare)."""
    if limit.amount is None or not amounts:
        return None
    return all(a <= limit.amount for a in amounts)


__all__ = ["Limit", "deal_amounts", "limits", "number", "within"]
