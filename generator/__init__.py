"""News explainer: turn a folder of articles about the same events into a site that explains the story and compares the sources."""
