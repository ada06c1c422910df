"""Routing over real HTTP: rules send each qualified lead to its channel and AE, who
accepts it with one click or passes it on; others are told whose it is."""
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.handoff import claims, reassign
from bot.handoff import store as handoff_store
from bot.reports import text, weekly
from bot.reports.export import write_csv, write_json
from bot.routing.presence import Presence
from flows.routing import Routing
from tests.bot.test_handoff_card import snapshot, submit_send_back
from tests.bot.test_qualify import HOT, TWENTY
from tests.concurrency import together
from tests.fakeslack import FakeSlack, Posted
from tests.harness import SALES, Harness

ENT = "C0ENTERPRISE"

ROUTING = Routing.model_validate({
    "groups": {"enterprise": {"members": ["U0ANA", "U0BEN"], "fallback": "floor"},
               "floor": {"members": ["U0CY"]}},
    "rules": [{"when": {"answers": {"size": "over_50k"}, "score_min": 21}, "channel": ENT,
               "assign": "enterprise", "accept_within_minutes": 30, "reassign_at_most": 1}],
})


@pytest.fixture
def routed(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    with Harness.serve(fake_slack, sqlite_url, routing=ROUTING) as h:
        yield h


def card_in(h: Harness, channel: str, lead: str) -> Posted:
    cards = h.fake.wait(lambda: [m for m in h.fake.channel(channel) if lead in m.visible()])
    assert cards, f"no card for {lead} in {channel}"
    return cards[0]


def test_rules_send_leads_to_their_channel_and_ae_in_turn(routed: Harness) -> None:
    h = routed
    summary = h.qualify("U0SDR", "Big One", HOT)  # 25 and over $50k: enterprise
    assert "Handed off to <#C0ENTERPRISE> for <@U0ANA> to accept." in summary.visible()
    big = card_in(h, ENT, "Big One")
    assert big.text.endswith("for <@U0ANA>")
    assert ("Routed by rule 1 (size: $50,000 or more · score ≥ 21) → <#C0ENTERPRISE>: "
            "assigned to <@U0ANA> (round robin, 1 today)") in big.visible()
    assert big.labels() == ["Accept", "Pass", "Send back"]
    h.qualify("U0SDR", "Big Two", HOT)
    assert "assigned to <@U0BEN>" in card_in(h, ENT, "Big Two").visible()
    h.qualify("U0SDR", "Small One", TWENTY)  # under $100: the default rule
    small = card_in(h, SALES, "Small One")
    assert "the default rule → <#C0SALES>: open to the first to claim it" in small.visible()
    assert small.labels() == ["Claim this lead", "Send back"]
    assert not [m for m in h.fake.channel(ENT) if "Small One" in m.visible()]


def test_only_the_assigned_ae_accepts_and_the_card_updates(routed: Harness) -> None:
    h = routed
    h.qualify("U0SDR", "Mine Co", HOT)
    card = snapshot(card_in(h, ENT, "Mine Co"))
    assert h.click("U0BEN", card, "Accept").status == 200
    told = h.fake.wait(lambda: [c for c in h.fake.find("response_url")
                                if "only they can accept" in c.params.get("text", "")])
    assert told and told[0].params["_user"] == "U0BEN" and "<@U0ANA>" in told[0].params["text"]
    assert h.click("U0ANA", card, "Accept").status == 200
    h.fake.wait(lambda: "Claimed by <@U0ANA>" in card_in(h, ENT, "Mine Co").visible())
    assert card_in(h, ENT, "Mine Co").labels() == ["Send back"]


def test_an_away_ae_is_skipped_until_back(routed: Harness) -> None:
    h = routed
    assert h.command("/qualify", "away", "U0ANA").status == 200
    note = h.fake.wait(lambda: [c for c in h.fake.find("response_url")
                                if "away" in c.params.get("text", "")])
    assert note
    h.qualify("U0SDR", "While Away 1", HOT)
    h.qualify("U0SDR", "While Away 2", HOT)
    for lead in ("While Away 1", "While Away 2"):
        assert "assigned to <@U0BEN>" in card_in(h, ENT, lead).visible()
    h.command("/qualify", "back", "U0ANA")
    h.drain()
    h.qualify("U0SDR", "Back Again", HOT)
    assert "assigned to <@U0ANA>" in card_in(h, ENT, "Back Again").visible()


def test_everyone_away_falls_back_then_opens_it_to_claim(routed: Harness) -> None:
    h = routed
    for ae in ("U0ANA", "U0BEN"):
        h.command("/qualify", "away", ae)
    h.drain()
    h.qualify("U0SDR", "Fallback Co", HOT)
    text = card_in(h, ENT, "Fallback Co").visible()
    assert "assigned to <@U0CY> (round robin, 1 today, fallback: nobody in enterprise " \
           "could take it)" in text
    h.command("/qualify", "away", "U0CY")
    h.drain()
    h.qualify("U0SDR", "Nobody Co", HOT)
    card = card_in(h, ENT, "Nobody Co")
    assert "open to the first to claim it (nobody in enterprise, floor could take it" \
        in card.visible()
    assert card.labels() == ["Claim this lead", "Send back"]


def test_pass_with_a_reason_goes_to_the_next_ae(routed: Harness) -> None:
    h = routed
    h.qualify("U0SDR", "Pass Co", HOT)
    card = snapshot(card_in(h, ENT, "Pass Co"))
    assert h.click("U0ANA", card, "Pass").status == 200
    view = h.fake.wait(lambda: h.fake.views)[0]
    assert view["callback_id"] == "handoff_pass"
    r = submit_send_back(h, "U0ANA", view, "Conflicts with <!channel> an account I own")
    assert r.status == 200 and not r.body.strip()
    live = h.fake.wait(lambda: next((m for m in h.fake.channel(ENT)
                                     if "For <@U0BEN>" in m.visible()), None))
    assert live is not None and "Pass Co" in live.visible()
    assert "passed on by <@U0ANA>" in live.visible()
    said = h.fake.wait(lambda: [m for m in h.fake.channel(ENT) if m.thread_ts == live.ts])
    assert said and "Conflicts with &lt;!channel&gt;" in said[0].visible()
    assert "now for <@U0BEN>" in said[0].visible()
    out = io.StringIO()  # the export explains it too
    with h.runtime.engine.connect() as conn:
        write_json(out, conn, h.runtime.deps.flows)
    routing = json.loads(out.getvalue())[0]["handoff"]["routing"]
    assert routing["assigned_to"] == "U0BEN" and routing["group"] == "enterprise"
    assert routing["why"] == ("rule 1 (size: $50,000 or more · score ≥ 21) → #C0ENTERPRISE: "
                              "assigned to @U0BEN (passed on by @U0ANA, 1 today)")
    assert [p["reason"] for p in routing["passes"]] == [
        "Conflicts with <!channel> an account I own"]
    out = io.StringIO()
    with h.runtime.engine.connect() as conn:
        write_csv(out, conn, h.runtime.deps.flows)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["assigned_to"], row["reassignments"]) == ("U0BEN", "0")
    assert row["routing"].endswith("assigned to @U0BEN (passed on by @U0ANA, 1 today)")


