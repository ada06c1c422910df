"""Settings, read once from the environment (and ``.env``) by the entry point.

Nothing here is a module-level singleton: ``load_settings()`` builds one
``Settings`` that is passed to whatever needs it.
"""
from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Where each required value comes from, for the one-line message at start-up.
WHERE = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-…) under OAuth & Permissions "
                       "in your app's settings at api.slack.com/apps",
    "SLACK_SIGNING_SECRET": "the Signing Secret under Basic Information → App Credentials "
                            "in your app's settings at api.slack.com/apps",
    "SALES_CHANNEL": "the ID (C…) of the channel that receives handoffs: in Slack, open the "
                     "channel's details, the ID is at the bottom of the About tab",
    "SLACK_APP_TOKEN": "an app-level token (xapp-…) with connections:write, under Basic "
                       "Information → App-Level Tokens",
}
# OAuth install ("Add to Slack", many workspaces): all three, or none (one workspace).
OAUTH = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


# The databases Qualibot runs on, by the scheme DATABASE_URL starts with (``postgres`` is
# the spelling Heroku and others hand out; it means PostgreSQL with psycopg, installed).
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "postgres": "PostgreSQL"}
DATABASE_EXAMPLE = ("sqlite:///qualibot.db or postgresql://user:password@host:5432/qualibot")
_SCHEME = re.compile(r"^(?P<backend>[A-Za-z][A-Za-z0-9.-]*)(?:\+(?P<driver>[A-Za-z0-9_]+))?://")


