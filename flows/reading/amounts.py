"""Reading numbers and times into bands: "250 seats", "after the summer", "Q1 at the earliest".

A time is read by ``flows.reading.times`` and an amount by ``flows.reading.money``;
here the band it lands in is chosen, and what both share: a guess ("maybe 2-3k",
"probably Q3") is proposed, an answer said by name ("no timeline", "tiny") is read as
that answer. A reply whose range straddles two bands is never taken as sure.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from flows.matching import band, band_for_days, parse_number
from flows.model import Choice, Question
from flows.parsing import Refusal
from flows.parsing.common import TIMEFRAME_HELP
from flows.reading.choices import decide, evidence, read_choice
from flows.reading.local_times import in_english
from flows.reading.result import Confidence, Reading
from flows.reading.times import MONTHS, timeframe
from flows.text import fold, tokens

APPROXIMATE = re.compile(r"\b(?:about|around|roughly|approx\w*|circa|ca|ish|or so|give or take"
                         r"|ballpark|something like|in the region of|north of|south of)\b|~")
# "maybe 2-3k", "probably Q3": a guess at an amount or a time is an estimate, proposed
# for a click; "maybe", "not sure" standing alone are still no answer.
_GUESS = r"\b(?:maybe|perhaps|possibly|probably|prob|likely|my guess is|guessing)\s+"
GUESSED_AMOUNT = re.compile(_GUESS + r"(?=(?:a |an |one |the )?[$€£~]?\s*\d|(?:low|mid|high|upper"
                             r"|lower|six|five|four|seven|a couple|a few|under|over|around|about"
                             r"|one|a|an)\b)")
_GUESSED_TIME = re.compile(_GUESS + r"(?=\d|(?:q[1-4]|h[12]|20\d\d|next|this|end|early|late"
                           r"|mid|in|within|after|by|around|jan\w*|feb\w*|mar\w*|apr\w*|may"
                           r"|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\b)")
_TRAILING_GUESS = re.compile(r"^((?:q[1-4]|h[12]|20\d\d|next|this|end|early|late|mid|in|within"
                             r"|by|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b[^,;]{0,20}?)"
                             r"[,\s]+(?:maybe|probably|perhaps|prob|possibly)[.!?]*$")
_GUESS_WORD = re.compile(r"\b(?:maybe|perhaps|possibly|probably|prob|likely)\b")
ISH = re.compile(r"(?<=[a-z0-9])[- ]?ish\b")  # "sept-ish", "50k ish": about


def drop_guess(text: str, guess: re.Pattern[str]) -> tuple[str, bool]:
    folded = fold(text)
    if len(_GUESS_WORD.findall(folded)) > 1:  # "maybe Q2, maybe later": two guesses
        return text, False
    plain = ISH.sub("", guess.sub("", folded))
    return (plain, True) if plain != folded else (text, False)


_QUESTIONED_GUESS = re.compile(r"\b(?:maybe|perhaps|possibly|probably|prob|i think|i guess"
                               r"|guessing)\b|(?<=[a-z0-9])[- ]?ish\b")


def questioned(reading: Reading) -> Reading:
    """ "20k?", "Q3?": a question mark proposes; two ("??", "Q3? Q4?"), or one on a guess
    ("maybe 20k?", "soon-ish?"), ask again: the SDR is asking, not answering."""
    folded = fold(reading.typed)
    if "?" not in folded or reading.choice is None:
        return reading
    if folded.count("?") > 1 or _QUESTIONED_GUESS.search(folded):  # ("Q3? Q4?" too)
        return Reading.unclear(reading.typed, near=(reading.choice,))
    return reading.weaker(Confidence.LIKELY)


def as_typed(reading: Reading, typed: str, guessed: bool) -> Reading:
    reading = replace(reading, typed=typed)
    return reading.weaker(Confidence.LIKELY) if guessed else reading


def read_number(question: Question, text: str) -> Reading:
    named = read_exact(question, text, numbers=False)
    if named is not None:
        return named
    value = parse_number(text)
    if value is None:
        match = re.search(r"\d[\d,.]*\s*k?", text)
        value = parse_number(match.group(0)) if match else None
    if value is None:
        return read_named(question, text) or Reading.unclear(
            text, hint="Type the number, for example 250 or 1.5k.")
    return in_band(question, text, value, value, f"{value:,.0f}", lambda q, v: band(q, v))


def read_timeframe(question: Question, text: str, today: date,
                   fiscal_year_start: int | None = None) -> Reading:
    """When they plan to buy, read into the question's bands."""
    return questioned(_read_timeframe_reply(question, text, today, fiscal_year_start))


