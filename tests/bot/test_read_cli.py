"""``qualibot read`` as a flow author runs it: the installed command, in a directory with
no .env and no Slack settings, texts as arguments or on standard input."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

QUALIBOT = shutil.which("qualibot", path=str(Path(sys.executable).parent)) or "qualibot"
BUDGET_REPLIES = ("budget signed off", "maybe", "no budget yet but they're putting one together")
NOTES = "talked to Jane, CFO. budget approved, 80k"


def environment() -> dict[str, str]:
    """No Qualibot, Slack or database settings at all: reading needs none."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "QUALIBOT_", "DATABASE_", "SALES_"))}
    return {**env, "NO_COLOR": "1"}


@pytest.fixture
def here(tmp_path: Path) -> Path:
    assert not (tmp_path / ".env").exists()
    return tmp_path


def read(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([QUALIBOT, "read", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, cwd=cwd, env=environment())


def rows(done: subprocess.CompletedProcess[str]) -> list[dict]:
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_replies_as_json_one_line_each(here: Path) -> None:
    done = read("--flow", "bant", "--question", "budget", "--today", "2026-12-02", "--json",
                *BUDGET_REPLIES, cwd=here)
    assert rows(done) == [
        {"text": "budget signed off", "choice": "funded", "label": "Funding, ready to go",
         "confidence": "sure"},
        {"text": "maybe", "choice": None, "label": None, "confidence": "unclear"},
        {"text": "no budget yet but they're putting one together", "choice": "formulating",
         "label": "Budget in formulation", "confidence": "sure"},
    ]


def test_replies_as_text_name_the_choice_label_and_confidence(here: Path) -> None:
    done = read("--flow", "bant", "--question", "budget", "--today", "2026-12-02",
                *BUDGET_REPLIES, cwd=here)
    assert done.returncode == 0 and done.stderr == ""
    signed, maybe, forming = done.stdout.splitlines()
    assert signed.startswith("'budget signed off' -> funded: Funding, ready to go (sure)")
    assert maybe == "'maybe' -> unclear"
    assert forming.startswith("\"no budget yet but they're putting one together\" -> "
                              "formulating: Budget in formulation (sure)")
    assert "“putting one together”" in forming  # the words it was read from


def test_replies_from_standard_input_one_a_line(here: Path) -> None:
    done = read("--question", "budget", "--json", cwd=here,
                stdin="budget signed off\n\nmaybe\nno budget\n")
    assert [(r["text"], r["choice"]) for r in rows(done)] == [
        ("budget signed off", "funded"), ("maybe", None), ("no budget", "none")]


def test_the_default_flow_is_bant(here: Path) -> None:
    done = read("--question", "role", "--json", "CEO, makes the call", cwd=here)
    assert [(r["choice"], r["confidence"]) for r in rows(done)] == [("decision_maker", "sure")]


def test_call_notes_from_standard_input(here: Path) -> None:
    done = read("--notes", "-", "--json", "--today", "2026-12-02", cwd=here, stdin=NOTES)
    found = {r["question"]: r for r in rows(done)}
    assert set(found) == {"role", "budget", "size"}
    assert all(set(r) == {"question", "choice", "label", "confidence", "from"}
               for r in found.values())
    assert found["role"] == {"question": "role", "choice": "decision_maker",
                             "label": "Decision maker", "confidence": "sure", "from": "CFO"}
    assert (found["budget"]["choice"], found["budget"]["confidence"]) == ("funded", "sure")
    assert found["budget"]["from"] == "budget approved"
    assert (found["size"]["choice"], found["size"]["confidence"]) == ("over_50k", "sure")
    assert (found["size"]["label"], found["size"]["from"]) == ("Plans to buy $50,000 or more",
                                                               "80k")


def test_call_notes_as_text(here: Path) -> None:
    done = read("--notes", "-", cwd=here, stdin=NOTES)
    assert done.returncode == 0, done.stderr
    assert "role: Decision maker (sure) from “CFO”" in done.stdout.splitlines()
    assert "budget: Funding, ready to go (sure) from “budget approved”" in done.stdout


def test_call_notes_from_a_file(here: Path) -> None:
    (here / "call.txt").write_text("Need: yes. She is the decision maker.\n")
    found = [(r["question"], r["choice"], r["from"])
             for r in rows(read("--notes", "call.txt", "--json", cwd=here))]
    assert found == [("need", "clear", "Need: yes"),
                     ("role", "decision_maker", "She is the decision maker")]


@pytest.mark.parametrize(("args", "message"), [
    (("--flow", "nope", "--question", "budget", "x"),
     "qualibot: no flow 'nope'; the flow files define anum, bant, champ, gpctba, meddic, "
     "truly_qualified"),
    (("--question", "nope", "x"),
     "qualibot: flow 'bant' has no question 'nope'; its questions are need, role, timing, "
     "budget, size"),
    (("x",), "qualibot: name the question with --question (need, role, timing, budget, "
             "size), or give --notes FILE"),
    (("--question", "budget", "--today", "2026-13-40", "x"),
     "qualibot: --today must be a date as YYYY-MM-DD, not '2026-13-40'"),
    (("--notes", "-", "signed off"),
     "qualibot: give --notes FILE, or --question QID with texts, not both"),
    (("--notes", "-", "--question", "budget"),
     "qualibot: give --notes FILE, or --question QID with texts, not both"),
])
def test_errors_exit_2_with_one_line(here: Path, args: tuple[str, ...], message: str) -> None:
    done = read(*args, cwd=here, stdin=NOTES)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [message]
    assert done.stdout == ""


@pytest.mark.parametrize(("today", "choice"), [
    ("2026-12-02", "within_6_months"),  # next Q1: January to March, 1 to 4 months away
    ("2026-03-15", "within_6_months"),  # this quarter, which ends in 16 days
    ("2026-04-01", "within_year"),  # Q1 is over: next year's is 9 to 12 months away
])
def test_a_quarter_is_read_against_today(here: Path, today: str, choice: str) -> None:
    done = read("--question", "timing", "--today", today, "--json", "Q1", cwd=here)
    assert [(r["choice"], r["confidence"]) for r in rows(done)] == [(choice, "sure")]


def test_next_q1_said_during_q1_is_next_year(here: Path) -> None:
    (row,) = rows(read("--question", "timing", "--today", "2026-03-15", "--json", "next Q1",
                       cwd=here))
    assert row["choice"] in ("within_year", "year_or_later")


@pytest.mark.parametrize("past", ["Q3 2026", "Jan 2026"])
def test_a_period_already_over_is_asked_again(here: Path, past: str) -> None:
    (row,) = rows(read("--question", "timing", "--today", "2026-12-02", "--json", past,
                       cwd=here))
    assert row["confidence"] != "sure"
