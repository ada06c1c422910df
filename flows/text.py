"""Text as the reader compares it: folded, tokenised, stemmed (no flows model here, so
that the model's own checks compare phrases exactly as the reader will)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?|[$€£¥₹]|[\U0001F300-\U0001FAFF\u2705\u274c]"
                    # words in Greek, Cyrillic, Hebrew, Arabic and Devanagari letters; Chinese,
                    # Japanese and Korean a character at a time (they write no spaces between
                    # words, or none before a particle: "대표님이", "社長が決裁")
                    r"|[\u0370-\u03ff\u0400-\u04ff\u05d0-\u05f2\u0620-\u064a\u066e-\u06d3\u0900-\u0963"
                    r"\u0966-\u097f]+"
                    r"|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")
_KANA_MARKS = {"\u3099", "\u309a"}
_COMPOSED = re.compile(r"[\u1100-\u11ff\u3099\u309a]")
# Letters with no accent to fold away, as their writers type them without: "właściciel",
# "hayır", "økonomisjef", "quyết định"
_PLAIN = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d"})
_INNER_APOSTROPHE = re.compile(r"(?<=[a-z])'(?=[a-z])")


@lru_cache(maxsize=20_000)
def fold(text: str) -> str:
    """Lower case, accents folded, curly quotes straight, apostrophes dropped ("don't" ->
    "dont"), so that people and phrase lists spell alike."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)
                       or ch in _KANA_MARKS).casefold()
        if _COMPOSED.search(text):  # Korean letters back into syllables, kana with
            text = unicodedata.normalize("NFC", text)  # their voicing ("だ" is no "た")
    text = _INNER_APOSTROPHE.sub("", text).replace("'", " ")
    return _SHORTHAND.sub(lambda m: _SPELT[m[0]], text) if "/" in text else text


# Shorthand read as the words it stands for: "working on it w/ finance".
_SPELT = {"w/o": "without ", "w/": "with ", "b/c": "because", "b/w": "between"}
_SHORTHAND = re.compile(r"(?<![\w/])(?:w/o|b/c|b/w|w/(?!e\b))")


@lru_cache(maxsize=20_000)
def tokens(text: str) -> tuple[str, ...]:
    """The words, numbers and currency signs of ``text``, folded."""
    folded = fold(text)
    return tuple(_TOKEN.findall(folded if folded.isascii() else folded.translate(_PLAIN)))


def stem(word: str) -> str:
    """A plural or third-person "s" dropped, so that "signs" and "sign" read alike (on both
    the reply's words and the phrases' words)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(text: str) -> tuple[str, ...]:
    """A phrase's words as the reader compares them: folded and stemmed."""
    return tuple(stem(w) for w in tokens(text))
