"""Whose amount a reply gives: ours, or someone else's.

What they pay today (a competitor, the incumbent), what they paid before, or a budget for
a whole programme of which we would be one part is no budget for us: "they pay KnowBe4
~20k now but nothing set aside for us" speaks of our budget only after its "but".
"""
from __future__ import annotations

import re

from flows.reading.words import TURN, clauses

# An amount that is someone else's: what they pay today (a competitor, the incumbent) or
# paid before, or a budget for a whole programme of which we would be one part.
NOT_OURS = re.compile(
    r"\b(?:(?:pay|pays|paying|spend|spends|spending)\b[^,;]{0,40}\b(?:now|currently|today"
    r"|at the moment|atm|already|per year now)\b|(?:currently|now|today|already) (?:pay|pays"
    r"|paying|spend|spends|spending)\b|(?:paying|pays|pay) (?:a |the |their )?(?:competitor"
    r"|incumbent|current (?:vendor|provider|supplier))|paid|spent|last (?:year|yr)s?\b"
    r"|for (?:the|their) (?:whole|entire|overall|wider) (?!thing\b|deal\b|lot\b)[a-z0-9 ]{0,20}"
    r"(?:programme|program|initiative|transformation|project|migration|certification)"
    r"|(?:programme|program|initiative|transformation) budget"
    # what the tool they have costs: "renewed their current tool for 85k", "pay the bureau
    # 60k/yr", "spends 2m on their current system"
    r"|(?:pay|pays|paying|spend|spends|spending|charg(?:e|es|ed|ing)|costs?|renew(?:s|ed|al)?"
    r")\b(?:(?!replac|switch|move|migrat|instead|off\b|get rid|ditch)[^,;]){0,40}"
    r"\b(?:current|existing|old|incumbent|legacy|present)\b"
    r"|\b(?:current|existing|old|incumbent|legacy) (?:tool|system|software|platform|vendor"
    r"|provider|supplier|bureau|contract|solution)s?\b[^,;]{0,20}\b(?:charg|cost|renew|pay)"
    r"|(?:pay|pays|paying) (?:the|their|an?) (?:bureau|agency|accountant|provider|vendor"
    r"|supplier|consultant|outsourcer|payroll company)\b|\brenew(?:ed|al)\b"
    # "HubSpot charges them 2k/month" (not "we'd charge them"); "burned 40k on a rollout"
    r"|(?<!\bwe )(?<!\bwed )(?<!\bwould )\b(?:charges|charging|charged) them\b"
    r"|\b(?:burned|burnt|wasted|blew|sank|sunk)\b)")
# The SDR says an amount is not the deal's: "R60k/yr (not budget for us)", "(not relevant)"
DISCLAIMED = re.compile(r"\bnot (?:our |the |a )?(?:budget|relevant|for us|ours)\b")
THAT_WAS = re.compile(r"\b(?:thats|that is|that was|which is|which was|its|it was|that)"
                      r" (?:what|how much|the amount)\b")
AMOUNT_IN = re.compile(r"[$€£¥₹]\s*\d|\d\s*(?:k|m|mm|grand|thousand|million|lakh)?\b")


def someone_elses(text: str) -> tuple[bool, str]:
    """Whether some amount in ``text`` is someone else's, and the rest of the reply."""
    parts = clauses(text)
    theirs = [c for c in parts if NOT_OURS.search(c) and AMOUNT_IN.search(c)]
    for at, part in enumerate(parts):
        if DISCLAIMED.search(part):  # and the amount it is said of, just before
            theirs += [part] + [c for c in parts[at - 1:at] if AMOUNT_IN.search(c)]
    if any(NOT_OURS.search(c) and THAT_WAS.search(c) for c in parts):
        # "they mentioned 5k but that's what they paid for last yr's pen test": all theirs
        theirs = [c for c in parts if AMOUNT_IN.search(c)]
    rest = " ".join(c.strip(TURN + " ,;") for c in parts if c not in theirs)
    return bool(theirs), rest


__all__ = ["AMOUNT_IN", "DISCLAIMED", "NOT_OURS", "someone_elses"]
