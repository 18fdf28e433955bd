"""Output: render the digest into Markdown pages and publish them into the docs folder."""
