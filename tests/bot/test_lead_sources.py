"""The lead's name proposed from a message, and its text as call notes: realistic inbound
messages, as Slack delivers them (mrkdwn, links, mailto)."""
import pytest

from bot.qualify.sources import NOTES_MAX, as_notes, message_text, plain_text, propose_lead

WEB_FORM = """*New demo request* from the website
*Name:* Jane Doe
*Email:* <mailto:jane.doe@globex.com|jane.doe@globex.com>
*Company:* Globex Corporation
*Team size:* 200-500
*Message:* We need this before Q3, budget is approved."""

FORWARDED = """---------- Forwarded message ---------
From: Peter Gibbons <<mailto:peter@initech.co.uk|peter@initech.co.uk>>
Subject: Re: pricing
Hi, we'd like pricing for 40 seats. I'm the VP of Ops and we have budget."""


@pytest.mark.parametrize("text, lead", [
    (WEB_FORM, "Globex Corporation"),
    ("Company name: Hooli\nContact: Gavin", "Hooli"),
    ("organisation = Pied Piper\nsize: 12", "Pied Piper"),
    (FORWARDED, "Initech"),
    ("can someone call these folks? Talked to Bill Lumbergh at Initech, they want a demo",
     "Initech"),
    ("can someone call these folks at Umbrella Health? :pray:", "Umbrella Health"),
    ("Inbound from Stark Industries, asked for a callback", "Stark Industries"),
    ("Met the CFO of Wayne Enterprises Inc. at the conference, very keen",
     "Wayne Enterprises Inc"),
    ("ping from jane@gmail.com about 50 seats, works for Vandelay Industries",
     "Vandelay Industries"),
    ("New signup: <mailto:ops@soylent-green.com|ops@soylent-green.com>", "Soylent Green"),
    ("Fwd: Acme wants a quote\nsee below", "Acme wants a quote"),
    ("<@U123ABC> Tyrell needs a call back today. Urgent!", "Tyrell needs a call back today"),
    ("", ""),
    (":wave:", ""),
])
def test_propose_lead(text: str, lead: str) -> None:
    assert propose_lead(text) == lead


def test_a_long_first_line_is_cut_at_a_word() -> None:
    name = propose_lead("word " * 40)
    assert 0 < len(name) <= 80 and not name.endswith(" ")


def test_message_text_reads_markup_and_attachments() -> None:
    assert plain_text("<https://acme.com|Acme> &amp; <mailto:a@b.io|a@b.io> <@U1>") == \
        "Acme & a@b.io <@U1>"
    from_bot = {"text": "", "attachments": [{"pretext": "New lead", "fields": [
        {"title": "Company", "value": "Massive Dynamic"}]}]}
    assert message_text(from_bot) == "New lead\nCompany: Massive Dynamic"
    assert propose_lead(message_text(from_bot)) == "Massive Dynamic"
    assert message_text({"text": ""}) == ""
    blocks_only = {"text": "", "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "New inbound lead"}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "*Company:* Initech"},
                                       {"type": "mrkdwn", "text": "*Seats:* 40"}]},
        {"type": "divider"}, "junk"]}
    assert message_text(blocks_only) == "New inbound lead\n*Company:* Initech\n*Seats:* 40"
    assert propose_lead(message_text(blocks_only)) == "Initech"


def test_notes_fit_the_form() -> None:
    assert len(as_notes("x" * 5000)) == NOTES_MAX
    assert as_notes("  short  ") == "short"
