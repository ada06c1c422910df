"""Reading call notes: every answer they state, with the words it came from.

Notes are cut into sentences (lines, bullets, full stops, semicolons, "|"). Two kinds of
statement fill an answer:

- a field, as CRM copies and shorthand write them: "Budget: approved", "need yes",
  "Amount = 35,000", "timeline 12-18 mo". The field's name says which question it
  answers, so its value is read exactly as a typed reply to that question ("yes" too);
- a sentence that shows it is about a question: a word of its topic ("budget",
  "go live"…) or a phrase that can only mean one of its answers (the contact's job
  title, "signed off"); ``flows.reading.statements`` holds what such a sentence says.
  A signing limit ("signs anything under 100k") is compared with the deal's amount
  (``flows.reading.limits``); a hedged sentence ("not sure if she signs") says only
  "we don't know yet".

A question two statements answer differently is left to ask in the conversation.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from flows.model import Flow, Kind, Question
from flows.reading.choices import evidence
from flows.reading.lexicon import Strength
from flows.reading.limits import Limit, deal_amounts, limits, within
from flows.reading.reply import read_reply
from flows.reading.result import Confidence, Reading
from flows.reading.statements import (
    HEDGED,
    PART,
    ROLE_CRITERIA,
    ZERO,
    about,
    about_someone_else,
    as_said_of,
    measured,
    other_people,
)
from flows.text import fold, tokens

MAX_NOTES = 10_000  # characters of notes read
_ABBREVIATIONS = ("Mr", "Ms", "Dr", "Mrs", "vs", "Dir", "Sr", "Jr", "Mgr", "Gen", "Inc", "Co",
                  "Ltd", "Dept", "Asst", "approx", "St", "Mt", "e.g", "i.e", "est", "ca")
_SENTENCE = re.compile(r"\n+|" + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATIONS)
                       + r"(?<=[.!])\s+(?=\S)|;|\s\|\s|\s[•*]\s|^\s*[-–—•*]\s*", re.M)
_FIELD = re.compile(r"^\s*(?P<name>[A-Za-z$][A-Za-z$ &/.'()-]{0,28}?)\s*(?::|=|->|–|—|\?)\s*"
                    r"(?P<value>\S.*)$")
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
    "economic buyer": ("eb", "economic buyer", "econ buyer", "budget holder", "budget owner"),
    "champion": ("champion", "champ", "coach", "sponsor"),
    "metrics": ("metric", "metrics", "kpi", "kpis"),
    "decision criteria": ("criteria", "decision criteria", "dc"),
    "pain": ("pain", "identify pain", "identified pain"),
    "prioritization": ("priority", "prio", "priorities"),
    "goals": ("goal", "goals", "objective", "objectives"),
    "plans": ("plan", "plans"),
    "consequences": ("consequences", "consequence", "cost of inaction", "cost of doing nothing"),
    "implications": ("implications", "implication", "win", "personal win"),
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
    if not loose and len(words) == 1 and len(words[0]) == 1 and words[0].isalpha():
        # "G: cut onboarding to 2 weeks": the one question of the acronym with that letter
        lettered = [q for q in asked if q.id.startswith(words[0])]
        return lettered if len(lettered) == 1 else []
    for size in range(min(3, len(words)), 0, -1):  # "budget this year": "budget"
        key = " ".join(words[:size])
        named = [q for q in asked if key in _names(q)]
        cued = [] if loose else [q for q in asked if q not in named
                                 and key in {fold(c) for c in q.cues}]
        if named or cued:
            return named + cued
    return []


def _fields(flow: Flow, sentence: str) -> list[tuple[Question, str, str, list[str]]]:
    """(question, value, part, the parts after it) for each field in a sentence: "Budget:
    approved", "need yes", "timeline 12-18 mo". A field's value may run on past a comma
    ("$$: not yet, they're scoping a budget") up to the next field."""
    out = []
    parts = [p.strip() for p in PART.split(sentence) if p and p.strip()]
    for at, part in enumerate(parts):
        found = _FIELD.match(part)
        rest = []
        if found:
            rest = list(itertools.takewhile(lambda p: not _FIELD.match(p), parts[at + 1:]))
        name, value = (found["name"], found["value"]) if found else (None, None)
        loose = name is None
        if name is None:
            words = part.split()
            if 2 <= len(words) <= 4:  # "need yes", "budget no", "size 20k-ish"
                name, value = words[0], " ".join(words[1:])
        if name is None or value is None:
            continue
        for question in _field_question(flow, name, loose=loose):
            out.append((question, value.strip(" '\"."), part, rest))
    return out


_NOT_SAID = {"unclear", "not sure", "unsure", "tbd", "tbc", "idk", "dunno", "n/a", "na", "?",
             "unknown yet", "not discussed", "didnt ask", "no idea", "unknown", "not known",
             "unknown so far", "not asked", "not covered"}
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


def _parts(sentence: str) -> list[str]:
    """The parts of a sentence; "…, who signs" stays with the one it is said of."""
    out: list[str] = []
    for part in (p.strip() for p in PART.split(sentence) if p and p.strip()):
        if out and re.match(r"(?i)(?:who|whom|whose|which)\b", part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def read_notes(flow: Flow, text: str, *, today: date) -> tuple[Filled, ...]:
    def reply(question: Question, said: str) -> Reading:
        reading = read_reply(question, as_said_of(question, said), today=today,
                             fiscal_year_start=flow.fiscal_year_start)
        reading = measured(question, said, reading)
        if reading.choice is None and len(reading.near) == 1:
            # Hedged or turned, yet pointing at one answer ("deal maybe 25-30k"): in notes it
            # is proposed for the SDR to confirm, never filled.
            return Reading.of(said, reading.near[0], Confidence.LIKELY, "")
        return reading

    found: dict[str, list[tuple[Reading, str]]] = {}
    fielded: set[str] = set()  # parts that were fields: not read again as free sentences
    said: list[tuple[str, list[Limit]]] = [limits(s) for s in sentences(text)]
    for sentence, _ in said:
        for question, value, part, rest in _fields(flow, sentence):
            if rest and part not in fielded:
                whole = reply(question, ", ".join([value, *rest]))
                if whole.choice is not None and not _by_title(question, value):
                    found.setdefault(question.id, []).append((whole, ", ".join([part, *rest])))
                    if reply(question, value).choice is not None:
                        fielded.add(part)  # else its words may speak of another question
                    continue
            if part in fielded:
                continue  # "Budget: approved" answered the budget question, not the size
            if fold(value).strip(" ?!.") in _NOT_SAID or not fold(value).strip(" ?!."):
                fielded.add(part)  # "Criteria: unclear": a field that says nothing yet
                continue
            if question.kind in (Kind.MONEY, Kind.NUMBER) and ZERO.search(fold(value)):
                fielded.add(part)  # "Amount: $0.00": a CRM field nobody filled in
                continue
            reading = reply(question, value)
            if reading.choice is None and question.kind is Kind.CHOICE:
                reading = _yes_no_field(question, value, reading)
            if reading.choice is None and question.kind is Kind.CHOICE:
                # "Budget approved for the RFP: 500k": the name says it, the value may say more
                named = reply(question, part)
                if named.choice is not None:
                    found.setdefault(question.id, []).append((named, part))
                continue
            if reading.choice is None:
                continue
            if _by_title(question, value) and question.kind is Kind.YES_NO:
                fielded.add(part)  # "EB = CFO Maria Chen" says who, not whether we met
                continue
            if _by_title(question, value) and not _CONTACT_FIELD.match(part):
                reading = reading.weaker(Confidence.LIKELY)  # "A: VP Support": who decides
            found.setdefault(question.id, []).append((reading, part))
            fielded.add(part)
    others = list(flow.questions)
    elsewhere = other_people(text)
    for number, (sentence, _) in enumerate(said):
        free = ", ".join(p for p in _parts(sentence) if p not in fielded)
        if not free:
            continue
        parts = _parts(free)
        if about_someone_else(free, elsewhere):  # "Raj (CEO) will decide", Raj not our contact
            questions = [q for q in flow.questions if q.criterion not in ROLE_CRITERIA]
        else:
            questions = list(flow.questions)
        if HEDGED.search(fold(free)):
            # "not sure if she decides, will find out": it says "we don't know" where that
            # is an answer; its other parts say the rest, for the SDR to confirm
            for part in parts:
                hedged = bool(HEDGED.search(fold(part)))
                for question in questions:
                    alone = about(question, as_said_of(question, part), reply(question, part),
                                  others) if question.kind is not Kind.TEXT else None
                    if alone is None or alone.choice is None:
                        continue
                    if not hedged:
                        alone = alone.weaker(Confidence.LIKELY)
                    elif alone.choice.id != _unknown(question, today):
                        continue
                    found.setdefault(question.id, []).append((alone, part))
            continue
        for question in questions:
            if question.kind is Kind.TEXT:
                continue
            text_of = as_said_of(question, free)
            kept = about(question, text_of, reply(question, free), others, opening=number == 0)
            if kept is not None:
                found.setdefault(question.id, []).append(
                    (kept, _source(question, free, kept, today)))
            elif len(parts) > 1:  # "budget is zero this year, they might revisit in 2028"
                for part in parts:
                    alone = about(question, as_said_of(question, part), reply(question, part),
                                  others,
                                  opening=number == 0 and part == parts[0])
                    if alone is not None:
                        found.setdefault(question.id, []).append((alone, part))
    _limited(flow, said, found, today)
    out = []
    for question in flow.questions:
        readings = found.get(question.id, [])
        choices = {r.choice.id for r, _ in readings if r.choice is not None}
        if len(choices) != 1:
            continue  # nothing said, or two answers: asked in the conversation
        best = max(readings, key=lambda rp: rp[0].confidence is Confidence.SURE)
        out.append(Filled(question, best[0], best[1]))
    return tuple(out)


_CONTACT_FIELD = re.compile(r"(?i)\s*(?:primary |main )?(?:contact|title|role|contact role"
                            r"|job title|position)\s*(?::|=|->|–|—)")


def _by_title(question: Question, value: str) -> bool:
    """A field's value read only as a job title ("CFO Maria Chen")."""
    return evidence(question, value).best() is Strength.TITLE


