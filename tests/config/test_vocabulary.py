"""The words of a flow (phrases, means, examples) are checked at load, with file and line,
and never change the flow's version."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from config.loader import FLOWS_DIR, ConfigError, load_flow, load_flows, load_model, load_vocabulary
from flows.model import Flow
from flows.reading.lexicon import Concept, Vocabulary

QUALIBOT = shutil.which("qualibot", path=str(Path(sys.executable).parent)) or "qualibot"
BANT_VERSION = "7b7b988f4e73"

# Line 8 is "choices:", line 9 the list of them (where a clash between two choices is shown).
FLOW = """\
id: bant
name: Test
threshold: 5
questions:
  - id: budget
    criterion: budget
    text: Budget?
    choices:
      - id: funded
        label: Funded
        points: 5
        FUNDED_WORDS
      - id: none
        label: No budget
        points: 0
        NONE_WORDS
"""
CHOICES_LINE = 9

# Two concepts that share a phrase, as two teams' words might.
VOCABULARY = Vocabulary(concepts={
    "approved": Concept(phrases=("signed off", "PO signed")),
    "pending": Concept(phrases=("Signed-Off",), keywords=("pending",)),
    "frozen": Concept(phrases=("budget frozen",)),
})


def flow_file(tmp_path: Path, funded: str = "", none: str = "", text: str = FLOW) -> Path:
    path = tmp_path / "bant.yaml"
    path.write_text(text.replace("FUNDED_WORDS", funded).replace("NONE_WORDS", none))
    return path


def refused(path: Path, vocabulary: Vocabulary | None = VOCABULARY) -> list[str]:
    with pytest.raises(ConfigError) as e:
        load_flow(path, vocabulary)
    return [str(p) for p in e.value.problems]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# -- a phrase means one answer of a question ----------------------------------------------

@pytest.mark.parametrize(("funded", "none", "phrase"), [
    ("means: [approved]", "means: [pending]", "signed off"),  # two concepts share it
    ("aliases: [po signed]", "means: [approved]", "po signed"),  # an alias and a concept
    ("means: [approved]", "phrases: ['Signed off!']", "signed off"),  # a concept and a phrase
])
def test_a_phrase_of_two_choices_is_refused_at_the_choices_line(
        tmp_path: Path, funded: str, none: str, phrase: str) -> None:
    path = flow_file(tmp_path, funded, none)
    (found,) = refused(path)
    assert found.startswith(f"{path}:{CHOICES_LINE}: questions[0].choices: 'budget': ")
    assert f"'{phrase}'" in found and "more than one choice" in found


def test_two_choices_with_their_own_words_load(tmp_path: Path) -> None:
    funded, none = load_flow(flow_file(tmp_path, "means: [approved]", "means: [frozen]"),
                             VOCABULARY).questions[0].choices
    assert "signed off" in funded.phrases and "budget frozen" in none.phrases


@pytest.mark.parametrize(("funded", "none", "phrase"), [
    ("phrases: [signed off]", "phrases: [Signed-Off!]", "signed off"),
    ("aliases: [budget approved]", "phrases: ['Budget approved.']", "budget approved"),
])
def test_a_phrase_of_two_choices_without_means_is_refused(tmp_path: Path, funded: str,
                                                         none: str, phrase: str) -> None:
    path = flow_file(tmp_path, funded, none)
    (found,) = refused(path)
    assert found.startswith(f"{path}:") and "questions[0].choices: 'budget': " in found
    assert f"['{phrase}'] name(s) more than one choice" in found


def test_a_phrase_of_two_choices_without_means_is_shown_at_the_choices_line(
        tmp_path: Path) -> None:
    path = flow_file(tmp_path, "phrases: [signed off]", "phrases: [Signed-Off!]")
    assert refused(path)[0].startswith(f"{path}:{CHOICES_LINE}:")


@pytest.mark.parametrize(("funded", "none", "phrase"), [
    ("phrases: [dont know]", "phrases: ['don’t know']", "dont know"),  # a curly apostrophe
    ("phrases: [cafe ok]", "phrases: [Café OK]", "cafe ok"),  # an accent
    ("phrases: [sign off]", "phrases: [signs off]", "sign off"),  # read alike by the reader
])
def test_phrases_the_reader_reads_alike_are_refused(tmp_path: Path, funded: str, none: str,
                                                    phrase: str) -> None:
    (found,) = refused(flow_file(tmp_path, funded, none), Vocabulary())
    assert f"['{phrase}'] name(s) more than one choice" in found


# -- means names concepts of the vocabulary -----------------------------------------------

def test_an_unknown_concept_is_refused_at_its_entry(tmp_path: Path) -> None:
    path = flow_file(tmp_path, "means:\n          - approved\n          - no_such_concept")
    (found,) = refused(path)
    assert found == (f"{path}:{line_of(path, '- no_such_concept')}: "
                     "questions[0].choices[0].means[1]: 'no_such_concept' is not a concept "
                     "of the vocabulary (approved, frozen, pending)")


def test_an_unknown_concept_lists_the_shipped_concepts(tmp_path: Path) -> None:
    vocabulary = load_vocabulary()
    path = flow_file(tmp_path, "means: [funded]", "means:\n          - no_budget\n"
                                                  "          - ghost")
    (found,) = refused(path, vocabulary)
    assert found.startswith(f"{path}:{line_of(path, '- ghost')}: "
                            "questions[0].choices[1].means[1]: 'ghost' is not a concept")
    assert found.endswith(f"({', '.join(sorted(vocabulary.concepts))})")


# -- examples read as their own choice ----------------------------------------------------

EXAMPLES = ("means: [funded]\n        examples:\n          - budget signed off\n"
            "          - approved?",  # proposed for a click ("likely"): still its choice
            "means: [no_budget]\n        examples:\n          - no budget at all\n"
            "          - LAST")


def test_examples_read_as_their_choice_pass(tmp_path: Path) -> None:
    funded, none = EXAMPLES
    flow = load_flow(flow_file(tmp_path, funded, none.replace("LAST", "nothing allocated")))
    assert flow.questions[0].choices[0].examples == ("budget signed off", "approved?")


@pytest.mark.parametrize(("example", "read_as"), [
    ("budget approved", "is read as 'funded' (sure)"),
    ("budjet aproved", "is read as 'funded' (sure)"),
    ("maybe", "is not read as any answer"),
])
def test_an_example_read_otherwise_is_refused_at_its_line(tmp_path: Path, example: str,
                                                          read_as: str) -> None:
    funded, none = EXAMPLES
    path = flow_file(tmp_path, funded, none.replace("LAST", example))
    assert refused(path, None) == [
        f"{path}:{line_of(path, f'- {example}')}: questions[0].choices[1].examples[1]: "
        f"example {example!r} of 'budget.none' {read_as}"]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "QUALIBOT_", "DATABASE_", "SALES_"))}
    return {**env, "NO_COLOR": "1"}


def validate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([QUALIBOT, "validate", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=environment())


def test_validate_prints_file_line_of_a_bad_example_and_exits_1(tmp_path: Path) -> None:
    funded, none = EXAMPLES
    path = flow_file(tmp_path, funded, none.replace("LAST", "budget approved"))
    done = validate("bant.yaml", cwd=tmp_path)
    assert done.returncode == 1, done
    assert done.stderr.splitlines() == [
        f"bant.yaml:{line_of(path, '- budget approved')}: questions[0].choices[1].examples[1]: "
        "example 'budget approved' of 'budget.none' is read as 'funded' (sure)"]
    assert "Traceback" not in done.stderr and "OK" not in done.stdout


def test_validate_passes_the_shipped_flows(tmp_path: Path) -> None:
    done = validate(str(FLOWS_DIR), *(str(p) for p in sorted(FLOWS_DIR.glob("*.yaml"))),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "6 flow(s) OK (anum, bant, champ, gpctba, meddic, truly_qualified)" in done.stdout
    assert f"flow 'bant' OK, version {BANT_VERSION}" in done.stdout
    assert done.stderr == ""


# -- reading words never change the version -----------------------------------------------

def shipped_bant(words: bool = False) -> dict:
    """The shipped BANT flow without its reading words, or with other ones."""
    data = yaml.safe_load((FLOWS_DIR / "bant.yaml").read_text())
    for q in data["questions"]:
        for c in q["choices"]:
            for key in ("phrases", "keywords", "titles", "means", "examples"):
                c.pop(key, None)
            if words:
                c.update(phrases=[f"zz {c['id']}"], keywords=[f"qq {c['id']}"],
                         means=["no_such_concept"], examples=["not checked here"])
    return data


def test_the_bant_version_ignores_its_reading_words(tmp_path: Path) -> None:
    assert load_flows()["bant"].version == BANT_VERSION  # phrases of `means` resolved
    assert load_model(FLOWS_DIR / "bant.yaml", Flow).version == BANT_VERSION  # as written
    bare = tmp_path / "bare.yaml"
    bare.write_text(yaml.safe_dump(shipped_bant()))
    assert "means" not in bare.read_text()
    assert load_model(bare, Flow).version == BANT_VERSION  # without any of them
    worded = tmp_path / "worded.yaml"
    worded.write_text(yaml.safe_dump(shipped_bant(words=True)))
    assert load_model(worded, Flow).version == BANT_VERSION
    data = shipped_bant()
    data["questions"][0]["choices"][0]["points"] = 4  # a scoring change does change it
    bare.write_text(yaml.safe_dump(data))
    assert load_model(bare, Flow).version != BANT_VERSION
