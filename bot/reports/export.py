"""``qualibot export``: leads, answers, scores and handoffs as CSV or JSON.

One record per qualification, streamed: the rows come from one Core select in
batches (``yield_per``) and are written as they arrive, so the size of the database
does not matter. CSV is for people (labels, one column per question, e.g.
``bant.budget``) and is guarded against formula injection; JSON is for programs
(ids, with labels alongside).
"""
from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Row, Select, literal, select

from bot.core.models import AnswerRow, Handoff, Lead, Qualification, ScoreRow
from flows.model import Flow

Q, A, S, L, H = (Qualification.__table__, AnswerRow.__table__, ScoreRow.__table__,
                 Lead.__table__, Handoff.__table__)
BEFORE = ["qualification_id", "lead", "lead_id", "sdr", "flow", "flow_version", "status",
          "started_at", "completed_at", "total", "max", "threshold", "verdict",
          "knockout_reason", "recheck_on"]
AFTER = ["handoff_channel", "handoff_posted_at", "claimed_by", "claimed_at", "sent_back_by",
         "sent_back_at", "sent_back_reason", "assigned_to", "reassignments", "routing"]
_MARKUP = re.compile(r"<([#@])([A-Z0-9]+)>")
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet may run a cell starting so
BATCH = 2000


def _filters(query: Select[Any], *, since: datetime | None, flow_id: str | None,
             team: str | None = None) -> Select[Any]:
    if since is not None:
        query = query.where(Q.c.created_at >= since)
    if flow_id is not None:
        query = query.where(Q.c.flow_id == flow_id)
    if team is not None:  # the team's leads only
        query = query.where(Q.c.lead_id.in_(select(L.c.id).where(L.c.team_id == team)))
    return query


def records(conn: Connection, *, since: datetime | None = None, flow_id: str | None = None,
            team: str | None = None,
            items: bool = False) -> Iterator[tuple[Row[Any], list[Row[Any]]]]:
    """Each qualification (with lead, score and handoff) and its answers, oldest first.

    Two streams read side by side, both in qualification order: the qualifications and
    their answers (so that nothing is read twice and nothing is held)."""
    quals = _filters(
        select(Q.c.id, Q.c.lead_id, L.c.name.label("lead"), Q.c.sdr_user_id, Q.c.flow_id,
               Q.c.flow_version, Q.c.status, Q.c.created_at, Q.c.completed_at,
               S.c.total, S.c.max_total, S.c.threshold, S.c.verdict, S.c.verdict_label,
               S.c.handoff, S.c.knockout, S.c.recheck_on,
               (S.c["items"] if items else literal(None)).label("score_items"),
               H.c.id.label("handoff_id"), H.c.channel, H.c.message_ts, H.c.sent_at,
               H.c.claimed_by, H.c.claimed_at, H.c.sent_back_by, H.c.sent_back_at,
               H.c.sent_back_reason, H.c.assigned_to, H.c.reassignments, H.c.route)
        .select_from(Q).join(L, L.c.id == Q.c.lead_id)
        .outerjoin(S, S.c.qualification_id == Q.c.id)
        .outerjoin(H, H.c.qualification_id == Q.c.id),
        since=since, flow_id=flow_id, team=team).order_by(Q.c.id)
    answers = _filters(
        select(A.c.qualification_id, A.c.question_id, A.c.choice_id, A.c.typed, A.c.points,
               A.c.answered_at).join(Q, Q.c.id == A.c.qualification_id),
        since=since, flow_id=flow_id, team=team).order_by(A.c.qualification_id, A.c.question_id)
    streamed = conn.execution_options(yield_per=BATCH)
    grouped = itertools.groupby(streamed.execute(answers), key=lambda a: a.qualification_id)
    pending = next(grouped, None)
    for q in streamed.execute(quals):
        while pending is not None and pending[0] < q.id:  # answers of no listed row
            pending = next(grouped, None)
        if pending is not None and pending[0] == q.id:
            yield q, list(pending[1])
            pending = next(grouped, None)
        else:
            yield q, []


def answer_columns(conn: Connection, flows: dict[str, Flow], *, since: datetime | None = None,
                   flow_id: str | None = None, team: str | None = None
                   ) -> list[tuple[str, str]]:
    """(flow id, question id) of each answer column: every question of the flows in the
    export, in the flow's order, then questions answered that the flow no longer asks."""
    stored = conn.execute(_filters(
        select(Q.c.flow_id, A.c.question_id).distinct()
        .select_from(Q).join(A, A.c.qualification_id == Q.c.id),
        since=since, flow_id=flow_id, team=team)).all()
    pairs = {(f, q) for f, q in stored}
    used = sorted({f for f, _ in pairs} | ({flow_id} if flow_id in flows else set()))
    columns = [(f, q.id) for f in used if f in flows for q in flows[f].questions]
    return columns + sorted(pairs - set(columns))


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds").replace("+00:00", "Z")
    return value.isoformat()


def safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


class Labels:
    """Choice labels by (flow, question, choice) id; None for free text or a choice the
    flow no longer has."""

    def __init__(self, flows: dict[str, Flow]):
        self.flows = flows
        self._known: dict[tuple[str, str, str], str | None] = {}

    def __call__(self, flow_id: str, a: Row[Any]) -> str | None:
        key = (flow_id, a.question_id, a.choice_id)
        if key not in self._known:
            flow = self.flows.get(flow_id)
            question = flow.question(a.question_id) if flow else None
            choice = question.choice(a.choice_id) if question else None
            self._known[key] = choice.label if choice else None
        return self._known[key]