def _unknown(question: Question, today: date) -> str | None:
    """The answer that means "we don't know yet", if the question has one."""
    reading = read_reply(question, "no idea yet", today=today)
    return reading.choice.id if reading.sure and reading.choice is not None else None


def _limited(flow: Flow, said: list[tuple[str, list[Limit]]],
             found: dict[str, list[tuple[Reading, str]]], today: date) -> None:
    """A deal within the contact's signing limit: the contact signs, proposed."""
    amounts = deal_amounts([s for s, _ in said])
    for _, found_limits in said:
        for limit in found_limits:
            if limit.over_goes_elsewhere or within(limit, amounts) is not True:
                continue  # over the limit, or nothing to compare: it says nothing
            for question in flow.questions:
                if question.kind not in (Kind.CHOICE, Kind.YES_NO) or question.id in found:
                    continue
                reading = read_reply(question, "signs", today=today)
                top = max(question.choices, key=lambda c: c.points)
                if reading.choice is not None and reading.choice.id == top.id:
                    found[question.id] = [(reading.weaker(Confidence.LIKELY), limit.words)]


def _source(question: Question, sentence: str, reading: Reading, today: date) -> str:
    """The first part of the sentence that reads as the same answer on its own (for a
    timeframe, the whole sentence: a part alone may lose the words that date it)."""
    parts = [p.strip() for p in PART.split(sentence) if p and p.strip()]
    if len(parts) > 1 and reading.choice is not None:
        for part in parts:
            alone = read_reply(question, part, today=today) \
                if question.kind is not Kind.TIMEFRAME else None
            if alone is not None and alone.choice is not None \
                    and alone.choice.id == reading.choice.id:
                return part
    return sentence


__all__ = ["Filled", "read_notes", "sentences"]
