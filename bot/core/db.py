"""Engine, sessions and migrations.

SQLite is the default and gets what it needs to be safe under concurrency: WAL,
a busy timeout, and ``BEGIN IMMEDIATE`` for writing transactions, which queue on
one lock across the threads and processes sharing the file (``WriterLock``)
instead of failing, while readers (``reads``) never wait for the write lock.
PostgreSQL needs nothing special. Bound parameters are kept out of error
messages: they hold what people typed.
"""
from __future__ import annotations

import contextlib
import logging
import os
import random
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, Table, create_engine, event, insert, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from bot.core.errors import BadDatabaseURL

try:
    import fcntl
except ImportError:  # Windows: threads still queue; processes queue in SQLite
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

log = logging.getLogger(__name__)
T = TypeVar("T")
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_PG_MIGRATION_LOCK = 7_264_811  # advisory lock id: one instance migrates at a time
READ_ONLY = "qualibot_read_only"  # execution option of the engine behind read sessions


def database_url(url: str) -> URL:
    """DATABASE_URL parsed, ``postgresql://`` and ``postgres://`` meaning psycopg (installed
    with Qualibot); BadDatabaseURL when it is not a URL SQLAlchemy can read."""
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):  # its text is not repeated: it may hold a password
        raise BadDatabaseURL("DATABASE_URL is not a URL SQLAlchemy can read (is the port a "
                             "number, and are @ : / in the password %-encoded?): use one such "
                             "as postgresql://user:password@host:5432/qualibot") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine on ``url``; BadDatabaseURL (one line) when the URL names a database or a
    driver that is not there."""
    parsed = database_url(url)
    try:
        return _engine(parsed, **kwargs)
    except NoSuchModuleError:
        raise BadDatabaseURL(f"DATABASE_URL names {parsed.drivername}://, which is not a "
                             "database SQLAlchemy knows: use sqlite:///… or "
                             "postgresql://…") from None
    except ImportError as e:
        raise BadDatabaseURL(f"DATABASE_URL names {parsed.drivername}://, whose driver "
                             f"({e.name or 'its Python module'}) is not installed: use "
                             "postgresql://… (psycopg, installed with Qualibot) or "
                             "sqlite:///…") from None


def _engine(parsed: URL, **kwargs: Any) -> Engine:
    if parsed.get_backend_name() == "sqlite":
        # Connections to a file are cheap, and a writer holds one while it queues for the
        # write lock: enough for every thread, so that readers never wait behind writers.
        pool = {"pool_size": 64, "max_overflow": 64} if parsed.database not in (
            None, "", ":memory:") else {}
        engine = create_engine(parsed, connect_args={"timeout": 30, "check_same_thread": False},
                               hide_parameters=True, **{**pool, **kwargs})
        _tune_sqlite(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20,
                         hide_parameters=True, **kwargs)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below decide
        cur = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    database = engine.url.database
    writer = WriterLock(None if database in (None, "", ":memory:") else database + ".writer")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
            return
        if writer.acquire(timeout=30):
            conn.info["qualibot_writer"] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(conn)
            raise

    def _release(conn: Any) -> None:
        if conn.info.pop("qualibot_writer", False):
            writer.release()

    def _end(sql: str) -> Callable[[Any], None]:
        def end(conn: Any) -> None:
            """COMMIT (or ROLLBACK) here, then let the next writer in. SQLAlchemy's event
            comes before its own COMMIT, which then finds nothing left to do; releasing
            the lock before it would send the next writer into SQLite's busy handler."""
            if not conn.info.get("qualibot_writer"):
                return
            try:
                raw = conn.connection.dbapi_connection
                if raw is not None and raw.in_transaction:
                    raw.execute(sql)
            finally:
                _release(conn)
        return end

    event.listen(engine, "engine_disposed", lambda _engine: writer.close())
    event.listen(engine, "commit", _end("COMMIT"))
    event.listen(engine, "rollback", _end("ROLLBACK"))


class WriterLock:
    """One writer at a time on a SQLite file, across threads and processes (the web
    server's workers, a CLI command): threads queue on a lock, and the one thread of each
    process that holds it queues on ``flock`` of a file beside the database. Each waiter
    is woken the moment the writer before it finishes, instead of by SQLite's busy
    handler, whose sleeps grow to 100 ms and turn a burst of writes into a convoy.

    A process that stops (SIGSTOP) inside a write transaction holds writers of the other
    processes until it goes on or exits, as it holds SQLite's own lock; the kernel
    releases the file lock of a process that exits however it ends."""

    def __init__(self, path: str | None):
        self._path = path
        self._threads = threading.Lock()
        self._fd: tuple[int, int] | None = None  # (pid, fd): a forked child opens its own
        self._closer: weakref.finalize | None = None
        _LOCKS.add(self)

    def _after_fork(self) -> None:
        """In a forked child: a fresh thread lock (another thread of the parent may have
        held it) and none of the parent's descriptor (the child opens its own)."""
        self._threads = threading.Lock()
        if self._closer is not None:
            self._closer.detach()
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd[1])
        self._fd = self._closer = None

    def acquire(self, timeout: float) -> bool:
        """False if the lock was not had within ``timeout`` (then SQLite's own busy
        timeout still keeps writers apart)."""
        if not self._threads.acquire(timeout=timeout):
            return False
        if self._path is None or fcntl is None:
            return True
        try:
            fcntl.flock(self._open(), fcntl.LOCK_EX)
        except OSError as e:  # a read-only directory, say: SQLite's busy timeout remains
            log.warning("cannot lock %s (%s); writers queue in SQLite instead", self._path,
                        e.strerror)
            self._path = None
        return True

    def release(self) -> None:
        try:
            if self._path is not None and fcntl is not None and self._fd is not None:
                fcntl.flock(self._fd[1], fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def close(self) -> None:
        with self._threads:
            if self._closer is not None:
                self._closer()
            self._fd = self._closer = None

    def _open(self) -> int:
        if self._fd is None or self._fd[0] != os.getpid():
            assert self._path is not None
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o666)  # as umask allows
            self._fd = (os.getpid(), fd)
            self._closer = weakref.finalize(self, os.close, fd)
        return self._fd[1]


