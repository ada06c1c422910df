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

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flows.model import Choice, Flow, Kind, Question
from flows.reading.choices import evidence
from flows.reading.doubts import (
    contact_pronoun,
    decided_elsewhere,
    forming,
    forming_now,
    not_this_budget,
    not_whom_paid,
    other_pronoun,
    undated,
    unpriced,
)
from flows.reading.fields import (
    CONTACT_FIELD,
    FIELD,
    NOT_SAID,
    PART,
    WHO_FIELD,
    by_title,
    contact_decides,
    fields,
    in_english,
    names_someone_else,
    yes_no_field,
)
from flows.reading.figures import at_most, measured
from flows.reading.lexicon import Strength
from flows.reading.limits import Limit, deal_amounts, limits, within
from flows.reading.people import (
    ROLE_CRITERIA,
    about_someone_else,
    contact_title,
    of_theirs,
    other_people,
)
from flows.reading.reply import read_reply
from flows.reading.result import Confidence, Reading
from flows.reading.statements import HEDGED, ZERO, about, as_said_of, cued
from flows.text import fold

MAX_NOTES = 10_000  # characters of notes read
_ABBREVIATIONS = ("Mr", "Ms", "Dr", "Mrs", "vs", "Dir", "Sr", "Jr", "Mgr", "Gen", "Inc", "Co",
                  "Ltd", "Dept", "Asst", "approx", "St", "Mt", "e.g", "i.e", "est", "ca")
_SENTENCE = re.compile(r"\n+|" + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATIONS)
                       + r"(?<=[.!])\s+(?=\S)|;|\s\|\s|\s[•*]\s|^\s*[-–—•*]\s*", re.M)


@dataclass(frozen=True)
class Filled:
    """An answer the notes state: the reading, and the words it was read in."""

    question: Question
    reading: Reading
    sentence: str


def sentences(text: str) -> list[str]:
    parts = [" ".join(p.split()) for p in _SENTENCE.split(text[:MAX_NOTES])]
    return [p.strip(" .") for p in parts if p and p.strip(" .")]


# A part that is only an act of deciding, and one before it that names someone of the
# contact's ("her boss, the VP Ops, signs")
_DECIDES = re.compile(r"(?i)(?:signs|decides|approves|signs off|has (?:the )?(?:final|last) "
                      r"(?:say|word)|makes the (?:final )?call|holds the (?:budget|purse)"
                      r"|owns the budget|controls the budget)\b")
_THIRD = re.compile(r"(?i)(?:her|his|their)\s+\w+")


# "but" before a new subject: "she influences but the owner (her dad) decides" says two
# things of two people
_BUT_THEN = re.compile(r"\s+but\s+(?=(?:the|their|her|his|our)\s+\w+|(?:he|she|they|it)\b"
                       r"|[A-Z][a-z]+\s+(?:\([^)]*\)\s+)?[a-z]+s\b)")


_NAME_DECIDES = re.compile(r"(?P<name>[A-Z][a-z]+)\s+(?:\([^)]*\)\s+)?(?:" + _DECIDES.pattern[4:]
                           + ")")


def _named_other_decides(part: str, contact: str) -> bool:
    """ "Mark signs" in notes on Sarah: someone named, not the contact, deciding."""
    found = _NAME_DECIDES.match(part)
    return found is not None and found["name"] not in {"She", "He", "They", "Who", "It"} \
        and not re.search(rf"\b{found['name']}\b", contact)


def _parts(sentence: str, *, people: bool = False) -> list[str]:
    """The parts of a sentence; "…, who signs" stays with the one it is said of. Of
    ``people`` (who decides), "she influences but the owner decides" is two parts."""
    out: list[str] = []
    pieces = [q for p in PART.split(sentence) if p
              for q in (_BUT_THEN.split(p) if people else [p])]
    for part in (p.strip() for p in pieces if p and p.strip()):
        if out and re.match(r"(?i)(?:who|whom|whose|which)\b", part):
            out[-1] = f"{out[-1]}, {part}"
        elif out and _DECIDES.match(part) and (_THIRD.match(out[-1]) or len(out) > 1 and (
                _THIRD.match(out[-2]) and re.match(r"(?i)the\s", out[-1]))):
            out[-1] = f"{out[-1]} {part}"  # "her boss, the VP Ops, signs": the boss signs
        else:
            out.append(part)
    return out


