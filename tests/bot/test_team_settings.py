"""A team's settings in App Home: an admin changes them through the real endpoint, they
take effect at once (and on another instance within seconds), a non-admin can neither see
nor save them, bad values are refused beside their field, the webhook secret is never
shown or logged, and each change is kept with who, when, before and after."""
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.models import TeamSettingChange
from bot.handoff import claims
from bot.handoff import store as handoff_store
from bot.settings.effective import TTL
from tests.bot.test_qualify import HOT
from tests.bot.test_webhook import SECRET, Receiver
from tests.fakeslack import TEAM, FakeSlack
from tests.harness import SALES, Harness

ADMIN, SDR, BOSS, LEAD = "U0ADMIN", "U0SDR", "U0BOSS", "U0LEAD"


@pytest.fixture
def team(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    fake_slack.admins.add(ADMIN)
    with Harness.serve(fake_slack, sqlite_url, HANDOFF_RETRY_SECONDS=0.05) as h:
        yield h


def has_settings(home: dict[str, Any] | None) -> bool:
    return home is not None and any(b.get("block_id") == "settings" for b in home["blocks"])


def home_text(home: dict[str, Any]) -> str:
    return "\n".join(b["text"]["text"] for b in home["blocks"] if isinstance(b.get("text"), dict))


def settings_form(h: Harness, user: str) -> dict[str, Any]:
    """``user`` opens their Home tab and clicks *Change settings*: the form opened."""
    opened, published = len(h.fake.views), len(h.fake.homes.get(user, []))
    assert h.open_home(user).status == 200
    home = h.fake.wait(lambda: len(h.fake.homes.get(user, [])) > published and h.fake.home(user))
    assert has_settings(home), "no settings in the admin's Home tab"
    assert h.click_view(user, home, "Change settings").status == 200
    return h.opened_view(opened + 1)


def save(h: Harness, user: str, view: dict[str, Any], **changed: Any) -> dict[str, Any] | None:
    """``user`` submits the form with ``changed`` fields; Slack's answer (None: closed)."""
    r = h.submit(user, view, h.form_values(view, **changed))
    assert r.status == 200, r
    return r.json  # type: ignore[no-any-return]


def element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b["element"] for b in view["blocks"] if b.get("block_id") == block_id)


def card_in(h: Harness, channel: str, lead: str) -> Any:
    return h.fake.wait(lambda: [m for m in h.fake.channel(channel) if lead in m.visible()])


def history(h: Harness) -> list[tuple[str, str, str, str]]:
    with h.runtime.deps.sessions() as s:
        return [(c.setting, c.before, c.after, c.by) for c in s.scalars(
            select(TeamSettingChange).order_by(TeamSettingChange.id))]


def test_an_admin_moves_the_sales_channel_and_the_next_lead_goes_there(
        fake_slack: FakeSlack, database_url: str) -> None:
    fake_slack.admins.add(ADMIN)
    with Harness.serve(fake_slack, database_url) as h:
        view = settings_form(h, ADMIN)
        assert element(view, "sales_channel")["initial_conversation"] == SALES
        assert save(h, ADMIN, view, sales_channel="C0NEW") is None
        assert h.fake.find("conversations.join", channel="C0NEW")  # a public channel: joined
        h.qualify(SDR, "Moved Co", HOT)
        assert card_in(h, "C0NEW", "Moved Co")
        assert not [m for m in h.fake.channel(SALES) if "Moved Co" in m.visible()]
        assert history(h) == [("sales_channel", '"C0SALES"', '"C0NEW"', ADMIN)]
        home = h.fake.wait(lambda: "Latest changes" in home_text(h.fake.home(ADMIN))
                           and h.fake.home(ADMIN))
        assert f"<@{ADMIN}> changed *Sales channel*: <#C0SALES> → <#C0NEW>" in home_text(home)
        assert "*Sales channel*: <#C0NEW>" in home_text(home)


