"""Many workspaces, for real: the OAuth dance over HTTP against the fake Slack (the install
page and its state cookie, Slack's redirect, the code exchanged with oauth.v2.access), two
teams installed and played at once, each seeing only its own leads, cards, claims,
glossary and reports; forged ids and bad installs refused; uninstall and team delete."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from sqlalchemy import func, select

from bot.core.db import transaction
from bot.core.models import (
    BOTS_TABLE,
    AnswerRow,
    Base,
    Handoff,
    Lead,
    Qualification,
    TeamRow,
)
from bot.glossary import edits
from bot.reports import weekly
from bot.settings import store as settings_store
from bot.slack.blocks import SEND_BACK_VIEW
from flows.glossary import Term
from flows.routing import Routing
from tests.concurrency import together
from tests.fakeslack import FakeSlack, Posted
from tests.harness import SALES, Harness, SlackSide

A, B = "T0AAA", "T0BBB"
ADMIN = {A: "U0AADMIN", B: "U0BADMIN"}
SDR = {A: "U0ASDR", B: "U0BSDR"}
AE = {A: "U0AAE", B: "U0BAE"}
TOP = ["Has a clear need for the product", "Decision maker", "Plans to buy within six months",
       "Funding, ready to go", "Plans to buy $50,000 or more"]
# 19 points: below BANT's handoff at 20, so a rules preview at 19 changes its verdict
NINETEEN = ["Has a clear need for the product", "Influencer", "Plans to buy within six months",
            "Budget in formulation", "Plans to buy $50,000 or more"]
COOKIE = "slack-app-oauth-state"


@pytest.fixture
def app(fake_slack: FakeSlack, database_url: str) -> Iterator[Harness]:
    with Harness.serve(fake_slack, database_url, oauth=True) as h:
        yield h


def start_install(h: SlackSide) -> tuple[str, str]:
    """GET /slack/install: the "Add to Slack" page, its link to Slack carrying the state,
    and the state cookie. Returns (state, cookie)."""
    page = h.request("GET", "/slack/install")
    assert page.status == 200, page
    assert "slack.com/oauth/v2/authorize" in page.body
    link = re.search(r'href="(https://slack.com/oauth/v2/authorize[^"]+)"', page.body)
    assert link is not None
    query = parse_qs(urlparse(link.group(1).replace("&amp;", "&")).query)
    assert "commands" in query["scope"][0] and "chat:write" in query["scope"][0]
    state = query["state"][0]
    cookie = page.headers["set-cookie"].split(";", 1)[0]
    assert cookie == f"{COOKIE}={state}"
    return state, cookie


def redirect(h: SlackSide, cookie: str | None, **query: str):  # type: ignore[no-untyped-def]
    """Slack sends the installer's browser back to /slack/oauth_redirect."""
    return h.request("GET", "/slack/oauth_redirect?" + urlencode(query),
                     headers={"Cookie": cookie} if cookie else {})


def install(h: Harness, team: str) -> SlackSide:
    state, cookie = start_install(h)
    done = redirect(h, cookie, code=h.fake.grant(team, ADMIN[team]), state=state)
    assert done.status == 200, done
    return h.as_team(team)


def bots(h: Harness, team: str) -> int:
    table = Base.metadata.tables[BOTS_TABLE]
    with h.runtime.deps.readers() as s:
        return s.scalar(select(func.count()).select_from(table)
                        .where(table.c.team_id == team)) or 0


def cards_of(h: Harness, team: str) -> list:  # type: ignore[type-arg]
    return [c for c in h.fake.find("chat.postMessage", channel=SALES) if c.team == team]