def read_notes(flow: Flow, text: str, *, today: date) -> tuple[Filled, ...]:
    def reply(question: Question, said: str) -> Reading:
        reading = read_reply(question, as_said_of(question, said), today=today,
                             fiscal_year_start=flow.fiscal_year_start)
        reading = at_most(question, said, measured(question, said, reading))
        if reading.choice is None and len(reading.near) == 1:
            # Hedged or turned, yet pointing at one answer ("deal maybe 25-30k"): in notes it
            # is proposed for the SDR to confirm, never filled.
            return Reading.of(said, reading.near[0], Confidence.LIKELY, "")
        return reading

    found: dict[str, list[tuple[Reading, str]]] = {}
    fielded: set[str] = set()  # parts that were fields: not read again as free sentences
    # a field's name is its topic, no answer: "Decider: VP Sales" is read as "VP Sales"
    topic: dict[tuple[str, str], str] = {}
    # a labelled part, and the parts after it, speak first of its label's questions: "C:
    # their KB is a mess, that's us" is no plan where "P: nothing decided" says what it is
    owned: dict[str, set[str]] = {}
    borrowed: dict[str, set[int]] = {}  # where readings of parts labelled for others start
    strayed: dict[str, set[int]] = {}  # …of parts labelled for questions of another topic
    answered: set[tuple[str, str]] = set()  # (question, part) a field answered it with
    labelled: dict[str, set[int]] = {}  # readings of a field's own value
    said: list[tuple[str, list[Limit]]] = [limits(s) for s in sentences(_undoubted(text))]
    # who the notes were taken on: their opening, and any line that names the contact
    # (of a contact line, its first part: "Role: Sarah Lin, Controller – recommends to CFO
    # (Mark)" names Sarah, and Mark is someone else)
    contact = " ".join([s for s, _ in said[:1] if not CONTACT_FIELD.match(s)]
                       + [PART.split(s)[0] for s, _ in said if CONTACT_FIELD.match(s)])
    # …and the titles the notes introduce them by ("Contact: Ana Díaz, jefa de compras")
    introduced = " ".join([s for s, _ in said[:1]]
                          + [s for s, _ in said if CONTACT_FIELD.match(s)])
    for sentence, _ in said:
        for question, value, part, rest in fields(flow, sentence):
            if FIELD.match(part):
                topic.setdefault((question.id, part), value)
                for piece in (part, *rest):
                    owned.setdefault(piece, set()).add(question.id)
            if rest and part not in fielded:
                whole = _unsure_after(question, reply(question, ", ".join([value, *rest])),
                                      rest, today)
                bare = question.kind is Kind.YES_NO \
                    and fold(rest[-1]).strip(" .!") in _BARE_YES_NO
                if bare:  # "EB: CFO Mr. Rashid joined for 10 min, yes": the field's own yes
                    whole = reply(question, rest[-1])
                if _decider_apart(question, part, value, rest, whole):
                    # "Authority: Greg Tate, MP, decides, Lisa (our contact) will bring him"
                    fielded.add(part)
                    answered.update((question.id, p) for p in rest)
                    elsewhere_choice = _elsewhere(question)
                    if elsewhere_choice is not None:
                        found.setdefault(question.id, []).append(
                            (Reading.of(value, elsewhere_choice, Confidence.SURE, ""),
                             ", ".join([part, *rest])))
                    continue
                if whole.choice is not None and (bare or not by_title(question, value)):
                    labelled.setdefault(question.id, set()).add(len(found.get(question.id, [])))
                    found.setdefault(question.id, []).append((whole, ", ".join([part, *rest])))
                    # ("Role: recommender, CFO (Dan) has final say": the field has said it
                    # with its last parts, which say nothing more of it alone)
                    answered.update((question.id, p) for p in rest)
                    if reply(question, value).choice is not None:
                        fielded.add(part)  # else its words may speak of another question
                    for sized, amount in _amount_in_status(flow, question,
                                                           ", ".join([value, *rest]), reply):
                        # "Budget: funded, CA$90k approved": the amount the deal is worth
                        found.setdefault(sized.id, []).append((amount, ", ".join([part, *rest])))
                    continue
            if part in fielded:
                continue  # "Budget: approved" answered the budget question, not the size
            if fold(value).strip(" ?!.") in NOT_SAID or not fold(value).strip(" ?!."):
                fielded.add(part)  # "Criteria: unclear": a field that says nothing yet
                unknown = _unknown(question, today) if question.kind is not Kind.YES_NO \
                    and fold(value).strip(" ?!.") in _UNKNOWN else None
                if unknown is not None:  # "Criteria: unknown" where that is an answer
                    choice = next(c for c in question.choices if c.id == unknown)
                    labelled.setdefault(question.id, set()).add(len(found.get(question.id, [])))
                    found.setdefault(question.id, []).append(
                        (Reading.of(value, choice, Confidence.SURE, fold(value)), part))
                continue
            if question.kind in (Kind.MONEY, Kind.NUMBER) and ZERO.search(fold(value)):
                fielded.add(part)  # "Amount: $0.00": a CRM field nobody filled in
                continue
            reading = reply(question, value)
            if reading.choice is None and (english := in_english(value)):
                reading = reply(question, english)  # "Piano: nessuno", "Besoin : oui"
                if reading.choice is None and question.kind in (Kind.CHOICE, Kind.YES_NO):
                    reading = yes_no_field(question, english, reading)
            if reading.choice is None and question.kind is Kind.CHOICE:
                reading = yes_no_field(question, value, reading)
            if reading.choice is None and question.criterion in ROLE_CRITERIA \
                    and contact_decides(part, value):
                reading = reply(question, "she decides")  # "Decide: lei", "DM: him"
            if reading.choice is None and question.kind is Kind.CHOICE \
                    and _NOTHING_YET.fullmatch(fold(value).strip(" .!")):
                # "Plan: nothing decided", "P: nothing yet, open to ideas": none so far
                reading = reply(question, "none").weaker(Confidence.LIKELY)
            if reading.choice is None and question.kind is Kind.CHOICE \
                    and question.criterion not in ROLE_CRITERIA:
                # ("Decider: VP Sales" names who decides, not that our contact does)
                reading = reply(question, _with_name(part, value))
            if reading.choice is None and FIELD.match(part):
                # "Criteria: price + support, nothing special for us": criteria they named
                reading = _criteria_named(question, value, reading)
            if reading.choice is None and question.kind is Kind.CHOICE:
                # "Budget approved for the RFP: 500k": the name says it, the value may say more
                name = part[:len(part) - len(part.lstrip())] + FIELD.match(part)["name"] \
                    if FIELD.match(part) else ""
                named = reply(question, name) if len(name.split()) > 1 and "?" not in part \
                    else Reading.unclear(part)
                if named.choice is not None:
                    found.setdefault(question.id, []).append((named, part))
                continue
            if reading.choice is None and question.kind is Kind.YES_NO and FIELD.match(part):
                reading = _described(question, ", ".join([value, *rest]))
            if reading.choice is None:
                continue
            if question.criterion in ROLE_CRITERIA and by_title(question, value) \
                    and names_someone_else(part, value, contact):
                # "Decides: Executive Director Ito": someone else decides, at most proposed
                elsewhere_choice = next((c for c in question.choices
                                         if "someone_else_decides" in c.means), None)
                fielded.add(part)
                if elsewhere_choice is not None:
                    found.setdefault(question.id, []).append(
                        (Reading.of(value, elsewhere_choice, Confidence.LIKELY, ""), part))
                continue
            if by_title(question, value) and question.kind is Kind.YES_NO:
                fielded.add(part)  # "EB = CFO Maria Chen" says who, not whether we met
                continue
            if by_title(question, value) and not CONTACT_FIELD.match(part):
                reading = reading.weaker(Confidence.LIKELY)  # "A: VP Support": who decides
                if question.criterion in ROLE_CRITERIA and WHO_FIELD.match(part) \
                        and reading.choice.points == max(c.points for c in question.choices) \
                        and introduced.strip() and fold(reading.how) not in fold(introduced):
                    # "Decide: gerente general" where the contact is the warehouse head:
                    # someone else decides, proposed
                    fielded.add(part)
                    elsewhere_choice = _elsewhere(question)
                    if elsewhere_choice is not None:
                        found.setdefault(question.id, []).append(
                            (Reading.of(value, elsewhere_choice, Confidence.LIKELY, ""), part))
                    continue
            labelled.setdefault(question.id, set()).add(len(found.get(question.id, [])))
            found.setdefault(question.id, []).append((reading, part))
            fielded.add(part)
            for sized, amount in _amount_in_status(flow, question, value, reply):
                # "Budget: €55k approved": the status, and the amount the deal is worth
                found.setdefault(sized.id, []).append((amount, part))
    others = list(flow.questions)
    elsewhere = other_people(text)
    contact_is = contact_pronoun(text)
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
                    if (question.id, part) in answered:
                        continue
                    alone = about(question, as_said_of(question, part), reply(question, part),
                                  others) if question.kind is not Kind.TEXT else None
                    if alone is None or alone.choice is None:
                        continue
                    if not hedged:
                        alone = alone.weaker(Confidence.LIKELY)
                    elif alone.choice.id != _unknown(question, today) \
                            or not cued(question, part):
                        continue  # "not sure who'd champion" is no word of the criteria
                    found.setdefault(question.id, []).append((alone, part))
            continue
        of_people = _parts(free, people=True)
        for question in questions:
            if question.kind is Kind.TEXT or (
                    question.criterion in _MONEY_TOPICS and _RIVALS_LINE.match(sentence)):
                continue  # "Competitors: Jobber (too expensive per Greg)": their price
            mine = [topic.get((question.id, p), p)
                    for p in (of_people if question.criterion in ROLE_CRITERIA else parts)
                    if (question.id, p) not in answered and not (
                        question.criterion in ROLE_CRITERIA and (
                            other_pronoun(p, contact_is) or about_someone_else(p, elsewhere)
                            or _named_other_decides(p, contact)
                            or (of_theirs(p) and _elsewhere(question) is None)))
                    and not (question.criterion not in ROLE_CRITERIA and _a_title(flow, p)
                             and not by_title(question, p))
                    and not (question.criterion not in ROLE_CRITERIA and _WHO_THEY_ARE.match(p))]
            if not mine:
                continue
            at = len(found.get(question.id, []))
            free_q = ", ".join(mine)
            text_of = as_said_of(question, free_q)
            kept = about(question, text_of, reply(question, free_q), others,
                         opening=number == 0)
            kept = _known_unknown(question, free_q, kept, today)
            kept = None if _said_of_another(question, free_q, kept, flow) \
                or _when_wanted(question, free_q, kept, flow, reply) \
                or _none_beyond(free_q, kept) or _how_not_when(question, free_q, kept) else kept
            if kept is None and question.kind is Kind.TIMEFRAME and _TERSE_TIME.fullmatch(
                    fold(free_q).strip()):
                # "CISO, DM. funded. within 6 mo.": a time alone between terse items
                kept = reply(question, free_q).weaker(Confidence.LIKELY)
                kept = None if kept.choice is None else kept
            if kept is None:
                kept = _quoted_goal(question, free_q)  # goal is "less chaos": vague
            if kept is None and (tail := _verdict(free_q)):
                # "tracking is us, temp sensors aren't -> partial fit": the SDR's verdict
                kept = about(question, tail, reply(question, tail), others)
                kept = _known_unknown(question, tail, kept, today)
            # "budget not there yet, they're formulating it with finance": being made now
            being_made = [r for r in (forming_now(question, p) for p in [*mine, free_q])
                          if r is not None] if question.kind is Kind.CHOICE else []
            if being_made and (kept is None or kept.choice != being_made[0].choice):
                found.setdefault(question.id, []).append((being_made[0], being_made[0].typed))
            acts = [p for p in mine if _contact_acts(p, contact_is, contact, elsewhere)] \
                if kept is None and question.criterion in ROLE_CRITERIA else []
            if acts:
                # "She influences", "Tyrone doesn't decide, owner (Denise) does": the
                # contact's own act, in words too short to be sure of
                kept = reply(question, acts[0]).weaker(Confidence.LIKELY)
                kept = None if kept.choice is None else kept
            if kept is not None:
                found.setdefault(question.id, []).append(
                    (kept, _source(question, free_q, kept, today)))
            elif len(mine) > 1:  # "budget is zero this year, they might revisit in 2028"
                for part in mine:
                    alone = about(question, as_said_of(question, part), reply(question, part),
                                  others, opening=number == 0 and part == mine[0],
                                  context=as_said_of(question, free_q))
                    alone = _known_unknown(question, part, alone, today)
                    if alone is not None:
                        found.setdefault(question.id, []).append((alone, part))
            if any(_sibling_of(question, _owners(p, owned), flow) for p in parts):
                # a line labelled for a question on the same topic answers this one only
                # outright: "Problem: …, they need a system", not "…, the spreadsheet works"
                found[question.id] = [r for n, r in enumerate(found.get(question.id, []))
                                      if n < at or r[0].sure]
            if any((owners := _owners(p, owned)) and question.id not in owners for p in parts):
                borrowed.setdefault(question.id, set()).update(
                    range(at, len(found.get(question.id, []))))
                if not any(_kin(question, _owners(p, owned), flow) for p in parts):
                    strayed.setdefault(question.id, set()).update(
                        range(at, len(found.get(question.id, []))))
    _limited(flow, said, found, today)
    for question in flow.questions:
        if question.id not in found and (by := _user_title(question, said)) is not None:
            found[question.id] = [by]  # "Contact: Priya S., Inventory Analyst": proposed
    out = []
    for question in flow.questions:
        readings = _own_first(found.get(question.id, []), borrowed.get(question.id, set()),
                              labelled.get(question.id, set()), strayed.get(question.id, set()))
        readings = not_whom_paid(not_this_budget(question, readings))
        readings = [(r, s) for r, s in readings if not _own_title(
            question, r, s, next((whole for whole, _ in said if s in whole), s))]
        readings = _acts_over_titles(question, readings)
        readings = [(_in_our_favour(question, r, s), s) for r, s in readings]
        choices = {r.choice.id for r, _ in readings if r.choice is not None}
        if len(choices) != 1:
            continue  # nothing said, or two answers: asked in the conversation
        best = max(readings, key=lambda rp: rp[0].confidence is Confidence.SURE)
        best = unpriced(question, undated(question, forming(question, best,
                                                            [s for s, _ in said])))
        if decided_elsewhere(question, best, [s for s, _ in said]):
            best = (best[0].weaker(Confidence.LIKELY), best[1])
        out.append(Filled(question, *best))
    return tuple(out)


