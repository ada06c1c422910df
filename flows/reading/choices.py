"""Reading a reply to a question with fixed answers: which choice, and how sure.

The evidence of a reply (``flows.reading.evidence``) is weighed: the strongest kind
decides, a phrase over a job title over a keyword. Two answers at the same strength, a
hedge, or nothing at all is ``unclear``.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from flows.model import Choice, Kind, Question
from flows.reading.evidence import Evidence, Hit, evidence
from flows.reading.languages import opening_word
from flows.reading.lexicon import NEGATIONS, Strength, lexicon, same_articles
from flows.reading.result import Confidence, Reading
from flows.reading.words import TURN, clauses
from flows.text import fold, stem, tokens, words_of

__all__ = ["Evidence", "Hit", "decide", "evidence", "read_choice"]

def read_choice(question: Question, text: str, *, numbers: bool = True) -> Reading:
    """Which fixed answer ``text`` gives, with how sure the reading is."""
    words = tokens(text)
    folded = " ".join(words)
    if not folded:
        return Reading.unclear(text)
    if (numbers and len(words) == 1 and folded.isdigit() and len(folded) <= 1
            and 1 <= int(folded) <= len(question.choices)):
        return Reading.of(text, question.choices[int(folded) - 1], Confidence.SURE, "number")
    lex = lexicon(question)
    stemmed = " ".join(stem(w) for w in words)
    if stemmed in lex.labels:
        return Reading.of(text, _choice(question, lex.labels[stemmed]), Confidence.SURE, "label")
    ev = evidence(question, _HALF_AND_HALF.sub("fifty fifty", _CONTACT_IS.sub(
        r"\1, \2", opening_word(_OPENING_SI.sub("yes", text)))))
    reading = decide(question, text, ev)
    if (len(words) == 1 and words[0] in _GRADES and reading.choice is not None
            and text.rstrip().endswith("?")):
        # "medium?": a grade offered as a question, the SDR asking which it is ("approved?"
        # says a state, with a doubt: proposed)
        return Reading.unclear(text, (reading.choice,))
    if _said_both(question, folded, ev):
        # "she said it's painful then said they're fine for now": two answers, one said
        # after the other; which holds is for the SDR to say
        return Reading.unclear(text, tuple(c for c in question.choices
                                           if c.id in {h.choice for h in ev.found}))
    if _PART_ANSWER.match(folded) and reading.choice is not None and lexicon(
            question).longest(("partly",), 0) is None:
        # "partly — we know price matters, rest is a black box": a part known, where no answer
        # says "partly"; neither the whole nor nothing, so asked again
        return Reading.unclear(text, (reading.choice,))
    if (question.kind is Kind.YES_NO and re.search(r"\b(?:have|has|we) met\b", question.text)
            and _MEETING_TO_COME.search(folded) and not _MET.search(folded)):
        # "meeting the EB on the 15th": a meeting to come is not one had; proposed
        said = question.choice("no")
        if said is not None and not ev.hedged and (reading.choice is None
                                                   or reading.choice.id != said.id):
            return Reading.of(text, said, Confidence.LIKELY, _MEETING_TO_COME.search(folded)[0])
    also = _ALSO_NOT_OURS.search(folded) or _OUR_PART.search(folded) or (
        _WE_ONLY.search(folded) if reading.choice is None and not reading.near else None) or (
        _NOT_THE_REST.search(folded)
        if ev.not_the_rest or ev.denied_turn or ev.unread_turn or not (
            reading.choice or reading.near or ev.unread_no) else None)
    # (what a "but" left unread: "we solve the invoicing side, except the customs paperwork")
    said = reading.choice or (reading.near[0] if len(reading.near) == 1 else None)
    if also is not None and not ev.hedged and (said is not None or (
            also is not _ALSO_NOT_OURS.search(folded) and not reading.near)):
        # (and with no answer read: "we do onboarding but not the job ads side")
        # "barcode scanning yes but they also need route planning, which we don't do": what
        # we don't do is beside what we do; a part fit, proposed
        part = lexicon(question).longest(("partly",), 0)
        if part is not None and part.choice is not None and (
                said is None or part.choice != said.id):
            return Reading.of(text, _choice(question, part.choice), Confidence.LIKELY, also[0])
    concluded = _SO_ANSWER.search(folded) if question.kind is Kind.YES_NO else None
    if concluded is not None and not ev.hedged:
        # "if they do nothing they lose the big customer, so yes": the SDR's own
        # conclusion is the answer, whatever the words before it seemed to say
        said = question.choice("no" if concluded[1] in _SO_NO else "yes")
        if said is not None and (reading.choice is None or reading.choice.id != said.id):
            return Reading.of(text, said, Confidence.SURE, concluded[0])
    return reading


# An Italian "sì" opening the reply ("sì, penali sui contratti"); never "si" inside a clause,
# where in French or Spanish it is "if"
_OPENING_SI = re.compile(r"(?i)^\s*s[iì](?=\s*(?:[,.!;:]|[-–—]\s|$))")

# Words of a scale, which an SDR may offer as a question ("medium?")
_GRADES = {"low", "medium", "mid", "moderate", "high", "huge", "big", "small", "mild",
           "severe", "strong", "weak", "top", "minor", "major", "critical", "serious"}

# "half and half" is one word of a mix, not two clauses cut at its "and"
_HALF_AND_HALF = re.compile(r"(?i)\bhalf (?:and|&|n) half\b")

# "our contact, the CFO": the title after our contact is our contact's, not someone else's
_CONTACT_IS = re.compile(r"(?i)^\s*((?:our|my) (?:main )?contact)\s*[,(:–—-]\s*the"
                         r" (\w+(?: \w+)?)\s*\)?\s*$")

# A meeting still to come, where the question asks whether one was had
_MEETING_TO_COME = re.compile(
    r"\b(?:meeting|seeing|speaking (?:to|with)|talking to|call with|demo (?:to|with|for))\b"
    r"(?: \w+){0,4} (?:on (?:the )?\d+\w*|on (?:mon|tue|wed|thu|fri|sat|sun)\w*|next \w+"
    r"|tomorrow|later this \w+|this (?:week|month|fri\w*|afternoon)|in (?:\d+|a|two) \w+)\b"
    r"|\b(?:will|going to|gonna|due to|yet to|about to|hope to|hoping to) (?:meet|speak|talk|see)\b"
    r"|\bmeeting (?:is )?(?:booked|scheduled|set up|planned|in the diary)\b"
    # "call with the owner booked for the 12th", "EB call scheduled for Jan", "intro with
    # the CFO set for monday": a meeting of any name, put in the diary
    r"|\b(?:call|meeting|demo|intro|session|presentation|lunch|visit)\b(?: \w+){0,4}"
    r" (?:is |was )?(?:booked|scheduled|set|planned|arranged|lined up|pencilled|penciled"
    r"|confirmed)(?: in)? (?:for|on|in)\b"
    # "CFO joins the next call", "the CFO is on the demo on the 14th"
    r"|\b(?:joins?|joining|attends?|attending|on|in|at) (?:the |our |a )?(?:next|upcoming"
    r"|follow up|followup) (?:call|meeting|demo|session)\b"
    r"|\b(?:is|will be) (?:on|joining|at|in) (?:the |our )?(?:demo|call|meeting)\b(?: \w+){0,2}"
    r" (?:on (?:the )?\d+\w*|on (?:mon|tue|wed|thu|fri)\w*|next \w+|tomorrow)\b")
_MET = re.compile(r"\b(?:met|had|was|were|went|spoke|talked|joined|sat|again)\b")
_ALSO_NOT_OURS = re.compile(r"\b(?:also|as well as|on top|plus)\b.{0,60}\b(?:which |that )?(?:we"
                            r" (?:dont|do not|cant|can not|cannot|dont really) (?:do|cover|solve"
                            r"|fix|help|offer|support)|not (?:us|ours|something we do))\b")
# "we fix the docs, not the claims side", "we solve the rostering but not payroll": what we
# do, then a part of their problem we don't
_NOT_THE_REST = re.compile(r"\bwe (?:fix|solve|cover|do|handle|help with|nail|own)\b"
                           r"(?! (?:nothing|none|zero|not)\b).+"
                           r"\b(?:not|except|apart from)\b")
# "we only schedule around it": what we do is only a piece of their problem
_WE_ONLY = re.compile(r"\bwe (?:only|just) (?!(?:need|want|met|spoke|talked|heard|got|had)\b)"
                      r"[a-z]+\b")
# "we fix the dispatch half", "we solve the scheduling part": one part of their problem is
# ours, so the rest is not
_OUR_PART = re.compile(r"\bwe (?:fix|solve|cover|do|handle|help with|nail|own|sort)\b"
                       r"(?! (?:every|all|each|both|any)\b)(?: \w+){0,3}?"
                       r" (?:half|part|side|bit|piece|portion|slice)\b(?! of it all\b)")
# One thing said, then another: "she said it's painful then said they're fine"
_THEN_SAID = re.compile(r"\b(?:said|says|told us|claimed|mentioned)\b.+\b(?:then|later|after that"
                        r"|afterwards|next minute)(?: (?:he|she|they|it))?(?: also)?"
                        r" (?:said|says|told us|claimed|mentioned|went on|backtracked)\b")
# The reply opens on "partly": "partly — we know price matters, …"
_PART_ANSWER = re.compile(r"(?:partly|partially|in part|half)\b(?! (?:of|the|their|our)\b)")
_SO_NO = {"no", "nope", "nah"}
_SO_ANSWER = re.compile(r"\bso,? (yes|yeah|yep|yup|no|nope|nah)$")


def _said_both(question: Question, folded: str, ev: Evidence) -> bool:
    """Two answers, each said in turn ("said …, then said …")."""
    return (_THEN_SAID.search(folded) is not None
            and len({h.choice for h in ev.found}) >= 2)


def decide(question: Question, text: str, ev: Evidence) -> Reading:
    mixed = _mixed_fit(question, text, ev)
    if mixed is not None:
        return mixed
    kept = ev.kept()
    negated = {h.choice for h in ev.against}
    if not kept and len(question.choices) == 2 and len(negated) == 1:
        # Of two answers, "not A" is B: "they don't need it" is "No clear need".
        (gone,) = negated
        other = next(c for c in question.choices if c.id != gone)
        strength = max(h.strength for h in ev.against)
        kept = [Hit(other.id, strength, "not " + ev.against[0].words,
                    max(h.fixed for h in ev.against))]
    if not kept and ev.contact_apart and not ev.hedged:
        # "regional ops VP, our contact will set up a call": someone other than our contact,
        # named but not said to decide; where an answer says someone else decides, proposed
        other = next((c for c in question.choices if "someone_else_decides" in c.means), None)
        if other is not None and not negated:
            return Reading.of(text, other, Confidence.LIKELY, "our contact apart")
    if not kept:
        unknown = _unknown_choice(question)
        if ev.hedged and unknown is not None and any(h in _DONT_KNOW for h in ev.hedges):
            # "no clue yet" is an answer where "We don't know yet" is one
            return Reading.of(text, unknown, Confidence.SURE, ev.hedges[0])
        if ev.hedged or negated:
            return Reading.unclear(text)
        return _fuzzy(question, text)
    said_of_others = {h.choice for h in kept if h.other}
    # (beside a title alone, what the title is said to do is the answer: "founder doesn't meet
    # vendors", not the founder beside the contact)
    if said_of_others and any(not h.other and h.choice not in said_of_others
                              and h.strength is not Strength.TITLE for h in kept):
        # "VP decides, she's got a lot of pull with him": the title that decides is
        # someone else; what the reply says of the contact is the answer
        kept = [h for h in kept if not h.other]
    top = max(h.strength for h in kept)
    leading = {h.choice for h in kept if h.strength == top}
    overruled = False  # a "but" chose between two answers said outright
    counted = _counted_goal(question, text, leading, top)
    if counted is not None:
        leading, kept = {counted}, [h for h in kept if h.choice == counted or h.strength != top]
    part = _part_of_both(question, leading)
    if part is not None:
        # "mostly something we don't do, we'd cover one piece of it": what we do beside what
        # we don't is a part fit, proposed
        return Reading.of(text, _choice(question, part), Confidence.LIKELY,
                          next(h.words for h in kept if h.strength == top))
    if len(leading) > 1:  # "no budget yet, but they're putting one together": the "but" wins
        last_turn = max(h.turn for h in kept if h.strength == top)
        leading = {h.choice for h in kept if h.strength == top and h.turn == last_turn}
        overruled = any(h.strength == top and h.turn != last_turn and h.choice not in leading
                        and not _no_or_not_yet(h.words) for h in kept) and not any(
            h.strength == top and h.turn == last_turn and _no_or_not_yet(h.words) for h in kept)
        kept = [h for h in kept if h.strength != top or h.turn == last_turn]
    yet = _then_what_comes(question, kept, top, leading, tokens(text)) or _intro_later(
        question, kept, top, leading)
    if yet is not None:
        # "no budget set yet, they're working on one": a "not yet", then what is on its way
        # (as a "but" would say it); proposed
        return Reading.of(text, _choice(question, yet.choice), Confidence.LIKELY, yet.words)
    if len(leading) > 1:
        near = tuple(c for c in question.choices if c.id in leading)
        return Reading.unclear(text, near)
    (chosen,) = leading
    hits = [h for h in kept if h.choice == chosen and h.strength == top]
    # "CEO, but the board has the last word": the reply turns where it cannot be read; but
    # "we help with adoption a bit, but it's mostly a people thing" is a part answer, and
    # its "but" the other part
    turned = ev.unread_turn and not _partial(question, chosen)
    unknown_said = getattr(_unknown_choice(question), "id", None) == chosen
    unknown = _unknown_choice(question) if ev.hedged else None
    if (unknown is not None and chosen == unknown.id
            and all(h in _DONT_KNOW for h in ev.hedges)):
        ev.hedged = False  # "no idea, they won't say": not knowing is the answer itself
    if turned and ev.turn_from_no and not ev.hedged:
        # "no budget, but he said he'd fight for some": the "but" answers the "no", it
        # does not take the answer back; unread, so proposed
        return Reading.of(text, _choice(question, chosen), Confidence.LIKELY, hits[0].words)
    if chosen in ev.said_of_others and not all(h.other for h in hits):
        # "he signs off under 20k, this is 60k so the CFO signs": said of the contact and
        # of someone else, the answer is theirs or the contact's
        return Reading.unclear(text, (_choice(question, chosen),))
    if ev.denied_turn and not _partial(question, chosen) and (
            top is Strength.KEYWORD or (_best(question, chosen) and _takes_back(text))):
        # "they have targets but wouldn't share them": a word that only points at an
        # answer, or the best answer, then a "but no" to it: nothing left to propose
        return Reading.unclear(text)
    if ev.hedged and not turned and _vague_agrees(question, chosen, ev, text):
        # "kinda hinted that approvals are slow", "sort of… 'better visibility'": a vague
        # word beside an answer that is itself vague (a hint, a goal with no number, a
        # part fit) says it again; proposed. "Too early for an intro, maybe after the demo":
        # "not yet" said, and then when it may change; taken (and a pain "real-ish, they
        # live with it")
        later = (bool({"access_later", "pain_tolerated"} & set(_choice(question, chosen).means))
                 and len({h.words for h in hits}) > 1)
        return Reading.of(text, _choice(question, chosen),
                          Confidence.SURE if later else Confidence.LIKELY, hits[0].words)
    if ev.hedged or turned or ev.unread_no:
        return Reading.unclear(text, (_choice(question, chosen),) if turned else ())
    if (_PUZZLED.search(text) and not _ASKING.search(text) and unknown_said
            and all(h.choice == chosen for h in kept)):
        # "some committee at head office?? didn't say who": puzzled about who, where not
        # knowing who is the answer; proposed
        return Reading.of(text, _choice(question, chosen), Confidence.LIKELY, hits[0].words)
    if _PUZZLED.search(text) or _ASKING.search(text) or (
            ev.soft and _LAST_QUESTION.search(text)) or _others_decide_too(
            question, text, ev, hits, chosen):
        # "…don't really need anything?? confused", "huge? medium?": the SDR is puzzled,
        # not answering, and so is a guess with a question on it ("prob top 5?") or a
        # question to us ("what counts as need here?");
        # "he said yes but then mentioned head office has to approve": the reply takes
        # back what it said. Asked again.
        return Reading.unclear(text, (_choice(question, chosen),))
    if overruled and _CLAIMED.search(fold(text)):
        # "he says he decides but his boss jumped in on price": the contact's word, then the
        # SDR's doubt of it; asked again
        return Reading.unclear(text, (_choice(question, chosen),))
    fixed = min(h.fixed for h in hits)
    # "there's a written RFP, but I haven't seen it": a "but" that turns from one answer
    # said outright to another is proposed, not taken
    turned_from = any(h.choice != chosen and h.turn < min(x.turn for x in hits) for h in kept)
    # "not that i could tell, though the CFO mentioned targets": a later "but" or "though"
    # whose words point at another answer, however weakly, leaves the answer a guess (not a
    # part answer's other part, nor someone else deciding beside a middle answer)
    turned_to = not _partial(question, chosen) and not ev.others_decide and any(
        h.choice != chosen and h.turn > max(x.turn for x in hits) and not h.other for h in kept)
    # "she decides, but her boss signs anything over 10k": a "but" that overrules one answer
    # said outright with another is proposed; but a "no" or "not yet" turned ("no budget
    # yet, but they're putting one together") is what the "but" completes, and a "but no"
    # ("bleeding money, but nobody's getting fired over it") what it tempers
    likely = (top is Strength.KEYWORD or ev.soft or fixed >= 2 or turned_from or overruled
              or turned_to
              or "?" in text or (ev.denied_turn and _best(question, chosen))
              or (top is Strength.TITLE and _unread(question, text) >= TITLE_UNREAD))
    confidence = Confidence.LIKELY if likely else Confidence.SURE
    how = hits[0].words
    return Reading.of(text, _choice(question, chosen), confidence, how)


# "??", "huge? medium?": a question the SDR is left with, or answers offered as guesses
_PUZZLED = re.compile(r"\?[^?]*\?")
# the SDR asking us ("what counts as need here? …"), not answering
_ASKING = re.compile(r"(?:^|[.!?]\s)\s*(?:what|how|who|which|does|do|should|would|is|are|can"
                     r"|could)\b[^.!?]*\?", re.I)
_LAST_QUESTION = re.compile(r"\?\W*$")
# the contact's own word on it, which a "but" then doubts: "he says he decides but…"
_CLAIMED = re.compile(r"\b(?:he|she|they|contact) (?:says|said|claims|claimed|thinks|reckons)\b"
                      r"|^(?:says|said|claims|claimed|reckons)\b|\baccording to (?:him|her|them)\b")


def _then_what_comes(question: Question, kept: list[Hit], top: Strength, leading: set[str],
                     words: tuple[str, ...]) -> Hit | None:
    """Two answers said outright, "no budget … yet" and after it a budget in the making
    ("no budget set yet, they're working on one"): the second says what is on its way."""
    tops = [h for h in kept if h.strength == top]
    if (len(leading) != 2 or "yet" not in words or not _no_or_not_yet(tops[0].words)
            or any(h.choice == tops[0].choice for h in tops[1:])
            or "no_budget" not in _choice(question, tops[0].choice).means
            or "budget_forming" not in _choice(question, tops[-1].choice).means):
        return None
    return tops[-1]


def _intro_later(question: Question, kept: list[Hit], top: Strength,
                 leading: set[str]) -> Hit | None:
    """ "Not right now, he'd only bring the boss in once there's a shortlist": an introduction
    said to come later, beside a "not now"; not yet."""
    means = {c: set(_choice(question, c).means) for c in leading}
    if len(leading) != 2 or not any("access_intro" in m for m in means.values()):
        return None
    return next((h for h in kept if h.strength == top and "access_later" in means.get(
        h.choice, set()) and _no_or_not_yet(h.words)), None)


def _no_or_not_yet(words: str) -> bool:
    """An answer whose words say "no" or "not yet" ("no budget yet"): a "but" after it goes on
    from it, it does not overrule it."""
    return bool(_NOT_OR_YET.intersection(words.split()))


_NOT_OR_YET = {*NEGATIONS, "yet", "none", "nothing"}


def _others_decide_too(question: Question, text: str, ev: Evidence, hits: list[Hit],
                       chosen: str) -> bool:
    """The contact's say, then a "but" and someone else deciding: "he said yes but then
    mentioned head office has to approve", "he says he decides but the owner's wife
    approves". The reply takes back what it said. (A middle answer is coherent with it:
    "she'd recommend it but the group COO signs".)"""
    if not ev.others_decide or "someone_else_decides" in _choice(question, chosen).means:
        return False  # ("the board decides but we know the chair": that is the answer)
    if min(h.turn for h in hits) < max(h.turn for h in hits):
        return True
    turns = sum(1 for c in clauses(text) if c.startswith(TURN))
    return max(h.turn for h in hits) < turns and _best(question, chosen)


_DONT_KNOW = {" ".join(same_articles(words_of(h))) for h in (
    "idk", "dunno", "dont know", "do not know", "no idea", "no clue", "not sure",
    "unclear", "not clear", "who knows", "unsure", "no info", "no information", "cant tell",
    "cant say", "hard to say", "hard to tell", "havent a clue", "havent got a clue",
    "not a clue", "not sure yet", "not yet sure", "not really sure", "not too sure",
    "not so sure", "not quite sure", "not entirely sure", "not certain yet", "not yet certain",
    "not yet clear", "not clear yet", "couldnt tell", "couldnt say",
    "no timeline given", "no timing given", "no date given", "no timeframe given",
    "didnt give a timeline", "didnt give a date", "didnt give a timeframe",
    # the answer still to be found out fits "we don't know yet": "no name, will find out"
    "to find out", "find out who", "need to find out", "will find out", "ill find out",
    "gonna find out", "going to find out")}


# A mix of answers: where an answer says "partly", it is that answer
_MIXES = {" ".join(same_articles(words_of(h))) for h in (
    "mix", "a mix", "mix of", "mixture of", "bit of both", "mix of both", "both really",
    "a bit of each", "some of each", "half and half", "combination of", "hybrid",
    "fifty fifty", "50 50")}


def _mixed_fit(question: Question, text: str, ev: Evidence) -> Reading | None:
    """ "mix of stuff, some ours some not", "scheduling (ours) and parts supply (not ours)":
    where a question asks how far we solve their problem, a mix is the part answer; taken
    when nothing else in the reply says otherwise, else proposed."""
    if not ev.hedges or not all(h in _MIXES for h in ev.hedges):
        return None
    part = lexicon(question).longest(("partly",), 0)
    if part is None or part.choice is None:
        return None
    kept = ev.kept()
    alone = bool(kept) and all(h.choice == part.choice for h in kept)
    said = _HALF_AND_HALF.search(text)
    how = said[0].lower() if said is not None and ev.hedges[0] == "fifty fifty" else ev.hedges[0]
    return Reading.of(text, _choice(question, part.choice),
                      Confidence.SURE if alone else Confidence.LIKELY, how)


# (and "not yet": "maybe after the pilot" says when, and that is still not yet)
_VAGUE_ANSWERS = {"problem_hinted", "goal_vague", "fit_partial", "access_later",
                  "pain_tolerated",  # ("they live with it, spreadsheets work ok-ish")
                  "priority_someday"}  # ("they'd get to it eventually 🤷")
_VAGUE_WORDS = {"kinda", "sort of", "sorta", "kind of", "maybe", "ish", "somewhat", "🤷"}


def _vague_agrees(question: Question, chosen: str, ev: Evidence, text: str) -> bool:
    """Every hedge of the reply a word of vagueness, beside an answer that is vague itself."""
    means = _choice(question, chosen).means
    if "access_later" in means and all(h.words in _BARE_LATER for h in ev.found
                                       if h.choice == chosen):
        return False  # ("maybe later" says nothing of when: asked again)
    if "priority_someday" in means and any("next" in h.words.split() for h in ev.found):
        return False  # ("not this year, maybe next year": next year's list, or someday?)
    return (bool(_VAGUE_ANSWERS.intersection(means))
            and all(h in _VAGUE_WORDS for h in ev.hedges)
            and not _OPEN.search(text))


_BARE_LATER = {"later", "eventually", "down the line", "someday", "one day"}


# a question or another possibility left open: "kinda hinted? or maybe that was his colleague"
_OPEN = re.compile(r"\?|\bor (?:maybe|not|perhaps)\b")


def _counted_goal(question: Question, text: str, leading: set[str],
                  top: Strength) -> str | None:
    """ "grow revenue 20% next year": words that only point at a goal, one with a number and
    one without; the number says it is counted."""
    if top is not Strength.KEYWORD or len(leading) != 2 or not re.search(r"\d", text):
        return None
    return next((c.id for c in question.choices
                 if c.id in leading and "goal_quantified" in c.means), None)


def _part_of_both(question: Question, leading: set[str]) -> str | None:
    """Where a question asks how far we solve their problem: the part answer, when the reply
    says it beside another, or says both that we solve it and that we don't."""
    if len(leading) < 2:
        return None
    means = {c.id: set(c.means) for c in question.choices}
    part = next((c for c, m in means.items() if "fit_partial" in m), None)
    if part is None:
        return None
    said = set().union(*(means[c] for c in leading))
    return part if part in leading or {"fit_core", "fit_none"} <= said else None


