"""Stage 1, stories: which articles tell the same story (front matter, folders, or grouping by wording)."""
