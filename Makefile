# Entry points. Everything installs into .venv from requirements.lock (pinned);
# system packages (Debian's chromium for the browser tests, a JRE for vnu) are
# installed by scripts/install-system-deps.sh when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
PORT   ?= 8000

.PHONY: site serve dist test bench system-deps lock pictures clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

## site: build the whole site into site/ (strict; nothing half-written on error)
site: $(STAMP)
	$(BIN)/edition build

## serve: build, serve site/ on http://127.0.0.1:$(PORT)/, rebuild and reload on every change (live preview)
serve: $(STAMP)
	$(BIN)/edition serve --port $(PORT)

## dist: the offline archive in dist/ (reproducible, with SHA256SUMS)
dist: $(STAMP)
	$(BIN)/edition dist

## system-deps: Debian packages the tests need (chromium, CJK fonts, a JRE)
system-deps:
	bash scripts/install-system-deps.sh

## test: every test (unit, golden, build, browser)
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

## bench: speed and size figures against their budgets
bench: $(STAMP) system-deps
	$(BIN)/edition bench

## pictures: refresh the README's pictures (assets/readme/) from the built site
pictures: site system-deps
	$(BIN)/python scripts/readme_pictures.py --site site --out assets/readme

## lock: add newly published anchors to sources/anchors.lock
lock: $(STAMP)
	$(BIN)/edition lock

clean:
	rm -rf site docs dist .docs.staging* .site.staging* .dist.staging* .docs.old-* .site.old-* .edition-swap.json*
