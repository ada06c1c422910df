"""Slack listeners: each module registers its own; this one wires them up."""
from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.listeners import define, dm, guard, handoff, home, qualify


def register(app: App, deps: Deps) -> None:
    guard.register(app, deps)
    qualify.register(app, deps)
    dm.register(app, deps)
    home.register(app, deps)
    handoff.register(app, deps)
    define.register(app, deps)