def _read_timeframe_reply(question: Question, text: str, today: date,
                          fiscal_year_start: int | None) -> Reading:
    if _VAGUE_ISH.search(fold(text)):  # "soon-ish": vaguer than soon, which is vague already
        return Reading.unclear(text, hint=TIMEFRAME_HELP)
    if _DEFERRED.search(fold(text)) and not _DECISION.search(fold(text)):
        # "ask me next week", "he'll know more in jan": when to ask again, not when they buy
        return Reading.unclear(text, hint=TIMEFRAME_HELP)
    if told := _NOT_TOLD.search(fold(text)):  # "no timing given": not told, not "no timeline"
        # (where "we don't know yet" is an answer, it is that one)
        unknown = read_exact(question, "unknown")
        return (Reading.of(text, unknown.choice, Confidence.SURE, told[0])
                if unknown is not None and unknown.choice is not None
                else Reading.unclear(text, hint=TIMEFRAME_HELP))
    if ((slip := _KEEPS_SLIPPING.search(fold(text))) and not _A_TIME.search(
            in_english(fold(text))) and (rest := fold(text)[:slip.start()].strip(" ,;.-"))):
        # "no timeline, keeps slipping": with no date to slip, the slip says there is none
        return replace(read_timeframe(question, rest, today, fiscal_year_start), typed=text)
    named = read_exact(question, text)
    if named is not None:  # "no rush" says how urgent, not when, as "not urgent" does
        return (Reading.unclear(text, hint=TIMEFRAME_HELP) if _URGENCY.fullmatch(named.how)
                else named)
    typed = text
    if ((concluded := _SO_TIME.search(fold(text))) and concluded.start() > 0
            and _A_TIME.search(concluded["time"])):
        # "na de zomer — after summer, so Sept": the SDR's own conclusion is the time
        reading = read_timeframe(question, concluded["time"], today, fiscal_year_start)
        if reading.choice is not None:
            return replace(reading, typed=typed)
    if (really := _REALLY.search(fold(text))) and _A_TIME.search(really["time"]):
        # "ASAP but realistically Q2": the time the SDR settles on, not the wish before it
        reading = read_timeframe(question, really["time"], today, fiscal_year_start)
        if reading.choice is not None:
            return as_typed(reading, typed, bool(_GUESS_WORD.search(really["how"])))
    text, guessed = drop_guess(text, _GUESSED_TIME)
    if (trailing := _TRAILING_GUESS.match(fold(text))) and not guessed:
        text, guessed = trailing[1], True  # "2029 maybe": a guess at a time, proposed
    return as_typed(_read_timeframe(question, text, today, fiscal_year_start), typed, guessed)


_KEEPS_SLIPPING = re.compile(
    r"[,;.-]?\s*(?:and |but |it |that |which |the date )?(?:keeps?|kept) (?:on )?(?:slipping"
    r"|sliding|moving|getting (?:pushed|moved|delayed)|being (?:pushed|moved|delayed))"
    r"(?: back| out| right)?[.!]*$")
_DEFERRED = re.compile(r"\b(?:ask (?:me|him|her|them|again)|check back|check in with|circle back"
                       r"|ping (?:me|him|her|them)|remind me|follow(?:ing)? up|touch base"
                       r"|get(?:ting)? back to (?:me|us|you)|(?:will|ll|to) (?:find out|confirm"
                       r"|clarify)|(?:will|ll) know|know more|find out)\b")
_DECISION = re.compile(r"\b(?:decision|decid|sign|verdict|go-?live|buy|purchas|order|answer"
                       r"|implement|roll ?out|launch|start)\w*")
