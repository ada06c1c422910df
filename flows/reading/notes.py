"""Reading call notes: every answer they state, with the words it came from.

Notes are cut into sentences (lines, bullets, full stops, semicolons, "|"). Two kinds of
statement fill an answer:

- a field, as CRM copies and shorthand write them: "Budget: approved", "need yes",
  "Amount = 35,000", "timeline 12-18 mo". The field's name says which question it
  answers, so its value is read exactly as a typed reply to that question ("yes" too);
- a sentence that shows it is about a question: a word of its topic ("budget",
  "go live"…) or a phrase that can only mean one of its answers (a job title, "signed
  off"). A bare "yes" or a number with no currency says nothing here; a date is a
  purchase date only next to a purchase word, never next to "call" or "meeting".

A question two statements answer differently is left to ask in the conversation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flows.model import Flow, Kind, Question
from flows.reading.choices import evidence
from flows.reading.lexicon import Strength
from flows.reading.reply import read_reply
from flows.reading.result import Confidence, Reading
from flows.text import fold, tokens, words_of

MAX_NOTES = 10_000  # characters of notes read
_SENTENCE = re.compile(r"\n+|(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bvs\.)"
                       r"(?<=[.!?])\s+(?=\S)|;|\s\|\s|\s[•*]\s|^\s*[-–—•*]\s*", re.M)
_PART = re.compile(r",(?!\d{3})|\s[-–—]\s|\s/\s")
_FIELD = re.compile(r"^\s*(?P<name>[A-Za-z$][A-Za-z$ &/.'()-]{0,28}?)\s*(?::|=|->|–|—)\s*"
                    r"(?P<value>\S.*)$")
_MEETING = re.compile(r"\b(?:call|calls|called|meeting|meet|demo|follow ?up|follow-up|call ?back"
                      r"|voicemail|vm|intro|catch ?up|chat|sync|next step|reschedul\w*"
                      r"|ooo|out of office|holiday|vacation|webinar)\b")
_TIME_ALONE = re.compile(r"(?:asap|now|q[1-4](?: ?'?\d{2,4})?|h[12](?: ?'?\d{2,4})?|eo[ymq]"
                         r"|(?:in |within )?\d+ ?(?:-\d+ ?)?(?:days?|weeks?|wks?|months?|mos?"
                         r"|years?|yrs?)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                         r"[a-z]*(?: \d{2,4})?)")
_ZERO = re.compile(r"^\$?0(?:[.,]0+)?$|\$0\b|\b0\.00\b")
# Field names that say which question a value answers, beyond the questions' own cues.
_FIELD_NAMES = {
    "need": ("need", "needs", "pain", "use case", "problem", "fit"),
    "role": ("role", "contact role", "title", "authority", "decision role", "dm"),
    "authority": ("role", "contact role", "title", "authority", "decision role", "dm",
                  "decides", "decision maker", "who decides", "signer"),
    "timing": ("timing", "timeline", "timeframe", "time frame", "when", "close date",
               "go live", "go-live", "target date", "decision date", "urgency"),
    "urgency": ("urgency", "timing", "timeline", "timeframe", "when", "go live", "go-live",
                "close date", "target date", "deadline"),
    "timeline": ("timeline", "timing", "timeframe", "when", "go live", "go-live",
                 "close date", "target date"),
    "decision process": ("process", "decision process", "decision date", "decision",
                         "timeline", "timing", "close date"),
    "budget": ("budget", "budget status", "funding", "funds", "money", "$", "$$"),
    "money": ("money", "budget", "funding", "$", "$$", "spend"),
    "size": ("size", "deal size", "amount", "deal", "value", "deal value", "acv", "arr",
             "tcv", "opportunity size", "opp size", "est value", "estimated value"),
}


@dataclass(frozen=True)
class Filled:
    """An answer the notes state: the reading, and the words it was read in."""

    question: Question
    reading: Reading
    sentence: str


def sentences(text: str) -> list[str]:
    parts = [" ".join(p.split()) for p in _SENTENCE.split(text[:MAX_NOTES])]
    return [p.strip(" .") for p in parts if p and p.strip(" .")]


def _names(question: Question) -> set[str]:
    return {fold(n) for n in (question.id.replace("_", " "), question.criterion,
                              *_FIELD_NAMES.get(question.criterion, ()))}


def _field_question(flow: Flow, name: str, *, loose: bool = False) -> list[Question]:
    """The questions a field name ("Budget", "Close date", "Budget this year", "$$")
    belongs to, best first: its own name first, then the words of its topic. ``loose``
    (a name with no colon after it, "need yes") takes field names only, not topic words."""
    words = " ".join(fold(name).replace("_", " ").split()).strip(" .").split()
    asked = [q for q in flow.questions if q.kind is not Kind.TEXT]
    for size in range(min(3, len(words)), 0, -1):  # "budget this year": "budget"
        key = " ".join(words[:size])
        named = [q for q in asked if key in _names(q)]
        cued = [] if loose else [q for q in asked if q not in named
                                 and key in {fold(c) for c in q.cues}]
        if named or cued:
            return named + cued
    return []


def _fields(flow: Flow, sentence: str) -> list[tuple[Question, str, str]]:
    """(question, value, part) for each field in a sentence: "Budget: approved",
    "need yes", "timeline 12-18 mo"."""
    out = []
    for part in [p.strip() for p in _PART.split(sentence) if p and p.strip()]:
        found = _FIELD.match(part)
        name, value = (found["name"], found["value"]) if found else (None, None)
        loose = name is None
        if name is None:
            words = part.split()
            if 2 <= len(words) <= 4:  # "need yes", "budget no", "size 20k-ish"
                name, value = words[0], " ".join(words[1:])
        if name is None or value is None:
            continue
        for question in _field_question(flow, name, loose=loose):
            out.append((question, value.strip(" '\"."), part))
    return out


_FIELD_NO = {"no", "n", "nope", "none", "nil", "nada", "zero", "0", "negative", "not yet"}
_FIELD_YES = {"yes", "y", "yep", "yeah", "ok", "okay", "good", "solid", "strong", "confirmed",
              "there", "in place"}


def _yes_no_field(question: Question, value: str, reading: Reading) -> Reading:
    """ "budget: no" is the answer worth nothing; "budget: yes" proposes the best one."""
    said = " ".join(tokens(value))
    ranked = sorted(question.choices, key=lambda c: c.points)
    if said in _FIELD_NO and ranked[0].points < ranked[1].points:
        return Reading.of(value, ranked[0], Confidence.SURE, said)
    if said in _FIELD_YES and ranked[-1].points > ranked[-2].points:
        return Reading.of(value, ranked[-1], Confidence.LIKELY, said)
    return reading


def _cued(question: Question, text: str) -> bool:
    folded = " " + " ".join(words_of(text)) + " "
    return any(f" {' '.join(words_of(cue))} " in folded for cue in question.cues
               if cue not in ("$", "k"))


_GENERIC = {"yes", "y", "no", "n", "none", "nothing", "never", "sure", "not yet", "zero",
            "correct", "nope", "yep", "yeah", "nah", "definitely", "absolutely", "of course",
            "def", "totally", "indeed", "certainly", "hot", "keen", "approved", "approves",
            "pending", "replacing", "user", "a user", "boss", "head", "lead", "influence",
            "future", "frozen", "freeze", "secured", "set aside", "allocated", "requested",
            "in progress", "in the works", "decides", "obviously", "confirmed", "on hold",
            "paused", "denied", "rejected", "priority", "soon", "later", "not really",
            "nothing really", "nothing at all", "none at all", "not at all", "none really"}
_GENERIC_WORDS = {" ".join(words_of(g)) for g in _GENERIC}


_COST = re.compile(r"\b(?:fees?|fines?|penalt\w*|overtime|chargebacks?|credits|losing|lose|lost"
                   r"|loss|losses|waste\w*|churn\w*|cost(?:s|ing)? (?:them|us|him|her))\b")
_THRESHOLD = re.compile(r"\b(?:up to|anything over|anything above|over|above|limit|threshold"
                        r"|authority)\s+(?:of\s+)?[$€£]?\s*\d")
_NOT_SAID = {"unclear", "not sure", "unsure", "tbd", "tbc", "idk", "dunno", "n/a", "na", "?",
             "unknown yet", "not discussed", "didnt ask", "no idea"}
_MONEY_LIKE = re.compile(r"[$€£¥₹]|\d\s*(?:k|m|mm|grand)\b|\d{1,3},\d{3}|thousand|million"
                         r"|figures?\b|grand|\b(?:usd|eur|gbp)\b")


def _amount(question: Question, sentence: str, reading: Reading,
            others: list[Question]) -> Reading | None:
    """An amount in notes answers a money question when its part of the sentence says so
    ("deal ~80k"), or says nothing else ("~80k"); not when it is about another question's
    topic ("200k earmarked for tooling" is a budget, "40 seats" is no money at all)."""
    for part in [p.strip() for p in _PART.split(sentence) if p and p.strip()]:
        folded = fold(part)
        if not _MONEY_LIKE.search(folded) or _ZERO.search(folded):
            continue  # "no budget" is no amount of $0; "Amount: $0.00" a field left empty
        if _COST.search(folded):
            return None  # "they pay ~$40k/yr in late fees": what the problem costs them
        if _THRESHOLD.search(folded):
            return None  # "signs up to 250k", "anything over 25k goes to the CFO": a limit
        if _cued(question, part):
            return reading
        if any(_cued(q, part) for q in others if q.id != question.id and "budget" in q.cues):
            return None  # "200k earmarked for tooling": a budget, not the deal's size
        return reading
    return None


def _about(question: Question, sentence: str, reading: Reading,
           others: list[Question] | None = None) -> Reading | None:
    """The reading if this free sentence is about ``question``, no surer than it shows."""
    if reading.choice is None:
        return None
    others = others or []
    cued = _cued(question, sentence)
    folded = fold(sentence)
    if question.kind in (Kind.MONEY, Kind.NUMBER):
        return _amount(question, sentence, reading, others)
    if question.kind is Kind.TIMEFRAME:
        if _MEETING.search(folded):
            return None  # "next call Jan 8" is not when they buy
        if cued:
            return reading
        # A time on its own among the items of a terse note ("dm, funded, q1, 75k").
        alone = [p for p in _PART.split(sentence) if p and p.strip()
                 and _TIME_ALONE.fullmatch(fold(p).strip())]
        return reading.weaker(Confidence.LIKELY) if alone and len(_PART.split(sentence)) > 1 \
            else None
    ev = evidence(question, sentence)
    strong = [h for h in ev.kept() if h.choice == reading.choice.id
              and (h.strength is Strength.TITLE or (h.strength is Strength.PHRASE
                                                    and h.words not in _GENERIC_WORDS))]
    if strong:
        return reading
    if cued and ev.kept() and any(h.words not in _GENERIC_WORDS for h in ev.kept()):
        return reading.weaker(Confidence.LIKELY)
    return None


def read_notes(flow: Flow, text: str, *, today: date) -> tuple[Filled, ...]:
    def reply(question: Question, said: str) -> Reading:
        reading = read_reply(question, said, today=today,
                             fiscal_year_start=flow.fiscal_year_start)
        if reading.choice is None and len(reading.near) == 1:
            # Hedged or turned, yet pointing at one answer ("deal maybe 25-30k"): in notes it
            # is proposed for the SDR to confirm, never filled.
            return Reading.of(said, reading.near[0], Confidence.LIKELY, "")
        return reading

    found: dict[str, list[tuple[Reading, str]]] = {}
    fielded: set[str] = set()  # parts that were fields: not read again as free sentences
    for sentence in sentences(text):
        for question, value, part in _fields(flow, sentence):
            if part in fielded:
                continue  # "Budget: approved" answered the budget question, not the size
            if fold(value).strip(" ?!.") in _NOT_SAID or not fold(value).strip(" ?!."):
                fielded.add(part)  # "Criteria: unclear": a field that says nothing yet
                continue
            if question.kind in (Kind.MONEY, Kind.NUMBER) and _ZERO.search(fold(value)):
                fielded.add(part)  # "Amount: $0.00": a CRM field nobody filled in
                continue
            reading = reply(question, value)
            if reading.choice is None and question.kind is Kind.CHOICE:
                reading = _yes_no_field(question, value, reading)
            if reading.choice is not None:
                found.setdefault(question.id, []).append((reading, part))
                fielded.add(part)
    for sentence in sentences(text):
        free = ", ".join(p.strip() for p in _PART.split(sentence)
                         if p and p.strip() and p.strip() not in fielded)
        if not free:
            continue
        parts = [p.strip() for p in _PART.split(free) if p and p.strip()]
        for question in flow.questions:
            if question.kind is Kind.TEXT:
                continue
            kept = _about(question, free, reply(question, free), list(flow.questions))
            if kept is not None:
                said = _source(question, free, kept, today)
                found.setdefault(question.id, []).append((kept, said))
            elif len(parts) > 1:  # "budget is zero this year, they might revisit in 2028"
                for part in parts:
                    alone = _about(question, part, reply(question, part), list(flow.questions))
                    if alone is not None:
                        found.setdefault(question.id, []).append((alone, part))
    out = []
    for question in flow.questions:
        readings = found.get(question.id, [])
        choices = {r.choice.id for r, _ in readings if r.choice is not None}
        if len(choices) != 1:
            continue  # nothing said, or two answers: asked in the conversation
        best = max(readings, key=lambda rp: rp[0].confidence is Confidence.SURE)
        out.append(Filled(question, best[0], best[1]))
    return tuple(out)


def _source(question: Question, sentence: str, reading: Reading, today: date) -> str:
    """The first part of the sentence that reads as the same answer on its own (for a
    timeframe, the whole sentence: a part alone may lose the words that date it)."""
    parts = [p.strip() for p in _PART.split(sentence) if p and p.strip()]
    if len(parts) > 1 and reading.choice is not None:
        for part in parts:
            alone = read_reply(question, part, today=today) \
                if question.kind is not Kind.TIMEFRAME else None
            if alone is not None and alone.choice is not None \
                    and alone.choice.id == reading.choice.id:
                return part
    return sentence


__all__ = ["Filled", "read_notes", "sentences"]