def _unknown_choice(question: Question) -> Choice | None:
    """The choice that means "we don't know yet", if the question has one."""
    unknown = {" ".join(words_of(w)) for w in ("unknown", "not known yet", "dont know yet",
                                               "no idea yet")}
    return next((c for c in question.choices
                 if unknown & {" ".join(words_of(p)) for p in (c.label, *c.aliases, *c.phrases)}),
                None)


def _best(question: Question, choice_id: str) -> bool:
    """The answer worth the most points: "they have numbers but wouldn't share them" takes
    back the best answer, where "has some sway but isn't picking" is a middle one."""
    points = sorted(c.points for c in question.choices)
    return points[-1] > points[-2] and _choice(question, choice_id).points == points[-1]


TITLE_UNREAD = 4  # words of content none of the answers knows, beside a job title alone…


def _unread(question: Question, text: str) -> int:
    """…make the title maybe someone else's ("owner lives overseas and never meets
    vendors", "CFO Priya Naidoo, met her at the expo, happy to meet again"): how many
    words of the reply are neither the question's nor grammar's."""
    known = lexicon(question).known
    return sum(1 for w in tokens(text) if w.isalpha() and w not in known
               and stem(w) not in known and w not in _GRAMMAR)


# Words of grammar, which say nothing of their own
_GRAMMAR = frozenset("""a an the he she they we i you it its his her him them their our us me
my your is are was were be been being am has have had do does did will would can could should
shall may must to of in on at for with by from as and or but so if then than that this these
those there here not no yes yeah yep just very really also too all any some more most much
many one two what who whom which when where how why about into over under up down out off
again still yet theyre hes shes im weve theyve dont doesnt didnt wont cant isnt arent wasnt
lol tbh tho ok okay""".split())


