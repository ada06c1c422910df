"""`qualibot rules preview` and `qualibot export`, run as an operator runs them, on a
database filled by real conversations over HTTP (SQLite and PostgreSQL)."""
import csv
import io
import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from bot.core.db import READ_ONLY
from config.loader import FLOWS_DIR
from tests.bot.test_handoff_card import card_of, snapshot
from tests.bot.test_qualify import COLD, HOT, NINETEEN, TWENTY
from tests.fakeslack import FakeSlack
from tests.harness import SALES, Harness
from tests.processes import environment

QUALIBOT = str(Path(sys.executable).parent / "qualibot")
TYPED_HOT = ["yes", "DM", "within 6 months", "funded", "$50,000 or more"]
EVIL = '=HYPERLINK("http://evil.example","click")'


def run_cli(database_url: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([QUALIBOT, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=environment(DATABASE_URL=database_url))


def fill(h: Harness) -> None:
    """Three leads at 25, 20 and 19 points, by three SDRs."""
    h.qualify("U0SDR1", "Hot Co", HOT)
    h.qualify("U0SDR2", "Twenty Ltd", TWENTY)
    h.qualify("U0SDR3", "Nineteen Ltd", NINETEEN)


def counts(out: str) -> dict[str, tuple[int, int]]:
    """verdict -> (before, after) from the preview's first table."""
    rows = re.findall(r"^(qualified|nurture|disqualified|cannot rescore: would need "
                      r"re-qualification)\s+(\d*)\s+(\d+)\s+[+-]\d+$", out, re.M)
    return {v: (int(b or 0), int(a)) for v, b, a in rows}


def changed_leads(out: str) -> dict[str, str]:
    """lead -> "old score → new score | old verdict → new verdict" from the lead table."""
    table = out.split("Leads whose verdict changes", 1)[1] if "Leads whose" in out else ""
    found = re.findall(r"^(\S.*?)\s{2,}U0SDR\d\s+\d{4}-\d\d-\d\d\s+(\d+ → \d+)\s+(.+)$",
                       table, re.M)
    return {lead: f"{score} | {verdict}" for lead, score, verdict in found}


def bant_with(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = (FLOWS_DIR / "bant.yaml").read_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "bant-changed.yaml"
    path.write_text(text)
    return path


def test_preview_of_a_changed_threshold(qualibot_any_db: Harness, database_url: str,
                                        tmp_path: Path) -> None:
    fill(qualibot_any_db)
    up = run_cli(database_url, tmp_path, "rules", "preview", "--threshold", "21")
    assert up.returncode == 0, up.stderr
    assert counts(up.stdout) == {"qualified": (2, 1), "nurture": (1, 2), "disqualified": (0, 0)}
    assert changed_leads(up.stdout) == {"Twenty Ltd": "20 → 20 | qualified → nurture"}
    assert re.search(r"^qualified → nurture\s+1$", up.stdout, re.M)
    assert "Hot Co" not in up.stdout and "Nineteen Ltd" not in up.stdout

    down = run_cli(database_url, tmp_path, "rules", "preview", "--flow", "bant",
                    "--threshold", "19")
    assert down.returncode == 0, down.stderr
    assert changed_leads(down.stdout) == {"Nineteen Ltd": "19 → 19 | nurture → qualified"}
    assert counts(down.stdout)["qualified"] == (2, 3)


def test_preview_of_a_changed_flow_file(qualibot_any_db: Harness, database_url: str,
                                        tmp_path: Path) -> None:
    fill(qualibot_any_db)
    funded_4 = bant_with(tmp_path, ("label: Funding, ready to go\n        short: Funding "
                                    "ready\n        points: 5",
                                    "label: Funding, ready to go\n        short: Funding "
                                    "ready\n        points: 4"),
                         ("label: Influencer\n        points: 1",
                          "label: Influencer\n        points: 2"))
    r = run_cli(database_url, tmp_path, "rules", "preview", "--file", str(funded_4))
    assert r.returncode == 0, r.stderr
    assert changed_leads(r.stdout) == {"Twenty Ltd": "20 → 19 | qualified → nurture",
                                       "Nineteen Ltd": "19 → 20 | nurture → qualified"}
    assert counts(r.stdout)["qualified"] == (2, 2)

    added = bant_with(tmp_path, ("questions:\n", "questions:\n  - id: champion\n"
                                 "    criterion: champion\n    text: Is there a champion?\n"
                                 "    kind: yes_no\n    choices:\n"
                                 "      - {id: 'yes', label: 'Yes', points: 1}\n"
                                 "      - {id: 'no', label: 'No', points: 0}\n"),
                      ("{name: qualified, min: 20", "{name: qualified, min: 21"))
    r = run_cli(database_url, tmp_path, "rules", "preview", "--file", str(added))
    assert r.returncode == 0, r.stderr
    assert counts(r.stdout)["cannot rescore: would need re-qualification"] == (0, 3)
    assert "3 lead(s): no answer for 'champion'" in r.stdout
    assert changed_leads(r.stdout) == {}


def test_preview_refuses_bad_input_with_a_reason(qualibot: Harness, sqlite_url: str,
                                                 tmp_path: Path) -> None:
    qualibot.qualify("U0SDR1", "Hot Co", HOT)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: bant\nname: B\nthreshold: 1\nquestions:\n  - id: q\n")
    cases = [
        (["--file", str(broken)], r"broken\.yaml:5: questions\[0\]\.criterion: Field required"),
        (["--threshold", "30"], r"a threshold of 30 does not make a valid 'bant' flow: .*"
                                r"never be reached: the best answers add up to 25"),
        (["--threshold", "10"], r"two tiers start at the same number of points"),
        (["--threshold", "-3"], r"greater than or equal to 0"),
        (["--threshold", "lots"], r"'lots' is not a valid integer"),
        ([], r"give either --threshold N .* or --file PATH"),
        (["--threshold", "21", "--file", str(broken)], r"not both nor neither"),
        (["--flow", "nope", "--threshold", "21"], r"no flow 'nope'; the flow files define"),
        (["--file", str(tmp_path / "missing.yaml")], r"missing\.yaml: cannot read the file"),
    ]
    for args, says in cases:
        r = run_cli(sqlite_url, tmp_path, "rules", "preview", *args)
        assert r.returncode != 0, (args, r.stdout)
        assert re.search(says, r.stderr), (args, r.stderr)
        assert "Traceback" not in r.stderr
    nowhere = f"sqlite:///{tmp_path}/nothing-here.db"
    r = run_cli(nowhere, tmp_path, "rules", "preview", "--threshold", "21")
    assert r.returncode == 1 and "no database file at" in r.stderr
    assert not (tmp_path / "nothing-here.db").exists()


def test_rules_still_prints_the_rules(tmp_path: Path) -> None:
    r = subprocess.run([QUALIBOT, "rules"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=60, env=environment())
    assert r.returncode == 0 and r.stdout.startswith("BANT (version ")
    r = subprocess.run([QUALIBOT, "rules", "--flow", "anum"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60, env=environment())
    assert r.returncode == 0 and r.stdout.startswith("ANUM (version ")


def test_export_as_csv_and_json(qualibot_any_db: Harness, database_url: str,
                                tmp_path: Path) -> None:
    h = qualibot_any_db
    fill(h)
    h.qualify("U0SDR4", EVIL, TYPED_HOT, typed=True)
    h.qualify("U0SDR4", "+1 Cold Corp", COLD)
    card = snapshot(card_of(h, "Hot Co"))
    h.click("U0AE1", card, "Claim this lead")
    h.fake.wait(lambda: card_of(h, "Hot Co").labels() == ["Send back"])
    h.drain()

    def delivered() -> bool:  # the cards are posted and their delivery recorded
        with h.runtime.engine.execution_options(**{READ_ONLY: True}).connect() as conn:
            return conn.execute(text(
                "SELECT count(*) FROM handoffs h JOIN qualifications q ON q.id = "
                "h.qualification_id JOIN leads l ON l.id = q.lead_id WHERE h.sent_at IS NULL "
                "OR (l.name = 'Hot Co' AND h.claimed_by IS NULL)")).scalar() == 0
    assert h.fake.wait(delivered), "the handoffs were not all delivered and claimed"

    r = run_cli(database_url, tmp_path, "export", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [x["lead"] for x in rows] == ["Hot Co", "Twenty Ltd", "Nineteen Ltd", "'" + EVIL,
                                         "'+1 Cold Corp"]
    assert list(rows[0])[:15] == [
        "qualification_id", "lead", "lead_id", "sdr", "flow", "flow_version", "status",
        "started_at", "completed_at", "total", "max", "threshold", "verdict",
        "knockout_reason", "recheck_on"]
    assert [c for c in rows[0] if c.startswith("bant.")] == [
        "bant.need", "bant.role", "bant.timing", "bant.budget", "bant.size"]
    twenty = rows[1]
    assert (twenty["sdr"], twenty["status"], twenty["total"], twenty["max"],
            twenty["threshold"], twenty["verdict"]) == ("U0SDR2", "completed", "20", "25", "20",
                                                        "qualified")
    assert twenty["bant.budget"] == "Funding, ready to go"
    assert twenty["bant.size"] == "Plans to buy less than $100"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", twenty["completed_at"])
    assert twenty["handoff_channel"] == SALES and twenty["handoff_posted_at"].endswith("Z")
    assert rows[0]["claimed_by"] == "U0AE1" and rows[0]["claimed_at"].endswith("Z")
    assert twenty["claimed_by"] == ""
    assert (rows[2]["verdict"], rows[2]["handoff_channel"]) == ("nurture", "")
    assert rows[3]["bant.role"] == "Decision maker (typed: DM)"
    assert rows[4]["verdict"] == "disqualified"

    out = tmp_path / "export.json"
    r = run_cli(database_url, tmp_path, "export", "--format", "json", "--output", str(out),
                 "--flow", "bant")
    assert r.returncode == 0 and "wrote 5 qualification(s)" in r.stderr
    data = json.loads(out.read_text())
    by_lead = {x["lead"]["name"]: x for x in data}
    assert set(by_lead) == {"Hot Co", "Twenty Ltd", "Nineteen Ltd", EVIL, "+1 Cold Corp"}
    t = by_lead["Twenty Ltd"]
    assert t["flow"]["id"] == "bant" and t["score"]["verdict"] == "qualified"
    assert t["score"]["total"] == 20 and t["score"]["handoff"] is True
    assert [(a["question_id"], a["choice_id"]) for a in t["answers"]] == [
        ("need", "clear"), ("role", "decision_maker"), ("timing", "within_6_months"),
        ("budget", "funded"), ("size", "under_100")]
    assert t["answers"][3]["choice_label"] == "Funding, ready to go"
    assert t["answers"][3]["points"] == 5 and t["handoff"]["channel"] == SALES
    assert by_lead["Hot Co"]["handoff"]["claimed_by"] == "U0AE1"
    assert by_lead["Nineteen Ltd"]["handoff"] is None
    assert by_lead[EVIL]["answers"][1]["typed"] == "DM"

    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    r = run_cli(database_url, tmp_path, "export", "--since", tomorrow)
    assert r.returncode == 0 and len(list(csv.reader(io.StringIO(r.stdout)))) == 1
    r = run_cli(database_url, tmp_path, "export", "--format", "json", "--flow", "meddic")
    assert r.returncode == 0 and json.loads(r.stdout) == []
    r = run_cli(database_url, tmp_path, "export", "--since", "yesterday")
    assert r.returncode == 2 and "'yesterday' does not match the format" in r.stderr


TRULY_BEST = ["Has a clear need for the product", "Stated directly",
              "A task force has been appointed", "Decision maker",
              "Yes, they are the final decision maker", "Plans to buy within six months",
              "Funding, ready to go", "Plans to buy $50,000 or more"]
TRULY_IDLE = ["No clear need", "None admitted", "No project yet"]  # knocked out at the project


def test_truly_qualified_leads_export_report_and_preview(fake_slack: FakeSlack,
                                                        database_url: str,
                                                        tmp_path: Path) -> None:
    from tests.bot.test_reports import run_report

    with Harness.serve(fake_slack, database_url, QUALIBOT_FLOWS="bant,truly_qualified") as h:
        h.qualify("U0SDR1", "Sure Co --flow truly_qualified", TRULY_BEST)
        h.qualify("U0SDR1", "Idle Co --flow truly_qualified", TRULY_IDLE)
        h.drain()
    r = run_cli(database_url, tmp_path, "export", "--format", "csv", "--flow",
                "truly_qualified")
    assert r.returncode == 0, r.stderr
    rows = {x["lead"]: x for x in csv.DictReader(io.StringIO(r.stdout))}
    assert [c for c in rows["Sure Co"] if c.startswith("truly_qualified.")] == [
        f"truly_qualified.{q}" for q in ("need", "problem", "project", "role", "access",
                                         "timing", "budget", "size")]
    sure, idle = rows["Sure Co"], rows["Idle Co"]
    assert (sure["total"], sure["max"], sure["threshold"], sure["verdict"]) == (
        "40", "40", "28", "qualified")
    assert sure["truly_qualified.access"] == "Yes, they are the final decision maker"
    assert (idle["total"], idle["verdict"], idle["knockout_reason"]) == (
        "0", "nurture", "no_project_no_problem")
    recheck = datetime.fromisoformat(idle["recheck_on"]).date()
    assert recheck == (datetime.now(UTC) + timedelta(days=90)).date()
    assert idle["truly_qualified.timing"] == ""  # never asked

    done = run_report(database_url, tmp_path, "--by", "sdr")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^SDR\s+scored\s+qualified\s+nurture\s", done.stdout, re.M)
    assert re.search(r"^U0SDR1\s+2\s+1\s+1\s", done.stdout, re.M), done.stdout

    preview = run_cli(database_url, tmp_path, "rules", "preview", "--flow", "truly_qualified",
                      "--threshold", "40")
    assert preview.returncode == 0, preview.stderr
    assert counts(preview.stdout)["qualified"] == (1, 1)  # 40 still reaches a bar of 40
    assert counts(preview.stdout)["nurture"] == (1, 1)  # the knockout stays where it was
