"""Briefing generator: raw e-government articles in, cited per-audience DOCX/PDF briefs out.

Pipeline (one module or package per stage): read → extract → consolidate → compose → render.
See `briefing.build.build` for the whole pipeline in one function.
"""

__version__ = "0.1.0"