# The contact named apart from the one a field names: "Lisa (our contact, COO) will bring him"
_OUR_CONTACT_NAMED = re.compile(r"(?i)\(\s*(?:our|my|the) (?:main )?contact\b|\b(?:our|my) "
                                r"(?:main )?contact\s+(?:[A-Z][a-z]+\s+)?(?:will|would"
                                r"|is going to|can|to)\b")


def _elsewhere(question: Question) -> Choice | None:
    """The answer "someone else decides", where the question has one."""
    return next((c for c in question.choices if "someone_else_decides" in c.means), None)


def _decider_apart(question: Question, part: str, value: str, rest: list[str],
                   reading: Reading) -> bool:
    """ "Authority: Greg Tate, MP, decides, Lisa (our contact, COO) will bring him": a who-
    decides field naming someone, with the contact named apart as another person."""
    if question.criterion not in ROLE_CRITERIA or reading.choice is None \
            or reading.choice.points < max(c.points for c in question.choices):
        return False
    return bool(re.match(r"\s*(?:[A-Z][a-z]+\.?\s*){1,3}", value)) and not re.match(
        r"\s*(?:She|He|They|Our|My|The|Contact)\b", value) \
        and bool(_OUR_CONTACT_NAMED.search(", ".join(rest)))


# Someone named by their title deciding: "CFO signs", "the owner has the final say"
_SOMEONE_DECIDES = re.compile(
    r"(?i)\b(?:ceo|cfo|coo|cto|cio|cro|gm|md|fd|owner|owners|board|boss|founder|president"
    r"|partners?|director|vp(?:\s+\w+)?|head of \w+|committee|manager)\s+(?:\([^)]*\)\s+)?"
    r"(?:has|holds?|makes?|decides?|signs?|approves?|owns?|will (?:decide|sign|approve))\b")


