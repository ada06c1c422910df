"""The settings an admin may change, checked with an error in words per field, and
merged over the environment's defaults (plain tables: no Slack, no database)."""
from typing import Any

import pytest

from bot.core.team import from_env
from bot.settings.effective import merge
from bot.settings.store import Stored
from bot.settings.values import TeamValues, check_secret, validate
from config.settings import Settings

LOADED = ["anum", "bant", "meddic"]
GOOD: dict[str, Any] = {
    "sales_channel": "C0SALES", "flows": ["bant", "meddic"], "default_flow": "bant",
    "sla_minutes": "30", "sla_reminders": "2", "escalate_to": ["U0BOSS", "S0LEADS"],
    "glossary_editors": ["U0ED"], "glossary_approvers": [], "admins": [],
    "draft_remind_hours": "24", "draft_expire_days": "7", "crm_webhook_url": None}


def test_good_values_are_read_into_their_types() -> None:
    v = validate(GOOD, loaded=LOADED)
    assert isinstance(v, TeamValues)
    assert v.sla_minutes == 30.0 and v.sla_reminders == 2 and v.flows == ("bant", "meddic")
    assert v.escalate_to == ("U0BOSS", "S0LEADS")


@pytest.mark.parametrize(("field", "value", "error"), [
    ("sales_channel", "#sales", "choose a channel"),
    ("flows", ["bant", "nope"], "nope: no such flow was loaded at start-up"),
    ("flows", [], "enable at least one flow"),
    ("sla_minutes", "-1", "must be 0 or more"),
    ("sla_minutes", "99999", "must be at most 10080"),
    ("sla_minutes", "soon", "must be a number"),
    ("sla_reminders", "1.5", "must be a whole number"),
    ("sla_reminders", "51", "must be at most 50"),
    ("escalate_to", ["sales-leads"], "sales-leads: not a person or a user group"),
    ("glossary_editors", ["S0GROUP"], "S0GROUP: not a person"),
    ("draft_expire_days", "-2", "must be 0 or more"),
    ("crm_webhook_url", "crm.example.com/hook", "must be an http(s) URL"),
])
def test_a_bad_value_is_named_with_what_is_accepted(field: str, value: Any, error: str) -> None:
    errors = validate({**GOOD, field: value}, loaded=LOADED)
    assert isinstance(errors, dict) and errors[field].startswith(error)


@pytest.mark.parametrize(("changed", "field", "error"), [
    ({"default_flow": "anum"}, "default_flow", "must be one of the flows enabled"),
    ({"draft_remind_hours": "48", "draft_expire_days": "1"}, "draft_expire_days",
     "must be later than the reminder"),
])
def test_settings_that_must_agree(changed: dict[str, Any], field: str, error: str) -> None:
    errors = validate({**GOOD, **changed}, loaded=LOADED)
    assert isinstance(errors, dict) and errors[field].startswith(error)


def test_the_secret_goes_with_the_url() -> None:
    assert check_secret(None, url=None, has_secret=False) is None
    assert check_secret(None, url="https://crm/x", has_secret=True) is None  # kept
    assert "needs a secret" in (check_secret(None, url="https://crm/x", has_secret=False) or "")
    assert "at least 16" in (check_secret("short", url=None, has_secret=False) or "")


def test_what_a_team_never_changed_is_the_environments() -> None:
    env = from_env(Settings(_env_file=None, SALES_CHANNEL="C0ENV", QUALIBOT_FLOWS="bant,anum",
                            HANDOFF_SLA_MINUTES=45, CRM_WEBHOOK_URL="https://crm/x",
                            CRM_WEBHOOK_SECRET="from-the-environment"),
                   "T1", LOADED, "bant")
    assert merge(env, None, LOADED) == env
    team = merge(env, Stored({"sales_channel": "C0TEAM", "default_flow": "anum",
                              "escalate_to": ["U0BOSS"]}, None, 3), LOADED)
    assert team.sales_channel == "C0TEAM" and team.flows == ("anum", "bant")
    assert team.sla_minutes == 45 and team.escalate_to == ("U0BOSS",) and team.version == 3
    assert team.crm_webhook_secret == "from-the-environment"
    assert "from-the-environment" not in repr(team)
    gone = merge(env, Stored({"flows": ["meddic", "retired"], "default_flow": "retired"},
                             "s" * 20, 4), LOADED)
    assert gone.flows == ("meddic",) and gone.crm_webhook_secret == "s" * 20
