"""The glossary the team agrees on: editors edit, others propose, approvers decide."""
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from config.loader import load_glossary
from tests.fakeslack import TEAM, FakeSlack, Posted
from tests.harness import Harness

EDITOR, APPROVER, SDR = "U0EDITOR", "U0BOSS", "U0SDR"


@pytest.fixture
def team(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    with Harness.serve(fake_slack, sqlite_url, GLOSSARY_EDITORS=EDITOR,
                       GLOSSARY_APPROVERS=APPROVER) as h:
        yield h


def submit_form(h: Harness, user: str, view: dict, **fields: str) -> dict | None:
    values = {name: {"value": {"type": "plain_text_input", "value": value}}
              for name, value in fields.items() if name != "remove"}
    if fields.get("remove"):
        values["remove"] = {"value": {"type": "checkboxes",
                                      "selected_options": [{"value": "remove"}]}}
    payload = {"type": "view_submission", "user": {"id": user, "team_id": "T0TEAM"},
               "team": {"id": "T0TEAM"}, "api_app_id": "A0APP", "token": "t",
               "trigger_id": "1.2.3", "view": dict(view, state={"values": values})}
    r = h.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")
    assert r.status == 200, r
    return r.json


def latest_view(h: Harness, count: int) -> dict:
    views = h.fake.wait(lambda: len(h.fake.views) >= count and h.fake.views)
    assert views, "no form was opened"
    return views[count - 1]


def definition_of(h: Harness, term: str, user: str = SDR) -> str:
    body = h.command("/define", term, user).json
    return body["blocks"][0]["text"]["text"]


def test_compare_two_terms_side_by_side(team: Harness) -> None:
    body = team.command("/define", "lead vs contact", SDR).json
    fields = body["blocks"][0]["fields"]
    assert [f["text"].split("*")[1] for f in fields] == ["lead", "contact"]
    assert body["response_type"] == "ephemeral"


def test_an_editor_adds_a_term_and_it_is_live(team: Harness) -> None:
    h = team
    assert h.command("/define", "add win rate", EDITOR).status == 200
    view = latest_view(h, 1)
    assert view["title"]["text"] == "Add a term"
    assert view["blocks"][0]["element"]["initial_value"] == "win rate"
    reply = submit_form(h, EDITOR, view, term="win rate", aliases="close rate",
                        definition="Deals won divided by deals decided, over a quarter.")
    assert reply is None
    assert h.fake.wait(lambda: [m for m in h.dm_messages(EDITOR) if "live for everyone" in
                                m.visible()])
    h.runtime.deps.forget_terms(TEAM)
    assert "Deals won divided by deals decided" in definition_of(h, "Close Rates")


def test_a_form_with_a_clash_is_refused_in_place(team: Harness) -> None:
    h = team
    h.command("/define", "add pipeline stuff", EDITOR)
    reply = submit_form(h, EDITOR, latest_view(h, 1), term="pipeline stuff",
                        aliases="prospect", definition="Anything in the pipeline at all.")
    assert reply["response_action"] == "errors"
    assert "names both" in reply["errors"]["term"]


def test_a_proposal_approved_by_an_approver_goes_live(team: Harness) -> None:
    h = team
    body = h.command("/define", "prospect", SDR).json
    assert body["blocks"][-1]["elements"][1]["text"]["text"] == "Suggest a change"
    h.command("/define", "edit prospect", SDR)
    view = latest_view(h, 1)
    assert view["title"]["text"] == "Suggest a change"
    new = "A suspect who has shown interest and fits our ideal customer profile, in our words."
    assert submit_form(h, SDR, view, term="prospect", definition=new,
                       note="clearer for the new SDRs") is None
    proposal = h.fake.wait(lambda: [m for m in h.dm_messages(APPROVER) if "Approve" in
                                    m.labels()])
    assert proposal and "proposes to change *prospect*" in proposal[0].visible()
    assert "clearer for the new SDRs" in proposal[0].visible()
    assert "in our words" not in definition_of(h, "prospect")  # not live before approval

    card = Posted(proposal[0].channel, proposal[0].ts, proposal[0].text,
                  json.loads(json.dumps(proposal[0].blocks)))
    assert h.click(EDITOR, card, "Approve").status == 200  # an editor is not an approver
    refused = h.fake.wait(lambda: [c for c in h.fake.find("response_url")
                                   if "Only glossary approvers" in c.params.get("text", "")])
    assert refused and refused[0].params["_user"] == EDITOR

    assert h.click(APPROVER, card, "Approve").status == 200
    assert h.fake.wait(lambda: "*Approved* by <@U0BOSS>" in proposal[0].visible())
    assert h.fake.wait(lambda: [m for m in h.dm_messages(SDR) if "approved your proposal" in
                                m.visible()])
    h.runtime.deps.forget_terms(TEAM)
    assert "in our words" in definition_of(h, "prospect")
    assert h.click(APPROVER, card, "Reject").status == 200  # too late: decided
    h.drain()
    assert "in our words" in definition_of(h, "prospect")


def test_history_and_revert(team: Harness) -> None:
    h = team
    original = definition_of(h, "suspect")
    h.command("/define", "edit suspect", EDITOR)
    submit_form(h, EDITOR, latest_view(h, 1), term="suspect",
                definition="Anyone at all who might one day buy something from us.")
    h.drain()
    h.runtime.deps.forget_terms(TEAM)
    assert "one day buy" in definition_of(h, "suspect")
    listing = h.command("/define", "history suspect", SDR).json
    text = json.dumps(listing)
    assert "*change* (live) by <@U0EDITOR>" in text and "*import* (live)" in text
    assert "Revert" not in text  # an SDR may read the history, not revert it
    listing = h.command("/define", "history suspect", EDITOR).json
    change = listing["blocks"][1]
    assert change["accessory"]["text"]["text"] == "Revert"
    msg = Posted("D0EDITOR", "", "", [change])
    assert h.click(EDITOR, msg, "Revert").status == 200
    h.drain()
    h.runtime.deps.forget_terms(TEAM)
    assert definition_of(h, "suspect") == original
    assert "*revert* (live)" in json.dumps(h.command("/define", "history suspect", SDR).json)


def test_only_editors_revert_or_remove(team: Harness) -> None:
    h = team
    listing = h.command("/define", "history lead", EDITOR).json
    msg = Posted("D0SDR", "", "", [listing["blocks"][1]])
    h.click(SDR, msg, "Revert")
    assert h.fake.wait(lambda: [c for c in h.fake.find("response_url")
                                if "Only glossary editors" in c.params.get("text", "")])
    h.command("/define", "edit lead", EDITOR)
    reply = submit_form(h, EDITOR, latest_view(h, 1), term="lead",
                        definition="x" * 20, remove="yes")
    assert reply["response_action"] == "errors"  # other terms list lead under see also
    assert "see_also" in reply["errors"]["term"]


def run_cli(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env["DATABASE_URL"] = database_url
    return subprocess.run([str(Path(sys.executable).parent / "qualibot"), *args], env=env,
                          capture_output=True, text=True, timeout=60)


def test_export_import_merge_and_stats(team: Harness, tmp_path: Path, sqlite_url: str) -> None:
    h = team
    for asked in ("prospect", "prospects", "churn", "churn", "prospekt"):
        h.command("/define", asked, SDR)
    h.drain()
    out = run_cli("glossary", "export", str(tmp_path / "g.yaml"), database_url=sqlite_url)
    assert out.returncode == 0, out.stderr
    exported = (tmp_path / "g.yaml").read_text()
    assert "term: prospect" in exported
    edited = exported.replace("term: suspect", "term: suspect", 1)
    lines = edited.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "terms:")
    kept = "\n".join(lines[:start + 1])
    kept += ("\n- term: churn\n  definition: A customer who stops buying from us.\n"
             "  aliases: []\n  see_also: []\n")
    (tmp_path / "mine.yaml").write_text(kept)
    dry = run_cli("glossary", "import", str(tmp_path / "mine.yaml"), "--dry-run",
                  database_url=sqlite_url)
    assert dry.returncode == 0, dry.stderr
    assert "1 would be added: churn" in dry.stdout and "kept" in dry.stdout
    real = run_cli("glossary", "import", str(tmp_path / "mine.yaml"), database_url=sqlite_url)
    shipped = len(load_glossary().terms)
    assert "1 added: churn" in real.stdout and f"{shipped} kept" in real.stdout  # never wiped
    h.runtime.deps.forget_terms(TEAM)
    assert "stops buying" in definition_of(h, "churn")
    assert "suspect" in json.dumps(h.command("/define", "", SDR).json)
    stats = run_cli("glossary", "stats", database_url=sqlite_url)
    assert stats.returncode == 0, stats.stderr
    found, missed = stats.stdout.split("Not found")
    assert "2  prospect" in found
    assert "2  churn" in missed and "1  prospekt" in missed


def test_a_stale_proposal_cannot_overwrite_a_later_edit(team: Harness) -> None:
    h = team
    h.command("/define", "edit inquiry", SDR)
    submit_form(h, SDR, latest_view(h, 1), term="inquiry",
                definition="The SDR's version of what an inquiry is, proposed first.")
    proposal = h.fake.wait(lambda: [m for m in h.dm_messages(APPROVER) if "Approve" in
                                    m.labels()])[0]
    card = Posted(proposal.channel, proposal.ts, "", json.loads(json.dumps(proposal.blocks)))
    h.command("/define", "edit inquiry", EDITOR)  # meanwhile an editor changes it directly
    submit_form(h, EDITOR, latest_view(h, 2), term="inquiry",
                definition="The editor's newer version of what an inquiry is.")
    h.drain()
    h.click(APPROVER, card, "Approve")
    h.drain()
    h.runtime.deps.forget_terms(TEAM)
    assert "editor's newer version" in definition_of(h, "inquiry")
    told = h.fake.wait(lambda: [m for m in h.dm_messages(SDR) if "could not apply" in
                                m.visible()])
    assert told and "changed since this was proposed" in told[0].visible()


def test_reverting_a_rename_brings_back_the_old_name_only(team: Harness) -> None:
    h = team
    h.command("/define", "edit gpctba", EDITOR)  # a term no other term points to
    original = definition_of(h, "gpctba")
    submit_form(h, EDITOR, latest_view(h, 1), term="reply",
                definition="Someone who answered one of our campaigns, renamed.")
    h.drain()
    h.runtime.deps.forget_terms(TEAM)
    assert "renamed" in definition_of(h, "reply")
    history = h.command("/define", "history gpctba", EDITOR).json
    rename = next(b for b in history["blocks"][1:] if "*change*" in b["text"]["text"])
    h.click(EDITOR, Posted("D0EDITOR", "", "", [rename]), "Revert")
    h.drain()
    h.runtime.deps.forget_terms(TEAM)
    assert definition_of(h, "gpctba") == original
    assert "isn't in the team's glossary" in json.dumps(h.command("/define", "reply", SDR).json)
