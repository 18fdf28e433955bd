"""Helpers that are not about language and not a stage: data structures the stages share."""
