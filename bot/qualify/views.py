"""Block Kit for the qualification conversation: questions, review, summaries, drafts."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.slack.blocks import (
    ANSWER_ACTION,
    CANCEL_ACTION,
    CONFIRM_ACTION,
    EDIT_PICK_ACTION,
    FORM_ACTION,
    HELP_ACTION,
    NOTES_ACTION,
    NOTES_VIEW,
    PICK_FLOW_ACTION,
    RESUME_ACTION,
    REVIEW_EDIT_ACTION,
    SECTION_MAX,
    SUBMIT_ACTION,
    Message,
    button,
    context,
    cut,
    esc,
    line_items,
    mention,
    plain,
    section,
    sections,
    when,
)
from flows.conversation import Ask, NotesRead, Review
from flows.glossary import Term
from flows.model import Answer, Choice, Flow, Kind, Question, Score
from flows.scoring import explain

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


@dataclass(frozen=True)
class Changes:
    """The lead's previous score, to show what changed on re-qualification."""

    total: int
    at: datetime
    items: dict[str, dict[str, Any]]  # question_id -> line item, as stored


def _changes(score: Score, changes: Changes) -> str:
    moved = []
    for item in score.items:
        old = changes.items.get(item.question_id)
        if old is not None and old.get("choice_id") != item.choice_id:
            delta = item.points - int(old.get("points", 0))
            moved.append(f"{esc(item.criterion.capitalize())}: {esc(str(old.get('label')))} → "
                         f"{esc(item.label)} ({delta:+d})")
    line = (f"Previously scored {changes.total} on {when(changes.at)}; now {score.total} "
            f"({score.total - changes.total:+d}).")
    return line + (" Changed: " + "; ".join(moved) + "." if moved else " No answer changed.")


def summary(score: Score, lead: str, flow_name: str, sales_channel: str | None,
            changes: Changes | None = None, *, final: bool = True,
            assigned_to: str | None = None) -> Message:
    """The scored summary: the preview under review (``final=False``), or the result
    (``sales_channel``: where it was handed off; ``assigned_to``: the AE routing chose)."""
    name = esc(lead)
    if score.qualified:
        verdict = f":white_check_mark: *{name}* is *qualified*"
        after = (f"Handed off to <#{sales_channel}> for {mention(assigned_to)} to accept."
                 if sales_channel and assigned_to else
                 f"Handed off to <#{sales_channel}> for an account executive to claim."
                 if sales_channel else "It is queued for the sales channel.")
        text = f"{lead}: qualified with {score.total}/{score.max_total} points"
    else:
        tier = score.verdict_label or score.verdict.replace("_", " ")
        verdict = f":no_entry_sign: *{name}* is *not qualified*" + (
            f" ({esc(tier)})" if tier not in ("not qualified", "not_qualified") else " yet")
        after = (f"It needs {score.threshold} points; it is not handed off. "
                 "Qualify it again when something changes.")
        if score.knockout is not None:
            again = (f" Recheck in {score.knockout.recheck_days} days."
                     if score.knockout.recheck_days else "")
            by = "two answers together" if score.knockout.when else "one answer"
            after = (f"Knocked out by {by} ({esc(score.knockout.reason)}), whatever the "
                     f"points; it is not handed off.{again}")
        text = f"{lead}: not qualified ({tier}), {score.total}/{score.max_total} points"
    bar = f"(qualifies at {score.threshold})"
    if not final:  # the verdict's own words appear only once it is final
        text = f"{lead}: {score.total}/{score.max_total} points, not submitted yet"
        verdict = (f"Your answers for *{name}*, scored: "
                   + (":white_check_mark: meets the bar" if score.qualified
                      else ":no_entry_sign: below the bar"))
        bar = f"({score.threshold} needed)"
        after = "Nothing is final yet: submit, change an answer or cancel below."
    blocks = [
        section(f"{verdict}: score *{score.total}* out of {score.max_total} {bar}."),
        section(line_items(score)),
        context(f"{esc(explain(score))} · {esc(flow_name)} rules, version `{score.flow_version}`"),
    ]
    if changes is not None:
        blocks.append(context(_changes(score, changes)))
    blocks.append(section(after))
    return {"text": esc(text), "blocks": blocks}


def review(reply: Review, lead: str, qualification_id: int) -> Message:
    """The buttons that make a reviewed draft final (kept apart from the score above)."""
    if reply.score.qualified:
        ask = f"*Submit* to hand *{esc(lead)}* to the sales channel"
    else:
        ask = "*Submit* to record this score (it is not handed off)"
    text = f"{ask}, change an answer, or cancel."
    if reply.unclear is not None:
        text = f"I didn't get “{esc(cut(reply.unclear.strip(), 80))}”. {text}"
    value = str(qualification_id)
    return {"text": f"Ready to submit {esc(lead)}?", "blocks": [
        section(text),
        {"type": "actions", "block_id": f"review:{qualification_id}", "elements": [
            button("Submit", SUBMIT_ACTION, value, style="primary"),
            button("Change an answer", REVIEW_EDIT_ACTION, value),
            button("Cancel", CANCEL_ACTION, value, style="danger")]},
    ]}


def choose_edit(flow: Flow, answers: Sequence[tuple[Question, Answer]], lead: str,
                qualification_id: int) -> Message:
    buttons = []
    for i, (q, a) in enumerate(answers):
        choice = q.choice(a.choice_id)
        label = f"{q.criterion.capitalize()}: {choice.summary_label if choice else '?'}"
        buttons.append(button(cut(label, 75), f"{EDIT_PICK_ACTION}:{i}",
                               f"{qualification_id}:{q.id}"))
    blocks: list[dict[str, Any]] = [
        section(f"Which answer about *{esc(lead)}* do you want to change?")]
    for start in range(0, len(buttons), 5):
        blocks.append({"type": "actions", "elements": buttons[start:start + 5]})
    return {"text": f"Which answer about {esc(lead)} do you want to change?", "blocks": blocks}


