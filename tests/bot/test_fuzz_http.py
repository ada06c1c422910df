"""Every entry point, fed what Slack could send, over real HTTP with real signatures.

Each example: an answer within Slack's 3 seconds, never a 4xx/5xx for a correctly signed
request, nothing that looks like a stack trace (or an apology for one) posted to anyone,
and, for a request that should change nothing, the database as it was before.

Hypothesis runs derandomized (the same examples on every run, in CI and here) and
without its example database, so nothing is written under ``.hypothesis/``.
"""
from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.core.models import Base, Outbox
from bot.glossary import views as glossary_views
from bot.slack import blocks
from tests.bot.test_qualify import HOT
from tests.fakeslack import TEAM, FakeSlack
from tests.harness import Harness

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
FORM = "application/x-www-form-urlencoded"
OWNER = "U0OWNER"  # has a qualification open; the fuzzing people have none
ACK_LIMIT = 3.0
# What a stack trace, or its apology, looks like once posted.
TRACE = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|"
                   r"went wrong on our side")
# The deliveries table is the redelivery bookkeeping (which request was seen), not state.
BOOKKEEPING = {"deliveries"}

# Slack's own field names, and the characters that mean something in a form.
SLACK_WORDS = ["payload", "command", "text", "token", "type", "ssl_check", "trigger_id",
               "response_url", "user_id", "&", "=", "%", "+", "%26", "%3D", "&payload=",
               "command=/define", "ssl_check=1", "\n", "\r\n", "{", "}", "<!channel>", "*"]
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
words = st.lists(st.one_of(st.sampled_from(SLACK_WORDS), unicode_text), max_size=8)
command_text = st.one_of(
    words.map(" ".join), words.map("".join),
    st.integers(3_900, 4_000).map(lambda n: ("payload=x&command=/q %+ é\n" * 200)[:n]))


@pytest.fixture
def app(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    """Qualibot with one qualification open (OWNER's), on its first question."""
    with Harness.serve(fake_slack, sqlite_url) as h:
        assert h.command("/qualify", "Seed Co", OWNER).status == 200
        h.question(OWNER)
        h.drain()
        yield h


def snapshot(h: Harness) -> dict[str, list[tuple[Any, ...]]]:
    with h.runtime.engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(select(t))), key=repr)
                for t in Base.metadata.sorted_tables if t.name not in BOOKKEEPING}


def delivered(h: Harness) -> bool:
    with h.runtime.engine.connect() as conn:
        return set(conn.execute(select(Outbox.status)).scalars()) == {"done"}


def send(h: Harness, body: str, content_type: str, *, changes_nothing: bool) -> None:
    """Send one signed request and check what Slack and the people see of it."""
    before = snapshot(h) if changes_nothing else None
    seen = len(h.fake.calls)
    started = time.monotonic()
    r = h.post(body, content_type)
    took = time.monotonic() - started
    assert r.status == 200, (r, body[:300])
    assert took < ACK_LIMIT, f"answered after {took:.2f} s"
    h.drain()
    shown = [r.body] + [json.dumps(c.params, ensure_ascii=False) for c in h.fake.calls[seen:]]
    for text in shown:
        assert not TRACE.search(text), text[:500]
    if before is not None:
        assert snapshot(h) == before, body[:300]


def fuzz_user(data: st.DataObject) -> str:
    return data.draw(st.sampled_from(["U0FUZZ1", "U0FUZZ2", "W0FUZZ3"]))


# -- slash commands --------------------------------------------------------------------
@FUZZ
@given(data=st.data(), text=command_text)
def test_define_with_any_text(app: Harness, data: st.DataObject, text: str) -> None:
    send(app, app.command_body("/define", text, fuzz_user(data)), FORM, changes_nothing=False)


@FUZZ
@given(data=st.data(), text=command_text)
def test_qualify_with_any_text(app: Harness, data: st.DataObject, text: str) -> None:
    send(app, app.command_body("/qualify", text, fuzz_user(data)), FORM,
         changes_nothing=False)


