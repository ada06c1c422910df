"""A qualification in Slack: ``/qualify``, the DM conversation, its store and views."""
