"""The words of other languages that change how an answer is read: their "not", "maybe",
"probably" and "but", and the short "yes" and "no" that are only one at a reply's start.

The answers' own words in other languages are data (``config/languages/<code>.yaml``); these
work as the English ones of ``flows.reading.lexicon`` do. Left out: words that are English
words too, or another language's opposite ("ne" is "no" in Czech and "yes" in Greek, "tak"
"yes" in Polish and "not" in Malay, "mai" several Thai words, "wala" "none" in Tagalog and
"the one who" in Hindi, "sem" "without" and search marketing), and "ma", "men", "mas", "dar"
that are "but" in one language and common words in another.
"""
from __future__ import annotations

import re

from flows.text import tokens

# A word that turns what follows against its answer, as "not" and "no" do.
NEGATIONS_ABROAD = (
    "sin", "nunca", "ningun", "ninguna", "ninguno", "nao", "nenhum", "nenhuma",  # es pt
    "aucun", "aucune", "jamais",  # fr ("sans" reads as "san": "Tanaka-san")
    "nessun", "nessuno", "nessuna",  # it
    "nicht", "kein", "keine", "keinen", "keiner", "keinem", "ohne", "noch nicht",  # de
    "niet", "geen", "zonder",  # nl
    "nie", "brak", "bez", "zadnego", "zadnej",  # pl, cs
    "inte", "ikke", "ikkje", "ingen", "inget", "utan", "uten", "uden",  # sv no da ("Inga")
    "eivat", "ilman", "ei ole",  # fi ("EI", emotional intelligence, only opens a reply)
    "neni", "nema", "nemaji", "nemame", "zadny", "zadne",  # cs
    "niciun", "nicio", "fara",  # ro
    "yok", "degil",  # tr
    "δεν", "οχι", "χωρισ",  # el
    "не", "нет", "без", "ни", "немає", "нема", "ні", "nyet", "nemaye",  # ru uk
    "لا", "ليس", "ليست", "مش", "مافي", "بدون", "لم", "لن", "mafi", "mafee", "mish", "bidun",
    "bedoon",  # ar
    "לא", "אין", "בלי",  # he
    "nahi", "nahin", "nhi", "nai hai", "bina", "नहीं", "नही", "बिना",  # hi
    "tidak", "gak", "nggak", "ngga", "enggak", "ndak", "belum", "bukan", "tanpa",  # id ms
    "walang", "hindi pa", "hindi po", "hindi sila", "hindi siya", "hindi nila", "hindi ko",
    "hindi naman",  # tl: "hindi" alone is the language too, "wala" Hindi's "the one who"
    "khong", "khong co", "chua co",  # vi ("Chua" is a name)
    "ない", "なし", "無し", "未", "없", "아니", "못",  # ja ko
    "没", "没有", "不", "无", "未",  # zh
    "hakuna", "hawana", "sio", "no get",  # sw, Nigerian pidgin
)

# Words that leave a reply unclear, as "maybe" and "not sure" do: never taken.
HEDGES_ABROAD = (
    "quizas", "quiza", "tal vez", "a lo mejor", "puede ser", "puede que", "no se", "ni idea",
    "no estoy seguro", "no estoy segura", "depende", "talvez", "nao sei", "pode ser",
    "nao tenho certeza", "sei la",  # es pt
    "peut etre", "je sais pas", "sais pas", "je ne sais pas", "ca depend", "pas sur", "pas sure",
    "aucune idee",  # fr
    "forse", "non so", "dipende", "boh", "non sono sicuro", "non sono sicura", "chissa",  # it
    "vielleicht", "weiss nicht", "weis nicht", "keine ahnung", "kommt drauf an", "unklar",
    "mal sehen", "unsicher", "nicht sicher",  # de
    "misschien", "weet niet", "weet ik niet", "geen idee", "hangt ervan af", "onduidelijk",
    "niet zeker",  # nl
    "moze", "nie wiem", "zalezy", "nie jestem pewien", "nie jestem pewna", "nie wiadomo",  # pl
    "kanske", "vet inte", "beror pa", "kanskje", "vet ikke", "maske", "ved ikke",  # sv no da
    "usikker",
    "ehka", "en tieda", "en tieda viela", "riippuu",  # fi
    "mozna", "nevim", "nejsem si jisty", "zalezi",  # cs
    "poate", "nu stiu", "nu sunt sigur", "depinde",  # ro
    "belki", "bilmiyorum", "emin degilim", "bilmem", "duruma gore",  # tr
    "ισωσ", "δεν ξερω", "den kserw", "den xero",  # el ("isos" reads as "iso")
    "может быть", "возможно", "не знаю", "не уверен", "не уверена", "mozhet byt", "vozmozhno",
    "ne znayu", "можливо", "не впевнений", "mozhlyvo",  # ru uk
    "inshallah", "insha allah", "inshaallah", "in sha allah", "inshalla", "insh allah",
    "ان شاء الله", "انشاء الله", "انشالله", "يمكن", "ربما", "مش عارف", "مدري", "mumkin",
    "yimkin", "rubbama", "mish aref", "mesh aref", "mish 3aref", "madri",  # ar
    "ulay", "אולי", "לא יודע", "לא בטוח", "lo yodea", "lo batuach",  # he
    "shayad", "pata nahi", "pata nahin", "pata nhi", "malum nahi", "शायद", "पता नहीं",  # hi
    "mungkin", "tidak tahu", "gak tahu", "nggak tahu", "ga tau", "gak tau", "nggak tau",
    "entah", "belum tahu", "belum tau", "tak tahu", "tak pasti",  # id ms
    "siguro", "baka", "ewan ko", "hindi ko alam", "di ko alam", "di sigurado",  # tl
    "co the", "khong biet", "chua biet", "khong chac",  # vi
    "mai roo", "mai nae jai", "at ja", "aat ja",  # th
    "tabun", "たぶん", "多分", "わからない", "分からない", "wakaranai", "kamoshirenai",
    "かもしれない", "未定",  # ja
    "아마", "글쎄", "모르겠", "모름",  # ko
    "可能", "也许", "不知道", "不确定", "说不定", "看情况",  # zh
    "labda", "sijui", "pengine", "inategemea", "boya", "i no know", "i no sure",  # sw, pidgin
)

