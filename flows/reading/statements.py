"""What a free sentence of call notes states about one question, and how sure.

A sentence of notes is no reply to a question: it counts for a question only when it
shows what it is about, and never surer than it shows. The rules a sales manager reads
notes by:

- a job title is the contact's role only where the notes introduce the contact with it
  (``flows.reading.people``); "CFO said no" or "the CEO escalated" is someone else, and
  "call with procurement" says we talked to someone, not who;
- an amount is the deal's when its part says so or says nothing else; not a threshold,
  a cost of the problem, what they pay today, a headcount;
- a date is when they buy only next to a purchase word, never next to a call, a meeting
  or a proposal to present, never in the past, a duration ("a pilot for 3 months") or
  when a goal is to be met ("cut tickets 30% by Q3");
- a sentence that turns ("annoying but works fine") or asks ("budget approved?") is at
  most proposed, or says nothing.
"""
from __future__ import annotations

import re

from flows.model import Kind, Question
from flows.reading.choices import Evidence, evidence
from flows.reading.currencies import LOCAL_MONEY
from flows.reading.fields import FIELD_NAMES, PART
from flows.reading.figures import MEASURED
from flows.reading.lexicon import NEGATIONS, Strength, same_articles
from flows.reading.people import (
    ROLE_CRITERIA,
    a_party_acts,
    acted_by_someone_else,
    contact_title,
)
from flows.reading.result import Confidence, Reading
from flows.text import fold, words_of

MEETING = re.compile(r"\b(?:call|calls|called|meeting|meet|demo|follow ?up|follow-up|call ?back"
                     r"|voicemail|vm|intro|catch ?up|chat|sync|next step|reschedul\w*"
                     r"|ooo|out of office|holiday|vacation|webinar|proposal|present|presents"
                     r"|presenting|presentation|pitch|pitching|deck|walk ?through|workshop"
                     r"|onsite|on-site|visit|agenda)\b")
_DURATION = re.compile(r"\bfor (?:the )?(?:first |next |another )?(?:\d+|a|one|two|three|four"
                       r"|six|twelve) ?(?:-\d+ ?)?(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\b")
# A date that is not when they buy: in the past, or when budgets are set.
_NOT_BUYING = re.compile(r"\b(?:last (?:year|month|quarter|week|fy)|ago|previously|in the past"
                         r"|spent|bought|purchased|renewed|signed with|went live|budget (?:cycle"
                         r"|season|planning)|planning (?:cycle|season)|fiscal year (?:starts"
                         r"|begins)|fy (?:starts|begins))\b")
# What marks a date as the purchase, beyond a question's own cues.
_PURCHASE = re.compile(r"\b(?:contract|signature|sign(?:s|ed)? by|renews|renewal|switch\w*"
                       r"|kick ?off|kick-off|go-live|live (?:by|within|in|before)|po by"
                       r"|order by|rfp|tender|(?:running|working) (?:by|before|from|in))\b")
# When a person comes or goes: "the new CFO starts in Jan", "she's on leave until March"
_PERSON_DATE = re.compile(r"\b(?:new|incoming|interim) (?:ceo|cfo|coo|cto|cio|vp|director|head"
                          r"|gm|md|boss|manager|owner|hire)\b|\b(?:joins|joining|retires"
                          r"|retiring|on leave|maternity|paternity|parental leave|sabbatical"
                          r"|back from|returns from)\b")
_GOAL = re.compile(r"\d+ ?%|\b(?:goal|goals|target|targets|objective|objectives|okr|okrs)\b"
                   r"|\bfrom \S+ (?:days? |hours? |weeks? |mins? |minutes? )?to \S+"
                   r"|\b(?:reduce|cut|grow|increase|improve|lower|raise|boost|double|halve"
                   r"|hit|reach)\w* [a-z -]{0,30}\bby\b")
_TIME_ALONE = re.compile(r"(?:asap|now|q[1-4](?: ?'?\d{2,4})?|h[12](?: ?'?\d{2,4})?|eo[ymq]"
                         r"|(?:in |within )?\d+ ?(?:-\d+ ?)?(?:days?|weeks?|wks?|months?|mos?"
                         r"|years?|yrs?)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                         r"[a-z]*(?: \d{2,4})?)")
