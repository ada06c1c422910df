"""Every typed reply of the corpus, locked: a change to the reader or the vocabulary that
reads one of them worse than today fails here.

The corpus (``tests/flows/corpus/replies``) is what SDRs type, each reply with the answer
a sales manager expects. ``locked.tsv`` holds how each one is read today (written by
``python -m bench.reading --lock tests/flows/corpus/locked.tsv``); a reply may get better
(asked again -> read right), never worse. ``bench.reading`` prints the figures.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.reading import CORPUS, outcome, replies
from config.loader import load_flows
from flows.reading import read_reply

FLOWS = load_flows()
RANK = {"misread": 0, "wrong_likely": 1, "asked": 2, "confirmed": 3, "sure": 3}
LOCK = Path(__file__).parent / "corpus" / "locked.tsv"


def _locked() -> dict[tuple[str, str, str], str]:
    rows = (line.split("\t") for line in LOCK.read_text(encoding="utf-8").splitlines())
    return {(f, q, t): o for f, q, t, o in rows}


LOCKED = _locked()
ROWS = replies(CORPUS / "replies")


def test_every_corpus_reply_is_locked() -> None:
    missing = [(f, q, t) for f, q, t, _, _ in ROWS if (f, q, t) not in LOCKED]
    assert not missing, f"{len(missing)} corpus replies have no locked outcome: {missing[:5]}"


@pytest.mark.parametrize(("flow_id", "question_id", "text", "expect", "today"), ROWS,
                         ids=[f"{f}.{q}:{t[:40]}" for f, q, t, _, _ in ROWS])
def test_a_reply_is_read_no_worse_than_locked(flow_id: str, question_id: str, text: str,
                                              expect: str | None, today) -> None:
    flow = FLOWS[flow_id]
    question = flow.question(question_id)
    assert question is not None
    r = read_reply(question, text, today=today, fiscal_year_start=flow.fiscal_year_start)
    got = outcome(expect, r.choice.id if r.choice else None, r.confidence)
    was = LOCKED.get((flow_id, question_id, text), "misread")
    assert RANK[got] >= RANK[was], (
        f"{text!r} was read {was}, now {got}: {r.choice.id if r.choice else None} "
        f"({r.confidence}), expected {expect}")


def test_the_figures_hold() -> None:
    """The corpus as a whole: at least 89% read right, at most 2% misread as sure."""
    counts = {"right": 0, "misread": 0}
    for flow_id, question_id, text, expect, today in ROWS:
        flow = FLOWS[flow_id]
        r = read_reply(flow.question(question_id), text, today=today)  # type: ignore[arg-type]
        got = outcome(expect, r.choice.id if r.choice else None, r.confidence)
        counts["right"] += got in ("sure", "confirmed")
        counts["misread"] += got == "misread"
    assert counts["right"] / len(ROWS) >= 0.89
    assert counts["misread"] / len(ROWS) <= 0.02