def test_two_teams_installed_and_played_at_once_stay_apart(app: Harness) -> None:
    h = app
    a, b = install(h, A), install(h, B)
    for team in (A, B):  # the installer is welcomed, with the team's own token
        welcome = h.fake.wait(lambda t=team: [c for c in h.fake.find(
            "chat.postMessage", channel="D" + ADMIN[t]) if c.ok])
        assert welcome and welcome[0].team == team
        said = welcome[0].params["text"] + json.dumps(welcome[0].params.get("blocks"))
        assert "/qualify" in said and "/define" in said and "Home" in said
        assert bots(h, team) == 1
    with h.runtime.deps.readers() as s:
        assert {t.team_id: t.installed_by for t in s.scalars(select(TeamRow))} == {
            A: ADMIN[A], B: ADMIN[B]}
    # Each team's glossary is seeded, and a change in one stays there.
    deps = h.runtime.deps
    assert deps.terms(A).get("prospect") is not None and deps.terms(B).get("prospect")
    churn = edits.check(deps, team=A, key=None, after=Term(
        term="churn", definition="A customer who stopped paying us.", aliases=(),
        see_also=()))
    assert edits.apply(deps, churn, team=A, by="U0AED") is None

    # Both teams qualify at once, through the same app.
    results = together(lambda side: side.qualify(SDR[side.team], f"Acme {side.team}", TOP),
                       [a, b])
    assert all("score *25" in r.visible() or "25" in r.visible() for r in results)
    for team in (A, B):
        posted = h.fake.wait(lambda t=team: cards_of(h, t))
        assert len(posted) == 1 and f"Acme {team}" in json.dumps(posted[0].params)
    h.drain()
    cards = {team: next(m for m in h.sales_posts() if f"Acme {team}" in m.visible())
             for team in (A, B)}

    # Team B's AE clicks Claim on team A's card (an id forged across teams): nothing.
    assert b.click(AE[B], cards[A], "Claim this lead").status == 200
    h.drain()
    assert "Claimed by" not in cards[A].visible() and not [
        c for c in h.fake.find("chat.update", channel=SALES) if c.team == B]
    # …nor by a form whose private_metadata names team A's handoff (Send back).
    handoff = next(x["value"] for x in cards[A].buttons() if x["action_id"] == SEND_BACK_VIEW)
    forged = {"id": "V0FORGED", "hash": "h0", "type": "modal", "callback_id": SEND_BACK_VIEW,
              "private_metadata": f"{handoff}:"}
    reason = {"reason": {"text": {"type": "plain_text_input", "value": "not a fit at all"}}}
    assert b.submit(AE[B], forged, reason).status == 200
    h.drain()
    with h.runtime.deps.readers() as s:
        assert s.scalar(select(Handoff.sent_back_by)) is None
    assert a.click(AE[A], cards[A], "Claim this lead").status == 200
    h.fake.wait(lambda: "claimed" in cards[A].visible().lower())
    updated = [c for c in h.fake.find("chat.update", channel=SALES) if c.ok]
    assert updated and all(c.team == A for c in updated)

    # The glossary: A's own term, unknown to B.
    assert "customer who stopped" in a.command("/define", "churn", SDR[A]).body
    assert "customer who stopped" not in b.command("/define", "churn", SDR[B]).body
    # Reports: each team its own lead.
    for team in (A, B):
        report = weekly.current(deps, weeks=1, team_id=team)
        assert report.total.scored == 1, (team, report.total)
        stats = h.as_team(team).command("/qualify", "stats", SDR[team]).body
        assert "1" in stats
    # A lead's history: its own team's only.
    ours = a.command("/qualify", "history Acme T0AAA", SDR[A]).body
    theirs = b.command("/qualify", "history Acme T0AAA", SDR[B]).body
    assert "25" in ours and "25" not in theirs