_NOT_TOLD = re.compile(r"\bno (?:timing|timeline|timeframe|time ?frame|dates?|target date)"
                       r" (?:was |were )?(?:given|mentioned|shared|provided|discussed|stated)\b"
                       # "they haven't set a date, could be anytime": none set yet
                       r"|\b(?:havent|have not|hasnt|has not|didnt|did not|not) (?:yet )?"
                       r"(?:set|picked|fixed|agreed(?: on)?|named|given) (?:a |any |the )?"
                       r"(?:date|timeline|timeframe|deadline|go-?live date)\b")
_VAGUE_ISH = re.compile(r"\b(?:soon|later|asap|now|eventually)[- ]?ish\b")
_REALLY = re.compile(r"\b(?:but|though|tho|although)\s*,?\s*(?P<how>(?:more )?realistically"
                     r"|actually|really|in reality|more like|more likely|likely|probably|prob)"
                     r"\s*,?\s*(?P<time>[^,;]{2,40})$")
_A_TIME = re.compile(r"\d|\b(?:q[1-4]|h[12]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_SO_TIME = re.compile(r"(?:[,;]|\s[-–—])\s*so,?\s+(?:thats\s+|that is\s+|about\s+|around\s+)?"
                      r"(?P<time>[^,;]{2,30})$")


def _read_timeframe(question: Question, text: str, today: date,
                    fiscal_year_start: int | None) -> Reading:
    both = _month_and_year(text, today)
    if both is not None:
        # "sept 27": the 27th of September, or September 2027? Where they fall apart, asked
        as_day = _read_timeframe_once(question, text, today, fiscal_year_start)
        as_year = _read_timeframe_once(question, both, today, fiscal_year_start)
        day_choice, year_choice = as_day.choice, as_year.choice
        if day_choice is None or year_choice is None or day_choice.id != year_choice.id:
            near = tuple(c for c in (day_choice, year_choice) if c is not None)
            return Reading.unclear(text, near=near)
        return as_day
    if (bare := _BARE_PART.search(in_english(fold(text)))) and _ending(*_part(bare), today):
        # "H2" said in its last quarter: the few weeks left of it, or next year's? Asked
        kind, n = _part(bare)
        this_one = _read_timeframe_once(question, text, today, fiscal_year_start)
        nexts = _read_timeframe_once(question, f"{kind}{n} {today.year + 1}", today,
                                     fiscal_year_start)
        near = tuple(dict.fromkeys(c for c in (this_one.choice, nexts.choice) if c is not None))
        return Reading.unclear(text, near=near)
    folded = in_english(fold(text))  # "entro l'estate" is "by summer" too
    if (season := _BY_SEASON.search(folded)) and not _OTHER_TIME.search(
            folded[:season.start()] + " " + folded[season.end():]):
        # "by summer": before it starts, or by its end? Where they fall apart, asked
        by_end = (folded[:season.start()] + f"by end of {season['name']}{season['year'] or ''}"
                  + folded[season.end():])
        as_start = _read_timeframe_once(question, text, today, fiscal_year_start)
        as_end = _read_timeframe_once(question, by_end, today, fiscal_year_start)
        if as_start.choice is None or as_end.choice is None \
                or as_start.choice.id != as_end.choice.id:
            near = tuple(c for c in (as_start.choice, as_end.choice) if c is not None)
            return Reading.unclear(text, near=near)
        return as_start
    reading = _read_timeframe_once(question, text, today, fiscal_year_start)
    if reading.choice is not None and _MOON_HOLIDAY.search(folded) and any(
            _read_timeframe_once(question, text, date.fromordinal(today.toordinal() + shift),
                                 fiscal_year_start).choice != reading.choice
            for shift in (-2, 2)):
        # "by Ramadan" a day or two from a band's edge: proposed
        reading = reading.weaker(Confidence.LIKELY)
    named_fy = _BARE_FY.search(fold(text))
    if (named_fy is not None and fiscal_year_start is None and reading.choice is not None
            and not _FY_IS.search(fold(text))):
        # "FY28": a fiscal year named by the year it ends in may start eleven months before
        # it (or in it): where its first day falls in another band, asked; else proposed
        year = 2000 + int(named_fy["yy"]) if named_fy["yy"] else int(named_fy["yyyy"])
        first_day = max(0, (date(year - 1, 2, 1) - today).days)
        first = band_for_days(question, first_day)
        floor = re.search(r"\b(?:not before|after|at the (?:very )?earliest|not (?:until|till))\b",
                          fold(text))
        if (first is None or first.id != reading.choice.id) and floor is None:
            return Reading.unclear(text, near=_between(question, first or reading.choice,
                                                       reading.choice))
        return reading.weaker(Confidence.LIKELY)
    return reading