def test_a_lead_not_accepted_in_time_moves_on_once_then_is_open_to_anyone(
        fake_slack: FakeSlack, database_url: str) -> None:
    settings = dict(routing=ROUTING, HANDOFF_ESCALATE_TO="S0LEADS")
    with Harness.serve(fake_slack, database_url, **settings) as h, \
            Harness.serve(fake_slack, database_url, background=False, **settings) as other:
        h.qualify("U0SDR", "Slow Co", HOT)
        card = card_in(h, ENT, "Slow Co")
        h.fake.wait(lambda: _posted(h))
        deps, client = h.runtime.deps, h.runtime.app.client
        assert reassign.reassign_overdue(deps, client) == 0  # not due yet
        instances = [(h.runtime.deps, client), (other.runtime.deps, other.runtime.app.client)]

        def both(minutes: float) -> list[int]:
            """Both instances look at the same moment, ``minutes`` from now."""
            return sorted(together(lambda i: reassign.reassign_overdue(replace(
                i[0], clock=lambda: deps.clock() + timedelta(minutes=minutes)), i[1]),
                instances))

        assert both(31) == [0, 1]  # one reassignment between them
        later = replace(deps, clock=lambda: deps.clock() + timedelta(minutes=31))
        assert "For <@U0BEN>" in card.visible()
        assert "assigned to <@U0BEN> (reassigned after 30 min" in card.visible()
        thread = [m.text for m in h.fake.channel(ENT) if m.thread_ts == card.ts]
        assert thread == [":arrows_counterclockwise: Not accepted by <@U0ANA> within 30 min: "
                          "now for <@U0BEN>."]
        assert reassign.reassign_overdue(later, client) == 0  # U0BEN's window just began
        assert both(62) == [0, 1]
        # reassigned at most once: now it is open to anyone, and the leads are told
        assert card.labels() == ["Claim this lead", "Send back"]
        assert "open to the first to claim it (not accepted in time" in card.visible()
        thread = [m.text for m in h.fake.channel(ENT) if m.thread_ts == card.ts]
        assert "<!subteam^S0LEADS>: can someone take it?" in thread[-1]
        assert reassign.reassign_overdue(replace(deps, clock=lambda: deps.clock()
                                                 + timedelta(hours=5)), client) == 0
        h.click("U0CY", snapshot(card), "Claim this lead")
        h.fake.wait(lambda: "Claimed by <@U0CY>" in card.visible())