def test_a_draft_of_another_team_is_not_answered_even_by_the_same_user(app: Harness) -> None:
    h = app
    a, b = install(h, A), install(h, B)
    user = "W0SHARED"  # an Enterprise Grid user is the same id in both workspaces
    before = len(h.dm_messages(user))
    assert a.command("/qualify", "Globex", user).status == 200
    question = h.question(user, after=before)
    # The same person clicks A's answer button in a request signed as coming from team B.
    assert b.click(user, question, TOP[0]).status == 200
    h.drain()
    with h.runtime.deps.readers() as s:
        assert s.scalar(select(func.count()).select_from(AnswerRow)) == 0
    assert a.click(user, question, TOP[0]).status == 200
    h.drain()
    with h.runtime.deps.readers() as s:
        assert s.scalar(select(func.count()).select_from(AnswerRow)) == 1


def test_a_forged_state_a_replayed_one_a_missing_code_and_a_denied_install(
        app: Harness) -> None:
    h = app
    state, cookie = start_install(h)
    forged = state.split(".")[0] + ".0000"
    r = redirect(h, f"{COOKIE}={forged}", code=h.fake.grant(A, ADMIN[A]), state=forged)
    assert r.status >= 400 and bots(h, A) == 0
    assert redirect(h, None, code=h.fake.grant(A, ADMIN[A]), state=state).status >= 400
    denied = redirect(h, cookie, error="access_denied", state=state)
    assert denied.status == 200 and "access_denied" in denied.body or denied.status >= 400
    assert bots(h, A) == 0
    missing = redirect(h, cookie, state=state)  # the state is used by this try
    assert missing.status >= 400 and bots(h, A) == 0
    # A fresh state works once; replayed, it is refused (the store consumed it).
    state, cookie = start_install(h)
    assert redirect(h, cookie, code=h.fake.grant(A, ADMIN[A]), state=state).status == 200
    replay = redirect(h, cookie, code=h.fake.grant(B, ADMIN[B]), state=state)
    assert replay.status >= 400 and bots(h, B) == 0 and bots(h, A) == 1
    assert not h.fake.find("chat.postMessage", channel="D" + ADMIN[B])


def run_cli(*args: str, database_url: str, stdin: str | None = None, **more: str
            ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, **more)
    return subprocess.run([str(Path(sys.executable).parent / "qualibot"), *args], env=env,
                          capture_output=True, text=True, timeout=60, input=stdin)


def test_uninstall_deletes_the_tokens_at_once_and_team_delete_the_rest(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url, oauth=True) as h:
        a, b = install(h, A), install(h, B)
        a.qualify(SDR[A], "Initech", TOP)
        b.qualify(SDR[B], "Hooli", TOP)
        h.fake.wait(lambda: cards_of(h, A) and cards_of(h, B))
        h.drain()
        fake_slack.revoke(A)
        r = a.post(a.event_body({"type": "app_uninstalled"}), "application/json")
        assert r.status == 200
        assert h.fake.wait(lambda: bots(h, A) == 0, 5)  # tokens gone at once…
        assert bots(h, B) == 1
        with h.runtime.deps.readers() as s:  # …the data stays
            assert s.scalar(select(func.count()).select_from(Lead)
                            .where(Lead.team_id == A)) == 1
    # A CLI command that reads data needs --team once there are two teams.
    out = run_cli("export", database_url=sqlite_url)
    assert out.returncode == 2 and "--team" in out.stderr
    out = run_cli("export", "--team", B, "--format", "json", database_url=sqlite_url)
    assert out.returncode == 0 and "Hooli" in out.stdout and "Initech" not in out.stdout
    out = run_cli("team", "delete", A, database_url=sqlite_url)  # no terminal: not asked
    assert out.returncode == 2 and "--yes" in out.stderr
    out = run_cli("team", "delete", A, "--yes", database_url=sqlite_url)
    assert out.returncode == 0, out.stderr
    counts = {line.split()[1]: int(line.split()[0]) for line in out.stdout.splitlines()
              if line.split()[1:2] and line.split()[0].isdigit() and len(line.split()) == 2}
    assert counts["leads"] == 1 and counts["handoffs"] == 1 and counts["glossary_terms"] > 10
    out = run_cli("export", "--format", "json", database_url=sqlite_url)  # one team left
    assert out.returncode == 0 and "Hooli" in out.stdout and "Initech" not in out.stdout


