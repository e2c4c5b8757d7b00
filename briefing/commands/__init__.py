"""One module per command-line verb; `briefing.cli` parses the arguments and dispatches here."""
