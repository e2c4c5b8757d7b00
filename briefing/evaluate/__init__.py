"""Scoring extraction against a hand-made gold (the `eval` command and the CI gate).

    scores   matching rules, per-category precision/recall, attribute shares, floors
"""
