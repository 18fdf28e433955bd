"""Stage: quotes. Every quote with its speaker, the outlets that carry it and their wordings."""
