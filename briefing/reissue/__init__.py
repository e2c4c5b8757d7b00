"""Reissuing: what carries from one build to the next.

    cache              each article's reading and extraction, each audience's rendered files
    extractor_version  the version of the rules, which keys the article cache
    incremental        per audience: compose, decide whether it is a new issue, render if needed
    issues             the archive of issues (out/<audience>/archive/<n>/)
    changes            what's new since the previous issue
    publish            a brief's files made live together; leftovers of killed builds removed
    lock               one build per output folder
    delivery           e-mail of each new issue
"""