ZERO = re.compile(r"^\$?0(?:[.,]0+)?$|\$0\b|\b0\.00\b")
_COST = re.compile(r"\b(?:fees?|fines?|penalt\w*|overtime|chargebacks?|credits|losing|lose|lost"
                   r"|loss|losses|waste\w*|churn\w*|cost(?:s|ing)? (?:them|us|him|her)"
                   # what they pay today or paid before: no deal of ours
                   r"|(?:currently|now|today|already) (?:pay|pays|paying|spend|spends|spending)"
                   r"|(?:they|she|he) (?:pay|pays|spend|spends)"
                   r"|(?:theyre|they are|shes|hes) (?:paying|spending)"
                   # "pays ~$650/mo", "paying $2k/mo to Descartes": the subject left out
                   r"|(?<!be )(?<!will )(?<!would )(?:pays|paying)"
                   r"|spent|paid|bought|purchased)\b")
_THRESHOLD = re.compile(r"\b(?:up to|anything over|anything above|anything under|over|above"
                        r"|limit|threshold|authority|cap)\s+(?:of\s+|is\s+)?"
                        r"(?:[a-z]{1,2}\$|[$€£])?\s*\d[\d.,]*"
                        r"(?!\s*(?:years?|yrs?|months?|mos?|weeks?|days?|people|employees|users"
                        r"|seats|staff|sites|stores|locations)\b)")
_MONEY_LIKE = re.compile(r"[$€£¥₹]|\d\s*(?:k|m|mm|grand)\b|\d{1,3},\d{3}|thousand|million"
                         r"|figures?\b|grand|\b(?:usd|eur|gbp)\b")
# Amounts that are not the deal: the company's money, a competitor's price, what staff earn.
_NOT_DEAL = re.compile(r"\b(?:raised|raising|series [a-e]|funding round|valuation|revenue|turnover"
                       r"|company arr|their arr|market cap|payroll|competitor\w*|salary"
                       r"|salaries|wage|wages|pay rise|bonus pool)\b")
# Another vendor's price: "Simpro quoted S$38k", "a $30k quote from FieldEdge", "other
# vendor charges 650k" (not "we quoted them 40k", our own price for the deal)
_THEIR_PRICE = re.compile(r"\bquot(?:e|es|ed|ing)\b|\b(?:other|another|incumbent|current|old"
                          r"|last|previous|rival) (?:vendor|provider|supplier|bidder)s?\b"
                          r"|\bcompetition\b")
_OUR_PRICE = re.compile(r"\b(?:we|well|wed|weve|our|i|ill|id|ive|my)\b(?: \w+){0,2} quot"
                        r"|\b(?:sent|send|sending)\b(?: \w+){0,2} quot|\bbudget")
_PER_UNIT = re.compile(r"\b(?:per|a|each|every|/)\s*(?:seat|user|head|licen[cs]e|rep|agent"
                       r"|location|site)\b|\beach\b")
_COUNTED = re.compile(r"\d+\s*(?:seats|users|licen[cs]es|reps|agents|people|heads|locations"
                      r"|sites)\b")
# Who decides, named: "decision maker is the COO", "DM = CFO", "signer is her boss".
_NAMES_WHO = re.compile(r"\b(?:decision maker|decision-maker|dm|decider|signer|approver"
                        r"|economic buyer|eb)\s*(?:is|=|:|will be)\s+(?!(?:our|my) contact\b)"
                        r"(?:the |their |her |his )?[a-z]")
# Someone else's approval is no need: "this needs the CRO", "needs sign-off from finance".
_NEEDS_SOMEONE = re.compile(r"\bneeds? (?:the |a |an |her |his |their )?(?:ok\b|okay|approval"
                            r"|sign ?off|signoff|signature|board|ceo|cfo|coo|cto|cio|cro|cmo"
                            r"|vp|boss|director|legal|procurement|finance)", re.I)
