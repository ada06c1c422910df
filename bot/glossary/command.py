"""What ``/define`` was asked to do: its text parsed into a small typed value (pure).

    /define                     ListAll()
    /define prospect            Lookup(("prospect",))
    /define lead vs contact     Lookup(("lead", "contact"))
    /define add win rate        Form("win rate")
    /define edit prospect       Form("prospect")
    /define history prospect    History("prospect")
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_COMPARED = 4  # terms shown side by side at most
_VS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.I)


@dataclass(frozen=True)
class ListAll:
    pass


@dataclass(frozen=True)
class Lookup:
    terms: tuple[str, ...]  # one term, or several to compare


@dataclass(frozen=True)
class Form:
    name: str  # an existing term to change, or a new one to add


@dataclass(frozen=True)
class History:
    name: str


Define = ListAll | Lookup | Form | History


def parse(text: str) -> Define:
    """``text`` as typed after ``/define`` (Slack's escapes already undone). A term that
    starts with "add", "edit" or "history" goes in quotes: ``/define "history"``."""
    text = " ".join(text.split())
    if len(text) > 1 and text[0] == text[-1] == '"':
        inner = text[1:-1].strip()
        return Lookup((inner,)) if inner else ListAll()
    word, _, rest = text.partition(" ")
    if word.lower() in ("add", "edit") and rest:
        return Form(rest)
    if word.lower() == "history" and rest:
        return History(rest)
    parts = tuple(p.strip() for p in _VS.split(text) if p.strip())
    if not parts:
        return ListAll()
    return Lookup(parts[:MAX_COMPARED])
