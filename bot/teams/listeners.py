"""A team's coming and going: first seen (noted, its glossary seeded), uninstalled or its
tokens revoked (the tokens deleted at once; its data stays until ``qualibot team delete``)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.listener.builtins import TokenRevocationListeners
from slack_sdk.oauth.installation_store import InstallationStore

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.glossary.seeding import seed
from bot.teams import store

log = logging.getLogger(__name__)


def register(app: App, deps: Deps, installations: InstallationStore | None) -> None:
    known: set[str] = set()
    lock = threading.Lock()

    if installations is not None:
        @app.middleware
        def first_seen(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
            """A team's first request on this process: noted (and its glossary seeded) if
            no instance saw it before; a workspace of an org-wide install arrives so."""
            team = context.team_id
            if team and team not in known:
                try:
                    with transaction(deps.sessions) as s:
                        new = store.seen(s, team_id=team, enterprise_id=context.enterprise_id,
                                         now=deps.clock())
                    if new:
                        seed(deps, deps.glossary, team=team)
                        log.info("team %s seen for the first time: glossary seeded", team)
                    with lock:
                        known.add(team)
                except Exception as e:  # noqa: BLE001 -- the request goes on; next time again
                    log.error("could not note team %s: %s", team, describe(e))
            return next()

    revocation = TokenRevocationListeners(installations) if installations is not None else None

    def gone(context: BoltContext, what: str) -> None:
        team = context.team_id
        with transaction(deps.sessions) as s:
            store.uninstalled(s, team_id=team or "", now=deps.clock())
        deps.forget_client(team)
        log.warning("Qualibot %s in team %s%s: its tokens are deleted, its data kept "
                    "(`qualibot team delete %s` removes it)", what, team,
                    f" (enterprise {context.enterprise_id})" if context.enterprise_id else "",
                    team)

    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext) -> None:
        if revocation is None:
            log.warning("Slack says Qualibot was uninstalled: SLACK_BOT_TOKEN works no more")
            return
        revocation.handle_app_uninstalled_events(context)
        gone(context, "was uninstalled")

    @app.event("tokens_revoked")
    def revoked(event: dict[str, Any], context: BoltContext) -> None:
        if revocation is None:
            log.warning("Slack says Qualibot's tokens were revoked: SLACK_BOT_TOKEN may work "
                        "no more")
            return
        revocation.handle_tokens_revoked_events(event, context)
        if (event.get("tokens") or {}).get("bot"):
            gone(context, "had its bot token revoked")