_GENERIC = {"yes", "y", "no", "n", "none", "nothing", "never", "sure", "not yet", "zero",
            "correct", "nope", "yep", "yeah", "nah", "definitely", "absolutely", "of course",
            "def", "totally", "indeed", "certainly", "hot", "keen", "approved", "approves",
            "pending", "replacing", "user", "a user", "boss", "head", "lead", "influence",
            "future", "frozen", "freeze", "secured", "set aside", "allocated", "requested",
            "in progress", "in the works", "decides", "obviously", "confirmed", "on hold",
            "paused", "denied", "rejected", "priority", "soon", "later", "not really",
            "nothing really", "nothing at all", "none at all", "not at all", "none really",
            "nobody", "no one", "noone", "✅", "👍", "❌", "👎",
            # how notes name the person spoken to, not what they decide
            "our contact", "my contact", "the contact", "interested", "interest"}
_GENERIC_WORDS = {" ".join(same_articles(words_of(g))) for g in _GENERIC}
# Words that answer only where the sentence names the topic ("criteria: neutral").
_ON_TOPIC_WORDS = {" ".join(same_articles(words_of(g))) for g in (
    "neutral", "competitor", "a competitor", "competitors", "competition")}
# Having talked to someone says nothing of who they are.
_TALK_WORDS = {" ".join(same_articles(words_of(g))) for g in (
    "call with", "spoke with", "spoke to", "talked to", "talked with", "met", "met with",
    "had a call", "had a meeting", "on the call", "in the meeting", "in the room", "we met",
    "have met", "met her", "met him", "met them", "was on the call", "joined the call",
    "call w", "meeting with", "met w")}
# A relative clause said of someone else: "reports to the CFO, who has final sign-off".
_THEIR_WHO = re.compile(r"(?<![A-Z][a-z])(?<![A-Z][a-z]{2})(?<![A-Z][a-z]{3})(?<![A-Z][a-z]{4})"
                        r"(?<![A-Z][a-z]{5})(?<![A-Z][a-z]{6})(?<![A-Z][a-z]{7})"
                        r",\s*(?:who|whom|whose)\b[^,;.]*")
# …and one said of people just named: "the two partners (Declan and Aoife) who sign"
_NAMED_WHO = re.compile(r"\)\s*(?:who|whom|whose)\b[^,;.]*")
# The SDR does not know: "couldn't tell if he's the decider", "not sure if she signs".
HEDGED = re.compile(r"\b(?:couldnt|cant|could not|can not|hard to) (?:tell|say)\b"
                    r"|\b(?:not sure|unsure|unclear|dont know|do not know|no idea|not clear)"
                    r" (?:if|whether|who|yet)\b|\b(?:will|to|need to|must) (?:find out|confirm"
                    r"|check|clarify)\b")
# An amount worked out: what follows is the total.
_TOTAL = re.compile(r"(?:->|=>|→|=|\bso\b|\btotal(?:ling|s)?\b|\bi\.?e\.?)(?=\s*(?:about |around "
                    r"|approx\.? |roughly )?[~≈]?\s*[$€£]?\s*\d)", re.I)
# What the company does, not the contact's role: "want to sign before xmas", "use it or lose it".
_NOT_A_ROLE = re.compile(r"\b(?:want|wants|wanting|ready|plan|plans|planning|expect|expects"
                         r"|expected|hope|hoping|hopes|looking|aim|aiming|going|need|needs) to sign"
                         r"\b|\buse it or lose it\b|\b(?:they|we)(?:re| are|'re|’re) (?:evaluating"
                         r"|assessing|comparing|shortlisting)\b", re.I)
_ASIDE = re.compile(r"\(\s*(?:not relevant|irrelevant|unrelated|not related|n/?a|fyi|just fyi"
                    r"|side ?note|aside|for context|context only|background)\s*\)", re.I)
_QUESTION = re.compile(r"[^?.!;]*\?")  # "budget approved?": asked, not answered
# "budget already approved": the word between says nothing more than "budget approved"
_ALREADY = re.compile(r"(?i)\b(?:already|finally|fully|just)\s+(?=(?:approved|signed|allocated"
                      r"|secured|agreed|confirmed|funded)\b)")
_SHE_IS = re.compile(r"\b(she|he|it)['’]s\b", re.I)
_SPOKE_THE = re.compile(r"\b(spoke|spoken|talked|talking|speaking|call|called|met|meeting"
                        r"|chat|chatted|demo|demoed)(?:\s+(?:w/|with|to))?\s+the\b", re.I)
