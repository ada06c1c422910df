"""Reading a time in sales talk: "after the summer", "by FY end", "Q1 at the earliest".

A reply is rewritten into what the exact parser (``flows.parsing``) reads ("not for a
couple of years" is "after 2 years", "sept-ish" is September, "next fiscal" with a
fiscal year that starts in October is "after September"), read whole, else from the
times found in its clauses.
"""
from __future__ import annotations

import re
from datetime import date

from flows.parsing import Refusal, Timeframe, parse_timeframe
from flows.parsing.common import FUTURE_HELP, TIMEFRAME_HELP
from flows.reading.local_times import DATED_HOLIDAYS, in_english
from flows.reading.words import TURN, clauses, corrections
from flows.text import fold

_DAY_OF_MONTH = re.compile(r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
                           r" ([0-2]?[0-9]|3[01])(?:st|nd|rd|th)?\b(?![0-9'])")

# A month's name, whole or cut short ("sept", "Dec."), not a word that starts like one
# ("decide", "marketing", "mayor")
_MONTH_NAME = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust"
               r"|t|tember|ober|ember)?")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
            "winter": (12, 2), "monsoon": (6, 9)}
MONTHS = ("january february march april may june july august september october november "
           "december").split()


_TIME_WORDS = re.compile(
    r"\b(?:asap|now|today|tomorrow|urgent\w*|immediately|right away|q[1-4]|h[12]|eo[ywqm]"
    r"|days?|weeks?|months?|quarters?|years?|yrs?|mos?|wks?|20\d\d|jan\w*|feb\w*|mar\w*"
    r"|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|spring|summer|fall"
    r"|autumn|winter|monsoon|later|eventually|ramadan|ramadhan|ramazan|ramzan|eid|lebaran"
    r"|tet|cny|songkran|diwali|easter|x-?mas|christmas)\b")
_TIME_KNOWN = frozenset(
    "within next before after end this coming later months month weeks week quarter quarters "
    "year years days january february march april june july august september october "
    "november december immediately eventually".split())


def timeframe(text: str, today: date, fiscal_year_start: int | None) -> Timeframe | Refusal:
    """The time a reply names, read whole, else from the times inside it ("ASAP, their
    contract ends feb 28"): the earliest to the latest of them."""
    clean = " ".join(re.sub(r"[^\w$+'/-]+", " ",
                            _spelt(in_english(_dotted(fold(text))))).split())
    try:
        return _times_in(text, clean, today, fiscal_year_start)
    except _Past:
        return Refusal(FUTURE_HELP)


def _times_in(text: str, clean: str, today: date, fiscal_year_start: int | None
              ) -> Timeframe | Refusal:
    if clean in _BARE_UNITS:  # "year": no time at all
        return Refusal(TIMEFRAME_HELP)
    whole = _parse_any(clean, today, fiscal_year_start)
    if whole is not None:
        return whole
    found: list[Timeframe] = []
    deadline = False  # a clause before set a deadline ("by end of Feb")
    for clause in clauses(text):
        part = " ".join(re.sub(r"[^\w$+'/-]+", " ",
                               _spelt(in_english(fold(clause.strip(TURN))))).split())
        if not _TIME_WORDS.search(part):
            continue
        if deadline and not clause.startswith(TURN) and _EVENT_DATE.search(part):
            continue  # "by end of Feb, their peak season kicks off in march": the reason
        deadline = deadline or bool(_DEADLINE.search(part))
        read = _parse_any(part, today, fiscal_year_start) or _window(part, today,
                                                                     fiscal_year_start)
        if read is not None:
            found.append(read)
    if not found:
        return Refusal(TIMEFRAME_HELP)
    if len(found) == 1:
        return found[0]
    return Timeframe(min(f.earliest for f in found), max(f.latest for f in found),
                     " / ".join(dict.fromkeys(f.said for f in found)))


# First names one slip from a month ("Jane says Q3" is not June)
_NAMES = frozenset({"marco", "marc", "mary", "jane", "marci", "marcy", "julie"})


# "15.01.2027", "31.3.": a date as Europe writes it, day first
_DOTTED = re.compile(r"\b(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:20)?\d\d)?(?![\d.])")


def _dotted(folded: str) -> str:
    return _DOTTED.sub(lambda m: (f"{2000 + int(m[3]) % 100}-{int(m[2]):02d}-{int(m[1]):02d}"
                                  if m[3] else f"by end of {MONTHS[int(m[2]) - 1]}"), folded)