class SettingsError(Exception):
    """A setting is missing or wrong; the message names it and says where to get it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore", env_ignore_empty=True,
                                      case_sensitive=True)

    SLACK_BOT_TOKEN: SecretStr | None = None
    SLACK_SIGNING_SECRET: SecretStr | None = None
    SLACK_APP_TOKEN: SecretStr | None = None
    SLACK_API_URL: str = "https://slack.com/api/"
    DATABASE_URL: str = "sqlite:///qualibot.db"
    SALES_CHANNEL: str | None = None
    PORT: int = Field(default=3000, ge=1, le=65535)
    # OAuth install (many workspaces). Note: slack-bolt switches itself to OAuth whenever
    # SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are in the environment; Qualibot decides here,
    # from all three together, and hands Bolt its settings explicitly either way.
    SLACK_CLIENT_ID: str | None = None
    SLACK_CLIENT_SECRET: SecretStr | None = None
    SLACK_STATE_SECRET: SecretStr | None = None  # signs the OAuth state cookie
    SLACK_TOKEN_ROTATION_MINUTES: int = Field(default=120, ge=1, le=720)  # refresh this early

    # Operating knobs (optional; documented in the README).
    WEB_CONCURRENCY: int = Field(default=2, ge=1, le=64)  # web server worker processes
    WEB_THREADS: int = Field(default=8, ge=1, le=256)  # request threads per worker
    # Seconds a connection stays open for another request (0: closed after each response)
    WEB_KEEPALIVE: int = Field(default=0, ge=0, le=300)
    ACK_THREADS: int = Field(default=16, ge=1, le=256)  # Bolt listeners: they only acknowledge
    WORK_THREADS: int = Field(default=16, ge=1, le=256)  # the work after the ack, per worker
    LOG_LEVEL: str = "INFO"
    HANDOFF_RETRY_SECONDS: float = Field(default=1.0, gt=0, le=60)  # first retry; doubles after
    HANDOFF_LEASE_SECONDS: float = Field(default=60, ge=1, le=3600)  # one delivery attempt's hold
    HANDOFF_SLA_MINUTES: float = Field(default=60, ge=0)  # unclaimed this long: remind (0: off)
    HANDOFF_SLA_REMINDERS: int = Field(default=3, ge=0, le=50)  # at most this many per handoff
    HANDOFF_ESCALATE_TO: str = ""  # user (U…) and user group (S…) IDs mentioned, comma-separated
    DRAFT_REMIND_AFTER_HOURS: float = Field(default=24, ge=0)  # idle draft: DM a reminder (0: off)
    DRAFT_EXPIRE_AFTER_DAYS: float = Field(default=7, ge=0)  # idle draft: expire it (0: never)
    DRAFT_CHECK_SECONDS: float = Field(default=60, gt=0, le=3600)  # how often to look
    GLOSSARY_EDITORS: str = ""  # user IDs (U…) who change the glossary directly
    GLOSSARY_APPROVERS: str = ""  # user IDs who approve or reject everyone else's proposals
    CRM_WEBHOOK_URL: str | None = None  # qualified leads are also POSTed here as signed JSON
    CRM_WEBHOOK_SECRET: SecretStr | None = None  # the HMAC-SHA256 key for that signature
    QUALIBOT_FLOWS_DIR: Path | None = None  # a folder of flow files replacing the shipped ones
    QUALIBOT_FLOWS: str = "bant"  # the flows SDRs may use, comma-separated; the first is default
    QUALIBOT_GLOSSARY_FILE: Path | None = None  # a glossary file replacing the shipped one
    QUALIBOT_ROUTING_FILE: Path | None = None  # routing rules; default config/routing.yaml if any

    @field_validator("SLACK_API_URL")
    @classmethod
    def _api_url(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return v if v.endswith("/") else v + "/"

    @field_validator("DATABASE_URL")
    @classmethod
    def _database_url(cls, v: str) -> str:
        """The URL's shape and database, never its text: it may hold a password."""
        v = v.strip()
        m = _SCHEME.match(v)
        if m is None:
            raise ValueError(f"not a database URL: use one such as {DATABASE_EXAMPLE}")
        backend = m["backend"].lower()
        if backend not in DATABASES:
            raise ValueError(f"{m['backend']}:// is not a database Qualibot runs on "
                             f"(SQLite or PostgreSQL): use a URL such as {DATABASE_EXAMPLE}")
        return v

    @field_validator("SLACK_BOT_TOKEN")
    @classmethod
    def _bot_token(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not v.get_secret_value().startswith("xoxb-"):
            raise ValueError("must be a bot token starting with xoxb-")
        return v

    @field_validator("SALES_CHANNEL")
    @classmethod
    def _channel(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            return None
        if v is not None and v[:1] not in ("C", "G"):
            raise ValueError("must be a channel ID such as C0123ABCD, not a #name")
        return v

    @field_validator("GLOSSARY_EDITORS", "GLOSSARY_APPROVERS")
    @classmethod
    def _users(cls, v: str) -> str:
        ids = [x.strip() for x in v.split(",") if x.strip()]
        bad = [x for x in ids if not re.match(r"^[UW][A-Z0-9]{2,}$", x)]
        if bad:
            raise ValueError(f"{', '.join(bad)}: use Slack user IDs (U…), comma-separated")
        return ",".join(ids)

    def may_edit_glossary(self, user: str) -> bool:
        return user in self.GLOSSARY_EDITORS.split(",") or self.may_approve_glossary(user)

    def may_approve_glossary(self, user: str) -> bool:
        return bool(user) and user in self.GLOSSARY_APPROVERS.split(",")

    @property
    def glossary_approvers(self) -> list[str]:
        return [x for x in self.GLOSSARY_APPROVERS.split(",") if x]

    @field_validator("HANDOFF_ESCALATE_TO")
    @classmethod
    def _escalate(cls, v: str) -> str:
        ids = [x.strip() for x in v.split(",") if x.strip()]
        bad = [x for x in ids if not re.match(r"^[UWS][A-Z0-9]{2,}$", x)]
        if bad:
            raise ValueError(f"{', '.join(bad)}: use user IDs (U…) or user group IDs (S…)")
        return ",".join(ids)

    @field_validator("CRM_WEBHOOK_URL")
    @classmethod
    def _webhook(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return v

    @model_validator(mode="after")
    def _oauth_all_or_none(self) -> Settings:
        given = [n for n in OAUTH if getattr(self, n) is not None]
        if given and len(given) < len(OAUTH):
            missing = [n for n in OAUTH if n not in given]
            raise ValueError(f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} set "
                             f"but {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'}"
                             " not: set all three to install Qualibot in many workspaces "
                             "(OAuth), or none to serve the one workspace of SLACK_BOT_TOKEN")
        return self

    @model_validator(mode="after")
    def _webhook_secret(self) -> Settings:
        if self.CRM_WEBHOOK_URL and self.CRM_WEBHOOK_SECRET is None:
            raise ValueError("CRM_WEBHOOK_URL is set but CRM_WEBHOOK_SECRET is not: set a long "
                             "random secret and give it to the receiver to check signatures")
        return self

    @property
    def enabled_flows(self) -> list[str]:
        return [x.strip() for x in self.QUALIBOT_FLOWS.split(",") if x.strip()]

    @property
    def escalate_to(self) -> list[str]:
        return [x for x in self.HANDOFF_ESCALATE_TO.split(",") if x]

    @field_validator("LOG_LEVEL")
    @classmethod
    def _level(cls, v: str) -> str:
        if v.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return v.upper()

    @property
    def socket_mode(self) -> bool:
        return self.SLACK_APP_TOKEN is not None

    @property
    def oauth(self) -> bool:
        """Installed with "Add to Slack" in many workspaces, each with its own bot token."""
        return all(getattr(self, n) is not None for n in OAUTH)

    def require(self, *names: str) -> None:
        """Raise SettingsError for the first of ``names`` that is not set."""
        for name in names:
            if getattr(self, name) in (None, ""):
                raise SettingsError(f"{name} is not set: set it to {WHERE.get(name, 'a value')}")

    def require_serving(self) -> None:
        """What serving Slack needs: the token, and the signing secret in HTTP mode (the
        sales channel may be chosen in App Home instead of SALES_CHANNEL); with OAuth,
        the signing secret and HTTP (the install pages), tokens come per team."""
        if self.oauth:
            if self.socket_mode:
                raise SettingsError("SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: the OAuth "
                                    "install is served over HTTP; unset SLACK_APP_TOKEN")
            self.require("SLACK_SIGNING_SECRET")
            return
        self.require("SLACK_BOT_TOKEN")
        if not self.socket_mode:
            self.require("SLACK_SIGNING_SECRET")


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning validation errors into one readable line each."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as e:
        lines = []
        for err in e.errors():
            name = ".".join(str(p) for p in err["loc"])
            message = err["msg"].removeprefix("Value error, ")
            lines.append(f"{name} is invalid: {message}" if name else message)
        raise SettingsError("\n".join(lines)) from None
