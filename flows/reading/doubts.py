"""What in call notes makes an answer they state only proposed, or another answer: a
budget none today with one to come, a sentence elsewhere that has someone else decide,
and a part whose "he" or "she" is not the contact's."""
from __future__ import annotations

import re

from flows.model import Kind, Question
from flows.reading.people import ROLE_CRITERIA
from flows.reading.result import Confidence, Reading
from flows.text import fold

# Someone else deciding: "the CEO has final say", "their board signs off", "owner decides"
_THEY_DECIDE = re.compile(
    r"(?i)\b(?:the|their|her|his|its)\s+(?:ceo|cfo|coo|cto|cio|gm|md|fd|owner|owners|board|boss"
    r"|founder|president|partners?|director|vp(?:\s+\w+)?|head of \w+|committee|parent company"
    r"|hq|group)\s+(?:\([^)]*\)\s+)?(?:has|have|holds?|makes?|decides?|signs?|approves?"
    r"|will (?:decide|sign|approve)|must (?:sign|approve)|needs? to (?:sign|approve)"
    r"|gets? the final)\b(?:\s+(?:the\s+)?(?:final|last)\s+(?:say|word|call|decision))?")


def decided_elsewhere(question: Question, best: tuple[Reading, str], said: list[str]) -> bool:
    """ "she decides" where another sentence of the notes says "the CEO has final say": the
    notes disagree on who decides, so that the contact does is only proposed."""
    reading, source = best
    if question.criterion not in ROLE_CRITERIA or reading.choice is None or not reading.sure \
            or reading.choice.points < max(c.points for c in question.choices):
        return False
    return any(source not in s and _THEY_DECIDE.search(s) for s in said)


_NOT_YET = re.compile(r"\b(?:yet|so far|as of now|for now)\b")
# after "no budget yet", someone at work on it, or a time it will be set
_TO_COME = re.compile(r"\b(?:(?:will|ll|going to|gonna|to|should)\s+(?:\w+\s+)?(?:set|put|decide"
                      r"|approve|allocate|plan|work|build|draft|fix|finali[sz]e|agree|sign)"
                      r"|(?:working|putting|planning|setting|building|drafting|preparing) (?:on"
                      r"|it|one|a|the|together))\b")


def forming(question: Question, best: tuple[Reading, str],
             said: list[str]) -> tuple[Reading, str]:
    """ "No budget yet, the CEO will set it once the proposal is in": no budget today, one
    to come; where a budget can be "in formulation", that is proposed, not "no budget"."""
    reading, source = best
    forming = next((c for c in question.choices if "budget_forming" in c.means), None)
    if forming is None or reading.choice is None or "no_budget" not in reading.choice.means:
        return best
    sentence = next((s for s in said if source in s), source)
    rest = fold(sentence[sentence.index(source):] if source in sentence else source)
    yet = _NOT_YET.search(rest)
    if yet is None or not _TO_COME.search(rest[yet.end():]):
        return best
    return Reading.of(reading.typed, forming, Confidence.LIKELY, reading.how), sentence


_PRONOUN = re.compile(r"(?i)\b(?:(?P<he>he|him|his)|(?P<she>she|her|hers))\b(?!-)")
_LEADING_PRONOUN = re.compile(r"(?i)^\s*(?:and |so |but |then )?(?P<p>he|she)\b(?!-)")


def contact_pronoun(text: str) -> str | None:
    """ "he" or "she", as the notes first speak of someone: the contact they were taken on."""
    found = _PRONOUN.search(text)
    return None if found is None else "he" if found["he"] else "she"


def other_pronoun(part: str, contact_is: str | None) -> bool:
    """A part whose subject is "he" in notes on a "she" (or the other way round): "she'll
    write it up for the CTO, he decides" tells of the CTO, not our contact."""
    found = _LEADING_PRONOUN.match(part)
    return found is not None and contact_is is not None and found["p"].lower() != contact_is


# "no timeline", "no rush", "no date set": no time given at all
_NO_TIME = re.compile(r"\b(?:no|not any|without (?:a|any))\b")
# an answer that is itself "no time yet": "Later or unknown", alias "no timeline"
_NAMES_NO_TIME = re.compile(r"\b(?:unknown|no timeline|no timeframe|no date|not set|none)\b")


