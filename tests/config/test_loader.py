"""Broken data stops start-up with file, line, key and what is wrong."""
from pathlib import Path

import pytest

from config.loader import ConfigError, load_flows, load_glossary

GOOD = """\
id: bant
name: Test
threshold: 5
questions:
  - id: need
    criterion: need
    text: Need?
    choices:
      - {id: yes_, label: "Yes", points: 5}
      - {id: no_, label: "No", points: 0}
"""


def write(tmp_path: Path, text: str, name: str = "bant.yaml") -> Path:
    (tmp_path / name).write_text(text)
    return tmp_path


def problems(directory: Path) -> list[str]:
    with pytest.raises(ConfigError) as e:
        load_flows(directory)
    return [str(p) for p in e.value.problems]


def test_good_flow_loads(tmp_path: Path) -> None:
    assert list(load_flows(write(tmp_path, GOOD))) == ["bant"]


def test_missing_points_names_file_line_and_key(tmp_path: Path) -> None:
    found = problems(write(tmp_path, GOOD.replace(', points: 0', '')))
    assert len(found) == 1
    assert "bant.yaml:10: questions[0].choices[1].points: Field required" in found[0]


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    found = problems(write(tmp_path, GOOD.replace("text: Need?", "text: [Need?")))
    assert "bant.yaml:" in found[0] and "not valid YAML" in found[0]


def test_unreachable_threshold(tmp_path: Path) -> None:
    found = problems(write(tmp_path, GOOD.replace("threshold: 5", "threshold: 6")))
    assert "can never be reached" in found[0] and "bant.yaml:1" in found[0]


def test_duplicate_question_ids(tmp_path: Path) -> None:
    text = GOOD + GOOD[GOOD.index("  - id: need"):]
    assert "duplicate question id(s): need" in problems(write(tmp_path, text))[0]


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    found = problems(write(tmp_path, GOOD.replace("threshold: 5", "threshold: 5\nthreshhold: 9")))
    assert "threshhold: Extra inputs are not permitted" in found[0]
    assert "bant.yaml:4" in found[0]


def test_missing_default_flow(tmp_path: Path) -> None:
    found = problems(write(tmp_path, GOOD.replace("id: bant", "id: other"), "other.yaml"))
    assert "no flow with id 'bant'" in found[0]


def test_shipped_glossary_and_flows_load() -> None:
    assert "bant" in load_flows()
    assert len(load_glossary().terms) >= 20


BRANCHED = GOOD + """\
  - id: who
    criterion: authority
    kind: text
    text: Who signs?
    ask_if: {question: need, is: [no_]}
"""


def test_branch_on_an_earlier_question_loads(tmp_path: Path) -> None:
    flow = load_flows(write(tmp_path, BRANCHED))["bant"]
    assert flow.question("who").ask_if.is_ == ("no_",)


@pytest.mark.parametrize(("change", "message"), [
    ("question: need, is: [no_]", "question: ghost, is: [no_]"),
    ("question: need, is: [no_]", "question: who, is: [no_]"),
    ("question: need, is: [no_]", "question: need, is: [maybe]"),
])
def test_bad_branches_are_refused(tmp_path: Path, change: str, message: str) -> None:
    found = problems(write(tmp_path, BRANCHED.replace(change, message)))
    assert len(found) == 1
    assert any(w in found[0] for w in ("not a question of this flow", "branch cycle",
                                       "does not have"))
    assert "bant.yaml:11: questions[1]: 'who'" in found[0]  # the question that branches


def test_knockout_must_name_a_tier(tmp_path: Path) -> None:
    text = GOOD.replace('{id: no_, label: "No", points: 0}',
                        '{id: no_, label: "No", points: 0, knockout: {reason: x, tier: gone}}')
    assert "names tier 'gone'" in problems(write(tmp_path, text))[0]


def test_yes_no_needs_yes_and_no(tmp_path: Path) -> None:
    text = GOOD.replace("    criterion: need\n", "    criterion: need\n    kind: yes_no\n")
    assert "ids yes and no" in problems(write(tmp_path, text))[0]


def test_tiers_need_one_handoff_and_a_floor(tmp_path: Path) -> None:
    text = GOOD.replace("threshold: 5", "tiers:\n  - {name: good, min: 5}\n"
                                        "  - {name: bad, min: 1}")
    assert "min: 0" in problems(write(tmp_path, text))[0]
    text = GOOD.replace("threshold: 5", "tiers:\n  - {name: good, min: 5}\n"
                                        "  - {name: bad, min: 0}")
    assert "exactly one tier must have handoff" in problems(write(tmp_path, text))[0]


def test_every_shipped_template_loads() -> None:
    flows = load_flows()
    assert {"bant", "anum", "champ", "meddic", "gpctba"} <= set(flows)
    assert [t.name for t in flows["meddic"].verdicts] == ["a", "b", "c", "d"]


MONEY = GOOD.replace("""    choices:
      - {id: yes_, label: "Yes", points: 5}
      - {id: no_, label: "No", points: 0}""", """    kind: money
    choices:
      - {id: big, label: "Big", points: 5, min: 1000}
      - {id: small, label: "Small", points: 0, max: 1000}""")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("min: 1000}", "min: 2000}", "leave a gap or overlap"),
    ("    kind: money\n", "", "min/max only apply"),
    ('label: "Small"', 'label: "Small", aliases: [big]', "name(s) more than one choice"),
    ("threshold: 5", "tiers:\n  - {name: good, min: 5, handoff: true}\n"
                     "  - {name: meh, min: 5}\n  - {name: bad, min: 0}", "same number"),
    ("max: 1000}", "max: 1000, knockout: {reason: x, tier: qualified}}", "hand the lead off"),
    ("id: bant", "id: Bant|x", "lower case letters"),
])
def test_flows_that_would_misbehave_are_refused(tmp_path: Path, old: str, new: str,
                                                message: str) -> None:
    found = problems(write(tmp_path, MONEY.replace(old, new), "bant.yaml"))
    assert any(message in p for p in found), found
