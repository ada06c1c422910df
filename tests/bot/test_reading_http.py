"""How sure the reader is of a typed reply, and call notes, over the real HTTP endpoint:
likely readings are proposed (Did you mean …?), sure ones taken, notes fill in answers."""
import json
from urllib.parse import urlencode

from bot.qualify import steps
from flows.model import Draft
from tests.bot.test_qualify import HOT
from tests.fakeslack import Posted
from tests.harness import Harness

FORM = "application/x-www-form-urlencoded"
NEED, TIMING, LATER = HOT[0], HOT[2], "Plans to buy in one year or later"
ROLES = ["Decision maker", "Recommender", "Influencer", "What does this mean?"]


def qualification_id(message: Posted) -> int:
    return int(message.buttons()[0]["value"].split(":")[0])


def draft_of(h: Harness, qid: int) -> Draft:
    with h.runtime.deps.readers() as r:
        row = steps.read_step(r, qualification_id=qid)
        assert row is not None
        return steps.as_draft(row, h.runtime.deps.flows[row.flow_id])


def dm_saying(h: Harness, user: str, words: str) -> Posted:
    """The newest message in the SDR's DM that shows ``words``, once it does."""
    found = h.fake.wait(lambda: next((m for m in reversed(h.dm_messages(user))
                                      if words in m.visible()), None))
    assert found is not None, [m.visible() for m in h.dm_messages(user)]
    return found


def at_role(h: Harness, user: str, lead: str) -> Posted:
    """Start qualifying ``lead`` and click the need: the role question is open."""
    assert h.command("/qualify", lead, user).status == 200
    h.click(user, h.question(user), NEED)
    role = h.question(user, after=1)
    assert role.labels() == ROLES
    return role


def propose(h: Harness, user: str, typed: str = "analyst") -> Posted:
    seen = len(h.dm_messages(user))
    assert h.say(user, typed).status == 200
    proposal = h.question(user, after=seen)
    assert "Did you mean *Influencer*?" in proposal.visible()
    assert f"You typed “{typed}”" in proposal.visible()
    assert proposal.labels() == ["Yes", "No, show the answers"]
    return proposal


def submit_notes(h: Harness, user: str, view: dict, notes: str):
    payload = {"type": "view_submission", "user": {"id": user, "team_id": "T0TEAM"},
               "team": {"id": "T0TEAM"}, "api_app_id": "A0APP", "token": "verification",
               "trigger_id": "1.2.3", "view": dict(view, state={"values": {"notes": {"text": {
                   "type": "plain_text_input", "value": notes}}}})}
    return h.post(urlencode({"payload": json.dumps(payload)}), FORM)


def test_yes_to_a_likely_reading_records_it_once(qualibot: Harness) -> None:
    """An SDR types a job title ("analyst"); the bot guesses Influencer but asks first, so a
    guess never lands in a score unconfirmed. Yes records it and moves on; Slack sending
    the same click again does not record or post anything twice."""
    h = qualibot
    role = at_role(h, "U0LIKE", "Likely Co")
    qid = qualification_id(role)
    proposal = propose(h, "U0LIKE")
    assert draft_of(h, qid).answer_for("role") is None  # only proposed so far
    click = h.click_body("U0LIKE", proposal, "Yes")
    seen = len(h.dm_messages("U0LIKE"))
    assert h.post(click, FORM).status == 200
    timing = h.question("U0LIKE", after=seen)
    assert timing.labels()[0] == TIMING
    h.drain()
    assert not proposal.buttons() and "Influencer (you typed “analyst”)" in proposal.visible()
    assert not role.buttons() and "Asked again below" in role.visible()
    assert draft_of(h, qid).answer_for("role").choice_id == "influencer"

    seen, updates = len(h.dm_messages("U0LIKE")), proposal.updates
    r = h.post(click, FORM, headers={"X-Slack-Retry-Num": "1",
                                     "X-Slack-Retry-Reason": "http_timeout"})
    assert r.status == 200
    h.drain()
    assert len(h.dm_messages("U0LIKE")) == seen and proposal.updates == updates
    assert h.question("U0LIKE").ts == timing.ts
    assert draft_of(h, qid).answer_for("timing") is None


