"""The ``qualibot`` command: each module adds its own subcommands to ``main``."""
from bot.cli import console, glossary, pipeline, reading, rules, serving, teams  # noqa: F401 -- registers them
from bot.cli.base import main

__all__ = ["main"]
