"""Kept so `python -m bot.salary.evaluate FILE.csv --json` still works.

The code is in build/evaluate.py; this entry point is build time only and
nothing the bot runs imports it.
"""

from __future__ import annotations

import sys

from .build.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
