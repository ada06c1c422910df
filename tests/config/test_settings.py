"""Settings come from the environment, validated once, failing with a usable line."""
import pytest

from config.settings import SettingsError, load_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "PORT", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings(_env_file=None)
    assert s.DATABASE_URL.startswith("sqlite:///") and s.PORT == 3000
    assert s.SLACK_API_URL == "https://slack.com/api/"


def test_missing_token_names_the_variable_and_where_to_get_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    s = load_settings(_env_file=None, SALES_CHANNEL="C1", SLACK_SIGNING_SECRET="x")
    with pytest.raises(SettingsError, match=r"^SLACK_BOT_TOKEN is not set: .*xoxb"):
        s.require_serving()


def test_signing_secret_not_needed_in_socket_mode() -> None:
    s = load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1", SALES_CHANNEL="C1",
                      SLACK_APP_TOKEN="xapp-1", SLACK_SIGNING_SECRET=None)
    s.require_serving()
    assert s.socket_mode


@pytest.mark.parametrize(("name", "value", "message"), [
    ("SLACK_BOT_TOKEN", "xoxp-user", "starting with xoxb-"),
    ("SALES_CHANNEL", "#sales", "channel ID"),
    ("PORT", "eighty", "PORT is invalid"),
    ("SLACK_API_URL", "slack.com", "http"),
    ("DATABASE_URL", "qualibot.db", "DATABASE_URL is invalid: not a database URL"),
    ("DATABASE_URL", "mysql://qb:pw@db/qb", "mysql:// is not a database Qualibot runs on"),
    ("DATABASE_URL", "postgress://qb:pw@db/qb", "postgress:// is not a database"),
    ("DATABASE_URL", "://qb:pw@db/qb", "not a database URL"),
])
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        load_settings(_env_file=None)


def test_tokens_do_not_show_in_repr() -> None:
    s = load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-secret-value")
    assert "xoxb-secret-value" not in repr(s)


@pytest.mark.parametrize("url", ["sqlite:///qualibot.db", "sqlite://", "postgres://qb@db/qb",
                                 "postgresql://qb:pw@db:5432/qb", "postgresql+psycopg://db/qb",
                                 " postgresql://db/qb "])
def test_database_urls_qualibot_runs_on(url: str) -> None:
    assert load_settings(_env_file=None, DATABASE_URL=url).DATABASE_URL == url.strip()


def test_a_refused_database_url_is_not_repeated() -> None:
    with pytest.raises(SettingsError) as e:
        load_settings(_env_file=None, DATABASE_URL="mysql://qb:hunter2@db/qb")
    assert "hunter2" not in str(e.value) and len(str(e.value).splitlines()) == 1
