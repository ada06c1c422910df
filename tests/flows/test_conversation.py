"""The conversation as a state machine, with no Slack at all."""
from config.loader import load_flows
from flows.conversation import Ask, Finished, Pick, Say, Stale, Start, step
from flows.model import Draft, Status

BANT = load_flows()["bant"]


def test_start_asks_the_first_question() -> None:
    draft = Draft(flow_id="bant", lead="Acme")
    same, reply = step(BANT, draft, Start())
    assert same == draft
    assert isinstance(reply, Ask) and reply.number == 1 and reply.of == len(BANT.questions)


def test_clicks_walk_to_a_finished_score() -> None:
    draft = Draft(flow_id="bant", lead="Acme")
    for question in BANT.questions:
        draft, reply = step(BANT, draft, Pick(question.id, question.choices[0].id))
    assert isinstance(reply, Finished)
    assert draft.status is Status.COMPLETED
    assert reply.score.total == 25


def test_unclear_typed_reply_reasks_and_keeps_state() -> None:
    draft = Draft(flow_id="bant", lead="Acme")
    same, reply = step(BANT, draft, Say("perhaps?"))
    assert same == draft
    assert isinstance(reply, Ask) and reply.unclear is not None and reply.number == 1


def test_click_on_an_old_question_is_stale() -> None:
    first = BANT.questions[0]
    draft, _ = step(BANT, Draft(flow_id="bant", lead="Acme"), Pick(first.id, first.choices[0].id))
    again, reply = step(BANT, draft, Pick(first.id, first.choices[1].id))
    assert again == draft
    assert isinstance(reply, Stale) and reply.current is not None and reply.current.number == 2


def test_finished_draft_takes_no_more_answers() -> None:
    draft = Draft(flow_id="bant", lead="Acme")
    for question in BANT.questions:
        draft, _ = step(BANT, draft, Pick(question.id, question.choices[-1].id))
    same, reply = step(BANT, draft, Say("Decision maker"))
    assert same == draft and isinstance(reply, Stale) and reply.current is None


def test_unknown_choice_in_a_click_is_refused() -> None:
    first = BANT.questions[0]
    draft = Draft(flow_id="bant", lead="Acme")
    same, reply = step(BANT, draft, Pick(first.id, "no_such_choice"))
    assert same == draft and isinstance(reply, Stale)
