"""The stack floor: what Qualibot's fixed stack and the least its conversation must do
cost by themselves, on the bare app's server and Bolt set-up (``bench.bare``).

The master imports the stack (SQLAlchemy and its ORM, pydantic and pydantic-settings,
APScheduler), reads its settings with a pydantic-settings class, defines two tables with
the ORM and creates them, then freezes what it built before it forks, as Qualibot does.
Each worker builds its Bolt app and starts a scheduler with one job. Per request:
- ``/qualify`` inserts a draft (one transaction) and posts question 1;
- a click stores the answer in the draft (one transaction: read and write), turns the
  answered message into its answer (``chat.update``) and posts the next question;
- Submit writes the handoff (one transaction), turns the review into its answer and
  posts the card to the sales channel.

Run by ``bench.run`` as ``python -m bench.stack`` (slack_sdk's ``WebClient``, a
connection per call, as the bare app) or ``python -m bench.stack keep-alive`` (Qualibot's
``PooledWebClient``: kept-alive connections, as Qualibot).
"""
from __future__ import annotations

import gc
import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import JSON, Engine, ForeignKey, create_engine, delete, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from bench.bare import STEPS, Server, _buttons, bolt_app


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    SLACK_BOT_TOKEN: SecretStr
    SLACK_SIGNING_SECRET: SecretStr
    SLACK_API_URL: str = "https://slack.com/api/"
    SALES_CHANNEL: str
    DATABASE_URL: str = "sqlite:///qualibot.db"
    DRAFT_IDLE_HOURS: int = 72


class Base(DeclarativeBase):
    pass


def _now() -> datetime:
    return datetime.now(UTC)


class Draft(Base):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead: Mapped[str]
    user: Mapped[str]
    step: Mapped[int] = mapped_column(default=0)
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


class Handoff(Base):
    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), unique=True)
    lead: Mapped[str]
    user: Mapped[str]
    answers: Mapped[dict[str, str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=_now)


def engine_for(url: str) -> Engine:
    """SQLite as Qualibot sets it up: WAL, a busy timeout, and transactions that take the
    write lock at BEGIN (each one here writes), so none fails upgrading a read."""
    engine = create_engine(url, pool_size=16, max_overflow=16,
                           connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def expire_idle(engine: Engine, hours: int) -> None:
    with Session(engine) as db, db.begin():
        db.execute(delete(Draft).where(Draft.updated_at < _now() - timedelta(hours=hours),
                                       Draft.step <= STEPS))


def build(settings: Settings, engine: Engine, keep_alive: bool) -> App:
    token = settings.SLACK_BOT_TOKEN.get_secret_value()
    if keep_alive:
        from bot.slack.http import PooledWebClient, pool_listener_clients
        client: WebClient = PooledWebClient(token=token, base_url=settings.SLACK_API_URL)
    else:
        client = WebClient(token=token, base_url=settings.SLACK_API_URL)
    app = bolt_app(client, settings.SLACK_SIGNING_SECRET.get_secret_value())
    if keep_alive:
        pool_listener_clients(app, client)  # type: ignore[arg-type]
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(expire_idle, IntervalTrigger(hours=1, timezone="UTC"),
                      args=[engine, settings.DRAFT_IDLE_HOURS], id="draft_expiry")
    scheduler.start()

    @app.command("/qualify")
    def qualify(ack: Any, command: dict[str, Any], client: WebClient) -> None:
        ack({"response_type": "ephemeral", "text": "Questions are in your DMs."})
        with Session(engine) as db, db.begin():
            draft = Draft(lead=command["text"], user=command["user_id"])
            db.add(draft)
            db.flush()
            draft_id = draft.id
        dm = client.conversations_open(users=command["user_id"])["channel"]["id"]
        client.chat_postMessage(channel=dm, text="Question 1", blocks=_buttons(0, str(draft_id)))

    @app.action(re.compile(r"^step:\d+$"))
    def step(ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        value, _, draft_id = action["value"].partition("|")
        n, answer = int(value), action["text"]["text"]
        with Session(engine) as db, db.begin():
            draft = db.get_one(Draft, int(draft_id))
            if n > STEPS:
                db.add(Handoff(draft_id=draft.id, lead=draft.lead, user=draft.user,
                               answers=draft.answers))
            else:
                draft.answers = {**draft.answers, str(n): answer}
            draft.step = n
            lead = draft.lead
        dm = body["container"]["channel_id"]
        client.chat_update(channel=dm, ts=body["container"]["message_ts"], text=answer,
                           blocks=[{"type": "section", "text": {"type": "mrkdwn",
                                                                "text": f"*{answer}*"}}])
        if n > STEPS:
            client.chat_postMessage(channel=settings.SALES_CHANNEL, text=f"Card: {lead}")
        else:
            client.chat_postMessage(channel=dm, text="Review" if n == STEPS else
                                    f"Question {n + 1}", blocks=_buttons(n, draft_id))
    gc.collect()
    gc.freeze()
    return app


def main(keep_alive: bool) -> None:
    settings = Settings()  # type: ignore[call-arg]
    if keep_alive:  # before the fork, as Qualibot imports all its workers use
        import bot.slack.http  # noqa: F401
    engine = engine_for(settings.DATABASE_URL)
    Base.metadata.create_all(engine)
    engine.dispose()  # each worker opens its own connections
    gc.collect()
    gc.freeze()  # before the fork: the workers share what the master built
    Server(lambda: build(settings, engine, keep_alive)).run()


if __name__ == "__main__":
    main(keep_alive=sys.argv[1:] == ["keep-alive"])