def _posted(h: Harness) -> bool:
    with h.runtime.deps.sessions() as s:
        handoff = handoff_store.get_handoff(s, handoff_id=1)
        return handoff is not None and handoff.message_ts is not None


def test_a_channel_the_rules_name_that_refuses_the_card_falls_back_to_sales(
        routed: Harness) -> None:
    h = routed
    h.fake.fail("chat.postMessage", status=200, error="channel_not_found", times=5,
                when=lambda p: p.get("channel") == ENT)
    h.qualify("U0SDR", "Lost Channel Co", HOT)
    card = card_in(h, SALES, "Lost Channel Co")
    assert ("<#C0ENTERPRISE> refused it (channel_not_found), so it went to <#C0SALES>"
            in card.visible())
    assert "For <@U0ANA>" in card.visible()  # still assigned as the rule said
    told = h.fake.wait(lambda: [m for m in h.dm_messages("U0SDR") if "instead" in m.text])
    assert told and "<#C0ENTERPRISE>" in told[0].text and "<#C0SALES>" in told[0].text


def test_reports_show_each_aes_assignments_accepts_and_leads_moved_on(routed: Harness) -> None:
    h = routed
    h.qualify("U0SDR", "Taken Co", HOT)  # U0ANA
    h.qualify("U0SDR", "Passed Co", HOT)  # U0BEN, who passes it to U0ANA
    taken = snapshot(card_in(h, ENT, "Taken Co"))
    h.click("U0ANA", taken, "Accept")
    h.fake.wait(lambda: "Claimed by" in card_in(h, ENT, "Taken Co").visible())
    h.click("U0BEN", snapshot(card_in(h, ENT, "Passed Co")), "Pass")
    view = h.fake.wait(lambda: h.fake.views)[0]
    submit_send_back(h, "U0BEN", view, "Out all week")
    h.fake.wait(lambda: "For <@U0ANA>" in card_in(h, ENT, "Passed Co").visible())
    report = weekly.current(h.runtime.deps, weeks=1)
    aes = dict(report.aes)
    assert (aes["U0ANA"].leads, aes["U0ANA"].assigned, aes["U0ANA"].accepted) == (2, 2, 1)
    assert aes["U0ANA"].accept_seconds is not None
    assert (aes["U0BEN"].leads, aes["U0BEN"].let_go) == (0, 1)
    assert report.moved_on == 1
    lines = "\n".join(text.text(report))
    assert "Handoffs by AE" in lines and "1 lead(s) moved on" in lines
    r = h.command("/qualify", "stats", "U0SDR")
    shown = json.dumps(r.json)
    assert "By AE" in shown and "<@U0BEN>: *0* lead(s)" in shown

    assert h.open_home("U0ANA").status == 200  # the AE's own Home tab: their week
    home = h.fake.wait(lambda: h.fake.home("U0ANA"))
    tab = json.dumps(home, ensure_ascii=False)
    assert "You, as an AE: *2* lead(s) · 2 assigned · *1* accepted" in tab
    assert "By AE this week" in tab and "<@U0BEN>: *0* lead(s)" in tab