# A half named alone ("H2", "2H", "in H2"), with no year. (A quarter alone is this one
# while it lasts: "Q1" in mid-March is the weeks left of it.)
_BARE_PART = re.compile(r"^(?:in |by |maybe |prob |probably )?(?P<kind>h)(?P<n>[12])[.!]?$"
                        r"|\b(?P<n2>[12])(?P<kind2>h)\b(?! ?(?:'?\d\d|20\d\d|next|this|of)\b)"
                        r"(?!.*\b(?:20\d\d|next year|this year)\b)"
                        r"|\bh(?P<n3>[12])\b(?! ?(?:'?\d\d|20\d\d|next|this|of)\b)"
                        r"(?!.*\b(?:20\d\d|next year|this year)\b)")


def _part(bare: re.Match[str]) -> tuple[str, int]:
    """ "h" or "q", and which half or quarter."""
    return bare["kind"] or bare["kind2"] or "h", int(bare["n"] or bare["n2"] or bare["n3"])


def _ending(kind: str, n: int, today: date) -> bool:
    """Today is in the last quarter of that half of the year."""
    return kind == "h" and (today.month - 1) // 6 + 1 == n and today.month % 6 in (4, 5, 0)


_BY_SEASON = re.compile(r"\bby (?:the )?(?:this )?(?P<name>spring|summer|fall|autumn|winter)"
                        r"(?P<year> ?'?(?:20)?\d\d)?\b(?! (?:break|rush|peak|holiday))")
