"""Wiring: the runtime, the web server, the jobs."""
