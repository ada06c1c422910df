"""``qualibot rules preview``: past leads read from the database, rescored with changed
rules (``flows.preview``), and printed as tables.

Fast on many leads: one Core select has the database fold each lead's latest scored
qualification into integer codes of its answers (``flows.preview.Encoding``) and group
the leads by codes and stored score, so Python sees one row per distinct pattern and
scores each once; names and dates are read only for the leads printed.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Select, String, case, cast, func, literal_column, select
from sqlalchemy.sql.elements import ColumnElement

from bot.core.models import AnswerRow, Lead, Qualification, ScoreRow
from config.loader import ConfigError, load_flow
from flows.model import Flow, Status
from flows.preview import (
    CANNOT,
    Change,
    Comparison,
    Encoding,
    InvalidChange,
    Past,
    compare,
    with_threshold,
)

Q, A, S, L = (Qualification.__table__, AnswerRow.__table__, ScoreRow.__table__,
              Lead.__table__)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class PreviewError(Exception):
    """Bad input for the preview (unknown flow, invalid threshold, broken file)."""


def changed_flow(flows: dict[str, Flow], *, flow_id: str | None, default: str,
                 threshold: int | None, path: Path | None) -> tuple[Flow | None, Flow]:
    """The current flow (None if no flow file has that id any more) and the changed one."""
    if (threshold is None) == (path is None):
        raise PreviewError("give either --threshold N (a new bar for the handoff tier) or "
                           "--file PATH (a changed flow file), not both nor neither")
    if path is not None:
        try:
            new = load_flow(path)
        except ConfigError as e:
            raise PreviewError(str(e)) from None
        return flows.get(flow_id or new.id), new
    fid = flow_id or default
    if fid not in flows:
        raise PreviewError(f"no flow '{fid}'; the flow files define {', '.join(sorted(flows))}")
    assert threshold is not None
    try:
        return flows[fid], with_threshold(flows[fid], threshold)
    except InvalidChange as e:
        raise PreviewError(str(e)) from None


def _latest(flow_id: str, team: str | None = None) -> Select[tuple[int]]:
    """Each lead's latest (most recently started) completed qualification with the flow
    (of the team's leads, given ``team``)."""
    query = (select(func.max(Q.c.id).label("id"))
             .where(Q.c.status == Status.COMPLETED.value, Q.c.flow_id == flow_id)
             .group_by(Q.c.lead_id))
    if team is not None:
        query = query.where(Q.c.lead_id.in_(select(L.c.id).where(L.c.team_id == team)))
    return query


def _codes(enc: Encoding) -> list[ColumnElement[int]]:
    """Per qualification, the sum over its answers of their codes: one per column.
    Simple CASEs (equality on one column), which databases evaluate fastest."""
    def number(n: int) -> ColumnElement[int]:
        return literal_column(str(int(n)))
    columns = []
    for column in range(enc.columns):
        per_question: dict[str, ColumnElement[int]] = {}
        for slot in (s for s in enc.slots if s.column == column):
            *named, (_, other) = enc.values(slot)
            per_question[slot.question] = (
                case({c: number(v) for c, v in named}, value=A.c.choice_id,
                     else_=number(other)) if named else number(other))
        columns.append(func.sum(case(per_question, value=A.c.question_id, else_=number(0))
                                if per_question else number(0)))
    return columns


def latest_scored(conn: Connection, *, flow_id: str, new: Flow, team: str | None = None
                  ) -> Iterator[Past]:
    """The leads' latest qualifications scored with ``flow_id``, grouped by the answers
    that matter to ``new`` and the score they got (the database does the grouping)."""
    enc = Encoding(new)
    latest = _latest(flow_id, team).subquery()
    codes = (select(A.c.qualification_id.label("qid"),
                    *(c.label(f"c{i}") for i, c in enumerate(_codes(enc))))
             .group_by(A.c.qualification_id).subquery())
    keys = [codes.c[f"c{i}"] for i in range(enc.columns)]
    # Joined, not filtered with IN: PostgreSQL misjudges the IN as a few rows and loops.
    query = (select(S.c.total, S.c.verdict,
                    func.aggregate_strings(cast(codes.c.qid, String), ","), *keys)
             .select_from(latest)
             .join(S, S.c.qualification_id == latest.c.id)
             .join(codes, codes.c.qid == latest.c.id)
             .where(S.c.flow_id == flow_id)
             .group_by(S.c.total, S.c.verdict, *keys))
    for total, verdict, ids, *sums in conn.execute(query):
        yield Past(refs=tuple(int(x) for x in ids.split(",")),
                   answers=enc.decode(tuple(int(x) for x in sums)), total=total,
                   verdict=verdict)


@dataclass(frozen=True)
class Shown:
    lead: str
    sdr: str
    completed_at: datetime | None


def shown(conn: Connection, ids: list[Hashable]) -> dict[Hashable, Shown]:
    """Lead name, SDR and date of the qualifications printed."""
    out: dict[Hashable, Shown] = {}
    for start in range(0, len(ids), 500):
        rows = conn.execute(select(Q.c.id, L.c.name, Q.c.sdr_user_id, Q.c.completed_at)
                            .join(L, L.c.id == Q.c.lead_id)
                            .where(Q.c.id.in_(ids[start:start + 500])))
        out.update({r.id: Shown(r.name, r.sdr_user_id, r.completed_at) for r in rows})
    return out


@dataclass(frozen=True)
class Report:
    flow_id: str
    old: Flow | None
    new: Flow
    result: Comparison
    changes: list[tuple[Hashable, Change]]  # the leads listed, newest first
    cannot: list[Hashable]  # the leads that cannot be rescored listed, newest first
    names: dict[Hashable, Shown]


def preview(conn: Connection, *, flow_id: str, old: Flow | None, new: Flow,
            limit: int = 50, team: str | None = None) -> Report:
    result = compare(new, latest_scored(conn, flow_id=flow_id, new=new, team=team))
    # refs are qualification ids: the highest are the newest
    changed = heapq.nlargest(limit, ((ref, c) for c in result.changes for ref in c.refs),
                             key=lambda x: x[0])
    cannot = heapq.nlargest(limit, result.cannot_refs)
    names = shown(conn, [ref for ref, _ in changed] + cannot)
    return Report(flow_id, old, new, result, changed, cannot, names)


def plain(text: str) -> str:
    """Names as typed, minus control characters that would drive the terminal."""
    return _CONTROL.sub("?", text)


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    def fmt(r: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
    return [fmt(header), *(fmt(r) for r in rows)]


def _title(report: Report, verdict: str) -> str:
    for flow in (report.new, report.old):
        tier = flow.tier(verdict) if flow else None
        if tier:
            return tier.title
    return verdict


def lines(report: Report) -> list[str]:
    """The report as lines of plain text."""
    r, old, new = report.result, report.old, report.new
    handoff = next(t for t in new.verdicts if t.handoff)
    what = f"{new.name}: {handoff.title} from {new.bar} points" + (
        f" instead of {old.bar}" if old and old.bar != new.bar else "")
    version = f"version {old.version} → {new.version}" if old else f"version {new.version}"
    out = [f"Rules preview of {what} ({version})",
           f"{r.leads} past lead(s): the latest completed qualification of each lead scored "
           f"with flow '{report.flow_id}'.", ""]
    if not r.leads:
        return [*out, "Nothing to compare: no completed qualification with this flow yet."]
    order = [t.name for t in new.verdicts]
    order += sorted(v for v in {*r.before, *r.after} - {*order, CANNOT})
    rows = [[_title(report, v), str(r.before[v]), str(r.after[v]),
             f"{r.after[v] - r.before[v]:+d}"] for v in order]
    if r.after[CANNOT]:
        rows.append([CANNOT, "", str(r.after[CANNOT]), f"{-r.after[CANNOT]:+d}"])
    out += _table(["verdict", "before", "after", "change"], rows, {1, 2, 3})
    moves = [[f"{_title(report, a)} → {_title(report, b)}", str(n)]
             for (a, b), n in r.transitions.most_common() if a != b and b != CANNOT]
    out.append("")
    out += (["Verdict changes:"] + _table(["from → to", "leads"], moves, {1})
            if moves else ["No lead changes verdict."])
    if report.changes:
        out += ["", f"Leads whose verdict changes ({r.changed}), newest first:"]
        rows = []
        for ref, c in report.changes:
            s = report.names.get(ref)
            rows.append([plain(s.lead) if s else "?", s.sdr if s else "?",
                         s.completed_at.date().isoformat() if s and s.completed_at else "",
                         f"{c.old_total} → {c.new_total}",
                         f"{_title(report, c.old_verdict)} → {_title(report, c.new_verdict)}"])
        out += _table(["lead", "SDR", "date", "score", "verdict"], rows, set())
        if r.changed > len(report.changes):
            out.append(f"… and {r.changed - len(report.changes)} more")
    if r.cannot:
        total = sum(r.cannot.values())
        out += ["", f"{CANNOT} ({total}): the new rules need answers these leads never gave."]
        out += [f"  {n} lead(s): {why}" for why, n in r.cannot.most_common()]
        names = [plain(report.names[x].lead) for x in report.cannot if x in report.names]
        out.append("  e.g. " + ", ".join(names) + (" …" if total > len(names) else ""))
    return out