def _user_title(question: Question,
                said: list[tuple[str, list[Limit]]]) -> tuple[Reading, str] | None:
    """ "Contact: Priya S., Inventory Analyst", "spoke w/ Dee, AP supervisor": where nothing
    else says what part the contact plays, a title that usually uses the product rather
    than buys it proposes the user's answer (never where another title is the contact's)."""
    if question.criterion not in ROLE_CRITERIA or question.kind is not Kind.CHOICE:
        return None
    user = next((c for c in question.choices if "end_user" in c.means), None)
    if user is None:
        return None
    if not any(_SOMEONE_DECIDES.search(s) for s, _ in said):
        return None  # ("Olivia, office manager at a 9-person firm" may well decide)
    introducing = [s for s, _ in said[:1]] + [s for s, _ in said[1:] if CONTACT_FIELD.match(s)]
    for sentence in introducing:
        head = PART.split(sentence)[:3]
        for part in head:
            ev = evidence(question, part)
            hits = [h for h in ev.kept() if h.choice == user.id and h.strength is Strength.KEYWORD
                    and contact_title(", ".join(head), h.words, opening=True)]
            if hits and not any(h.choice != user.id for h in ev.found) and not ev.hedged:
                return Reading.of(part, user, Confidence.LIKELY, hits[0].words), part
    return None