def _spelt(clean: str) -> str:
    fixes = corrections([w for w in clean.split() if w not in _NAMES], _TIME_KNOWN)
    return " ".join(fixes[w].read if w in fixes else w for w in clean.split())


# "by 1 March", "before March 1st": by the end of the month before
# ("before the new tax year starts 1 March", "before go-live on July 1st": the event's words
# between, the date still the deadline)
_EVENT = r"(?:(?!(?:by|before|or|and|but)\b)[a-z][\w'-]* ){0,6}?(?:(?:on|from|as of) )?"
_BY_FIRST = re.compile(r"\b(?:by|before) " + _EVENT + r"(?:the )?(?:1|1st|first) (?:of )?"
                       + _MONTH_NAME.replace("(", "(?P<a>", 1) + r"\b|\b(?:by|before) " + _EVENT
                       + _MONTH_NAME.replace("(", "(?P<b>", 1)
                       + r" (?:1|1st|first)\b(?! ?(?:half|quarter|week|\d))")
_DEADLINE = re.compile(r"\b(?:by|before|until|till|no later than)\b")
# A later clause that dates an event of theirs, the reason for the deadline, not a time to
# buy: "their peak season kicks off in march", "the audit is in april"
_EVENT_DATE = re.compile(r"\b(?:their|the|its|our)\b(?: [\w-]+){0,3} (?:kicks? off|starts?|begins?"
                         r"|opens?|hits?|launch(?:es)?|lands?|arrives?|is due|is|are)\b"
                         r"|^(?:before|ahead of) (?:the|their|its) [\w-]+(?: [\w-]+){0,2}"
                         r" (?:in|on)\b")


def _month_no(name: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name))


class _Past(Exception):
    """A time the reply names is over (or too far ahead): asked again, never moved on a
    year by reading part of it ("Q3 2026" in December is not Q3 2027)."""


def _parse_any(clean: str, today: date, fy: int | None) -> Timeframe | None:
    for candidate in _rewrites(clean, today, fy):
        when = parse_timeframe(candidate, today)
        if isinstance(when, Timeframe):
            return when
        if when.accepted == FUTURE_HELP:
            raise _Past
    return None


_EARLIEST = re.compile(r"\s*\bat the (?:very )?earliest\b")
_BARE_UNITS = frozenset("year years month months week weeks quarter quarters day days".split())


def _window(part: str, today: date, fy: int | None) -> Timeframe | None:
    """The longest run of up to six words of ``part`` that names a time."""
    words = _DAY_OF_MONTH.sub(r"\1", part).split()
    for size in range(min(6, len(words)), 0, -1):
        for at in range(len(words) - size + 1):
            piece = " ".join(words[at:at + size])
            if piece in _BARE_UNITS:  # "budget year starts july": "year" is no date
                continue
            if _TIME_WORDS.search(piece) and (when := _parse_any(piece, today, fy)):
                return when
    return None


def _fiscal_end_month(start: int) -> str:
    return MONTHS[(start - 2) % 12]


_FILLER = re.compile(r"\b(?:they|theyre|she|he|we|said|say|says|want|wants|to|go|live|buy"
                     r"|purchase|sign|start|decide|decision|implement|roll|out|looking|at"
                     r"|aiming|aim|for|hoping|hope|plan|plans|planning|target|targeting|is"
                     r"|are|be|would|will|like|it|done|in place|their|the|a|an|of|on|up"
                     r"|and|just|really|still|tho|lol|ideally|probably|prob|maybe|think"
                     r"|i|expect|expected|said|sometime|some|time|asap-ish|ish|kick|off|get"
                     r"|going|rollout|launch|by|within|in|around|about|go-live|golive|deciding)\b")


_FY_END = re.compile(r"\beofy\b|\b(?:their |the )?(?:fiscal|fy)(?: year)?[ -]?(?:end|close)s?\b"
                     r"|\bend of (?:the |their )?(?:fiscal|fy)(?: year)?\b"
                     r"|\b(?:their |the )?(?:fiscal|fy)(?: year)? (?:closes|ends|close|end)\b")


