"""What each answer can be called: a question's words, compiled for reading.

A choice's words come from its flow file (label, ``aliases``, ``phrases``, ``keywords``,
``titles``) and from the shipped sales vocabulary through ``means`` (merged in by the
loader). Reading a clause is one pass over its tokens: at each place the longest known
phrase wins, so "no clear need" is one phrase, not "no" + "clear need".
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import IntEnum

from pydantic import BaseModel, ConfigDict, Field, RootModel

from flows.model import Kind, Question
from flows.reading.languages import (
    FOREIGN_MARK_WORDS,
    HEDGES_ABROAD,
    NEGATIONS_ABROAD,
    SOFTS_ABROAD,
)
from flows.text import stem, tokens, words_of


class Concept(BaseModel):
    """Words that mean one answer, shared by the flows whose choices mean it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    phrases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


class Vocabulary(BaseModel):
    """The shipped sales vocabulary (``config/vocabulary.yaml``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fiscal_year_start: int | None = Field(default=None, ge=1, le=12)
    concepts: dict[str, Concept] = {}
    cues: dict[str, tuple[str, ...]] = {}  # criterion -> words that show notes are about it
    # concept -> the words the language files add to it (filled in by the loader)
    foreign: dict[str, frozenset[str]] = {}


class Language(RootModel[dict[str, Concept]]):
    """A language's words for concepts of the vocabulary (``config/languages/<code>.yaml``):
    concept name -> phrases, keywords, titles, added to the vocabulary's own."""


class Strength(IntEnum):
    """How much one phrase says: weakest first."""

    KEYWORD = 1  # points at an answer: proposed, for a click to confirm
    TITLE = 2  # a job title: the role it usually has, unless the reply says otherwise
    PHRASE = 3  # says the answer outright


class Mark(IntEnum):
    """Words that are not an answer but change how the answer around them is read."""

    NEGATION = 1  # "not", "no", "never", "doesn't"…
    HEDGE = 2  # "maybe", "not sure": never taken as an answer
    SOFT = 3  # "probably", "I think": proposed, not taken
    ELSEWHERE = 4  # "reports to", "her boss": what follows is about someone else


NEGATIONS = ("not", "no", "never", "without", "isnt", "arent", "doesnt", "dont", "didnt",
             "wont", "cant", "cannot", "hasnt", "havent", "hadnt", "wasnt", "werent",
             "shouldnt", "wouldnt", "couldnt", "neither", "nor", "non", "lack", "lacks",
             "lacking", "nobody", "nobodys", "noone", "noones", "zero", "aint", "nothing",
             # in French, Italian, Indonesian
             "pas", "senza", "tidak")
