"""``qualibot console`` as a person uses it: the installed command in a pseudo-terminal,
or fed through a pipe as a script would."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from config.loader import load_flows, load_glossary

QUALIBOT = shutil.which("qualibot", path=str(Path(sys.executable).parent)) or "qualibot"
PROMPT = "\n> "
ALL_FLOWS = "anum, bant, champ, gpctba, meddic, truly_qualified"


def environment(**values: str) -> dict[str, str]:
    """No Qualibot or Slack settings at all (the console needs none), no colour."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "QUALIBOT_", "DATABASE_", "SALES_", "NO_COLOR"))}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update({"NO_COLOR": "1", "TERM": "xterm", **values})
    return env


def flat(text: str) -> str:
    """Terminal output with wrapping and line ends folded into single spaces."""
    return " ".join(text.split())


class Console:
    """One console session in a pseudo-terminal, read prompt by prompt."""

    def __init__(self, *args: str, cwd: Path, env: dict[str, str] | None = None,
                 first: str = PROMPT):
        self.child = pexpect.spawn(QUALIBOT, ["console", *args], cwd=str(cwd),
                                   env=env or environment(), encoding="utf-8", timeout=10,
                                   dimensions=(50, 200))
        self.child.expect_exact(first)
        self.shown = flat(self.child.before)  # what was printed before the first prompt

    def answer(self, text: str) -> str:
        """Type a line; what the console printed until it asked again."""
        self.child.sendline(text)
        self.child.expect_exact(PROMPT)
        self.shown = flat(self.child.before)
        return self.shown

    def last(self, text: str) -> tuple[str, int]:
        """Type a line that ends the session: what it printed and its exit code."""
        self.child.sendline(text)
        return self.end()

    def end(self) -> tuple[str, int]:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return flat(self.child.before), self.child.exitstatus


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A working directory without any .env file."""
    return tmp_path


@pytest.fixture
def bant() -> str:
    return load_flows()["bant"].version


def run_piped(*args: str, stdin: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([QUALIBOT, "console", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, cwd=cwd, env=environment(**env))


def test_the_hot_lead_by_numbers_scores_25_and_is_qualified(here: Path, bant: str) -> None:
    c = Console("--lead", "Acme Corp", cwd=here)
    assert "Qualifying Acme Corp" in c.shown and "Question 1 of 5" in c.shown
    assert "Does the prospect have a need or application for the product?" in c.shown
    assert "1. Has a clear need for the product 2. No clear need" in c.shown
    for n in range(2, 6):
        assert f"Question {n} of 5" in c.answer("1")
    review = c.answer("1")
    assert "✓ Plans to buy $50,000 or more" in review
    for line in ("Need Clear need 5 of 5", "Role Decision maker 5 of 5",
                 "Timing Buys within 6 months 5 of 5", "Budget Funding ready 5 of 5",
                 "Size $50,000 or more 5 of 5", "Total 25 of 25"):
        assert line in review
    assert ("Clear need +5 · Decision maker +5 · Buys within 6 months +5 · Funding ready +5 · "
            "$50,000 or more +5 = 25 ≥ 20") in review
    assert f"BANT rules, version {bant}" in review
    assert "1. Submit: hand Acme Corp to the sales channel 2. Change an answer 3. Cancel" in review
    out, code = c.last("1")
    assert "Acme Corp is qualified: 25 of 25 points (qualifies at 20)" in out
    assert "would now be handed off to the sales channel" in out
    assert code == 0


def test_typed_answers_are_read_as_in_slack(here: Path) -> None:
    c = Console("--lead", "Acme", cwd=here)
    assert "✓ Has a clear need for the product (you typed “has a clear ned”)" in c.answer(
        "has a clear ned")
    assert "✓ Decision maker (you typed “dm”)" in c.answer("dm")
    assert "✓ Plans to buy within six months (you typed “within 6 months”)" in c.answer(
        "within 6 months")
    assert "✓ Funding, ready to go (you typed “fundign, ready to go”)" in c.answer(
        "fundign, ready to go")
    review = c.answer("$50k")
    assert "✓ Plans to buy $50,000 or more (you typed “$50k”)" in review
    assert "Total 25 of 25" in review
    out, code = c.last("submit")
    assert "is qualified: 25 of 25" in out and code == 0


def test_an_unclear_answer_is_asked_again_and_loses_nothing(here: Path) -> None:
    c = Console("--lead", "Acme", cwd=here)
    c.answer("1")
    again = c.answer("a guy from IT")
    assert "I couldn't match “a guy from IT” to an answer" in again
    assert "1. Decision maker 2. Recommender 3. Influencer" in again
    assert "✓" not in again
    assert "✓ Recommender" in c.answer("recommender")
    money = [c.answer("1"), c.answer("1")][-1]
    assert "Question 5 of 5" in money
    again = c.answer("a decent amount")
    assert "I couldn't match “a decent amount”" in again and "$50k" in again
    review = c.answer("fifty thousand")
    assert "Need Clear need 5 of 5" in review and "Role Recommender 3 of 5" in review
    assert "Total 23 of 25" in review
    assert "I didn't get “maybe later”" in c.answer("maybe later")
    out, code = c.last("1")
    assert "qualified: 23 of 25" in out and code == 0


def test_back_changes_an_earlier_answer_and_the_score(here: Path) -> None:
    c = Console("--lead", "Acme", cwd=here)
    c.answer("1")
    c.answer("1")
    listed = c.answer("back")
    assert "Which answer do you want to change? 1. Need: Clear need 2. Role: Decision maker" \
        in listed
    assert "Changing your answer (it was “Has a clear need for the product”)" in c.answer("1")
    after = c.answer("no need")
    assert "✓ No clear need" in after and "Question 3 of 5" in after
    for _ in range(2):
        c.answer("1")
    review = c.answer("1")
    assert "Need No clear need 0 of 5" in review and "Total 20 of 25" in review
    assert "= 20 ≥ 20" in review
    assert "5. Size: $50,000 or more" in c.answer("2")
    assert "Changing your answer (it was “Decision maker”)" in c.answer("2")
    review = c.answer("influencer")
    assert "Role Influencer 1 of 5" in review and "Total 16 of 25" in review
    assert "= 16 < 20" in review and "below the bar" in review
    out, code = c.last("1")
    assert "Acme is not qualified (nurture): 16 of 25 points" in out
    assert "it would not be handed off" in out and code == 0


def test_help_shows_the_glossary_definition_and_keeps_the_answers(here: Path) -> None:
    definition = load_glossary().get("decision maker").definition  # type: ignore[union-attr]
    c = Console("--lead", "Acme", cwd=here)
    c.answer("1")
    shown = c.answer("help")
    assert flat(definition) in shown
    assert "Question 2 of 5" in shown and "1. Decision maker" in shown
    c.answer("1")
    assert "2. Role: Decision maker" in c.answer("back") and "1. Need: Clear need" in c.shown
    assert "Question 3 of 5" in c.answer("")  # Enter keeps every answer


def test_cancel_stops_and_records_nothing(here: Path) -> None:
    c = Console("--lead", "Acme", cwd=here)
    c.answer("1")
    out, code = c.last("cancel")
    assert "Cancelled the qualification of Acme; nothing was recorded or handed off" in out
    assert code == 1


def test_meddic_grades(here: Path) -> None:
    c = Console("--flow", "meddic", "--lead", "Globex", cwd=here)
    assert "MEDDIC rules" in c.shown and "Question 1 of 7" in c.shown
    assert "1. Yes 2. No" in c.shown
    c.answer("yes")
    asked = c.answer("no")
    assert "Who is the economic buyer" in asked  # the branch: asked only after a "no"
    assert "✓ noted: Dana, the CFO; help via the champion" in c.answer(
        "Dana, the CFO; help via the champion")
    for typed in ("1", "within two months", "real but tolerated"):
        c.answer(typed)
    review = c.answer("nope")
    assert "Total 19 of 30" in review and "= 19 < 24" in review
    out, code = c.last("1")
    assert "Globex is not qualified (Grade B): 19 of 30 points" in out and code == 0

    c = Console("--flow", "meddic", "--lead", "Initech", cwd=here)
    for typed in ("y", "y", "1", "1", "1"):
        c.answer(typed)
    assert "Total 30 of 30" in c.answer("y")
    out, code = c.last("1")
    assert "Initech is qualified (Grade A): 30 of 30" in out and "handed off" in out


def test_a_knockout_says_why_and_when_to_recheck(here: Path) -> None:
    c = Console("--flow", "anum", "--lead", "Initech", cwd=here)
    for typed in ("1", "1", "1"):
        c.answer(typed)
    review = c.answer("nothing set aside yet")
    assert "knocked out (no_budget)" in review
    out, code = c.last("1")
    assert "not qualified (nurture)" in out and "Knocked out by one answer (no_budget)" in out
    assert "Recheck in 90 days" in out and code == 0


def test_truly_qualified_on_the_bar_and_knocked_out_by_two_answers(here: Path) -> None:
    c = Console("--flow", "truly_qualified", "--lead", "Hooli", cwd=here)
    assert "Truly qualified rules" in c.shown and "Question 1 of 8" in c.shown
    for typed in ("1", "hinted at it", "their boss asked for a recommendation", "2",
                  "she will introduce us", "in 9 months", "2"):
        c.answer(typed)
    review = c.answer("25k")
    assert "Total 28 of 40" in review and "= 28 ≥ 28" in review
    out, code = c.last("1")
    assert "Hooli is qualified" in out and code == 0

    c = Console("--flow", "truly_qualified", "--lead", "Pied Piper", cwd=here)
    c.answer("1")
    c.answer("none admitted")
    review = c.answer("no project yet")  # the questions stop: nothing is moving
    assert "knocked out (no_project_no_problem)" in review
    out, code = c.last("1")
    assert "not qualified (nurture)" in out and code == 0
    assert "Knocked out by two answers together (no_project_no_problem)" in out
    assert "Recheck in 90 days" in out


def test_an_unknown_flow_exits_2_with_the_list(here: Path) -> None:
    out = run_piped("--flow", "bogus", "--lead", "Acme", stdin="", cwd=here)
    assert out.returncode == 2
    assert f"no flow 'bogus'; the flow files define {ALL_FLOWS}" in out.stderr
    assert out.stdout == ""


def test_broken_flow_files_stop_it_with_file_and_line(here: Path) -> None:
    flows = here / "flows"
    flows.mkdir()
    shipped = Path(__file__).resolve().parents[2] / "config" / "flows" / "bant.yaml"
    text = shipped.read_text()
    line = text[:text.index("points: 5")].count("\n") + 1
    (flows / "bant.yaml").write_text(text.replace("points: 5", "points: -5", 1))
    (flows / "mine.yaml").write_text("id: mine\nname: Mine\nquestions: [\n  - id: x\n")
    out = run_piped("--lead", "Acme", stdin="1\n", cwd=here, QUALIBOT_FLOWS_DIR=str(flows))
    assert out.returncode == 2, out.stderr
    assert f"flows/bant.yaml:{line}: questions[0].choices[0].points: Input should be " \
        "greater than or equal to 0" in out.stderr
    assert re.search(r"flows/mine\.yaml:\d+: not valid YAML", out.stderr)
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_piped_input_works_in_plain_text(here: Path) -> None:
    out = run_piped(stdin="\n  Acme Corp  \n1\ndm\nQ3\n1\n$50k\nyes\n", cwd=here,
                    NO_COLOR="")
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout  # no colour when the output is not a terminal
    text = flat(out.stdout)
    assert "Type the company or person to qualify" in text  # an empty name is asked again
    assert "Qualifying Acme Corp." in text
    assert "> dm ✓ Decision maker" in text  # piped answers are printed back
    assert "Acme Corp is qualified" in text


def test_typed_control_characters_are_shown_not_obeyed(here: Path) -> None:
    out = run_piped(stdin="Evil\x1b[2J\x07Co\n\x1b]0;pwned\x07\ncancel\n", cwd=here)
    assert out.returncode == 1, out.stderr
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "Qualifying Evil\\x1b[2J\\x07Co." in out.stdout
    assert "I couldn't match “\\x1b]0;pwned\\x07”" in out.stdout
    literal = run_piped("--lead", "<!channel> & *Co*", stdin="cancel\n", cwd=here)
    assert "Qualifying <!channel> & *Co*." in literal.stdout  # a terminal: no Slack escaping


def test_overlong_lines_and_odd_picks_are_refused_and_lose_nothing(here: Path) -> None:
    lines = [b"1", b"9" * 5000, b"\xff\xfe not UTF-8", b"1", b"back", b"xyz", b"9", b"2",
             b"1", b"1", b"1", b"1", b"1"]
    out = subprocess.run([QUALIBOT, "console", "--lead", "Acme"], input=b"\n".join(lines),
                         capture_output=True, timeout=60, cwd=here, env=environment())
    assert out.returncode == 0, out.stderr
    text = flat(out.stdout.decode())
    assert "That is 5000 characters; keep an answer under 2000" in text
    assert "I couldn't match “\ufffd\ufffd not UTF-8”" in text
    assert "“xyz” is not one of them" in text and "“9” is not one of them" in text
    assert "Changing your answer (it was “Decision maker”)" in text
    assert "Total 25 of 25" in text and "Acme is qualified" in text


def test_colour_on_a_terminal_only(here: Path) -> None:
    c = Console("--lead", "Acme", cwd=here, env=environment(NO_COLOR=""))
    assert "\x1b[" in c.child.before
    c.child.sendeof()
    c.end()


def test_end_of_input_midway_exits_cleanly(here: Path) -> None:
    c = Console("--lead", "Acme", cwd=here)
    c.answer("1")
    c.child.sendeof()
    out, code = c.end()
    assert "the input ended before the qualification was finished; nothing was recorded" in out
    assert "Traceback" not in out and code == 1

    piped = run_piped(stdin="Acme\n1\n", cwd=here)
    assert piped.returncode == 1 and "Traceback" not in piped.stderr
    assert piped.stderr.strip().count("\n") == 0 and "input ended" in piped.stderr


def test_ctrl_c_exits_cleanly(here: Path) -> None:
    c = Console(cwd=here, first="Which lead are you qualifying? ")  # no --lead: it asks
    c.child.sendintr()
    out, code = c.end()
    assert "stopped; nothing was recorded" in out and "Traceback" not in out
    assert code == 130
