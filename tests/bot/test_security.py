"""Signatures, redeliveries and escaping."""


import time

import pytest

from tests.bot.test_qualify import HOT
from tests.harness import SALES, Harness


@pytest.mark.parametrize("how", ["bad signature", "stale timestamp", "no signature"])
def test_unsigned_or_forged_requests_get_401_and_change_nothing(qualibot: Harness,
                                                                how: str) -> None:
    h = qualibot
    body = h.command_body("/qualify", "Forged Corp", "U0FORGE")
    kw = {"bad signature": {"secret": "not-the-secret"},
          "stale timestamp": {"timestamp": int(time.time()) - 6 * 60},
          "no signature": {"signed": False}}[how]
    r = h.post(body, "application/x-www-form-urlencoded", **kw)
    assert r.status == 401
    qualibot.drain()
    assert [c.method for c in h.fake.calls if c.method != "auth.test"] == []


def test_slack_retry_of_a_click_changes_nothing(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Retry Co", "U0RETRY")
    q = h.question("U0RETRY")
    body = h.click_body("U0RETRY", q, HOT[0])
    assert h.post(body, "application/x-www-form-urlencoded").status == 200
    q2 = h.question("U0RETRY", after=1)
    r = h.post(body, "application/x-www-form-urlencoded",
               headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert r.status == 200
    h.drain()
    assert h.question("U0RETRY").ts == q2.ts
    assert not [m for m in h.dm_messages("U0RETRY") if "already answered" in m.visible()]


def test_slack_retry_of_a_typed_answer_changes_nothing(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Retry Typed", "U0RT")
    h.question("U0RT")
    ts = f"{time.time():.6f}"
    event = {"type": "message", "channel": h.dm("U0RT"), "channel_type": "im", "user": "U0RT",
             "text": HOT[0], "ts": ts, "event_ts": ts}
    body = h.event_body(event, event_id="Ev0RETRY1")
    assert h.post(body, "application/json").status == 200
    h.wait_dm("U0RT", 2)
    assert h.post(body, "application/json", headers={"X-Slack-Retry-Num": "1"}).status == 200
    h.drain()
    questions = [m for m in h.dm_messages("U0RT") if m.buttons()]
    assert len(questions) == 1 and questions[0].labels()[0] == "Decision maker"


def test_markup_in_a_lead_name_pings_nobody(qualibot: Harness) -> None:
    h = qualibot
    lead = "<!channel> Acme <@U0BOSS> & Co"
    r = h.command("/qualify", lead, "U0ESC")
    assert "<!channel>" not in r.body and "&lt;!channel&gt;" in r.json["text"]
    h.question("U0ESC")
    h.say("U0ESC", "<!here> maybe")
    reask = h.wait_dm("U0ESC", 2)[-1]
    assert "&lt;!here&gt; maybe" in reask.visible()
    h.answer_all("U0ESC", HOT)
    h.fake.wait(lambda: h.sales_posts())
    posted = [c for c in h.fake.calls
              if c.method in ("chat.postMessage", "chat.update", "chat.postEphemeral")]
    assert posted
    for call in posted:
        for s in _rendered_strings(call.params):
            assert "<!channel>" not in s and "<!here>" not in s and "<@U0BOSS>" not in s, s
    card = h.sales_posts()[0]
    assert "&lt;!channel&gt; Acme &lt;@U0BOSS&gt; &amp; Co" in card.visible()
    assert card.channel == SALES


def _rendered_strings(obj, literal: bool = False):
    """Strings Slack would read as mrkdwn (plain_text is shown literally)."""
    if isinstance(obj, dict):
        literal = obj.get("type") == "plain_text"
        for k, v in obj.items():
            if k == "text" and isinstance(v, str) and not literal:
                yield v
            elif isinstance(v, (dict, list)):
                yield from _rendered_strings(v, literal)
    elif isinstance(obj, list):
        for v in obj:
            yield from _rendered_strings(v, literal)


def test_healthz_and_unknown_paths(qualibot: Harness) -> None:
    assert qualibot.request("GET", "/healthz").status == 200
    assert qualibot.request("GET", "/nope").status == 404
    assert qualibot.request("GET", "/slack/events").status == 405


def test_url_verification_is_answered(qualibot: Harness) -> None:
    r = qualibot.post('{"type":"url_verification","challenge":"abc123","token":"t"}',
                      "application/json")
    assert r.status == 200 and "abc123" in r.body
