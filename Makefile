# Reading a district party newspaper: `make help` lists the targets (see README.md).
#   make report   all notebooks on your issues -> reports/*.html (+ index.html), figures/, data/processed/
#   make test     unit tests, answer-key tests and nbval over the notebooks
# Every target creates .venv/ and installs requirements.txt (pinned, PyPI only) when needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
# Notebooks run side by side (the longest first, scripts/run_reports.py): as many as there are cores, at least two.
JOBS   ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -lt 2 ] && n=2; echo $$n)
# `make report ISSUES=folder` reads another folder; by default data/bulletins/ (the sample while it is empty).
ISSUES ?=
# `make bench N="1 100 2000"`: the sizes to measure (issues); empty for the benchmark's defaults.
N      ?=
export PATH := $(CURDIR)/$(BIN):$(PATH)
export PYTHONHASHSEED := 0

.DEFAULT_GOAL := help
.PHONY: help report test install notebooks bench lab year check-reports clean

help:  ## this list
	@echo "Targets (make TARGET):"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 16

install: $(STAMP)  ## create .venv/ and install the pinned requirements

$(STAMP): requirements.txt pyproject.toml
	@echo "== installing into $(VENV)/ (first run takes a minute)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

report: $(STAMP)  ## all notebooks on data/bulletins/ (or ISSUES=folder) -> reports/index.html
	@mkdir -p reports build/logs
	@env -u OUTPUT_DIR $(if $(ISSUES),BULLETINS=$(abspath $(ISSUES)),-u BULLETINS) $(BIN)/python -c \
	  "import os, helpers as h; f = h.issues_folder(); c = h.open_corpus(f); r = os.path.relpath(f); print(f'== {f if r.startswith(os.pardir) else r}: {len(c.issues)} issues, {len(c.articles)} articles')"
	@echo "== running $(words $(NOTEBOOKS)) notebooks, $(JOBS) at a time"
	@env -u OUTPUT_DIR $(if $(ISSUES),BULLETINS=$(abspath $(ISSUES)),-u BULLETINS) \
	  $(BIN)/python scripts/run_reports.py --jobs $(JOBS) --out reports --logs build/logs $(NOTEBOOKS)
	@env -u OUTPUT_DIR $(if $(ISSUES),BULLETINS=$(abspath $(ISSUES)),-u BULLETINS) $(BIN)/python scripts/report_index.py reports
	@$(BIN)/python scripts/finish_report.py reports/index.html
	@echo "== done: open reports/index.html; figures in figures/, tables in data/processed/"

test: $(STAMP)  ## unit tests, answer key, doctests and nbval over the notebooks (pinned sample)
	BULLETINS=$(CURDIR)/tests/pinned OUTPUT_DIR=$(CURDIR)/build/test-out BULLETIN_CACHE=$(CURDIR)/build/test-cache \
	  $(BIN)/python -m pytest tests notebooks helpers.py bulletins --doctest-modules --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/sanitize.cfg -q

# Re-execute the notebooks in place on the pinned sample (restart and run all),
# so that their stored outputs are what `make test` compares.
notebooks: $(STAMP)  ## rerun the notebooks in place on the pinned sample (do this before committing one)
	@mkdir -p build/logs
	@printf '%s\n' $(NOTEBOOKS) | BULLETINS=$(CURDIR)/tests/pinned OUTPUT_DIR=$(CURDIR)/build/nb-out \
	  BULLETIN_CACHE=$(CURDIR)/build/nb-cache xargs -P $(JOBS) -I{} sh -c \
	  'echo "   $$1"; $(BIN)/jupyter nbconvert --log-level=ERROR --to notebook --execute --inplace \
	     --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.extra_arguments=--IPKernelApp.log_level=ERROR "$$1" >build/logs/$$(basename $$1).log 2>&1 || \
	   { cat build/logs/$$(basename $$1).log; exit 255; }' _ {}

bench: $(STAMP)  ## the benchmark; sizes with N="1 100 2000"
	$(BIN)/python benchmarks/bench.py $(N)

lab: $(STAMP)  ## JupyterLab on the notebooks (works as root too)
	$(BIN)/jupyter lab notebooks/ $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

year: $(STAMP)  ## write a synthetic year of dated issues to build/year/ (then: make report ISSUES=build/year)
	$(BIN)/python tests/fixtures/year/make_year.py build/year

check-reports:  ## open every report in headless Chromium: fonts, offline tables, no Python output; screenshots
	$(BIN)/python scripts/check_reports.py reports --shots build/screenshots

clean:  ## remove build/, reports/ and the cache
	rm -rf build reports .cache
