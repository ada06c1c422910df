"""``/qualify``'s text, parsed into what to do: a table, no Slack."""
import pytest

from bot.qualify.command import (
    MAX_LEAD,
    Away,
    Help,
    History,
    Problem,
    Rules,
    Start,
    Stats,
    help_text,
    parse,
)

FLOWS = ("bant", "anum", "meddic")
ENABLED = ("bant", "meddic")


def reads(notes: str, flow_id: str | None) -> bool:
    """Stands in for the notes reader: notes that mention a budget read as an answer."""
    return "budget" in notes.lower() or "cfo" in notes.lower()


def p(text: str):
    return parse(text, flows=FLOWS, enabled=ENABLED, stats_weeks=4, reads_notes=reads)


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme Corp", Start("Acme Corp")),
    ("  Acme   Corp  ", Start("Acme Corp")),
    ("Acme Corp --flow meddic", Start("Acme Corp", "meddic")),
    ("Acme Corp --flow=MEDDIC", Start("Acme Corp", "meddic")),
    ("--flow meddic Acme Corp", Start("Acme Corp", "meddic")),
    ("Acme --flow meddic Corp", Start("Acme --flow meddic Corp")),  # inside a name: the name
    ("Acme Corp --form", Start("Acme Corp", form=True)),
    ("--form Acme Corp", Start("Acme Corp", form=True)),
    ("Acme Corp --form --flow meddic", Start("Acme Corp", "meddic", form=True)),
    ("Acme Corp --flow meddic --form", Start("Acme Corp", "meddic", form=True)),
    ("Acme --form Corp", Start("Acme --form Corp")),  # inside a name: the name
    ('"Acme --form" --flow meddic', Start("Acme --form", "meddic")),
    ("--form", Problem("Which lead? Type the company or person after the command, for "
                       "example `/qualify Acme Corp`.")),
    ("Acme --form — CFO, budget approved", Problem(
        "Give call notes or ask for the form (`--form`), not both: the form has every "
        "question.")),
    ('"History Books"', Start("History Books")),
    ('"Stats"', Start("Stats")),
    ('"Rules Of Play" --flow meddic', Start("Rules Of Play", "meddic")),
    ("history", Problem("Whose history? For example `/qualify history Acme Corp`.")),
    ("history Acme Corp", History("Acme Corp")),
    ("HISTORY Acme Corp --flow anum", History("Acme Corp", "anum")),
    ('history "Stats"', History("Stats")),
    ("History Books", History("Books")),  # as before: quote a lead that starts with history
    ("stats", Stats(4)),
    ("stats 12", Stats(12)),
    ("stats 0", Problem("Look back 1 to 104 weeks, e.g. `/qualify stats 12`.")),
    ("stats --flow bant", Problem("Stats count every flow together; leave out `--flow`.")),
    ("stats and co", Start("stats and co")),  # not a number of weeks: a lead's name
    ("rules", Rules()),
    ("rules meddic", Rules("meddic")),
    ("rules --flow anum", Rules("anum")),  # any known flow's rules may be read
    ("rules of engagement", Start("rules of engagement")),
    ("help", Help()),
    ("help desk inc", Start("help desk inc")),
    ("away", Away(True)),
    ("BACK", Away(False)),
    ("away team", Start("away team")),
    ('"Away"', Start("Away")),
    ("", Problem("Which lead? Type the company or person after the command, for example "
                 "`/qualify Acme Corp`.")),
    ('""', Problem("Which lead? Type the company or person after the command, for example "
                   "`/qualify Acme Corp`.")),
    ("Acme --flow anum", Problem("There is no flow “anum” in use here; pick one of: bant, "
                                 "meddic.")),
    ("Acme --flow nope", Problem("There is no flow “nope” in use here; pick one of: bant, "
                                 "meddic.")),
    ("rules nope", Start("rules nope")),
])
def test_commands(text: str, expected: object) -> None:
    assert p(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme Corp — talked to Jane, CFO, budget approved", Start(
        "Acme Corp", notes="talked to Jane, CFO, budget approved")),
    ("Acme Corp: CFO, 80k", Start("Acme Corp", notes="CFO, 80k")),
    ("Acme Corp - budget approved", Start("Acme Corp", notes="budget approved")),
    ("Acme Corp\nCFO signs", Start("Acme Corp", notes="CFO signs")),
    ("Acme Corp --flow meddic — budget approved", Start("Acme Corp", "meddic",
                                                        "budget approved")),
    ("Acme Corp — budget approved --flow meddic", Start("Acme Corp", "meddic",
                                                        "budget approved")),
    ('"Smith - Jones" - the CFO wants it', Start("Smith - Jones", notes="the CFO wants it")),
    # What follows a dash is a name's, unless it reads as notes or runs to a few words.
    ("Smith - Jones Ltd", Start("Smith - Jones Ltd")),
    ("Acme — EMEA division", Start("Acme — EMEA division")),
    ("Acme — EMEA team, they want a demo next week", Start(
        "Acme", notes="EMEA team, they want a demo next week")),
])
def test_call_notes_after_the_lead(text: str, expected: object) -> None:
    assert p(text) == expected


def test_a_long_lead_is_refused_with_its_length() -> None:
    assert p("A" * (MAX_LEAD + 1)) == Problem(
        f"That lead name is {MAX_LEAD + 1} characters; keep it under {MAX_LEAD}.")


def test_the_help_is_made_from_the_subcommands_and_the_setting() -> None:
    text = help_text(12)
    assert "last 12 weeks" in text and "last 4 weeks" not in text
    for usage in ("/qualify <lead>", "/qualify rules [flow]", "/qualify history <lead>",
                  "/qualify stats [weeks]", "/qualify help", "— <call notes>"):
        assert usage in text