# A part that says who the contact is: "Contact is a consultant helping them pick" names
# the person, no plan of theirs (only the questions of the contact's part read it)
_WHO_THEY_ARE = re.compile(r"(?i)\s*(?:our |my |the )?(?:main )?contact\s+(?:is|was|=)\s+(?:a|an"
                           r"|their|the)\s+(?!(?:\w+\s+)?(?:and|but)\b)[a-z]+(?:\s+[a-z]+)?"
                           r"(?:\s+(?:helping|working|hired|brought|from|at|for|who)\b[^,;]*)?$")


# A span from now, said alone: "within 6 mo", "in 3-4 months", "Q1", "asap" (not a bare
# month, as often the day of a follow-up)
_TERSE_TIME = re.compile(r"(?:(?:in|within|next|by|~|about|approx)\s*)?\d+\s*(?:-\s*\d+\s*)?"
                         r"(?:days?|weeks?|wks?|months?|mos?|m|years?|yrs?)|(?:by |in )?"
                         r"(?:q[1-4]|h[12])(?:\s*'?\d{2,4})?|asap|eo[ymq]|this (?:quarter|year)")


# The contact's pronoun or name and one or two words: "She influences", "Vikram recommends"
_CONTACT_ACTS = re.compile(r"(?:[Ss]he|[Hh]e|(?P<name>[A-Z][a-z]+))\s+[a-z']+(?:\s+[a-z']+)?")


def _contact_acts(part: str, contact_is: str | None, contact: str, elsewhere: set[str]) -> bool:
    """A short part whose subject is the contact: their pronoun, or the name the notes
    introduced them by ("Call – Vikram Desai, GM Projects" … "Vikram recommends")."""
    found = _CONTACT_ACTS.fullmatch(part)
    if found is None:
        return False
    if found["name"]:
        name = found["name"]
        return name not in elsewhere and bool(re.search(rf"\b{name}\b", contact))
    return contact_is is not None and part.split()[0].lower() == contact_is


# A field's value saying that it is not known (not that it was not asked: "tbd", "unclear")
_UNKNOWN = {"unknown", "unknown yet", "not known", "unknown so far", "no idea"}


def _a_title(flow: Flow, part: str) -> bool:
    """A part that is someone's job title ("GM Projects", "Budget Analyst"): it names a
    person, and says nothing of a project or a budget (only of questions whose answers
    titles name, such as who decides)."""
    return len(part.split()) <= 4 and any(
        by_title(q, part) for q in flow.questions
        if q.criterion in ROLE_CRITERIA and q.kind is not Kind.TEXT)


def _acts_over_titles(question: Question,
                      readings: list[tuple[Reading, str]]) -> list[tuple[Reading, str]]:
    """ "Vikram Desai, GM Projects" and "Vikram recommends": what the contact does says
    more of their part in the decision than their title; proposed, as the notes differ."""
    if question.criterion not in ROLE_CRITERIA \
            or len({r.choice.id for r, _ in readings if r.choice is not None}) < 2:
        return readings
    acts = [(r, s) for r, s in readings if not by_title(question, s)]
    if len({r.choice.id for r, _ in acts if r.choice is not None}) != 1:
        return readings
    return [(r.weaker(Confidence.LIKELY), s) for r, s in acts]


