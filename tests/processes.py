"""Qualibot as an operator runs it: the Procfile's web command in its own process."""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.fakeslack import TOKEN, FakeSlack
from tests.harness import SALES, SlackSide

ROOT = Path(__file__).resolve().parents[1]
WEB = re.search(r"^web:\s*(.+)$", (ROOT / "Procfile").read_text(), re.M).group(1)
CONTRACT = ("SLACK_", "DATABASE_URL", "SALES_CHANNEL", "PORT", "CRM_", "HANDOFF_")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(**values: str) -> dict[str, str]:
    """This environment without any Qualibot settings, the venv first on PATH, plus values."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(CONTRACT)}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(values)
    return env


def healthz(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
            return r.status
    except urllib.error.HTTPError as e:
        e.close()
        return e.code
    except OSError:
        return 0


def start(env: dict[str, str], cwd: Path, command: str = WEB) -> subprocess.Popen:
    return subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


class AppProcess:
    """One running instance on a free port; restartable on the same database."""

    def __init__(self, fake: FakeSlack, database_url: str, workdir: Path, *,
                 secret: str | None = None, command: str = WEB, **settings: str):
        self.fake, self.workdir, self.command = fake, workdir, command
        self.secret = secret or secrets.token_hex(8)
        self.env = dict(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=self.secret,
                        SALES_CHANNEL=SALES, SLACK_API_URL=fake.api_url,
                        DATABASE_URL=database_url, WEB_CONCURRENCY="1")
        self.env.update(settings)
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.output = ""
        self._reader: threading.Thread | None = None

    def start(self, timeout: float = 30) -> SlackSide:
        self.port = free_port()
        self.proc = start(environment(**self.env, PORT=str(self.port)), self.workdir,
                          self.command)
        # Read the log as it comes, as a process manager would: an undrained pipe fills
        # (64 KB) and then every log line the app writes blocks the thread writing it.
        self._reader = threading.Thread(target=self._read, args=(self.proc,), daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        while healthz(self.port) != 200:
            if self.proc.poll() is not None:
                self._reader.join(timeout=10)
                raise RuntimeError("Qualibot exited:\n" + self.output)
            if time.monotonic() > deadline:
                self.kill9()
                raise RuntimeError("Qualibot never became healthy:\n" + self.output)
            time.sleep(0.1)
        return SlackSide(self.fake, self.port, self.secret)

    def _read(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        with proc.stdout:
            for chunk in iter(proc.stdout.readline, ""):
                self.output += chunk

    def kill9(self) -> None:
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def rss_mb(self) -> float:
        """Resident memory of the whole process group (master and workers), in MB."""
        return sum(self.rss_by_process().values())

    def rss_by_process(self) -> dict[int, float]:
        """Resident memory of each process of the group (master and workers), in MB."""
        found = {}
        for stat, _fields in self._group():
            try:
                status = (stat.parent / "status").read_text()
                kb = int(next(x for x in status.splitlines()
                              if x.startswith("VmRSS")).split()[1])
            except (OSError, StopIteration, IndexError, ValueError):
                continue  # a process that ended meanwhile
            found[int(stat.parent.name)] = kb / 1024
        return found

    def pids(self) -> list[int]:
        """The live processes of the group (master and workers)."""
        return [int(stat.parent.name) for stat, _fields in self._group()]

    @property
    def pid(self) -> int | None:
        """The first process of the group (gunicorn's master, which forks the workers)."""
        return self.proc.pid if self.proc is not None else None

    def cpu_seconds(self) -> float:
        """CPU time (user and system) used so far by the process group's live processes."""
        ticks = sum(int(fields[11]) + int(fields[12]) for _stat, fields in self._group())
        return ticks / os.sysconf("SC_CLK_TCK")

    def _group(self) -> list[tuple[Path, list[str]]]:
        assert self.proc is not None
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == self.proc.pid:  # the process group
                    found.append((stat, fields))
            except (OSError, IndexError, ValueError):
                continue  # a process that ended meanwhile
        return found

    def _signal(self, sig: int) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):  # already exited: nothing to signal
            os.killpg(self.proc.pid, sig)
        self.proc.wait(timeout=30)
        if self._reader is not None:
            self._reader.join(timeout=10)
        self.proc = None
