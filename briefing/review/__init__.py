"""`briefing review`: a local page where staff check the figures a brief is unsure of.

    items    what the page lists: each figure with its sentence, source, what was found and why
    server   the Starlette app (page, decisions, source corrections, rebuild) and uvicorn
    rebuild  "rebuild the briefs": the normal build in a child process
    project  the paths of one project (read: articles, templates; written: corrections)

templates/ (jinja2, autoescaped) and static/ (plain JavaScript and CSS, no build step, no CDN)
ship inside the package.
"""
