"""Block Kit for the glossary: definitions, comparisons, the term form, proposals, history."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.core.models import TermChange
from bot.slack.blocks import (
    Message,
    button,
    context,
    cut,
    esc,
    mention,
    plain,
    section,
    sections,
    when,
)
from flows.glossary import Term

DEFINE_ACTION = "define_term"  # action_id prefix: a suggested term
SHARE_ACTION = "define_share"
TERM_EDIT_ACTION = "glossary_edit"  # "Edit" / "Suggest a change" on a definition
ADD_ACTION = "glossary_add"
HISTORY_ACTION = "glossary_history"
REVERT_ACTION = "glossary_revert"  # action_id prefix
APPROVE_ACTION = "glossary_approve"
REJECT_ACTION = "glossary_reject"
FORM_VIEW = "glossary_form"


def _extra(term: Term) -> str:
    extra = []
    if term.aliases:
        extra.append("Also called: " + ", ".join(esc(a) for a in term.aliases))
    if term.see_also:
        extra.append("See also: " + ", ".join(esc(s) for s in term.see_also))
    return " · ".join(extra)


def definition(term: Term, *, can_edit: bool) -> Message:
    blocks: list[dict[str, Any]] = [section(f"*{esc(term.term)}*\n{esc(term.definition)}")]
    if _extra(term):
        blocks.append(context(_extra(term)))
    blocks.append({"type": "actions", "elements": [
        button("Share in channel", SHARE_ACTION, term.term),
        button("Edit" if can_edit else "Suggest a change", TERM_EDIT_ACTION, term.term),
        button("History", HISTORY_ACTION, term.term)]})
    return {"response_type": "ephemeral", "text": esc(f"{term.term}: {term.definition}"),
            "blocks": blocks}


def comparison(terms: Sequence[Term]) -> Message:
    fields = [{"type": "mrkdwn", "text": cut(f"*{esc(t.term)}*\n{esc(t.definition)}", 2000)}
              for t in terms]
    names = " vs ".join(t.term for t in terms)
    return {"response_type": "ephemeral", "text": esc(names),
            "blocks": [{"type": "section", "fields": fields}]}


def shared_definition(term: Term, by: str) -> Message:
    text = f"*{esc(term.term)}*: {esc(term.definition)}"
    return {"response_type": "in_channel", "replace_original": False, "text": text,
            "blocks": [section(text), context(f"Shared by {mention(by)} from the team glossary")]}


def suggestions(asked: str, terms: Sequence[Term], *, can_edit: bool) -> Message:
    shown = esc(cut(asked.strip(), 80))
    add = button("Add this term" if can_edit else "Propose this term", ADD_ACTION,
                  cut(asked.strip(), 80))
    if not terms:
        text = (f"“{shown}” isn't in the team's glossary. "
                + ("Add it below, or" if can_edit else "Propose it below (an approver decides), or")
                + " type `/define` on its own to list every term.")
        return {"response_type": "ephemeral", "text": text,
                "blocks": [section(text), {"type": "actions", "elements": [add]}]}
    names = ", ".join(f"*{esc(t.term)}*" for t in terms)
    text = f"“{shown}” isn't a term in the glossary. Did you mean {names}?"
    return {"response_type": "ephemeral", "text": text, "blocks": [
        section(text),
        {"type": "actions", "elements": [
            *(button(t.term, f"{DEFINE_ACTION}:{i}", t.term) for i, t in enumerate(terms)),
            add]},
    ]}


def term_list(terms: Sequence[Term], *, can_edit: bool) -> Message:
    lines = [f"• *{esc(t.term)}*" + (f" ({esc(', '.join(t.aliases[:3]))})" if t.aliases else "")
             for t in terms]
    blocks: list[dict[str, Any]] = [section(
        f"*The team's glossary: {len(terms)} terms.* Type `/define <term>` to read one, "
        "`/define a vs b` to compare two.")]
    blocks += sections(lines)
    blocks = blocks[:48]
    blocks.append({"type": "actions", "elements": [
        button("Add a term" if can_edit else "Propose a term", ADD_ACTION, "")]})
    return {"response_type": "ephemeral", "text": f"The team's glossary: {len(terms)} terms.",
            "blocks": blocks}


def _input(block_id: str, label: str, initial: str, *, multiline: bool = False,
           optional: bool = False, hint: str | None = None, max_length: int = 2500
           ) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": "value",
                               "multiline": multiline, "max_length": max_length}
    if initial:
        element["initial_value"] = initial[:max_length]
    block: dict[str, Any] = {"type": "input", "block_id": block_id, "label": plain(label),
                             "element": element, "optional": optional}
    if hint:
        block["hint"] = plain(hint)
    return block


def term_form(term: Term | None, *, key: str | None, name: str = "", can_edit: bool) -> dict:
    """The modal to add (``key`` None) or change a term; others' submissions are proposals."""
    title = ("Change a term" if term else "Add a term") if can_edit else "Suggest a change"
    blocks: list[dict[str, Any]] = []
    if not can_edit:
        blocks.append(context("Your change goes to an approver; it is live once approved."))
    blocks += [
        _input("term", "Term", term.term if term else name, max_length=80),
        _input("definition", "Definition, in plain words for this team",
               term.definition if term else "", multiline=True),
        _input("aliases", "Other names (comma-separated)",
               ", ".join(term.aliases) if term else "", optional=True, max_length=2000),
        _input("see_also", "See also (terms, comma-separated)",
               ", ".join(term.see_also) if term else "", optional=True, max_length=2000),
        _input("note", "Why the change?" if term else "Why add it?", "", optional=True,
               multiline=True, max_length=500),
    ]
    if term and can_edit:
        blocks.append({"type": "input", "block_id": "remove", "optional": True,
                       "label": plain("Remove"),
                       "element": {"type": "checkboxes", "action_id": "value", "options": [
                           {"text": plain("Remove this term from the glossary"),
                            "value": "remove"}]}})
    return {"type": "modal", "callback_id": FORM_VIEW, "title": plain(title, 24),
            "submit": plain("Save" if can_edit else "Propose", 24),
            "close": plain("Cancel", 24), "private_metadata": json.dumps({"key": key}),
            "blocks": blocks}


