"""``/define``'s text, parsed into what to do: a table, no Slack."""
import pytest

from bot.glossary.command import Form, History, ListAll, Lookup, parse


@pytest.mark.parametrize(("text", "expected"), [
    ("", ListAll()),
    ("   ", ListAll()),
    ("prospect", Lookup(("prospect",))),
    ("  qualified   sales lead ", Lookup(("qualified sales lead",))),
    ("lead vs contact", Lookup(("lead", "contact"))),
    ("lead VS. contact versus account", Lookup(("lead", "contact", "account"))),
    ("a vs b vs c vs d vs e", Lookup(("a", "b", "c", "d"))),  # four side by side at most
    ("add win rate", Form("win rate")),
    ("EDIT prospect", Form("prospect")),
    ("history prospect", History("prospect")),
    ("history", Lookup(("history",))),  # the word alone is a term to look up
    ("add", Lookup(("add",))),
    ('"history of the deal"', Lookup(("history of the deal",))),
    ('"add-on"', Lookup(("add-on",))),
    ('""', ListAll()),
    ("versus", Lookup(("versus",))),
])
def test_define_commands(text: str, expected: object) -> None:
    assert parse(text) == expected