# -- block actions ---------------------------------------------------------------------
ACTION_IDS = [f"{blocks.ANSWER_ACTION}:0", f"{blocks.ANSWER_ACTION}:3", blocks.HELP_ACTION,
              blocks.SUBMIT_ACTION, blocks.REVIEW_EDIT_ACTION, f"{blocks.EDIT_PICK_ACTION}:1",
              blocks.CANCEL_ACTION, blocks.RESUME_ACTION, f"{blocks.CONFIRM_ACTION}:yes",
              f"{blocks.CONFIRM_ACTION}:no", blocks.NOTES_ACTION, f"{blocks.PICK_FLOW_ACTION}:0",
              blocks.CLAIM_ACTION, blocks.SEND_BACK_ACTION, f"{glossary_views.DEFINE_ACTION}:0",
              glossary_views.SHARE_ACTION, glossary_views.TERM_EDIT_ACTION,
              glossary_views.ADD_ACTION, glossary_views.HISTORY_ACTION,
              f"{glossary_views.REVERT_ACTION}:0", glossary_views.APPROVE_ACTION,
              glossary_views.REJECT_ACTION, "no_such_action"]


def action_values(h: Harness) -> st.SearchStrategy[str | None]:
    """Missing, stale (OWNER's qualification, ids that never existed), malformed."""
    owner = h.question(OWNER)
    real = [b["value"] for b in owner.buttons() if b.get("value")]
    qid = real[0].split(":")[0] if real else "1"
    stale = [f"{qid}:{rest}" for rest in ("budget:funded", "need:yes", "need:nope", "",
                                          "need", "need:yes:yes")]
    stale += ["999999:need:yes", "999999", "0", "-1", "1e9", "00", str(2**63), "bant|",
              "nope|Lead", "|", ":", "::"]
    return st.one_of(st.none(), st.sampled_from(real + stale), unicode_text,
                     st.integers(-10, 10**12).map(str))


def actions_body(user: str, action_id: str, value: str | None, *, where: str,
                 h: Harness) -> str:
    action: dict[str, Any] = {"type": "button", "action_id": action_id, "block_id": "b",
                              "text": {"type": "plain_text", "text": "x"},
                              "action_ts": f"{time.time():.6f}"}
    if value is not None:
        action["value"] = value
    payload: dict[str, Any] = {
        "type": "block_actions", "user": {"id": user, "team_id": TEAM}, "api_app_id": "A0APP",
        "team": {"id": TEAM}, "token": "verification", "actions": [action]}
    if where == "message":
        payload.update(container={"type": "message", "message_ts": "1.000001",
                                  "channel_id": h.dm(user), "is_ephemeral": False},
                       channel={"id": h.dm(user)}, trigger_id="1.2.3",
                       message={"ts": "1.000001", "text": "old", "blocks": []},
                       response_url=h.fake.response_url(h.dm(user), user, "1.000001"))
    elif where == "ephemeral":  # /define's answers: a response_url, no message to update
        payload.update(container={"type": "message", "message_ts": "2.000002",
                                  "channel_id": "C0GENERAL", "is_ephemeral": True},
                       channel={"id": "C0GENERAL"}, trigger_id="1.2.3",
                       response_url=h.fake.response_url("C0GENERAL", user))
    elif where == "home":
        payload.update(container={"type": "view", "view_id": "VH00001"}, trigger_id="1.2.3",
                       view={"id": "VH00001", "type": "home", "blocks": []})
    # "bare": no container, no channel, no trigger, no response_url
    return urlencode({"payload": json.dumps(payload)})


@FUZZ
@given(data=st.data())
def test_block_actions_with_missing_stale_or_malformed_values(app: Harness,
                                                               data: st.DataObject) -> None:
    action_id = data.draw(st.sampled_from(ACTION_IDS), label="action_id")
    value = data.draw(action_values(app), label="value")
    if action_id.startswith(blocks.PICK_FLOW_ACTION) and re.match(r"^bant\|.+", value or ""):
        value = "nope" + value  # a real flow and a lead would start a qualification
    where = data.draw(st.sampled_from(["message", "ephemeral", "home", "bare"]), label="where")
    body = actions_body(fuzz_user(data), action_id, value, where=where, h=app)
    send(app, body, FORM, changes_nothing=True)


# -- view submissions ------------------------------------------------------------------
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), unicode_text),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(unicode_text, inner, max_size=3)), max_leaves=6)
BLOCK_IDS = ["notes", "reason", "term", "definition", "aliases", "see_also", "note", "remove",
             "extra"]
# Slack's shape (block → action → element), with elements, actions and blocks missing or extra.
ELEMENT = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["plain_text_input", "checkboxes", "static_select"]),
    "value": st.one_of(st.none(), unicode_text, st.sampled_from(["prospect", "A lead."])),
    "selected_options": st.lists(st.fixed_dictionaries({"value": unicode_text}), max_size=2),
    "extra": json_values})
STATE = st.dictionaries(st.sampled_from(BLOCK_IDS), st.dictionaries(
    st.sampled_from(["text", "value", "extra"]), ELEMENT, max_size=3), max_size=6)


