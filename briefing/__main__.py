"""`python -m briefing [command] [options]`: the same command line as `briefing` (see README)."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m briefing"))
