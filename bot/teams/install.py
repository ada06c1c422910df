"""The OAuth install ("Add to Slack"), with Bolt's own OAuth flow and slack_sdk's
SQLAlchemy installation and state stores in Qualibot's database.

``GET /slack/install`` shows the "Add to Slack" page and sets the state cookie;
``GET /slack/oauth_redirect`` checks the state (signed with SLACK_STATE_SECRET, then
consumed from the database: a forged one never reaches it, a replayed one is gone),
exchanges the code (``oauth.v2.access``) and stores the tokens per team, or per
enterprise for an org-wide install. A new team is noted, its glossary seeded, and the
installer welcomed in a DM.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from slack_bolt import BoltContext, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, and_, delete

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.core.models import BOTS_TABLE, INSTALLATIONS_TABLE, STATES_TABLE
from bot.glossary.seeding import seed
from bot.slack.dm import open_dm
from bot.slack.workspaces import Workspaces
from bot.teams import store, views

log = logging.getLogger(__name__)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600  # an install started and not finished within ten minutes starts again


MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
# What the OAuth install asks for when manifest.yml is not beside the code.
DEFAULT_BOT_SCOPES = ("commands", "chat:write", "im:write", "im:history", "im:read",
                      "users:read", "channels:history", "groups:history", "channels:read",
                      "groups:read")


def bot_scopes(path: Path = MANIFEST) -> list[str]:
    """The bot scopes ``manifest.yml`` declares: what the OAuth install asks for."""
    import yaml

    try:
        manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
        scopes = manifest["oauth_config"]["scopes"]["bot"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return list(DEFAULT_BOT_SCOPES)
    return [str(x) for x in scopes]


class SignedStates(OAuthStateStore):
    """States signed with SLACK_STATE_SECRET and kept in the database until used once: a
    forged state is refused by its signature, a replayed or expired one by the store."""

    def __init__(self, engine: Engine, secret: str, *, expiration_seconds: int = STATE_SECONDS):
        self.store = SQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds,
                                               engine=engine, table_name=STATES_TABLE)
        self._key = secret.encode()

    @property
    def logger(self) -> logging.Logger:
        return log

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._key, nonce.encode(), hashlib.sha256).hexdigest()

    def issue(self, *args: Any, **kwargs: Any) -> str:
        states = self.store.oauth_states
        now = normalize_datetime_for_db(datetime.now(tz=UTC))
        with self.store.engine.begin() as conn:  # installs never finished: let them go
            conn.execute(delete(states).where(states.c.expire_at <= now))
        nonce = self.store.issue()
        return f"{nonce}.{self._sign(nonce)}"

    def consume(self, state: str) -> bool:
        nonce, _, signature = state.partition(".")
        if not nonce or not hmac.compare_digest(signature, self._sign(nonce)):
            log.warning("OAuth install refused: a state Qualibot did not sign")
            return False
        states = self.store.oauth_states
        now = normalize_datetime_for_db(datetime.now(tz=UTC))
        with self.store.engine.begin() as conn:  # used once: the delete that finds it wins
            used = conn.execute(delete(states).where(and_(
                states.c.state == nonce, states.c.expire_at > now))).rowcount
        if not used:
            log.warning("OAuth install refused: the state was used already or expired")
        return bool(used)


class TeamAuthorize(Authorize):
    """Each request authorized with its team's bot from the installation store, through
    :class:`Workspaces` (kept a minute, rotated before it expires), without the
    ``auth.test`` per request Bolt's own authorize makes. A token Slack refuses is found
    out by the first call made with it (``bot.slack.guard``: the person told once)."""

    def __init__(self, workspaces: Workspaces):
        super().__init__()
        self.workspaces = workspaces

    def __call__(self, *, context: BoltContext, enterprise_id: str | None,
                 team_id: str | None, user_id: str | None,
                 **_: Any) -> AuthorizeResult | None:
        bot = self.workspaces.bot(team_id, enterprise_id)
        if bot is None:
            return None
        return AuthorizeResult(enterprise_id=bot.enterprise_id, team_id=team_id or bot.team_id,
                               bot_token=bot.bot_token, bot_id=bot.bot_id,
                               bot_user_id=bot.bot_user_id, bot_scopes=bot.bot_scopes,
                               user_id=user_id)


def installation_store(engine: Engine, client_id: str) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(client_id=client_id, engine=engine,
                                       bots_table_name=BOTS_TABLE,
                                       installations_table_name=INSTALLATIONS_TABLE)


def oauth_settings(deps: Deps, engine: Engine, client: WebClient, *, scopes: list[str],
                   installations: SQLAlchemyInstallationStore) -> OAuthSettings:
    settings = deps.settings
    assert settings.SLACK_CLIENT_ID and settings.SLACK_CLIENT_SECRET \
        and settings.SLACK_STATE_SECRET, "OAuth settings without OAuth credentials"

    def success(args: SuccessArgs) -> BoltResponse:
        installed(deps, client, args.installation)
        return args.default.success(args)  # type: ignore[no-any-return]

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("OAuth install not completed: %s", args.reason)
        return args.default.failure(args)  # type: ignore[no-any-return]

    return OAuthSettings(
        client_id=settings.SLACK_CLIENT_ID,
        client_secret=settings.SLACK_CLIENT_SECRET.get_secret_value(),
        scopes=scopes, user_scopes=[], install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH, installation_store=installations,
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=settings.SLACK_TOKEN_ROTATION_MINUTES,
        state_store=SignedStates(engine, settings.SLACK_STATE_SECRET.get_secret_value()),
        state_expiration_seconds=STATE_SECONDS,
        callback_options=CallbackOptions(success=success, failure=failure), logger=log)


def installed(deps: Deps, client: WebClient, installation: Installation) -> None:
    """After the tokens are stored: the team noted (who installed it: ``teams.installed_by``),
    its glossary seeded, the installer welcomed. A failure here is logged; the install
    itself stands."""
    team = installation.team_id
    log.info("Qualibot installed in %s %s by %s",
             "enterprise" if installation.is_enterprise_install else "team",
             installation.enterprise_id if installation.is_enterprise_install else team,
             installation.user_id)
    try:
        if team:
            with transaction(deps.sessions) as s:
                store.seen(s, team_id=team, enterprise_id=installation.enterprise_id,
                           name=installation.team_name, installed_by=installation.user_id,
                           now=deps.clock(), installed=True)
            seed(deps, deps.glossary, team=team)
        deps.forget_client(team)
        deps.said.forget(team or "")  # told again, should its token go again
    except Exception as e:  # noqa: BLE001 -- the install is done; the log says what is not
        log.error("team %s installed, but not noted: %s", team, describe(e))
    try:
        theirs = deps.client_for(team, client) if team else client
        if installation.is_enterprise_install or not team:
            theirs = WebClient(token=installation.bot_token, base_url=client.base_url,
                               timeout=client.timeout)
        dm = open_dm(theirs, installation.user_id)
        theirs.chat_postMessage(channel=dm, **views.welcome(
            installer=installation.user_id, sales_channel=deps.sales_channel(team),
            team=team, app_id=installation.app_id))
    except Exception as e:  # noqa: BLE001 -- a welcome is nice, not needed
        log.warning("could not welcome %s in team %s: %s", installation.user_id, team,
                    describe(e))
