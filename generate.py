"""Thin entry point: `python generate.py [command] [options]` (see README)."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="generate.py"))
