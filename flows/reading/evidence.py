"""What a reply says about each choice of a question: the evidence a reading decides on.

Each clause of the reply is scanned for the question's phrases (longest first). A
negation reaches the phrases that follow it in its clause; "reports to", "her boss"
or "the CFO" (someone else, named after "the") send the rest of the clause elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flows.model import Kind, Question
from flows.reading.languages import GAPS_ABROAD
from flows.reading.lexicon import NEGATIONS, Entry, Lexicon, Mark, Strength, lexicon
from flows.reading.people import (
    DECISION_WORDS,
    DETERMINERS,
    PARTIES,
    PERSONS,
    POSSESSIVES,
    THIRD_PERSON,
    TITLE_NAME,
    UNDER,
    back_to_contact,
    belongs,
    contact_apart,
    decided_by_someone,
    one_who,
    party_before,
    someone_else,
    their_someone,
)
from flows.reading.words import TURN, clauses, corrections
from flows.text import stem, tokens

NEGATION_REACH = 4  # words after a negation that it still reaches ("not really the DM")
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
    said_of_others: set[str] = field(default_factory=set)  # the answers said of them
    turn_from_no: bool = False  # …and what it turns from was a "no" ("no say, but loud")
    denied_turn: bool = False  # "…, but not <words that name no answer>"
    unread_no: bool = False  # after an answer, a clause that says "no" to something unread
    contact_apart: bool = False  # "…, our contact will set up a call": someone else named
    not_the_rest: bool = False  # …or opens on "not" or "except" ("…, not the claims side")

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
    turns, unread_at = 0, -1
    hedged_clauses: list[tuple[int, set[str]]] = []  # each clause a hedge reaches, its answers
    firm: set[str] = set()  # …and the answers of the clauses none does,
    firm_at = -1  # the last of which is here
    last_negated = False  # the clause before held a negation
    singular = False  # a clause before spoke of the contact as "he" or "she"
    other_before = False  # the clause before named someone else and said nothing of them
    # "CFO Mark decides" is "CFO decides": the name says who, and cuts no phrase
    text = TITLE_NAME.sub(lambda m: m[1] if m[2].lower() not in lex.known else m[0], text)
    parts = clauses(_WHICH_BUDGET.sub(r"\1 budget", _PAREN_NAME.sub("", text)))
    for clause_no, clause in enumerate(parts):
        turns += clause.startswith(TURN)
        words = tuple(w for w in tokens(clause) if w not in _FILLERS)
        if not words:
            continue
        ev.words += len(words)
        fixes = {w: f for w, f in corrections(words, lex.known, lex.targets).items()
                 if w not in names and w not in _CONTRACTIONS and f.read not in _NEVER_GUESSED}
        read = tuple(stem(fixes[w].read if w in fixes else w) for w in words)
        negated_to, elsewhere, i = -1, False, 0
        agrees: str | None = None  # the answer an opening "no" gives, which it never negates
        last_hit: tuple[int, Hit] | None = None  # where the last answer's words ended
        title_at: tuple[int, Hit] | None = None  # the last job title read in this clause
        hits_before = len(ev.found) + len(ev.against)
        other_decides = False  # the clause says someone else decides ("the board signs")
        hedged_here, hedge_leads = 0, False  # words of hedges in this clause; one opens it
        condition = False  # past an "if" of a yes/no question, in this clause
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
            if (question.kind is Kind.YES_NO and i > 0 and read[i - 1] in _CONDITIONS
                    and (entry.mark is Mark.NEGATION or entry.choice == "no")):
                i += n  # "they lose the customer if no portal by summer": the "no" is the
                continue  # condition's, not the answer
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
                    and read[i - 1] in DETERMINERS | {"this", "that", "what", "any", "some",
                                                       "which", "these", "those", "every"}):
                entry = Entry(entry.words)  # "this kind of software" hedges nothing
            if (entry.words == ("whenever",) and not last
                    and read[i + 1] not in {"really", "whatever", "work", "is", "fine", "ok"}):
                entry = Entry(entry.words, mark=Mark.HEDGE)  # "whenever budget frees up"
            if (entry.mark is Mark.HEDGE and "back" in entry.words
                    and _brings_decision(read[i + n:i + n + 7])):
                entry = Entry(entry.words)  # "they'll get back to us next week with a
                # decision": when the decision comes, not an answer put off
            if entry.mark is Mark.NEGATION:
                negated_to, agrees = i + NEGATION_REACH + one_who(read, i + n), None
                if (last_hit is not None and _just_after(read, last_hit[0], i)
                        and not _answer_follows(lex, read, i + 1) and last_hit[1] in ev.found):
                    # "PO not signed yet": a "not" right after an answer's words turns on them
                    ev.found.remove(last_hit[1])
                    ev.against.append(last_hit[1])
            elif entry.mark is Mark.HEDGE and (entry.words[0] in _CONDITIONS | _SHRUGS
                                               and question.kind is Kind.YES_NO):
                # "yes, a fine if they're breached again": yes/no questions ask "if";
                # "nah 🤷" is a "no", said with a shrug
                condition = condition or entry.words[0] in _CONDITIONS
            elif entry.mark is Mark.HEDGE and condition:
                pass  # "…if SLAs keep slipping": the slip is the condition's, not the answer's
            elif entry.mark is Mark.HEDGE:
                hedged_here += len(entry.words)
                hedge_leads = hedge_leads or i == 0
                ev.hedges.append(" ".join(entry.words))
            elif entry.mark is Mark.SOFT:
                ev.soft = True
            elif entry.mark is Mark.ELSEWHERE and (lex.roles or question.kind is not Kind.YES_NO):
                elsewhere = True  # (whether someone gets a win, a KPI: her boss's counts too)
            elif entry.choice is not None and (not elsewhere or back_to_contact(entry)):
                alone = clause_no == 0 and i == 1 and i + n == len(read)
                if entry.strength is Strength.TITLE and someone_else(read, i) and not alone:
                    # ("the owner", a reply alone, is the contact's title)
                    elsewhere = True  # "the CMO signs": not the person spoken to
                elif entry.strength is Strength.TITLE and belongs(words, read, i, n):
                    elsewhere = True  # "the CEO's assistant": someone of the CEO's
                elif entry.strength is Strength.TITLE and i > 0 and read[i - 1] in UNDER:
                    pass  # "deputy CFO" is not the CFO: the title says nothing
                elif (entry.strength is Strength.TITLE and clause_no > 0
                      and _of_the_contact(words[i + n:])):
                    elsewhere = True  # "payroll clerk, FD listens to her": the FD is
                    # someone else, who speaks of our contact as "her"
                elif (entry.strength is Strength.PHRASE and lex.roles and other_before
                      and i <= 2 and _OF_CONTACT.intersection(entry.words)
                      and entry.choice == _best_choice(question)):
                    elsewhere = other_decides = True  # "will recommend it to the FD, but it's
                    # his decision": his, the one just named, not our contact's
                elif entry.strength is Strength.PHRASE and lex.roles and not back_to_contact(
                        entry) and (their_someone(read, i)
                                    or (clause_no > 0 and party_before(read, i))):
                    elsewhere = other_decides = True  # "her director decides", "…, the
                    # board signs off"
                elif (title_at is not None and clause_no > 0 and title_at[0] >= i - 2
                      and entry.strength is Strength.PHRASE and title_at[1].choice == entry.choice
                      and title_at[1] in ev.found):
                    # "…, CIO decides": after what the reply said of our contact, a title
                    # that acts is someone else.
                    ev.found.remove(title_at[1])
                    elsewhere = True
                elif entry.words[-1] in POSSESSIVES - {"the"} and i + n < len(read) and (
                        read[i + n] in PERSONS):
                    elsewhere = True  # "met her assistant": not her, someone of hers
                elif (lex.roles and entry.strength is Strength.PHRASE and (
                        (_DECIDING.intersection(entry.words)
                         and (_reported_other(read, i) or (i == 1 and read[0] == "it" and n == 1)))
                        or (DECISION_WORDS.intersection(entry.words)
                            and _owned_by_other(lex, read, i + n)))):
                    elsewhere = other_decides = True  # "she says IT decides", "…, but IT
                    # decides", "the final call is the CEO's": whoever is named decides
                elif (lex.roles and entry.strength is Strength.PHRASE
                      and _DECIDING.intersection(entry.words) and _must_by_other(read, i)):
                    elsewhere = other_decides = True  # "bursar has to approve": someone
                    # named, whose approval is needed; not our contact
                elif (lex.roles and entry.strength is Strength.PHRASE and singular
                      and _DECIDING.intersection(entry.words)
                      and (entry.words[0] in _THEY or (i > 0 and read[i - 1] in _THEY))):
                    elsewhere = other_decides = True  # "he'll push for us with the partners,
                    # they sign": after "he" or "she" for our contact, "they" are the others
                elif _aimed_at(read, i) and entry.choice == _best_choice(question):
                    ev.soft = True  # "a biz case to get it budgeted": the aim, not what is
                else:
                    fixed = max((fixes[w].distance for w in words[i:i + n] if w in fixes),
                                default=0)
                    hit = Hit(entry.choice, entry.strength, " ".join(entry.words), fixed, turns,
                              other=(lex.roles and entry.strength is Strength.PHRASE
                                     and party_before(read, i)
                                     and not back_to_contact(entry)))
                    negated = (i <= negated_to and not entry.negated
                               and entry.choice != agrees and not _names_problem(question, entry))
                    (ev.against if negated else ev.found).append(hit)
                    if entry.negated and (n > 1 or opening):
                        # "haven't met the EB", "nobody is fighting for us": its "not"
                        # reaches on (but "no, her boss decides" says "no" twice)
                        negated_to = i + n - 1 + NEGATION_REACH
                        agrees = entry.choice if opening else None
                    if entry.strength is Strength.TITLE:
                        title_at = (i + n, hit)
                        if _not_yet_theirs(read, i, n):
                            ev.soft = True  # "CFO-to-be, starts in Jan": not theirs yet
                        if alone and someone_else(read, i) and THIRD_PERSON.search(
                                " ".join(parts[1:])):
                            ev.soft = True  # "the principal, we met him": him, or our contact?
                    last_hit = (i + n, hit)
            if entry.choice is not None and entry.words[-1] in _ASKS:
                break  # "not sure who signs": the rest of the clause is what is not known
            i += n
        answered_here = len(ev.found) + len(ev.against) > hits_before
        singular = singular or bool(_SINGULAR.intersection(read))
        # the clause handed on to someone else ("…to the FD"), who a "his" next may be
        other_before = elsewhere and bool(_HANDED_TO.search(" ".join(words)))
        if clause_no > 0 and hits_before and not answered_here and _DROPPED.search(
                " ".join(words)):
            # "looked at an offshore team, got a quote, dropped it": what they gave up is no
            # longer their answer; what follows is, proposed (a story, not a statement)
            del ev.found[:], ev.against[:]
            ev.soft = True
        if hedged_here and not (hits_before and not answered_here and clause_no > 0
                                and not clause.startswith(TURN) and not hedge_leads
                                and len(words) - hedged_here >= 3):
            # A hedge reaches the answer of its clause and the reply's ("approved, not sure
            # for which year"); but "no budget, they'll ask again next year maybe" hedges
            # only its own aside.
            # (only a hedge beside the answer's words, "maybe later", can agree)
            short = len(words) - hedged_here <= 2 and not clause.startswith(TURN)
            hedged_clauses.append(
                (clause_no, {h.choice for h in ev.found[hits_before:]} if short else set()))
        elif ev.found[hits_before:]:
            firm |= {h.choice for h in ev.found[hits_before:]}
            firm_at = clause_no
        if (clause_no > 0 and len(ev.found) + len(ev.against) == hits_before and not elsewhere
                and _NOT_SO_MUCH.search(" ".join(read))
                and any(not _negated_words(h.words) for h in ev.found)):
            # "the reporting we fix, the driver shortage not so much": a "no" to something
            # else than the answer takes part of it back
            ev.unread_no = True
        if lex.roles and not other_decides:
            other_decides = decided_by_someone(lex, read)
        ev.others_decide = ev.others_decide or other_decides
        if (lex.roles and other_decides and elsewhere and question.kind is not Kind.YES_NO):
            # "…, so the CFO signs": the answers said of someone else
            ev.said_of_others |= _phrase_choices(lex, read)
        if unread_at == turns and not clause.startswith(TURN) and answered_here:
            # "a need, but for a payroll tool, not for us": the turn goes on to its answer
            ev.unread_turn = ev.turn_from_no = False
        if clause.startswith(TURN) and " ".join(words) in _ONLY:
            pass  # "…, but that's it": only what was said, no turn
        elif (clause.startswith(TURN) and len(words) >= 2 and not elsewhere
                and not other_decides and words[0] not in _NEGATION_WORDS
                and not (words[0] in _THERE and _NEGATION_WORDS.intersection(read[1:3]))
                and len(ev.found) + len(ev.against) == hits_before):
            ev.unread_turn, unread_at = True, turns
            # "no buying power, but loud in their slack": the turn answers the "no"
            ev.turn_from_no = last_negated
        elif (clause.startswith(TURN) and len(words) >= 2 and not elsewhere
                and not other_decides and len(ev.found) + len(ev.against) == hits_before):
            ev.denied_turn = True  # "…, but wouldn't share them": a "no" to the rest
        elif (clause_no > 0 and hits_before and words[0] in {"not", "except", "apart"}
                and len(words) >= 2 and len(ev.found) + len(ev.against) == hits_before):
            ev.not_the_rest = True  # "we fix the docs, not the claims side"
        last_negated = any(w in _NEGATION_WORDS for w in read) or any(
            h.choice is not None and _negated_words(h.words) for h in ev.found[hits_before:])
    if hedged_clauses:
        # "maybe later, too early": a hedged clause that only says again what a later one says
        # outright makes the answer a guess, proposed; any other hedge leaves no answer (the
        # last word hedged, "not this year, maybe next year", is a guess still open)
        agreeing = len(firm) == 1 and all(c and c <= firm and n < firm_at
                                          for n, c in hedged_clauses)
        ev.soft = ev.soft or agreeing
        ev.hedged = not agreeing
    if lex.roles and contact_apart(parts):
        # "CFO decides, our contact will set up a call with him": what was decided before
        # is someone else's, not our contact's
        top = max(question.choices, key=lambda c: c.points).id
        ev.found = [h for h in ev.found if h.choice != top]
        ev.others_decide = ev.contact_apart = True
    return ev


# A name in brackets after a title says who, and cuts no clause: "CFO (Dan) has final say"
# (a title in brackets, "Erik (COO)", stays the contact's)
_PAREN_NAME = re.compile(r"\s*\((?:[A-Z][a-z][\w'’-]*\.?)(?:\s+[A-Z][a-z][\w'’-]*){0,2}\)")
# "owns the security budget", "sitting in the digital budget": which budget says nothing of
# its state, and cuts no phrase ("owns the budget", "sitting in the budget")
_WHICH_BUDGET = re.compile(
    r"(?i)\b(the|their|her|his|our) (?!(?:whole|full|entire|annual|next|this|last|same|new"
    r"|approved|draft|proposed|jan|january|feb|february|mar|march|apr|april|may|june?|july?"
    r"|aug|august|sept?|september|oct|october|nov|november|dec|december|spring|summer|autumn"
    r"|fall|winter|q[1-4]|h[12]|fy\w*|years?)\b)"
    r"[a-z]{2,12} budget\b(?! (?:round|cycle|process|review|meeting|season|planning|talks"
    r"|discussions?|proposal|request|submission|workshop))")
_OR = {"or", "nor"}
# "…, but there's zero budget": a "no" to something else, as "…, but no budget" is
_THERE = {"theres", "there", "theyve", "they", "theyre"}
# the contact as one person, and then others as "they"
_SINGULAR = {"he", "she", "hes", "shes", "hell", "shell", "hed", "shed"}
_THEY = {"they", "theyll", "theyd", "theyre"}
# "…, but that's it": the answer said, and nothing more
_ONLY = {"thats it", "that is it", "thats all", "that is all", "nothing more", "thats about it",
         "no more", "no more than that", "not more"}

# "<something else> not so much": a "no" to part of what was said
_NOT_SO_MUCH = re.compile(r"\b\w+ (?:not|no|less) (?:so much|that much|as much|really|so|much)$")


def _phrase_choices(lex: Lexicon, read: tuple[str, ...]) -> set[str]:
    """The answers whose phrases of deciding a clause says ("signs", "makes the call")."""
    found = (lex.longest(read, j) for j in range(len(read)))
    return {e.choice for e in found if e is not None and e.choice is not None
            and e.strength is Strength.PHRASE and _DECIDING.intersection(e.words)}


_DECIDING = DECISION_WORDS - {"call"} | {"make"}  # ("the next call" decides nothing)


# "she says IT decides", "he reckons finance signs": the one named after the contact's words
_REPORTED = {"say", "said", "saying", "claim", "claimed", "think", "thought", "reckon",
             "reckoned", "told", "tell"}
_CONTACT_SUBJECTS = {"he", "she", "i", "hes", "shes", "him", "her", "me", "us", "we"}


def _reported_other(read: tuple[str, ...], at: int) -> bool:
    """A phrase of deciding whose subject, just after "says" or "told us", is not the
    contact: "says IT decides", "told us the board signs", not "says she decides"."""
    before = [w for w in read[max(0, at - 3):at] if w not in {"that", "us", "me"}]
    return (len(before) >= 2 and before[-2] in _REPORTED and before[-1].isalpha()
            and before[-1] not in _CONTACT_SUBJECTS) or (
        len(before) >= 3 and before[-3] in _REPORTED and before[-2] in DETERMINERS
        and before[-1] not in _CONTACT_SUBJECTS)


def _must_by_other(read: tuple[str, ...], at: int) -> bool:
    """ "bursar has to approve", "the proprietor must sign": a word of deciding after "has
    to" or "must", whose subject is named and is not the contact ("she has to approve")."""
    before = read[max(0, at - 3):at]
    if tuple(before[-2:]) in _MUST:
        subject = before[-3] if len(before) == 3 else ""
    elif before[-1:] == ("must",):
        subject = before[-2] if len(before) >= 2 else ""
    else:
        return False
    return subject.isalpha() and subject not in _CONTACT_SUBJECTS | {"they", "it", "who"}


