"""The modals that start or answer a qualification, and the reading of what is submitted.

- The start form (both shortcuts): the lead's name, the flow when several are enabled,
  and call notes (a message's text, when started from one).
- The answers form (*Answer in a form*, ``/qualify <lead> --form``): every question that
  is always asked, in one modal; a question asked only after some answer is left to the
  conversation in the DM.

Reading a submission is pure: typed amounts and timeframes go through the same reader as
typed replies in the DM (``flows.reading.read_reply``).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.slack.blocks import (
    FORM_VIEW,
    NO_SALES_CHANNEL,
    START_VIEW,
    context,
    cut,
    esc,
    plain,
    section,
)
from flows.model import Answer, Draft, Flow, Kind, Question
from flows.reading import read_reply

LEAD_MAX = 200
NOTES_MAX = 3000
METADATA_MAX = 3000
TYPED = (Kind.MONEY, Kind.TIMEFRAME, Kind.NUMBER, Kind.TEXT)
PLACEHOLDERS = {
    Kind.MONEY: "e.g. $50k, 1.2M, 50,000 USD",
    Kind.TIMEFRAME: "e.g. ASAP, Q3, within 6 months, next year",
    Kind.NUMBER: "a number",
    Kind.TEXT: "your answer",
}


def _metadata(data: dict[str, Any]) -> str:
    text = json.dumps(data, separators=(",", ":"))
    return text if len(text) <= METADATA_MAX else "{}"


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """A form's ``private_metadata`` as written by this module; {} if it is not."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, 75), "value": value[:150]}


# -- the start form ---------------------------------------------------------------------
def no_sales_channel() -> dict[str, Any]:
    """The shortcuts' answer while the team has no sales channel."""
    return {"type": "modal", "title": plain("Qualify a lead"), "close": plain("Close"),
            "blocks": [section(NO_SALES_CHANNEL)]}


def start_modal(*, lead: str, notes: str, flows: Sequence[Flow],
                source: dict[str, str] | None = None, no_text: bool = False) -> dict[str, Any]:
    """The shortcuts' form. ``source``: the message it was opened on ({"c": channel,
    "ts": ts}); ``no_text``: that message has no text to take as notes."""
    blocks: list[dict[str, Any]] = []
    if source is not None:
        blocks.append(context("From a message. Check the lead's name: it is my guess from "
                               "the message."))
    blocks.append({"type": "input", "block_id": "lead", "label": plain("Lead"),
                   "element": {"type": "plain_text_input", "action_id": "name",
                               "max_length": LEAD_MAX,
                               "placeholder": plain("Company or person, e.g. Acme Corp"),
                               **({"initial_value": lead[:LEAD_MAX]} if lead else {})}})
    if len(flows) > 1:
        options = [_option(f.name, f.id) for f in flows[:100]]
        blocks.append({"type": "input", "block_id": "flow", "label": plain("Rules"),
                       "element": {"type": "static_select", "action_id": "id",
                                   "options": options, "initial_option": options[0]}})
    notes_input: dict[str, Any] = {
        "type": "plain_text_input", "action_id": "text", "multiline": True,
        "max_length": NOTES_MAX,
        "placeholder": plain("e.g. talked to Jane, VP Ops. Budget approved for Q1, ~80k")}
    if notes:
        notes_input["initial_value"] = notes[:NOTES_MAX]
    blocks.append({"type": "input", "block_id": "notes", "optional": True,
                   "label": plain("Call notes"), "element": notes_input,
                   "hint": plain("I fill in every answer the notes state, for you to "
                                  "confirm in our DM before Submit.", 2000)})
    if no_text:
        blocks.append(context(":information_source: That message has no text I can read "
                               "(a file or an image?). Paste the notes yourself, or leave "
                               "them empty and answer the questions."))
    return {"type": "modal", "callback_id": START_VIEW,
            "private_metadata": _metadata(source or {}),
            "title": plain("Qualify a lead", 24), "submit": plain("Start", 24),
            "close": plain("Cancel", 24), "blocks": blocks}


@dataclass(frozen=True)
class Started:
    """A submitted start form: what to start, or what to fix (``errors`` by block id)."""

    lead: str = ""
    flow_id: str | None = None
    notes: str | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _values(view: dict[str, Any]) -> dict[str, Any]:
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    return values if isinstance(values, dict) else {}


def _value(values: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    """The state of one element as Slack sends it; {} if it is missing or not an object."""
    element = values.get(block)
    element = element.get(action) if isinstance(element, dict) else None
    return element if isinstance(element, dict) else {}


def _typed(values: dict[str, Any], block: str, action: str) -> str:
    value = _value(values, block, action).get("value")
    return value.strip() if isinstance(value, str) else ""


def _selected(values: dict[str, Any], block: str, action: str) -> str | None:
    option = _value(values, block, action).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) and value else None


def read_start(view: dict[str, Any], *, enabled: Sequence[str]) -> Started:
    values = _values(view)
    lead = " ".join(_typed(values, "lead", "name").split())
    notes = _typed(values, "notes", "text")
    flow_id = _selected(values, "flow", "id")
    errors = {}
    if not lead:
        errors["lead"] = "Type the company or person you are qualifying."
    elif len(lead) > LEAD_MAX:
        errors["lead"] = f"Keep the name under {LEAD_MAX} characters."
    if flow_id is not None and flow_id not in enabled:
        errors["flow"] = "Those rules are no longer in use; pick others."
    return Started(lead, flow_id or enabled[0], notes[:10_000] or None, errors)


