"""Who a reply speaks of: the contact, or someone else ("the CFO signs", "her boss",
"the CEO's assistant", "the decision is made by the board").

A title or a phrase of deciding is the contact's unless the words around it name
someone else: a determiner before a title, a party before a phrase, a "'s" after it.
"""
from __future__ import annotations

import re

from flows.reading.lexicon import Entry, Lexicon, Strength
from flows.text import stem

DETERMINERS = {"the", "her", "his", "their", "our", "its", "a", "an", "my"}
COPULAS = {stem(w) for w in ("is", "hes", "shes", "theyre", "im", "was", "are", "be", "as",
                             "its", "being", "thats", "whos", "who")}
POSSESSIVES = {"her", "his", "their", "the"}
# Before a title, a word that makes it someone under that title: "deputy CFO".
UNDER = {"deputy", "assistant", "associate", "vice", "sub", "junior", "asst", "dep"}
# Who else may be said to decide, sign or approve: "…, procurement + VP finance sign off".
PARTIES = {"procurement", "purchasing", "finance", "legal", "board", "committee", "boss",
           "director", "vp", "svp", "evp", "manager", "leadership", "management", "exec",
           "gf", "fd",
           "execs", "executive", "hq", "corporate", "parent", "owner", "owners", "founder",
           "founders", "partner", "partners", "ceo", "cfo", "coo", "cto", "cio", "cmo",
           "cro", "gm", "md", "president", "head", "team", "department", "dept", "someone",
           "somebody", "nobody", "others", "other", "upstairs"}
# Someone of the contact's, named after "her", "his", "their": "met her assistant".
PERSONS = UNDER | PARTIES | {stem(w) for w in (
    "ea", "pa", "secretary", "colleague", "colleagues", "people", "staff", "office", "admin",
    "lawyer", "lawyers", "accountant", "husband", "wife", "cofounder", "co-founder",
    "deputy", "number two", "right hand", "peer", "peers", "reports", "lead")}
THIRD_PERSON = re.compile(r"\b(?:him|her)\b", re.I)
DECISION_WORDS = {stem(w) for w in (
    "decide", "decides", "decided", "decision", "approve", "approves", "approved", "approval",
    "sign", "signs", "signed", "signoff", "signature", "say", "call", "ok", "okay")}


def decided_by_someone(lex: Lexicon, read: tuple[str, ...]) -> bool:
    """A clause that says someone else decides: a word of deciding and, before or after
    it, a party or a job title ("the decision is made by the board", "the CTO has to
    approve it")."""
    if not any(w in DECISION_WORDS for w in read):
        return False
    return any(w in PARTIES or ((e := lex.longest(read, j)) is not None
                                and e.strength is Strength.TITLE and e.choice is not None)
               for j, w in enumerate(read))


def belongs(typed: tuple[str, ...], read: tuple[str, ...], at: int, n: int) -> bool:
    """"CEO's assistant": a title typed with "'s" (apostrophes are dropped, so "ceos")
    and followed by what is the title holder's."""
    word = typed[at + n - 1]
    return (word != read[at + n - 1] and word.endswith("s") and at + n < len(read)
            and read[at + n] not in COPULAS)


def party_before(read: tuple[str, ...], at: int) -> bool:
    """Someone else named just before a phrase, past the reply's first clause."""
    return any(w in PARTIES for w in read[max(0, at - 3):at])


def their_someone(read: tuple[str, ...], at: int) -> bool:
    """ "her director decides": a phrase whose subject is someone of theirs, named by one
    word after "her", "his", "their" or "the" (but "she is the …" is our contact)."""
    return (at >= 2 and read[at - 2] in POSSESSIVES and read[at - 1].isalpha()
            and read[at - 1] not in COPULAS and read[at - 1] not in DETERMINERS
            and (at < 3 or read[at - 3] not in COPULAS))


def someone_else(read: tuple[str, ...], at: int) -> bool:
    """A title after "the", "her"… names a third person, unless it follows "is" ("she is
    the CEO")."""
    if at == 0 or read[at - 1] not in DETERMINERS:
        return False
    return at < 2 or read[at - 2] not in COPULAS


_CONTACT_WORDS = {"his", "her"}


def back_to_contact(entry: Entry) -> bool:
    """A phrase that speaks of our contact while telling of someone else: "reports to the
    CFO, who decides based on his recommendation", "the CFO goes with her pick"."""
    return (entry.strength is Strength.PHRASE and len(entry.words) > 2
            and bool(_CONTACT_WORDS.intersection(entry.words[1:])))


# "CFO Mark decides" is "CFO decides": a name after a title cuts no phrase
TITLE_NAME = re.compile(r"\b([A-Z]{2,4}) ([A-Z][a-z]{2,})\b(?= [a-z])")

_CONTACT_APART = re.compile(r"\b(?:our|my|the) (?:main )?contact(?:\s*\([^)]*\))?\s+(?:will"
                            r"|would|can|could|is going to|is gonna|gonna|is setting|is his|is her"
                            r"|is their"
                            r"|said|says|wants|offered|promised|to|reports)\b")


def contact_apart(parts: list[str]) -> bool:
    """ "CFO decides, our contact will set up a call with him": a later clause that speaks of
    our contact as another person than the one before."""
    return any(n > 0 and _CONTACT_APART.search(part) for n, part in enumerate(parts))


def one_who(read: tuple[str, ...], at: int) -> int:
    """How many words after a negation only say "the one (who)": they stretch its reach
    ("not the one making the recommendation" denies the recommendation)."""
    if read[at:at + 2] not in (("the", "one"), ("the", "person"), ("the", "guy"),
                               ("the", "people"), ("the", "gal")):
        return 0
    return 2 + (at + 2 < len(read) and read[at + 2] in ("who", "that"))