_LOCKS: weakref.WeakSet[WriterLock] = weakref.WeakSet()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: [lock._after_fork() for lock in list(_LOCKS)])

TRANSIENT = {"40P01", "40001"}  # PostgreSQL: deadlock detected, serialization failure


def transient(e: BaseException) -> bool:
    """A failure that the same transaction, tried again, is expected to get past."""
    return isinstance(e, OperationalError) and getattr(e.orig, "sqlstate", None) in TRANSIENT


def retrying(work: Callable[[], T], *, attempts: int = 3) -> T:
    """``work`` (which runs its own transactions), tried again after a transient failure:
    the database chose it as the victim of a deadlock, say."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except OperationalError as e:
            if not transient(e) or attempt == attempts:
                raise
            log.warning("database conflict (%s); trying again (%s of %s)",
                        getattr(e.orig, "sqlstate", "?"), attempt + 1, attempts)
            time.sleep(random.uniform(0.005, 0.02) * attempt)
    raise AssertionError("unreachable")


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions that write (on SQLite they take the write lock when they begin)."""
    return sessionmaker(engine, expire_on_commit=False)


def make_read_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions that only read: on SQLite they never queue behind writers."""
    return sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on error."""
    with sessions() as session, session.begin():
        yield session


def is_reachable(engine: Engine) -> bool:
    try:
        with engine.execution_options(**{READ_ONLY: True}).connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception as e:  # noqa: BLE001 -- any failure means "not ready"
        log.warning("database not reachable: %s", type(e).__name__)
        return False


def alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig  # imported when used: it is slow

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to date; safe when several instances start at once."""
    from alembic import command

    cfg = alembic_config(engine)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                conn.commit()
            except BaseException:
                conn.rollback()  # so that the unlock below runs and the real error shows
                raise
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_MIGRATION_LOCK})
                conn.commit()
    else:
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


class NoDatabase(Exception):
    """The database cannot be read; the message says what to do about it."""


@contextmanager
def reading(url: str) -> Iterator[Connection]:
    """A read-only connection to a migrated Qualibot database (reports, exports): on
    SQLite it never waits for writers, and a missing file is reported, not created."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).exists():
            raise NoDatabase(f"no database file at {parsed.database} (DATABASE_URL): run "
                             "`qualibot db upgrade` or start Qualibot once")
    engine = make_engine(url)
    try:
        with engine.execution_options(**{READ_ONLY: True}).connect() as conn:
            if not inspect(conn).has_table("scores"):
                raise NoDatabase("the database at DATABASE_URL has no Qualibot tables: run "
                                 "`qualibot db upgrade` or start Qualibot once")
            yield conn
    except OperationalError as e:
        raise NoDatabase(f"cannot read the database at DATABASE_URL: {type(e.orig).__name__}: "
                         f"{str(e.orig).splitlines()[0][:300]}") from None
    finally:
        engine.dispose()


# INSERT … ON CONFLICT DO NOTHING RETURNING the key, built once per dialect and table:
# no savepoint on the databases that have it.
_DIALECTS = {"sqlite": sqlite, "postgresql": postgresql}
_ADD_IF_NEW: dict[tuple[str, str], Any] = {}


def add_if_new(session: Session, table: Table, values: dict[str, Any], *,
               conflict: dict[str, Any] | None = None) -> Any:
    """The new row's primary key, or None if a row with its unique key exists already.

    ``conflict`` names the unique index to meet (``index_elements``, ``index_where``);
    without it, any unique constraint of the table."""
    conn = session.connection()
    dialect = _DIALECTS.get(conn.dialect.name)
    if dialect is not None:
        add = _ADD_IF_NEW.get((conn.dialect.name, table.name))
        if add is None:
            add = _ADD_IF_NEW.setdefault(
                (conn.dialect.name, table.name),
                dialect.insert(table).on_conflict_do_nothing(**(conflict or {}))
                .returning(*table.primary_key))
        return conn.execute(add, values).scalar()
    try:
        with session.begin_nested():
            return conn.execute(insert(table), values).inserted_primary_key[0]
    except IntegrityError:
        return None
