"""Qualibot's domain: flows, answers, scores and the glossary. Pure: no Slack, no I/O."""
