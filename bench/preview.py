"""``qualibot rules preview`` over many stored leads, measured and printed.

    .venv/bin/python -m bench.preview [--leads 100000] [--postgres URL]

Makes a fresh SQLite file and a fresh PostgreSQL schema, migrates them, bulk-inserts
N leads each with one completed BANT qualification (mixed answers, scores computed
by ``flows.scoring``), then times the preview of a changed threshold and of a changed
flow file: the in-process function and the whole CLI as a subprocess, each three
times (best and median). Prints figures; asserts nothing about them.
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from bot.core.db import make_engine, reading, upgrade
from bot.core.models import AnswerRow, Handoff, Lead, Qualification, ScoreRow
from bot.qualify.store import lead_key
from bot.reports.rules_preview import changed_flow, lines, preview
from config.loader import load_flows
from flows.model import Answer, Draft, Flow, Score
from flows.scoring import score

QUALIBOT = str(Path(sys.executable).parent / "qualibot")
# How often each answer is given, question by question (choice id: weight).
MIX = {
    "need": {"clear": 60, "none": 40},
    "role": {"decision_maker": 30, "recommender": 40, "influencer": 30},
    "timing": {"within_6_months": 40, "within_year": 35, "year_or_later": 25},
    "budget": {"funded": 30, "formulating": 45, "none": 25},
    "size": {"over_50k": 20, "from_10k": 35, "from_100": 30, "under_100": 15},
}
BATCH = 10_000
REPEAT = 3  # each figure: the best and the median of this many runs


def _best(seconds: list[float]) -> str:
    return f"best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s"


def postgres_schema(url: str) -> tuple[str, Callable[[], None]]:
    """A fresh schema on the server at ``url`` (dropped by the function returned)."""
    base = make_url(url).set(drivername="postgresql+psycopg")
    schema = "bench_" + secrets.token_hex(4)
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    full = base.update_query_dict({"options": f"-csearch_path={schema}"})
    return full.render_as_string(hide_password=False), drop


Row = dict[str, object]


def _rows(flow: Flow, n: int, rng: random.Random
          ) -> Iterator[tuple[Row, Row, list[Row], Row, Row | None]]:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    scored: dict[tuple[str, ...], Score] = {}
    for i in range(1, n + 1):
        picks = tuple(rng.choices(list(m), weights=list(m.values()))[0] for m in MIX.values())
        s = scored.get(picks)
        if s is None:
            draft = Draft(flow_id=flow.id, lead="", answers=tuple(
                Answer(question_id=q, choice_id=c) for q, c in zip(MIX, picks, strict=True)))
            s = scored[picks] = score(flow, draft)
        began = start + timedelta(minutes=i * 2 + rng.randrange(60))
        done = began + timedelta(minutes=rng.randrange(2, 30))
        name = f"Bench Lead {i:06d}"
        lead = dict(id=i, team_id="T0BENCH", name=name, name_key=lead_key(name), created_at=began)
        qual = dict(id=i, lead_id=i, flow_id=flow.id, flow_version=flow.version,
                    sdr_user_id=f"U0SDR{i % 40:02d}", status="completed", created_at=began,
                    updated_at=done, completed_at=done)
        answers = [dict(qualification_id=i, question_id=q, choice_id=c, typed=None,
                        points=flow.question(q).choice(c).points, answered_at=done)
                   for q, c in zip(MIX, picks, strict=True)]
        sc = dict(qualification_id=i, flow_id=flow.id, flow_version=flow.version,
                  total=s.total, threshold=s.threshold, max_total=s.max_total,
                  verdict=s.verdict, verdict_label=s.verdict_label, handoff=s.handoff,
                  knockout=None, recheck_on=None,
                  items=[x.model_dump(mode="json") for x in s.items], created_at=done)
        handoff = dict(qualification_id=i, channel="C0SALES", reminders=0, created_at=done,
                       sent_at=done) if s.handoff else None
        yield lead, qual, answers, sc, handoff


def seed(url: str, flow: Flow, n: int) -> float:
    """N leads with one completed qualification each; returns the seconds it took."""
    t0 = time.perf_counter()
    engine = make_engine(url)
    upgrade(engine)
    tables = [Lead.__table__, Qualification.__table__, AnswerRow.__table__,
              ScoreRow.__table__, Handoff.__table__]
    batch: list[list[Row]] = [[] for _ in tables]

    def flush() -> None:
        with engine.begin() as conn:
            for table, rows in zip(tables, batch, strict=True):
                if rows:
                    conn.execute(insert(table), rows)
                rows.clear()
    for lead, qual, answers, sc, handoff in _rows(flow, n, random.Random(7)):
        batch[0].append(lead)
        batch[1].append(qual)
        batch[2].extend(answers)
        batch[3].append(sc)
        if handoff:
            batch[4].append(handoff)
        if len(batch[0]) >= BATCH:
            flush()
    flush()
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - t0


def changed_file(flow: Flow, folder: Path) -> Path:
    """The flow with a recommender worth 4 instead of 3 and a mid-size deal 2 instead of 3."""
    data = flow.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for q in data["questions"]:
        for c in q["choices"]:
            if (q["id"], c["id"]) == ("role", "recommender"):
                c["points"] = 4
            if (q["id"], c["id"]) == ("size", "from_10k"):
                c["points"] = 2
    path = folder / "bant-changed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def measure(url: str, label: str, n: int, flows: dict[str, Flow], folder: Path) -> list[str]:
    seconds = seed(url, flows["bant"], n)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    out = [f"rules preview, {n:,} leads, {label}: seeded in {seconds:.1f} s "
           f"(load average {load} on {os.cpu_count()} cores)"]
    changes = {"--threshold 21": dict(threshold=21, path=None),
               "--file (points changed)": dict(threshold=None, path=changed_file(flows["bant"],
                                                                                 folder))}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUALIBOT_", "DATABASE_"))}
    env["DATABASE_URL"] = url
    for name, change in changes.items():
        inproc, cli, status = [], [], "ok"
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            old, new = changed_flow(flows, flow_id="bant", default="bant", **change)
            with reading(url) as conn:
                report = preview(conn, flow_id="bant", old=old, new=new)
            printed = lines(report)
            inproc.append(time.perf_counter() - t0)
            args = (["--threshold", "21"] if change["threshold"]
                    else ["--file", str(change["path"])])
            t0 = time.perf_counter()
            run = subprocess.run([QUALIBOT, "rules", "preview", *args], env=env, cwd=folder,
                                 capture_output=True, text=True, timeout=600)
            cli.append(time.perf_counter() - t0)
            if run.returncode != 0:
                status = f"exit {run.returncode}: {run.stderr[-300:]}"
        out.append(f"rules preview, {n:,} leads, {label}, {name}: in-process {_best(inproc)}, "
                   f"CLI {_best(cli)} ({status}); {report.result.changed:,} change verdict, "
                   f"{len(printed)} lines printed")
    return out


def run(leads: int = 100_000, postgres: str | None = None) -> Iterator[str]:
    """The figures, one line each, as they are measured (``bench.run`` may print them)."""
    flows = load_flows()
    folder = Path(tempfile.mkdtemp(prefix="qualibot-bench-preview-"))
    yield from measure(f"sqlite:///{folder}/preview.db", "SQLite", leads, flows, folder)
    if postgres:
        url, drop = postgres_schema(postgres)
        try:
            yield from measure(url, "PostgreSQL", leads, flows, folder)
        finally:
            drop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=100_000)
    ap.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test",
                    help="a PostgreSQL server to measure on ('' to skip)")
    a = ap.parse_args()
    for line in run(a.leads, a.postgres):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
