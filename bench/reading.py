"""How well Qualibot reads what SDRs type: the corpus of typed replies and call notes.

    .venv/bin/python -m bench.reading [--corpus DIR] [--misses] [--holdout | --set NAME]

For each flow and question it prints the replies read right (sure, or proposed and
confirmed), asked again, proposed wrongly (a click on "No" away from being asked
again) and misread as sure (the failure nobody notices); then the call notes: answers
filled or proposed, missed, and filled wrongly; then how long one reply takes to read.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import yaml

from config.loader import load_flows
from flows.reading import Confidence, read_notes, read_reply

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "flows" / "corpus"
OUTCOMES = ("sure", "confirmed", "asked", "wrong_likely", "misread")


def outcome(expect: str | None, choice: str | None, confidence: Confidence) -> str:
    """How a reading of a reply whose right answer is ``expect`` (None: ask again) ends."""
    if confidence is Confidence.UNCLEAR:
        return "sure" if expect is None else "asked"
    if choice == expect:
        return "sure" if confidence is Confidence.SURE else "confirmed"
    return "misread" if confidence is Confidence.SURE else "wrong_likely"


def replies(folder: Path) -> list[tuple[str, str, str, str | None, date]]:
    rows = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "notes.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        today = date.fromisoformat(str(data["today"]))
        for qid, items in data["questions"].items():
            rows += [(data["flow"], qid, str(i["text"]),
                      None if i["expect"] is None else str(i["expect"]), today) for i in items]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="list every reply not read right")
    parser.add_argument("--holdout", action="store_true", help="the held-out set only")
    parser.add_argument("--set", dest="folder", default=None,
                        help="a folder of the corpus (replies, holdout, holdout2 … holdout12)")
    parser.add_argument("--lock", type=Path, help="write each reply's outcome to this file "
                        "(tests/flows/corpus/locked.tsv: the floor the tests hold)")
    parser.add_argument("--lock-notes", type=Path, help="write each call note's outcome per "
                        "question to this file (tests/flows/corpus/notes_locked.tsv)")
    args = parser.parse_args()
    flows = load_flows()
    folder = args.corpus / (args.folder or ("holdout" if args.holdout else "replies"))
    rows = replies(folder)
    table: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    misses = []
    timings = []
    locked: list[tuple[str, str, str, str]] = []
    for flow_id, qid, text, expect, today in rows:
        flow = flows[flow_id]
        question = flow.question(qid)
        assert question is not None, (flow_id, qid)
        start = time.perf_counter()
        r = read_reply(question, text, today=today, fiscal_year_start=flow.fiscal_year_start)
        timings.append(time.perf_counter() - start)
        got = outcome(expect, r.choice.id if r.choice else None, r.confidence)
        table[flow_id, qid][got] += 1
        locked.append((flow_id, qid, text, got))
        if got not in ("sure", "confirmed"):
            misses.append((got, flow_id, qid, text, expect, r))
    print(f"Typed replies ({folder.relative_to(args.corpus.parent.parent.parent)}), "
          f"{len(rows)} in all")
    print(f"{'flow':8} {'question':16} {'n':>4} {'right':>6} {'sure':>5} {'confirm':>7} "
          f"{'asked':>6} {'wrong likely':>12} {'misread':>7}")
    total: Counter[str] = Counter()
    for (flow_id, qid), c in table.items():
        n = sum(c.values())
        total += c
        print(f"{flow_id:8} {qid:16} {n:4} {(c['sure'] + c['confirmed']) / n:6.0%} "
              f"{c['sure']:5} {c['confirmed']:7} {c['asked']:6} {c['wrong_likely']:12} "
              f"{c['misread']:7}")
    n = sum(total.values())
    print(f"{'all':25} {n:4} {(total['sure'] + total['confirmed']) / n:6.0%} "
          f"{total['sure']:5} {total['confirmed']:7} {total['asked']:6} "
          f"{total['wrong_likely']:12} {total['misread']:7}")
    print(f"read right {(total['sure'] + total['confirmed']) / n:.1%} · asked again "
          f"{total['asked'] / n:.1%} · proposed wrongly {total['wrong_likely'] / n:.1%} · "
          f"misread as sure {total['misread'] / n:.1%}")
    timings.sort()
    print(f"time to read one reply: p50 {statistics.median(timings) * 1000:.2f} ms, "
          f"p99 {timings[int(len(timings) * 0.99)] * 1000:.2f} ms, "
          f"max {timings[-1] * 1000:.2f} ms")
    if args.lock:
        args.lock.write_text("".join(f"{f}\t{q}\t{t}\t{o}\n" for f, q, t, o in locked),
                             encoding="utf-8")
        print(f"wrote {len(locked)} outcomes to {args.lock}")
    if args.misses:
        for got, flow_id, qid, text, expect, r in sorted(misses):
            print(f"  {got:12} {flow_id}.{qid}: {text!r} expected {expect}, read "
                  f"{r.choice.id if r.choice else None} ({r.confidence}, {r.how!r}"
                  f"{', near ' + '/'.join(c.id for c in r.near) if r.near else ''})")
    # The tuned replies go with the corpus's own notes; a held-out set may bring its own.
    notes_file = args.corpus / "notes.yaml" if folder.name == "replies" else folder / "notes.yaml"
    if notes_file.exists():
        notes(notes_file, flows, args.misses, args.lock_notes)


NOTE_RANK = {"wrong": 0, "unstated filled": 0, "wrong_proposed": 1, "unstated proposed": 1,
             "missed": 2, "proposed": 3, "filled": 4, "unstated": 4}


def note_key(flow_id: str, text: str) -> str:
    """A note's name in the lock: its flow, a digest of its text and how it starts."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{flow_id}:{digest}:{' '.join(text.split())[:40]}"


