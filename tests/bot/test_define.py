"""/define answers the asker only; typos get the closest terms."""
from tests.bot.test_security import _rendered_strings
from tests.harness import Harness


def test_known_term_is_defined_ephemerally(qualibot: Harness) -> None:
    r = qualibot.command("/define", "prospect", "U0ASK")
    assert r.status == 200
    body = r.json
    assert body["response_type"] == "ephemeral"
    assert body["blocks"][0]["text"]["text"].startswith("*prospect*\n")
    assert qualibot.fake.find("chat.postMessage") == []


def test_alias_and_plural(qualibot: Harness) -> None:
    assert "*qualified sales lead*" in qualibot.command("/define", "Qualified Sales Leads",
                                                          "U0ASK").body
    assert "*ideal customer profile*" in qualibot.command("/define", "ICP", "U0ASK").body


def test_misspelled_term_suggests(qualibot: Harness) -> None:
    body = qualibot.command("/define", "prospekt", "U0ASK").json
    assert "Did you mean *prospect*" in body["text"]
    assert body["blocks"][1]["elements"][0]["text"]["text"] == "prospect"


def test_unknown_term_says_how_terms_are_added(qualibot: Harness) -> None:
    body = qualibot.command("/define", "zebra crossing", "U0ASK").json
    assert "isn't in the team's glossary" in body["text"] and "Propose it" in body["text"]
    assert body["blocks"][-1]["elements"][0]["text"]["text"] == "Propose this term"


def test_markup_in_the_term_is_escaped(qualibot: Harness) -> None:
    body = qualibot.command("/define", "<!channel> <@U0BOSS>", "U0ASK").json
    shown = list(_rendered_strings(body))
    assert shown and all("<!channel>" not in s and "<@U0BOSS>" not in s for s in shown)
    assert any("&lt;!channel&gt;" in s for s in shown)


def test_define_alone_lists_the_terms(qualibot: Harness) -> None:
    body = qualibot.command("/define", "", "U0ASK").json
    assert "terms" in body["text"] and "*prospect*" in str(body["blocks"])


def test_suggestion_button_shows_the_definition(qualibot: Harness) -> None:
    h = qualibot
    body = h.command("/define", "prospekt", "U0ASK").json
    from tests.fakeslack import Posted

    msg = Posted("C0GENERAL", "", body["text"], body["blocks"], ephemeral_to="U0ASK")
    assert h.click("U0ASK", msg, "prospect").status == 200
    reply = h.fake.wait(lambda: h.fake.find("response_url"))
    assert reply[0].params["replace_original"] is True
    assert "*prospect*" in reply[0].params["blocks"][0]["text"]["text"]
