"""routing.yaml: a broken file is refused with file, line, key and what is wrong."""
from pathlib import Path

import pytest

from config.loader import ConfigError, load_flows, load_routing

FLOWS = load_flows(check_examples=False)

GOOD = """\
groups:
  enterprise:
    members: [U0ANA, {user: U0BEN, weight: 2}]
    daily_cap: 8
    fallback: smb
  smb:
    members: [U0CY]
rules:
  - name: big deals
    when: {answers: {size: over_50k}}
    channel: C0ENTERPRISE
    assign: enterprise
    accept_within_minutes: 30
  - when: {flow: meddic, verdict: a}
    channel: G0MEDDIC
default:
  assign: smb
"""


def load(tmp_path: Path, text: str):
    path = tmp_path / "routing.yaml"
    path.write_text(text)
    return load_routing(path, FLOWS)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as e:
        load(tmp_path, text)
    return [str(p).split("routing.yaml", 1)[1] for p in e.value.problems]


def test_a_good_file_loads(tmp_path: Path) -> None:
    routing = load(tmp_path, GOOD)
    assert [r.channel for r in routing.rules] == ["C0ENTERPRISE", "G0MEDDIC"]
    assert routing.groups["enterprise"].members[1].weight == 2
    assert routing.default.assign == "smb" and routing.default.channel is None
    assert routing.fallbacks("enterprise") == ["enterprise", "smb"]


@pytest.mark.parametrize("change, expected", [
    (("size: over_50k", "size: over_9000"),
     ":10: rules[0].when.answers.size: 'over_9000' is not an answer of 'size'"),
    (("size: over_50k", "region: emea"),
     ":10: rules[0].when.answers.region: 'region' is not a question of any flow"),
    (("flow: meddic", "flow: medic"),
     ":14: rules[1].when.flow: 'medic' is not a flow"),
    (("verdict: a}", "verdict: hot}"),
     ":14: rules[1].when.verdict: 'hot' is not a verdict of flow 'meddic'"),
    (("assign: enterprise", "assign: enterprize"),
     ":12: rules[0].assign: 'enterprize' is not a group (enterprise, smb)"),
    (("channel: C0ENTERPRISE", "channel: '#enterprise'"),
     ":11: rules[0].channel: '#enterprise' is not a channel ID (C… or G…"),
    (("members: [U0CY]", "members: []"),
     ":7: groups.smb: an empty group"),
    (("members: [U0CY]", "members: [ana]"),
     ":7: groups.smb.members[0].user: 'ana' is not a Slack user ID (U…)"),
    (("fallback: smb", "fallback: mid"),
     ":5: groups.enterprise.fallback: 'mid' is not a group"),
    (("members: [U0CY]", "members: [U0CY]\n    fallback: enterprise"),
     ":5: groups.enterprise.fallback: the fallbacks go round in a circle"),
    (("accept_within_minutes: 30", "accept_within_minutes: 0"),
     ":13: rules[0].accept_within_minutes: Input should be greater than 0"),
    (("  assign: smb", "  assign: nobody"), ":17: default.assign: 'nobody' is not a group"),
])
def test_a_broken_rule_is_refused_at_its_line(tmp_path: Path, change, expected) -> None:
    old, new = change
    assert old in GOOD
    found = problems(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_not_a_mapping_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "- just a list\n")[0].startswith(":1:")