def test_every_cli_command_that_reads_data_takes_its_team(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url, oauth=True) as h:
        a, b = install(h, A), install(h, B)
        a.qualify(SDR[A], "Initech", NINETEEN)
        b.qualify(SDR[B], "Hooli", NINETEEN)
        h.drain()
    commands = [["report"], ["export"], ["rules", "preview", "--threshold", "19"],
                ["glossary", "export"], ["glossary", "stats"]]
    if (Path(__file__).resolve().parents[2] / "config" / "routing.yaml").exists():
        commands.append(["routing", "preview"])
    for command in commands:
        out = run_cli(*command, database_url=sqlite_url)
        assert out.returncode == 2, (command, out.stdout, out.stderr)
        assert "2 teams" in out.stderr and "--team" in out.stderr and A in out.stderr
        mine = run_cli(*command, "--team", B, database_url=sqlite_url)
        assert mine.returncode == 0, (command, mine.stderr)
        assert "Initech" not in mine.stdout, command
    preview = run_cli("rules", "preview", "--threshold", "19", "--team", A,
                      database_url=sqlite_url).stdout
    assert "Initech" in preview and "Hooli" not in preview
    listed = run_cli("team", "list", database_url=sqlite_url).stdout
    assert A in listed and B in listed


def test_the_cli_reads_a_team_with_the_settings_its_admins_chose(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url, oauth=True) as h:
        a = install(h, A)
        install(h, B)  # a second team: --team is needed
        a.qualify(SDR[A], "Initech", NINETEEN)
        h.drain()
        with transaction(h.runtime.deps.sessions) as s:  # as App Home's form saves it
            row = settings_store.lock(s, team_id=B, by=ADMIN[B], now=h.runtime.deps.clock())
            settings_store.save(s, row=row, values={"flows": ["truly_qualified", "bant"],
                                                    "default_flow": "truly_qualified"},
                                secret=None, changes=[("default_flow", "bant",
                                                       "truly_qualified")],
                                by=ADMIN[B], now=h.runtime.deps.clock())
    mine = run_cli("rules", "preview", "--threshold", "19", "--team", A,
                   database_url=sqlite_url).stdout
    assert "Rules preview of BANT" in mine and "Initech" in mine
    theirs = run_cli("rules", "preview", "--threshold", "19", "--team", B,
                     database_url=sqlite_url).stdout
    assert "Rules preview of Truly qualified" in theirs, theirs
    assert "Initech" not in theirs


def test_a_token_revoked_mid_conversation_loses_nothing(
        app: Harness, caplog: pytest.LogCaptureFixture) -> None:
    h = app
    a = install(h, A)
    before = len(h.dm_messages(SDR[A]))
    assert a.command("/qualify", "Umbrella", SDR[A]).status == 200
    question = h.question(SDR[A], after=before)
    token = h.fake.token_of(A)
    assert token
    h.fake.revoke(A)  # revoked in Slack; the installation store does not know yet
    for label in TOP[:1] * 2:  # the SDR clicks, and clicks again
        assert a.click(SDR[A], question, label).status == 200
        h.drain()
    with h.runtime.deps.readers() as s:  # the answer is stored, the draft open
        assert s.scalar(select(func.count()).select_from(AnswerRow)) >= 1
        assert s.scalar(select(func.count()).select_from(Qualification)
                        .where(Qualification.status == "draft")) == 1
    told = [c for c in h.fake.find("response_url") if "uninstalled" in c.params.get("text", "")]
    assert len(told) == 1  # told once, by the response URL (it needs no token)
    gone = [r for r in caplog.records if "refused the bot token" in r.getMessage()]
    assert len(gone) == 1 and gone[0].levelname == "WARNING"
    assert token not in caplog.text


