"""A DATABASE_URL that cannot work stops every command that opens the database with one
line saying what is wrong: exit 2 for a setting to fix, exit 1 for a database that cannot
be reached. Run as an operator runs them: the real ``qualibot`` command, in a process."""
from __future__ import annotations

import subprocess
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.core.db import database_url
from tests.processes import ROOT, environment, free_port

SECRET = "s3cret-pw"
SERVING = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SALES_CHANNEL": "C0S"}
# Every command that opens the database, and serve.
COMMANDS = [["serve"], ["db", "upgrade"], ["handoffs", "retry"], ["glossary", "export"],
            ["glossary", "stats"], ["report"], ["export"],
            ["rules", "preview", "--threshold", "15"]]
WRONG = {  # DATABASE_URL → what the one line says
    "garbage": ("not a database url", "not a database URL: use one such as sqlite:///"),
    "mysql": (f"mysql://qb:{SECRET}@db.example/qb", "mysql:// is not a database Qualibot runs on"),
    "typo": (f"postgress://qb:{SECRET}@db.example/qb",
             "postgress:// is not a database Qualibot runs on"),
    "no driver": (f"postgresql+psycopg2://qb:{SECRET}@db.example/qb",
                  "whose driver (psycopg2) is not installed"),
    "bad port": (f"postgresql://qb:{SECRET}@db.example:54x/qb",
                 "not a URL SQLAlchemy can read (is the port a number"),
}


def qualibot(args: list[str], database: str, cwd: Path) -> tuple[int, list[str]]:
    env = environment(DATABASE_URL=database, PORT=str(free_port()), **SERVING)
    done = subprocess.run(["qualibot", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60)
    return done.returncode, (done.stdout + done.stderr).strip().splitlines()


def one_line(lines: list[str]) -> str:
    assert len(lines) == 1, lines
    assert lines[0].startswith("qualibot: ") and "Traceback" not in lines[0]
    assert SECRET not in lines[0]  # a URL's password is never repeated
    return lines[0]


def run_all(runs: list[tuple[list[str], str]], cwd: Path) -> list[tuple[str, int, list[str]]]:
    """Each (command, DATABASE_URL) run as its own process, four at a time."""
    with ThreadPoolExecutor(4) as pool:
        done = pool.map(lambda run: qualibot(run[0], run[1], cwd), runs)
        return [(" ".join(c), code, lines) for (c, _), (code, lines) in zip(runs, done,
                                                                          strict=True)]


def test_a_database_url_that_cannot_work_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # Every wrong URL for serve and db upgrade; for the other commands, one refused by the
    # settings and one refused when the engine is made, in turn.
    runs = [(c, kind) for c in COMMANDS[:2] for kind in WRONG]
    runs += [(c, ("mysql", "no driver")[i % 2]) for i, c in enumerate(COMMANDS[2:])]
    for (command, code, lines), (_, kind) in zip(
            run_all([(c, WRONG[kind][0]) for c, kind in runs], tmp_path), runs, strict=True):
        assert WRONG[kind][1] in one_line(lines) and "DATABASE_URL" in lines[0], (command, kind)
        assert code == 2, (command, kind, lines)


def test_an_unreachable_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    url = f"postgresql://qb:{SECRET}@127.0.0.1:{free_port()}/qb"  # nothing listens there
    for command, code, lines in run_all([(c, url) for c in COMMANDS], tmp_path):
        line = one_line(lines)
        assert "DATABASE_URL" in line and "Connection refused" in line, (command, line)
        assert code == 1, (command, line)


def test_postgresql_driver_comes_with_qualibot() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("psycopg[binary]") for d in project["dependencies"])
    assert project["optional-dependencies"]["postgres"] == []  # the old extra still installs
    import psycopg  # noqa: F401 -- installed with Qualibot, not only with the test extra

    for url in ("postgres://qb@db.example/qb", "postgresql://qb@db.example/qb"):
        assert database_url(url).drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://qb@h/qb").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///q.db").drivername == "sqlite"
