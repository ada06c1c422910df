"""Who the notes speak of: the contact, or someone else.

A job title is the contact's only where the notes introduce the contact with it: a name
beside it ("Priya Nair, Head of Finance", "Ravi (CTO)"), a word of talking before it
("spoke w/ the VP Support"), "she's the CFO", or a note that opens on it without going
on as someone's act ("VP Eng, owns budget", not "CFO said no"). People the notes name as
not the contact ("Raj's assistant", "reports to Dana", "her boss Mike") act for
themselves: what they do says nothing of the contact's role.
"""
from __future__ import annotations

import re

from flows.text import fold, stem, tokens

ROLE_CRITERIA = ("role", "authority")  # the questions of the contact's own part in the deal
_TITLE_FIRST = re.compile(r"^\s*(?:the |their |her |his )?(?:ceo|cfo|coo|cto|cio|cro|cmo|ciso|vp"
                          r"|svp|evp|gm|md|fd|president|founder|owner|board|director|head of"
                          r"|chairman|partner)\b", re.I)
# Words before a title that show it is the person the SDR spoke to.
_SPOKE = {"spoke", "spoken", "speak", "speaking", "talked", "talk", "talking", "call", "called",
          "met", "meeting", "meet", "chat", "chatted", "convo", "w", "with", "contact",
          "connected", "reached", "demoed"}
_NOT_CONTACT = re.compile(r"\bnot (?:my|our|the) (?:main )?(?:contact|poc|point of contact)\b")
_SPOKE_TO_THEM = re.compile(r"\b(?:spoke|spoken|talked|talking|speaking|met)\s+(?:to|with)?\s*"
                            r"(?:him|her|them)\b")
_PARTY_FIRST = re.compile(r"^\s*(?:the |their |our )?(?:procurement|purchasing|finance|legal"
                          r"|board|committee|steering committee|management|leadership|execs?"
                          r"|exec team|executive team|hq|headquarters|corporate|parent company"
                          r"|it department)\b(?!\s*(?:[:=(]|team is|is our))", re.I)
_NAME_BEFORE = re.compile(r"(?:^|[\s,(])[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?\s*(?:,|\(|[-–—]"
                          r"|\bis(?:\s+(?:the|our|their|a|an))?)?\s*$")
_PRONOUN_IS = {"shes", "hes", "im", "theyre"}
_SUBJECTS = {"she", "he", "i", "they", "contact", "who"}


# People the notes name as someone other than the contact: "Raj's assistant", "reports to
# Dana", "her boss Mike".
_OTHER_PERSON = re.compile(
    r"\b([A-Z][a-z]+)['’]s (?:assistant|ea|pa|team|boss|manager|office|deputy|colleague"
    r"|direct report|report)\b|\b(?i:reports to|her boss|his boss|their boss|her manager"
    r"|his manager|boss is|manager is)\s*,?\s*([A-Z][a-z]+)\b(?![A-Z])")


def other_people(text: str) -> set[str]:
    """The names of people the notes say are not the contact."""
    return {name for m in _OTHER_PERSON.finditer(text) for name in m.groups() if name}


def about_someone_else(sentence: str, others: set[str]) -> bool:
    """A sentence whose subject is someone the notes named as not the contact."""
    first = re.match(r"\s*([A-Z][a-z]+)\b", sentence)
    return first is not None and first[1] in others


def contact_title(sentence: str, title: str, *, opening: bool) -> bool:
    """Whether the job title ``title`` (as read) in ``sentence`` is the contact's: a name
    beside it, a word of talking before it, "she's"/"he is" before it, or a note that
    opens on it ("VP Eng, owns budget") without going on as someone's act ("CFO said no")."""
    if _NOT_CONTACT.search(fold(sentence)):
        return False  # "CFO (not my contact) is skeptical"
    if _SPOKE_TO_THEM.search(fold(sentence)):
        return True  # "CFO is the EB and I spoke to him directly"
    folded = tokens(sentence)
    read = [stem(w) for w in folded]
    want = title.split()
    at = next((i for i in range(len(read)) if read[i:i + len(want)] == want), None)
    if at is None:
        return True  # read through a misspelling: as the reader had it
    before = read[max(0, at - 4):at]
    if _SPOKE & set(before) or _PRONOUN_IS & set(before[-3:]):
        return True
    if len(before) >= 2 and before[-1] in {"is", "am", "are", "as"} and \
            (before[-2] in _SUBJECTS or (len(before) >= 3 and before[-2] in {"the", "a", "an"}
                                         and before[-3] in _SUBJECTS)):
        return True
    if before[-3:-1] in (["she", "is"], ["he", "is"], ["i", "am"], ["they", "are"]) \
            and before[-1] in {"the", "a", "an", "our", "their"}:
        return True  # "she is the CFO" (not "the EB is the COO")
    raw = re.search(r"\b" + r"\W+".join(re.escape(w) for w in folded[at:at + len(want)])
                    + r"\b", fold(sentence))
    if raw is None:
        return True
    left, right = sentence[:raw.start()].rstrip(), sentence[raw.end():]
    if re.match(r"['’]s\b", right):
        return False  # "the CFO's EA": whose, not who
    if _NAME_BEFORE.search(left) and len(left.split()) <= 4:
        return True  # "Jen Park, Marketing Coordinator", "Tom Becker (Controller", "Jane is the"
    if re.match(r"^(?:\s*(?:of|for)\b[^,;(]*)?\s*(?:,|\(|[-–—]\s|$)?\s*[A-Z][a-z]+\b(?!\s+[a-z])",
                right) and not re.match(r"^\s+[A-Z][a-z]+\s+[a-z]", right):
        return True  # "Director of Ops, Nadia", "VP Finance Laura"
    if left.endswith("("):  # "Ravi (CTO)": the person just named
        return True
    if opening and not left.strip(" -–—*•:"):
        # the note opens on the title: the contact, unless a verb follows ("CFO said no")
        right = re.sub(r"\s*\([^)]*\)", "", right)
        return bool(re.match(r"^(?:\s+(?:of|for|at)\b[^,;.]*|\s+[A-Z][A-Za-z&]*)*\s*(?:[,(.;:]|"
                             r"[-–—]\s|/|$)", right))
    return False


def acted_by_someone_else(sentence: str) -> bool:
    """A sentence whose subject is a title that is not our contact's ("CEO signs")."""
    return bool(_TITLE_FIRST.match(sentence))


def a_party_acts(sentence: str) -> bool:
    """A sentence whose subject is a department or a body ("Procurement signs off", "the
    board decides"): not our contact."""
    return bool(_PARTY_FIRST.match(sentence))


__all__ = ["ROLE_CRITERIA", "a_party_acts", "about_someone_else", "acted_by_someone_else",
           "contact_title", "other_people"]