HEDGES = ("maybe", "mayb", "mb", "not sure", "unsure", "not certain", "uncertain", "idk",
          "dunno", "dont know", "do not know", "no idea", "no clue", "possibly", "perhaps",
          "might", "might be", "could be", "may be", "hard to say", "hard to tell",
          "cant tell", "cant say", "depends", "it depends", "depending", "tbc",
          "to be confirmed", "unclear", "not clear", "who knows",
          # the SDR could not tell: "didn't get clarity"
          "didnt get clarity", "no clarity", "not much clarity", "didnt get a clear answer",
          "no clear answer",
          # they did not say: "no timeline given", "no date given"
          "no timeline given", "no timing given", "no date given", "no timeframe given",
          "didnt give a timeline", "didnt give a date", "didnt give a timeframe", "let me check",
          "will check", "need to check", "need to confirm", "have to check", "gotta check",
          # the SDR will ask again: "will clarify next call", "to be clarified"
          "will clarify", "to clarify", "need to clarify", "needs clarifying", "to be clarified",
          "will confirm", "to confirm", "will double check", "need to double check",
          "need to figure out", "to figure out", "figure out who", "need to find out",
          "to find out", "find out who",
          # the answer put off: "ask me next week", "will find out", "I'll get back to you"
          "ask me", "ask me again", "ask again", "will find out", "ill find out",
          "gonna find out", "going to find out", "get back to you", "get back to me",
          "get back to us", "will get back", "still checking", "checking with", "to be checked",
          "theyll send", "will send", "to send over", "theyll share", "will share",
          # the prospect said two things: "they weren't consistent"
          "werent consistent", "not consistent", "inconsistent", "mixed messages",
          "mixed signals", "conflicting answers", "contradicted themselves",
          "contradicted himself", "contradicted herself", "contradicting", "contradictory",
          "was vague", "were vague", "very vague", "bit vague", "confused", "confusing",
          "wasnt specific", "werent specific", "wasnt very specific", "werent very specific",
          "not very specific",
          # nothing told: "none given", "dates not given"
          "none given", "not given", "wasnt given", "werent given",
          "didnt ask", "didnt say", "did not say", "forgot to ask", "not discussed",
          "didnt come up", "didnt get to", "havent asked", "not asked",
          "or not", "50 50", "fifty fifty", "mix", "hmm", "hmmm", "um", "umm", "ugh",
          "guess so", "sort of", "sorta", "kinda", "ish",
          "in theory", "supposedly", "allegedly", "not confirmed", "unconfirmed",
          "no info", "no information", "n a", "na", "tba", "circle back",
          # (a follow-up to come, not "cc'd the MD on the follow-up")
          "will follow up", "to follow up", "gonna follow up", "following up", "follow up on",
          "follow up next",
          "havent a clue", "havent got a clue", "not a clue", "no clue", "no freaking idea",
          "couldnt tell", "couldnt say", "cant be sure",
          # "not yet sure", "not really sure": a "not" before "sure" is no "no"
          "not yet sure", "not sure yet", "not really sure", "not too sure", "not so sure",
          "not quite sure", "not entirely sure", "not totally sure", "not 100% sure",
          "not completely sure", "not fully sure", "not that sure", "not super sure",
          "not certain yet", "not yet certain", "not yet clear", "not clear yet",
          # still to be thought over
          "need to think", "needs to think", "thinking it over", "think it over", "mull it over",
          "mulling it over",
          "sleep on it", "sleeping on it",
          # a condition or a slip: "they'd have budget if the deal closes", "Q1 if budget,
          # otherwise later", "by march but that's slipping"
          "if", "unless", "otherwise", "provided", "slipping", "slipped", "yeah right",
          "ya right", "as if", "doubt it", "i doubt it", "doubtful", "i doubt", "doubt",
          # two answers at once: "a bit of both", "some in-house and some tooling"
          "bit of both", "mix of both", "both really", "a bit of each", "a mix", "mix of",
          "mixture of", "half and half", "combination of", "some of each", "either or",
          "one or the other", "hybrid",
          # a time that waits on an event: "whenever the board signs it off"
          "whenever the", "whenever they", "whenever their", "whenever she", "whenever he",
          "whenever it", "whenever we", "whenever our", "whenever her", "whenever his",
          "depends on", "dependent on", "contingent on",
          # the decision shared: either answer could be theirs ("co-decides with the CEO")
          "co decides", "codecides", "co decide", "decides jointly", "decide jointly",
          "joint decision", "shared decision", "decision is shared",
          # the topic not talked about: "no budget talk", "no numbers shared"
          "no budget talk", "no budget discussion", "no budget numbers", "no numbers shared",
          "budget not discussed", "didnt discuss budget", "didnt talk budget",
          # a shrug is a "dunno": "next year at some point 🤷"
          "🤷", "shrug")
SOFTS = ("think about it", "thinking about it",  # considering it: "for late 2027", say
         "meh", "eh",  # a shrug, no answer alone; beside one ("meh, nice to have") a guess
         "kind of", "somewhat", "probably", "prob", "probs", "likely", "most likely", "i think",
         "think", "i believe", "believe", "i guess", "guess", "hopefully", "should", "should be",
         "seems", "seem", "seemed", "seems like", "seemed like", "looks like", "sounds like",
         "apparently", "pretty sure",
         "fairly sure", "im pretty sure", "expect", "expects", "expected", "assume",
         "assuming", "presumably", "reportedly", "they say", "they said", "claims",
         "claimed", "said so", "i reckon", "reckon", "feels like", "feel like", "afaik",
         "iirc", "as far as i know")
ELSEWHERE = ("reports to", "reporting to", "reporting into", "reports into", "works for",
             "working for", "works under", "under the", "her boss", "his boss", "their boss",
             "boss is", "the boss is", "manager is", "approval from", "sign off from",
             "signoff from", "sign-off from", "okay from", "ok from", "above her",
             "above him", "above them", "run by", "answers to", "decision is with",
             "decision sits with", "decision lies with", "up to the", "up to her",
             "up to his", "up to their")


