"""Stage: people. People, organisations and places, with their aliases and spellings."""