@FUZZ
@given(data=st.data())
def test_view_submissions_with_missing_or_extra_fields(app: Harness,
                                                        data: st.DataObject) -> None:
    callback = data.draw(st.sampled_from([blocks.NOTES_VIEW, glossary_views.FORM_VIEW,
                                          blocks.SEND_BACK_VIEW, "no_such_view"]))
    owner_qid = app.question(OWNER).buttons()[0]["value"].split(":")[0]
    metadata = data.draw(st.one_of(
        st.none(), st.sampled_from([owner_qid, "999999", "", "{}", '{"key": "prospect"}',
                                    '{"key": null}', '{"key": 5}', "[1]", "{", "null"]),
        unicode_text, json_values.map(json.dumps)), label="private_metadata")
    view: dict[str, Any] = {"id": "V" + uuid.uuid4().hex[:8], "type": "modal",
                            "callback_id": callback, "hash": uuid.uuid4().hex,
                            "team_id": TEAM, "blocks": []}
    state = data.draw(st.one_of(st.none(), STATE), label="state")
    if state is not None:
        view["state"] = {"values": state}
    if metadata is not None:
        view["private_metadata"] = metadata
    extra = data.draw(st.dictionaries(st.sampled_from(["previous_view_id", "root_view_id",
                                                      "app_id", "bot_id", "title", "x"]),
                                      json_values, max_size=3), label="extra fields")
    payload = {"type": "view_submission", "team": {"id": TEAM}, "api_app_id": "A0APP",
               "user": {"id": fuzz_user(data), "team_id": TEAM}, "token": "verification",
               "trigger_id": "1.2.3", "view": {**extra, **view}, "response_urls": []}
    send(app, urlencode({"payload": json.dumps(payload)}), FORM, changes_nothing=True)


# -- message events in a DM -------------------------------------------------------------
def message_event(data: st.DataObject, h: Harness) -> dict[str, Any]:
    user = data.draw(st.sampled_from([OWNER, "U0FUZZ1", "U0BOT"]), label="user")
    subtype = data.draw(st.sampled_from(["message_changed", "message_deleted", "bot_message",
                                         "file_share", "thread_reply", "message_replied",
                                         "thread_broadcast", "me_message", "channel_join"]))
    text = data.draw(st.one_of(st.sampled_from(HOT + ["submit", "cancel", ""]), unicode_text))
    ts = f"{time.time():.6f}"
    base = {"type": "message", "channel": h.dm(user if user != "U0BOT" else OWNER),
            "channel_type": "im", "ts": ts, "event_ts": ts}
    inner = {"type": "message", "user": user, "text": text, "ts": "1.000001"}
    match subtype:
        case "message_changed":
            return {**base, "subtype": subtype, "hidden": True, "message": {**inner, "edited": {
                "user": user, "ts": ts}}, "previous_message": inner}
        case "message_deleted":
            return {**base, "subtype": subtype, "hidden": True, "deleted_ts": "1.000001",
                    "previous_message": inner}
        case "bot_message":
            return {**base, "subtype": subtype, "bot_id": "B0BOT", "username": "Qualibot",
                    "text": text}
        case "file_share":
            return {**base, "subtype": subtype, "user": user, "text": text, "upload": True,
                    "files": [{"id": "F0FILE", "name": "notes.txt", "mimetype": "text/plain"}]}
        case "thread_reply":  # a reply in a thread of the bot's DM, from someone with no draft
            return {**base, "user": "U0FUZZ1", "channel": h.dm("U0FUZZ1"), "text": text,
                    "thread_ts": "1.000001", "parent_user_id": "U0BOT",
                    "client_msg_id": str(uuid.uuid4())}
        case "message_replied":
            return {**base, "subtype": subtype, "hidden": True, "message": {
                **inner, "thread_ts": "1.000001", "reply_count": 1}}
        case _:
            return {**base, "subtype": subtype, "user": user, "text": text}


@FUZZ
@given(data=st.data())
def test_message_events_of_every_dm_subtype_change_nothing(app: Harness,
                                                            data: st.DataObject) -> None:
    send(app, app.event_body(message_event(data, app)), "application/json",
         changes_nothing=True)


