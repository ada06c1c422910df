"""Block Kit for the questions of a qualification: a question and its buttons, a proposal
read from a reply, the notes read and the notes form, a question answered, asked again or
clicked too late, and a question's glossary help. The scored summary and the review are
``summaries``; the other notices, ``notices``."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.slack.blocks import (
    ANSWER_ACTION,
    CONFIRM_ACTION,
    FORM_ACTION,
    HELP_ACTION,
    NOTES_ACTION,
    NOTES_VIEW,
    Message,
    button,
    context,
    cut,
    esc,
    plain,
    section,
    sections,
)
from flows.conversation import Ask, NotesRead
from flows.glossary import Term
from flows.model import Answer, Choice, Kind, Question

TYPED_HINTS = {
    Kind.TEXT: "Type your answer as a reply here.",
    Kind.MONEY: "Or type an amount: $50k, 1.2M, 50,000 USD…",
    Kind.TIMEFRAME: "Or type when: ASAP, Q3, within 6 months, next year…",
    Kind.NUMBER: "Or type the number.",
}


def answer_value(qualification_id: int, question_id: str, choice_id: str) -> str:
    return f"{qualification_id}:{question_id}:{choice_id}"


def parse_answer_value(value: str) -> tuple[int, str, str] | None:
    parts = value.split(":")
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    return int(parts[0]), parts[1], parts[2]


def _accepted(choices: Sequence[Choice]) -> str:
    return " · ".join(f"{n}. {esc(c.label)}" for n, c in enumerate(choices, 1))


def question(ask: Ask, lead: str, qualification_id: int) -> Message:
    q = ask.question
    blocks: list[dict[str, Any]] = [
        context(f"Qualifying *{esc(lead)}* · question {ask.number} of {ask.of}"),
    ]
    if ask.previous is not None:
        was = q.choice(ask.previous.choice_id)
        blocks.append(context(f"Changing your answer (it was *{esc(was.label)}*)." if was
                               else "Changing your answer."))
    if ask.proposal is not None and q.choice(ask.proposal.choice_id) is not None:
        return _proposal(ask, lead, qualification_id)
    if ask.rejected:
        blocks.append(context("No problem: which one is it? Click it, or type it again."))
    if ask.unclear is not None:
        typed = esc(cut(ask.unclear.typed.strip(), 80))
        if ask.unclear.near:
            options = " or ".join(f"*{esc(c.label)}*" for c in ask.unclear.near)
            note = f"“{typed}” could mean {options}. Which one?"
        else:
            note = f"I couldn't match “{typed}” to an answer."
        if ask.unclear.hint:
            how = esc(ask.unclear.hint) + (" Or click a button." if q.choices else "")
        else:
            how = (f"Click a button, or reply with one of: {_accepted(q.choices)} "
                   "(the number works too).")
        blocks.append(section(f":thinking_face: {note}\n{how}"))
    blocks.append(section(f"*{esc(q.text)}*"))
    buttons = [button(c.label, f"{ANSWER_ACTION}:{i}", answer_value(qualification_id, q.id, c.id))
               for i, c in enumerate(q.choices)]
    if q.help_term:
        buttons.append(button("What does this mean?", HELP_ACTION,
                               f"{qualification_id}:{q.id}"))
    if ask.number == 1 and ask.previous is None:
        buttons.append(button("Paste call notes", NOTES_ACTION, f"{qualification_id}:"))
        buttons.append(button("Answer in a form", FORM_ACTION, f"{qualification_id}:"))
    if buttons:
        blocks.append({"type": "actions", "block_id": f"q:{qualification_id}:{q.id}",
                       "elements": buttons})
    if q.kind in TYPED_HINTS:
        blocks.append(context(TYPED_HINTS[q.kind]))
    hint = ("Click an answer, type it as a reply here, or paste your call notes and I'll "
            "fill in what they say." if ask.number == 1 else "")
    hint += " Type *back* to change an earlier answer, *cancel* to stop." if ask.number > 1 \
        else ""
    if ask.unclear is None and hint:
        blocks.append(context(hint.strip()))
    return {"text": esc(cut(f"{q.text} ({lead})", 3000)), "blocks": blocks}


def _proposal(ask: Ask, lead: str, qualification_id: int) -> Message:
    """ "Did you mean …?" for an answer read as likely: Yes takes it, No shows them all."""
    q, proposal = ask.question, ask.proposal
    assert proposal is not None
    choice = q.choice(proposal.choice_id)
    assert choice is not None
    said = esc(cut((proposal.typed or "").strip(), 200))
    source = (f"From your notes: “{said}”" if proposal.source == "notes"
              else f"You typed “{said}”")
    value = f"{qualification_id}:{q.id}"
    return {
        "text": esc(cut(f"Did you mean {choice.label}? ({lead})", 3000)),
        "blocks": [
            context(f"Qualifying *{esc(lead)}* · question {ask.number} of {ask.of}"),
            section(f"*{esc(q.text)}*\n{source}.\nDid you mean *{esc(choice.label)}*?"),
            {"type": "actions", "block_id": f"p:{qualification_id}:{q.id}", "elements": [
                button("Yes", f"{CONFIRM_ACTION}:yes", f"{value}:yes", "primary"),
                button("No, show the answers", f"{CONFIRM_ACTION}:no", f"{value}:no")]},
            context("Typing *yes* or *no* works too, or type another answer."),
        ],
    }


def notes_read(reply: NotesRead, lead: str) -> Message:
    """What pasted call notes filled in, each with the words it came from."""
    def line(q: Question, a: Answer) -> str:
        choice = q.choice(a.choice_id)
        shown = esc(choice.label) if choice else esc(cut(a.typed or "", 200))
        return (f"• *{esc(q.criterion.capitalize())}*: {shown} — "
                f"“{esc(cut((a.typed or '').strip(), 200))}”")

    if not reply.filled and not reply.proposed:
        text = (f":memo: I couldn't read any answer in those notes on *{esc(lead)}*; "
                "I'll ask the questions.")
        return {"text": text, "blocks": [section(text)]}
    parts = [f":memo: From your notes on *{esc(lead)}*:"]
    if reply.filled:
        parts += [line(q, a) for q, a in reply.filled]
    if reply.proposed:
        parts.append("To confirm when I get to them:")
        parts += [line(q, a) for q, a in reply.proposed]
    rest = ("I'll ask the rest." if isinstance(reply.next, Ask)
            else "That's every question: review the score below before you submit.")
    parts.append(rest + " Nothing is final until you *Submit*; *back* changes any answer.")
    return {"text": f"From your notes on {esc(lead)}", "blocks": sections(parts)}


def notes_modal(qualification_id: int, lead: str) -> dict[str, Any]:
    return {
        "type": "modal", "callback_id": NOTES_VIEW, "private_metadata": str(qualification_id),
        "title": plain("Call notes", 24), "submit": plain("Read them", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            section(f"Paste your notes on *{esc(lead)}*. I'll fill in every answer they "
                     "state and show you where each came from; you confirm before Submit."),
            {"type": "input", "block_id": "notes", "label": plain("Notes"),
             "element": {"type": "plain_text_input", "action_id": "text", "multiline": True,
                         "min_length": 3, "max_length": 3000,
                         "placeholder": plain("e.g. talked to Jane, VP Ops. Budget approved "
                                               "for Q1, ~80k")}},
        ],
    }


def answered(q: Question, choice: Choice | None, lead: str, number: int, of: int,
             typed: str | None, source: str | None = None) -> Message:
    """What a question message becomes once answered: the answer, no buttons."""
    if choice is None:  # free text
        shown = esc(cut((typed or "").strip(), 1500))
        return {"text": esc(q.text), "blocks": [
            context(f"Qualifying *{esc(lead)}* · question {number} of {of}"),
            section(f"*{esc(q.text)}*\n:white_check_mark: {shown}")]}
    how = f" (you typed “{esc(cut(typed.strip(), 80))}”)" if typed else ""
    if typed and source == "notes":
        how = f" (from your notes: “{esc(cut(typed.strip(), 120))}”)"
    return {
        "text": esc(f"{q.text} {choice.label}"),
        "blocks": [
            context(f"Qualifying *{esc(lead)}* · question {number} of {of}"),
            section(f"*{esc(q.text)}*\n:white_check_mark: {esc(choice.label)}{how}"),
        ],
    }


def question_help(question: Question, term: Term | None) -> Message:
    if term is None:
        text = (f"*{esc(question.text)}*\nThe glossary has no entry for this yet; "
                "`/define` lists the terms it has.")
    else:
        text = f"*{esc(term.term)}*: {esc(term.definition)}"
    return {"text": text, "blocks": [section(text)]}


def asked_again() -> Message:
    return {"text": "Asked again below.",
            "blocks": [context("_Asked again below._")]}


def stale(number: int | None, *, reviewing: bool = False) -> Message:
    if reviewing:
        text = ("Every question is answered: Submit, change an answer or cancel in the "
                "message below.")
    elif number is None:
        text = "That conversation is already finished; its answers can't change any more."
    else:
        text = f"That question was already answered; the conversation is at question {number}."
    return {"text": text, "blocks": [context(f":information_source: {text}")]}