_MUST = {("has", "to"), ("have", "to"), ("need", "to"), ("needs", "to"), ("got", "to")}
_OWNED = {"is", "was", "are", "sits", "lies", "rests", "stays"}


def _owned_by_other(lex: Lexicon, read: tuple[str, ...], end: int) -> bool:
    """ "the final call is the CEO's", "the decision sits with the board": a phrase of deciding
    followed by whose it is, someone named (a title or a party) rather than the contact."""
    if end >= len(read) or read[end] not in _OWNED:
        return False
    rest = [w for w in read[end + 1:end + 4] if w not in {"with", "the", "their", "up", "to"}]
    if not rest:
        return False
    entry = lex.longest(tuple(rest), 0)
    return rest[0] in PARTIES or (entry is not None and entry.strength is Strength.TITLE)


# "to get it budgeted", "to be approved": what the words after aim at, not what already is
_AIM_OBJECTS = {"it", "this", "that", "one", "a", "the", "some", "them", "their", "its"}


def _aimed_at(read: tuple[str, ...], at: int) -> bool:
    before = read[max(0, at - 3):at]
    if before and before[-1] in _AIM_OBJECTS:
        before = before[:-1]
    return tuple(before[-2:]) in {("to", "get"), ("to", "be"), ("trying", "get"),
                                  ("hoping", "get")}