@FUZZ
@given(data=st.data())
def test_home_tab_opened_however_it_comes(app: Harness, data: st.DataObject) -> None:
    event: dict[str, Any] = {"type": "app_home_opened", "event_ts": f"{time.time():.6f}"}
    for name, values in (("user", st.sampled_from([OWNER, "U0FUZZ1", "", "U0BOT"])),
                         ("tab", st.one_of(st.sampled_from(["home", "messages"]), unicode_text)),
                         ("channel", st.sampled_from([app.dm(OWNER), "D0OTHER", ""])),
                         ("view", json_values)):
        if data.draw(st.booleans(), label=f"has {name}"):
            event[name] = data.draw(values, label=name)
    send(app, app.event_body(event), "application/json", changes_nothing=True)


def test_the_owner_s_conversation_still_works_after_the_fuzzing(app: Harness) -> None:
    """The seeded qualification is untouched by what others send: it completes."""
    first = app.question(OWNER)
    body = actions_body("U0FUZZ1", f"{blocks.ANSWER_ACTION}:0", first.buttons()[0]["value"],
                        where="message", h=app)
    send(app, body, FORM, changes_nothing=True)  # someone else's click on it: nothing
    again = app.click_body(OWNER, first, HOT[0])  # the owner's own click, kept for later
    summary = app.answer_all(OWNER, HOT)
    assert "score *25*" in summary.visible()
    assert app.fake.wait(lambda: delivered(app))  # the courier is done with the card
    send(app, again, FORM, changes_nothing=True)  # a stale click after the end: nothing


# -- what the fuzzing found, kept as plain examples -------------------------------------
@pytest.mark.parametrize("action_id", ["no_such_action", "renamed_in_an_older_version"])
def test_a_button_nothing_handles_is_acknowledged(app: Harness, action_id: str) -> None:
    send(app, actions_body("U0FUZZ1", action_id, "1", where="message", h=app), FORM,
         changes_nothing=True)


def test_a_form_and_an_event_nothing_handles_are_acknowledged(app: Harness) -> None:
    payload = {"type": "view_submission", "team": {"id": TEAM}, "user": {"id": "U0FUZZ1"},
               "view": {"id": "V1", "type": "modal", "callback_id": "gone",
                        "state": {"values": {}}}}
    send(app, urlencode({"payload": json.dumps(payload)}), FORM, changes_nothing=True)
    event = {"type": "reaction_added", "user": "U0FUZZ1", "reaction": "tada",
             "item": {"type": "message", "channel": "D0X", "ts": "1.0"}, "event_ts": "1.0"}
    send(app, app.event_body(event), "application/json", changes_nothing=True)


@pytest.mark.parametrize("kind", ["shortcut", "message_action"])
def test_a_shortcut_nothing_handles_is_acknowledged(app: Harness, kind: str) -> None:
    payload = {"type": kind, "callback_id": "qualify_message", "trigger_id": "1.2.3",
               "team": {"id": TEAM}, "user": {"id": "U0FUZZ1", "team_id": TEAM},
               "action_ts": "1.0", "token": "verification"}
    if kind == "message_action":
        payload.update(channel={"id": "C0GENERAL"}, message={"ts": "1.0", "text": "payload"},
                       message_ts="1.0", response_url=app.fake.response_url("C0GENERAL",
                                                                           "U0FUZZ1"))
    send(app, urlencode({"payload": json.dumps(payload)}), FORM, changes_nothing=True)


def test_send_back_without_a_trigger_changes_nothing(app: Harness) -> None:
    send(app, actions_body("U0FUZZ1", blocks.SEND_BACK_ACTION, "1", where="bare", h=app), FORM,
         changes_nothing=True)


@pytest.mark.parametrize("metadata", ["1", "[]", "{", "null", '{"key": 5}'])
def test_a_glossary_form_from_an_older_version_is_asked_to_be_reopened(
        app: Harness, metadata: str) -> None:
    payload = {"type": "view_submission", "team": {"id": TEAM}, "user": {"id": "U0FUZZ1"},
               "view": {"id": "V1", "type": "modal", "callback_id": glossary_views.FORM_VIEW,
                        "private_metadata": metadata, "state": {"values": {
                            "term": {"value": {"type": "plain_text_input", "value": "lead"}},
                            "definition": {"value": {"type": "plain_text_input",
                                                     "value": "Someone who gave a meeting."}}}}}}
    before = snapshot(app)
    r = app.post(urlencode({"payload": json.dumps(payload)}), FORM)
    assert r.status == 200
    if metadata == '{"key": 5}':  # readable: a key that is not one is no key
        assert r.json is None or r.json.get("response_action") == "errors"
    else:
        assert r.json["response_action"] == "errors" and "out of date" in r.json["errors"]["term"]
    app.drain()
    assert snapshot(app) == before