def test_no_to_a_likely_reading_shows_every_answer_and_records_nothing(
        qualibot: Harness) -> None:
    """A wrong guess costs one click: No puts all the role answers back on screen and
    nothing about the role is kept, not even the guess."""
    h = qualibot
    qid = qualification_id(at_role(h, "U0NOPE", "Nope Co"))
    proposal = propose(h, "U0NOPE")
    seen = len(h.dm_messages("U0NOPE"))
    assert h.click("U0NOPE", proposal, "No, show the answers").status == 200
    again = h.question("U0NOPE", after=seen)
    assert again.labels() == ROLES and "which one is it?" in again.visible()
    h.drain()
    assert not proposal.buttons()
    d = draft_of(h, qid)
    assert d.answer_for("role") is None and d.proposal_for("role") is None
    h.click("U0NOPE", again, "Recommender")
    assert h.question("U0NOPE", after=seen + 1).labels()[0] == TIMING


def test_typing_yes_confirms_a_likely_reading(qualibot: Harness) -> None:
    """SDRs who type rather than click can confirm the guess by typing "yes"."""
    h = qualibot
    qid = qualification_id(at_role(h, "U0TYES", "Typed Yes Co"))
    proposal = propose(h, "U0TYES")
    seen = len(h.dm_messages("U0TYES"))
    h.say("U0TYES", "yes")
    assert h.question("U0TYES", after=seen).labels()[0] == TIMING
    h.drain()
    assert draft_of(h, qid).answer_for("role").choice_id == "influencer"
    assert "Influencer (you typed “analyst”)" in proposal.visible()


def test_a_sure_reading_is_taken_and_shows_what_was_typed(qualibot: Harness) -> None:
    """A reply that can only mean one answer is taken without a question, and the message
    it answered keeps the SDR's words, so anyone reading the DM sees why."""
    h = qualibot
    role = at_role(h, "U0SURE", "Sure Co")
    seen = len(h.dm_messages("U0SURE"))
    h.say("U0SURE", "CEO, makes the call")
    assert h.question("U0SURE", after=seen).labels()[0] == TIMING
    h.drain()
    assert not role.buttons()
    assert "Decision maker (you typed “CEO, makes the call”)" in role.visible()
    assert not [m for m in h.dm_messages("U0SURE") if "Did you mean" in m.visible()]


def test_notes_after_the_lead_fill_answers_that_count_in_the_score(qualibot: Harness) -> None:
    """Notes typed after the lead save the SDR re-answering what the call already told:
    only the rest is asked, and the notes' answers count in the score."""
    h = qualibot
    r = h.command("/qualify", "Acme Corp — talked to Jane, CFO. budget approved, deal ~80k",
                  "U0NOTE")
    assert r.status == 200 and "*Acme Corp*" in r.json["text"]
    assert "budget" not in r.json["text"]  # the notes are not part of the lead's name
    first = h.question("U0NOTE")
    notes = dm_saying(h, "U0NOTE", "From your notes on *Acme Corp*:")
    assert h.dm_messages("U0NOTE").index(notes) < h.dm_messages("U0NOTE").index(first)
    text = notes.visible()
    assert "*Budget*: Funding, ready to go — “budget approved”" in text
    assert "*Role*: Decision maker — “CFO”" in text
    assert "*Size*: Plans to buy $50,000 or more — “deal ~80k”" in text
    assert first.labels()[0] == NEED
    h.click("U0NOTE", first, NEED)
    assert h.question("U0NOTE", after=2).labels()[0] == TIMING  # the role is not asked
    summary = h.answer_all("U0NOTE", [LATER]).visible()
    assert "score *21* out of 25" in summary  # 5 + 5 (notes) + 1 + 5 (notes) + 5 (notes)
    assert "Role: Decision maker — *5* of 5" in summary
    assert "Budget: Funding ready — *5* of 5" in summary
    assert "Size: $50,000 or more — *5* of 5" in summary


