"""Fields in call notes, as CRM copies and shorthand write them: "Budget: approved",
"need yes", "Amount = 35,000", "EB: not met", "G: cut churn 20%".

A field's name says which question its value answers: the question's id or criterion,
the usual names of its topic (``FIELD_NAMES``), a word of its topic, or in a flow named
for its letters (GPCTBA, MEDDIC) the one question that starts with a letter.
"""
from __future__ import annotations

import itertools
import re

from flows.model import Flow, Kind, Question
from flows.reading.choices import evidence
from flows.reading.lexicon import Strength
from flows.reading.result import Confidence, Reading
from flows.text import fold, tokens

PART = re.compile(r",(?!\d{3})|\s[-–—]\s|\s/\s")  # the parts of a sentence
FIELD = re.compile(r"^\s*(?P<name>[A-Za-zÀ-ÿ$][A-Za-zÀ-ÿ$ &/.'()-]{0,28}?)\s*(?::|=|->|–|—|\?)\s*"
                   r"(?P<value>\S.*)$")
# Field names that say which question a value answers, beyond the questions' own cues.
FIELD_NAMES = {
    "need": ("need", "needs", "pain", "use case", "problem", "fit"),
    "role": ("role", "contact role", "title", "authority", "decision role", "dm"),
    "authority": ("role", "contact role", "title", "authority", "decision role", "dm",
                  "decides", "decision maker", "who decides", "signer"),
    "timing": ("timing", "timeline", "timeframe", "time frame", "when", "close date",
               "go live", "go-live", "target date", "decision date", "urgency"),
    "urgency": ("urgency", "timing", "timeline", "timeframe", "when", "go live", "go-live",
                "close date", "target date", "deadline"),
    "timeline": ("timeline", "timing", "timeframe", "when", "go live", "go-live",
                 "close date", "target date"),
    "decision process": ("process", "decision process", "decision date", "decision",
                         "timeline", "timing", "close date"),
    "budget": ("budget", "budget status", "funding", "funds", "money", "$", "$$"),
    "money": ("money", "budget", "funding", "$", "$$", "spend"),
    "economic buyer": ("eb", "economic buyer", "econ buyer", "budget holder", "budget owner"),
    "champion": ("champion", "champ", "coach", "sponsor"),
    "metrics": ("metric", "metrics", "kpi", "kpis"),
    "decision criteria": ("criteria", "decision criteria", "dc"),
    "pain": ("pain", "identify pain", "identified pain"),
    "prioritization": ("priority", "prio", "priorities"),
    "goals": ("goal", "goals", "objective", "objectives"),
    "plans": ("plan", "plans"),
    "consequences": ("consequences", "consequence", "cost of inaction", "cost of doing nothing"),
    "implications": ("implications", "implication", "win", "personal win"),
    "size": ("size", "deal size", "amount", "deal", "value", "deal value", "acv", "arr",
             "tcv", "opportunity size", "opp size", "est value", "estimated value"),
}
# The same fields as French, Italian and Spanish notes name them (folded: "Décideur" is
# "decideur"): notes taken on calls in those languages keep their CRM's labels.
LOCAL_FIELD_NAMES = {
    "need": ("besoin", "bisogno", "esigenza", "necesidad"),
    "business problem": ("probleme", "problema"),
    "project": ("projet", "progetto", "proyecto"),
    "access": ("acces", "accesso", "acceso"),
    "role": ("role", "ruolo", "rol", "decideur", "decisore", "decisor", "decide"),
    "authority": ("role", "ruolo", "rol", "decideur", "decisore", "decisor", "decide",
                  "qui decide", "chi decide", "quien decide", "autorite",
                  "autorita", "autoridad"),
    "timing": ("delai", "delais", "calendrier", "echeance", "tempistica", "tempistiche", "tempi",
               "scadenza", "plazo", "plazos", "calendario"),
    "urgency": ("urgence", "urgenza", "urgencia", "delai", "delais", "echeance", "tempistica",
                "tempistiche", "tempi", "scadenza", "plazo"),
    "timeline": ("delai", "delais", "calendrier", "echeance", "tempistica", "tempistiche",
                 "tempi", "scadenza", "plazo", "plazos", "calendario"),
    "decision process": ("processus", "processo", "proceso", "processus de decision",
                         "processo decisionale", "proceso de decision"),
    "budget": ("budget", "presupuesto", "financement", "finanziamento"),
    "money": ("budget", "presupuesto", "financement", "finanziamento"),
    "economic buyer": ("acheteur economique", "acquirente economico", "comprador economico"),
    "metrics": ("metriques", "indicateurs", "metriche", "metricas", "kpi"),
    "decision criteria": ("criteres", "criteri", "criterios", "criteres de decision",
                          "criteri decisionali"),
    "pain": ("douleur", "dolore", "dolor", "probleme", "problema"),
    "prioritization": ("priorite", "priorita", "prioridad"),
    "goals": ("objectif", "objectifs", "obiettivo", "obiettivi", "objetivo", "objetivos"),
    "plans": ("plan", "plans", "piano", "piani", "planes"),
    "challenges": ("defis", "defi", "sfide", "sfida", "desafios", "retos", "problemes",
                   "problemi", "problemas"),
    "consequences": ("consequences", "conseguenze", "consecuencias"),
    "implications": ("implications", "implicazioni", "implicaciones"),
    "size": ("montant", "importo", "monto", "taille", "valeur", "valore", "valor"),
}


