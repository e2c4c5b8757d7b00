"""Extraction inspection and scoring: the `facts` and `eval` commands.

Contract:
    run_facts(args) -> int     every extracted figure as JSON or CSV
    run_eval(args) -> int      precision/recall per category against a gold YAML file
"""

from __future__ import annotations
