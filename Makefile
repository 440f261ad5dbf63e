# Entry points. Everything installs into .venv from the lock files in requirements/ (exact
# versions with their hashes, compiled from pyproject.toml by pip-tools: `make lock-deps`):
# site.txt is the runtime (what `make site` and `make serve` need), test.txt adds the books
# and the tests (`make test`, `make dist`, `make bench`). System packages (Debian's chromium
# for the browser tests and the books, a JRE for vnu and EPUBCheck) are installed by
# scripts/install-system-deps.sh when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
SITE_STAMP := $(VENV)/.site-$(shell cat requirements/site.txt pyproject.toml | sha256sum | cut -c1-12)
TEST_STAMP := $(VENV)/.test-$(shell cat requirements/test.txt pyproject.toml | sha256sum | cut -c1-12)
PORT   ?= 8000

.PHONY: site serve dist test bench system-deps lock lock-deps pictures clean

$(SITE_STAMP): requirements/site.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements/site.txt
	$(PIP) --no-deps -e .
	rm -f $(VENV)/.site-*
	touch $@

$(TEST_STAMP): $(SITE_STAMP) requirements/test.txt
	$(PIP) --require-hashes -r requirements/test.txt
	rm -f $(VENV)/.test-*
	touch $@

## site: build the whole site into site/ (strict; nothing half-written on error)
site: $(SITE_STAMP)
	$(BIN)/edition build

## serve: the live preview (mkdocs serve) on http://127.0.0.1:$(PORT)/, rebuilt and reloaded on every change
serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## dist: the offline archive in dist/ (reproducible, with SHA256SUMS)
dist: $(TEST_STAMP)
	$(BIN)/edition dist

## system-deps: Debian packages the tests need (chromium, CJK fonts, a JRE)
system-deps:
	bash scripts/install-system-deps.sh

## test: every test (unit, golden, build, browser), on two workers (pytest-xdist)
test: $(TEST_STAMP) system-deps
	$(BIN)/python -m pytest -q -n 2

## bench: speed and size figures against their budgets
bench: $(TEST_STAMP) system-deps
	$(BIN)/edition bench

## pictures: refresh the README's pictures (assets/readme/) from the built site
pictures: $(TEST_STAMP) site system-deps
	$(BIN)/python scripts/readme_pictures.py --site site --out assets/readme

## lock: add newly published anchors to sources/anchors.lock
lock: $(SITE_STAMP)
	$(BIN)/edition lock

## lock-deps: compile requirements/*.txt again from pyproject.toml (pip-tools; pins kept where they still fit)
lock-deps: $(SITE_STAMP)
	$(PIP) "pip-tools>=7.4,<8"
	$(BIN)/pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras \
		--output-file requirements/site.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras \
		--extra books --extra test --constraint requirements/site.txt --output-file requirements/test.txt pyproject.toml

clean:
	rm -rf site docs dist .docs.staging* .site.staging* .dist.staging* .docs.old-* .site.old-* .edition-swap.json*
