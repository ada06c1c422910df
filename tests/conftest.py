"""Shared fixtures: databases, the fake Slack, and Qualibot served over real HTTP."""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.fakeslack import FakeSlack

if TYPE_CHECKING:
    from tests.harness import Harness

PG_ENV = "QUALIBOT_TEST_POSTGRES_URL"
PG_HINT = (f"set {PG_ENV}=postgresql://postgres@127.0.0.1:5432/test to run the PostgreSQL tests")


def _postgres_base() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set in CI: the PostgreSQL tests must run. {PG_HINT}")
        pytest.skip(f"no PostgreSQL: {PG_HINT}")
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/qualibot.db"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema in the test database, dropped afterwards."""
    base = _postgres_base()
    assert base is not None
    parsed = make_url(base).set(drivername="postgresql+psycopg")
    schema = "qb_" + secrets.token_hex(6)
    admin = create_engine(parsed)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as e:  # noqa: BLE001
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {base} is not usable: {e}")
        pytest.skip(f"PostgreSQL at {base} is not usable ({type(e).__name__}); {PG_HINT}")
    url = parsed.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def qualibot(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    """Qualibot on SQLite, served over HTTP on a free port, talking to the fake Slack."""
    from tests.harness import Harness

    with Harness.serve(fake_slack, sqlite_url) as h:
        yield h


@pytest.fixture
def qualibot_any_db(fake_slack: FakeSlack, database_url: str) -> Iterator[Harness]:
    """Qualibot served over HTTP, once on SQLite and once on PostgreSQL."""
    from tests.harness import Harness

    with Harness.serve(fake_slack, database_url) as h:
        yield h