def _best_choice(question: Question) -> str:
    """The answer worth the most points (funded, signed off): the one an aim is aimed at."""
    return max(question.choices, key=lambda c: c.points).id


def _names_problem(question: Question, entry: Entry) -> bool:
    """A word that names a problem we solve ("tracking", "visibility"), as a keyword of the
    core fit: "no real-time tracking" names that problem, a "no" before it negates nothing."""
    if entry.strength is not Strength.KEYWORD or entry.choice is None:
        return False
    chosen = question.choice(entry.choice)
    return chosen is not None and "fit_core" in chosen.means


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


def _not_yet_theirs(read: tuple[str, ...], at: int, n: int) -> bool:
    """A title still to come: "incoming CFO", "CFO-to-be", "CFO designate"."""
    return (at > 0 and read[at - 1] in {"incoming", "future"}) or tuple(
        read[at + n:at + n + 2]) == ("to", "be") or (
        at + n < len(read) and read[at + n] in {"designate", "elect"})


_OF_CONTACT = {"her", "him", "his"}
# a clause that ends on whom something goes to: "will recommend it to the FD"
_HANDED_TO = re.compile(r"\b(?:to|with|by|past|via) (?:the |her |his |their )?\w+(?: \w+)?$")
# An option given up: "dropped it", "scrapped the idea", "ruled that out"
_DROPPED = re.compile(r"\b(?:dropped|ditched|scrapped|binned|abandoned|killed|nixed|ruled"
                      r"|gave up on|give up on|decided against|passed on|walked away from)"
                      r" (?:it|that|them|the idea|this)(?: out)?$")


