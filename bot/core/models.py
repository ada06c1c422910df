"""Database tables (SQLAlchemy 2). The schema itself is made by Alembic migrations."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use UTC-aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Lead(Base):
    """A company or person being qualified; qualified again later, it keeps its history."""

    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # normalised, for "the same lead"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    qualifications: Mapped[list[Qualification]] = relationship(back_populates="lead",
                                                               order_by="Qualification.id")


class Qualification(Base):
    """One qualification conversation of a lead by an SDR, draft until scored."""

    __tablename__ = "qualifications"
    __table_args__ = (
        Index("ix_qualifications_sdr_status", "sdr_user_id", "status"),
        # One open draft per lead and SDR, even when two /qualify arrive at once.
        Index("uq_qualifications_open_draft", "lead_id", "sdr_user_id", unique=True,
              postgresql_where=text("status = 'draft'"), sqlite_where=text("status = 'draft'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"), index=True)
    flow_id: Mapped[str] = mapped_column(String(40))
    flow_version: Mapped[str] = mapped_column(String(12))
    sdr_user_id: Mapped[str] = mapped_column(String(32))
    dm_channel: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    question_ts: Mapped[str | None] = mapped_column(String(32))  # the last question message
    asked_question_id: Mapped[str | None] = mapped_column(String(40))  # …and what it asked
    editing_question_id: Mapped[str | None] = mapped_column(String(40))  # answer being changed
    preview_ts: Mapped[str | None] = mapped_column(String(32))  # the review's score preview
    revision: Mapped[int] = mapped_column(default=0, server_default="0")  # steps stored
    # Answers read as likely, waiting for the SDR's "yes" ([{question_id, choice_id, …}]).
    proposals: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)  # call notes pasted into it
    # The permalink of the Slack message it was started from (the message shortcut).
    source_url: Mapped[str | None] = mapped_column(String(500))
    # The Workflow Builder step waiting for its verdict (functions.completeSuccess/Error).
    function_execution_id: Mapped[str | None] = mapped_column(String(64))
    function_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # …told, when
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # idle reminder sent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    lead: Mapped[Lead] = relationship(back_populates="qualifications")
    answers: Mapped[list[AnswerRow]] = relationship(order_by="AnswerRow.id",
                                                    cascade="all, delete-orphan")
    score: Mapped[ScoreRow | None] = relationship(uselist=False)
    handoff: Mapped[Handoff | None] = relationship(uselist=False, back_populates="qualification")


class AnswerRow(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("qualification_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    qualification_id: Mapped[int] = mapped_column(ForeignKey("qualifications.id"))
    question_id: Mapped[str] = mapped_column(String(40))
    choice_id: Mapped[str] = mapped_column(String(40))
    typed: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(16))  # "notes": read from call notes
    points: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ScoreRow(Base):
    """The verdict, with its line items and the version of the rules that produced it."""

    __tablename__ = "scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    qualification_id: Mapped[int] = mapped_column(ForeignKey("qualifications.id"), unique=True)
    flow_id: Mapped[str] = mapped_column(String(40))
    flow_version: Mapped[str] = mapped_column(String(12))
    total: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[int] = mapped_column(Integer)
    max_total: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(40))  # the tier reached
    verdict_label: Mapped[str] = mapped_column(String(80), default="")
    handoff: Mapped[bool] = mapped_column(default=False)  # the tier goes to sales
    knockout: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the answer that settled it
    recheck_on: Mapped[date | None] = mapped_column(Date)  # when to qualify it again
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Handoff(Base):
    """A qualified lead handed to sales: its card in the channel, its claim, its fate."""

    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_assigned", "assigned_to", "assigned_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    qualification_id: Mapped[int] = mapped_column(ForeignKey("qualifications.id"), unique=True)
    channel: Mapped[str] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))  # the card, once posted
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_back_by: Mapped[str | None] = mapped_column(String(32))
    sent_back_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_back_reason: Mapped[str | None] = mapped_column(Text)
    reminders: Mapped[int] = mapped_column(Integer, default=0)  # SLA re-announcements made
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Routing (config/routing.yaml): the AE it is for until accepted, by when they must
    # accept before it moves on, how often it moved on, and the decision explained
    # ({"rule", "group", "why", "window", "most", "tried": [...], "passes": [...]}).
    assigned_to: Mapped[str | None] = mapped_column(String(32))
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accept_by: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reassignments: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    route: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    qualification: Mapped[Qualification] = relationship(back_populates="handoff")
    deliveries: Mapped[list[Outbox]] = relationship(back_populates="handoff",
                                                     order_by="Outbox.id")


class Outbox(Base):
    """One delivery of a handoff to one destination (the sales channel, the CRM webhook).

    Written in the verdict's transaction; the courier leases due rows, and only the
    holder of the current lease (``lease_token``) may record the result.
    """

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("handoff_id", "kind"),
                      Index("ix_outbox_due", "status", "next_attempt_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    handoff_id: Mapped[int] = mapped_column(ForeignKey("handoffs.id"))
    kind: Mapped[str] = mapped_column(String(16))  # "slack" | "webhook"
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|done|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_token: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    handoff: Mapped[Handoff] = relationship(back_populates="deliveries")


class Delivery(Base):
    """Slack deliveries already taken in, so that a redelivery changes nothing."""

    __tablename__ = "deliveries"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class TermRow(Base):
    """A glossary term as the team agreed it: seeded from the shipped YAML, then edited."""

    __tablename__ = "glossary_terms"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(80))  # flows.glossary.term_key, one per team
    term: Mapped[str] = mapped_column(String(80))
    definition: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON)
    see_also: Mapped[list[str]] = mapped_column(JSON)
    removed: Mapped[bool] = mapped_column(default=False)
    updated_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TermChange(Base):
    """Every change to the glossary, live or proposed: who, when, before and after."""

    __tablename__ = "glossary_changes"
    __table_args__ = (Index("ix_glossary_changes_team_key", "team_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(16))  # add | change | remove | revert | import
    status: Mapped[str] = mapped_column(String(16))  # live | proposed | rejected
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    messages: Mapped[list[list[str]]] = mapped_column(JSON, default=list)  # [channel, ts]


class LookupRow(Base):
    """One /define look-up, found or not: what the team searches for."""

    __tablename__ = "glossary_lookups"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    asked: Mapped[str] = mapped_column(String(120))
    key: Mapped[str] = mapped_column(String(120), index=True)
    found: Mapped[str | None] = mapped_column(String(80))
    user_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class RoutingTurn(Base):
    """A group member's place in the group's round robin (smooth weighted: its current
    weight). The group's rows are locked while a lead is assigned, so two instances never
    give out the same turn."""

    __tablename__ = "routing_turns"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    group: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    current: Mapped[int] = mapped_column(Integer, default=0)


class AwayRow(Base):
    """An AE who said ``/qualify away``: skipped by routing until ``/qualify back``."""

    __tablename__ = "away_members"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime())


class TeamSettingsRow(Base):
    """What a team's admins chose in App Home: only the settings they changed (``values``,
    by name; the rest are the environment's defaults), and the CRM webhook's secret apart.
    ``version`` goes up with every save, so that a form opened before another admin's
    save is not taken as a change of what it did not touch."""

    __tablename__ = "team_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    crm_webhook_secret: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(32))


class TeamSettingChange(Base):
    """One setting changed in App Home: who, when, before → after (a secret is recorded as
    set, changed or removed, never its value)."""

    __tablename__ = "team_setting_changes"
    __table_args__ = (Index("ix_team_setting_changes_team", "team_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    setting: Mapped[str] = mapped_column(String(40))
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class TeamRow(Base):
    """A Slack workspace Qualibot serves: first seen (installed, or the single workspace
    of SLACK_BOT_TOKEN), its enterprise for an org-wide install, and who installed it."""

    __tablename__ = "teams"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(200))
    installed_by: Mapped[str | None] = mapped_column(String(32))  # the installer's user id
    installed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uninstalled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


# Slack's OAuth install (bot.teams): slack_sdk's SQLAlchemy installation store and state
# store, their tables declared here as slack_sdk builds them, so that the migrations make
# them and the check that migrations match the models sees them.
INSTALLATIONS_TABLE, BOTS_TABLE, STATES_TABLE = ("slack_installations", "slack_bots",
                                                 "slack_oauth_states")


def _slack_tables() -> None:
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    SQLAlchemyInstallationStore.build_installations_table(Base.metadata, INSTALLATIONS_TABLE)
    SQLAlchemyInstallationStore.build_bots_table(Base.metadata, BOTS_TABLE)
    SQLAlchemyOAuthStateStore.build_oauth_states_table(Base.metadata, STATES_TABLE)


_slack_tables()
