"""``qualibot console --notes FILE``: call notes fill in what they state before the first
question, each with the words it came from, as when they are pasted in Slack; the console
asks only what is left (and a likely reading is confirmed when its question comes)."""
from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pexpect
import pytest

from tests.bot.test_console import PROMPT, QUALIBOT, Console, environment, flat

NOTES = ("Talked to Jane Roe, CFO - she signs. Budget approved, about 80k.\n"
         "Need is clear: invoices take them 9 days.\n")


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A working directory without any .env file."""
    return tmp_path


def test_notes_fill_in_what_they_state_and_the_rest_is_asked(here: Path) -> None:
    (here / "call.txt").write_text(NOTES, encoding="utf-8")
    c = Console("--lead", "Acme Corp", "--notes", "call.txt", cwd=here)
    assert "From your notes:" in c.shown
    assert "✓ Role: Decision maker (“CFO”)" in c.shown
    assert "✓ Budget: Funding, ready to go (“Budget approved”)" in c.shown
    assert "✓ Size: Plans to buy $50,000 or more (“about 80k”)" in c.shown
    assert "✓ Need: Has a clear need for the product" in c.shown
    # only the question the notes leave open is asked
    assert "Question 3 of 5 · timing" in c.shown and "Question 1 of 5" not in c.shown
    review = c.answer("Q1")
    assert "Total 25 of 25" in review
    out, code = c.last("1")
    assert "Acme Corp is qualified: 25 of 25" in out and code == 0


def test_a_likely_reading_is_proposed_when_its_question_comes(here: Path) -> None:
    (here / "call.txt").write_text("dm, funded, q1, 75k\n", encoding="utf-8")
    c = Console("--lead", "Acme", "--notes", "call.txt", cwd=here)
    assert "? Timing: Plans to buy within six months (“dm, funded, q1, 75k”, to confirm)" \
        in c.shown
    assert "Question 1 of 5 · need" in c.shown
    asked = c.answer("1")
    assert "Did you mean “Plans to buy within six months”? (from your notes" in asked
    review = c.answer("yes")
    assert "Total 25 of 25" in review
    c.child.sendeof()
    c.end()


def test_notes_that_state_nothing_say_so_and_every_question_is_asked(here: Path) -> None:
    (here / "call.txt").write_text("no answer, left vm + email\n", encoding="utf-8")
    c = Console("--lead", "Acme", "--notes", "call.txt", cwd=here)
    assert "I couldn't read any answer in those notes." in c.shown
    assert "Question 1 of 5" in c.shown
    c.child.sendeof()
    c.end()


def test_notes_on_standard_input_then_answers_at_the_terminal(here: Path) -> None:
    command = f"printf %s {shlex.quote(NOTES)} | {shlex.quote(QUALIBOT)} console " \
              "--lead Acme --notes -"
    child = pexpect.spawn("/bin/sh", ["-c", command], cwd=str(here), env=environment(),
                          encoding="utf-8", timeout=10, dimensions=(50, 200))
    child.expect_exact(PROMPT)
    assert "✓ Role: Decision maker" in flat(child.before)
    child.sendline("within 6 months")
    child.expect_exact(PROMPT)
    assert "Total 25 of 25" in flat(child.before)
    child.sendline("1")
    child.expect(pexpect.EOF)
    child.close()
    assert "Acme is qualified" in flat(child.before) and child.exitstatus == 0


def test_notes_on_standard_input_without_a_terminal_end_cleanly(here: Path) -> None:
    out = subprocess.run([QUALIBOT, "console", "--lead", "Acme", "--notes", "-"], input=NOTES,
                         capture_output=True, text=True, timeout=60, cwd=here,
                         env=environment(), start_new_session=True)
    assert "✓ Budget: Funding, ready to go" in flat(out.stdout)
    assert out.returncode == 1 and "input ended" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_missing_notes_file_exits_2(here: Path) -> None:
    out = subprocess.run([QUALIBOT, "console", "--lead", "Acme", "--notes", "nope.txt"],
                         capture_output=True, text=True, timeout=60, cwd=here,
                         env=environment())
    assert out.returncode == 2 and "nope.txt" in out.stderr and out.stdout == ""