def test_a_second_instance_sees_the_change_within_seconds(fake_slack: FakeSlack,
                                                          database_url: str) -> None:
    fake_slack.admins.add(ADMIN)
    with Harness.serve(fake_slack, database_url) as one, \
            Harness.serve(fake_slack, database_url) as two:
        assert two.runtime.deps.team_settings(TEAM).sales_channel == SALES  # kept a while
        assert save(one, ADMIN, settings_form(one, ADMIN), sales_channel="C0NEW") is None
        assert one.runtime.deps.team_settings(TEAM).sales_channel == "C0NEW"  # at once
        saved = time.monotonic()
        assert one.fake.wait(lambda: two.runtime.deps.team_settings(TEAM).sales_channel
                             == "C0NEW", timeout=TTL + 5)
        assert time.monotonic() - saved <= TTL + 1
        two.qualify(SDR, "Elsewhere Co", HOT)  # through the other instance's endpoint
        assert card_in(two, "C0NEW", "Elsewhere Co")


def test_a_non_admin_sees_no_settings_and_cannot_save_them(team: Harness) -> None:
    h = team
    assert h.open_home(SDR).status == 200
    home = h.fake.wait(lambda: h.fake.home(SDR))
    assert not has_settings(home) and "Change settings" not in json.dumps(home)
    form = settings_form(h, ADMIN)  # an admin's form, replayed by someone else
    opened = len(h.fake.views)
    assert h.click_view(SDR, h.fake.home(ADMIN), "Change settings").status == 200
    assert h.fake.wait(lambda: [m for m in h.dm_messages(SDR) if "Only Qualibot admins"
                                in m.visible()])
    assert len(h.fake.views) == opened  # no form for them
    reply = save(h, SDR, form, sales_channel="C0EVIL", admins=[SDR])
    assert reply is not None and reply["response_action"] == "errors"
    assert "Only Qualibot admins" in reply["errors"]["sales_channel"]
    assert h.runtime.deps.team_settings(TEAM).sales_channel == SALES and history(h) == []
    assert not h.fake.find("conversations.join")


def test_someone_named_admin_in_the_settings_may_change_them(team: Harness) -> None:
    h = team
    assert save(h, ADMIN, settings_form(h, ADMIN), admins=[LEAD]) is None
    view = settings_form(h, LEAD)  # not a workspace admin: named in the settings
    assert element(view, "admins")["initial_users"] == [LEAD]
    assert save(h, LEAD, view, sla_minutes="20") is None
    assert h.runtime.deps.team_settings(TEAM).sla_minutes == 20


def test_the_installer_is_an_admin_once_known(team: Harness) -> None:
    deps, client = team.runtime.deps, team.runtime.app.client
    assert not deps.is_admin(client, "U0INSTALLER", TEAM)
    installed = replace(deps, installer_of=lambda t: "U0INSTALLER" if t == TEAM else None)
    assert installed.is_admin(client, "U0INSTALLER", TEAM)
    assert not installed.is_admin(client, "U0INSTALLER", "T0OTHER")


def test_bad_values_are_refused_beside_their_field(team: Harness) -> None:
    h = team
    view = settings_form(h, ADMIN)
    reply = save(h, ADMIN, view, sla_minutes="-5", sla_reminders="2.5", flows=[],
                 draft_remind_hours="lots", crm_webhook_url="ftp://crm.example.com")
    assert reply is not None and reply["response_action"] == "errors"
    assert reply["errors"] == {
        "sla_minutes": "must be 0 or more", "sla_reminders": "must be a whole number",
        "flows": "enable at least one flow", "draft_remind_hours": "must be a number",
        "crm_webhook_url": "must be an http(s) URL, such as https://crm.example.com/hooks/q"}
    reply = save(h, ADMIN, view, flows=["bant"], default_flow="meddic",
                 draft_remind_hours="48", draft_expire_days="1")
    assert reply is not None and set(reply["errors"]) == {"default_flow"}
    reply = save(h, ADMIN, view, draft_remind_hours="48", draft_expire_days="1")
    assert reply is not None and "later than the reminder" in reply["errors"]["draft_expire_days"]
    reply = save(h, ADMIN, view, crm_webhook_url="https://crm.example.com/q")
    assert reply is not None and "needs a secret" in reply["errors"]["crm_webhook_secret"]
    reply = save(h, ADMIN, view, crm_webhook_url="https://crm.example.com/q",
                 crm_webhook_secret="short")
    assert reply is not None and "at least 16" in reply["errors"]["crm_webhook_secret"]
    assert history(h) == [] and h.runtime.deps.team_settings(TEAM).version == 0


