"""Times as SDRs write them in other languages and calendars, in the English words the
timeframe reader reads: "en marzo", "bis Ende Juni", "efter sommaren", "w przyszłym roku",
"2º semestre", "post-monsoon", "after golden week".

Only words that name a time are translated (months, seasons, "next year", "by the end
of"); the rest of a reply is left as typed, and read as before.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Month names (folded: no accents) in Spanish, Portuguese, Italian, French, German, Dutch,
# the Nordic languages, Polish (with its case endings) and Turkish, where they differ from
# English
_MONTHS = {
    "january": ("enero janeiro gennaio janvier januar "
                "januari jaenner styczen stycznia styczniu ocak"),
    "february": "febrero fevereiro febbraio fevrier februar februari luty lutego lutym subat",
    "march": "marzo mars marz maerz maart marts marzec marca marcu mart",
    "april": "abril aprile avril kwiecien kwietnia kwietniu nisan",
    "may": "mayo maio maggio mai mei maj maju mayis mayıs",
    "june": "junio junho giugno juin juni czerwiec czerwca czerwcu haziran",
    "july": "julio julho luglio juillet juli lipiec lipca lipcu temmuz",
    "august": "agosto aout augustus augusti sierpien sierpnia sierpniu agustos",
    "september": ("septiembre setiembre setembro settembre "
                  "septembre wrzesien wrzesnia wrzesniu eylul"),
    "october": "octubre outubro ottobre octobre oktober pazdziernik pazdziernika pazdzierniku ekim",
    "november": "noviembre novembro listopad listopada listopadzie kasim kasım",
    "december": ("diciembre dezembro dicembre decembre dezember "
                 "grudzien grudnia grudniu aralik aralık"),
}
_SEASON_WORDS = {
    "spring": "primavera printemps fruhling fruehling varen wiosna wiosne wiosny",
    "summer": "verano verao ete sommer sommaren sommar zomer lato lecie",
    "fall": "otono outono autunno automne herbst hosten jesien jesieni",
    "winter": "invierno inverno hiver vintern zima zimie",
}
# Units of time after a number, and "within", in the languages teams mix in ("w ciągu 3
# miesięcy", "dentro de 6 meses", "innerhalb von 6 Monaten", "3 ay içinde", "3ヶ月以内")
_UNITS = {
    "months": "miesiecy miesiace miesiac miesiaca meses mes monaten monate monat mesi mois "
              "maanden maand manader manaders maneder ay",
    "weeks": "tygodni tygodnie tydzien tygodnia semanas semana wochen woche settimane "
             "semaines weken veckor uker hafta",
    "days": "dni dzien dias tagen tage giorni jours dagen dagar dage gun",
    "years": "lat lata anos anni ans jahren jahre jaar jaren ar yil yıl",
}
_UNIT = {word: english for english, words in _UNITS.items() for word in words.split()}
_UNIT_AFTER_NUMBER = re.compile(r"(?<=\d) ?(" + "|".join(sorted(_UNIT, key=len, reverse=True))
                                + r")\b")
_CJK_UNITS = {"月": "months", "개월": "months", "週間": "weeks", "주": "weeks", "日": "days",
              "일": "days", "年": "years", "년": "years"}
_WITHIN_AFTER = re.compile(r"(\d+) ?(?:ヶ|か|カ|ケ|箇)?(개월|月|週間|주|日|일|年|년) ?"
                           r"(?:以内|안에|이내|내에|内)")
_IN_AFTER = re.compile(r"(\d+) ?(?:ヶ|か|カ|ケ|箇)?(개월|月|週間|주|日|일|年|년) ?(?:後|후|뒤)")
# "4月", "4월": April (after the units above, so "3ヶ月以内" is no March)
_CJK_MONTH = re.compile(r"(?<![\d.])(1[0-2]|0?[1-9]) ?[月월](?!以内|後)")
_MONTH_NAMES = ("january february march april may june july august september october "
                "november december").split()
_WORD = {word: english for english, words in (*_MONTHS.items(), *_SEASON_WORDS.items())
         for word in words.split()}
_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_WORD, key=len, reverse=True)) + r")\b")
_PHRASES = tuple((re.compile(p), to) for p, to in (
    # "na przełomie lutego i marca": at the turn of February and March
    (r"\bna prze[lł]omie (\w+) i (\w+)\b", r"\1 to \2"),
    # within, in: "w ciągu", "dentro de", "innerhalb von", "em 3 meses", "za 3 miesiące"
    (r"\bw (?:przeciagu|ciagu)\b|\bdentro de\b|\binnerhalb(?: von| der nachsten)?\b"
     r"|\bin den nachsten\b|\bnos proximos\b|\ben los proximos\b|\bnei prossimi\b"
     r"|\binom\b", "within"),
    (r"\b(?:em|en|za|daqui a|tra|fra|dans|om)\s(?=\d|p[oó]l\b|poł\b|medio\b|meio\b)",
     "in "),
    # half a year: "pół roku", "medio año", "meio ano", "ein halbes Jahr", "半年", "반년"
    (r"\b(?:p[oó]l|poł) roku\b|\b(?:medio|meio) ano\b|\b(?:ein )?halbes jahr\b"
     r"|\b(?:sei|seis) mes[ie]s?\b|\bsix mois\b|半年|반년", "6 months"),
    # Turkish puts "within" and "after" last: "3 ay içinde", "6 ay sonra"
    (r"(\d+) (ay|hafta|gun|y[iı]l) (?:icinde|icerisinde|zarfinda)\b", r"within \1 \2"),
    (r"(\d+) (ay|hafta|gun|y[iı]l) sonra\b", r"in \1 \2"),
    (r"\b(?:gelecek|onumuzdeki|önümüzdeki) y[iı]l\b|\bseneye\b", "next year"),
    (r"\bbu y[iı]l\b", "this year"),
    # Japanese and Korean: next year, this year, the halves (Japan's fiscal halves run
    # April to September and October to March)
    (r"내년 ?상반기", "h1 next year"), (r"내년 ?하반기", "h2 next year"),
    (r"来年度|来期", "not before april"), (r"今年度末|年度末|今期中?|今年度", "by end of march"),
    (r"上期|上半期", "by end of september"), (r"下期|下半期", "by end of march"),
    (r"来年|내년", "next year"), (r"年内|연내", "by end of this year"),
    (r"今年|올해|금년", "this year"),
    (r"来月|다음 ?달", "next month"), (r"상반기", "h1"), (r"하반기", "h2"),
    # school years: "rok szkolny", "año escolar", "ano letivo", "Schuljahr", "anno scolastico"
    (r"\b(?:nowy|nowym|nowego) rok\w* szkoln\w+\b|\b(?:nuevo|novo) ano (?:escolar|letivo"
     r"|lectivo)\b|\bneue[sn]? schuljahr\w*\b", "next school year"),
    (r"\brok\w* szkoln\w+\b|\bano (?:escolar|letivo|lectivo)\b|\bschuljahr\w*\b"
     r"|\banno scolastico\b|\bannee scolaire\b|\blasarets?\b|\bskolearet\b",
     "school year"),
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
    # in Polish, Turkish, Japanese and Korean: "w pierwszym kwartale", "II kwartał", "drugie
    # półrocze", "ilk çeyrek", "第3四半期", "2분기"
    (r"\b(?:1|i|pierwsz\w*) kwarta\w*|\b(?:1\.?|ilk|birinci) ceyrek\w*|第1四半期|1 ?분기", "q1"),
    (r"\b(?:2|ii|drugi\w*) kwarta\w*|\b(?:2\.?|ikinci) ceyrek\w*|第2四半期|2 ?분기", "q2"),
    (r"\b(?:3|iii|trzeci\w*) kwarta\w*|\b(?:3\.?|ucuncu) ceyrek\w*|第3四半期|3 ?분기", "q3"),
    (r"\b(?:4|iv|czwart\w*) kwarta\w*|\b(?:4\.?|dorduncu|son) ceyrek\w*|第4四半期|4 ?분기", "q4"),
    (r"\b(?:1|i|pierwsz\w*) (?:polrocz|połrocz)\w*|\b(?:ilk|birinci) yar[iı]\w*", "h1"),
    (r"\b(?:2|ii|drugi\w*) (?:polrocz|połrocz)\w*|\b(?:ikinci|son) yar[iı]\w*", "h2"),
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
    # Polish "po wakacjach" (after the summer holidays), "po świętach", "po nowym roku"
    (r"\bpo wakacjach\b|\bpo urlopach\b", "after the summer"),
    (r"\bpo swietach\b", "after the holidays"), (r"\bpo nowym roku\b", "after new year"),
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
# Holidays whose dates move year to year, by their first and last day (the day a team is
# back at work after them): Korea's Chuseok, Passover, and Israel's autumn holidays from Rosh
# Hashanah to Simchat Torah ("after the chagim")
DATED_HOLIDAYS: dict[str, tuple[tuple[str, str], ...]] = {
    r"(?:chuseok|chusok|hangawi|추석)": (
        ("2026-09-24", "2026-09-26"), ("2027-09-14", "2027-09-16"),
        ("2028-10-02", "2028-10-04"), ("2029-09-21", "2029-09-23"),
        ("2030-09-11", "2030-09-13")),
    r"(?:passover|pesach|pessach|pesah)": (
        ("2026-04-02", "2026-04-09"), ("2027-04-22", "2027-04-29"),
        ("2028-04-11", "2028-04-18"), ("2029-03-31", "2029-04-07"),
        ("2030-04-18", "2030-04-25")),
    r"(?:(?:the )?(?:chagim|hagim|chaggim|high holidays|high holy days|jewish holidays"
    r"|tishrei holidays)|sukkot|succot|sukkos)": (
        ("2026-09-12", "2026-10-04"), ("2027-10-02", "2027-10-24"),
        ("2028-09-21", "2028-10-13"), ("2029-09-10", "2029-10-02"),
        ("2030-09-28", "2030-10-20")),
    r"(?:rosh hashana|rosh hashanah|rosh hashono)": (
        ("2026-09-12", "2026-09-13"), ("2027-10-02", "2027-10-03"),
        ("2028-09-21", "2028-09-22"), ("2029-09-10", "2029-09-11"),
        ("2030-09-28", "2030-09-29")),
    r"(?:yom kippur)": (
        ("2026-09-21", "2026-09-21"), ("2027-10-11", "2027-10-11"),
        ("2028-09-30", "2028-09-30"), ("2029-09-19", "2029-09-19"),
        ("2030-10-07", "2030-10-07")),
}
# India's monsoon, as a season: June to September
_MONSOON = re.compile(r"\b(?:the )?monsoons?\b(?: season)?")


# (any of them, in one pass: most replies have none)
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (_WORDS, *(p for p, _ in _PHRASES),
                                                       _UNIT_AFTER_NUMBER, _MONSOON)))


@lru_cache(maxsize=8192)
def in_english(clean: str) -> str:
    """The reply with the time words of other languages and calendars in English."""
    if clean.isascii() and not _ANY.search(clean):
        return clean
    if not clean.isascii():  # (folding parts Korean letters: "내년" whole again)
        clean = unicodedata.normalize("NFC", clean)
        clean = _WITHIN_AFTER.sub(lambda m: f" within {m[1]} {_CJK_UNITS[m[2]]} ", clean)
        clean = _IN_AFTER.sub(lambda m: f" in {m[1]} {_CJK_UNITS[m[2]]} ", clean)
        clean = _CJK_MONTH.sub(lambda m: f" {_MONTH_NAMES[int(m[1]) - 1]} ", clean)
    out = _WORDS.sub(lambda m: _WORD[m[0]], clean)
    for pattern, to in _PHRASES:
        out = pattern.sub(to, out)
    out = _UNIT_AFTER_NUMBER.sub(lambda m: " " + _UNIT[m[1]], out)
    return _MONSOON.sub("monsoon", out)
