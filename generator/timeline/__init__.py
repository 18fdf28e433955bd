"""Stage: timeline. Dated events with relative dates resolved, and conflicting dates."""