def test_a_private_channel_must_invite_qualibot_first(team: Harness) -> None:
    h = team
    h.fake.private.add("C0PRIV")
    view = settings_form(h, ADMIN)
    reply = save(h, ADMIN, view, sales_channel="C0PRIV")
    assert reply is not None and "invite me" in reply["errors"]["sales_channel"]
    h.fake.joined.add("C0PRIV")  # someone typed /invite @qualibot in it
    assert save(h, ADMIN, view, sales_channel="C0PRIV") is None
    assert not h.fake.find("conversations.join")
    assert h.runtime.deps.team_settings(TEAM).sales_channel == "C0PRIV"


def test_a_form_opened_before_another_admins_save_is_refused(team: Harness) -> None:
    h = team
    h.fake.admins.add(BOSS)
    mine, theirs = settings_form(h, ADMIN), settings_form(h, BOSS)
    assert save(h, BOSS, theirs, sla_minutes="10") is None
    reply = save(h, ADMIN, mine, sla_reminders="5")
    assert reply is not None and "Another admin saved" in reply["errors"]["sales_channel"]
    assert h.runtime.deps.team_settings(TEAM).sla_reminders == 3


def test_the_webhook_secret_is_never_shown_or_logged(team: Harness,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="bot")
    h, crm = team, Receiver()
    try:
        view = settings_form(h, ADMIN)
        assert "set" not in element(view, "crm_webhook_secret").get("initial_value", "")
        assert save(h, ADMIN, view, crm_webhook_url=crm.url, crm_webhook_secret=SECRET) is None
        h.qualify(SDR, "Hook Co", HOT)
        assert h.fake.wait(lambda: crm.accepted, timeout=15) and crm.rejected == 0
        again = settings_form(h, ADMIN)
        secret = next(b for b in again["blocks"] if b.get("block_id") == "crm_webhook_secret")
        assert "A secret is set" in secret["hint"]["text"]
        assert "initial_value" not in secret["element"]
        assert save(h, ADMIN, again, sla_minutes="45") is None  # left empty: kept
        h.qualify(SDR, "Hook Two", HOT)
        assert h.fake.wait(lambda: len(crm.accepted) == 2, timeout=15) and crm.rejected == 0
        home = h.fake.wait(lambda: "SLA minutes*: 60 → 45" in home_text(h.fake.home(ADMIN))
                           and h.fake.home(ADMIN))
        assert "changed *CRM webhook secret*: not set → changed" in home_text(home)
        assert "*CRM webhook secret*: set" in home_text(home)
        assert [c[0] for c in history(h)] == ["crm_webhook_url", "crm_webhook_secret",
                                              "sla_minutes"]
    finally:
        crm.close()
    shown = json.dumps([h.fake.views, h.fake.homes, [c.params for c in h.fake.calls]])
    assert SECRET not in shown
    assert SECRET not in json.dumps(history(h))
    assert SECRET not in caplog.text


def test_flows_enabled_and_the_default_apply_at_once(team: Harness) -> None:
    h = team
    flows = h.runtime.deps.flows
    assert save(h, ADMIN, settings_form(h, ADMIN), flows=["bant", "meddic"],
                default_flow="meddic") is None
    assert h.command("/qualify", "Two Ways Co", SDR).status == 200
    picker = h.fake.wait(lambda: [m for m in h.dm_messages(SDR) if m.labels()])
    assert picker[-1].labels() == [f"Use {flows['meddic'].name}", f"Use {flows['bant'].name}"]
    assert save(h, ADMIN, settings_form(h, ADMIN), flows=["meddic"],
                default_flow="meddic") is None
    before = len(h.dm_messages(SDR))
    assert h.command("/qualify", "One Way Co", SDR).status == 200
    first = h.question(SDR, after=before)
    assert flows["meddic"].questions[0].text in first.visible()


