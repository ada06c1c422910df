"""Routing from the command line: `qualibot validate` and start-up refuse a broken
routing.yaml with file:line; `qualibot routing preview` replays it over past handoffs."""
import subprocess
from pathlib import Path

from tests.bot.test_preview_export import QUALIBOT, run_cli
from tests.bot.test_qualify import HOT, NINETEEN, TWENTY
from tests.fakeslack import FakeSlack
from tests.harness import Harness
from tests.processes import environment

ROUTING = """\
groups:
  enterprise:
    members: [U0ANA, U0BEN]
rules:
  - name: big deals
    when: {answers: {size: over_50k}}
    channel: C0ENTERPRISE
    assign: enterprise
"""


def test_validate_and_start_up_refuse_a_broken_routing_file(tmp_path: Path) -> None:
    broken = tmp_path / "team-rules.yaml"  # any name, when QUALIBOT_ROUTING_FILE names it
    broken.write_text(ROUTING.replace("over_50k", "over_9000"))
    env = environment(QUALIBOT_ROUTING_FILE=str(broken),
                      DATABASE_URL=f"sqlite:///{tmp_path}/q.db")
    r = subprocess.run([QUALIBOT, "validate"], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 1
    assert "team-rules.yaml:6: rules[0].when.answers.size: 'over_9000' is not an answer " \
           "of 'size'" in r.stderr
    r = subprocess.run([QUALIBOT, "serve"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=120, env={**env, "SLACK_BOT_TOKEN": "xoxb-x",
                                         "SLACK_SIGNING_SECRET": "s", "SALES_CHANNEL": "C0S"})
    assert r.returncode == 2 and "team-rules.yaml:6:" in r.stderr
    broken.write_text(ROUTING)
    r = subprocess.run([QUALIBOT, "validate"], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "team-rules.yaml: 1 routing rule(s) and 1 group(s) OK" in r.stdout


def test_routing_preview_counts_what_each_channel_and_ae_would_get(
        fake_slack: FakeSlack, sqlite_url: str, tmp_path: Path) -> None:
    with Harness.serve(fake_slack, sqlite_url) as h:  # today: no routing
        for i in range(3):
            h.qualify("U0SDR", f"Big {i}", HOT)
        h.qualify("U0SDR", "Small", TWENTY)
        h.qualify("U0SDR", "Cold", NINETEEN)  # not handed off: not replayed
    rules = tmp_path / "routing.yaml"
    rules.write_text(ROUTING)
    r = run_cli(sqlite_url, tmp_path, "routing", "preview", "--file", str(rules))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "4 past handoff(s)" in out
    table = {line.rsplit(None, 1)[0].strip(): int(line.rsplit(None, 1)[1])
             for line in out.splitlines() if line.strip() and line.split()[-1].isdigit()}
    assert table["rule 1 (big deals)"] == 3 and table["the default rule"] == 1
    assert table["#C0ENTERPRISE"] == 3 and table["#(SALES_CHANNEL)"] == 1
    assert table["U0ANA (enterprise)"] == 2 and table["U0BEN (enterprise)"] == 1
    assert table["open to the first to claim it"] == 1
    r = run_cli(sqlite_url, tmp_path, "routing", "preview", "--file", str(tmp_path / "no.yaml"))
    assert r.returncode == 1 and "no routing file" in r.stderr
