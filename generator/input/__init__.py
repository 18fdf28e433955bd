"""Input: find the article files, decode them, read text or saved web pages, fetch links and feeds."""
