"""Memory at rest: what each process of an app holds once started, read from
``/proc/PID/smaps_rollup``.

Three numbers per process, in MB:
- RSS: every page it has in memory, shared or not (what ``ps`` and most dashboards show);
  gunicorn's workers are forked from the master, so pages they still share with it and
  with each other are counted in every one of them;
- USS: the pages only that process has (what ending it would give back);
- PSS: its own pages plus its share of the shared ones (a page shared by 3 processes
  counts a third in each): the PSS of all the processes add up to what the app really
  takes, which is the total this bench compares.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Memory:
    rss: float
    pss: float
    uss: float


def read(pid: int) -> Memory | None:
    try:
        text = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return None  # a process that ended meanwhile
    kb: dict[str, int] = {}
    for row in text.splitlines()[1:]:
        name, _, rest = row.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            kb[name.strip()] = int(parts[0])
    return Memory(rss=kb.get("Rss", 0) / 1024, pss=kb.get("Pss", 0) / 1024,
                  uss=(kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)) / 1024)


def by_role(master: int, pids: list[int]) -> list[tuple[str, Memory]]:
    """The master first, then each worker (a process of the group other than the master)."""
    rows = []
    for pid in [master] + sorted(p for p in pids if p != master):
        m = read(pid)
        if m is not None:
            rows.append(("master" if pid == master else f"worker {len(rows)}", m))
    return rows


def table(apps: list[tuple[str, list[tuple[str, Memory]]]]) -> list[str]:
    """Side by side: one column of RSS / USS / PSS per app, a row per process, the total."""
    width = max(len(rows) for _, rows in apps)
    head = "memory at rest (MB)  " + "".join(f"{label:>28}" for label, _ in apps)
    out = [head, "                     " + "".join(f"{'RSS':>10}{'USS':>9}{'PSS':>9}"
                                                   for _ in apps)]
    for i in range(width):
        cells = []
        name = ""
        for _, rows in apps:
            if i < len(rows):
                name, m = rows[i]
                cells.append(f"{m.rss:10.1f}{m.uss:9.1f}{m.pss:9.1f}")
            else:
                cells.append(" " * 28)
        out.append(f"  {name:<19}" + "".join(cells))
    totals = [(sum(m.rss for _, m in rows), sum(m.uss for _, m in rows),
               sum(m.pss for _, m in rows)) for _, rows in apps]
    out.append("  total              " + "".join(f"{r:10.1f}{u:9.1f}{p:9.1f}"
                                                for r, u, p in totals))
    return out