_OTHER_TIME = re.compile(r"\d|\b(?:q[1-4]|h[12]|asap|days?|weeks?|months?|quarters?|years?"
                         r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
# A fiscal year by its number alone ("FY28", "fiscal 2028"); "FY27/28" says both years
_BARE_FY = re.compile(r"\bfy ?'?(?P<yy>\d\d)\b(?!/)|\bfiscal (?:year )?(?P<yyyy>20\d\d)\b(?!/)")


_MONTH_YY = re.compile(r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch"
                       r"|il|e|y|ust|t|tember|ober|ember)?\.?) '?"
                       r"(\d{2})\b(?![\d/:]|st|nd|rd|th)")


def _month_and_year(text: str, today: date) -> str | None:
    """ "sept 27" read as a month and a year, where the number can be either."""
    found = _MONTH_YY.search(fold(text))
    if found is None or not today.year % 100 <= int(found[2]) <= min(31, today.year % 100 + 1):
        return None
    year = today.year // 100 * 100 + int(found[2])
    folded = fold(text)
    return folded[:found.start()] + f"{found[1]} {year}" + folded[found.end():]


def _read_timeframe_once(question: Question, text: str, today: date,
                         fiscal_year_start: int | None) -> Reading:
    said = _FY_IS.search(fold(text))
    rest = fold(text)[:said.start()] + " " + fold(text)[said.end():] if said else ""
    if said and _FISCAL.search(rest):  # "next fiscal, their FY runs oct-sep": when it is
        fiscal_year_start, text = _fiscal_start(said), rest
    when = timeframe(text, today, fiscal_year_start)
    if isinstance(when, Refusal):
        named = read_named(question, text)
        if named is None or named.choice is None:
            return named or Reading.unclear(text, hint=when.accepted)
        if _NOT_SET_YET.search(fold(text)):  # "no timeline yet": to be set, not later
            return Reading.unclear(text, hint=when.accepted)
        if _URGENCY.fullmatch(named.how):  # "no rush" says how urgent, not when
            return Reading.unclear(text, hint=when.accepted)
        return named
    if _NOT_SOON.search(fold(text)):  # "not urgent" says when it is not, not when it is
        return read_named(question, text) or Reading.unclear(text, hint=TIMEFRAME_HELP)
    if when.said == "later" and fold(text).strip(" .!") != "later" \
            and not _FAR_LATER.search(fold(text)):
        # "they just said later": put off, with no time said, asked (typed alone, "later"
        # is the answer's name, and taken; where an answer is "later or unknown", it)
        latest = band_for_days(question, when.latest)
        unknown = read_exact(question, "unknown")
        if latest is None or unknown is None or unknown.choice != latest:
            return Reading.unclear(text, hint=TIMEFRAME_HELP, near=(latest,) if latest else ())
    # (its words weighed as translated: "na przełomie" is no "n/a")
    english = in_english(fold(text))
    reading = replace(in_band(question, english if english != fold(text) else text,
                              when.earliest, when.latest, when.said,
                              lambda q, v: band_for_days(q, int(v)), latest_decides=True),
                      typed=text)
    if _VAGUE.search(in_english(fold(text))) or _DAY_OR_MONTH.search(fold(text)):
        # "by summer", "mid next year": a season, not a date; "3/4": March, or April?
        reading = reading.weaker(Confidence.LIKELY)
    if reading.choice is not None and when.earliest > 0 and _RANGE.search(fold(text)):
        # "5-8 months", "Q1 or Q2": the SDR gave two times; ask if they fall apart
        first = band_for_days(question, when.earliest)
        if (first is not None and first.id != reading.choice.id
                and not (first.max_days and when.earliest >= first.max_days - _EDGE_DAYS)):
            # ("6-12 months" starts where "within six months" ends: it is within a year)
            return Reading.unclear(text, near=_between(question, first, reading.choice))
    return reading


_FISCAL = re.compile(r"\b(?:fy|fiscal|financial year)\b")
_EDGE_DAYS = 7  # a range that starts this close to a band's end starts past it
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_FY_IS = re.compile(r"\b(?:their |the |our |its )?(?:fy|fiscal(?: year)?|financial year) (?:year )?"
                    r"(?P<verb>runs|is|goes|starts|begins|ends|closes|end|start)"
                    r"(?: from| in| on| at| end of)? " + _MONTH.replace("(", "(?P<first>", 1)
                    + r"(?: \d{1,2}(?:st|nd|rd|th)?)?(?: ?(?:-|to|/|through|thru|–) ?"
                    + _MONTH.replace("(", "(?P<last>", 1) + r")?")


def _fiscal_start(said: re.Match[str]) -> int:
    """The month a fiscal year starts in, from "FY runs oct-sep", "FY ends in June"…."""
    first = MONTHS.index(next(m for m in MONTHS if m.startswith(said["first"]))) + 1
    if said["verb"] in ("ends", "closes", "end") and not said["last"]:
        return first % 12 + 1
    return first


_FAR_LATER = re.compile(r"\b(?:way|much|far|a lot|lot|a good bit|years) later\b")
_NOT_SOON = re.compile(r"\b(?:not|no|never|isnt|arent|wasnt|nothing|nobody|none)(?: \w+)? "
                       r"(?:urgent\w*|asap|now|soon"
                       r"|immediately|right away|today)\b")
_RANGE = re.compile(r"\d+ ?(?:-|to|–) ?\d+ ?(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
                    r"|\b(?:q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*"
                    r"|sep\w*|oct\w*|nov\w*|dec\w*|this year|next year)\b.{0,12}\b(?:or|to)\b.{0,6}"
                    r"\b(?:q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*"
                    r"|sep\w*|oct\w*|nov\w*|dec\w*|later|next year|20\d\d)\b")
_NOT_SET_YET = re.compile(r"\b(?:no|not|nothing)\b(?: (?!sure|certain|clear)[\w-]+){0,3} yet\b")
_OTHERWISE = re.compile(r"\b(?:otherwise|else|unless|depend\w*|or not)\b")
_URGENCY = re.compile(r"(?:no|zero|no real|not in a|in no) (?:rush|hurry|urgency|pressure)")
_DAY_OR_MONTH = re.compile(r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|1[0-2])\b(?!/)")
_VAGUE = re.compile(r"\b(?:spring|summer|fall|autumn|winter|monsoon|mid|early|late|sometime|ish"
                    r"|school year|academic year|ay ?20\d\d|sy ?20\d\d"
                    r"|verano|sommer|sommaren|lato|herbst|hosten|otono|primavera|fruhling|varen"
                    r"|wiosna|invierno|vintern|zima)\b")
# The moon's holidays, whose day is known only once the moon is sighted (a day either way)
_MOON_HOLIDAY = re.compile(r"\b(?:ramadan|ramadhan|ramazan|ramzan|puasa|eid|idul ?\w+|lebaran"
                           r"|hari raya|bakrid)\b")


_LETTER = re.compile(r"[^\W\d_]")


def read_exact(question: Question, text: str, *, numbers: bool = True) -> Reading | None:
    """The reply is an answer's number ("2"), label or one of its names, whole."""
    reading = read_choice(question, text, numbers=numbers)
    if reading.sure and reading.how == "number" and _LETTER.search(text):
        return None  # "3ヶ月以内", "3억": a number in words the tokens leave out, no button
    if reading.sure and reading.how in ("number", "label"):
        return reading
    words = " ".join(tokens(text))
    for c in question.choices:
        if words in {" ".join(tokens(n)) for n in (*c.aliases, *c.phrases)}:
            return Reading.of(text, c, Confidence.SURE, words)
    return None


def read_named(question: Question, text: str) -> Reading | None:
    """An answer said by name or phrase ("no timeline", "tiny"), when no amount or date
    is in the reply to read instead."""
    ev = evidence(question, text)
    reading = decide(question, text, ev) if ev.found or ev.against or ev.hedged else None
    if reading is None or reading.choice is None:
        return reading if reading is not None and ev.hedged else None
    return reading


def in_band(question: Question, text: str, low: float, high: float, how: str,
            band_of: object, *, latest_decides: bool = False,
            conditional: bool = False) -> Reading:
    """The band ``low`` to ``high`` lands in: sure in one band, likely when only the
    latest date decides (timeframes), unclear between bands."""
    first = band_of(question, low)  # type: ignore[operator]
    last = band_of(question, high)  # type: ignore[operator]
    if first is None or last is None:
        return Reading.unclear(text, hint="That is outside every answer this question offers.")
    ev = evidence(question, text)
    if (ev.hedged and latest_decides and set(ev.hedges) == {"if"} and not conditional
            and not _OTHERWISE.search(fold(text))):
        # "this quarter if possible", "in 2 weeks if legal is quick": a hope, or a
        # condition on the date, is still the date: proposed
        reading = in_band(question, text, low, high, how, band_of, latest_decides=True,
                          conditional=True)
        return reading.weaker(Confidence.LIKELY)
    if ev.hedged and not conditional:
        if (not latest_decides and first.id == last.id
                and all(h.startswith("depend") for h in ev.hedges)):
            # "50-100k depending on scope": the range already holds what it depends on
            return Reading.of(text, last, Confidence.LIKELY, how)
        return Reading.unclear(text, near=_between(question, first, last))
    if first.id == last.id or (latest_decides and low <= 0):  # "by June": any day till then
        confidence = Confidence.LIKELY if ev.soft else Confidence.SURE
        return Reading.of(text, last, confidence, how)
    if latest_decides:
        return Reading.of(text, last, Confidence.LIKELY, how)
    return Reading.unclear(text, near=_between(question, first, last))


def _between(question: Question, first: Choice, last: Choice) -> tuple[Choice, ...]:
    ids = [c.id for c in question.choices]
    a, b = sorted((ids.index(first.id), ids.index(last.id)))
    return question.choices[a:b + 1]
