"""The team's glossary and how a typed term is looked up in it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from pydantic import Field, model_validator
from rapidfuzz import fuzz, process

from flows.matching import normalise
from flows.model import Frozen

SUGGEST_CUTOFF = 70
SUGGEST_LIMIT = 4


class Term(Frozen):
    term: str = Field(min_length=1, max_length=80)
    definition: str = Field(min_length=1, max_length=2500)
    aliases: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_key(text: str) -> str:
    """How terms are compared: case, spacing, punctuation and plurals ignored."""
    return " ".join(_singular(w) for w in normalise(re.sub(r"[-_/]", " ", text)).split())


@dataclass(frozen=True)
class Found:
    term: Term


@dataclass(frozen=True)
class Suggest:
    asked: str
    terms: tuple[Term, ...]  # empty when nothing is close


Lookup = Found | Suggest


class Glossary(Frozen):
    terms: tuple[Term, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Glossary:
        owner: dict[str, str] = {}
        keys = [term_key(t.term) for t in self.terms]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"{twice} defined more than once")
        for t in self.terms:
            for name in (t.term, *t.aliases):
                key = term_key(name)
                if key in owner and owner[key] != t.term:
                    raise ValueError(f"'{name}' names both '{owner[key]}' and '{t.term}'")
                owner[key] = t.term
        for t in self.terms:
            for other in t.see_also:
                if term_key(other) not in owner:
                    raise ValueError(f"'{t.term}' lists '{other}' under see_also, not a term here")
        return self

    @cached_property
    def _index(self) -> dict[str, Term]:
        return {term_key(n): t for t in self.terms for n in (t.term, *t.aliases)}

    def lookup(self, asked: str) -> Lookup:
        index = self._index
        key = term_key(asked)
        if key in index:
            return Found(index[key])
        if not key:
            return Suggest(asked, ())
        hits = process.extract(
            key, list(index), scorer=fuzz.WRatio, limit=SUGGEST_LIMIT * 3,
            score_cutoff=SUGGEST_CUTOFF,
        )
        seen: list[Term] = []
        for name, _score, _ in hits:
            if index[name] not in seen:
                seen.append(index[name])
        return Suggest(asked, tuple(seen[:SUGGEST_LIMIT]))

    def get(self, name: str) -> Term | None:
        return self._index.get(term_key(name))

    def sorted_terms(self) -> list[Term]:
        return sorted(self.terms, key=lambda t: t.term.casefold())
