"""The conversation as a state machine, with no Slack at all."""
from config.loader import load_flows
from flows.conversation import (
    Ask,
    Cancel,
    Cancelled,
    ChooseEdit,
    Edit,
    Explain,
    Finished,
    Help,
    Pick,
    Review,
    Say,
    Stale,
    Start,
    Submit,
    step,
)
from flows.model import Draft, Status

BANT = load_flows()["bant"]


def answered(choice_index: int = 0) -> Draft:
    draft = Draft(flow_id="bant", lead="Acme")
    for question in BANT.questions:
        draft, reply = step(BANT, draft, Pick(question.id, question.choices[choice_index].id))
    return draft


def test_start_asks_the_first_question() -> None:
    draft = Draft(flow_id="bant", lead="Acme")
    same, reply = step(BANT, draft, Start())
    assert same == draft
    assert isinstance(reply, Ask) and reply.number == 1 and reply.of == len(BANT.questions)


def test_all_answered_is_a_review_not_yet_final() -> None:
    draft = Draft(flow_id="bant", lead="Acme")
    for question in BANT.questions:
        draft, reply = step(BANT, draft, Pick(question.id, question.choices[0].id))
    assert isinstance(reply, Review) and reply.score.total == 25
    assert draft.status is Status.DRAFT


def test_submit_makes_it_final() -> None:
    done, reply = step(BANT, answered(), Submit())
    assert isinstance(reply, Finished) and reply.score.total == 25
    assert done.status is Status.COMPLETED


def test_typed_words_at_review() -> None:
    draft = answered()
    assert isinstance(step(BANT, draft, Say("Submit"))[1], Finished)
    assert isinstance(step(BANT, draft, Say("yes"))[1], Finished)
    assert isinstance(step(BANT, draft, Say("change"))[1], ChooseEdit)
    same, reply = step(BANT, draft, Say("banana"))
    assert same == draft and isinstance(reply, Review) and reply.unclear == "banana"


def test_change_an_answer_from_the_review() -> None:
    draft = answered()
    _, menu = step(BANT, draft, Edit())
    assert isinstance(menu, ChooseEdit) and len(menu.answers) == 5
    editing, ask = step(BANT, draft, Edit("budget"))
    assert isinstance(ask, Ask) and ask.question.id == "budget"
    assert ask.previous is not None and ask.previous.choice_id == "funded"
    changed, reply = step(BANT, editing, Pick("budget", "none"))
    assert isinstance(reply, Review) and reply.score.total == 20
    assert changed.editing is None and changed.answer_for("budget").choice_id == "none"
    assert [a.question_id for a in changed.answers] == [q.id for q in BANT.questions]


def test_going_back_mid_way_then_on_to_the_next_open_question() -> None:
    first, second = BANT.questions[:2]
    draft, _ = step(BANT, Draft(flow_id="bant", lead="Acme"), Pick(first.id, "clear"))
    draft, ask = step(BANT, draft, Edit(first.id))
    assert isinstance(ask, Ask) and ask.question.id == first.id
    draft, ask = step(BANT, draft, Say("No clear need"))
    assert isinstance(ask, Ask) and ask.question.id == second.id
    assert draft.answer_for(first.id).choice_id == "none"


def test_cancel_closes_the_draft_at_any_stage() -> None:
    for draft in (Draft(flow_id="bant", lead="Acme"), answered()):
        closed, reply = step(BANT, draft, Cancel())
        assert isinstance(reply, Cancelled) and closed.status is Status.CANCELLED
        assert isinstance(step(BANT, closed, Start())[1], Stale)
    assert isinstance(step(BANT, Draft(flow_id="bant", lead="A"), Say("cancel"))[1], Cancelled)


def test_help_explains_the_question() -> None:
    draft = Draft(flow_id="bant", lead="Acme")
    assert step(BANT, draft, Say("help"))[1] == Explain(BANT.questions[0])
    assert step(BANT, draft, Help("budget"))[1] == Explain(BANT.question("budget"))


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
    assert isinstance(reply, Stale) and isinstance(reply.current, Ask)
    assert reply.current.number == 2


def test_submitted_draft_takes_no_more_answers() -> None:
    done, _ = step(BANT, answered(-1), Submit())
    same, reply = step(BANT, done, Say("Decision maker"))
    assert same == done and isinstance(reply, Stale) and reply.current is None


def test_unknown_choice_in_a_click_is_refused() -> None:
    first = BANT.questions[0]
    draft = Draft(flow_id="bant", lead="Acme")
    same, reply = step(BANT, draft, Pick(first.id, "no_such_choice"))
    assert same == draft and isinstance(reply, Stale)


def test_submit_while_changing_an_answer_keeps_it_and_returns_to_review() -> None:
    editing, _ = step(BANT, answered(), Edit("budget"))
    kept, reply = step(BANT, editing, Submit())
    assert isinstance(reply, Review) and kept.editing is None and reply.score.total == 25
    kept, reply = step(BANT, editing, Say("submit"))
    assert isinstance(reply, Review) and kept.editing is None


def test_a_form_fills_answers_and_leaves_the_rest_to_ask() -> None:
    from flows.conversation import Fill
    from flows.model import Answer

    draft = Draft(flow_id="bant", lead="Acme")
    draft, _ = step(BANT, draft, Pick("need", "none"))
    given = (Answer(question_id="need", choice_id="clear"),  # replaces the earlier answer
             Answer(question_id="role", choice_id="decision_maker"),
             Answer(question_id="budget", choice_id="funded"),
             Answer(question_id="size", choice_id="nope"),  # not a choice: left out
             Answer(question_id="gone", choice_id="x"))  # not a question: left out
    offered = (Answer(question_id="timing", choice_id="within_year", typed="end of summer"),)
    after, reply = step(BANT, draft, Fill(given, offered))
    assert [(a.question_id, a.choice_id) for a in after.answers] == [
        ("need", "clear"), ("role", "decision_maker"), ("budget", "funded")]
    assert isinstance(reply, Ask) and reply.question.id == "timing"
    assert reply.proposal is not None and reply.proposal.choice_id == "within_year"
    full = tuple(Answer(question_id=q.id, choice_id=q.choices[0].id) for q in BANT.questions)
    done, reply = step(BANT, after, Fill(full, offered))  # an answer stands over a proposal
    assert isinstance(reply, Review) and reply.score.total == 25 and not done.proposals
    closed = done.model_copy(update={"status": Status.COMPLETED})
    assert isinstance(step(BANT, closed, Fill(full))[1], Stale)
