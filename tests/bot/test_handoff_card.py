"""The card in the sales channel: claims, send-backs and SLA reminders."""
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from bot.handoff import claims
from bot.handoff import store as handoff_store
from tests.bot.test_qualify import HOT
from tests.concurrency import together
from tests.fakeslack import FakeSlack, Posted
from tests.harness import SALES, Harness


def card_of(h: Harness, lead: str) -> Posted:
    cards = h.fake.wait(lambda: [m for m in h.sales_posts() if lead in m.visible()])
    assert cards, f"no card for {lead}"
    return cards[0]


def snapshot(card: Posted) -> Posted:
    """The card as a user's client shows it at this moment (buttons included)."""
    return Posted(card.channel, card.ts, card.text, json.loads(json.dumps(card.blocks)))


def test_concurrent_claims_have_one_owner_and_the_others_are_told(qualibot: Harness) -> None:
    h = qualibot
    h.qualify("U0SDR", "Claim Co", HOT)
    card = snapshot(card_of(h, "Claim Co"))
    bodies = [h.click_body(f"U0AE{i}", card, "Claim this lead") for i in range(6)]
    statuses = together(lambda b: h.post(b, "application/x-www-form-urlencoded").status, bodies)
    h.drain()
    assert statuses == [200] * 6
    updates = h.fake.find("chat.update", channel=SALES)
    assert len(updates) == 1
    owner = updates[0].params["blocks"][-2]["text"]["text"].split("<@")[1].split(">")[0]
    told = [c for c in h.fake.find("response_url") if "has already claimed" in c.params["text"]]
    assert len(told) == 5 and all(f"<@{owner}>" in c.params["text"] for c in told)
    assert {c.params["_user"] for c in told} == {f"U0AE{i}" for i in range(6)} - {owner}
    live = card_of(h, "Claim Co")
    assert f"Claimed by <@{owner}>" in live.visible() and live.labels() == ["Send back"]


def submit_send_back(h: Harness, user: str, view: dict, reason: str):
    payload = {"type": "view_submission", "user": {"id": user, "team_id": "T0TEAM"},
               "team": {"id": "T0TEAM"}, "api_app_id": "A0APP", "token": "verification",
               "trigger_id": "1.2.3",
               "view": dict(view, state={"values": {"reason": {"text": {
                   "type": "plain_text_input", "value": reason}}}})}
    return h.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def test_send_back_with_a_reason_reaches_the_sdr(qualibot: Harness) -> None:
    h = qualibot
    h.qualify("U0SDR", "Back Co", HOT)
    card = snapshot(card_of(h, "Back Co"))
    assert h.click("U0AE1", card, "Send back").status == 200
    view = h.fake.wait(lambda: h.fake.views)[0]
    assert view["callback_id"] == "handoff_send_back"
    r = submit_send_back(h, "U0AE1", view, "x")
    assert r.status == 200 and r.json["response_action"] == "errors"  # too short: re-asked
    r = submit_send_back(h, "U0AE1", view, "Not the <!channel> decision maker")
    assert r.status == 200 and not r.body.strip()
    told = h.fake.wait(lambda: [m for m in h.dm_messages("U0SDR") if "sent *Back Co* back" in
                                m.visible()])
    assert told and "Not the &lt;!channel&gt; decision maker" in told[0].visible()
    live = card_of(h, "Back Co")
    assert "Sent back to <@U0SDR> by <@U0AE1>" in live.visible() and live.labels() == []
    assert h.click("U0AE2", card, "Claim this lead").status == 200  # too late to claim
    note = h.fake.wait(lambda: [c for c in h.fake.find("response_url")
                                if "already sent this lead back" in c.params.get("text", "")])
    assert note and note[0].params["_user"] == "U0AE2"


def test_only_the_owner_may_send_back_a_claimed_lead(qualibot: Harness) -> None:
    h = qualibot
    h.qualify("U0SDR", "Owned Co", HOT)
    card = snapshot(card_of(h, "Owned Co"))
    h.click("U0AE1", card, "Claim this lead")
    h.fake.wait(lambda: card_of(h, "Owned Co").labels() == ["Send back"])
    h.click("U0AE2", snapshot(card_of(h, "Owned Co")), "Send back")
    refused = h.fake.wait(lambda: [c for c in h.fake.find("response_url")
                                   if "only they can send it back" in c.params.get("text", "")])
    assert refused and h.fake.views == []


@pytest.fixture
def with_sla(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    with Harness.serve(fake_slack, sqlite_url, HANDOFF_SLA_MINUTES=30,
                       HANDOFF_ESCALATE_TO="S0LEADS,U0BOSS") as h:
        yield h


def test_an_unclaimed_lead_is_reannounced_in_its_thread_once(with_sla: Harness,
                                                              sqlite_url: str) -> None:
    h = with_sla
    h.qualify("U0SDR", "Slow Co", HOT)
    card = card_of(h, "Slow Co")
    h.fake.wait(lambda: _posted(h))
    deps = h.runtime.deps
    client = h.runtime.app.client
    assert claims.remind_overdue(deps, client) == 0  # not overdue yet
    later = deps.clock() + timedelta(minutes=31)
    overdue = replace(deps, clock=lambda: later)
    # Two instances check at the same moment: one reminder between them.
    results = together(lambda _: claims.remind_overdue(overdue, client), range(2))
    assert sorted(results) == [0, 1]
    reminders = [m for m in h.fake.channel(SALES) if m.thread_ts == card.ts]
    assert len(reminders) == 1
    text = reminders[0].visible()
    assert "Still unclaimed after 30 min" in text
    assert "<!subteam^S0LEADS>" in text and "<@U0BOSS>" in text
    assert claims.remind_overdue(overdue, client) == 0  # quiet until the next period
    h.click("U0AE1", snapshot(card), "Claim this lead")
    h.drain()
    much_later = replace(deps, clock=lambda: later + timedelta(hours=5))
    assert claims.remind_overdue(much_later, client) == 0  # claimed: no more reminders


def _posted(h: Harness) -> bool:

    with h.runtime.deps.sessions() as s:
        handoff = handoff_store.get_handoff(s, handoff_id=1)
        return handoff is not None and handoff.message_ts is not None
