"""Text as the reader compares it: folded, tokenised, stemmed (no flows model here, so
that the model's own checks compare phrases exactly as the reader will)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?|[$€£¥₹]|[\U0001F300-\U0001FAFF\u2705\u274c]")
_INNER_APOSTROPHE = re.compile(r"(?<=[a-z])'(?=[a-z])")


@lru_cache(maxsize=20_000)
def fold(text: str) -> str:
    """Lower case, accents folded, curly quotes straight, apostrophes dropped ("don't" ->
    "dont"), so that people and phrase lists spell alike."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _INNER_APOSTROPHE.sub("", text).replace("'", " ")
    return _SHORTHAND.sub(lambda m: _SPELT[m[0]], text) if "/" in text else text


# Shorthand read as the words it stands for: "working on it w/ finance".
_SPELT = {"w/o": "without ", "w/": "with ", "b/c": "because", "b/w": "between"}
_SHORTHAND = re.compile(r"(?<![\w/])(?:w/o|b/c|b/w|w/(?!e\b))")


@lru_cache(maxsize=20_000)
def tokens(text: str) -> tuple[str, ...]:
    """The words, numbers and currency signs of ``text``, folded."""
    return tuple(_TOKEN.findall(fold(text)))


def stem(word: str) -> str:
    """A plural or third-person "s" dropped, so that "signs" and "sign" read alike (on both
    the reply's words and the phrases' words)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(text: str) -> tuple[str, ...]:
    """A phrase's words as the reader compares them: folded and stemmed."""
    return tuple(stem(w) for w in tokens(text))
