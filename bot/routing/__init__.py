"""Routing: which channel and which AE a qualified lead goes to (config/routing.yaml)."""