def undated(question: Question, best: tuple[Reading, str]) -> tuple[Reading, str]:
    """ "no timeline" in notes says no time was given; it fills a band only where that
    band is the answer "no time yet" by name ("Later or unknown"); "Later than six
    months" is only proposed: a lead with no timeline may still buy next month."""
    reading, source = best
    if question.kind is not Kind.TIMEFRAME or reading.choice is None or not reading.sure \
            or "no_timeline" not in reading.choice.means \
            or re.search(r"\d", reading.how) or not _NO_TIME.search(fold(reading.how)):
        return best
    names = [reading.choice.label, *reading.choice.aliases]
    if any(_NAMES_NO_TIME.search(fold(n)) for n in names):
        return best
    return reading.weaker(Confidence.LIKELY), source


def unpriced(question: Question, best: tuple[Reading, str]) -> tuple[Reading, str]:
    """ "nothing set aside" says there is no budget, no amount: it fills a money band only
    where the band is nothing ("none", up to $1); "Under $10k" is only proposed."""
    reading, source = best
    if question.kind is not Kind.MONEY or reading.choice is None or not reading.sure \
            or re.search(r"\d", reading.how) or reading.choice.max is None \
            or reading.choice.max <= 1 or "no_budget" not in reading.choice.means:
        return best
    return reading.weaker(Confidence.LIKELY), source


# what they spent before: "they spent ₹1.2 cr on the firewall last year so money isn't
# the issue" shows money exists, not that this deal is funded
_SPENT = re.compile(r"\b(?:spent|paid|bought|purchased)\b")
# a budget round still to start: "budget planning for FY28 kicks off in Jan"
_STARTS_LATER = re.compile(r"\b(?:kicks? off|kicking off|starts?|begins?|opens?)\s+(?:in|on|next"
                           r"|after|around|from|early|late|mid)\b")


def not_this_budget(question: Question,
                    readings: list[tuple[Reading, str]]) -> list[tuple[Reading, str]]:
    """A budget status read from money spent before, or from a budget round still to
    start, is no status of this deal's budget: other sentences say it, or none does."""
    def aside(reading: Reading, source: str) -> bool:
        means = reading.choice.means if reading.choice is not None else ()
        folded = fold(re.sub(r"\([^)]*\)", " ", source))  # "(incl what they bought)": aside
        return question.kind is Kind.CHOICE and (
            "funded" in means and bool(_SPENT.search(folded))
            or "budget_forming" in means and bool(_STARTS_LATER.search(folded)))
    return [(r, s) for r, s in readings if not aside(r, s)]


# A budget being made now: "they're formulating it with finance", "being worked into next
# yr's budget", "doing 2027 planning now", "putting one together"
_FORMING_NOW = re.compile(r"\b(?:formulating|being (?:worked|built|drafted|formulated|prepared)"
                          r"|putting (?:it |one |a budget |the budget )?together|working (?:it )?"
                          r"(?:out|into)|drafting|(?:doing|in the middle of) (?:their |the )?"
                          r"(?:20\d\d |fy\d* |next years |annual )?(?:budget )?planning)\b")
_BUDGET_WORD = re.compile(r"\b(?:budget|budgets|funding|funds)\b")


def forming_now(question: Question, text: str) -> Reading | None:
    """ "budget not set, they're doing 2027 planning now": a budget being made, where the
    reader found no answer in the sentence; proposed as "in formulation"."""
    forming = next((c for c in question.choices if "budget_forming" in c.means), None)
    folded = fold(text)
    if forming is None or not _BUDGET_WORD.search(folded) or not _FORMING_NOW.search(folded) \
            or _STARTS_LATER.search(folded) or _SPENT.search(folded):
        return None
    return Reading.of(text, forming, Confidence.LIKELY, "")


_PAID = re.compile(r"\b(?:paid|pay|pays|paying|spent|spend|spends|spending|bought|buys)\b")


def not_whom_paid(readings: list[tuple[Reading, str]]) -> list[tuple[Reading, str]]:
    """ "they paid 1.2M MXN for the WMS consultants (not us)": the brackets say whom they
    paid, no answer on fit; a reading found only there is dropped."""
    def whom(reading: Reading, source: str) -> bool:
        asides = " ".join(re.findall(r"\(([^)]*)\)", source))
        how = fold(reading.how).strip()
        return bool(how) and bool(_PAID.search(fold(source))) and how in fold(asides) \
            and how not in fold(re.sub(r"\([^)]*\)", " ", source))
    return [(r, s) for r, s in readings if not whom(r, s)]


__all__ = ["contact_pronoun", "decided_elsewhere", "forming", "forming_now", "not_this_budget",
           "not_whom_paid",
           "other_pronoun", "undated", "unpriced"]