def _cell(labels: Labels, flow_id: str, a: Row[Any]) -> str:
    label = labels(flow_id, a)
    if label is None:  # free text, or a choice the flow no longer has: what was stored
        return a.typed if a.choice_id == "" else a.choice_id + (
            f" (typed: {a.typed})" if a.typed else "")
    if a.typed and a.typed.strip().casefold() != label.casefold():
        return f"{label} (typed: {a.typed})"
    return label


def routing_why(route: dict[str, Any] | None) -> str | None:
    """The routing decision explained, in plain text: "<@U0ANA>" as "@U0ANA"."""
    why = (route or {}).get("why")
    return _MARKUP.sub(r"\1\2", str(why)) if why else None


def write_csv(out: IO[str], conn: Connection, flows: dict[str, Flow], *,
              since: datetime | None = None, flow_id: str | None = None,
              team: str | None = None) -> int:
    columns = answer_columns(conn, flows, since=since, flow_id=flow_id, team=team)
    writer = csv.writer(out)
    writer.writerow(BEFORE + [f"{f}.{q}" for f, q in columns] + AFTER)
    where = {c: i for i, c in enumerate(columns)}
    labels = Labels(flows)
    n = 0
    for q, answers in records(conn, since=since, flow_id=flow_id, team=team):
        cells: list[Any] = [""] * len(columns)
        for a in answers:
            cells[where[(q.flow_id, a.question_id)]] = _cell(labels, q.flow_id, a)
        knockout = (q.knockout or {}).get("reason")
        row = [q.id, q.lead, q.lead_id, q.sdr_user_id, q.flow_id, q.flow_version, q.status,
               iso(q.created_at), iso(q.completed_at), q.total, q.max_total, q.threshold,
               (q.verdict_label or q.verdict) if q.verdict else None, knockout,
               iso(q.recheck_on), *cells, q.channel, iso(q.sent_at), q.claimed_by,
               iso(q.claimed_at), q.sent_back_by, iso(q.sent_back_at), q.sent_back_reason,
               q.assigned_to, q.reassignments if q.route else None, routing_why(q.route)]
        writer.writerow([safe(v) for v in row])
        n += 1
    return n


def as_json(q: Row[Any], answers: list[Row[Any]], labels: Labels) -> dict[str, Any]:
    """One qualification as a nested, machine-friendly object."""
    flow = labels.flows.get(q.flow_id)
    if flow is not None:  # in the order the flow asks them
        order = {x.id: i for i, x in enumerate(flow.questions)}
        answers = sorted(answers, key=lambda a: (order.get(a.question_id, len(order)),
                                                 a.question_id))

    def answer(a: Row[Any]) -> dict[str, Any]:
        question = flow.question(a.question_id) if flow else None
        return {"question_id": a.question_id,
                "criterion": question.criterion if question else None,
                "choice_id": a.choice_id or None,
                "choice_label": labels(q.flow_id, a),
                "typed": a.typed, "points": a.points, "answered_at": iso(a.answered_at)}
    score = None if q.verdict is None else {
        "total": q.total, "max": q.max_total, "threshold": q.threshold,
        "verdict": q.verdict, "verdict_label": q.verdict_label or q.verdict,
        "handoff": bool(q.handoff), "knockout": q.knockout, "recheck_on": iso(q.recheck_on),
        "items": q.score_items}
    handoff = None if q.handoff_id is None else {
        "id": q.handoff_id, "channel": q.channel, "message_ts": q.message_ts,
        "posted_at": iso(q.sent_at), "claimed_by": q.claimed_by,
        "claimed_at": iso(q.claimed_at), "sent_back_by": q.sent_back_by,
        "sent_back_at": iso(q.sent_back_at), "sent_back_reason": q.sent_back_reason,
        "routing": None if not q.route else {
            "rule": q.route.get("rule"), "group": q.route.get("group"),
            "assigned_to": q.assigned_to, "reassignments": q.reassignments,
            "passes": q.route.get("passes", []), "why": routing_why(q.route)}}
    return {"qualification_id": q.id, "lead": {"id": q.lead_id, "name": q.lead},
            "sdr": q.sdr_user_id,
            "flow": {"id": q.flow_id, "name": flow.name if flow else None,
                     "version": q.flow_version},
            "status": q.status, "started_at": iso(q.created_at),
            "completed_at": iso(q.completed_at), "score": score,
            "answers": [answer(a) for a in answers], "handoff": handoff}


def write_json(out: IO[str], conn: Connection, flows: dict[str, Flow], *,
               since: datetime | None = None, flow_id: str | None = None,
               team: str | None = None) -> int:
    n = 0
    labels = Labels(flows)
    out.write("[")
    for q, answers in records(conn, since=since, flow_id=flow_id, team=team, items=True):
        out.write(("," if n else "") + "\n" + json.dumps(as_json(q, answers, labels),
                                                         ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


WRITERS = {"csv": write_csv, "json": write_json}


@contextmanager
def opened(path: Path | None, stdout: IO[str]) -> Iterator[IO[str]]:
    """The file to write (``stdout`` when no path is given)."""
    if path is None:
        yield stdout
        return
    with path.open("w", encoding="utf-8", newline="") as f:
        yield f
