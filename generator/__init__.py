"""News explainer: turn a folder of articles about the same events into a site that explains the story and compares the sources."""
import os

# The build runs one process per core (``build._digest_all``), so a numerical library's own threads
# only contend for the cores: with OpenBLAS's default of a thread per core in each digest worker,
# the events' similarity matrices took 22 s of CPU for 240 stories, with one thread 10 s (the same
# numbers). OpenBLAS reads this when numpy loads it, so it is set here, before anything imports
# numpy; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
