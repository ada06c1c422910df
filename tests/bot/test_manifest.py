"""``qualibot validate`` checks manifest.yml against what the app registers and calls."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]
QUALIBOT = shutil.which("qualibot", path=str(Path(sys.executable).parent)) or "qualibot"


def validate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "QUALIBOT_", "DATABASE_", "SALES_"))}
    return subprocess.run([QUALIBOT, "validate", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=env)


def test_the_shipped_manifest_declares_everything() -> None:
    done = validate()
    assert done.returncode == 0, done
    assert "manifest.yml: declares every command, shortcut" in done.stdout


def test_what_a_manifest_leaves_out_is_named(tmp_path: Path) -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    manifest["features"]["shortcuts"] = manifest["features"]["shortcuts"][1:]
    del manifest["functions"]
    manifest["settings"]["event_subscriptions"]["bot_events"].remove("app_home_opened")
    manifest["oauth_config"]["scopes"]["bot"].remove("im:write")
    path = tmp_path / "manifest.yml"
    path.write_text(yaml.safe_dump(manifest))
    done = validate("--manifest", str(path), str(ROOT / "config" / "flows"))
    assert done.returncode == 1, done
    assert [line.removeprefix(f"{path}: ") for line in done.stderr.splitlines()] == [
        "shortcut qualify_message is handled but not declared (features.shortcuts)",
        "workflow step qualify_lead is handled but not declared (functions)",
        "event app_home_opened is handled but not subscribed "
        "(settings.event_subscriptions.bot_events)",
        "conversations.open is called but none of its scopes is declared: im:write "
        "(oauth_config.scopes.bot)",
    ]


def oauth_validate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "QUALIBOT_", "DATABASE_", "SALES_"))}
    env.update(SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s", SLACK_STATE_SECRET="t")
    return subprocess.run([QUALIBOT, "validate", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=env)


def test_with_the_oauth_install_the_manifest_gives_the_redirect_url(tmp_path: Path) -> None:
    assert oauth_validate().returncode == 0  # the shipped manifest has it
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert {"app_uninstalled", "tokens_revoked"} <= set(
        manifest["settings"]["event_subscriptions"]["bot_events"])
    del manifest["oauth_config"]["redirect_urls"]
    path = tmp_path / "manifest.yml"
    path.write_text(yaml.safe_dump(manifest))
    done = oauth_validate("--manifest", str(path), str(ROOT / "config" / "flows"))
    assert done.returncode == 1 and "/slack/oauth_redirect" in done.stderr, done