def test_members_who_left_or_are_away_on_slack_are_skipped(fake_slack: FakeSlack,
                                                           sqlite_url: str) -> None:
    watching = ROUTING.model_copy(update={"presence": True})
    fake_slack.deactivated.add("U0ANA")
    fake_slack.away.add("U0BEN")
    with Harness.serve(fake_slack, sqlite_url, routing=watching) as h:
        # the runtime asks Slack at start-up, then every minute
        assert h.fake.wait(lambda: h.runtime.deps.unavailable() == {"U0ANA", "U0BEN"})
        h.qualify("U0SDR", "Presence Co", HOT)
        text = card_in(h, ENT, "Presence Co").visible()
        assert "assigned to <@U0CY> (round robin, 1 today, fallback: nobody in enterprise" \
            in text
        presence = Presence(watching)  # Slack unsure about someone: as known before
        assert presence.refresh(h.runtime.app.client) == {"U0ANA", "U0BEN"}
        h.fake.fail("users.info", status=500, times=100, when=lambda p: p["user"] == "U0BEN")
        h.fake.fail("users.getPresence", status=500, times=100)
        assert presence.refresh(h.runtime.app.client) == {"U0ANA", "U0BEN"}
        h.fake.away.clear()
        h.fake.faults.clear()
        assert presence.refresh(h.runtime.app.client) == {"U0ANA"}


def test_sla_reminders_for_assigned_leads_only_without_a_window(fake_slack: FakeSlack,
                                                                sqlite_url: str) -> None:
    no_window = Routing.model_validate({
        "groups": {"ae": {"members": ["U0ANA"]}},
        "rules": [{"when": {"answers": {"size": "over_50k"}}, "assign": "ae",
                   "accept_within_minutes": 30}],
        "default": {"assign": "ae"}})
    with Harness.serve(fake_slack, sqlite_url, routing=no_window,
                       HANDOFF_SLA_MINUTES=60) as h:
        h.qualify("U0SDR", "Windowed Co", HOT)  # reassigned in time: no SLA reminder
        h.qualify("U0SDR", "Open Ended Co", TWENTY)  # no window: the SLA reminds
        for lead in ("Windowed Co", "Open Ended Co"):
            card_in(h, SALES, lead)
        deps = h.runtime.deps
        h.fake.wait(lambda: _all_posted(h, 2))
        later = replace(deps, clock=lambda: deps.clock() + timedelta(minutes=61))
        assert claims.remind_overdue(later, h.runtime.app.client) == 1
        reminded = [m for m in h.sales_posts() if m.thread_ts]
        open_ended = card_in(h, SALES, "Open Ended Co")
        assert [m.thread_ts for m in reminded] == [open_ended.ts]


def _all_posted(h: Harness, n: int) -> bool:
    with h.runtime.deps.sessions() as s:
        return all(handoff_store.get_handoff(s, handoff_id=i).message_ts
                   for i in range(1, n + 1))


def test_an_ae_whose_status_says_out_of_office_is_skipped(fake_slack: FakeSlack,
                                                          sqlite_url: str) -> None:
    fake_slack.statuses["U0ANA"] = {"status_emoji": ":palm_tree:", "status_text": "Vacationing",
                                    "status_expiration": 0}
    fake_slack.statuses["U0BEN"] = {"status_emoji": ":spiral_calendar_pad:",
                                    "status_text": "In a meeting"}  # busy, not out
    with Harness.serve(fake_slack, sqlite_url, routing=ROUTING) as h:  # presence not asked
        assert h.fake.wait(lambda: h.runtime.deps.unavailable() == {"U0ANA"})
        assert h.fake.count("users.getPresence") == 0
        h.qualify("U0SDR", "Status Co", HOT)
        assert "assigned to <@U0BEN>" in card_in(h, ENT, "Status Co").visible()
        h.fake.statuses["U0ANA"]["status_expiration"] = 1  # the status ran out: back
        assert Presence(ROUTING).refresh(h.runtime.app.client) == frozenset()


@pytest.mark.parametrize(("profile", "out"), [
    ({"status_emoji": ":palm_tree:"}, True),
    ({"status_emoji": ":face_with_thermometer:", "status_text": "Off sick"}, True),
    ({"status_text": "OOO until Monday"}, True),
    ({"status_text": "On PTO", "status_expiration": 2_000_000_000}, True),
    ({"status_text": "Vacationing", "status_expiration": 1_000}, False),  # expired
    ({"status_text": "In a meeting"}, False),
    ({"status_text": "Working remotely", "status_emoji": ":house_with_garden:"}, False),
    ({"status_text": "Commuting"}, False),
    ({}, False),
])
def test_out_of_office_is_read_from_the_profile_status(profile: dict, out: bool) -> None:
    from bot.routing.presence import out_of_office

    assert out_of_office(profile, now=1_800_000_000) is out

