"""The baseline: a bare Bolt app on Qualibot's own server stack (gunicorn gthread, the
same workers and threads) that answers the same requests with the same shape of
messages and no database: a question per click, a review, a card on Submit.

Run by ``bench.run`` as ``python -m bench.bare``; settings from the same environment.
The stack floor (``bench.stack``) is served by the same server and Bolt set-up.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App, BoltRequest
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient

STEPS = 5


def _buttons(n: int, lead: str) -> list[dict[str, Any]]:
    labels = ["Submit"] if n == STEPS else [f"Answer {n + 1}.{i}" for i in range(1, 4)]
    return [{"type": "actions", "elements": [
        {"type": "button", "action_id": f"step:{i}", "value": f"{n + 1}|{lead}",
         "text": {"type": "plain_text", "text": label}} for i, label in enumerate(labels)]}]


def bolt_app(client: WebClient, signing_secret: str) -> App:
    """A Bolt app of one workspace, authorized without a call to Slack."""
    return App(client=client, signing_secret=signing_secret,
               authorize=lambda **_: AuthorizeResult(
                   enterprise_id=None, team_id="T0TEAM", bot_token=client.token,
                   bot_user_id="U0BOT", bot_id="B0BOT"))


def build() -> App:
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = bolt_app(client, os.environ["SLACK_SIGNING_SECRET"])

    @app.command("/qualify")
    def qualify(ack: Any, command: dict[str, Any], client: WebClient) -> None:
        ack({"response_type": "ephemeral", "text": "Questions are in your DMs."})
        dm = client.conversations_open(users=command["user_id"])["channel"]["id"]
        client.chat_postMessage(channel=dm, text="Question 1", blocks=_buttons(0, command["text"]))

    @app.action(re.compile(r"^step:\d+$"))
    def step(ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        n, _, lead = action["value"].partition("|")
        dm = body["container"]["channel_id"]
        if int(n) > STEPS:
            client.chat_postMessage(channel=dm, text="Submitted")
            client.chat_postMessage(channel=os.environ["SALES_CHANNEL"], text=f"Card: {lead}")
        else:
            client.chat_postMessage(channel=dm, text=f"Question {n}",
                                    blocks=_buttons(int(n), lead))
    return app


class Server(BaseApplication):  # type: ignore[misc]
    """gunicorn gthread serving the app ``build`` makes, built in each worker."""

    def __init__(self, build: Callable[[], App]):
        self.build = build
        super().__init__()

    def load_config(self) -> None:
        for key, value in {"bind": f"0.0.0.0:{os.environ['PORT']}",
                           "workers": int(os.environ.get("WEB_CONCURRENCY", "2")),
                           "worker_class": "gthread", "threads": 8, "backlog": 1024,
                           # Qualibot's WEB_KEEPALIVE, with the same default: the server
                           # stack is the same, only the app differs.
                           "keepalive": int(os.environ.get("WEB_KEEPALIVE", "0")),
                           "accesslog": None, "loglevel": "warning"}.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        app = self.build()

        def wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
            if environ.get("PATH_INFO") == "/healthz":
                start_response("200 OK", [("Content-Length", "2")])
                return [b"ok"]
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode()
            headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items()
                       if k.startswith("HTTP_")}
            headers["content-type"] = environ.get("CONTENT_TYPE", "")
            resp = app.dispatch(BoltRequest(body=body, headers=headers))
            data = resp.body.encode()
            start_response(f"{resp.status} X", [("Content-Length", str(len(data))),
                                                ("Content-Type", "application/json")])
            return [data]
        return wsgi


if __name__ == "__main__":
    Server(build).run()