# -- the answers form -------------------------------------------------------------------
def in_form(flow: Flow) -> list[Question]:
    """The questions the form asks: those always asked (one asked only after some answer
    is asked in the DM afterwards)."""
    return [q for q in flow.questions if q.ask_if is None][:90]


def answers_modal(*, flow: Flow, lead: str, draft: Draft | None = None,
                  qualification_id: int | None = None) -> dict[str, Any]:
    """Every question always asked, in one modal, with the draft's answers filled in."""
    blocks: list[dict[str, Any]] = [section(
        f"Qualifying *{esc(cut(lead, 200))}* with the {esc(flow.name)} rules. Leave out "
        "what you don't know: I'll ask it in our DM, where you review the score before "
        "Submit.")]
    for q in in_form(flow):
        answer = draft.answer_for(q.id) if draft is not None else None
        label = plain(q.text, 2000)
        if q.kind in TYPED:
            element: dict[str, Any] = {
                "type": "plain_text_input", "action_id": "typed",
                "multiline": q.kind is Kind.TEXT, "max_length": 500 if q.kind is not Kind.TEXT
                else 3000, "placeholder": plain(PLACEHOLDERS[q.kind])}
            shown = _shown(q, answer)
            if shown:
                element["initial_value"] = shown[:element["max_length"]]
        else:
            options = [_option(c.label, c.id) for c in q.choices]
            element = {"type": "static_select", "action_id": "choice", "options": options,
                       "placeholder": plain("Pick one")}
            chosen = next((o for o in options if answer is not None
                           and o["value"] == answer.choice_id), None)
            if chosen is not None:
                element["initial_option"] = chosen
        blocks.append({"type": "input", "block_id": f"q:{q.id}", "optional": True,
                       "label": label, "element": element})
    later = [q for q in flow.questions if q.ask_if is not None]
    if later:
        blocks.append(context(f"{len(later)} more question{'s' if len(later) != 1 else ''} "
                               "depend on these answers; I'll ask them in our DM."))
    data = {"f": flow.id, "l": lead[:LEAD_MAX]}
    if qualification_id is not None:
        data["q"] = qualification_id
    return {"type": "modal", "callback_id": FORM_VIEW, "private_metadata": _metadata(data),
            "title": plain("Qualify a lead", 24), "submit": plain("Review the score", 24),
            "close": plain("Cancel", 24), "blocks": blocks[:100]}


def _shown(q: Question, answer: Answer | None) -> str:
    """An answer as its typed field shows it: as typed, or (read from call notes, whose
    sentence says more than the answer) its choice's label."""
    if answer is None:
        return ""
    choice = q.choice(answer.choice_id)
    if answer.typed and (answer.source != "notes" or choice is None):
        return answer.typed
    return choice.label if choice is not None else ""


@dataclass(frozen=True)
class Filled:
    """A submitted answers form: the answers read for sure, those read as likely (to
    confirm in the DM, as a typed reply's), and what could not be read (by block id)."""

    answers: tuple[Answer, ...] = ()
    proposals: tuple[Answer, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)


def read_answers(view: dict[str, Any], *, flow: Flow, today: date) -> Filled:
    values = _values(view)
    answers: list[Answer] = []
    proposals: list[Answer] = []
    errors: dict[str, str] = {}
    for q in in_form(flow):
        block = f"q:{q.id}"
        if q.kind in TYPED:
            typed = _typed(values, block, "typed")
            if not typed:
                continue
            reading = read_reply(q, typed, today=today, fiscal_year_start=flow.fiscal_year_start)
            if q.kind is Kind.TEXT:
                answers.append(Answer(question_id=q.id, choice_id="",
                                      typed=reading.text or typed))
            elif reading.choice is None:
                near = " or ".join(c.label for c in reading.near)
                errors[block] = cut(
                    (f"“{typed}” could mean {near}. " if near else
                     f"I couldn't read “{typed}”. ")
                    + (reading.hint or "Type it as you would say it, e.g. " +
                       PLACEHOLDERS[q.kind].removeprefix("e.g. ")), 150)
            else:
                a = Answer(question_id=q.id, choice_id=reading.choice.id, typed=typed)
                (answers if reading.sure else proposals).append(a)
        else:
            chosen = _selected(values, block, "choice")
            if chosen and q.choice(chosen) is not None:
                answers.append(Answer(question_id=q.id, choice_id=chosen))
    return Filled(tuple(answers), tuple(proposals), errors)


def started_lines(asked: Started) -> list[str]:
    """A start form's values, as the person typed them."""
    return [f"Lead: {asked.lead}"] + ([f"Call notes: {asked.notes}"] if asked.notes else [])


def filled_lines(flow: Flow, lead: str, filled: Filled) -> list[str]:
    """An answers form's values, as the person gave them."""
    lines = [f"Lead: {lead} ({flow.name} rules)"]
    for a in (*filled.answers, *filled.proposals):
        q = flow.question(a.question_id)
        choice = q.choice(a.choice_id) if q is not None else None
        if q is not None:
            lines.append(f"{q.criterion.capitalize()}: "
                         f"{a.typed or (choice.label if choice else '')}")
    return lines
