"""The pipeline seen three ways: `qualibot report` (and its PNG), `/qualify stats`, App Home.

The database is filled by real conversations over HTTP: three SDRs, leads qualified and
not, a claim by an AE and a send-back by another, and a lead named ``<!channel>``.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.deps import utcnow
from bot.reports.weekly import monday
from tests.bot.test_drafts import newest_with
from tests.bot.test_handoff_card import card_of, snapshot, submit_send_back
from tests.bot.test_qualify import COLD, HOT, NINETEEN, TWENTY
from tests.harness import Harness
from tests.processes import environment

QUALIBOT = str(Path(sys.executable).parent / "qualibot")
CHANNEL = "<!channel>"
ESCAPED = "&lt;!channel&gt;"
# (SDR, scored, qualified, nurture, disqualified, handoffs, claims, sent back)
EXPECTED = [("U0ANA", 3, 1, 1, 1, 1, 1, 0), ("U0BOB", 2, 2, 0, 0, 2, 0, 1),
            ("U0CAT", 1, 1, 0, 0, 1, 0, 0)]
TOTAL = (6, 4, 1, 1, 4, 1, 1)


def fill(h: Harness) -> None:
    """Six scored qualifications; U0CAT also leaves a draft of ``<!channel>`` open."""
    h.qualify("U0ANA", "Acme Corp", HOT)
    h.qualify("U0ANA", "Cold Co", COLD)
    h.qualify("U0ANA", "Nineteen Ltd", NINETEEN)
    h.qualify("U0BOB", "Beta Inc", HOT)
    h.qualify("U0BOB", "Twenty Ltd", TWENTY)
    h.qualify("U0CAT", CHANNEL, HOT)
    acme = snapshot(card_of(h, "Acme Corp"))
    assert h.click("U0AE1", acme, "Claim this lead").status == 200
    assert h.fake.wait(lambda: "Claimed by <@U0AE1>" in card_of(h, "Acme Corp").visible())
    assert h.click("U0AE2", snapshot(card_of(h, "Beta Inc")), "Send back").status == 200
    view = h.fake.wait(lambda: h.fake.views)[-1]
    assert submit_send_back(h, "U0AE2", view, "Not the decision maker").status == 200
    assert h.fake.wait(lambda: "Sent back" in card_of(h, "Beta Inc").visible())
    card_of(h, ESCAPED)
    h.command("/qualify", CHANNEL, "U0CAT")  # again: a new draft, two answers in
    for label in HOT[:2]:
        h.click("U0CAT", newest_with(h, "U0CAT", label), label)
    newest_with(h, "U0CAT", HOT[2])
    h.drain()


def run_report(url: str, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([QUALIBOT, "report", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=environment(DATABASE_URL=url, **env))


def table(out: str, head: str) -> dict[str, list[str]]:
    """The rows of the table whose first column is ``head``, by their first cell."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split("  ")[0].strip() == head)
    columns = re.split(r"\s{2,}", lines[start].strip())
    assert columns[1:] == ["scored", "qualified", "nurture", "disqualified", "handoffs",
                           "claims", "sent back", "median to claim"], columns
    rows = {}
    for line in lines[start + 1:]:
        if set(line) == {"-"}:
            continue
        name, *cells = re.split(r"\s{2,}", line.strip())
        rows[name] = cells
        if name == "total":
            return rows
    raise AssertionError(f"no total row under {head!r}:\n{out}")


def numbers(cells: list[str]) -> tuple[int, ...]:
    return tuple(int(c) for c in cells[:7])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def same_week_throughout(started) -> None:  # noqa: ANN001
    if monday(started) != monday(utcnow()):
        pytest.skip("the test ran across midnight between Sunday and Monday (UTC)")