def _rewrites(clean: str, today: date, fy: int | None) -> list[str]:
    """The reply, then the reply in the words the timeframe parser reads."""
    out = _BY_FIRST.sub(lambda m: "by end of " + MONTHS[_month_no(m["a"] or m["b"]) - 2], clean)
    out = _DAY_OF_MONTH.sub(r"\1", out)  # "feb 28": February (its day matters not)
    out = re.sub(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b",  # "03/31/2027", as CRMs write it
                 lambda m: f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}" if int(m[1]) <= 12
                 else f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", out)
    out = re.sub(r"\b(?:before|by|for) (?:x-?mas|christmas)\b", "by end of december", out)
    out = re.sub(r"\b(?:right )?after (?:the )?(?:new year|holidays|x-?mas|christmas"
                 r"|festive season|festive period|festivities|festive)\b", "by end of february",
                 out)
    out = re.sub(r"\bqtrs?\b", "quarter", out)  # "next qtr"
    # "by friday", "next monday": within a week or two
    # (and "decision by friday": a weekday said as the deadline anywhere)
    out = re.sub(r"^(?:(?:by|on|this) )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", "in 1 week",
                 out)
    out = re.sub(r"\b(?:by|before|until|till) (?:this )?"
                 r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", "within 1 week", out)
    out = re.sub(r"^next (?:mon|tues|wednes|thurs|fri|satur|sun)day\b", "in 2 weeks", out)
    # "before their busy season in May": by the end of April (when it opens the reply; after
    # a deadline, it is the deadline's reason)
    out = re.sub(r"^(?:asap |ideally |needs? to be )?before (?:the |their |its )?"
                 r"(?:[a-z-]+ ){1,3}(?:in|on) " + _MONTH_NAME
                 + r"\b(?! ?\d)", lambda m: f"by end of {MONTHS[_month_no(m[1]) - 2]}", out)
    out = re.sub(r"\b(\d\d)q([1-4])\b", r"q\2 20\1", out)  # "27Q1"
    out = re.sub(r"\bcy ?'?(\d\d)\b", r"20\1", out)  # "CY27": the calendar year
    out = re.sub(r"\bcy ?(20\d\d)\b", r"\1", out)
    out = re.sub(r"\b(?:x-?mas|christmas)\b", "december", out)
    # "12/15", as US CRMs write a date without its year: that month
    out = re.sub(r"\b(?:(?:by|before|on) )?(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01])\b(?!/)",
                 lambda m: f"by end of {MONTHS[int(m[1]) - 1]}", out)
    # "31/3", "15/01": day first, as Europe writes it, where the day cannot be a month
    out = re.sub(r"\b(?:(?:by|before|on) )?(?:1[3-9]|2[0-9]|3[01])/(0?[1-9]|1[0-2])\b(?!/)",
                 lambda m: f"by end of {MONTHS[int(m[1]) - 1]}", out)
    out = re.sub(r"\b(20\d\d) ?\+", r"not before \1", out)  # "2028+": 2028 or later
    out = re.sub(r"\bnext (q[1-4]|h[12])\b", lambda m: _next_part(m[1], today), out)
    out = re.sub(r"\b(?:the )?(?:next|coming) few\b", "next 3", out)
    out = re.sub(r"\b(?:needed it |need it |wanted it )?yesterday\b", "asap", out)
    out = re.sub(r"\bimminent(?:ly)?\b", "asap", out)
    # a sprint is two to four weeks: "next sprint" is within a month
    out = re.sub(r"\b(?:the |their )?(?:next|coming) sprint\b", "in 4 weeks", out)
    out = re.sub(r"\b(?:this|the current|their current) sprint\b", "in 2 weeks", out)
    out = re.sub(rf"\b(?:mid|early|late)[- ]?{_MONTH_NAME}\b", r"\1", out)  # "mid-Feb": Feb
    out = re.sub(rf"\b{_MONTH_NAME}\.? ?(?:/|or|-|to) ?{_MONTH_NAME}\b",
                 r"by end of \2", out)  # "feb/march": by the end of March
    for q, (first, middle, last) in {"1": ("jan", "feb", "mar"), "2": ("apr", "may", "jun"),
                                     "3": ("jul", "aug", "sep"),
                                     "4": ("oct", "nov", "dec")}.items():
        out = re.sub(rf"\b(?:early|start of|beginning of) q{q}\b", f"by end of {first}", out)
        out = re.sub(rf"\bmid[- ]?q{q}\b", f"by end of {middle}", out)
        out = re.sub(rf"\b(?:late|end of) q{q}\b", f"by end of {last}", out)
    if _FY_END.search(out):
        month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", out)
        if month:  # "by FY end, theirs ends june 30": that month
            out = f"by end of {month.group(1)}"
        elif fy is not None:
            out = _FY_END.sub(f"end of {_fiscal_end_month(fy)}", out)
        else:  # a fiscal year nobody named ends within twelve months
            out = "within 12 months"
    if fy is not None:  # the fiscal year is known: next FY starts on its first month
        start_year = today.year + (today.month >= fy)
        last = MONTHS[(fy - 2) % 12]
        out = re.sub(r"\b(?:the )?next (?:fiscal|fy)(?: year)?\b",
                     f"after {last} {start_year - (fy == 1)}", out)
        out = re.sub(r"\b(?:the )?this (?:fiscal|fy)(?: year)?\b",
                     f"by end of {last} {start_year - (fy == 1)}", out)
    out = re.sub(r"\bfy ?'?(\d\d)(?:/\d\d)?\b", r"20\1", out)  # "FY27", "FY27/28": 2027
    out = re.sub(r"\bnext (?:fiscal|fy)(?: year)?\b", "next year", out)
    out = re.sub(r"\bthis (?:fiscal|fy)(?: year)?\b", "this year", out)
    out = re.sub(r"\b(?:before|by) (?:the )?(?:q-?end|quarter[- ]end|eoq|end of (?:the )?q)\b",
                 "by end of this quarter", out)
    out = re.sub(r"\b(?:q-?end|quarter[- ]end|eoq)\b", "end of this quarter", out)
    out = _lunar_holidays(out, today)
    out = _dated_holidays(out, today)
    out = _school_years(out, today)
    for holiday, month in _HOLIDAYS:
        # "right after carnival": soon after it, by the end of its month if it falls early
        # in it, else of the month after (as "after xmas" is by the end of February)
        at = MONTHS.index(month.removeprefix("end of "))
        after = MONTHS[at if holiday in _EARLY_IN_MONTH else (at + 1) % 12]
        out = re.sub(rf"\b(?:right |just |straight |soon )?after (?:the )?(?:next |this )?"
                     rf"(?:{holiday})\b", f"by end of {after}", out)
        out = re.sub(rf"\b(?:next |this )?(?:{holiday})\b", month, out)
    out = re.sub(r"\bnot (?:for|in|within|in the next|for another|for at least) ", "after ", out)
    out = re.sub(r"\bnot (?:until|till|til|before) ", "not before ", out)
    out = re.sub(r"\bnot this year\b", "after this year", out)
    out = re.sub(r"\b(\d+) ?\+ ?(mo|mos|months|month|yrs?|years?)\b", r"\1+ \2", out)
    out = re.sub(r"\bmos?\b|\bmths?\b", "months", out)
    out = re.sub(r"\byr\b", "year", out)
    out = re.sub(r"\byrs\b", "years", out)
    out = re.sub(r"\bwks?\b", "weeks", out)
    out = re.sub(r"\bnew year\b|\bthe holidays\b", "january", out)
    out = re.sub(r"\b(?:early|start of|beginning of) (q[1-4]|h[12])\b", r"\1", out)
    out = re.sub(r"\b(?:early|start of|beginning of) next year\b", "by march next year", out)
    # "early 2027": by its March; "mid 2027": by its July; "late 2027": by its end
    out = re.sub(r"\b(?:early|start of|beginning of) (20\d\d)\b", r"by end of march \1", out)
    out = re.sub(r"\bmid[- ]?(20\d\d)\b", r"by end of july \1", out)
    out = re.sub(r"\b(?:late|end of) (20\d\d)\b", r"by end of december \1", out)
    out = re.sub(r"\b(?:before|by) (?:the )?(?:year[- ]end|end of (?:the )?year)\b",
                 "by end of this year", out)
    out = re.sub(r"\bthis time next year\b", "in 12 months", out)
    out = re.sub(r"\b(?:by )?(?:late|end of) next year\b", "by end of next year", out)
    if _EARLIEST.search(out):  # "Q1 at the earliest": Q1 or later
        out = re.sub(r"\b(a|an|one|\d+) (years?|months?|weeks?) from now\b", r"in \1 \2", out)
        out = _EARLIEST.sub("", out).strip()
        if not re.search(r"\b(?:not before|after|from(?! now))\b", out):
            out = "not before " + re.sub(r"^(?:by|before|in) ", "", out)
    out = re.sub(r"\s*\bat the (?:very )?latest\b", "", out)
    out = re.sub(r"\bmid[- ]?(?:next )?year\b", "by july next year"
                 if today.month >= 7 else "by july", out)
    season = re.search(r"\b(after|before|by end of|end of|by|in|during|over|this|next)? ?(?:the )?"
                       r"(spring|summer|fall|autumn|winter|monsoon)\b(?: '?(?:20)?(\d\d)\b)?", out)
    if season:
        out = _season(out, season, today)
    found = [out]
    bare = " ".join(_FILLER.sub(" ", out).split())
    if bare and bare != out:
        found.append(bare)
    # "go-live by end of april", "deciding by end of december": the time after its words
    lead = _LEAD.sub("", out)
    if lead and lead != out:
        found.append(lead)
    first = [] if _DAY_OF_MONTH.search(clean) or _EARLIEST.search(clean) else [clean]
    # ("jan 31" is no year 2031; "Q1 at the earliest" is not Q1)
    return [*first, *dict.fromkeys(found)]


_LEAD = re.compile(r"^.*?\b(?=(?:by|before|within|after|until|till|not before)\b)")


# Holidays a purchase is timed by: the month (by its end) they fall in, and for those
# early in their month, that "right after" them is still that month.
_HOLIDAYS = (("thanksgiving", "end of november"), ("black friday", "end of november"),
             ("cyber monday", "end of november"), ("easter", "end of april"),
             ("labou?r day", "end of september"), ("memorial day", "end of may"),
             ("(?:july 4th|4th of july|independence day)", "end of july"),
             ("halloween", "end of october"), ("valentines(?: day)?", "end of february"),
             # carnival (Brazil, the Caribbean) and the lunar new year: early February
             ("carnival|carnaval|carnivale", "end of february"),
             ("(?:cny|chinese new year|lunar new year|tet|seollal)", "end of february"),
             ("songkran", "end of april"), ("obon", "end of august"),
             ("diwali", "end of november"), ("golden week", "end of may"))
_EARLY_IN_MONTH = {"carnival|carnaval|carnivale",
                   "(?:cny|chinese new year|lunar new year|tet|seollal)",
                   "labou?r day", "(?:july 4th|4th of july|independence day)", "golden week"}


# Ramadan and the two Eids move eleven days a year with the moon: the first day of
# Ramadan, of Eid al-Fitr (its end) and of Eid al-Adha, as announced (a day either way
# with the sighting, so the reading is only proposed)
_LUNAR = {2026: ("2026-02-18", "2026-03-20", "2026-05-27"),
          2027: ("2027-02-08", "2027-03-10", "2027-05-16"),
          2028: ("2028-01-28", "2028-02-26", "2028-05-05"),
          2029: ("2029-01-16", "2029-02-14", "2029-04-24"),
          2030: ("2030-01-05", "2030-02-04", "2030-04-13")}
_RAMADAN = r"(?:ramadan|ramadhan|ramazan|ramzan|puasa|bulan puasa)"
_EID_FITR = (r"(?:eid(?: al[- ]?fitr| ul[- ]?fitr| el[- ]?fitr)?|idul ?fitri|lebaran"
             r"|hari raya(?: aidilfitri| idul fitri)?)")
_EID_ADHA = r"(?:eid (?:al|ul|el)[- ]?adha|idul ?adha|bakri eid|bakrid|hari raya haji)"


def _lunar_holidays(out: str, today: date) -> str:
    """ "by Ramadan": the day before it starts; "after Eid": by the end of the month after;
    "during Ramadan": by its end; each the next one not yet over."""
    if not re.search(r"ramadan|ramadhan|ramazan|ramzan|puasa|eid|idul|lebaran|hari raya"
                     r"|bakrid", out):
        return out
    for name, start_at, end_at in ((_EID_ADHA, 2, 2), (_RAMADAN, 0, 1), (_EID_FITR, 1, 1)):
        days = [(date.fromisoformat(d[start_at]), date.fromisoformat(d[end_at]))
                for _, d in sorted(_LUNAR.items())]
        coming = next(((a, b) for a, b in days if b >= today), None)
        if coming is None:
            return out
        start, end = coming
        before = date.fromordinal(start.toordinal() - 1)
        after_month = end.month % 12 + 1
        after_year = end.year + (after_month == 1)
        out = re.sub(rf"\b(?:by|before|ahead of|prior to) (?:the )?(?:start of )?{name}\b",
                     f"by {before.isoformat()}", out)
        out = re.sub(rf"\b(?:right |just |soon |straight )?after (?:the )?{name}\b",
                     f"by end of {MONTHS[after_month - 1]} {after_year}", out)
        out = re.sub(rf"\b(?:during |in |over |by end of |end of )?(?:the )?{name}\b",
                     f"by {end.isoformat()}", out)
    return out


_DATED = tuple((re.compile(rf"\b(?P<how>(?:by|before|ahead of|prior to)|(?:right |just |soon "
                           rf"|straight )?after|during|in|over)? ?(?:the )?(?:start of )?"
                           rf"{name}(?![a-z])"),
                tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in days))
               for name, days in DATED_HOLIDAYS.items())