def question_help(question: Question, term: Term | None) -> Message:
    if term is None:
        text = (f"*{esc(question.text)}*\nThe glossary has no entry for this yet; "
                "`/define` lists the terms it has.")
    else:
        text = f"*{esc(term.term)}*: {esc(term.definition)}"
    return {"text": text, "blocks": [section(text)]}


def cancelled(lead: str) -> Message:
    text = (f"Cancelled the qualification of *{esc(lead)}*; nothing was handed off. "
            f"Start again any time with `/qualify {esc(cut(lead, 100))}`.")
    return {"text": text, "blocks": [section(text)]}


def preview_superseded() -> Message:
    return {"text": "Score preview; the final summary is below.",
            "blocks": [context("_Score preview; the final summary is below._")]}


def draft_reminder(qualification_id: int, lead: str, answered: int, total: int,
                   since: datetime) -> Message:
    progress = f"{answered} of {total} answered" if total else f"{answered} answered"
    text = (f":hourglass_flowing_sand: Your qualification of *{esc(lead)}* is still open "
            f"({progress}), untouched since {when(since)}. Pick it up where you left off?")
    value = str(qualification_id)
    return {"text": f"Your qualification of {esc(lead)} is still open.", "blocks": [
        section(text),
        {"type": "actions", "elements": [
            button("Resume", RESUME_ACTION, value, style="primary"),
            button("Cancel", CANCEL_ACTION, value)]},
    ]}


def draft_expired(lead: str, days: float) -> Message:
    text = (f"Your qualification of *{esc(lead)}* expired after {days:g} days without an "
            f"answer; nothing was handed off. `/qualify {esc(cut(lead, 100))}` starts again.")
    return {"text": text, "blocks": [section(text)]}


def history(lead_name: str, rows: Sequence[tuple[datetime, str, str, str, int | None,
                                                 int | None, str | None]]) -> Message:
    """rows: (when, SDR, flow, status, total, max, verdict), oldest first."""
    if not rows:
        text = (f"No qualification of “{esc(cut(lead_name, 100))}” yet. "
                f"`/qualify {esc(cut(lead_name, 100))}` starts one.")
        return {"response_type": "ephemeral", "text": text}
    lines = []
    for at, sdr, flow, status, total, most, verdict in rows[-40:]:
        score = f"*{total}*/{most}, {esc(verdict or '')}" if total is not None else status
        lines.append(f"• {when(at)} · {mention(sdr)} · {esc(flow)} · {score}")
    head = f"*{esc(lead_name)}*: {len(rows)} qualification{'s' if len(rows) != 1 else ''}"
    blocks: list[dict[str, Any]] = [section(head)]
    blocks += sections(lines)
    return {"response_type": "ephemeral", "text": head, "blocks": blocks}


def rules(lines: Sequence[str]) -> Message:
    head, *rest = lines
    blocks: list[dict[str, Any]] = [section(f"*{esc(head)}*")]
    blocks += sections(list(rest), escape=True)
    return {"response_type": "ephemeral", "text": esc(head), "blocks": blocks[:50]}


def pick_flow(lead: str, flows: Sequence[Flow]) -> Message:
    text = f"Which rules should *{esc(lead)}* be qualified with?"
    return {"text": f"Which rules for {esc(lead)}?", "blocks": [
        section(text),
        {"type": "actions", "elements": [
            button(f"Use {f.name}", f"{PICK_FLOW_ACTION}:{i}", f"{f.id}|{lead}"[:2000])
            for i, f in enumerate(flows[:25])]},
        context(" · ".join(f"*{esc(f.name)}*: {esc(f.description)}" for f in flows
                            if f.description)[:SECTION_MAX] or "_"),
    ]}


def flow_picked(lead: str, flow_name: str) -> Message:
    text = f"Qualifying *{esc(lead)}* with the {esc(flow_name)} rules."
    return {"text": text, "blocks": [context(text)]}


def unknown_flow(name: str, enabled: Sequence[str]) -> Message:
    return {"response_type": "ephemeral",
            "text": f"There is no flow “{esc(cut(name, 40))}” in use here; pick one of: "
                    f"{esc(', '.join(enabled))}."}


def usage(text: str) -> Message:
    return {"response_type": "ephemeral", "text": text}


def nothing_open() -> Message:
    return {"text": "There's no qualification open here. Start one with "
                    "`/qualify <lead name>` in any channel."}


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


def ask_for_lead() -> Message:
    text = ("Which lead? Type the company or person after the command, "
            "for example `/qualify Acme Corp`.")
    return {"response_type": "ephemeral", "text": text}


def no_sales_channel() -> Message:
    return {"response_type": "ephemeral",
            "text": "Qualibot has no sales channel for this workspace yet, so a qualified lead "
                    "would have nowhere to go. Ask a Slack admin to choose one in Qualibot's "
                    "App Home (Home tab), then try again."}


def started(lead: str) -> Message:
    return {"response_type": "ephemeral",
            "text": f"Qualifying *{esc(lead)}*: the questions are in your direct messages "
                    "with me (an open draft for this lead picks up where it stopped)."}




def form_not_taken(lines: Sequence[str]) -> Message:
    """A form whose submission failed on our side: what was in it, so that nothing is lost."""
    text = ("Sorry, something went wrong on our side with your form. Here is what you "
            "entered, so nothing is lost; try again in a moment:")
    return {"text": text, "blocks": [section(text),
                                      *sections([cut(x, 2900) for x in lines][:40],
                                                escape=True)]}