def _names(question: Question) -> set[str]:
    return {fold(n) for n in (question.id.replace("_", " "), question.criterion,
                              *FIELD_NAMES.get(question.criterion, ()),
                              *LOCAL_FIELD_NAMES.get(question.criterion, ()))}


def _field_question(flow: Flow, name: str, *, loose: bool = False) -> list[Question]:
    """The questions a field name ("Budget", "Close date", "Budget this year", "$$")
    belongs to, best first: its own name first, then the words of its topic. ``loose``
    (a name with no colon after it, "need yes") takes field names only, not topic words."""
    words = " ".join(fold(name).replace("_", " ").split()).strip(" .").split()
    asked = [q for q in flow.questions if q.kind is not Kind.TEXT]
    if not loose and len(words) == 1 and len(words[0]) == 1 and words[0].isalpha():
        # "G: cut onboarding to 2 weeks": the one question of the acronym with that letter
        lettered = [q for q in asked if q.id.startswith(words[0])]
        return lettered if len(lettered) == 1 else []
    sizes = range(min(3, len(words)), 0, -1)  # "budget this year": "budget"
    for size in sizes:
        key = " ".join(words[:size])
        named = [q for q in asked if key in _names(q)]
        own = [q for q in named if key in (q.id.replace("_", " "), fold(q.criterion))]
        named = own or named  # "Problem:" is the problem question's, where a flow has one
        cued = [] if loose or own else [q for q in asked if q not in named
                                 and key in {fold(c) for c in q.cues}]
        if named:
            return named + cued
    # a field name goes by its first word before the words of a topic: "needs it: 3
    # payroll systems" is the need's, not the timing's ("needs it by March")
    for size in [] if loose else sizes:
        key = " ".join(words[:size])
        cued = [q for q in asked if key in {fold(c) for c in q.cues}]
        if cued:
            return cued
    return []


def fields(flow: Flow, sentence: str) -> list[tuple[Question, str, str, list[str]]]:
    """(question, value, part, the parts after it) for each field in a sentence: "Budget:
    approved", "need yes", "timeline 12-18 mo". A field's value may run on past a comma
    ("$$: not yet, they're scoping a budget") up to the next field."""
    out = []
    parts = [p.strip() for p in PART.split(sentence) if p and p.strip()]
    for at, part in enumerate(parts):
        found = FIELD.match(part)
        rest = []
        if found:
            rest = list(itertools.takewhile(lambda p: not FIELD.match(p), parts[at + 1:]))
        name, value = (found["name"], found["value"]) if found else (None, None)
        loose = name is None
        if name is None:
            words = part.split()
            if 2 <= len(words) <= 4:  # "need yes", "budget no", "size 20k-ish"
                name, value = words[0], " ".join(words[1:])
        if name is None or value is None:
            continue
        for question in _field_question(flow, name, loose=loose):
            out.append((question, value.strip(" '\"."), part, rest))
    return out


NOT_SAID = {"unclear", "not sure", "unsure", "tbd", "tbc", "idk", "dunno", "n/a", "na", "?",
             "unknown yet", "not discussed", "didnt ask", "no idea", "unknown", "not known",
             "unknown so far", "not asked", "not covered"}
