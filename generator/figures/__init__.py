"""Stage: figures. The numbers the sources give, what each counts, and where sources disagree."""