def _own_title(question: Question, reading: Reading, part: str, sentence: str) -> bool:
    """ "Anna Lindqvist, Head of QA": the contact's own title, read as "someone else we
    know decides" only because a title in a reply names that someone."""
    if question.criterion not in ROLE_CRITERIA or reading.choice is None \
            or "someone_else_decides" not in reading.choice.means \
            or len(part.split()) > 5 or _ACTS.search(part):
        return False
    how = " ".join(reading.how.split())
    return bool(how) and how in fold(sentence) and contact_title(sentence, how, opening=False)


_ACTS = re.compile(r"(?i)\b(?:not|no|decid\w*|sign\w*|dm|approv\w*|say|call|owns?|holds?"
                   r"|controls?|budget|is|are)\b|[:=]")


# Yes/no questions a field answers "yes" by naming the thing: a cost of doing nothing, a
# champion, a personal win (not a metric: "reduce incidents" is a vague one)
_NAMED_IS_YES = {"consequences", "champion", "implications"}
_NOT_NAMED = re.compile(r"\b(?:no|none|not|nothing|nobody|no one|n/a|na|nil|unclear|unsure|maybe"
                        r"|might|seems?|perhaps|possibly|too early|tbd|tbc|unknown|dunno|idk)\b"
                        r"|\?")


def _described(question: Question, value: str) -> Reading:
    """ "Doing nothing: rework ~¥80M/yr", "Champion: Adaeze, already pitching us": a
    yes/no field whose value names the thing says "yes", proposed."""
    yes = max(question.choices, key=lambda c: c.points)
    folded = fold(value)
    if question.criterion not in _NAMED_IS_YES or _NOT_NAMED.search(folded) \
            or HEDGED.search(folded) or len(folded.split()) < 2:
        return Reading.unclear(value)
    return Reading.of(value, yes, Confidence.LIKELY, "")


def _amount_in_status(flow: Flow, question: Question, value: str,
                      reply: Callable[[Question, str], Reading]) -> list[tuple[Question, Reading]]:
    """A budget status field with an amount in it ("Budget: €55k approved"): the amount,
    for the flow's money question on the budget or the deal's size."""
    if question.kind is not Kind.CHOICE or question.criterion != "budget" \
            or not re.search(r"\d", value):
        return []
    out = []
    for sized in flow.questions:
        if sized.kind is Kind.MONEY and sized.criterion in ("size", "money", "budget"):
            # (no other question's topic to give way to: the field says it is the budget)
            amount = about(sized, value, reply(sized, value), [])
            if amount is not None and amount.choice is not None:
                out.append((sized, amount))
    return out


# What vendors are compared on, named in a criteria field: "price + support FR"
_CRITERIA_NAMED = re.compile(r"\b(?:price|prices|pricing|cost|costs|prix|prezzo|precio|preco|cena"
                             r"|support|integrations?|integration|ease of use|ux|ui|security"
                             r"|hosting|references?|features?|functionality|reporting|api|sla"
                             r"|uptime|local|language|onboarding|implementation|roi|tco"
                             r"|compliance|gdpr|offline|mobile)\b")


def _criteria_named(question: Question, value: str, reading: Reading) -> Reading:
    """ "Criteria: price + support FR": a criteria field whose value names what they will
    compare on says the criteria are known (neutral: nothing says they favour us);
    proposed."""
    known = next((c for c in question.choices if "criteria_neutral" in c.means), None)
    folded = fold(value)
    if known is None or question.criterion != "decision criteria" \
            or not _CRITERIA_NAMED.search(folded) or _NOT_NAMED.search(folded) \
            or HEDGED.search(folded):
        return reading
    return Reading.of(value, known, Confidence.LIKELY, "")


_NOTHING_YET = re.compile(r"(?:nothing|none|no one|nobody) (?:yet|so far|decided|decided yet"
                         r"|in place|as yet|at the moment|right now|for now)")


def _said_of_another(question: Question, sentence: str, reading: Reading | None,
                     flow: Flow) -> bool:
    """ "he's the champion for sure": a yes or no that names another yes/no question's
    topic and not this one's answers that one only (not the metrics question)."""
    return reading is not None and question.kind is Kind.YES_NO \
        and not cued(question, sentence) and any(
            other is not question and other.kind is Kind.YES_NO and cued(other, sentence)
            for other in flow.questions)


def _when_wanted(question: Question, sentence: str, reading: Reading | None, flow: Flow,
                 reply: Callable[[Question, str], Reading]) -> bool:
    """ "Want it live by April": read as a clear need only through "want it", words of the
    timing question, which reads the sentence as a time; it says when, not whether."""
    if reading is None or reading.choice is None or question.kind is Kind.TIMEFRAME:
        return False
    how = " ".join(fold(reading.how).split())
    return any(how in {fold(c) for c in timed.cues} and reply(timed, sentence).choice is not None
               for timed in flow.questions if timed.kind is Kind.TIMEFRAME)


# "no goal beyond 'be safer'", "no plan other than hiring": there is one, a small one
_NONE_BEYOND = re.compile(r"\bno (?:real |clear |specific |formal )?\w+ (?:beyond|other than"
                          r"|except|apart from|besides)\b")