def _snapshot_text(snapshot: dict[str, Any] | None) -> str:
    if snapshot is None:
        return "_(no such term)_"
    text = f"*{esc(snapshot['term'])}*: {esc(snapshot['definition'])}"
    if snapshot.get("aliases"):
        text += f"\n_Also called: {esc(', '.join(snapshot['aliases']))}_"
    return cut(text, 1400)


def proposal(change: TermChange, *, decided: str | None = None) -> Message:
    what = {"add": "add", "change": "change", "remove": "remove"}.get(change.action, "change")
    head = f"{mention(change.by)} proposes to {what} *{esc(change.key)}* in the glossary."
    blocks: list[dict[str, Any]] = [section(head)]
    if change.before is not None:
        blocks.append(section("*Now:* " + _snapshot_text(change.before)))
    if change.after is not None:
        blocks.append(section("*Proposed:* " + _snapshot_text(change.after)))
    if change.note:
        blocks.append(context(f"Why: {esc(cut(change.note, 1000))}"))
    if decided:
        blocks.append(section(decided))
    else:
        blocks.append({"type": "actions", "elements": [
            button("Approve", APPROVE_ACTION, str(change.id), style="primary"),
            button("Reject", REJECT_ACTION, str(change.id), style="danger")]})
    return {"text": head, "blocks": blocks}


def changed(action: str, term: str, *, live: bool) -> Message:
    if live:
        text = f":white_check_mark: *{esc(term)}*: {esc(action)} saved; it is live for everyone."
    else:
        text = (f":inbox_tray: Your proposal for *{esc(term)}* went to the approvers; "
                "you'll hear when it is decided.")
    return {"text": text}


def decision(term: str, approved: bool, by: str, error: str | None = None) -> Message:
    if error:
        text = f"Your proposal for *{esc(term)}* was approved but could not apply: {esc(error)}"
    elif approved:
        text = f":white_check_mark: {mention(by)} approved your proposal for *{esc(term)}*."
    else:
        text = f":x: {mention(by)} did not approve your proposal for *{esc(term)}*."
    return {"text": text}


def history(term: str, changes: Sequence[TermChange], *, can_edit: bool) -> Message:
    if not changes:
        return {"response_type": "ephemeral", "text": f"No recorded changes to *{esc(term)}*."}
    blocks: list[dict[str, Any]] = [section(f"*{esc(term)}*: the last {len(changes)} changes, "
                                             "newest first.")]
    for c in changes:
        who = mention(c.by) if c.by.startswith(("U", "W")) else esc(c.by)
        decided = f", approved by {mention(c.decided_by)}" if c.decided_by and \
            c.status == "live" else ""
        line = f"*{esc(c.action)}* ({esc(c.status)}) by {who}{decided} on {when(c.at)}"
        if c.before is not None:
            line += "\nBefore: " + cut(esc(c.before.get("definition", "")), 600)
        block = section(line)
        if can_edit and c.status == "live":
            block["accessory"] = button("Revert", f"{REVERT_ACTION}:{c.id}", str(c.id))
        blocks.append(block)
    return {"response_type": "ephemeral", "text": f"History of {esc(term)}", "blocks": blocks}


def refused(text: str) -> Message:
    return {"response_type": "ephemeral", "replace_original": False, "text": text}
