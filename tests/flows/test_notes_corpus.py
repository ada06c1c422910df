"""Every call note of the corpus, locked: a change that reads a note worse fails here.

``notes.yaml`` holds call notes as SDRs paste them, each with the answers a sales manager
would record. ``notes_locked.tsv`` holds, for each note and each question of its flow,
how it is read today (written by ``python -m bench.reading --lock-notes
tests/flows/corpus/notes_locked.tsv``): filled, proposed, missed, filled or proposed
wrongly, or left alone when the note does not state it. An answer may get better, never
worse; nothing is ever filled wrongly.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bench.reading import CORPUS, NOTE_RANK, note_key, note_outcomes
from config.loader import load_flows

FLOWS = load_flows()
LOCK = Path(__file__).parent / "corpus" / "notes_locked.tsv"
DATA = yaml.safe_load((CORPUS / "notes.yaml").read_text(encoding="utf-8"))
TODAY = date.fromisoformat(str(DATA["today"]))
NOTES = DATA["notes"]


def _locked() -> dict[tuple[str, str], str]:
    rows = (line.split("\t") for line in LOCK.read_text(encoding="utf-8").splitlines())
    return {(k, q): o for k, q, o in rows}


LOCKED = _locked()


def test_every_note_is_locked() -> None:
    missing = [note_key(n["flow"], n["text"]) for n in NOTES
               if not any(k == note_key(n["flow"], n["text"]) for k, _ in LOCKED)]
    assert not missing, f"{len(missing)} notes have no locked outcome: {missing[:3]}"


@pytest.mark.parametrize("note", NOTES, ids=[note_key(n["flow"], n["text"]) for n in NOTES])
def test_a_note_is_read_no_worse_than_locked(note: dict) -> None:
    key = note_key(note["flow"], note["text"])
    worse = []
    for qid, got, cid, filled in note_outcomes(FLOWS[note["flow"]], note, TODAY):
        was = LOCKED.get((key, qid), "filled" if cid else "unstated")
        if NOTE_RANK[got] < NOTE_RANK[was]:
            seen = f"{filled.reading.choice.id} from {filled.sentence!r}" \
                if filled and filled.reading.choice else "-"
            worse.append(f"{qid}: was {was}, now {got} (expected {cid}, got {seen})")
    assert not worse, "\n".join(worse)


def test_no_note_is_filled_wrongly_more_than_locked() -> None:
    """The notes as a whole: filled wrongly stays at most what is locked."""
    now = sum(got in ("wrong", "unstated filled")
              for n in NOTES for _, got, _, _ in note_outcomes(FLOWS[n["flow"]], n, TODAY))
    locked = sum(o in ("wrong", "unstated filled") for o in LOCKED.values())
    assert now <= locked
