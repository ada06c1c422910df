"""Every feature's Slack listeners, registered on one Bolt app: the request guard first,
and last what acknowledges anything no feature handles."""
from __future__ import annotations

from slack_bolt import App

from bot.admin import listeners as admin
from bot.core.deps import Deps
from bot.glossary import listeners as glossary
from bot.handoff import listeners as handoff
from bot.home import listeners as home
from bot.qualify import entry as qualify_entry
from bot.qualify import listeners as qualify
from bot.slack import guard


def register(app: App, deps: Deps) -> None:
    guard.register(app, deps)
    qualify.register(app, deps)
    qualify_entry.register(app, deps)  # shortcuts, the answers form, the workflow step
    home.register(app, deps)
    handoff.register(app, deps)
    glossary.register(app, deps)
    admin.register(app, deps)  # the team's settings, in App Home
    guard.register_last(app)
