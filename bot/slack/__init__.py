"""Talking to Slack's Web API, shared by every feature (moving here from ``bot/``)."""
