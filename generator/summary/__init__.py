"""Stage: summary. Choose the cited sentences that tell what happened, and what the newest sources add."""