def note_outcomes(flow, note: dict, today: date) -> list[tuple[str, str, str | None, object]]:
    """(question, outcome, expected choice, what was filled) for each question of a note's
    flow that the note states or that the reader fills in: filled, proposed, missed,
    wrong, wrong_proposed; "unstated" (nothing filled), "unstated filled" or "unstated
    proposed" for one the notes do not state."""
    expect = {k: str(v) for k, v in (note.get("expect") or {}).items()}
    found = {f.question.id: f for f in read_notes(flow, note["text"], today=today)}
    out: list[tuple[str, str, str | None, object]] = []
    for question in flow.questions:
        qid, f = question.id, found.get(question.id)
        cid = expect.get(qid)
        if cid is None:
            got = "unstated" if f is None else \
                "unstated " + ("filled" if f.reading.sure else "proposed")
        elif f is None:
            got = "missed"
        elif f.reading.choice is not None and f.reading.choice.id == cid:
            got = "filled" if f.reading.sure else "proposed"
        else:
            got = "wrong" if f.reading.sure else "wrong_proposed"
        out.append((qid, got, cid, f))
    return out


def notes(path: Path, flows: dict, show: bool, lock: Path | None = None) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    today = date.fromisoformat(str(data["today"]))
    counts: Counter[str] = Counter()
    wrong = []
    locked = []
    for note in data["notes"]:
        flow = flows[note["flow"]]
        for qid, got, cid, f in note_outcomes(flow, note, today):
            locked.append((note_key(note["flow"], note["text"]), qid, got))
            kind = {"unstated filled": "wrong", "unstated proposed": "wrong_proposed"}.get(
                got, got)
            counts[kind] += 1
            if got not in ("filled", "proposed", "unstated"):
                wrong.append((got, note["text"], qid, cid, f))
    stated = sum(len(n.get("expect") or {}) for n in data["notes"])
    print(f"\nCall notes ({len(data['notes'])} notes, {stated} answers stated): "
          f"filled {counts['filled']}, proposed {counts['proposed']}, missed "
          f"{counts['missed']}; proposed wrongly {counts['wrong_proposed']}, "
          f"filled wrongly {counts['wrong']} (a different answer, or one the notes do not "
          f"state)")
    if lock is not None:
        lock.write_text("".join(f"{k}\t{q}\t{o}\n" for k, q, o in locked), encoding="utf-8")
        print(f"wrote {len(locked)} note outcomes to {lock}")
    if show:
        for kind, text, qid, cid, f in wrong:
            got = f"{f.reading.choice.id if f.reading.choice else None} from {f.sentence!r}" \
                if f else "-"
            print(f"  {kind:17} {qid}: expected {cid}, got {got}  ·  {text[:90]!r}")


if __name__ == "__main__":
    main()