def _none_beyond(sentence: str, reading: Reading | None) -> bool:
    return reading is not None and reading.choice is not None \
        and bool(_NONE_BEYOND.search(fold(sentence))) \
        and fold(reading.how).split()[:1] in (["no"], ["not"], ["none"])


# A goal given only in the contact's quoted words: 'goal is "less chaos"'
_QUOTED_GOAL = re.compile(r"\b(?:goal|goals|objective|objectives|aim)\s*(?:is|are|was|:|=|-)?\s*"
                          r"(?:to\s+)?[\"“'‘]([^\"”'’\d]{2,40})[\"”'’]\s*$")


def _quoted_goal(question: Question, part: str) -> Reading | None:
    """ 'goal is "less chaos"': a goal in the contact's words with no number in them is a
    goal, not quantified; proposed where a question has that answer."""
    vague = next((c for c in question.choices if "goal_vague" in c.means), None)
    found = _QUOTED_GOAL.search(part.strip(" .!"))
    if vague is None or found is None:
        return None
    return Reading.of(part, vague, Confidence.LIKELY, "")


# We meet what they ask: "multi-state tax + union rules, which we handle well", "both us"
_FAVOURS_US = re.compile(r"\b(?:which|that|all things|everything) we (?:handle|do|cover|meet|tick)"
                         r"|\bwe (?:fit|meet|tick|cover) (?:almost |nearly )?(?:all|every|most)"
                         r"|\b(?:both|all (?:of them|three|four)?) (?:us|ours)\b|\bfits? us\b"
                         r"|\b(?:in our favou?r|favou?rs? us|our strengths?)\b")


_NEGATED = re.compile(r"\b(?:no|not|nothing|none|neither|nor|doesnt|dont|isnt|arent|never)\b")


def _in_our_favour(question: Question, reading: Reading, sentence: str) -> Reading:
    """ "DC: RFP w/ criteria, multi-state tax + union rules, which we handle well": written
    criteria that we meet are criteria that favour us; proposed, as the notes do not say
    how the rivals fare."""
    favour = next((c for c in question.choices if "criteria_favour" in c.means), None)
    folded = fold(sentence)
    found = _FAVOURS_US.search(folded)
    if favour is None or reading.choice is None or "criteria_neutral" not in reading.choice.means \
            or found is None or _NEGATED.search(folded[max(0, found.start() - 30):found.start()]):
        return reading  # ("nothing that especially favors us": neutral)
    return Reading.of(reading.typed, favour, Confidence.LIKELY, reading.how)


_BARE_YES_NO = {"yes", "no", "y", "n", "yep", "nope", "yes confirmed", "confirmed"}


# A line on the rivals: what it says of price or money is theirs, not this deal's budget
_RIVALS_LINE = re.compile(r"(?i)\s*(?:competitors?|competition|rivals?|alternatives?"
                          r"|other vendors?|also (?:looking at|evaluating))\s*(?::|=|->|–|—|-)")
_MONEY_TOPICS = {"budget", "money", "size"}


def _verdict(sentence: str) -> str:
    """What a sentence concludes after its last arrow, in a few words: "… -> partial fit"."""
    if not re.search(r"->|=>|→|\(\s*=", sentence):
        return ""
    tail = re.split(r"->|=>|→|\(\s*=", sentence)[-1].strip(" .!)")
    if fold(tail) in ("us", "ours", "that s us", "thats us"):
        return "fits us"  # "a cloud PMS w/ billing (= us)": what we sell
    return tail if 1 <= len(tail.split()) <= 3 else ""


def _with_name(part: str, value: str) -> str:
    """A field's short value said with its name: "Need: clear" is "clear need", "Pain:
    severe (audit)" is "severe pain"; a longer value speaks for itself."""
    bare = re.sub(r"\s*\([^)]*\)", " ", value).strip()
    found = FIELD.match(part)
    name = (found["name"] if found else part.split()[0]).strip()
    if "?" in part or re.search(r"\d", bare) or len(name.split()) > 2:
        return ""  # "budget approved? she laughed": asked; "Budget approved for X: 5k"
    return f"{bare} {name}" if 1 <= len(bare.split()) <= 2 else ""


# Questions on one topic: a line labelled for one of them is no answer to the others
# ("Problem: none admitted, the spreadsheet works" says nothing of the need question)
_FAMILIES = ({"need", "pain", "business problem", "challenges"},
             {"role", "authority", "economic buyer"},
             {"timing", "urgency", "timeline", "decision process"})


def _sibling_of(question: Question, owners: set[str], flow: Flow) -> bool:
    if not owners or question.id in owners:
        return False
    family = next((f for f in _FAMILIES if question.criterion in f), set())
    return any(q.criterion in family for q in flow.questions if q.id in owners)


# Topics whose questions one labelled line may answer together ("Budget: 30k left this
# year" gives the budget and the deal's size; "Problem: …, they need a system" the need)
_KIN = (*_FAMILIES, {"budget", "money", "size"})


def _kin(question: Question, owners: set[str], flow: Flow) -> bool:
    family = next((f for f in _KIN if question.criterion in f), {question.criterion})
    return any(q.criterion in family for q in flow.questions if q.id in owners)


