"""Reading a reply to a question with fixed answers: which choice, and how sure.

Each clause of the reply is scanned for the question's phrases (longest first). A
negation reaches the phrases that follow it in its clause; "reports to", "her boss"
or "the CFO" (someone else, named after "the") send the rest of the clause elsewhere.
Then the strongest kind of evidence decides: a phrase over a job title over a keyword.
Two answers at the same strength, a hedge, or nothing at all is ``unclear``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from flows.model import Choice, Kind, Question
from flows.reading.lexicon import (
    NEGATIONS,
    Entry,
    Lexicon,
    Mark,
    Strength,
    lexicon,
    same_articles,
)
from flows.reading.result import Confidence, Reading
from flows.reading.words import QUESTION_MARK, TURN, clauses, corrections
from flows.text import stem, tokens, words_of

NEGATION_REACH = 4  # words after a negation that it still reaches ("not really the DM")
_DETERMINERS = {"the", "her", "his", "their", "our", "its", "a", "an", "my"}
_COPULAS = {stem(w) for w in ("is", "hes", "shes", "theyre", "im", "was", "are", "be", "as",
                               "its", "being", "thats", "whos", "who")}
_NEGATION_WORDS = {stem(w) for w in NEGATIONS}


@dataclass
class Hit:
    choice: str
    strength: Strength
    words: str  # as read (misspellings fixed)
    fixed: int = 0  # the largest edit distance of a misspelling it forgave
    turn: int = 0  # how many "but"s came before its clause
    other: bool = False  # said of someone else named just before it ("VP decides, …")


@dataclass
class Evidence:
    """What a reply says about each choice of a question."""

    found: list[Hit] = field(default_factory=list)
    against: list[Hit] = field(default_factory=list)  # negated
    hedged: bool = False
    hedges: list[str] = field(default_factory=list)  # the hedges' words, as read
    soft: bool = False
    words: int = 0  # tokens read
    unread_turn: bool = False  # "…, but <words that name no answer>": the reply turns away
    others_decide: bool = False  # a clause says someone else decides ("…, the CTO approves")
    turn_from_no: bool = False  # …and what it turns from was a "no" ("no say, but loud")
    unread_no: bool = False  # after an answer, a clause that says "no" to something unread

    def best(self) -> Strength | None:
        kept = self.kept()
        return max((h.strength for h in kept), default=None)

    def kept(self) -> list[Hit]:
        negated = {h.choice for h in self.against}
        return [h for h in self.found if h.choice not in negated]


# Words that colour a sentence but say nothing of the answer: skipped, so that "we
# basically wrote the RFP" reads as "we wrote the RFP".
_FILLERS = frozenset({"basically", "literally", "actually", "honestly", "tbh", "frankly",
                      "truthfully", "essentially", "lol", "haha", "lmao", "fwiw", "btw", "ngl",
                      "tho"})


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def evidence(question: Question, text: str) -> Evidence:
    lex = lexicon(question)
    ev = Evidence()
    # Names are not misspellings: "Nadia" is no "nada" (a capital inside a sentence).
    names = {w.lower() for w in _NAME.findall(text)} if not text.isupper() else set()
    turns = 0
    last_negated = False  # the clause before held a negation
    parts = clauses(text)
    for clause_no, clause in enumerate(parts):
        turns += clause.startswith(TURN)
        words = tuple(w for w in tokens(clause) if w not in _FILLERS)
        if not words:
            continue
        ev.words += len(words)
        fixes = {w: f for w, f in corrections(words, lex.known).items() if w not in names}
        read = tuple(stem(fixes[w].read if w in fixes else w) for w in words)
        negated_to, elsewhere, i = -1, False, 0
        agrees: str | None = None  # the answer an opening "no" gives, which it never negates
        last_hit: tuple[int, Hit] | None = None  # where the last answer's words ended
        title_at: tuple[int, Hit] | None = None  # the last job title read in this clause
        hits_before = len(ev.found) + len(ev.against)
        other_decides = False  # the clause says someone else decides ("the board signs")
        hedged_here, hedge_leads = 0, False  # words of hedges in this clause; one opens it
        while i < len(read):
            entry = lex.longest(read, i)
            if entry is None and read[i] == "either" and i + 1 < len(read):
                entry = Entry(("either",), mark=Mark.HEDGE)  # "either the DM or…", not "…either"
            if entry is None:
                if read[i] in _OR and i <= negated_to:
                    # "not making the call or the recommendation": one "not" for both
                    negated_to = i + NEGATION_REACH
                i += 1
                continue
            n = len(entry.words)
            last = i + n == len(read)
            opening = (question.kind is Kind.YES_NO and i == 0 and clause_no == 0
                       and n == 1 and entry.choice in ("yes", "no"))
            if (entry.choice is not None and n == 1 and read[i] in _NEGATION_WORDS
                    and not last and not opening
                    and (_answer_follows(lex, read, i + 1) or (
                        question.kind is not Kind.YES_NO and _determines(read, i, clause_no)))):
                # "no" before an answer's words negates them ("no clear use case"), and
                # before a thing it names no answer where answers are no yes and no ("no
                # MFA, shared passwords"); else it is the answer ("budget is zero this year").
                entry = Entry(entry.words, mark=Mark.NEGATION)
            if (entry.mark in (Mark.SOFT, Mark.HEDGE) and entry.words[-1] == "of" and i > 0
                    and read[i - 1] in _DETERMINERS | {"this", "that", "what", "any", "some",
                                                       "which", "these", "those", "every"}):
                entry = Entry(entry.words)  # "this kind of software" hedges nothing
            if (entry.words == ("whenever",) and not last
                    and read[i + 1] not in {"really", "whatever", "work", "is", "fine", "ok"}):
                entry = Entry(entry.words, mark=Mark.HEDGE)  # "whenever budget frees up"
            if entry.mark is Mark.NEGATION:
                negated_to, agrees = i + NEGATION_REACH, None
                if (last_hit is not None and _just_after(read, last_hit[0], i)
                        and not _answer_follows(lex, read, i + 1) and last_hit[1] in ev.found):
                    # "PO not signed yet": a "not" right after an answer's words turns on them
                    ev.found.remove(last_hit[1])
                    ev.against.append(last_hit[1])
            elif entry.mark is Mark.HEDGE and (entry.words[0] in _CONDITIONS
                                               and question.kind is Kind.YES_NO):
                pass  # "yes, a fine if they're breached again": yes/no questions ask "if"
            elif entry.mark is Mark.HEDGE:
                hedged_here += len(entry.words)
                hedge_leads = hedge_leads or i == 0
                ev.hedges.append(" ".join(entry.words))
            elif entry.mark is Mark.SOFT:
                ev.soft = True
            elif entry.mark is Mark.ELSEWHERE:
                elsewhere = True
            elif entry.choice is not None and not elsewhere:
                alone = clause_no == 0 and i == 1 and i + n == len(read)
                if entry.strength is Strength.TITLE and _someone_else(read, i) and not alone:
                    # ("the owner", a reply alone, is the contact's title)
                    elsewhere = True  # "the CMO signs": not the person spoken to
                elif entry.strength is Strength.TITLE and _belongs(words, read, i, n):
                    elsewhere = True  # "the CEO's assistant": someone of the CEO's
                elif entry.strength is Strength.TITLE and i > 0 and read[i - 1] in _UNDER:
                    pass  # "deputy CFO" is not the CFO: the title says nothing
                elif entry.strength is Strength.PHRASE and lex.roles and (
                        _their_someone(read, i) or (clause_no > 0 and _party_before(read, i))):
                    elsewhere = other_decides = True  # "her director decides", "…, the
                    # board signs off"
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
                    hit = Hit(entry.choice, entry.strength, " ".join(entry.words), fixed, turns,
                              other=(lex.roles and entry.strength is Strength.PHRASE
                                     and _party_before(read, i)))
                    negated = (i <= negated_to and not entry.negated
                               and entry.choice != agrees)
                    (ev.against if negated else ev.found).append(hit)
                    if entry.negated and (n > 1 or opening):
                        # "haven't met the EB", "nobody is fighting for us": its "not"
                        # reaches on (but "no, her boss decides" says "no" twice)
                        negated_to = i + n - 1 + NEGATION_REACH
                        agrees = entry.choice if opening else None
                    if entry.strength is Strength.TITLE:
                        title_at = (i + n, hit)
                        if alone and _someone_else(read, i) and _THIRD_PERSON.search(
                                " ".join(parts[1:])):
                            ev.soft = True  # "the principal, we met him": him, or our contact?
                    last_hit = (i + n, hit)
            if entry.choice is not None and entry.words[-1] in _ASKS:
                break  # "not sure who signs": the rest of the clause is what is not known
            i += n
        answered_here = len(ev.found) + len(ev.against) > hits_before
        if hedged_here and not (hits_before and not answered_here and clause_no > 0
                                and not clause.startswith(TURN) and not hedge_leads
                                and len(words) - hedged_here >= 3):
            # A hedge reaches the answer of its clause and the reply's ("approved, not sure
            # for which year"); but "no budget, they'll ask again next year maybe" hedges
            # only its own aside.
            ev.hedged = True
        if (clause_no > 0 and len(ev.found) + len(ev.against) == hits_before and not elsewhere
                and _NOT_SO_MUCH.search(" ".join(read))
                and any(not _negated_words(h.words) for h in ev.found)):
            # "the reporting we fix, the driver shortage not so much": a "no" to something
            # else than the answer takes part of it back
            ev.unread_no = True
        if lex.roles and not other_decides:
            other_decides = _decided_by_someone(lex, read)
        ev.others_decide = ev.others_decide or other_decides
        if (clause.startswith(TURN) and len(words) >= 2 and not elsewhere
                and not other_decides and words[0] not in _NEGATION_WORDS
                and len(ev.found) + len(ev.against) == hits_before):
            ev.unread_turn = True
            # "no buying power, but loud in their slack": the turn answers the "no"
            ev.turn_from_no = last_negated
        last_negated = any(w in _NEGATION_WORDS for w in read) or any(
            h.choice is not None and _negated_words(h.words) for h in ev.found[hits_before:])
    return ev


_OR = {"or", "nor"}
# "<something else> not so much": a "no" to part of what was said
_NOT_SO_MUCH = re.compile(r"\b\w+ (?:not|no|less) (?:so much|that much|as much|really|so|much)$")
_THIRD_PERSON = re.compile(r"\b(?:him|her)\b", re.I)
_DECISION_WORDS = {stem(w) for w in (
    "decide", "decides", "decided", "decision", "approve", "approves", "approved", "approval",
    "sign", "signs", "signed", "signoff", "signature", "say", "call", "ok", "okay")}


def _decided_by_someone(lex: Lexicon, read: tuple[str, ...]) -> bool:
    """A clause that says someone else decides: a word of deciding and, before or after
    it, a party or a job title ("the decision is made by the board", "the CTO has to
    approve it")."""
    if not any(w in _DECISION_WORDS for w in read):
        return False
    return any(w in _PARTIES or ((e := lex.longest(read, j)) is not None
                                 and e.strength is Strength.TITLE and e.choice is not None)
               for j, w in enumerate(read))


def _negated_words(words: str) -> bool:
    return any(w in _NEGATION_WORDS for w in words.split())


# Words after "no" that leave it an answer ("no they don't", "no, not really"): anything
# else after it is a thing it counts ("no MFA", "zero visibility").
_AFTER_BARE_NO = {"they", "theyre", "we", "were", "she", "shes", "he", "hes", "it", "its",
                  "i", "im", "you", "not", "really", "just", "thank", "sir", "lol", "haha",
                  "sorry", "unfortunately", "sadly", "definitely", "absolutely", "still",
                  "yet", "for", "at", "as", "so", "then", "tbh", "honestly", "ok", "okay",
                  "mate", "man", "chance", "way", "never", "nope", "nah", "no", "none"}


def _determines(read: tuple[str, ...], at: int, clause_no: int) -> bool:
    """A bare negation past the reply's first word that counts the thing after it ("right
    up our street, no MFA"): the word after it is a word of content, not "they", "really"…."""
    after = read[at + 1] if at + 1 < len(read) else ""
    return (at > 0 or clause_no > 0) and after.isalpha() and after not in _AFTER_BARE_NO


_ASKS = {"who", "how", "what", "whether", "which"}
_CONDITIONS = {"if", "unless", "otherwise", "provided"}
# Before a title, a word that makes it someone under that title: "deputy CFO".
_UNDER = {"deputy", "assistant", "associate", "vice", "sub", "junior", "asst", "dep"}


def _belongs(typed: tuple[str, ...], read: tuple[str, ...], at: int, n: int) -> bool:
    """"CEO's assistant": a title typed with "'s" (apostrophes are dropped, so "ceos")
    and followed by what is the title holder's."""
    word = typed[at + n - 1]
    return (word != read[at + n - 1] and word.endswith("s") and at + n < len(read)
            and read[at + n] not in _COPULAS)
_STILL = {"is", "was", "has", "have", "had", "been", "still", "yet", "are", "were"}


def _just_after(read: tuple[str, ...], end: int, at: int) -> bool:
    """A negation at ``at`` follows words that ended at ``end``, with at most "is", "still"
    or such between ("PO not signed", "PO still not signed")."""
    return end <= at and all(w in _STILL for w in read[end:at]) and at - end <= 2


def _answer_follows(lex: Lexicon, read: tuple[str, ...], at: int) -> bool:
    """An answer's phrase starts within a negation's reach after ``at``."""
    return any(lex.longest(read, j) is not None and lex.longest(read, j).choice is not None
               for j in range(at, min(len(read), at + NEGATION_REACH)))


_POSSESSIVES = {"her", "his", "their", "the"}
# Who else may be said to decide, sign or approve: "…, procurement + VP finance sign off".
_PARTIES = {"procurement", "purchasing", "finance", "legal", "board", "committee", "boss",
            "director", "vp", "svp", "evp", "manager", "leadership", "management", "exec",
            "execs", "executive", "hq", "corporate", "parent", "owner", "owners", "founder",
            "founders", "partner", "partners", "ceo", "cfo", "coo", "cto", "cio", "cmo",
            "cro", "gm", "md", "president", "head", "team", "department", "dept", "someone",
            "somebody", "nobody", "others", "other", "upstairs"}


def _party_before(read: tuple[str, ...], at: int) -> bool:
    """Someone else named just before a phrase, past the reply's first clause."""
    return any(w in _PARTIES for w in read[max(0, at - 3):at])


def _their_someone(read: tuple[str, ...], at: int) -> bool:
    """ "her director decides": a phrase whose subject is someone of theirs, named by one
    word after "her", "his", "their" or "the" (but "she is the …" is our contact)."""
    return (at >= 2 and read[at - 2] in _POSSESSIVES and read[at - 1].isalpha()
            and read[at - 1] not in _COPULAS and read[at - 1] not in _DETERMINERS
            and (at < 3 or read[at - 3] not in _COPULAS))


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
        unknown = _unknown_choice(question)
        if ev.hedged and unknown is not None and any(h in _DONT_KNOW for h in ev.hedges):
            # "no clue yet" is an answer where "We don't know yet" is one
            return Reading.of(text, unknown, Confidence.SURE, ev.hedges[0])
        if ev.hedged or negated:
            return Reading.unclear(text)
        return _fuzzy(question, text)
    said_of_others = {h.choice for h in kept if h.other}
    if said_of_others and any(not h.other and h.choice not in said_of_others for h in kept):
        # "VP decides, she's got a lot of pull with him": the title that decides is
        # someone else; what the reply says of the contact is the answer
        kept = [h for h in kept if not h.other]
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
    # "CEO, but the board has the last word": the reply turns where it cannot be read.
    turned = ev.unread_turn
    unknown = _unknown_choice(question) if ev.hedged else None
    if (unknown is not None and chosen == unknown.id
            and all(h in _DONT_KNOW for h in ev.hedges)):
        ev.hedged = False  # "no idea, they won't say": not knowing is the answer itself
    if turned and ev.turn_from_no and not ev.hedged:
        # "no budget, but he said he'd fight for some": the "but" answers the "no", it
        # does not take the answer back; unread, so proposed
        return Reading.of(text, _choice(question, chosen), Confidence.LIKELY, hits[0].words)
    if ev.hedged or turned or ev.unread_no:
        return Reading.unclear(text, (_choice(question, chosen),) if turned else ())
    fixed = min(h.fixed for h in hits)
    likely = (top is Strength.KEYWORD or ev.soft or fixed >= 2
              or bool(QUESTION_MARK.search(text)))
    confidence = Confidence.LIKELY if likely else Confidence.SURE
    how = hits[0].words
    return Reading.of(text, _choice(question, chosen), confidence, how)


_DONT_KNOW = {" ".join(same_articles(words_of(h))) for h in (
    "idk", "dunno", "dont know", "do not know", "no idea", "no clue", "not sure",
    "unclear", "not clear", "who knows", "unsure", "no info", "no information", "cant tell",
    "cant say", "hard to say", "hard to tell", "havent a clue", "havent got a clue",
    "not a clue", "not sure yet", "not yet sure", "not really sure", "not too sure",
    "not so sure", "not quite sure", "not entirely sure", "not certain yet", "not yet certain",
    "not yet clear", "not clear yet", "couldnt tell", "couldnt say")}


def _unknown_choice(question: Question) -> Choice | None:
    """The choice that means "we don't know yet", if the question has one."""
    unknown = {" ".join(words_of(w)) for w in ("unknown", "not known yet", "dont know yet",
                                               "no idea yet")}
    return next((c for c in question.choices
                 if unknown & {" ".join(words_of(p)) for p in (c.label, *c.aliases, *c.phrases)}),
                None)


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
