"""The shipped flows, and one typed reply or call note read as the conversation would read
it, for the reader's tables of phrasings."""
from __future__ import annotations

from datetime import date

from config.loader import load_flows
from flows.reading import read_notes, read_reply

FLOWS = load_flows()


def read_on(today: date, where: str, text: str) -> tuple[str | None, str]:
    """``text`` typed to ``where`` ("flow.question") on ``today``: (choice id, confidence)."""
    flow_id, question_id = where.split(".")
    flow = FLOWS[flow_id]
    question = flow.question(question_id)
    assert question is not None
    r = read_reply(question, text, today=today, fiscal_year_start=flow.fiscal_year_start)
    return (r.choice.id if r.choice else None), r.confidence.value


def notes_on(today: date, flow_id: str, text: str) -> dict[str, str]:
    """What call notes fill in for ``flow_id``, by question: the choice id, with a "?" where
    it is only proposed."""
    return {f.question.id: f.reading.choice.id + ("" if f.reading.sure else "?")
            for f in read_notes(FLOWS[flow_id], text, today=today) if f.reading.choice}
