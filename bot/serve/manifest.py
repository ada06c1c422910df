"""``manifest.yml`` checked against what the app registers and calls: every slash
command, shortcut, workflow step (custom function) and event a listener handles is
declared, and every Web API method the code calls is covered by a declared bot scope.

What is registered is read off the Bolt app's listeners (slack-bolt's built-in matchers
keep what they match in their closures: ``command``, ``callback_id``, ``event_type``);
catch-alls (patterns) are left out. The methods called are the ``client.<method>(…)``
calls in the source.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slack_bolt import App

# The bot scopes each Web API method Qualibot calls needs: any one of them will do.
# An empty set: the method needs no scope (or the token alone).
SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "chat.update": {"chat:write"},
    "chat.getPermalink": set(),
    "conversations.open": {"im:write"},
    "conversations.history": {"channels:history", "groups:history", "im:history"},
    "conversations.info": {"channels:read", "groups:read"},
    "conversations.join": {"channels:join"},
    "usergroups.list": {"usergroups:read"},
    "users.info": {"users:read"},
    "users.getPresence": {"users:read"},
    "views.open": set(),
    "views.publish": set(),
    "views.update": set(),
    "functions.completeSuccess": set(),
    "functions.completeError": set(),
    "apps.connections.open": set(),  # the app-level token's connections:write
}
_CALL = re.compile(r"\bclient\.((?:chat|conversations|users|views|functions|auth|apps|files|"
                   r"reactions|team|bots|usergroups)_[A-Za-z_]+)\(")


@dataclass
class Registered:
    commands: set[str] = field(default_factory=set)
    shortcuts: set[str] = field(default_factory=set)
    functions: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)


def registered(app: App) -> Registered:
    """What the app's listeners handle, by name (patterns left out)."""
    found = Registered()
    for listener in app._listeners:  # noqa: SLF001 -- Bolt exposes no public list
        for matcher in listener.matchers[:1]:  # the primary matcher comes first
            func = getattr(matcher, "func", None)
            code = getattr(func, "__code__", None)
            if func is None or code is None:
                continue
            cells = dict(zip(code.co_freevars, (c.cell_contents for c in
                                                 func.__closure__ or ()), strict=False))
            kind = func.__qualname__.split(".", 1)[0]
            name = cells.get("command") or cells.get("callback_id") or cells.get("event_type")
            if isinstance(cells.get("constraints"), dict) and kind == "event":
                name = cells["constraints"].get("type")
            if not isinstance(name, str):
                continue
            if kind == "command":
                found.commands.add(name)
            elif kind in ("shortcut", "global_shortcut", "message_shortcut"):
                found.shortcuts.add(name)
            elif kind == "function_executed":
                found.functions.add(name)
            elif kind == "event":
                found.events.add(name)
    return found


def methods_called(sources: Iterable[Path]) -> set[str]:
    """Web API methods the code calls, ``client.chat_postMessage(`` → chat.postMessage."""
    found = set()
    for path in sources:
        for m in _CALL.finditer(path.read_text(encoding="utf-8")):
            family, _, rest = m.group(1).partition("_")
            found.add(f"{family}.{rest}")
    return found


def problems(manifest: dict[str, Any], app: App, methods: set[str]) -> list[str]:
    """What the manifest fails to declare; [] when it declares everything."""
    features = manifest.get("features") or {}
    settings = manifest.get("settings") or {}
    commands = {c.get("command") for c in features.get("slash_commands") or []}
    shortcuts = {s.get("callback_id") for s in features.get("shortcuts") or []}
    functions = set(manifest.get("functions") or {})
    events = set((settings.get("event_subscriptions") or {}).get("bot_events") or [])
    scopes = set(((manifest.get("oauth_config") or {}).get("scopes") or {}).get("bot") or [])
    got = registered(app)
    out = [f"slash command {c} is handled but not declared (features.slash_commands)"
           for c in sorted(got.commands - commands)]
    out += [f"shortcut {s} is handled but not declared (features.shortcuts)"
            for s in sorted(got.shortcuts - shortcuts)]
    out += [f"workflow step {f} is handled but not declared (functions)"
            for f in sorted(got.functions - functions)]
    if got.functions and "function_executed" not in events:
        out.append("workflow steps are served but the function_executed event is not "
                   "subscribed (settings.event_subscriptions.bot_events)")
    for event in sorted(got.events):
        subscribed = any(e.split(".", 1)[0] == event for e in events) \
            if event == "message" else event in events
        if not subscribed:
            out.append(f"event {event} is handled but not subscribed "
                       "(settings.event_subscriptions.bot_events)")
    for method in sorted(methods):
        needed = SCOPES.get(method)
        if needed is None:
            out.append(f"{method} is called, and which scope it needs is not known here "
                       "(bot/serve/manifest.py SCOPES)")
        elif needed and not needed & scopes:
            out.append(f"{method} is called but none of its scopes is declared: "
                       f"{', '.join(sorted(needed))} (oauth_config.scopes.bot)")
    return out


def check(path: Path, *, settings: Any, flows: dict[str, Any], glossary: Any) -> list[str]:
    """``problems`` of the manifest file at ``path`` for the app these settings build (no
    database or Slack is contacted: the app is only registered, never run)."""
    import yaml
    from pydantic import SecretStr

    import bot
    from bot.core.db import make_engine, make_sessions
    from bot.core.deps import Deps
    from bot.serve.runtime import bolt_app
    from bot.slack.client import Identity
    from bot.slack.http import PooledWebClient

    try:
        manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        return [f"cannot read it: {e}"]
    if not isinstance(manifest, dict):
        return ["it is not a YAML mapping"]
    offline = settings.model_copy(update={
        "SLACK_BOT_TOKEN": SecretStr("xoxb-validate"),
        "SLACK_SIGNING_SECRET": SecretStr("validate"), "SLACK_APP_TOKEN": None})
    engine = make_engine("sqlite://")
    quiet = logging.getLogger("slack_bolt")  # Bolt warns about the token it is not given
    level, quiet.level = quiet.level, logging.ERROR
    try:
        deps = Deps(settings=offline, sessions=make_sessions(engine), flows=flows,
                    glossary=glossary)
        app = bolt_app(deps, PooledWebClient(token="xoxb-validate"),
                       Identity(team_id="T0", bot_user_id="U0", bot_id="B0"))
    finally:
        quiet.setLevel(level)
        engine.dispose()
    sources = Path(bot.__file__).parent.rglob("*.py")
    found = problems(manifest, app, methods_called(sources))
    redirects = ((manifest.get("oauth_config") or {}).get("redirect_urls") or [])
    if settings.oauth and not any(str(u).endswith("/slack/oauth_redirect") for u in redirects):
        found.append("the OAuth install is on (SLACK_CLIENT_ID) but no redirect URL ends in "
                     "/slack/oauth_redirect (oauth_config.redirect_urls)")
    return found
