"""Qualibot's outside world: Slack, storage, the web server and the CLI."""
