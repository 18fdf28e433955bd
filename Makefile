# One-command workflows; see README.md. Everything runs inside .venv, made on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# MkDocs stamps the sitemap with this time: fixed, so the same seeds give the same site bytes.
export SOURCE_DATE_EPOCH ?= 0
SEEDS ?= seeds
CONTENT ?= content

.PHONY: site content serve test test-fast golden bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

content: $(VENV)/.installed
	$(PY) -m generator build --seeds $(SEEDS) --out $(CONTENT)

# The hooks in mkdocs.yml do the rest of the site: hooks/page_cache.py makes --dirty exact (each file
# is checked by content; what a removed page left is deleted) and renders new pages on every core;
# hooks/search.py indexes the site with Pagefind. Both keep their cache in .site.cache/.
site: content
	$(VENV)/bin/mkdocs build --strict --dirty

serve: site
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

test: $(VENV)/.installed-test
	$(PY) -m pytest

# The unit tests only (seconds); `make test` runs the end-to-end tests too.
test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -m "not slow"

golden: $(VENV)/.installed
	$(PY) -m tests.golden

bench: $(VENV)/.installed
	$(PY) benchmarks/build_speed.py

# The generator removes only what it wrote: the docs folder, its cache, lock and a killed build's leftovers.
# .site.cache is the site hooks' (page cache and search index).
clean:
	if [ -x $(PY) ]; then $(PY) -m generator clean --out $(CONTENT); else rm -rf $(CONTENT); fi
	rm -rf site .site.cache .pytest_cache
