"""Words of a reply: tokens, clauses, and the misspellings forgiven.

A reply is cut into clauses (at commas, full stops, "but", "and"...), so that a
negation or a hedge only reaches the words of its own clause: in "not the decision
maker, she recommends" the "not" says nothing of "she recommends".
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from flows.reading.languages import TURNS_ABROAD, TURNS_CJK
from flows.text import fold

# Clause breaks: punctuation, dashes between spaces, and the words that turn a sentence.
_BREAK = re.compile(
    r"[,;:.!?()\[\]\n|、。،؛؟।]+(?![0-9])|\s/\s|(?<=\s)[-–—]+(?=\s)|\b(?:and|plus|also|otherwise)\b"
    r"|\b(?P<turn>(?<!nothing )but|though|although|however|whereas|while|except|instead"
    + "".join("|" + fold(w) for w in TURNS_ABROAD) + r")\b"
    + "|(?P<turn_cjk>" + "|".join(fold(w) for w in TURNS_CJK) + ")",
    re.I)
TURN = "\x01"  # marks a clause that turns against the one before ("…, but …")
_DOT_IN_NUMBER = re.compile(r"(?<=[0-9])[.,](?=[0-9])")



def clauses(text: str) -> list[str]:
    """``text`` cut where a clause ends; numbers such as "1,200" and "2.5" stay whole. A
    clause that follows "but", "though"… starts with ``TURN``."""
    guarded = _DOT_IN_NUMBER.sub("\x00", fold(text))
    out, at, turn = [], 0, False
    for found in _BREAK.finditer(guarded):
        out.append((TURN if turn else "") + guarded[at:found.start()])
        turn = found.group("turn") is not None or found.group("turn_cjk") is not None
        at = found.end()
    out.append((TURN if turn else "") + guarded[at:])
    return [p.replace("\x00", ".") for p in out if p.strip(TURN + " \t")]


@dataclass(frozen=True)
class Fix:
    """A misspelt word read as a known one, and how far apart they are."""

    typed: str
    read: str
    distance: int


@cache
def _english() -> frozenset[str]:
    """Common English words: a word people use is never "corrected" into another one
    ("uses" stays "uses", not "user"). pyspellchecker's frequency list, loaded once."""
    from spellchecker import SpellChecker  # noqa: PLC0415 -- 0.3 s; only the reader needs it

    words = SpellChecker(distance=1).word_frequency.dictionary
    kept = "\n".join(w for w, n in words.items() if n >= 2000)
    # The 13,000 words kept are copied out of the 240,000 read: otherwise each one pins
    # the page it was read into, and the whole list's memory (~12 MB) is never given back.
    del words
    return frozenset(kept.split("\n"))


def warm() -> None:
    """Load the word list now (start-up), not on the first typed reply."""
    _english()


def corrections(typed: Iterable[str], known: frozenset[str],
                targets: frozenset[str] | None = None) -> dict[str, Fix]:
    """For each typed word that is neither known nor English, the one known word (of
    ``targets``, if given) it is a slip of: one edit (a swap counts as one) for words of 4 to
    7 letters, two from 8 on. A word two known words are equally close to is left as typed."""
    targets = known if targets is None else targets
    fixes: dict[str, Fix] = {}
    for word in typed:
        if word in known or word in fixes or len(word) < 3 or not word.isalpha():
            continue
        limit = 1 if len(word) < 8 else 2
        near = extract(word, targets, scorer=OSA.distance, score_cutoff=limit,
                       limit=3 if len(word) > 3 else 12)
        if len(word) == 3:  # "ned": only a letter left out of a longer word (among the
            near = [n for n in near if len(n[0]) == 4][:3]  # three-letter words near it)
        if not near or word in _english():  # (the word list loads on the first slip)
            continue
        best = near[0][1]
        if sum(1 for _, d, _ in near if d == best) > 1 or best == 0:
            continue
        fixes[word] = Fix(word, near[0][0], int(best))
    return fixes