_ANY_DATED = re.compile("|".join(DATED_HOLIDAYS))


def _dated_holidays(out: str, today: date) -> str:
    """ "before Passover": the day before it starts; "after the chagim": by the end of the
    month they end in (of the month after, when they end late in it); "during Chuseok": by
    its last day; each the next one not yet over."""
    if not _ANY_DATED.search(out):
        return out
    for pattern, days in _DATED:
        coming = next(((a, b) for a, b in days if b >= today), None)
        if coming is None:
            continue
        start, end = coming

        def said(found: re.Match[str], start: date = start, end: date = end) -> str:
            how = found["how"] or ""
            if how in ("by", "before", "ahead of", "prior to"):
                return f"by {date.fromordinal(start.toordinal() - 1).isoformat()}"
            if how.endswith("after"):
                month = end.month if end.day <= 10 else end.month % 12 + 1
                year = end.year + (month < end.month)
                return f"by end of {MONTHS[month - 1]} {year}"
            return f"by {end.isoformat()}"
        out = pattern.sub(said, out)
    return out


# A school year starts in late August or September: "the 2028-29 school year", "AY
# 2027/28", "next academic year" are by the end of the August before it; its end is June
_SCHOOL = r"(?:school|academic|scholastic) year"
_SCHOOL_YEARS = (
    (re.compile(rf"\b(?:the |for (?:the )?)?(?:ay ?|sy ?)?(20\d\d) ?[-/] ?(?:20)?\d\d {_SCHOOL}\b"
                rf"|\b(?:the )?{_SCHOOL} (?:of )?(20\d\d) ?[-/] ?(?:20)?\d\d\b"
                r"|\b(?:ay|sy) ?(20\d\d) ?[-/] ?(?:20)?\d\d\b"), "first"),
    (re.compile(rf"\b(?:by |before |for |in )?(?:the )?(?:(?:next|new|coming) {_SCHOOL}"
                rf"|(?:start|beginning) of (?:the )?(?:next |new )?{_SCHOOL})\b"), "next"),
    (re.compile(rf"\b(?:by |before )?(?:the )?end of (?:the |this )?{_SCHOOL}\b"
                rf"|\b(?:this|the current) {_SCHOOL}\b"), "end"),
)