# "Our contact" names the person spoken to; it says they decide only when it goes on so.
_OUR_CONTACT = re.compile(
    r"\b(?:our|my|the) (?:main )?contact\b(?!(?:,?\s*(?:\([^)]*\)|[A-Z][a-z]+,?))?\s*"
    r"(?:decides|signs|makes|owns|approves|has (?:the )?final|calls the shots|is the (?:dm"
    r"|decision maker|decider|signer|eb|economic buyer)))", re.I)
_NEGATION_WORDS = frozenset(NEGATIONS)
_WE_ONLY = re.compile(r"(?i)\b(we(?:d| would| can| could)?) (?:only|just|really only)\b(?= (?:fix"
                      r"|solve|cover|do|handle|help with|sort)\b(?: \w+){0,3}? (?:half|part"
                      r"|side|bit|piece|portion|slice)\b)")
# "not looking to switch before then": not until a time, which is no "no"
_NOT_UNTIL = re.compile(r"\b(?:before then|until|till|til|before (?:20\d\d|next|the|their|q[1-4]"
                        r"|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*"
                        r"|nov\w*|dec\w*))\b")


def cued(question: Question, text: str, *, skip: tuple[str, ...] = ()) -> bool:
    folded = " " + " ".join(words_of(text)) + " "
    return any(f" {' '.join(words_of(cue))} " in folded for cue in question.cues
               if cue not in ("$", "k", *skip))


def _topic(question: Question, sentence: str) -> set[str]:
    """A yes/no question's own name when a sentence opens on it as its subject ("Champion
    left the company", "EB still the CFO"): the topic, no answer."""
    if question.kind is not Kind.YES_NO or question.criterion in ROLE_CRITERIA:
        return set()
    names = {" ".join(words_of(n)) for n in (question.id.replace("_", " "), question.criterion,
                                            *FIELD_NAMES.get(question.criterion, ()))}
    read = " ".join(words_of(sentence)) + " "
    opens = [n for n in names if read.startswith(n + " ")]
    named = re.match(r"^\s*\S+\s+[A-Z]", sentence)  # "Champion Tyler": a name, an answer
    if not opens or named or read[len(opens[0]) + 1:].split()[:1] in (
            ["is"], ["wa"], ["yes"], ["y"], ["no"], ["n"], ["will"], ["yep"], ["none"]):
        return set()
    return names


def _amount(question: Question, sentence: str, reading: Reading,
            others: list[Question]) -> Reading | None:
    """An amount in notes answers a money question when its part of the sentence says so
    ("deal ~80k"), or says nothing else ("~80k"); not when it is about another question's
    topic ("200k earmarked for tooling" is a budget, "40 seats" is no money at all)."""
    if (reading.sure and not re.search(r"\d", reading.how) and cued(question, sentence)
            and " ".join(words_of(reading.how)) not in _GENERIC_WORDS | {""}
            and not _COST.search(fold(sentence))):
        return reading  # "no budget allocated for this yet": an answer by name, on topic
    for part in [p.strip() for p in PART.split(sentence) if p and p.strip()]:
        folded = fold(part)
        if not (_MONEY_LIKE.search(folded) or LOCAL_MONEY.search(folded)) or ZERO.search(folded):
            continue  # "no budget" is no amount of $0; "Amount: $0.00" a field left empty
        if _COST.search(folded) or _NOT_DEAL.search(folded):
            return None  # "~$40k/yr in late fees", "raised a $20M Series B": not our deal
        if _THEIR_PRICE.search(folded) and not _OUR_PRICE.search(folded):
            return None  # "Workday quoted them S$250k": another vendor's price
        if _PER_UNIT.search(folded) and not _COUNTED.search(folded):
            return None  # "a seat at $75/mo": a price, the deal only with how many
        if _THRESHOLD.search(folded):
            return None  # "signs up to 250k", "anything over 25k goes to the CFO": a limit
        if cued(question, part):
            return reading
        if any(cued(q, part) for q in others if q.id != question.id and "budget" in q.cues):
            return None  # "200k earmarked for tooling": a budget, not the deal's size
        return reading
    return None


