"""A Slack message as the start of a qualification: its text as call notes, and the
lead's name proposed from it (the SDR edits it in the form either way).

Pure: no Slack calls, no database. ``propose_lead`` looks, in this order, for

1. a labelled field, as web-form notifications have (``Company: Acme Corp``);
2. a company name with its legal form (``Globex Corporation``, ``Initech GmbH``);
3. the sender's email domain, unless it is a mailbox provider (``jane@hooli.io`` → Hooli);
4. "at / from / with" a capitalised name (``can someone call these folks at Umbrella?``);
5. the first line, cut short.
"""
from __future__ import annotations

import re
from typing import Any

NAME_MAX = 80  # a proposed name longer than this is cut (the form accepts 200)
NOTES_MAX = 3000  # what the form's notes field holds

_LABELS = ("company", "company name", "organization", "organisation", "account",
           "business", "business name", "employer", "org")
_LABELLED = re.compile(
    r"^\s*[*_]*(?:" + "|".join(re.escape(x) for x in _LABELS) + r")[*_]*\s*[:=\-–]\s*[*_]*"
    r"(?P<name>[^\n*_]{2,})", re.IGNORECASE | re.MULTILINE)
_NAME = r"[A-Z][\w&'’.-]*"
_FORMS = (r"Inc|Incorporated|Corp|Corporation|Co|Company|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|SA|"
          r"S\.A|SAS|SARL|BV|B\.V|NV|N\.V|PLC|Plc|Pty|Oy|AB|AS|ApS|KG|SpA|S\.p\.A|SRL|Srl|LLP|LP")
_LEGAL = re.compile(rf"\b((?:{_NAME}[ \t]+){{0,3}}{_NAME},?[ \t]+(?:{_FORMS})\b\.?)")
_EMAIL = re.compile(r"[\w.+'-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})")
_AT = re.compile(rf"\b(?:at|from|with|for)[ \t]+({_NAME}(?:[ \t]+(?:&|and|of|{_NAME}))*)")
_MAILBOXES = {"gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "aol",
              "icloud", "me", "mac", "proton", "protonmail", "gmx", "mail", "yandex", "zoho",
              "fastmail", "hey", "qq", "163", "web", "orange", "free", "comcast", "btinternet"}
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "ltd", "plc"}  # acme.co.uk
_NOT_NAMES = {"I", "We", "You", "They", "He", "She", "It", "The", "A", "An", "This", "That",
              "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
              "Today", "Tomorrow", "Slack", "Hi", "Hello", "Thanks", "Re", "Fwd", "Fw",
              "January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "Q1", "Q2", "Q3", "Q4"}
_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
_PREFIX = re.compile(r"^(?:(?:re|fwd?|fw)\s*:\s*)+", re.IGNORECASE)


def plain_text(text: str) -> str:
    """Slack's message markup read as a person reads it: ``<mailto:a@b.c|a@b.c>`` → a@b.c,
    ``<https://x|label>`` → label, ``&amp;`` → &; mentions stay as they are."""
    def shown(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if target.startswith(("@", "#", "!")):
            return m.group(0)
        if label:
            return label
        return target.removeprefix("mailto:")
    text = _LINK.sub(shown, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def message_text(message: dict[str, Any]) -> str:
    """What a message says: its text, else what its attachments and blocks say (web-form
    and email integrations often post only those), as plain text."""
    parts = [message.get("text") or ""]
    if not parts[0].strip():
        for a in message.get("attachments") or []:
            if not isinstance(a, dict):
                continue
            parts += [str(a.get(k) or "") for k in ("pretext", "title", "text")]
            parts += [f"{f.get('title', '')}: {f.get('value', '')}"
                      for f in a.get("fields") or [] if isinstance(f, dict)]
        for b in message.get("blocks") or []:  # a bot's post with blocks and no text
            if not isinstance(b, dict) or b.get("type") not in ("section", "header"):
                continue
            t = b.get("text")
            parts.append(str(t.get("text") or "") if isinstance(t, dict) else "")
            parts += [str(f.get("text") or "") for f in b.get("fields") or []
                      if isinstance(f, dict)]
    return plain_text("\n".join(p for p in parts if p.strip())).strip()


def as_notes(text: str) -> str:
    """The message text as the form's call notes (which hold at most NOTES_MAX)."""
    text = text.strip()
    return text if len(text) <= NOTES_MAX else text[:NOTES_MAX - 1].rstrip() + "…"


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" \t.,;:!?-–—\"'()[]")
    if len(name) > NAME_MAX:
        name = name[:NAME_MAX].rsplit(" ", 1)[0]
    return name


def _from_domain(domain: str) -> str | None:
    labels = domain.lower().split(".")[:-1]  # without the top level
    while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    if not labels:
        return None
    name = labels[-1]
    if name in _MAILBOXES or len(name) < 2:
        return None
    return " ".join(w.capitalize() for w in name.split("-") if w)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = _PREFIX.sub("", plain_text(line)).strip()
        line = re.sub(r"<[@#!][^>]*>|:[a-z0-9_+-]+:", "", line).strip()  # mentions, emoji
        if re.search(r"\w", line):
            return _tidy(re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0])
    return ""


def propose_lead(text: str) -> str:
    """The lead's name a message most likely means (see the module's docstring); "" when
    there is nothing to go on."""
    text = plain_text(text)
    found = _LABELLED.search(text)
    if found and _tidy(found.group("name")):
        return _tidy(found.group("name"))
    found = _LEGAL.search(text)
    if found:
        words = found.group(1).split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        if len(words) > 1:
            return _tidy(" ".join(words))
    for m in _EMAIL.finditer(text):
        name = _from_domain(m.group(1))
        if name:
            return name
    for m in _AT.finditer(text):
        words = m.group(1).split()
        while words and words[-1] in ("&", "and", "of"):
            words.pop()
        if words and words[0] not in _NOT_NAMES:
            return _tidy(" ".join(words))
    return _first_line(text)
