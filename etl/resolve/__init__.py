"""Resolve: who is who across the corpus.

Takes the names the extraction found and gives the keys by which one person or organisation is
recognised across articles. Pure Python; never imports spaCy.
"""
