"""Call notes with amounts written the local way: the amount is the deal's size, at a
rough rate, so proposed; cut off by a sentence's full stop ("80 tys. zł"), still in its
currency."""
from __future__ import annotations

from datetime import date

import pytest

from config.loader import load_flows
from flows.reading import read_notes

FLOWS = load_flows()
TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("flow", "text", "question", "expect"), [
    ("bant", "Met Kenji (buchō). Budget 500万円, approved.", "size", ("from_10k", "likely")),
    ("bant", "Budget: 80 tys. zł rocznie, approved.", "size", ("from_10k", "likely")),
    ("bant", "Spoke to Anil, CFO (he signs). ~₹30 lakh for year one.", "size",
     ("from_10k", "likely")),
    ("bant", "Call w/ Tunde, IT manager. Deal size ~₦30m.", "size", ("from_10k", "likely")),
])
def test_a_local_amount_in_notes(flow: str, text: str, question: str,
                                 expect: tuple[str, str]) -> None:
    found = {f.question.id: f.reading for f in read_notes(FLOWS[flow], text, today=TODAY)}
    reading = found.get(question)
    assert reading is not None and reading.choice is not None
    assert (reading.choice.id, reading.confidence.value) == expect
