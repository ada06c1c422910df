"""Who a reply or call notes speak of: the contact, or someone else ("the CFO signs", "her
boss", "the CEO's assistant", "the decision is made by the board").

In notes, read sentence by sentence: a job title is the contact's only where the notes
introduce the contact with it: a name beside it ("Priya Nair, Head of Finance", "Ravi
(CTO)"), a word of talking before it ("spoke w/ the VP Support"), "she's the CFO", or a
note that opens on it without going on as someone's act ("VP Eng, owns budget", not "CFO
said no"). People the notes name as not the contact ("Raj's assistant", "reports to
Dana", "her boss Mike") act for themselves: what they do says nothing of the contact's
role.

In a reply, read word by word: a title or a phrase of deciding is the contact's unless
the words around it name someone else: a determiner before a title, a party before a
phrase, a "'s" after it.
"""
from __future__ import annotations

import re

from flows.reading.lexicon import Entry, Lexicon, Strength
from flows.text import fold, stem, tokens

# -- in call notes: sentences -----------------------------------------------------------
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
_NAME_BEFORE = re.compile(r"(?:^|[\s,(])[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?\s*(?:,|\(|[-–—]|="
                          r"|\bis(?:\s+(?:the|our|their|a|an))?)?\s*$")
_PRONOUN_IS = {"shes", "hes", "im", "theyre"}
_SUBJECTS = {"she", "he", "i", "they", "contact", "who"}


# People the notes name as someone other than the contact: "Raj's assistant", "reports to
# Dana", "her boss Mike", "their IT partner (Kai)".
_OTHER_PERSON = re.compile(
    r"\b([A-Z][a-z]+)['’]s (?:assistant|ea|pa|team|boss|manager|office|deputy|colleague"
    r"|direct report|report)\b|\b(?i:reports to|her boss|his boss|their boss|her manager"
    r"|his manager|boss is|manager is)\s*,?\s*([A-Z][a-z]+)\b(?![A-Z])"
    # "their IT partner (Kai)", "her boss (Mike)": someone of theirs, named in brackets
    r"|\b(?i:their|her|his)\s+(?:[A-Za-z-]+\s+){0,3}?\(([A-Z][a-z]+)\)")


def other_people(text: str) -> set[str]:
    """The names of people the notes say are not the contact."""
    return {name for m in _OTHER_PERSON.finditer(text) for name in m.groups() if name}


# A part whose subject is someone of the contact's: "her nephew handles finance and
# recommends", "her manager (Dir. of Fulfillment) makes the rec", "boss (Ms. Tan) decides"
_THEIRS_FIRST = re.compile(
    r"(?i)^\s*(?:and |but |while |whereas )?(?:(?:her|his|their)\s+(?:[a-z'’-]+\s+){0,2}?"
    r"(?:boss|bosses|manager|manager['’]s manager|director|head|lead|supervisor|nephew|niece"
    r"|son|daughter|dad|father|mum|mom|mother|wife|husband|brother|sister|uncle|aunt|cousin"
    r"|partner|partners|cofounder|co-founder|colleague|deputy|team|superior|line manager"
    r"|ceo|cfo|coo|cto|cio|vp|gm|md|fd|owner|founder)\b(?!['’]s)"
    r"|(?:the )?(?:boss|owner|owners)\s*\([^)]*\))")