def test_markup_in_a_lead_with_notes_pings_nobody(qualibot: Harness) -> None:
    """A lead name pasted with Slack markup must never ping the whole channel."""
    h = qualibot
    r = h.command("/qualify", "<!channel> Corp — budget approved", "U0MARK")
    assert r.status == 200 and "<!channel>" not in r.body
    notes = dm_saying(h, "U0MARK", "From your notes on *&lt;!channel&gt; Corp*:")
    assert "*Budget*: Funding, ready to go" in notes.visible()
    h.question("U0MARK")
    h.drain()
    posted = [c.params for c in h.fake.calls
              if c.method in ("chat.postMessage", "chat.update", "response_url")]
    assert posted and not [p for p in posted if "<!channel>" in json.dumps(p)]


def test_pasted_notes_in_the_form_fill_in_answers(qualibot: Harness) -> None:
    """Notes pasted into the form work like notes typed after the lead; an empty form is
    refused in place, and the question the notes answered shows where it came from."""
    h = qualibot
    h.command("/qualify", "Form Co", "U0FORM")
    first = h.question("U0FORM")
    assert h.click("U0FORM", first, "Paste call notes").status == 200
    opened = h.fake.wait(lambda: h.fake.find("views.open"))
    assert len(opened) == 1
    view = h.fake.views[0]
    assert view["callback_id"] == "notes_form"
    assert view["private_metadata"] == str(qualification_id(first))

    r = submit_notes(h, "U0FORM", view, "  ")
    assert r.status == 200 and r.json["response_action"] == "errors"
    assert list(r.json["errors"]) == ["notes"]
    h.drain()
    assert len(h.dm_messages("U0FORM")) == 1  # nothing read, nothing asked

    r = submit_notes(h, "U0FORM", view,
                     "drowning in spreadsheets, clear need. Jane is the CFO, budget approved")
    assert r.status == 200 and not r.body.strip()
    notes = dm_saying(h, "U0FORM", "From your notes on *Form Co*:")
    assert "*Need*: Has a clear need for the product — “drowning in spreadsheets”" in \
        notes.visible()
    assert "*Role*: Decision maker" in notes.visible()
    assert "*Budget*: Funding, ready to go" in notes.visible()
    assert h.question("U0FORM", after=1).labels()[0] == TIMING
    h.drain()
    assert not first.buttons()
    assert "from your notes: “drowning in spreadsheets”" in first.visible()


def test_no_form_for_someone_elses_qualification(qualibot: Harness) -> None:
    """Only the SDR qualifying a lead may paste notes into it."""
    h = qualibot
    h.command("/qualify", "Owner Co", "U0OWNER")
    first = h.question("U0OWNER")
    assert h.click("U0OTHER", first, "Paste call notes").status == 200
    h.drain()
    assert h.fake.find("views.open") == []
    h.click("U0OWNER", first, "Paste call notes")  # the owner's own click does open it
    assert h.fake.wait(lambda: len(h.fake.find("views.open")) == 1)


def test_notes_typed_in_the_dm_are_read_as_notes(qualibot: Harness) -> None:
    """SDRs paste their notes straight into the DM too: a reply stating several answers
    fills them all in, not just the question that was open."""
    h = qualibot
    role = at_role(h, "U0DMNOTE", "DM Notes Co")
    qid = qualification_id(role)
    h.say("U0DMNOTE", "VP of sales, owns the budget and signs; budget approved; 80k; "
                      "go live in Q1")
    notes = dm_saying(h, "U0DMNOTE", "From your notes on *DM Notes Co*:").visible()
    assert "*Role*: Decision maker — “owns the budget and signs”" in notes
    assert "*Size*: Plans to buy $50,000 or more — “80k”" in notes
    assert "*Timing*: " in notes and "— “go live in Q1”" in notes
    h.drain()
    d = draft_of(h, qid)
    assert {a.question_id for a in d.answers if a.source == "notes"} >= {"role", "timing"}
    assert "from your notes: “owns the budget and signs”" in role.visible()
    assert not role.buttons()
    assert h.question("U0DMNOTE").labels()[0] not in (ROLES[0], TIMING)