def _school_years(out: str, today: date) -> str:
    if not re.search(r"school|academic|scholastic|\b(?:ay|sy) ?20", out):
        return out
    for pattern, kind in _SCHOOL_YEARS:
        if kind == "first":
            out = pattern.sub(lambda m: f"by end of august {m[1] or m[2] or m[3]}", out)
        elif kind == "next":
            out = pattern.sub(f"by end of august {today.year + (today.month >= 9)}", out)
        else:
            out = pattern.sub(f"by end of june {today.year + (today.month >= 7)}", out)
    return out


def _next_part(part: str, today: date) -> str:
    """ "next Q1": the first Q1 (or H1…) that starts after today, with its year."""
    length = 3 if part[0] == "q" else 6
    first_month = (int(part[1]) - 1) * length + 1
    year = today.year if first_month > today.month else today.year + 1
    return f"{part} {year}"


def _season(out: str, season: re.Match[str], today: date) -> str:
    """ "after the summer" -> by the end of October; "by spring" -> before March; "in the
    fall" -> by the end of November: the next such season not yet over."""
    word, name = season.group(1) or "in", season.group(2)
    first, last = _SEASONS[name]
    months_to_end = (last - today.month) % 12
    end = date(today.year + (today.month + months_to_end > 12), (last - 1) % 12 + 1, 1)
    if season.group(3):  # "summer 27", "spring 2028": that year's
        end = date(today.year // 100 * 100 + int(season.group(3)) + (first > last), last, 1)
    start_year = end.year - (first > last)
    if word == "after":
        month = (last + 1) % 12 + 1  # two months after the season ends
        year = end.year + (month < last)
        phrase = f"by end of {MONTHS[month - 1]} {year}"
    elif word in ("by end of", "end of"):
        phrase = f"by end of {MONTHS[last - 1]} {end.year}"
    elif word in ("before", "by"):
        phrase = f"before {MONTHS[first - 1]} {start_year}"
    else:
        phrase = f"by end of {MONTHS[last - 1]} {end.year}"
    return out[:season.start()] + phrase + out[season.end():]