# A time said as when they would move: a floor ("not before 2028", "Q3 at the earliest"),
# a wish ("want it after summer"), a time to look again ("revisit in 2028")
_WANTED_WHEN = re.compile(r"\b(?:not before|no earlier than|at the earliest|earliest|nothing before"
                          r"|not until|not till|revisit\w*|look(?:ing)? (?:again|at it again)"
                          r"|(?:look|looking|circle|come|coming) back to (?:it|this)"
                          r"|(?:want|wants|wanted|need|needs|needed|would want|would like|hope"
                          r"|hoping|hopes) (?:it|this|to have it)\b(?! (?:costs?|is|was)\b)"
                          r"|looking at (?=q[1-4]|h[12]|20\d\d|next|early|late|mid|end|the (?:end"
                          r"|start|second|first)|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
                          r"|spring|summer|autumn|fall|winter))\b")


# A number they want moved: "wants SLA compliance 80% → 95%", "want dead stock down 30%"
_WANTS_A_NUMBER = re.compile(r"\b(?:want|wants|wanted|wanting|aim|aims|aiming|trying to"
                             r"|looking to|hoping to|hope to)\b(?! (?:it|this|to (?:start|buy"
                             r"|sign|pay|spend)))[^,;.%]{0,40}?\b(?:by |down |up |to |from )?"
                             r"\d[\d.,]*\s*(?:%|[a-z/]*\s*(?:->|→)\s*\d)"
                             r"(?!\s*(?:off|discount|deposit|upfront"
                             r"|of (?:the )?(?:price|cost|fee)))")


_DECIDE_AFTER = re.compile(r"\b(?:decide|decides|decision|sign|buy)\w*\b[^.;]{0,20}\bafter "
                           r"(?:the |their |a |next )?(?:board |budget |exec |leadership )?"
                           r"(?:meeting|review)")


def _timeframe(question: Question, sentence: str, reading: Reading,
               context: str) -> Reading | None:
    folded = fold(sentence)
    if _DECIDE_AFTER.search(folded) and cued(question, sentence):
        # "they'll decide after their board meeting in March": the meeting dates the decision
        return reading.weaker(Confidence.LIKELY)
    if MEETING.search(folded) or _NOT_BUYING.search(folded) or context != sentence and (
            MEETING.search(fold(context)) or _NOT_BUYING.search(fold(context))):
        return None  # "next call Jan 8", "last year they spent 200k", "budget cycle in July"
    if _GOAL.search(folded) and not cued(question, sentence, skip=("by",)):
        return None  # "cut tickets 30% by Q3": when the goal is met, not when they buy
    if _PERSON_DATE.search(folded) and not cued(question, sentence, skip=("start", "starts")):
        return None  # "the new CFO starts in Jan": when someone joins, not when they buy
    if cued(question, sentence) or (_PURCHASE.search(folded)
                                    and question.criterion != "decision process"):
        return reading  # (when the current vendor's contract renews is no decision date)
    if _WANTED_WHEN.search(folded) and question.criterion != "decision process":
        # "probably not before 2028", "want it after summer", "maybe look again in 2028":
        # when they would buy, in words of no question's topic; proposed
        return reading.weaker(Confidence.LIKELY)
    if context != sentence and cued(question, context):
        # "Not urgent, they're thinking about it for late 2027": the sentence says what
        return reading.weaker(Confidence.LIKELY)
    # A time on its own among the items of a terse note ("dm, funded, q1, 75k").
    parts = [p for p in PART.split(sentence) if p and p.strip()]
    alone = [p for p in parts if _TIME_ALONE.fullmatch(fold(p).strip())]
    return reading.weaker(Confidence.LIKELY) if alone and len(parts) > 1 else None


def _turned(ev: Evidence) -> bool:
    """The sentence names two answers of the question, one turned by a "but"."""
    kept = ev.kept()
    if len({h.choice for h in kept}) > 1 and any(h.turn for h in kept):
        return True
    # …though a "no" before it takes one back: "didn't admit a problem straight out, but
    # kept saying payroll week is a nightmare" still names both
    turned = {h.choice for h in ev.found if h.turn}
    return bool(turned) and any(h.choice not in turned for h in kept if not h.turn)