def of_theirs(part: str) -> bool:
    """A part whose subject is someone of the contact's ("her nephew … recommends"): it
    says what that person does, not the contact's own part; unless it goes on to the
    contact ("his boss, the COO, asked him for a recommendation")."""
    found = _THEIRS_FIRST.match(part)
    rest = part[found.end():] if found is not None else ""
    return bool(rest.strip()) and not re.search(r"(?i)\b(?:him|her|them)\b", rest)


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
    if re.match(r"^\s*\(\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*\)\s+(?!(?:and|or|at|of|for|from|in|on"
                r"|with|who|is|was)\b)[a-z]{2,}", right):
        return False  # "…, owner (Denise) does": the one named acts, not whom we spoke to
    if re.search(r"(?i)\b(?:decider|decision maker|approver|signer|budget|authority|eb|dm"
                 r"|champion|sponsor|buyer|owner|who|role)\s*=\s*$", left):
        return False  # "Approver = CFO": a field naming who, not a name and a title
    if _NAME_BEFORE.search(left) and len(left.split()) <= 4:
        return True  # "Jen Park, Marketing Coordinator", "Tom Becker (Controller", "Jane is the"
    if re.match(r"^(?:\s*(?:of|for)\b[^,;(]*)?\s*(?:,|\(|[-–—]\s|$)?\s*[A-Z][a-z]+\b(?!\s+[a-z])",
                right) and not re.match(
                r"^(?:\s+[A-Z][a-z]+\.?){1,3}\s+(?:(?!(?:and|or|at|of|for|from|in|on|with)\b)"
                r"[a-z]|[+&]\s)", right):
        return True  # "Director of Ops, Nadia", "VP Finance Laura" (not "CFO Herr Vogt signs",
        # "CIO Dr. Menon + committee decide")
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


# -- in a reply: the words read ---------------------------------------------------------
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
    # (at the end of a clause after "is": "the final call is the CEO's")
    last = at + n == len(read) and at >= 2 and read[at - 2] in COPULAS - {"as"}
    return (word != read[at + n - 1] and word.endswith("s")
            and ((at + n < len(read) and read[at + n] not in COPULAS) or last))


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

# (a clause may open on "contact" alone: "…, contact will bring him to the demo")
_CONTACT_APART = re.compile(r"(?:\b(?:our|my|the) (?:main )?|^[\x01\s]*)contact(?:\s*\([^)]*\))?"
                            r"\s+(?:will"
                            r"|would|can|could|is going to|is gonna|gonna|is setting|is his|is her"
                            r"|is their"
                            r"|said|says|wants|offered|promised|to|reports)\b")


# "…, we have his name", "…, she's ok to meet": no one says so of the person they spoke to
_KNOWN_OF = re.compile(r"\b(?:weve|ive|we|i)(?: have| had| got| only have| know)+ (?:his|her|their)"
                       r" (?:name|names|number|email|details|contact details|direct line|mobile"
                       r"|cell)\b|(?:\b(?:hes|shes|he is|she is|theyre|they are) |^\s*)"
                       r"(?:ok|okay|happy|open|willing|keen) to (?:meet|meeting)\b")


def contact_apart(parts: list[str]) -> bool:
    """ "CFO decides, our contact will set up a call with him": a later clause that speaks of
    our contact as another person than the one before; or of the one before as someone we
    have only a name for, or who is willing to meet us ("CISO, we have his name")."""
    return any(n > 0 and (_CONTACT_APART.search(part) or _KNOWN_OF.search(part))
               for n, part in enumerate(parts))


def one_who(read: tuple[str, ...], at: int) -> int:
    """How many words after a negation only say "the one (who)": they stretch its reach
    ("not the one making the recommendation" denies the recommendation)."""
    if read[at:at + 2] not in (("the", "one"), ("the", "person"), ("the", "guy"),
                               ("the", "people"), ("the", "gal")):
        return 0
    return 2 + (at + 2 < len(read) and read[at + 2] in ("who", "that"))


__all__ = ["DECISION_WORDS", "DETERMINERS", "PERSONS", "POSSESSIVES", "ROLE_CRITERIA",
           "THIRD_PERSON", "TITLE_NAME", "UNDER", "a_party_acts", "about_someone_else",
           "acted_by_someone_else", "back_to_contact", "of_theirs", "belongs", "contact_apart",
           "contact_title", "decided_by_someone", "one_who", "other_people", "party_before",
           "someone_else", "their_someone"]