def test_report_counts_real_conversations_and_plots_them(qualibot_any_db: Harness,
                                                         database_url: str,
                                                         tmp_path: Path) -> None:
    h = qualibot_any_db
    fill(h)
    png = tmp_path / "pipeline.png"
    done = run_report(database_url, tmp_path, "--weeks", "2", "--plot", str(png))
    assert done.returncode == 0, done.stderr
    by_sdr = table(done.stdout, "SDR")
    assert list(by_sdr) == ["U0ANA", "U0BOB", "U0CAT", "total"]  # most scored first
    for sdr, *expected in EXPECTED:
        assert numbers(by_sdr[sdr]) == tuple(expected), (sdr, by_sdr[sdr])
    assert numbers(by_sdr["total"]) == TOTAL
    assert re.fullmatch(r"\d+s|\d+m", by_sdr["U0ANA"][7])  # one claim: its wait, however long
    assert by_sdr["U0BOB"][7] == by_sdr["U0CAT"][7] == "–"  # nothing claimed
    by_week = table(done.stdout, "week")
    weeks = [w for w in by_week if w != "total"]
    assert len(weeks) == 2 and all(re.fullmatch(r"\d{4}-W\d\d", w) for w in weeks)
    assert numbers(by_week["total"]) == TOTAL
    assert tuple(map(sum, zip(*(numbers(by_week[w]) for w in weeks), strict=True))) == TOTAL
    assert png_size(png) == (1000, 400)  # the documented size
    assert "wrote" in done.stdout and "(1000x400 px)" in done.stdout

    only = run_report(database_url, tmp_path, "--by", "sdr")
    assert only.returncode == 0, only.stderr
    assert numbers(table(only.stdout, "SDR")["total"]) == TOTAL
    assert "week  " not in only.stdout


def test_report_on_an_empty_database_and_without_matplotlib(tmp_path: Path,
                                                            sqlite_url: str) -> None:
    done = run_report(sqlite_url, tmp_path)  # the file does not even exist
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("No qualifications yet in the last 8 weeks")
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()  # nothing created
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "matplotlib.py").write_text("raise ImportError('No module named matplotlib')\n")
    png = tmp_path / "never.png"
    done = run_report(sqlite_url, tmp_path, "--plot", str(png), PYTHONPATH=str(shadow))
    assert done.returncode == 2
    assert "pip install 'qualibot[plot]'" in done.stderr
    assert not png.exists()
    bad = run_report(sqlite_url, tmp_path, "--weeks", "0")
    assert bad.returncode == 2 and "Invalid value for '--weeks'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_qualify_stats_answers_the_asker_with_the_numbers(qualibot_any_db: Harness) -> None:
    h = qualibot_any_db
    empty = h.command("/qualify", "stats", "U0BOSS").json
    assert empty["response_type"] == "ephemeral" and "No qualifications yet" in empty["text"]
    started = utcnow()
    fill(h)
    body = h.command("/qualify", "stats", "U0BOSS").json
    assert body["response_type"] == "ephemeral"
    text = "\n".join(b["text"]["text"] for b in body["blocks"] if "text" in b)
    assert "*By SDR, last 4 weeks*" in text
    assert ("• <@U0ANA>: *3* scored (1 qualified · 1 nurture · 1 disqualified) · *1* handed "
            "off · *1* claimed · *0* sent back · ") in text
    assert re.search(r"<@U0ANA>: .* · \d+[sm] median to claim", text)
    assert ("• <@U0BOB>: *2* scored (2 qualified) · *2* handed off · *0* claimed · *1* sent "
            "back\n") in text
    assert "• <@U0CAT>: *1* scored (1 qualified)" in text
    assert f"• *{ESCAPED}* (25) by <@U0CAT>, posted" in text  # waiting for a claim
    assert CHANNEL not in json.dumps(body)
    assert "Twenty Ltd" in text and "Acme Corp" not in text  # claimed: not waiting
    same_week_throughout(started)
    assert "*This week* (" in text and "*6* scored (4 qualified · 1 nurture · 1 disqualified)" \
        " · *4* handed off · *1* claimed · *1* sent back" in text
    assert len(h.dm_messages("U0BOSS")) == 0  # nothing but the ephemeral answer


def test_stats_is_a_lead_name_in_quotes_and_the_usage_says_so(qualibot: Harness) -> None:
    h = qualibot
    assert "/qualify stats" in h.command("/qualify", "help", "U0Q").json["text"]
    weeks = h.command("/qualify", "stats 12", "U0Q").json
    assert "No qualifications yet in the last 12 weeks" in weeks["text"]
    r = h.command("/qualify", '"Stats"', "U0Q")
    assert "Qualifying *Stats*" in r.json["text"]
    assert "(Stats)" in h.question("U0Q").text
    r = h.command("/qualify", "Stats Corp", "U0Q2")  # more than "stats": a lead
    assert "Qualifying *Stats Corp*" in r.json["text"]


def home_of(h: Harness, user: str, count: int) -> dict:
    """The Home tab of ``user`` once ``count`` views have been published for them."""
    ok = h.fake.wait(lambda: len(h.fake.homes.get(user, [])) >= count)
    assert ok, f"{len(h.fake.homes.get(user, []))} views published for {user}, wanted {count}"
    return h.fake.homes[user][count - 1]