def about(question: Question, sentence: str, reading: Reading, others: list[Question],
          *, opening: bool = False, context: str | None = None) -> Reading | None:
    """The reading if this free sentence (or this part of ``context``, its sentence) is
    about ``question``, no surer than it shows (``opening``: the sentence opens the
    notes)."""
    kept = _about(question, sentence, reading, others, opening=opening, context=context)
    if kept is None and reading.choice is not None and "goal_quantified" in reading.choice.means \
            and not sentence.rstrip().endswith("?") and _WANTS_A_NUMBER.search(fold(sentence)):
        return reading.weaker(Confidence.LIKELY)  # "want dead stock down 30%": a number
    return kept


def _about(question: Question, sentence: str, reading: Reading, others: list[Question],
           *, opening: bool, context: str | None) -> Reading | None:
    if reading.choice is None or sentence.rstrip().endswith("?"):
        return None  # nothing read, or a question the SDR still has ("budget approved?")
    if reading.how == MEASURED:
        # (or a number they want moved: "they want dead stock down 30% by mid-2027")
        return reading if cued(question, sentence) or _WANTS_A_NUMBER.search(
            fold(sentence)) else None
    if question.kind in (Kind.MONEY, Kind.NUMBER):
        return _amount(question, sentence, reading, others)
    if question.kind is Kind.TIMEFRAME:
        return _timeframe(question, sentence, reading, context or sentence)
    ev = evidence(question, sentence)
    mine = [h for h in ev.kept() if h.choice == reading.choice.id]
    titles = [h for h in mine if h.strength is Strength.TITLE]
    theirs = bool(titles) and not any(contact_title(sentence, h.words, opening=opening)
                                      for h in titles)
    if theirs:
        mine = [h for h in mine if h.strength is not Strength.TITLE]  # someone else's title
        if not mine:
            return None
    if not mine and reading.sure and len(question.choices) == 2 and any(
            h.strength is not Strength.KEYWORD and h.words not in _GENERIC_WORDS
            for h in ev.against) and not _NOT_UNTIL.search(fold(sentence)):
        return reading  # of two answers, "not a decision maker" is the other one
    on_topic = cued(question, sentence)
    strong = [h for h in mine if h.strength is Strength.TITLE
              or (h.strength is Strength.PHRASE and h.words not in _GENERIC_WORDS
                  and (on_topic or h.words not in _ON_TOPIC_WORDS))]
    if _NOT_UNTIL.search(fold(sentence)):
        # "not looking to switch before then": when, not whether
        strong = [h for h in strong if not _NEGATION_WORDS.intersection(h.words.split())]
    if strong and all(h.words in _TALK_WORDS for h in strong):
        strong = []  # "call with procurement": we talked to someone, not who
    topic = _topic(question, sentence)
    if strong and all(h.words in topic for h in strong):
        strong = []  # "Champion left the company": the topic, no answer
    if strong and question.criterion in ROLE_CRITERIA and _NAMES_WHO.search(fold(sentence)) \
            and reading.choice.points == max(c.points for c in question.choices):
        return None  # "decision maker is the COO": who decides, not that our contact does
    if strong and question.criterion in (*ROLE_CRITERIA, "economic buyer") and (
            theirs and acted_by_someone_else(sentence) or a_party_acts(sentence)):
        return None  # "CEO signs": the CEO's act, not our contact's ("FD controls spend":
        # who the economic buyer is, not that we met them)
    if strong and question.kind is Kind.YES_NO and re.search(r"\bonly\b", fold(sentence)) \
            and all(h.strength is Strength.TITLE for h in strong if h.words not in _TALK_WORDS):
        return reading.weaker(Confidence.LIKELY)  # "met CTO only": the one met, not the one
        # who holds the money
    if strong:  # a short word read through a misspelling ("NDA" as "nada"): proposed
        unsure = _turned(ev) or all(h.fixed and len(h.words) <= 4 for h in strong)
        return reading.weaker(Confidence.LIKELY) if unsure else reading
    kept = [h for h in ev.kept() if (h.strength is not Strength.TITLE or h in mine)
            and h.words not in topic]
    if cued(question, sentence) and kept and any(h.words not in _GENERIC_WORDS for h in kept):
        return reading.weaker(Confidence.LIKELY)
    return None


