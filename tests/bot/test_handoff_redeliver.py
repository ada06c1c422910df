"""A card that could not be posted (the bot removed from the sales channel) is sent again
from Slack: Try again in the SDR's message or in App Home, or by inviting the bot back;
each time exactly once."""
import time

from sqlalchemy import select

from bot.core.models import Outbox
from tests.bot.test_qualify import HOT
from tests.fakeslack import BOT_USER, FakeSlack, Posted
from tests.harness import SALES, Harness

FORM = "application/x-www-form-urlencoded"


def removed_from_sales(fake: FakeSlack, times: int = 1, error: str = "not_in_channel") -> None:
    fake.fail("chat.postMessage", 200, times=times, error=error,
              when=lambda p: p.get("channel") == SALES)


def told(h: Harness, user: str) -> Posted:
    m = h.fake.wait(lambda: next((m for m in h.dm_messages(user)
                                  if "couldn't post it" in m.visible()), None))
    assert m is not None, [m.visible() for m in h.dm_messages(user)]
    return m


def cards(h: Harness, lead: str) -> list[Posted]:
    return [m for m in h.sales_posts() if m.thread_ts is None and lead in m.visible()]


def posted_now(h: Harness, user: str) -> list[Posted]:
    """The SDR's news that their card is posted after all."""
    return [m for m in h.dm_messages(user) if "is posted in" in m.visible()]


def posted_ok(h: Harness) -> int:
    return len([c for c in h.fake.find("chat.postMessage", channel=SALES) if c.ok])


def card_status(h: Harness) -> list[str]:
    with h.runtime.deps.sessions() as s:
        return list(s.scalars(select(Outbox.status).where(Outbox.kind == "slack")
                              .order_by(Outbox.id)))


def test_try_again_in_the_sdrs_message_posts_the_card_once(qualibot_any_db: Harness) -> None:
    h = qualibot_any_db
    removed_from_sales(h.fake)
    h.qualify("U0TRY", "Try Again Co", HOT)
    m = told(h, "U0TRY")
    assert "not_in_channel" in m.visible() and "Invite me back" in m.visible()
    assert m.labels() == ["Try again"]
    assert h.fake.wait(lambda: card_status(h) == ["failed"])
    first = h.click_body("U0TRY", m, "Try again")
    time.sleep(0.002)
    second = h.click_body("U0TRY", m, "Try again")  # a second click on the same button

    assert h.post(first, FORM).status == 200
    assert h.fake.wait(lambda: cards(h, "Try Again Co"))
    assert h.fake.wait(lambda: "Sending" in m.visible() and not m.buttons())
    assert h.fake.wait(lambda: card_status(h) == ["done"])  # posted, and recorded as posted
    assert h.post(first, FORM, headers={"X-Slack-Retry-Num": "1"}).status == 200
    assert h.post(second, FORM).status == 200
    assert h.fake.wait(lambda: [e for e in h.fake.channel("DU0TRY", "U0TRY")
                                if e.ephemeral_to and "already posted" in e.visible()])
    h.drain()
    assert len(cards(h, "Try Again Co")) == 1 and posted_ok(h) == 1
    assert card_status(h) == ["done"]
    assert h.fake.wait(lambda: posted_now(h, "U0TRY"))
    h.runtime.courier.deliver_due()
    assert len(posted_now(h, "U0TRY")) == 1


def test_only_the_sdr_or_an_admin_may_try_again(qualibot: Harness) -> None:
    h = qualibot
    h.fake.admins = {"U0ADMIN"}
    removed_from_sales(h.fake, error="channel_not_found")
    h.qualify("U0OWNER", "Guarded Co", HOT)
    m = told(h, "U0OWNER")
    assert h.fake.wait(lambda: card_status(h) == ["failed"])

    assert h.click("U0NOSY", m, "Try again").status == 200
    polite = h.fake.wait(lambda: [e for e in h.fake.channel("DU0OWNER", "U0NOSY")
                                  if e.ephemeral_to == "U0NOSY"])
    assert polite and "Only <@U0OWNER>" in polite[0].visible()
    h.drain()
    assert card_status(h) == ["failed"] and m.labels() == ["Try again"]

    assert h.click("U0ADMIN", m, "Try again").status == 200
    assert h.fake.wait(lambda: cards(h, "Guarded Co"))
    assert h.fake.wait(lambda: card_status(h) == ["done"])
    assert posted_ok(h) == 1