def _takes_back(text: str) -> bool:
    """A "but no" that speaks of what was said as it, them or that ("…but wouldn't share
    them"), not of something else ("clear need but no budget")."""
    return any(c.startswith(TURN) and _BACK.intersection(tokens(c)) for c in clauses(text))


_BACK = {"it", "them", "that", "those", "this", "these"}


def _partial(question: Question, choice_id: str) -> bool:
    """The answer that says "partly" (a problem we solve in part)."""
    entry = lexicon(question).longest(("partly",), 0)
    return entry is not None and entry.choice == choice_id


def _choice(question: Question, choice_id: str) -> Choice:
    found = question.choice(choice_id)
    assert found is not None
    return found


_NEGATION_SET = frozenset(NEGATIONS)
FUZZY_CUTOFF = 85  # a whole reply this close to one name of an answer…
FUZZY_MARGIN = 6  # …and this much closer than to any other answer is proposed


def _fuzzy(question: Question, text: str) -> Reading:
    """A reply that names no phrase: close to one answer's name as a whole ("funding redy
    to go")? Proposed, never taken."""
    folded = " ".join(tokens(text))
    if len(folded) < 4:
        return Reading.unclear(text)
    lex = lexicon(question)
    scores: dict[str, float] = {}
    negations = _NEGATION_SET.intersection(folded.split())
    for bucket in lex.starts.values():
        for entry in bucket:
            if entry.choice is None or entry.strength is not Strength.PHRASE:
                continue
            if negations - set(entry.words):
                continue  # "Budget nicht freigegeben" is no slip of "budget freigegeben"
            name = " ".join(entry.words)
            if len(name) < 4:
                continue
            score = fuzz.ratio(folded, name)
            scores[entry.choice] = max(scores.get(entry.choice, 0.0), score)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < FUZZY_CUTOFF:
        return Reading.unclear(text)
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
        near = tuple(c for c in question.choices
                     if scores.get(c.id, 0) > ranked[0][1] - FUZZY_MARGIN)
        return Reading.unclear(text, near)
    return Reading.of(text, _choice(question, ranked[0][0]), Confidence.LIKELY, "close spelling")
