"""The shipped flows, and one typed reply read as the conversation would read it, for the
reader's tables of phrasings."""
from __future__ import annotations

from datetime import date

from config.loader import load_flows
from flows.reading import read_reply

FLOWS = load_flows()


def read_on(today: date, where: str, text: str) -> tuple[str | None, str]:
    """``text`` typed to ``where`` ("flow.question") on ``today``: (choice id, confidence)."""
    flow_id, question_id = where.split(".")
    flow = FLOWS[flow_id]
    question = flow.question(question_id)
    assert question is not None
    r = read_reply(question, text, today=today, fiscal_year_start=flow.fiscal_year_start)
    return (r.choice.id if r.choice else None), r.confidence.value
