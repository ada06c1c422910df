"""Reading a reply to a question with fixed answers: which choice, and how sure.

Each clause of the reply is scanned for the question's phrases (longest first). A
negation reaches the phrases that follow it in its clause; "reports to", "her boss"
or "the CFO" (someone else, named after "the") send the rest of the clause elsewhere.
Then the strongest kind of evidence decides: a phrase over a job title over a keyword.
Two answers at the same strength, a hedge, or nothing at all is ``unclear``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from flows.model import Choice, Kind, Question
from flows.reading.lexicon import NEGATIONS, Entry, Mark, Strength, lexicon
from flows.reading.result import Confidence, Reading
from flows.reading.words import QUESTION_MARK, TURN, clauses, corrections, stem, tokens

NEGATION_REACH = 4  # words after a negation that it still reaches ("not really the DM")
_DETERMINERS = {"the", "her", "his", "their", "our", "its", "a", "an", "my"}
_COPULAS = {"is", "hes", "shes", "theyre", "im", "was", "are", "be", "as", "its", "being",
            "thats", "whos", "who"}
_NEGATION_WORDS = {stem(w) for w in NEGATIONS}


@dataclass
class Hit:
    choice: str
    strength: Strength
    words: str  # as read (misspellings fixed)
    fixed: int = 0  # the largest edit distance of a misspelling it forgave
    turn: int = 0  # how many "but"s came before its clause


@dataclass
class Evidence:
    """What a reply says about each choice of a question."""

    found: list[Hit] = field(default_factory=list)
    against: list[Hit] = field(default_factory=list)  # negated
    hedged: bool = False
    soft: bool = False
    words: int = 0  # tokens read

    def best(self) -> Strength | None:
        kept = self.kept()
        return max((h.strength for h in kept), default=None)

    def kept(self) -> list[Hit]:
        negated = {h.choice for h in self.against}
        return [h for h in self.found if h.choice not in negated]


def evidence(question: Question, text: str) -> Evidence:
    lex = lexicon(question)
    ev = Evidence()
    turns = 0
    for clause_no, clause in enumerate(clauses(text)):
        turns += clause.startswith(TURN)
        words = tokens(clause)
        if not words:
            continue
        ev.words += len(words)
        fixes = corrections(words, lex.known)
        read = tuple(stem(fixes[w].read if w in fixes else w) for w in words)
        negated_to, elsewhere, i = -1, False, 0
        title_at: tuple[int, Hit] | None = None  # the last job title read in this clause
        while i < len(read):
            entry = lex.longest(read, i)
            if entry is None:
                i += 1
                continue
            n = len(entry.words)
            last = i + n == len(read)
            opening = (question.kind is Kind.YES_NO and i == 0 and clause_no == 0
                       and n == 1 and entry.choice in ("yes", "no"))
            if (entry.choice is not None and n == 1 and read[i] in _NEGATION_WORDS
                    and not last and not opening):  # (but "No, her boss decides" says no)
                entry = Entry(entry.words, mark=Mark.NEGATION)  # "no" before more words
            if entry.mark is Mark.NEGATION:
                negated_to = i + NEGATION_REACH
            elif entry.mark is Mark.HEDGE:
                ev.hedged = True
            elif entry.mark is Mark.SOFT:
                ev.soft = True
            elif entry.mark is Mark.ELSEWHERE:
                elsewhere = True
            elif entry.choice is not None and not elsewhere:
                if entry.strength is Strength.TITLE and _someone_else(read, i):
                    elsewhere = True  # "the CMO signs": not the person spoken to
                elif (title_at is not None and clause_no > 0 and title_at[0] >= i - 2
                      and entry.strength is Strength.PHRASE and title_at[1].choice == entry.choice
                      and title_at[1] in ev.found):
                    # "…, CIO decides": after what the reply said of our contact, a title
                    # that acts is someone else.
                    ev.found.remove(title_at[1])
                    elsewhere = True
                else:
                    fixed = max((fixes[w].distance for w in words[i:i + n] if w in fixes),
                                default=0)
                    hit = Hit(entry.choice, entry.strength, " ".join(entry.words), fixed, turns)
                    negated = i <= negated_to and not entry.negated
                    (ev.against if negated else ev.found).append(hit)
                    if entry.strength is Strength.TITLE:
                        title_at = (i + n, hit)
            i += n
    return ev


def _someone_else(read: tuple[str, ...], at: int) -> bool:
    """A title after "the", "her"… names a third person, unless it follows "is" ("she is
    the CEO")."""
    if at == 0 or read[at - 1] not in _DETERMINERS:
        return False
    return at < 2 or read[at - 2] not in _COPULAS


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
    return decide(question, text, evidence(question, text))


def decide(question: Question, text: str, ev: Evidence) -> Reading:
    kept = ev.kept()
    negated = {h.choice for h in ev.against}
    if not kept and len(question.choices) == 2 and len(negated) == 1:
        # Of two answers, "not A" is B: "they don't need it" is "No clear need".
        (gone,) = negated
        other = next(c for c in question.choices if c.id != gone)
        strength = max(h.strength for h in ev.against)
        kept = [Hit(other.id, strength, "not " + ev.against[0].words,
                    max(h.fixed for h in ev.against))]
    if not kept:
        if ev.hedged or negated:
            return Reading.unclear(text)
        return _fuzzy(question, text)
    top = max(h.strength for h in kept)
    leading = {h.choice for h in kept if h.strength == top}
    if len(leading) > 1:  # "no budget yet, but they're putting one together": the "but" wins
        last_turn = max(h.turn for h in kept if h.strength == top)
        leading = {h.choice for h in kept if h.strength == top and h.turn == last_turn}
        kept = [h for h in kept if h.strength != top or h.turn == last_turn]
    if len(leading) > 1:
        near = tuple(c for c in question.choices if c.id in leading)
        return Reading.unclear(text, near)
    (chosen,) = leading
    hits = [h for h in kept if h.choice == chosen and h.strength == top]
    if ev.hedged:
        return Reading.unclear(text)
    fixed = min(h.fixed for h in hits)
    likely = (top is Strength.KEYWORD or ev.soft or fixed >= 2
              or bool(QUESTION_MARK.search(text)))
    confidence = Confidence.LIKELY if likely else Confidence.SURE
    how = hits[0].words
    return Reading.of(text, _choice(question, chosen), confidence, how)


def _choice(question: Question, choice_id: str) -> Choice:
    found = question.choice(choice_id)
    assert found is not None
    return found


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
    for bucket in lex.starts.values():
        for entry in bucket:
            if entry.choice is None or entry.strength is not Strength.PHRASE:
                continue
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