def _owners(part: str, owned: dict[str, set[str]]) -> set[str]:
    """The questions a part of a sentence is labelled for ("Challenge: …, which is us")."""
    return set().union(*(ids for key, ids in owned.items() if part.startswith(key)))


def _own_first(readings: list[tuple[Reading, str]], borrowed: set[int],
               labelled: set[int], strayed: set[int]) -> list[tuple[Reading, str]]:
    """A question's readings, without those of parts labelled for other questions where
    its own statements answer it (only such readings: proposed); and where its own field
    says it outright ("Metric: none yet"), without what other sentences only hint at."""
    own = [at for at in range(len(readings)) if at not in borrowed]
    if not own:
        # only parts labelled for other questions speak of it: the label says what a line
        # answers, so one labelled for another topic ("budget: 400k this year" for the
        # priority question) is only proposed
        return [(r.weaker(Confidence.LIKELY) if at in strayed else r, s)
                for at, (r, s) in enumerate(readings)]
    said = {readings[at][0].choice.id for at in own if at in labelled and readings[at][0].sure
            and readings[at][0].choice is not None}
    if len(said) == 1:
        (choice,) = said
        if all(readings[at][0].choice is None or readings[at][0].choice.id == choice
               or not readings[at][0].sure for at in own):
            own = [at for at in own if readings[at][0].choice is not None
                   and readings[at][0].choice.id == choice]
    return [readings[at] for at in own]


# The SDR or the contact not knowing: "he doesn't know who exactly", "not sure", "unclear"
_NOT_KNOWN = re.compile(r"\b(?:(?:doesnt|dont|didnt|does not|do not|did not|not) (?:know|sure)"
                        r"|no idea|unclear|unsure)\b")


def _unsure_after(question: Question, reading: Reading, rest: list[str],
                  today: date) -> Reading:
    """ "decision: the board, he doesn't know who exactly": a field's value that the words
    after it doubt is no sure answer; where "we don't know yet" is one, it is proposed."""
    if reading.choice is None or not any(_NOT_KNOWN.search(fold(p)) for p in rest):
        return reading
    unknown = _unknown(question, today)
    choice = next((c for c in question.choices if c.id == unknown), None)
    if choice is None:
        return reading.weaker(Confidence.LIKELY)
    return Reading.of(reading.typed, choice, Confidence.LIKELY, "")


# A part that only doubts the one before it: "budget maybe 600tr, not confirmed"
_DOUBTED = re.compile(r"(?im)(?:(?<![^,;\n])|(?<=[.!?] ))(?:(?![.!?] )[^,;\n])*,\s*"
                      r"(?:but |though |tho )?(?:not (?:yet )?"
                      r"confirmed|unconfirmed|not verified|unverified)"
                      r"[ !)]*(?:\.(?=\s)|\.?(?=[,;\n]|$))")


def _undoubted(text: str) -> str:
    """The notes without what the contact did not confirm, which they do not state."""
    return _DOUBTED.sub("", text)


def _unknown(question: Question, today: date) -> str | None:
    """The answer that means "we don't know yet", if the question has one."""
    reading = read_reply(question, "no idea yet", today=today)
    return reading.choice.id if reading.sure and reading.choice is not None else None


def _known_unknown(question: Question, text: str, reading: Reading | None,
                   today: date) -> Reading | None:
    """ "We don't know yet" answers a question only where the words name its topic: "not
    sure who'd champion it" says nothing of the criteria."""
    if reading is None or reading.choice is None or cued(question, text) \
            or question.kind is not Kind.CHOICE or (
                question.criterion == "decision criteria" and _HOW_CHOSEN.search(fold(text))):
        return reading  # ("no idea how they'll pick": how they choose, the criteria)
    return None if reading.choice.id == _unknown(question, today) else reading


# How they will choose, not when: "no idea how they'll pick", "not sure how they'd compare"
_HOW_CHOSEN = re.compile(r"\bhow (?:they|theyll|theyd|she|shell|he|hell|the \w+|its|it)\s*"
                         r"(?:will |would |are going to |gonna |are |is |get )?(?:be )?"
                         r"(?:pick|picks|picking|picked|choose|chooses|choosing|chosen|select"
                         r"|selects|selecting|selected|compare|comparing|evaluate|evaluating"
                         r"|score|scoring|rank|ranking|judge|judging)\b")


def _how_not_when(question: Question, sentence: str, reading: Reading | None) -> bool:
    """ "no idea how they'll pick" says nothing of when they decide, only of how."""
    return reading is not None and question.kind is Kind.TIMEFRAME \
        and bool(_HOW_CHOSEN.search(fold(sentence))) and not re.search(
            r"\d|\bwhen\b|\b(?:q[1-4]|h[12]|month|months|week|weeks|year|quarter)\b",
            fold(sentence))


def _limited(flow: Flow, said: list[tuple[str, list[Limit]]],
             found: dict[str, list[tuple[Reading, str]]], today: date) -> None:
    """A deal within the contact's signing limit: the contact signs, proposed."""
    amounts = deal_amounts([s for s, _ in said])
    for _, found_limits in said:
        for limit in found_limits:
            if within(limit, amounts) is not True:
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