def test_app_home_lists_cards_not_posted_and_tries_again(qualibot: Harness) -> None:
    h = qualibot
    h.fake.admins = {"U0BOSS"}
    removed_from_sales(h.fake, times=2, error="is_archived")
    h.qualify("U0HOMEA", "Home Alpha", HOT)
    h.qualify("U0HOMEB", "Home Beta", HOT)
    told(h, "U0HOMEA")
    told(h, "U0HOMEB")
    assert h.fake.wait(lambda: card_status(h) == ["failed", "failed"])

    def home_of(user: str) -> str:
        """What the person's Home tab shows above their open qualifications."""
        before = len(h.fake.homes.get(user, []))
        h.open_home(user)
        assert h.fake.wait(lambda: len(h.fake.homes.get(user, [])) > before)
        view = h.fake.home(user)
        assert view is not None
        texts = [str(b.get("text", {}).get("text", "")) for b in view["blocks"]]
        return " ".join(texts[:texts.index("Your open qualifications")])

    mine = home_of("U0HOMEA")
    assert "Your handoffs not posted" in mine and "Home Alpha" in mine
    assert "Home Beta" not in mine and "is_archived" in mine
    assert "not posted" not in home_of("U0QUIET")  # nothing of theirs, not an admin
    everyone = home_of("U0BOSS")
    assert "everyone's" in everyone and "Home Alpha" in everyone and "Home Beta" in everyone
    assert "<@U0HOMEB>" in everyone

    view = h.fake.home("U0BOSS")
    assert view is not None
    published = len(h.fake.homes["U0BOSS"])
    assert h.click_view("U0BOSS", view, "Try again", block_id=next(
        b["block_id"] for b in view["blocks"] if "Home Beta" in
        str(b.get("text", {}).get("text", ""))), ).status == 200
    assert h.fake.wait(lambda: cards(h, "Home Beta"))
    # Refreshed: Beta is no longer listed.
    assert h.fake.wait(lambda: len(h.fake.homes["U0BOSS"]) > published)
    refreshed = [b["block_id"] for b in h.fake.home("U0BOSS")["blocks"]
                 if b.get("block_id", "").startswith("not_posted:")]
    assert refreshed == ["not_posted:1"]  # Home Alpha's only
    assert [m for m in h.dm_messages("U0BOSS") if "Sending *Home Beta*" in m.visible()]
    # The courier records the card as done just after Slack answers the post.
    assert h.fake.wait(lambda: card_status(h) == ["failed", "done"]) and posted_ok(h) == 1


def test_bot_invited_back_to_the_sales_channel_posts_what_failed_at_once(
        qualibot_any_db: Harness) -> None:
    h = qualibot_any_db
    removed_from_sales(h.fake, times=2)
    h.qualify("U0INV1", "Invite One", HOT)
    h.qualify("U0INV2", "Invite Two", HOT)
    told(h, "U0INV1")
    told(h, "U0INV2")
    assert h.fake.wait(lambda: card_status(h) == ["failed", "failed"])

    def joined(user: str, channel: str = SALES, event_id: str | None = None,
               retry: bool = False) -> int:
        event = {"type": "member_joined_channel", "user": user, "channel": channel,
                 "channel_type": "C", "team": "T0TEAM", "inviter": "U0INV1",
                 "event_ts": f"{time.time():.6f}"}
        headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"} \
            if retry else None
        return h.post(h.event_body(event, event_id), "application/json",
                      headers=headers).status

    assert joined("U0SOMEONE") == 200  # someone else joining changes nothing
    assert joined(BOT_USER, channel="C0ELSEWHERE") == 200  # nor the bot joining elsewhere
    h.drain()
    assert card_status(h) == ["failed", "failed"]

    assert joined(BOT_USER, event_id="EvBACK1") == 200
    assert h.fake.wait(lambda: cards(h, "Invite One") and cards(h, "Invite Two"))
    assert h.fake.wait(lambda: card_status(h) == ["done", "done"])
    assert h.fake.wait(lambda: posted_now(h, "U0INV1") and posted_now(h, "U0INV2"))
    assert joined(BOT_USER, event_id="EvBACK1", retry=True) == 200  # Slack's redelivery
    assert joined(BOT_USER) == 200  # invited again later: nothing is failed any more
    h.drain()
    h.runtime.courier.deliver_due()
    assert len(cards(h, "Invite One")) == len(cards(h, "Invite Two")) == 1
    assert posted_ok(h) == 2
    assert len(posted_now(h, "U0INV1")) == len(posted_now(h, "U0INV2")) == 1