def _of_the_contact(after: tuple[str, ...]) -> bool:
    """The words after a title speak of someone else as "her", "him" or "his" (not "his
    own"): the title is that someone else's, not the contact's."""
    return any(w in _OF_CONTACT and (k + 1 == len(after) or after[k + 1] not in {"own", "self"})
               for k, w in enumerate(after))


_ASKS = {"who", "how", "what", "whether", "which"}
_CONDITIONS = {"if", "unless", "otherwise", "provided"}
# a condition is never read into a slip: "provider" is no "provided"
_NEVER_GUESSED = _CONDITIONS
# "he'd", "they'd" with the apostrophe dropped are no slips: "hed" is no "head"
_CONTRACTIONS = {"hed", "theyd", "itd", "youd", "wed", "whod", "thatd", "thered", "shed"}
_SHRUGS = {"🤷", "shrug"}


_STILL = {"is", "was", "has", "have", "had", "been", "still", "yet", "are", "were"}


# …and the particles between a word and the "not" after it in Japanese and Korean ("社長では
# ない", "대표가 아니에요")
_STILL |= GAPS_ABROAD


def _just_after(read: tuple[str, ...], end: int, at: int) -> bool:
    """A negation at ``at`` follows words that ended at ``end``, with at most "is", "still"
    or such between ("PO not signed", "PO still not signed")."""
    return end <= at and all(w in _STILL for w in read[end:at]) and at - end <= 2


def _answer_follows(lex: Lexicon, read: tuple[str, ...], at: int) -> bool:
    """An answer's phrase starts within a negation's reach after ``at``."""
    return any(lex.longest(read, j) is not None and lex.longest(read, j).choice is not None
               for j in range(at, min(len(read), at + NEGATION_REACH)))


def _brings_decision(after: list[str]) -> bool:
    """Whether the words after "get back to us" bring the decision itself ("… next week with
    a decision", "… with their answer in january")."""
    return any(w == "with" and set(after[k + 1:k + 3]) & {"decision", "answer", "verdict"}
               for k, w in enumerate(after))