def test_two_instances_on_one_postgresql_two_teams_no_cross_read_nor_double_card(
        fake_slack: FakeSlack, postgres_url: str) -> None:
    with Harness.serve(fake_slack, postgres_url, oauth=True) as one, \
            Harness.serve(fake_slack, postgres_url, oauth=True) as two:
        a = install(one, A)
        b = install(two, B)
        a2 = two.as_team(A)  # team A's clicks reach the other instance too
        before = len(one.dm_messages(SDR[A]))
        assert a.command("/qualify", "Stark", SDR[A]).status == 200
        a2.answer_all(SDR[A], TOP, after=before)
        b.qualify(SDR[B], "Wayne", TOP)
        fake_slack.wait(lambda: cards_of(one, A) and cards_of(one, B))
        one.drain()
        two.drain()
        assert len(cards_of(one, A)) == 1 and len(cards_of(one, B)) == 1
        for h in (one, two):
            for team, mine, theirs in ((A, "Stark", "Wayne"), (B, "Wayne", "Stark")):
                facts = weekly.current(h.runtime.deps, weeks=1, team_id=team)
                assert facts.total.scored == 1
                assert [u.lead for u in facts.unclaimed] == [mine], (team, theirs)
        card = next(m for m in one.sales_posts() if "Stark" in m.visible())
        assert b.click(AE[B], card, "Claim this lead").status == 200  # B, at instance two
        two.drain()
        assert "claimed" not in card.visible().lower()
        assert isinstance(card, Posted)


def test_migration_0006_gives_existing_rows_to_the_team_the_database_served(
        database_url: str) -> None:
    """An operator upgrading a single workspace: the glossary, the look-ups, the turns and
    the AEs away of before are the team its leads belong to."""
    from sqlalchemy import bindparam, text

    from bot.core.db import current_revision, make_engine, make_sessions, upgrade
    from bot.core.deps import utcnow
    from bot.core.models import AwayRow, LookupRow, TermChange, TermRow, UTCDateTime

    engine = make_engine(database_url)
    try:
        upgrade(engine, "0005")
        at = bindparam("now", utcnow(), type_=UTCDateTime())
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO leads (id, team_id, name, name_key, created_at) "
                              "VALUES (1, 'T0OLD', 'Old Co', 'old co', :now)").bindparams(at))
            conn.execute(text(
                "INSERT INTO glossary_terms (key, term, definition, aliases, see_also, "
                "removed, updated_at) VALUES ('mql', 'MQL', 'Marketing qualified lead.', "
                "'[]', '[]', false, :now)").bindparams(at))
            conn.execute(text(
                "INSERT INTO glossary_changes (key, action, status, by, at, messages) "
                "VALUES ('mql', 'import', 'live', 'Qualibot', :now, '[]')").bindparams(at))
            conn.execute(text("INSERT INTO glossary_lookups (asked, key, user_id, at) "
                              "VALUES ('mql', 'mql', 'U1', :now)").bindparams(at))
            conn.execute(text("INSERT INTO away_members (user_id, since) VALUES ('U2', :now)")
                         .bindparams(at))
        upgrade(engine, "0006")
        assert current_revision(engine) == "0006"
        with make_sessions(engine)() as s:
            for model in (TermRow, TermChange, LookupRow, AwayRow):
                assert set(s.scalars(select(model.team_id))) == {"T0OLD"}, model
            assert [t.team_id for t in s.scalars(select(TeamRow))] == ["T0OLD"]
    finally:
        engine.dispose()


def test_oauth_settings_are_all_three_or_none_with_one_line(tmp_path: Path) -> None:
    from tests.processes import environment, free_port, start

    env = environment(SLACK_SIGNING_SECRET="s", SLACK_CLIENT_ID="1.2", PORT=str(free_port()))
    proc = start(env, tmp_path)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2
    lines = out.strip().splitlines()
    assert len(lines) == 1 and "SLACK_CLIENT_ID is set but SLACK_CLIENT_SECRET and " \
        "SLACK_STATE_SECRET are not" in lines[0], out