def view_text(view: dict) -> str:
    parts = []
    for b in view["blocks"]:
        if isinstance(b.get("text"), dict):
            parts.append(b["text"]["text"])
        parts += [e.get("text", "") for e in b.get("elements") or [] if "text" in e]
    return "\n".join(parts)


def test_app_home_lists_drafts_resumes_them_and_shows_the_week(qualibot_any_db: Harness
                                                               ) -> None:
    h = qualibot_any_db
    started = utcnow()
    fill(h)
    published = len(h.fake.homes.get("U0CAT", []))
    assert published == 0  # never opened: nothing to keep fresh
    assert h.open_home("U0CAT", tab="messages").status == 200
    assert h.open_home("U0CAT").status == 200
    view = home_of(h, "U0CAT", published + 1)
    assert len(h.fake.homes["U0CAT"]) == published + 1  # the Messages tab published nothing
    text = view_text(view)
    assert view["type"] == "home" and CHANNEL not in json.dumps(view)
    assert f"*{ESCAPED}* · BANT · 2 of 5 answered\nLast activity <!date^" in text
    assert f"• *{ESCAPED}* · *25*/25, qualified · handed off, waiting for a claim" in text
    resume = [b for b in view["blocks"] if (b.get("accessory") or {}).get("text", {})
              .get("text") == "Resume"]
    assert len(resume) == 1

    asked = len([m for m in h.dm_messages("U0CAT") if HOT[2] in m.labels()])
    assert h.click_view("U0CAT", view, "Resume").status == 200
    assert h.fake.wait(lambda: len([m for m in h.dm_messages("U0CAT")
                                    if HOT[2] in m.labels()]) == asked + 1)
    summary = h.answer_all("U0CAT", HOT[2:])  # the resumed question, answered in the DM
    assert "score *25*" in summary.visible()
    after = home_of(h, "U0CAT", published + 2)  # refreshed on submit: no draft left
    assert "No open drafts" in view_text(after)
    assert view_text(after).count(f"• *{ESCAPED}* · *25*/25") == 2

    h.open_home("U0ANA")
    ana = view_text(home_of(h, "U0ANA", 1))  # opened after three submissions
    assert "• *Acme Corp* · *25*/25, qualified · claimed by <@U0AE1>" in ana
    assert "• *Nineteen Ltd* · *19*/25, nurture · not handed off" in ana
    assert ana.index("Nineteen Ltd") < ana.index("Cold Co") < ana.index("Acme Corp")
    same_week_throughout(started)
    assert "*7* scored (5 qualified · 1 nurture · 1 disqualified) · *5* handed off · " \
        "*1* claimed · *1* sent back" in ana
    assert "You: *3* scored (1 qualified · 1 nurture · 1 disqualified)" in ana


def test_cancelling_a_draft_takes_it_off_home(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Gone Co", "U0GONE")
    h.click("U0GONE", h.question("U0GONE"), HOT[0])
    newest_with(h, "U0GONE", HOT[1])
    h.open_home("U0GONE")
    assert "*Gone Co* · BANT · 1 of 5 answered" in view_text(home_of(h, "U0GONE", 1))
    h.drain()
    h.say("U0GONE", "cancel")
    assert "No open drafts" in view_text(home_of(h, "U0GONE", 2))


def test_a_failed_resume_from_home_is_told_in_the_dm(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "Shaky Co", "U0SHAKY")
    h.click("U0SHAKY", h.question("U0SHAKY"), HOT[0])
    newest_with(h, "U0SHAKY", HOT[1])
    h.drain()
    h.open_home("U0SHAKY")
    view = home_of(h, "U0SHAKY", 1)
    h.fake.fail("chat.postMessage", 200, times=1, error="fatal_error")
    assert h.click_view("U0SHAKY", view, "Resume").status == 200
    told = h.fake.wait(lambda: [m for m in h.dm_messages("U0SHAKY")
                                if "went wrong on our side while resuming" in m.text])
    assert told and "Traceback" not in told[0].text
    asked = len([m for m in h.dm_messages("U0SHAKY") if HOT[1] in m.labels()])
    assert h.click_view("U0SHAKY", view, "Resume").status == 200  # the same button again
    assert h.fake.wait(lambda: len([m for m in h.dm_messages("U0SHAKY")
                                    if HOT[1] in m.labels()]) == asked + 1)