def test_a_new_sla_and_escalation_time_the_reminders(team: Harness) -> None:
    h = team
    h.fake.usergroups = [{"id": "S0LEADS", "handle": "sales-leads"}]
    view = settings_form(h, ADMIN)
    assert [o["text"]["text"] for o in element(view, "escalate_groups")["options"]] == [
        "@sales-leads"]
    assert save(h, ADMIN, view, sla_minutes="5", sla_reminders="1", escalate_to=[BOSS],
                escalate_groups=["S0LEADS"]) is None
    assert h.runtime.deps.team_settings(TEAM).escalate_to == (BOSS, "S0LEADS")
    h.qualify(SDR, "Slow Co", HOT)
    card = card_in(h, SALES, "Slow Co")[0]
    deps, client = h.runtime.deps, h.runtime.app.client

    def posted() -> bool:  # the card's ts is stored: the SLA counts from then
        with deps.sessions() as s:
            handoff = handoff_store.get_handoff(s, handoff_id=1)
            return handoff is not None and handoff.message_ts is not None
    assert h.fake.wait(posted)
    soon = replace(deps, clock=lambda: deps.clock() + timedelta(minutes=4))
    assert claims.remind_overdue(soon, client) == 0
    later = replace(deps, clock=lambda: deps.clock() + timedelta(minutes=6))
    assert claims.remind_overdue(later, client) == 1
    reminder = [m for m in h.fake.channel(SALES) if m.thread_ts == card.ts]
    said = reminder[0].visible()
    assert "after 5 min" in said and f"<@{BOSS}>" in said and "<!subteam^S0LEADS>" in said
    much_later = replace(deps, clock=lambda: deps.clock() + timedelta(hours=2))
    assert claims.remind_overdue(much_later, client) == 0  # one reminder at most


def test_glossary_editors_chosen_in_app_home_edit_at_once(team: Harness) -> None:
    h = team
    h.command("/define", "add win rate", LEAD)
    assert h.opened_view(1)["title"]["text"] == "Suggest a change"
    assert save(h, ADMIN, settings_form(h, ADMIN), glossary_editors=[LEAD]) is None
    opened = len(h.fake.views)
    h.command("/define", "add win rate", LEAD)
    assert h.opened_view(opened + 1)["title"]["text"] == "Add a term"


def test_without_a_sales_channel_qualify_says_an_admin_must_choose_one(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    fake_slack.admins.add(ADMIN)
    with Harness.serve(fake_slack, sqlite_url, SALES_CHANNEL=None) as h:
        reply = h.command("/qualify", "Early Co", SDR).json
        assert "No sales channel is chosen yet" in reply["text"] and "App Home" in reply["text"]
        assert h.shortcut(SDR).status == 200  # the ⚡ menu's form says so too
        assert "No sales channel" in json.dumps(h.opened_view(1)["blocks"])
        assert h.function_executed({"lead_name": "Step Co", "sdr": SDR}).status == 200
        failed = h.fake.wait(lambda: h.fake.find("functions.completeError"))
        assert "No sales channel is chosen yet" in failed[0].params["error"]
        assert not h.fake.find("conversations.open", users=SDR)  # nothing started
        view = settings_form(h, ADMIN)
        assert "No sales channel is chosen yet" in home_text(h.fake.home(ADMIN))
        assert view is h.fake.views[-1]
        assert "initial_conversation" not in element(view, "sales_channel")
        assert save(h, ADMIN, view, sales_channel="C0FIRST") is None
        h.qualify(SDR, "Early Co", HOT)
        assert card_in(h, "C0FIRST", "Early Co")


def test_a_conversation_reads_the_settings_row_at_most_once_per_ttl(team: Harness) -> None:
    """The per-click path pays no query for the settings: they are kept ``TTL`` seconds."""
    from sqlalchemy import event

    h = team
    h.runtime.deps.teams.forget(TEAM)  # type: ignore[union-attr]
    reads: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM team_settings" in statement:
            reads.append(statement)
    event.listen(h.runtime.engine, "before_cursor_execute", seen)
    try:
        started = time.monotonic()
        h.qualify(SDR, "Quiet Co", HOT)  # /qualify, five clicks, Submit, the card
        assert card_in(h, SALES, "Quiet Co")
        windows = 1 + int((time.monotonic() - started) // TTL)
    finally:
        event.remove(h.runtime.engine, "before_cursor_execute", seen)
    assert 1 <= len(reads) <= windows
