"""One module per command-line verb, each with `HELP`, `add_arguments(parser)` and `run(args)`.

    build        build the briefs (the default verb)      watch        rebuild on every change
    articles     list the articles and what was read      facts        every extracted figure
    eval         score extraction against a gold file     templates    list the templates
    corrections  import an edited facts sheet             settings     every setting and its source
    review       a local page to confirm/correct/reject figures, and rebuild

`briefing.cli` builds the parser from these modules and dispatches to `run`; the settings
(flags, briefing.toml, defaults) are briefing.settings.
"""
