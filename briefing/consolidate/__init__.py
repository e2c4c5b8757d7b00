"""Stage 3, consolidate: every article's Extraction → one Corpus.

    merge        the same figure from several sources becomes one claim; conflicts, series, themes
    corrections  staff corrections applied to the extractions before they are merged
"""