def test_a_team_without_a_sales_channel_is_told_so_at_qualify(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url, oauth=True, SALES_CHANNEL=None) as h:
        a = install(h, A)
        said = a.command("/qualify", "Acme", SDR[A]).json["text"]
        assert "no sales channel" in said.lower() and "App Home" in said
        welcome = h.fake.wait(lambda: h.fake.find("chat.postMessage", channel="D" + ADMIN[A]))
        assert "chooses the sales channel" in json.dumps(welcome[0].params)
        assert not h.dm_messages(SDR[A])  # no conversation started to fail later
        # The other ways in (here the global shortcut) say so at once, with no form to fill.
        assert a.shortcut(SDR[A]).status == 200
        form = h.opened_view(1)
        assert "No sales channel" in json.dumps(form) and "submit" not in form
        assert not h.dm_messages(SDR[A])


def test_a_rotating_token_is_refreshed_before_it_expires(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    with Harness.serve(fake_slack, sqlite_url, oauth=True) as h:
        state, cookie = start_install(h)
        code = h.fake.grant(A, ADMIN[A], rotating=True, expires_in=600)  # < 120 minutes
        assert redirect(h, cookie, code=code, state=state).status == 200
        first = h.fake.token_of(A)
        a = h.as_team(A)
        a.qualify(SDR[A], "Rotor", TOP)
        refreshed = [c for c in h.fake.find("oauth.v2.access")
                     if c.params.get("grant_type") == "refresh_token"]
        assert refreshed and refreshed[0].ok
        table = Base.metadata.tables[BOTS_TABLE]
        with h.runtime.deps.readers() as s:
            tokens = list(s.scalars(select(table.c.bot_token).where(table.c.team_id == A)))
        assert tokens and all(t != first for t in tokens[-1:])
        assert h.fake.wait(lambda: cards_of(h, A))


def test_routing_rules_route_only_the_leads_of_the_team_they_are_for(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    rules = Routing.model_validate({
        "team": A, "groups": {"closers": {"members": ["U0ANA"]}},
        "rules": [{"when": {"verdict": "qualified"}, "channel": "C0CLOSERS",
                   "assign": "closers"}]})
    with Harness.serve(fake_slack, sqlite_url, oauth=True, routing=rules) as h:
        a, b = install(h, A), install(h, B)
        assert "for <@U0ANA> to accept" in a.qualify(SDR[A], "Initech", TOP).visible()
        theirs = b.qualify(SDR[B], "Hooli", TOP).visible()
        assert "for an account executive to claim" in theirs and "U0ANA" not in theirs
        h.drain()
        assert [m for m in h.fake.channel("C0CLOSERS") if "Initech" in m.visible()]
        assert not [m for m in h.fake.channel("C0CLOSERS") if "Hooli" in m.visible()]
    path = Path(sqlite_url.removeprefix("sqlite:///")).with_name("routing.yaml")
    path.write_text("groups:\n  closers: {members: [U0ANA]}\ndefault: {channel: C0ALL}\n")
    env = {"QUALIBOT_ROUTING_FILE": str(path), "SLACK_CLIENT_ID": "1.2",
           "SLACK_CLIENT_SECRET": "c" * 16, "SLACK_STATE_SECRET": "s" * 16,
           "SLACK_SIGNING_SECRET": "x" * 16}
    out = run_cli("serve", database_url=sqlite_url, **env)
    assert out.returncode == 2 and "team: T" in out.stderr and str(path) in out.stderr
    assert "Traceback" not in out.stderr
    path.write_text(f"team: {A}\n" + path.read_text())
    other = run_cli("routing", "preview", "--team", B, database_url=sqlite_url, **env)
    assert other.returncode == 1 and f"team {A}, not {B}" in other.stderr
