"""Audience templates: templates/<name>/template.toml + jinja2 files, with `extends`.

Contract:
    load_template(name: str, extra_dirs: tuple[Path, ...]) -> Template   raises TemplateError
    list_templates(extra_dirs) -> list[Template]
    run_templates(args) -> int             the `generate.py templates` command
"""

from __future__ import annotations
