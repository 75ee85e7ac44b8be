"""The same claim across the library: sentences, pair features and the fitted same-claim model.

Pure Python (plus numpy-free JSON weights at run time); no Qt, no spaCy, no download.
"""
