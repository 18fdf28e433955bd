"""News explainer: turn a folder of articles about the same events into a site that explains the story and compares the sources."""
import os

# The build runs one process per core (``build._digest_all``), so a numerical library's own threads
# only contend for the cores: with OpenBLAS's default of a thread per core in each digest worker, the
# 494 articles of benchmarks/scale.py's 1x folder took 37.8 and 36.8 s to build on this project's
# 2-core machine, with one thread 32.3 and 31.5 s (`python -m generator build --no-cache`, run with
# OPENBLAS_NUM_THREADS=2 and without; the same output). OpenBLAS reads this when numpy loads it, so
# it is set here, before anything imports numpy; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