ARTICLES = {"the", "a", "an"}
_ARTICLE = {"a": "the", "an": "the"}


_NUMBER = re.compile(r"\d[\d.,]*(?:k|m|mm|bn|x)?")
_PERCENT = re.compile(r"\d[\d.,]*%")


def _number_kind(word: str) -> str | None:
    """The placeholder a phrase writes for this word: "num" for a number ("45", "2k",
    "1.5m", "3x"), "num%" for a percentage, else None."""
    if not word[:1].isdigit():
        return None
    if _NUMBER.fullmatch(word):
        return "num"
    return "num%" if _PERCENT.fullmatch(word) else None


def same_articles(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words with "a" and "an" read as "the": "putting together the budget" is "putting
    together a budget"."""
    return tuple(_ARTICLE.get(w, w) for w in words)


# Said of what was once so: "she used to be the decision maker", "ex-CFO".
NEGATION_PHRASES = ("used to be", "used to", "no longer", "not anymore", "not any more",
                    "formerly", "previously", "ex", "former")

# Words that look like a negation or a hedge and are none: "no doubt", "no worries".
NEUTRAL = ("no doubt", "no doubt about it", "without a doubt", "no question", "no questions",
           "no worries", "no joke", "not kidding", "not gonna lie", "no lie",
           # "they don't just want it, they need it": not only, no negation
           "not just", "dont just", "doesnt just", "didnt just", "not only", "not simply",
           "not merely",
           # "doing nothing but keying orders": only that
           "nothing but", "do nothing but", "doing nothing but", "does nothing but",
           # nouns that start with "no": "no-shows on the wards", "no-go"
           "no shows", "no show", "no go", "no brainer")
# Other languages' "not", "maybe" and "probably" (flows.reading.languages), read as these are
_FOREIGN_MARKS = FOREIGN_MARK_WORDS - frozenset(
    w for text in (*NEGATIONS, *NEGATION_PHRASES, *HEDGES, *SOFTS, *ELSEWHERE, *NEUTRAL)
    for w in tokens(text))
NEGATIONS += tuple(w for w in NEGATIONS_ABROAD if len(tokens(w)) == 1)
NEGATION_PHRASES += tuple(w for w in NEGATIONS_ABROAD if len(tokens(w)) > 1)
HEDGES += HEDGES_ABROAD
SOFTS += SOFTS_ABROAD

BASIC_YES = ("yes", "y", "yep", "yeah", "yup", "sure", "correct", "absolutely", "definitely")
BASIC_NO = ("no", "n", "nope", "nah", "not really", "negative", "not that i know of",
            "not that we know of", "none that i know of", "none that we know of")


@dataclass(frozen=True)
class Entry:
    """A phrase of a question: the choice it names and how strongly, or a mark."""

    words: tuple[str, ...]
    choice: str | None = None  # a choice id; None for a mark
    strength: Strength = Strength.PHRASE
    mark: Mark | None = None
    negated: bool = False  # the phrase holds a negation itself ("no budget")


@dataclass
class Lexicon:
    """A question's phrases and marks by first word, longest first, and every word known
    (the words misspellings are forgiven into)."""

    starts: dict[str, list[Entry]] = field(default_factory=dict)
    known: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)  # folded label -> choice id
    roles: bool = False  # the question asks who decides (its choices have job titles)
    targets: frozenset[str] = frozenset()  # the known words a misspelling is read as

    def add(self, entry: Entry) -> None:
        if not entry.words:
            return
        entry = _shared(replace(entry, words=same_articles(entry.words)))
        bucket = self.starts.setdefault(entry.words[0], [])
        for i, other in enumerate(bucket):
            if other.words == entry.words:
                # The same words twice: the stronger meaning wins, an answer over a mark.
                if _rank(entry) > _rank(other):
                    bucket[i] = entry
                return
        bucket.append(entry)
        bucket.sort(key=lambda e: -len(e.words))

    def longest(self, words: tuple[str, ...], at: int) -> Entry | None:
        first = words[at]
        found = self._longest(self.starts.get(_ARTICLE.get(first, first), ()), words, at)
        kind = _number_kind(first)
        if kind is not None:  # "from 45 days to 30": a phrase with NUM in it
            other = self._longest(self.starts.get(kind, ()), words, at)
            if other is not None and (found is None or len(other.words) > len(found.words)):
                return other
        return found

    @staticmethod
    def _longest(bucket: Iterable[Entry], words: tuple[str, ...], at: int) -> Entry | None:
        for entry in bucket:
            n = len(entry.words)
            said = same_articles(words[at:at + n])
            if said == entry.words or (len(said) == n and all(
                    e == w or e == _number_kind(w)
                    for e, w in zip(entry.words, said, strict=True))):
                return entry
        return None