_FIELD_NO = {"no", "n", "nope", "none", "nil", "nada", "zero", "0", "negative", "not yet"}
_FIELD_YES = {"yes", "y", "yep", "yeah", "ok", "okay", "good", "solid", "strong", "confirmed",
              "there", "in place"}
# "no" and "yes" as French, Italian, Spanish, Portuguese, German and Indonesian notes write
# a field's value ("Piano: nessuno", "Besoin : oui")
_LOCAL_NO = {"non", "aucun", "aucune", "rien", "nessuno", "nessuna", "niente", "ninguno",
             "ninguna", "nao", "nein", "kein", "keine", "tidak", "tidak ada"}
_LOCAL_NOT_YET = {"pas encore", "non ancora", "todavia no", "ainda nao", "noch nicht", "belum"}
_LOCAL_YES = {"oui", "si", "sim", "ja", "iya"}


def in_english(value: str) -> str | None:
    """A field's value that is only a local "no", "not yet" or "yes", in English."""
    said = " ".join(tokens(value))
    return "no" if said in _LOCAL_NO else "not yet" if said in _LOCAL_NOT_YET \
        else "yes" if said in _LOCAL_YES else None


def yes_no_field(question: Question, value: str, reading: Reading) -> Reading:
    """ "budget: no" is the answer worth nothing; "budget: yes" proposes the best one."""
    said = " ".join(tokens(value))
    ranked = sorted(question.choices, key=lambda c: c.points)
    if said in _FIELD_NO and ranked[0].points < ranked[1].points:
        return Reading.of(value, ranked[0], Confidence.SURE, said)
    if said in _FIELD_YES and ranked[-1].points > ranked[-2].points:
        return Reading.of(value, ranked[-1], Confidence.LIKELY, said)
    return reading


CONTACT_FIELD = re.compile(r"(?i)\s*(?:primary |main )?(?:contact|title|role|contact role"
                           r"|job title|position"
                           # as Spanish, Italian, Portuguese, Polish, German, Nordic and
                           # French notes name it
                           r"|contacto|contatto|kontakt|kontaktperson|interlocuteur"
                           r"|interlocutor|interlocutore)\s*(?::|=|->|–|—)")


def by_title(question: Question, value: str) -> bool:
    """A field's value read only as a job title ("CFO Maria Chen")."""
    return evidence(question, value).best() is Strength.TITLE


# Field names that say who decides: their value names a person
WHO_FIELD = re.compile(r"(?i)\s*(?:decides|decider|decision maker|dm|who decides|signer|approver"
                        r"|final say|authority|decide|d[ée]cideur|decisore|decisor|qui d[ée]cide"
                        r"|chi decide|qui[ée]n decide)\s*(?::|=|->|–|—)")


# A decider field naming the contact by a pronoun: "Decides: she", "Décideur : lui"
_CONTACT_PRONOUN = re.compile(r"(?:she|he|her|him|herself|himself|lei|lui|elle|ella|el"
                              r"|our contact|the contact|contact|my contact)(?: (?:does|herself"
                              r"|himself|alone|only|stessa|stesso|seule?|sola|solo))?")


def contact_decides(part: str, value: str) -> bool:
    """ "Decide: lei", "DM: him": a decider field whose value is the contact's pronoun."""
    return bool(WHO_FIELD.match(part)) and bool(
        _CONTACT_PRONOUN.fullmatch(" ".join(tokens(value))))


def names_someone_else(part: str, value: str, contact: str) -> bool:
    """ "Decides: Executive Director Ito" where the contact is Yamamoto-san: the field
    names someone the notes did not introduce as the contact ("DM = Dave" on a call with
    Dave names the contact)."""
    if not WHO_FIELD.match(part):
        return False
    named = re.findall(r"\b[A-Z][A-Za-z]+\b", value)
    return bool(named) and not any(re.search(rf"\b{re.escape(n)}\b", contact) for n in named)


__all__ = ["CONTACT_FIELD", "FIELD", "FIELD_NAMES", "NOT_SAID", "PART", "WHO_FIELD", "by_title",
           "contact_decides", "fields", "in_english",
           "names_someone_else", "yes_no_field"]