# "if they do nothing, …": the question's own condition, no "no" ("…they keep paying
# overtime" is a cost of doing nothing)
_IF_NOTHING = re.compile(r"(?i)\bif (?:they|we|he|she|it|you) (?:do|does|did|change|changes)"
                         r" nothing\b|\bif nothing (?:changes|is done|happens|gets done)\b"
                         r"|\bif (?:they|we|he|she) (?:don'?t|do not|doesn'?t) (?:do anything"
                         r"|change anything|act|fix it)\b")


# Someone deciding or signing as French, Italian and Spanish notes say it: "il décide seul",
# "decide lei", "elle ne signe pas": read in English ("he decides alone")
_HE_SHE = {"il": "he", "lui": "he", "egli": "he", "el": "he", "él": "he", "elle": "she",
           "lei": "she", "ella": "she"}
_LOCAL_VERB = {"decide": "decides", "décide": "decides", "signe": "signs", "firma": "signs",
               "approuve": "approves", "approva": "approves", "aprueba": "approves",
               "valide": "approves", "valida": "approves"}
_LOCAL_ACT = re.compile(
    r"\b(?:(?P<who>il|lui|egli|él|el|elle|lei|ella)\s+(?P<no>ne\s+|non\s+|no\s+)?"
    r"(?P<verb>d[ée]cide|signe|firma|approuve|approva|aprueba|valide|valida)(?P<pas>\s+pas)?"
    r"|(?P<no2>non\s+|no\s+)?(?P<verb2>decide|firma|approva|aprueba|valida)\s+"
    r"(?P<who2>lui|lei|él|ella))\b(?:\s+(?P<alone>seule?|da sol[oa]|sol[oa]))?", re.I)


# "no" before a noun as French, Italian, Spanish and German notes write it: "pas de budget",
# "nessun budget", "sin presupuesto", "kein Budget" (the noun is often the English one)
_LOCAL_NO = re.compile(r"\b(?:pas (?:de |d['’])|aucune? |nessun[oa]? |nessun |ningun[oa]? "
                       r"|ningún |kein(?:e|en)? )(?=\w)", re.I)


def _in_english(found: re.Match[str]) -> str:
    who = _HE_SHE[(found["who"] or found["who2"]).lower()]
    verb = _LOCAL_VERB[(found["verb"] or found["verb2"]).lower()]
    negated = found["no"] or found["no2"] or found["pas"]
    said = f"{who} doesn't {verb[:-1]}" if negated else f"{who} {verb}"
    return f"{said} alone" if found["alone"] else said


def as_said_of(question: Question, text: str) -> str:
    """The sentence as it speaks of ``question``: "this needs the CRO" is about who signs,
    not a need; "a pilot for 3 months" says how long, not when."""
    text = _ASIDE.sub(" ", text)  # "(not relevant)": the SDR on the sentence, no answer
    text = _QUESTION.sub(" ", _THEIR_WHO.sub("", _NAMED_WHO.sub(")", text))).strip()
    text = _ALREADY.sub("", text)
    text = _SHE_IS.sub(lambda m: f"{m[1]} is", text)  # "she's the CFO": she is
    text = _LOCAL_ACT.sub(_in_english, text)  # "il décide seul": he decides alone
    text = _LOCAL_NO.sub("no ", text)  # "pas de budget": no budget
    text = _OUR_CONTACT.sub("they", text)  # "our contact is her direct report": who, not
    text = _SPOKE_THE.sub(lambda m: f"{m[1]} with", text)  # "spoke w/ the CEO": the contact
    text = _IF_NOTHING.sub("with the status quo", text)
    if question.criterion in ("need", "pain", "challenges"):
        # "we only fix the versioning part" is "we fix the versioning part": one part ours
        return _NEEDS_SOMEONE.sub(" ", _WE_ONLY.sub(r"\1", text))
    if question.kind is Kind.TIMEFRAME:
        return _DURATION.sub(" ", fold(text)) if _DURATION.search(fold(text)) else text
    if question.kind is Kind.MONEY and (total := list(_TOTAL.finditer(text))):
        return text[total[-1].end():]  # "$40/user/mo -> ~57k/yr": the total
    if question.criterion in ("role", "authority", "economic buyer"):
        return _NOT_A_ROLE.sub(" ", text)
    return text


__all__ = ["HEDGED", "MEETING", "ZERO", "about", "as_said_of", "cued"]
