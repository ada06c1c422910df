"""Block Kit: the only package that builds Slack messages.

Every message is a dict with ``text`` (the notification fallback) and ``blocks``. Text that
people typed goes through :func:`esc` before it lands in ``mrkdwn``, so a lead named
``<!channel>`` notifies nobody; ``plain_text`` is shown literally by Slack. The views live
in ``.conversation``, ``.handoff``, ``.glossary``, ``.stats`` and ``.home``; this module
offers them all.
"""
from bot.render.blocks import (  # noqa: F401
    _USER_ID,
    ANSWER_ACTION,
    CANCEL_ACTION,
    CLAIM_ACTION,
    CONFIRM_ACTION,
    EDIT_PICK_ACTION,
    HELP_ACTION,
    NOTES_ACTION,
    NOTES_VIEW,
    PICK_FLOW_ACTION,
    RESUME_ACTION,
    REVIEW_EDIT_ACTION,
    SECTION_MAX,
    SEND_BACK_ACTION,
    SEND_BACK_VIEW,
    SHARE_ACTION,
    SUBMIT_ACTION,
    Message,
    _button,
    _context,
    _cut,
    _line_items,
    _plain,
    _section,
    _when,
    esc,
    mention,
    sections,
    unescape,
)
from bot.render.conversation import (  # noqa: F401
    TYPED_HINTS,
    Changes,
    _accepted,
    _changes,
    answer_value,
    answered,
    ask_for_lead,
    asked_again,
    cancelled,
    choose_edit,
    draft_expired,
    draft_reminder,
    flow_picked,
    history,
    notes_modal,
    notes_read,
    nothing_open,
    oops,
    parse_answer_value,
    pick_flow,
    preview_superseded,
    question,
    question_help,
    review,
    rules,
    stale,
    started,
    summary,
    unknown_flow,
    usage,
)
from bot.render.handoff import (  # noqa: F401
    claimed_already,
    handoff_card,
    handoff_marker,
    handoff_undeliverable,
    send_back_modal,
    sent_back_to_sdr,
    sla_reminder,
)
from bot.render.home import HOME_VIEW, home  # noqa: F401
from bot.render.stats import stats, tally_line  # noqa: F401