# Equal entries as one object: every question's lexicon holds the same marks and negations,
# and the questions of several flows the same phrases (the shipped flows' 35 lexicons hold
# some 25,000 entries, 10,000 of them distinct).
_ENTRIES: dict[Entry, Entry] = {}


def _shared(entry: Entry) -> Entry:
    if len(_ENTRIES) > 100_000:  # flows edited again and again: start afresh
        _ENTRIES.clear()
    return _ENTRIES.setdefault(entry, entry)


def _rank(entry: Entry) -> tuple[int, int]:
    return (entry.choice is not None, int(entry.strength))


_CACHE: dict[int, tuple[Question, Lexicon]] = {}


def lexicon(question: Question) -> Lexicon:
    """The compiled phrases of ``question`` (built once per question object)."""
    hit = _CACHE.get(id(question))
    if hit is not None and hit[0] is question:
        return hit[1]
    built = _build(question)
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[id(question)] = (question, built)
    return built


def _build(question: Question) -> Lexicon:
    lex = Lexicon()
    negations = set(NEGATIONS)
    for group, mark in ((HEDGES, Mark.HEDGE), (SOFTS, Mark.SOFT), (ELSEWHERE, Mark.ELSEWHERE)):
        for phrase in group:
            lex.add(Entry(words_of(phrase), mark=mark))
    for word in NEGATIONS:
        lex.add(Entry((stem(word),), mark=Mark.NEGATION))
    for phrase in NEGATION_PHRASES:
        lex.add(Entry(words_of(phrase), mark=Mark.NEGATION))
    for phrase in NEUTRAL:
        lex.add(Entry(words_of(phrase)))
    if question.kind is Kind.YES_NO:  # yes and no are understood even with no vocabulary
        for choice_id, said in (("yes", BASIC_YES), ("no", BASIC_NO)):
            for phrase in said:
                lex.add(Entry(words_of(phrase), choice_id, Strength.PHRASE,
                              negated=choice_id == "no"))
    for choice in question.choices:
        lex.labels[" ".join(words_of(choice.label))] = choice.id
        named = [(choice.label, Strength.PHRASE), *((a, Strength.PHRASE) for a in choice.aliases),
                 *((p, Strength.PHRASE) for p in choice.phrases),
                 *((t, Strength.TITLE) for t in choice.titles),
                 *((k, Strength.KEYWORD) for k in choice.keywords)]
        if choice.short:
            named.append((choice.short, Strength.PHRASE))
        for text, strength in named:
            words = words_of(text)
            negated = any(w in negations for w in words)
            lex.add(Entry(words, choice.id, strength, negated=negated))
            bare = tuple(w for w in words if w not in ARTICLES)
            if bare != words and len(bare) >= 2 and words[-1] not in ARTICLES:
                # "owns the budget" is also "owns budget" (but "up to the" is no "up to")
                lex.add(Entry(bare, choice.id, strength, negated=negated))
    lex.roles = any(c.titles for c in question.choices)
    # never "corrected" into answers
    marks = (*NEGATIONS, *NEGATION_PHRASES, *HEDGES, *SOFTS, *ELSEWHERE)
    lex.known = frozenset(w for c in question.choices
                          for text in (c.label, *c.aliases, *c.phrases, *c.keywords, *c.titles)
                          for w in tokens(text) if w.isalpha()) | frozenset(
        w for text in marks for w in tokens(text))
    # …but never into a word of another language ("Kevin" is no "kein", "budjet" no "budżet")
    lex.targets = lex.known - _FOREIGN_MARKS - frozenset(question.foreign)
    return lex
