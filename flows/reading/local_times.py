"""Times as SDRs write them in other languages and calendars, in the English words the
timeframe reader reads: "en marzo", "bis Ende Juni", "efter sommaren", "w przyszłym roku",
"2º semestre", "post-monsoon", "after golden week".

Only words that name a time are translated (months, seasons, "next year", "by the end
of"); the rest of a reply is left as typed, and read as before.
"""
from __future__ import annotations

import re

# Month names (folded: no accents) in Spanish, Portuguese, Italian, French, German, Dutch,
# the Nordic languages and Polish (with its case endings), where they differ from English
_MONTHS = {
    "january": "enero janeiro gennaio janvier januar januari jaenner styczen stycznia styczniu",
    "february": "febrero fevereiro febbraio fevrier februar februari luty lutego lutym",
    "march": "marzo mars marz maerz maart marts marzec marca marcu",
    "april": "abril aprile avril kwiecien kwietnia kwietniu",
    "may": "mayo maio maggio mai mei maj maju",
    "june": "junio junho giugno juin juni czerwiec czerwca czerwcu",
    "july": "julio julho luglio juillet juli lipiec lipca lipcu",
    "august": "agosto aout augustus augusti sierpien sierpnia sierpniu",
    "september": "septiembre setiembre setembro settembre septembre wrzesien wrzesnia wrzesniu",
    "october": "octubre outubro ottobre octobre oktober pazdziernik pazdziernika pazdzierniku",
    "november": "noviembre novembro listopad listopada listopadzie",
    "december": "diciembre dezembro dicembre decembre dezember grudzien grudnia grudniu",
}
_SEASON_WORDS = {
    "spring": "primavera printemps fruhling fruehling varen wiosna wiosne wiosny",
    "summer": "verano verao ete sommer sommaren sommar zomer lato lecie",
    "fall": "otono outono autunno automne herbst hosten jesien jesieni",
    "winter": "invierno inverno hiver vintern zima zimie",
}
_WORD = {word: english for english, words in (*_MONTHS.items(), *_SEASON_WORDS.items())
         for word in words.split()}
_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_WORD, key=len, reverse=True)) + r")\b")
_PHRASES = tuple((re.compile(p), to) for p, to in (
    # (March in Portuguese is also a name, Marco: only after a word that dates it)
    (r"\b(em|de|ate|ate o fim de|final de|inicio de) marco\b", r"\1 march"),
    # next year, this year
    (r"\b(?:el |o )?(?:proximo|que viene|que vem) ano\b|\b(?:el )?ano que (?:viene|vem)\b"
     r"|\bnachstes jahr\b|\bkommendes jahr\b|\bnasta ar\b|\bw przysz[lł]ym roku\b"
     r"|\bl ?annee prochaine\b|\bvolgend jaar\b|\banno prossimo\b", "next year"),
    (r"\b(?:este|esse) ano\b|\bdieses jahr\b|\bi ar\b|\bw tym roku\b|\bcette annee\b"
     r"|\bdit jaar\b|\bquest anno\b", "this year"),
    # the halves and quarters of a year ("2º semestre", "primer trimestre", "2nd semester")
    (r"\b(?:1|1st|1o|1er|primer|primeiro|first) semest(?:re|er)\b", "h1"),
    (r"\b(?:2|2nd|2o|segundo|second) semest(?:re|er)\b", "h2"),
    (r"\b(?:1|1er|1o|primer|primeiro) trimestre\b", "q1"),
    (r"\b(?:2|2o|segundo) trimestre\b", "q2"),
    (r"\b(?:3|3er|3o|tercer|terceiro) trimestre\b", "q3"),
    (r"\b(?:4|4o|cuarto|quarto) trimestre\b", "q4"),
    # by the end of, the start of, after, before
    (r"\b(?:a )?(?:finales|fines) de\b|\bfinal de\b|\bbis ende\b|\bende\b|\bdo konca\b"
     r"|\bslutet av\b|\bfin de\b|\beind\b", "end of"),
    (r"\b(?:a )?principios de\b|\binicio de\b|\banfang\b|\bpoczatek\b|\bborjan av\b",
     "early"),
    (r"\b(?:despues|depois) (?:de|del|da|do)\b|\bnach(?: dem| der)?\b|\befter\b|\bapres\b"
     r"|\bdopo\b|\b(?:sesudah|setelah|sau)\b", "after"),
    # the summer with its article run in, as folding leaves it ("l'été", "l'estate",
    # "quest'estate"); Italian "estate" only so, as English has the word too
    (r"\bl ?ete\b|\b(?:l|dell|nell|quest|d) ?estate\b", "the summer"),
    # la rentrée: France and Belgium back at work, early September
    (r"\b(?:a la |des la |apres la |la )?rentree\b", "september"),
    (r"\b(?:antes de|antes del|vor(?: dem| der)?|fore|przed|avant|sebelum|truoc)\b"
     r"|\bprima (?:di |del |della |dei )?(?=the |[a-z]+ 20\d\d\b|(?:" + "|".join(_MONTHS)
     + r")\b)", "before "),
    (r"\b(?:bis|bis zum|hasta|senast|entro|d ?ici)\b", "by"),
    (r"\bostern\b|\bpascua\b|\bpascoa\b|\bpaques\b|\bwielkanoc\w*\b|\bpasen\b|\bpask\w*\b",
     "easter"),
    # "post-monsoon", "post Diwali": after it
    (r"\bpost[- ](?=[a-z])", "after "),
))
# India's monsoon, as a season: June to September
_MONSOON = re.compile(r"\b(?:the )?monsoons?\b(?: season)?")


def in_english(clean: str) -> str:
    """The reply with the time words of other languages and calendars in English."""
    if clean.isascii() and not _WORDS.search(clean) and not any(
            p.search(clean) for p, _ in _PHRASES) and "monsoon" not in clean:
        return clean
    out = _WORDS.sub(lambda m: _WORD[m[0]], clean)
    for pattern, to in _PHRASES:
        out = pattern.sub(to, out)
    return _MONSOON.sub("monsoon", out)