# Words that make an answer a guess, proposed, as "probably" does.
SOFTS_ABROAD = (
    "probablemente", "creo que", "parece", "provavelmente", "acho que", "probablement",
    "je pense", "je crois", "probabilmente", "credo", "penso", "wahrscheinlich",
    "ich glaube", "glaube", "vermutlich", "waarschijnlijk", "denk ik", "volgens mij",
    "chyba", "pewnie", "raczej", "troligen", "antagligen", "tror jeg", "jag tror",
    "todennakoisesti", "varmaan", "nejspis", "probabil", "cred ca", "galiba",
    "sanirim", "herhalde", "вероятно", "наверное", "думаю", "naverno", "dumayu",
    "kayaknya", "sepertinya", "kayanya", "mukhang", "parang", "lagta hai",
)

# Particles between an answer's words and a "not" after them: "社長ではない", "대표가 아니에요"
GAPS_ABROAD = frozenset({"で", "は", "じ", "ゃ", "が", "も", "이", "가", "은", "는", "도"})

# "but" in other languages: the clause after it turns against the one before.
TURNS_ABROAD = ("pero", "porem", "aber", "jedoch", "mais", "maar", "ale", "mutta",
                "fakat", "ancak", "αλλα", "но", "але", "لكن", "بس", "אבל", "aval", "lekin",
                "लेकिन", "tapi", "tetapi", "nhung", "lakini")
# (and inside a run of Chinese, Japanese or Korean letters)
TURNS_CJK = ("但是", "不过", "しかし", "けど", "하지만", "그런데", "근데")

# Their words: never what a misspelling is read as (but for the English ones among them)
FOREIGN_MARK_WORDS = frozenset(
    w for text in (*NEGATIONS_ABROAD, *HEDGES_ABROAD, *SOFTS_ABROAD, *TURNS_ABROAD)
    for w in tokens(text))

# A short "yes" or "no" that is an English word, a name or another language's word too:
# only one when it opens the reply on its own ("da, he signs", "la.", "sim!").
OPENING_YES = ("da", "sim", "ano", "jo", "naam", "na'am", "na’am", "chai", "oo", "네")
OPENING_NO = ("la", "lo", "net", "nu", "hindi", "ei")
_OPENING = re.compile(
    r"^\s*(?P<word>" + "|".join(map(re.escape, OPENING_YES + OPENING_NO)) + r")"
    r"(?=\s*(?:[,.!;:،]|[-–—]\s|$)|\s+(?:po|sir|maam|bro)\b)")


def opening_word(text: str) -> str:
    """``text`` with a short "yes" or "no" of another language that opens it, written lower
    case, as "yes" or "no" ("da, CEO" is "yes, CEO"; "Da" or "LA" is a name or a place)."""
    found = _OPENING.match(text)
    if found is None:
        return text
    said = "yes" if found["word"] in OPENING_YES else "no"
    return text[:found.start("word")] + said + text[found.end("word"):]
