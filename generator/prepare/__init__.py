"""Prepare: clean an article's text (boilerplate out, broken lines mended) and split it into sentences."""
